// Welfare decomposition by economic source (docs/analysis.md, "Welfare decomposition by
// source"; docs/adr/0006-welfare-by-source.md): the linearised welfare equation of each region,
// derived from the model's equations, integrated numerically along a path of re-solved
// equilibria from the reference to the scenario. Each part is a sum of price-times-quantity
// terms (tax wedges times quantity changes, traded quantities times world-price changes, ...)
// that add up, in the limit of small steps, to the Hicksian equivalent variation.
#pragma once

#include <string>
#include <vector>

#include "app/analysis/decomposition.hpp"

namespace peninsula::app::analysis {

// The parts, in the order of SourceNames().
enum class Source {
  kProductionTax,
  kSalesTax,
  kTariffs,
  kExportTaxes,
  kQuotaRents,
  kTermsOfTrade,
  kEndowments,
  kUnemployment,
  kTechnology,
  kForeignSavings,
  kForeignOwnership,
  kForeignFactorPrices,
  kImportVariety,
  kGovernment,
  kInvestment,
  kDistribution,
  kCount
};

const std::vector<std::string>& SourceNames();
// The group a part belongs to in the report's chart (allocative_efficiency, ...).
const std::string& SourceGroup(int part);

// One term of the welfare equation at one state: d(welfare) += weight · d(quantity). The
// weight carries the region's utility deflator, so the terms add up to the change in money-
// metric utility at benchmark prices.
struct WelfareTerm {
  int part = 0;
  int region = 0;
  double weight = 0.0;
  double quantity = 0.0;
};

// Every term at one state. The list's layout depends only on the model (not on values), so
// the lists of two states of the same model match term by term.
std::vector<WelfareTerm> WelfareTerms(const model::Model& model,
                                      const model::ShockableParameters& p,
                                      const std::vector<double>& x, int numeraire);

// Trapezoid rule of sum_n ∫ weight dq over the nodes, per [part][region], using every
// `stride`-th node (the node count minus one must be a multiple of it).
std::vector<std::vector<double>> IntegrateTerms(const std::vector<std::vector<WelfareTerm>>& nodes,
                                                int regions, int stride = 1);

// How one change moves along the path from t = 0 to 1: geometrically from `start` to
// `finish` (positive quantities), or linearly; exactly `end.value` at t = 1.
struct PathChange {
  Change end;
  double start = 0.0, finish = 0.0;
  bool geometric = false;
};

std::vector<PathChange> PlanPath(const model::Model& model, const Point& from, const Point& to,
                                 const std::vector<Change>& changes);
// The changes' values at fraction t of the path.
std::vector<Change> ChangesAt(const std::vector<PathChange>& path, double t);

// A state on the path.
struct PathState {
  double t;
  const std::vector<double>* x;
};
// The state at `t` by the Lagrange polynomial through the `points` states of `known`
// nearest to t (all of them if fewer): exact for states polynomial in t up to degree
// points − 1. Chord steps contract a prediction's error at a steady rate, so each order it
// gains saves steps.
std::vector<double> PredictState(std::vector<PathState> known, double t, std::size_t points);

// The path starts with `steps` equal intervals and is refined, two intervals at a time where
// the parts leave the most of the EV change unexplained (a kink at a regime switch, such as a
// technology entering), up to `max_steps` intervals, until every region's residual is within
// `tolerance` times the largest |EV| of the regions.
struct SourceOptions {
  int steps = 4;
  int max_steps = 64;
  double tolerance = 1e-3;
  bool extrapolate = true;  // Richardson step with half the nodes (steps even)
};

struct SourceDecomposition {
  std::vector<std::string> parts;
  std::vector<std::vector<double>> ev;  // [part][region]
  std::vector<double> residual;         // [region] total EV minus the sum of the parts
  int steps = 0;                        // intervals of the path used
  bool extrapolated = false;
  std::string note;  // why the decomposition is absent, if it is
};

// Decomposes the EV of every region from `reference` to `scenario` (whose EV is `ev_total`);
// only a note if a node of the path does not solve or its end does not reproduce ev_total.
SourceDecomposition DecomposeBySource(Resolver& resolver, const Point& reference,
                                      const Point& scenario, const std::vector<double>& ev_total,
                                      const SourceOptions& options = {});

}  // namespace peninsula::app::analysis
