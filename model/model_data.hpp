// Everything calibration hands to the model: the sets, the calibrated parameters (in
// calibrated share form: coefficients per unit and benchmark value shares, benchmark prices
// of 1 for every untaxed price), and the benchmark levels of every variable. Index order of
// each table is given in its comment; docs/model.md uses the same symbols.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "model/sets.hpp"
#include "model/table.hpp"

namespace peninsula::model {

enum class Mobility { kMobile, kSpecific };

inline constexpr double kNoCet = std::numeric_limits<double>::infinity();
inline constexpr double kNoQuota = std::numeric_limits<double>::infinity();

// Who receives a quota's rent: the exporter (an export-tax equivalent) or the importer (a
// tariff equivalent); either way it is revenue of that region's government.
enum class RentRecipient { kExporter = 1, kImporter = 2 };

// A bilateral flow that may be capped: quota·m0 − M ≥ 0 ⊥ RENT ≥ 0.
struct QuotaInstrument {
  int sector = 0, source = 0, destination = 0;
  RentRecipient recipient = RentRecipient::kExporter;
};

// A mobile factor whose real wage may not fall below a floor: PF − wfloor·CPI ≥ 0 ⊥ UNEMP ≥ 0.
struct WageFloorInstrument {
  int region = 0, factor = 0;
};

// Income of a mobile factor in `region` owned by `household` of region `owner`: ownq units
// (parameter) earn PF·(1 − tf) for the owner.
struct OwnedFactor {
  int region = 0, factor = 0, owner = 0, household = 0;
};

// Complementarity instruments the model carries. They are part of the model's structure
// (variables and rows), so they are declared when the model is built; scenarios then set
// the quota and floor levels (by default inactive).
struct Instruments {
  std::vector<QuotaInstrument> quotas;
  std::vector<WageFloorInstrument> wage_floors;
  // Ownership the scenarios shock (ownq) beyond what the data declare; income goes to the
  // owner's first household with income unless the data name one.
  std::vector<OwnedFactor> ownership;
};

struct ModelSets {
  Set regions{"region", {}};
  Set sectors{"sector", {}};  // activities and commodities, one to one
  Set factors{"factor", {}};
  Set households{"household", {}};
  Set partners{"partner", {}};  // import sources: the regions, or one exogenous world
};

// Parameters a scenario may shock. Tax rates are ad valorem.
struct ShockableParameters {
  Table tfp;       // (r,j) value-added productivity shifter, 1 in the benchmark
  Table tp;        // (r,j) production tax on unit cost
  Table tc;        // (r,i) sales tax on Armington basic value
  Table tm;        // (i,s,r) import tariff on the cif value from source s into r
  Table te;        // (i,r,d) export tax on the producer value shipped from r to d
  Table tdir;      // (r,h) direct tax on household income
  Table tf;        // (r,f) tax on factor income
  Table pwe;       // (i) world export price, foreign currency (small open economy)
  Table pwm;       // (i) world import price, foreign currency (small open economy)
  Table fsav;      // (r) net foreign savings, world currency
  Table sigma_va;  // (r,j) value-added substitution
  Table sigma_d;   // (r,i) domestic vs composite import
  Table sigma_m;   // (r,i) across import sources
  Table omega;     // (r,i) CET transformation; kNoCet = perfect transformation
  Table quota;     // (i,s,r) cap on imports of i from s into r, share of the benchmark flow
  Table wfloor;    // (r,f) floor on the real wage PF/CPI (0 = none)
  Table ownq;      // (r,f,o) units of factor f in r owned by region o (benchmark units)
  Table access;    // (i,s,r) opening of a latent flow: 0 closed (benchmark), 1 open
  Table entry;     // (r,j) output per input bundle of an entering technology: 0 unavailable
};

struct ModelData {
  ModelSets sets;
  std::vector<int> parent;         // per region: the country a zone region belongs to, or -1
  bool small_open = false;         // one region facing exogenous world prices
  std::vector<Mobility> mobility;  // per factor
  ShockableParameters p;
  ShockableParameters p0;  // benchmark copy, for calibrated ratios such as (1+tp)/(1+tp0)

  // Production
  Table ava;    // (r,j) value added per unit of output
  Table aint;   // (r,j) intermediate bundle value per unit of output at benchmark prices
  Table io;     // (r,i,j) quantity of commodity i per unit of output j
  Table fcoef;  // (r,f,j) factor per unit of value added
  // Entering technologies (entry.csv): a donor's input mix per unit of input bundle, scaled so
  // the bundle costs 1 at the host's benchmark prices; its output adds to the host's supply.
  Table entrant;      // (r,j) 1 where an entering technology exists
  Table entry_ava;    // (r,j) value added per unit of input bundle
  Table entry_io;     // (r,i,j) commodity i per unit of input bundle
  Table entry_fcoef;  // (r,f,j) factor per unit of value added
  // Output split and trade
  Table dcoef;       // (r,i) domestic sales per unit of output (benchmark)
  Table ecoef;       // (r,i) exports per unit of output (benchmark)
  Table dshare;      // (r,i) value share of domestic sales in output revenue
  Table dq;          // (r,i) domestic goods per unit of Armington composite
  Table mq;          // (r,i) composite imports per unit of Armington composite
  Table dval;        // (r,i) value share of domestic goods in the Armington composite
  Table mcoef;       // (i,s,r) imports from s per unit of composite import
  Table mshare;      // (i,s,r) value share of source s in composite imports
  Table pms0;        // (i,s,r) benchmark tax-inclusive import price
  Table latent;      // (i,s,r) 1 for a flow absent in the benchmark that `access` can open
  Table exportable;  // (r,i) 1 where exports exist in the benchmark or a latent flow may open
  // Final demand and income
  Table beta;   // (r,h,i) household budget shares
  Table mps;    // (r,h) savings out of household income
  Table shf;    // (r,f,h) share of factor f's domestic income received by h
  Table trs;    // (r,h) share of tax revenue transferred to h
  Table hhin;   // (r,h) transfers from abroad, world currency (owned income excluded)
  Table hhout;  // (r,h) payments abroad, world currency
  Table fabr;   // (r,f) factor income paid abroad, world currency (owned income excluded)
  std::vector<OwnedFactor> owned;  // endogenous income from factors owned abroad
  Table mu;                        // (r,i) government budget shares
  Table ssg;                       // (r) share of tax revenue saved by government
  Table govin;                     // (r) receipts from abroad, world currency
  Table govout;                    // (r) payments abroad, world currency
  Table lambda;                    // (r,i) investment budget shares
  Table cpiw;                      // (r,i) CPI basket (benchmark quantities)

  // Benchmark levels (prices are 1 unless noted)
  Table x0, va0, f0;      // (r,j), (r,j), (r,f,j)
  Table d0, e0, q0, mc0;  // (r,i)
  Table m0;               // (i,s,r)
  Table c0;               // (r,h,i)
  Table g0, xv0;          // (r,i)
  Table tm0, tx0;         // (r,i) tariff and export-tax revenue
  Table yh0;              // (r,h)
  Table yf0;              // (r,f)
  Table trev0, sav0;      // (r)
  Table qf0;              // (r,f) mobile factor endowment

  // Instruments (set by Model from `instruments`): which flows carry a quota rent and to
  // whom (0 none, else a RentRecipient), which factors have a wage floor (0 or 1).
  Instruments instruments;
  Table rent_to;   // (i,s,r)
  Table floor_on;  // (r,f)
};

// A bilateral flow the model carries: in the benchmark, or latent.
inline bool HasFlow(const ModelData& d, int i, int s, int r) {
  return d.m0(i, s, r) > 0 || (!d.latent.values().empty() && d.latent(i, s, r) != 0);
}
// Whether an entering technology for j exists in r (YN, PVAN and FN exist).
inline bool HasEntrant(const ModelData& d, int r, int j) {
  return !d.entrant.values().empty() && d.entrant(r, j) != 0;
}
// Whether the entering technology for j in r uses factor f (FN exists).
inline bool UsesEntrantFactor(const ModelData& d, int r, int f, int j) {
  return HasEntrant(d, r, j) && d.entry_fcoef(r, f, j) > 0;
}
// Whether r's output of i may be exported (E and PE exist).
inline bool CanExport(const ModelData& d, int r, int i) {
  return d.e0(r, i) > 0 || (!d.exportable.values().empty() && d.exportable(r, i) != 0);
}

}  // namespace peninsula::model
