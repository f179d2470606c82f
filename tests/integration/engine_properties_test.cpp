// Properties every equilibrium of the engine must have, on asymmetric synthetic databases of
// one (small open economy), two and three regions: benchmark replication at zero iterations,
// homogeneity of degree one in the numeraire, Walras' law, agreement of the two solver paths,
// and homotopy on a shock too large to solve directly.
#include <gtest/gtest.h>

#include <cmath>

#include "model/equation_system.hpp"
#include "support/test_support.hpp"

namespace peninsula {
namespace {

using model::ShockMode;
using testing::Shock;

calibration::SyntheticSpec Spec(int regions, std::uint64_t seed = 7) {
  calibration::SyntheticSpec spec;
  spec.regions = regions;
  spec.sectors = 4;
  spec.factors = 3;
  spec.households = regions == 2 ? 2 : 1;
  spec.seed = seed;
  return spec;
}

// A shock touching production, trade, taxes and endowments at once.
std::vector<model::ShockSpec> MixedShock(int regions) {
  std::vector<model::ShockSpec> s = {
      Shock("tfp", {"R1", "S2"}, ShockMode::kScale, 1.15),
      Shock("tm", {"*", "*", "R1"}, ShockMode::kScale, 0.3),
      Shock("QF", {"R1", "F1"}, ShockMode::kScale, 1.1),
      Shock("tp", {"R1", "*"}, ShockMode::kAdd, 0.02),
  };
  if (regions > 1) s.push_back(Shock("te", {"S1", "R2", "*"}, ShockMode::kSet, 0.1));
  return s;
}

class EngineProperties : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override { loaded_ = testing::LoadSynthetic(dir_.path(), Spec(GetParam())); }
  model::Model& model() { return *loaded_.model; }
  io::ScenarioOutcome Run(const model::Scenario& s, solver::SolveOptions options = {}) {
    return app::RunScenario(model(), s, options);
  }

  testing::TempDir dir_;
  app::LoadedData loaded_;
};

TEST_P(EngineProperties, ReplicatesBenchmarkAtZeroIterations) {
  app::BenchmarkCheck check = app::CheckBenchmark(model());
  EXPECT_LE(check.max_residual, 1e-9) << check.worst_equation;
  EXPECT_EQ(check.equations, check.variables);
  auto outcome = Run(testing::MakeScenario("benchmark", {}));
  ASSERT_TRUE(outcome.summary.converged());
  EXPECT_EQ(outcome.summary.iterations, 0);
}

TEST_P(EngineProperties, HomogeneousOfDegreeOneInTheNumeraire) {
  auto shocks = MixedShock(GetParam());
  model::ClosureSpec scaled;
  scaled.numeraire_value = 1.1;
  auto base = Run(testing::MakeScenario("base", shocks));
  auto tenfold = Run(testing::MakeScenario("scaled", shocks, scaled));
  ASSERT_TRUE(base.summary.converged());
  ASSERT_TRUE(tenfold.summary.converged());
  int checked = 0;
  for (const auto& block : model().registry().blocks()) {
    bool nominal = block.kind() == model::VarKind::kPrice || block.kind() == model::VarKind::kValue;
    double factor = nominal ? 1.1 : 1.0;
    for (int k = 0; k < block.size(); ++k) {
      int g = block.offset() + k;
      EXPECT_NEAR(tenfold.x[g], factor * base.x[g], 1e-8 * std::max(1.0, std::abs(base.x[g])))
          << block.Label(k);
      ++checked;
    }
  }
  EXPECT_GT(checked, 50);
}

TEST_P(EngineProperties, WalrasLawHoldsForTheDroppedMarket) {
  auto outcome = Run(testing::MakeScenario("shock", MixedShock(GetParam())));
  ASSERT_TRUE(outcome.summary.converged());
  EXPECT_LT(outcome.summary.walras_residual, 1e-8);
  // Dropping another market gives the same equilibrium.
  model::ClosureSpec other;
  other.walras_equation = "goods_market(R1,S1)";
  auto again = Run(testing::MakeScenario("shock", MixedShock(GetParam()), other));
  ASSERT_TRUE(again.summary.converged());
  EXPECT_LT(again.summary.walras_residual, 1e-8);
  for (std::size_t g = 0; g < outcome.x.size(); ++g) {
    EXPECT_NEAR(again.x[g], outcome.x[g], 1e-8 * std::max(1.0, std::abs(outcome.x[g])))
        << model().registry().Label(static_cast<int>(g));
  }
}

TEST_P(EngineProperties, NewtonAndIpoptAgree) {
  solver::SolveOptions newton, ipopt;
  newton.method = solver::Method::kNewton;
  ipopt.method = solver::Method::kIpopt;
  auto a = Run(testing::MakeScenario("shock", MixedShock(GetParam())), newton);
  auto b = Run(testing::MakeScenario("shock", MixedShock(GetParam())), ipopt);
  ASSERT_TRUE(a.summary.converged());
  ASSERT_TRUE(b.summary.converged()) << b.summary.message;
  EXPECT_EQ(b.summary.solver, "ipopt");
  for (std::size_t g = 0; g < a.x.size(); ++g) {
    EXPECT_NEAR(a.x[g], b.x[g], 1e-7 * std::max(1.0, std::abs(a.x[g])));
  }
}

TEST_P(EngineProperties, ShockedSolutionSatisfiesEveryEquation) {
  auto outcome = Run(testing::MakeScenario("shock", MixedShock(GetParam())));
  ASSERT_TRUE(outcome.summary.converged());
  EXPECT_LE(outcome.summary.max_residual, 1e-10);
  // The shock moved the economy: not a benchmark copy.
  double moved = 0;
  for (std::size_t g = 0; g < outcome.x.size(); ++g) {
    moved = std::max(moved, std::abs(outcome.x[g] - model().benchmark()[g]) /
                                std::max(1.0, std::abs(model().benchmark()[g])));
  }
  EXPECT_GT(moved, 1e-3);
}

INSTANTIATE_TEST_SUITE_P(Regions, EngineProperties, ::testing::Values(1, 2, 3),
                         [](const auto& info) { return std::to_string(info.param) + "_regions"; });

TEST(EngineRobustness, LargeShockNeedsHomotopyAndIsReportedAsSuch) {
  testing::TempDir dir;
  auto loaded = testing::LoadSynthetic(dir.path(), Spec(3));
  auto shocks = {Shock("tfp", {"R1", "*"}, ShockMode::kScale, 6.0),
                 Shock("QF", {"R2", "*"}, ShockMode::kScale, 0.15),
                 Shock("tm", {"*", "*", "*"}, ShockMode::kAdd, 3.0)};
  solver::SolveOptions no_homotopy;
  no_homotopy.homotopy = false;
  no_homotopy.newton.max_iterations = 8;
  no_homotopy.ipopt.max_iterations = 15;
  auto direct = app::RunScenario(*loaded.model, testing::MakeScenario("big", shocks), no_homotopy);
  EXPECT_FALSE(direct.summary.converged()) << "shock no longer needs homotopy; make it larger";
  EXPECT_FALSE(direct.summary.worst.empty());
  solver::SolveOptions with_homotopy = no_homotopy;
  with_homotopy.homotopy = true;
  auto stepped =
      app::RunScenario(*loaded.model, testing::MakeScenario("big", shocks), with_homotopy);
  ASSERT_TRUE(stepped.summary.converged()) << stepped.summary.message;
  EXPECT_GT(stepped.summary.homotopy_steps, 1);
  EXPECT_NE(stepped.summary.solver.find("homotopy"), std::string::npos);
  EXPECT_LE(stepped.summary.max_residual, 1e-10);
}

}  // namespace
}  // namespace peninsula
