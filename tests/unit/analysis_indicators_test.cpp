// The analysis formulas (app/analysis/indicators.hpp) on hand-computed cases: equivalent
// variation of a Cobb-Douglas household against a numerically minimised expenditure,
// Finger-Kreinin, Balassa RCA, Shapley values of 2- and 3-player games, and the exact
// channel split of a supplier's sales change.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "app/analysis/indicators.hpp"

namespace peninsula::app::analysis {
namespace {

TEST(EquivalentVariation, DoublingOneOfTwoEqualSharesByHand) {
  // U = sqrt(c1 c2), p0 = (1, 1): e(p0, U) = 2U; U0 = 1, U1 = sqrt(4) = 2, EV = 4 - 2 = 2.
  double u = UtilityIndex({0.5, 0.5}, {1, 1}, {4, 1});
  EXPECT_DOUBLE_EQ(u, 2.0);
  EXPECT_DOUBLE_EQ(EquivalentVariation(2.0, 1.0, u), 2.0);
}

// Expenditure needed at prices p to reach utility level U of prod c^beta, found by bisection
// on the budget of the Cobb-Douglas demands: independent of the closed form.
double Expenditure(const std::vector<double>& beta, const std::vector<double>& p, double level) {
  auto utility = [&](double budget) {
    double log_u = 0;
    for (std::size_t i = 0; i < beta.size(); ++i)
      log_u += beta[i] * std::log(beta[i] * budget / p[i]);
    return std::exp(log_u);
  };
  double lo = 0, hi = 1e6;
  for (int k = 0; k < 200; ++k) {
    double mid = 0.5 * (lo + hi);
    (utility(mid) < level ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

TEST(EquivalentVariation, MatchesExpenditureFunctionWithTaxedBenchmarkPrices) {
  std::vector<double> p0 = {1.1, 1.0}, c0 = {2, 3}, c1 = {2.5, 2.7}, c2 = {1.8, 3.6};
  double budget0 = 1.1 * 2 + 3;
  std::vector<double> beta = {2.2 / budget0, 3 / budget0};
  auto level = [&](const std::vector<double>& c) {
    return std::pow(c[0], beta[0]) * std::pow(c[1], beta[1]);
  };
  double ev1 = Expenditure(beta, p0, level(c1)) - Expenditure(beta, p0, level(c0));
  double ev21 = Expenditure(beta, p0, level(c2)) - Expenditure(beta, p0, level(c1));
  double u1 = UtilityIndex(beta, c0, c1), u2 = UtilityIndex(beta, c0, c2);
  EXPECT_NEAR(EquivalentVariation(budget0, 1.0, u1), ev1, 1e-9);
  // Against another reference state (c1), still in benchmark prices.
  EXPECT_NEAR(EquivalentVariation(budget0, u1, u2), ev21, 1e-9);
  EXPECT_GT(std::abs(ev21), 0.01);
}

TEST(FingerKreinin, HandExample) {
  // shares a = (.5, .5, 0), b = (.25, 0, .75): sum of minima = .25.
  EXPECT_DOUBLE_EQ(FingerKreinin({2, 2, 0}, {1, 0, 3}), 0.25);
  EXPECT_DOUBLE_EQ(FingerKreinin({1, 2, 3}, {2, 4, 6}), 1.0);
  EXPECT_TRUE(std::isnan(FingerKreinin({0, 0}, {1, 2})));
}

TEST(RevealedComparativeAdvantage, HandExample) {
  // Exports [[10, 30], [20, 40]]: region totals 40, 60; sector totals 30, 70; world 100.
  auto rca = RevealedComparativeAdvantage({10, 30, 20, 40}, 2, 2);
  EXPECT_NEAR(rca[0], (10.0 / 40) / 0.3, 1e-12);
  EXPECT_NEAR(rca[1], (30.0 / 40) / 0.7, 1e-12);
  EXPECT_NEAR(rca[2], (20.0 / 60) / 0.3, 1e-12);
  EXPECT_NEAR(rca[3], (40.0 / 60) / 0.7, 1e-12);
  auto share = WorldExportShares({10, 30, 20, 40}, 2, 2);
  EXPECT_NEAR(share[0], 1.0 / 3, 1e-12);
  EXPECT_NEAR(share[3], 4.0 / 7, 1e-12);
}

TEST(Shapley, TwoPlayersByHand) {
  // v(0) = 0, v(1) = 1, v(2) = 2, v(12) = 6: phi1 = (1 + 4)/2, phi2 = (2 + 5)/2.
  double v[] = {0, 1, 2, 6};
  auto phi = ShapleyValues(2, [&](unsigned m) { return std::vector<double>{v[m]}; });
  EXPECT_DOUBLE_EQ(phi[0][0], 2.5);
  EXPECT_DOUBLE_EQ(phi[1][0], 3.5);
}

TEST(Shapley, ThreePlayerGloveGame) {
  // Player 0 owns a left glove, 1 and 2 a right glove each; a pair is worth 1.
  // Known values: 2/3 to the scarce left glove, 1/6 to each right glove.
  auto v = [](unsigned m) {
    return std::vector<double>{(m & 1) && (m & 6) ? 1.0 : 0.0, static_cast<double>(m)};
  };
  auto phi = ShapleyValues(3, v);
  EXPECT_NEAR(phi[0][0], 2.0 / 3, 1e-12);
  EXPECT_NEAR(phi[1][0], 1.0 / 6, 1e-12);
  EXPECT_NEAR(phi[2][0], 1.0 / 6, 1e-12);
  // Second outcome, additive (v = the mask's value = 1*x0 + 2*x1 + 4*x2): phi = (1, 2, 4).
  EXPECT_NEAR(phi[0][1], 1, 1e-12);
  EXPECT_NEAR(phi[1][1], 2, 1e-12);
  EXPECT_NEAR(phi[2][1], 4, 1e-12);
}

TEST(Shapley, PartsSumToTheWholeWithInteractions) {
  auto v = [](unsigned m) {
    double x = m & 1, y = (m >> 1) & 1, z = (m >> 2) & 1;
    return std::vector<double>{3 * x + y * z * 5 - x * y * z * 2 + 0.5 * z};
  };
  auto phi = ShapleyValues(3, v);
  EXPECT_NEAR(phi[0][0] + phi[1][0] + phi[2][0], v(7)[0] - v(0)[0], 1e-12);
  // By hand: x gets 3 - 2/3, y gets 5/2 - 2/3, z gets 5/2 - 2/3 + 1/2.
  EXPECT_NEAR(phi[0][0], 3 - 2.0 / 3, 1e-12);
  EXPECT_NEAR(phi[1][0], 2.5 - 2.0 / 3, 1e-12);
  EXPECT_NEAR(phi[2][0], 3.0 - 2.0 / 3, 1e-12);
}

TEST(SplitSalesChange, HandExampleSumsToTotal) {
  // Suppliers/markets: 0 home, 1 partner, 2 third.
  SalesMatrix ref = {{100, 10, 20}, {5, 50, 5}, {15, 10, 75}};
  SalesMatrix scn = {{110, 20, 18}, {15, 60, 8}, {15, 10, 76}};
  ChannelSplit c = SplitSalesChange(ref, scn, 0, 1);
  EXPECT_NEAR(c.total, 18, 1e-12);
  EXPECT_NEAR(c.partner_demand, 10, 1e-12);
  EXPECT_NEAR(c.home_market_size, 100.0 / 120 * 20, 1e-12);
  EXPECT_NEAR(c.partner_competition_home, -(15 - 5 * 140.0 / 120), 1e-12);
  EXPECT_NEAR(c.third_market_size, 0.2 * 2, 1e-12);
  EXPECT_NEAR(c.partner_competition_third, -(8 - 5.1), 1e-12);
  EXPECT_NEAR(c.other_competition, 2.5 + 0.5, 1e-12);
  double sum = c.partner_demand + c.home_market_size + c.third_market_size +
               c.partner_competition_home + c.partner_competition_third + c.other_competition;
  EXPECT_NEAR(sum, c.total, 1e-12);
}

// Region 3 is a zone of region 1: its sales are region 1's, its trade with region 1 domestic.
TEST(MergeZones, AddsAZoneToItsCountry) {
  SalesMatrix m = {{100, 10, 20, 4}, {5, 50, 5, 1}, {15, 10, 75, 0}, {7, 2, 0, 0}};
  SalesMatrix merged = MergeZones(m, {-1, -1, -1, 1});
  SalesMatrix expected = {{100, 14, 20, 0}, {12, 53, 5, 0}, {15, 10, 75, 0}, {0, 0, 0, 0}};
  EXPECT_EQ(merged, expected);
  double before = 0, after = 0;
  for (const auto& row : m)
    for (double v : row) before += v;
  for (const auto& row : merged)
    for (double v : row) after += v;
  EXPECT_DOUBLE_EQ(after, before);
  EXPECT_EQ(MergeZones(m, {}), m);  // no zones: unchanged
}

TEST(PercentChange, Basic) {
  EXPECT_DOUBLE_EQ(PercentChange(2, 3), 50);
  EXPECT_TRUE(std::isnan(PercentChange(0, 3)));
}

}  // namespace
}  // namespace peninsula::app::analysis

namespace peninsula::app::analysis {
namespace {

// Turning points on hand-built series: complementarity that turns into competition, a
// response that never turns, noise within the threshold, NaN gaps and a late start.
TEST(TurningPoint, FirstSignChangeAfterTheFirstResponse) {
  // 2015-2022: no response until 2017, complements (+) until 2019, competes from 2020.
  TurningPoint t = FindTurningPoint({0, 0, 0.4, 1.2, 0.3, -0.2, -0.9, 0.1}, 1e-6);
  EXPECT_EQ(t.initial_sign, 1);
  EXPECT_EQ(t.index, 5);
}

TEST(TurningPoint, NoTurnNoiseAndGaps) {
  TurningPoint steady = FindTurningPoint({0, -0.5, -0.1, -2.0}, 1e-6);
  EXPECT_EQ(steady.initial_sign, -1);
  EXPECT_EQ(steady.index, -1);
  // Rounding noise below the threshold neither starts nor turns a response.
  TurningPoint noisy = FindTurningPoint({1e-9, -1e-9, 0.2, -3e-7, NAN, 0.1, -0.4}, 1e-6);
  EXPECT_EQ(noisy.initial_sign, 1);
  EXPECT_EQ(noisy.index, 6);
  TurningPoint none = FindTurningPoint({0, 1e-8, NAN}, 1e-6);
  EXPECT_EQ(none.initial_sign, 0);
  EXPECT_EQ(none.index, -1);
}

}  // namespace
}  // namespace peninsula::app::analysis
