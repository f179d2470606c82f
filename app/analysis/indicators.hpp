// Formulas of the analysis (docs/analysis.md), free of the model: equivalent variation of a
// Cobb-Douglas household, Finger-Kreinin export similarity, Balassa revealed comparative
// advantage, Shapley values and a constant-market-share split of a supplier's sales change.
// Kept apart from the model so each formula is tested on hand-computed numbers.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace peninsula::app::analysis {

// Cobb-Douglas utility relative to the benchmark: prod_i (c_i / c0_i)^beta_i. Goods with a
// zero benchmark quantity or share carry no weight.
double UtilityIndex(const std::vector<double>& beta, const std::vector<double>& c0,
                    const std::vector<double>& c);

// Hicksian equivalent variation in benchmark prices between two states with utility indices
// u_ref and u (above): e(p0, U) - e(p0, U_ref) = budget0 * (u - u_ref), where budget0 is the
// benchmark consumption expenditure sum_i p0_i c0_i.
double EquivalentVariation(double budget0, double u_ref, double u);

// Finger-Kreinin export similarity of two export vectors (by sector): sum_i min(a_i/A, b_i/B),
// in [0, 1]; NaN if either total is not positive.
double FingerKreinin(const std::vector<double>& a, const std::vector<double>& b);

// Balassa RCA of every (region, sector) of a row-major exports matrix [region][sector]:
// (x_ri / x_r) / (x_wi / x_w) with w the world (all regions). NaN where undefined.
std::vector<double> RevealedComparativeAdvantage(const std::vector<double>& exports,
                                                 std::size_t regions, std::size_t sectors);

// Share of each region in world exports of each sector, row-major [region][sector].
std::vector<double> WorldExportShares(const std::vector<double>& exports, std::size_t regions,
                                      std::size_t sectors);

// Characteristic function of a cooperative game: the outcome (a vector) of a coalition,
// given as a bit mask of players.
using Coalition = std::function<std::vector<double>(unsigned mask)>;

// Shapley values phi[player][k] for n players (n <= 16); sum_p phi[p] = v(all) - v(none).
std::vector<std::vector<double>> ShapleyValues(int players, const Coalition& value);

// Percentage change 100 (b / a - 1); NaN when a is 0.
double PercentChange(double a, double b);

// Sales of one good: sales[s][d] is supplier s's sales in market d (its own market when
// s == d), reference and scenario. The change of the home supplier's total sales splits
// exactly into these channels (constant-market-share identity, docs/analysis.md).
struct ChannelSplit {
  double total = 0;                      // change in home's total sales
  double partner_demand = 0;             // home's sales to the partner market
  double home_market_size = 0;           // growth of home's own market at the old share
  double third_market_size = 0;          // growth of third markets at the old shares
  double partner_competition_home = 0;   // partner's share gain in home's market
  double partner_competition_third = 0;  // partner's share gains in third markets
  double other_competition = 0;          // share changes of every other supplier
};
using SalesMatrix = std::vector<std::vector<double>>;
ChannelSplit SplitSalesChange(const SalesMatrix& reference, const SalesMatrix& scenario, int home,
                              int partner);

// The turning point of a response series (a path against its baseline, year by year): the
// sign of its first value beyond `threshold` in size (+1 complements, -1 competes, 0 none) and
// the position of the first later value beyond it with the opposite sign (-1: none). Values
// within the threshold, and NaN, have no sign: they neither start nor turn the response.
struct TurningPoint {
  int initial_sign = 0;
  int index = -1;
};
TurningPoint FindTurningPoint(const std::vector<double>& response, double threshold);

// Sales (supplier × market) with every zone region (parent[z] >= 0) added to its country:
// the zone's sales and purchases become the country's, trade between the two is domestic,
// and the zone's row and column are left at zero. Kaesong's shipments to the South are then
// North Korean competition in the South's market, its materials North Korean demand.
SalesMatrix MergeZones(SalesMatrix m, const std::vector<int>& parent);

}  // namespace peninsula::app::analysis
