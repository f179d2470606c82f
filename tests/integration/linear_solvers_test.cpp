// Every sparse LU back end of the Newton path reaches the same equilibrium.
#include <gtest/gtest.h>

#include <cmath>

#include "support/test_support.hpp"

namespace peninsula {
namespace {

using model::ShockMode;
using testing::Shock;

class LinearSolvers : public ::testing::TestWithParam<solver::LinearSolverKind> {};

TEST_P(LinearSolvers, SameEquilibriumAsEigen) {
  testing::TempDir dir;
  calibration::SyntheticSpec spec;
  spec.regions = 3;
  spec.sectors = 5;
  auto loaded = testing::LoadSynthetic(dir.path(), spec);
  auto scenario =
      testing::MakeScenario("cut", {Shock("tm", {"*", "*", "R1"}, ShockMode::kScale, 0.4)});
  solver::SolveOptions reference, tested;
  reference.method = tested.method = solver::Method::kNewton;
  reference.newton.linear_solver = solver::LinearSolverKind::kEigen;
  tested.newton.linear_solver = GetParam();
  auto a = app::RunScenario(*loaded.model, scenario, reference);
  auto b = app::RunScenario(*loaded.model, scenario, tested);
  ASSERT_TRUE(a.summary.converged());
  ASSERT_TRUE(b.summary.converged()) << b.summary.message;
  EXPECT_LE(b.summary.max_residual, 1e-10);
  for (std::size_t g = 0; g < a.x.size(); ++g) {
    EXPECT_NEAR(a.x[g], b.x[g], 1e-9 * std::max(1.0, std::abs(a.x[g])));
  }
}

INSTANTIATE_TEST_SUITE_P(Kinds, LinearSolvers,
                         ::testing::Values(solver::LinearSolverKind::kUmfpack,
                                           solver::LinearSolverKind::kKlu,
                                           solver::LinearSolverKind::kMumps),
                         [](const auto& info) { return solver::LinearSolverName(info.param); });

}  // namespace
}  // namespace peninsula
