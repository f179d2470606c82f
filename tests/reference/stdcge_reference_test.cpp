// Tests of the independent stdcge reference model: it must replicate its benchmark, solve the
// textbook's tariff-abolition experiment, satisfy Walras' law, and reproduce published numbers.
#include "stdcge_reference.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace peninsula::reference {
namespace {

// Published results. GAMS-dev/gamspy-examples, models/stdcge/stdcge.py (commit eeed0d87989c),
// a GAMS-maintained port of the model library's stdcge.gms solved with CONOPT, asserts the
// objective UU with math.isclose (relative tolerance 1e-9) after two solves: the benchmark and
// the tariff abolition taum(i) = 0. That relative tolerance is the precision they publish.
constexpr double kPublishedBenchmarkUtility = 25.508490012515818;
constexpr double kPublishedNoTariffUtility = 26.092634381288686;
constexpr double kPublishedRelativeTolerance = 1e-9;

constexpr double kBenchmarkTolerance = 1e-10;
constexpr double kSolveTolerance = 1e-11;
constexpr double kWalrasTolerance = 1e-9;

double MaxAbsoluteResidual(const std::map<std::string, double>& residuals) {
  double worst = 0.0;
  for (const auto& [equation, residual] : residuals) worst = std::max(worst, std::abs(residual));
  return worst;
}

StdcgeShock TariffAbolition() {
  StdcgeShock shock;
  shock.tariff_scale = 0.0;
  return shock;
}

TEST(StdcgeReference, SamRowsAndColumnsBalance) {
  const StdcgeSamTable& sam = StdcgeSam();
  for (std::size_t account = 0; account < kStdcgeAccountCount; ++account) {
    double row_sum = 0.0;
    double column_sum = 0.0;
    for (std::size_t other = 0; other < kStdcgeAccountCount; ++other) {
      row_sum += sam[account][other];
      column_sum += sam[other][account];
    }
    EXPECT_DOUBLE_EQ(row_sum, column_sum) << kStdcgeAccounts[account];
  }
}

// Values worked out by hand from the SAM with the stdcge.gms formulas.
TEST(StdcgeReference, CalibrationFollowsTheGamsFormulas) {
  const StdcgeParameters p = CalibrateStdcge();
  EXPECT_DOUBLE_EQ(p.alpha[0], 20.0 / 50.0);
  EXPECT_DOUBLE_EQ(p.beta[0][1], 30.0 / 55.0);  // beta(CAP,MLK)
  EXPECT_DOUBLE_EQ(p.ax[1][0], 17.0 / 73.0);    // ax(MLK,BRD)
  EXPECT_DOUBLE_EQ(p.taum[0], 1.0 / 13.0);
  EXPECT_DOUBLE_EQ(p.tauz[1], 4.0 / 72.0);
  EXPECT_DOUBLE_EQ(p.ssp, 17.0 / 90.0);
  EXPECT_DOUBLE_EQ(p.ssg, 2.0 / 35.0);
  EXPECT_DOUBLE_EQ(p.taud, 23.0 / 90.0);
  EXPECT_DOUBLE_EQ(p.lambda[0] + p.lambda[1], 1.0);
  EXPECT_DOUBLE_EQ(p.eta[0], 0.5);
  EXPECT_DOUBLE_EQ(p.phi[0], 1.5);
  for (std::size_t i = 0; i < kStdcgeGoodCount; ++i) {
    EXPECT_NEAR(p.deltam[i] + p.deltad[i], 1.0, 1e-15);
    EXPECT_NEAR(p.xie[i] + p.xid[i], 1.0, 1e-15);
  }
}

TEST(StdcgeReference, BenchmarkIsAnEquilibriumWithoutIterating) {
  const StdcgeSolution solution = SolveStdcge(StdcgeShock{});
  ASSERT_TRUE(solution.converged);
  EXPECT_EQ(solution.iterations, 0);
  EXPECT_LE(solution.max_residual, kBenchmarkTolerance);
  EXPECT_LE(std::abs(solution.values.at("walras_residual")), kBenchmarkTolerance);
  const std::map<std::string, double> benchmark = StdcgeBenchmark();
  EXPECT_LE(MaxAbsoluteResidual(StdcgeEquationResiduals(CalibrateStdcge(), benchmark)),
            kBenchmarkTolerance);
  for (const auto& [name, level] : benchmark) {
    EXPECT_NEAR(solution.values.at(name), level, 1e-12) << name;
  }
}

TEST(StdcgeReference, BenchmarkUtilityMatchesPublishedValue) {
  const double utility = StdcgeBenchmark().at("UU");
  EXPECT_NEAR(utility, std::pow(20.0, 0.4) * std::pow(30.0, 0.6), 1e-12);
  EXPECT_NEAR(utility / kPublishedBenchmarkUtility, 1.0, kPublishedRelativeTolerance);
}

TEST(StdcgeReference, TariffAbolitionConvergesAndSatisfiesWalras) {
  const StdcgeSolution solution = SolveStdcge(TariffAbolition());
  ASSERT_TRUE(solution.converged);
  EXPECT_GT(solution.iterations, 0);
  EXPECT_LE(solution.max_residual, kSolveTolerance);
  EXPECT_LE(std::abs(solution.values.at("walras_residual")), kWalrasTolerance);
  EXPECT_NEAR(solution.values.at("Tm(BRD)"), 0.0, kSolveTolerance);
  EXPECT_NEAR(solution.values.at("pf(LAB)"), 1.0, 0.0);
  // Re-check every equation, including the dropped one, through the independent residual API.
  const StdcgeParameters shocked = ApplyStdcgeShock(CalibrateStdcge(), TariffAbolition());
  EXPECT_LE(MaxAbsoluteResidual(StdcgeEquationResiduals(shocked, solution.values)),
            kWalrasTolerance);
}

TEST(StdcgeReference, TariffAbolitionUtilityMatchesPublishedValue) {
  const StdcgeSolution solution = SolveStdcge(TariffAbolition());
  ASSERT_TRUE(solution.converged);
  EXPECT_NEAR(solution.values.at("UU") / kPublishedNoTariffUtility, 1.0,
              kPublishedRelativeTolerance);
}

// Removing the tariff makes imports cheaper at home, so the currency must depreciate to keep
// the balance of payments (foreign saving fixed in foreign currency).
TEST(StdcgeReference, TariffAbolitionDepreciatesTheCurrency) {
  const StdcgeSolution solution = SolveStdcge(TariffAbolition());
  EXPECT_GT(solution.values.at("epsilon"), 1.0);
  EXPECT_GT(solution.values.at("M(MLK)"), StdcgeBenchmark().at("M(MLK)"));
}

// The equations are homogeneous of degree zero in prices and nominal values, so doubling all of
// them (with pWe, pWm and Sf fixed in foreign currency, epsilon doubles) must keep residuals 0.
TEST(StdcgeReference, EquationsAreHomogeneousInPrices) {
  std::map<std::string, double> doubled = StdcgeBenchmark();
  for (auto& [name, value] : doubled) {
    const bool is_price = name.rfind("p", 0) == 0 || name == "epsilon";
    const bool is_nominal = name == "Sp" || name == "Sg" || name == "Td" ||
                            name.rfind("Tz", 0) == 0 || name.rfind("Tm", 0) == 0;
    if (is_price || is_nominal) value *= 2.0;
  }
  EXPECT_LE(MaxAbsoluteResidual(StdcgeEquationResiduals(CalibrateStdcge(), doubled)),
            kBenchmarkTolerance);
}

class StdcgeShockTest : public ::testing::TestWithParam<StdcgeShock> {};

TEST_P(StdcgeShockTest, ConvergesAndSatisfiesWalras) {
  const StdcgeSolution solution = SolveStdcge(GetParam());
  ASSERT_TRUE(solution.converged);
  EXPECT_LE(solution.max_residual, kSolveTolerance);
  EXPECT_LE(std::abs(solution.values.at("walras_residual")), kWalrasTolerance);
}

INSTANTIATE_TEST_SUITE_P(
    OtherShocks, StdcgeShockTest,
    ::testing::Values(StdcgeShock{1.0, 1.2, 1.0, 1.0},    // world import prices +20%
                      StdcgeShock{1.0, 1.0, 0.5, 1.0},    // foreign saving halved
                      StdcgeShock{1.0, 1.0, 1.0, 1.1},    // labour endowment +10%
                      StdcgeShock{0.5, 0.9, 1.5, 0.9}));  // several at once

}  // namespace
}  // namespace peninsula::reference
