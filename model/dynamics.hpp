// Recursive dynamics (docs/dynamics.md, docs/model.md "Recursive dynamics"): the path
// definition (a TOML timeline of dated scenario phases with the dynamics options) and the pure
// formulas of one year's update: capital accounting, labour growth with skill upgrading,
// productivity catch-up and the peace dividend's ramp. No solver and no I/O here; the growth
// data are calibration/dynamics_csv.hpp's and app/path_runner.* drives the yearly solves.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "model/scenario.hpp"

namespace peninsula::model {

// A scenario file applied from a year on. `opening` +1 (open = true) marks the opening that
// raises the catch-up rate from the next year on, -1 (open = false) its end (docs/dynamics.md).
struct PathPhase {
  int year = 0;
  Scenario scenario;
  int opening = 0;
  std::string origin;  // "file:line" of its [[phase]] table
};

// Foreign direct investment a path states: `amount` bvu of capital goods a year, installed in
// `region`'s capital and owned by `owner`, in every year from..to.
struct CapitalInflow {
  std::string region, owner;
  int from = 0, to = 0;
  double amount = 0.0;
  std::string origin;
};

struct PeaceDividend {
  bool enabled = false;
  std::string region = "PRK";
  int from = 0;                    // first year of demobilisation
  int years = 1;                   // phased in linearly over this many years
  double military_cut = 1.0;       // share of military spending released
  double soldiers_released = 1.0;  // share of soldiers released into unskilled labour
  std::string use = "investment";  // the released budget goes to "investment" or "households"
  double bvu_per_worker = 0.0;     // benchmark value units per worker-year (unskilled wage)
  std::string origin;
};

struct CatchUp {
  std::string region = "PRK", frontier = "KOR";
  double rate = 0.0;       // lambda before the opening
  double open_rate = NAN;  // lambda from the year after an `open` phase (NaN: data tfp_catchup)
  double fdi_rate = 0.0;   // extra lambda per unit of the foreign-owned share of capital
};

struct PathSpec {
  std::string name, description, origin, source_text;
  int start = 2015, end = 2045;
  std::string baseline;       // file of the baseline path; empty: this is a baseline
  std::string dynamics_file;  // empty: the database's dynamics.csv
  bool accumulation = true, labour_growth = true, productivity = true, convergence = true;
  double skill_upgrading = 0.0;  // growth of skilled minus unskilled labour added by upgrading
  std::string capital = "CAP", unskilled = "LAB_U", skilled = "LAB_S";
  CatchUp catch_up;
  PeaceDividend peace;
  std::vector<PathPhase> phases;
  std::vector<CapitalInflow> inflows;
  ClosureSpec closure;  // the phases' common closure
};

// Growth rates of unskilled and skilled labour with skill upgrading `delta`: the total
// (u + s, benchmark value units) still grows at u·gu + s·gs, and the skilled rate exceeds the
// unskilled one by delta more than the data say.
struct LabourRates {
  double unskilled = 0.0, skilled = 0.0;
};
LabourRates SkillUpgrading(double u, double s, double gu, double gs, double delta);

// Share of a phased-in measure in force in `year`: 0 before `from`, then 1/years, 2/years,
// ... up to 1.
double Ramp(int year, int from, int years);

// Extra productivity growth of a converging region: lambda · ln(gap), gap = frontier output
// per worker over the region's.
double CatchUpGrowth(double lambda, double gap);

// The 2015 rental rate of capital: capital income qf0 over the capital stock kappa·gdp0, so
// that QF (in units of 2015 capital income) = rental · K (in bvu of capital goods).
double RentalRate(double qf0, double kappa, double gdp0);

// One region's capital accounts in a year, in units of QF (2015 capital income).
struct CapitalAccount {
  double capital = 0.0;       // end of year: the endowment QF the year solves with
  double depreciation = 0.0;  // delta · capital of the year before
  double installed = 0.0;     // rental · real investment of the year before
  double inflow = 0.0;        // foreign direct investment the path states
  double policy = 0.0;        // changes by the year's scenario phases
  std::vector<double> owned;  // [owner region]: units owned abroad (ownq), end of year
};

// K(t) = (1 − δ) K(t−1) + installed + inflow, before the year's phases; owned units
// depreciate at δ and grow with their owner's inflows.
CapitalAccount AccumulateCapital(const CapitalAccount& last, double delta, double installed,
                                 const std::vector<double>& inflow_by_owner);

}  // namespace peninsula::model
