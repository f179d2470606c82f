// Condensing explicitly defined variables (solver/condensed_lu): the pivots keep D diagonal and
// avoid complementarity pairs, the condensed solve is J's own solve (on a hand-made matrix and
// on a model's Jacobian away from the benchmark), a pivot that vanishes falls back to the full
// matrix, and condensed Newton reaches the uncondensed equilibrium on asymmetric data.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <set>

#include "solver/complementarity.hpp"
#include "solver/condensed_lu.hpp"
#include "solver/newton.hpp"
#include "support/test_support.hpp"

namespace peninsula::solver {
namespace {

using model::ShockMode;
using testing::Shock;

// Rows 0 and 1 define columns 0 and 1 (derivative ±1); rows 2 and 3 read them.
//   row 0: c0 c2      row 1: c1 c3      row 2: c0 c1 c2      row 3: c1 c2 c3
CondensationInput SmallPattern() {
  CondensationInput in;
  in.n = 4;
  in.row_start = {0, 2, 4, 7, 10};
  in.col_index = {0, 2, 1, 3, 0, 1, 2, 1, 2, 3};
  in.eligible = {true, false, true, false, false, false, false, false, false, false};
  in.frozen_row.assign(4, false);
  in.frozen_col.assign(4, false);
  return in;
}

// No pivot row reads another pivot's column, so D is diagonal.
void ExpectDiagonal(const Condensation& plan) {
  std::set<int> pivot_cols(plan.pivot_col.begin(), plan.pivot_col.end());
  for (int e = 0; e < plan.eliminated(); ++e) {
    int r = plan.pivot_row[e];
    EXPECT_EQ(plan.col_index[plan.pivot_entry[e]], plan.pivot_col[e]);
    for (int k = plan.row_start[r]; k < plan.row_start[r + 1]; ++k) {
      if (k == plan.pivot_entry[e]) continue;
      EXPECT_EQ(pivot_cols.count(plan.col_index[k]), 0u);
    }
  }
}

Eigen::MatrixXd Dense(int n, const std::vector<int>& row_start, const std::vector<int>& col_index,
                      const std::vector<double>& values) {
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n, n);
  for (int r = 0; r < n; ++r) {
    for (int k = row_start[r]; k < row_start[r + 1]; ++k) a(r, col_index[k]) = values[k];
  }
  return a;
}

TEST(Condensation, EliminatesExplicitVariablesAndKeepsDDiagonal) {
  Condensation plan = PlanCondensation(SmallPattern());
  ASSERT_EQ(plan.eliminated(), 2);
  EXPECT_EQ(plan.pivot_col, (std::vector<int>{0, 1}));
  EXPECT_EQ(plan.kept_row, (std::vector<int>{2, 3}));
  EXPECT_EQ(plan.kept_col, (std::vector<int>{2, 3}));
  // Row 2 reads c0 (row 0 brings c2) and c1 (row 1 brings c3): both kept columns.
  EXPECT_EQ(plan.reduced_start, (std::vector<int>{0, 2, 4}));
  EXPECT_EQ(plan.reduced_index, (std::vector<int>{0, 1, 0, 1}));
  ExpectDiagonal(plan);
}

TEST(Condensation, LeavesFrozenRowsAndColumnsAndCostlyPivots) {
  CondensationInput in = SmallPattern();
  in.frozen_row[1] = true;  // a complementarity row ...
  EXPECT_EQ(PlanCondensation(in).pivot_col, (std::vector<int>{0}));
  in = SmallPattern();
  in.frozen_col[0] = true;  // ... or its paired variable
  EXPECT_EQ(PlanCondensation(in).pivot_col, (std::vector<int>{1}));
  in = SmallPattern();
  in.max_fill = 1;  // column 1 is read by two other rows: fill (2 − 1)·(3 − 1) = 2
  EXPECT_EQ(PlanCondensation(in).pivot_col, (std::vector<int>{0}));
}

TEST(Condensation, ConflictingPivotsAreNotBothTaken) {
  // Row 0 defines c0 and reads c1, row 1 defines c1 and reads c0: D would not be diagonal.
  CondensationInput in;
  in.n = 3;
  in.row_start = {0, 2, 4, 7};
  in.col_index = {0, 1, 0, 1, 0, 1, 2};
  in.eligible = {true, false, false, true, false, false, false};
  in.frozen_row.assign(3, false);
  in.frozen_col.assign(3, false);
  Condensation plan = PlanCondensation(in);
  EXPECT_EQ(plan.eliminated(), 1);
  ExpectDiagonal(plan);
}

TEST(CondensedLu, SolvesLikeTheFullMatrixAndFallsBackOnAVanishingPivot) {
  auto plan = std::make_shared<const Condensation>(PlanCondensation(SmallPattern()));
  std::vector<double> values = {2.0, 0.7, -1.5, 0.4, 0.3, -0.8, 3.0, 0.6, 1.1, -2.5};
  for (double pivot : {2.0, 0.0}) {
    values[0] = pivot;  // 0: the fallback, with J still regular
    CondensedLu lu(LinearSolverKind::kEigen, plan);
    ASSERT_TRUE(lu.Factorize(values.data()));
    EXPECT_EQ(lu.condensed(), pivot != 0.0);
    Eigen::Vector4d b(1.0, -2.0, 0.5, 3.0);
    std::vector<double> x(b.data(), b.data() + 4);
    ASSERT_TRUE(lu.Solve(x.data()));
    Eigen::Vector4d expected = Dense(4, plan->row_start, plan->col_index, values).lu().solve(b);
    for (int k = 0; k < 4; ++k) EXPECT_NEAR(x[k], expected[k], 1e-13);
  }
}

// A small asymmetric synthetic model, its system under the default closure, and a point away
// from the benchmark (every free variable moved by up to ±8 %). Six regions: with fewer, an
// export market row (E = Σ M over the other regions) is a cheaper pivot for E than the source
// demand rows are for M, and the greedy choice eliminates E instead.
class ModelCondensation : public ::testing::Test {
 protected:
  void SetUp() override {
    calibration::SyntheticSpec spec;
    spec.regions = 6;
    spec.sectors = 3;
    spec.seed = 7;
    spec.ownership = true;
    loaded_ = testing::LoadSynthetic(dir_.path(), spec);
    closure_ = model::ResolveClosure(m(), {}, "test");
    system_ = std::make_unique<model::EquationSystem>(m().registry(), m().blocks(), closure_.fixed,
                                                      std::vector<model::RowRef>{closure_.walras},
                                                      m().benchmark());
    x_ = m().benchmark();
    for (int c = 0; c < system_->cols(); ++c)
      x_[system_->free_vars()[c]] *= 1.0 + 0.08 * std::sin(c);
  }
  model::Model& m() { return *loaded_.model; }

  testing::TempDir dir_;
  app::LoadedData loaded_;
  model::ClosurePlan closure_;
  std::unique_ptr<model::EquationSystem> system_;
  std::vector<double> x_;
};

TEST_F(ModelCondensation, EveryBilateralFlowIsEliminated) {
  Condensation plan = PlanCondensation(CondensationInputFor(*system_, 16));
  auto is_flow = [&](int c) { return system_->ColLabel(c).rfind("M(", 0) == 0; };
  int flows = 0, eliminated = 0;
  for (int c = 0; c < system_->cols(); ++c) flows += is_flow(c);
  for (int e = 0; e < plan.eliminated(); ++e) {
    if (!is_flow(plan.pivot_col[e])) continue;
    ++eliminated;
    EXPECT_EQ(system_->RowBlockName(plan.pivot_row[e]), "source_demand");
  }
  EXPECT_GT(flows, 0);
  EXPECT_EQ(eliminated, flows);
  ExpectDiagonal(plan);
  EXPECT_LE(plan.reduced_size(), system_->cols() - flows);
}

// Held factorisations pass between systems of one pattern only.
TEST_F(ModelCondensation, FingerprintsTellPatternsApart) {
  model::EquationSystem same(m().registry(), m().blocks(), closure_.fixed, {closure_.walras},
                             m().benchmark());
  std::vector<bool> fixed = closure_.fixed;
  fixed[system_->free_vars()[0]] = true;
  model::EquationSystem other(m().registry(), m().blocks(), fixed, {closure_.walras},
                              m().benchmark());
  EXPECT_EQ(PatternFingerprint(same), PatternFingerprint(*system_));
  EXPECT_NE(PatternFingerprint(other), PatternFingerprint(*system_));
}

TEST_F(ModelCondensation, CondensedStepEqualsTheFullStep) {
  std::vector<double> jac(system_->nonzeros()), f(system_->rows());
  system_->Jacobian(x_.data(), jac.data());
  system_->Residuals(x_.data(), f.data());
  auto plan =
      std::make_shared<const Condensation>(PlanCondensation(CondensationInputFor(*system_, 16)));
  auto full = MakeSparseLu(LinearSolverKind::kUmfpack, system_->cols(), system_->row_start(),
                           system_->col_index());
  CondensedLu condensed(LinearSolverKind::kUmfpack, plan);
  ASSERT_TRUE(full->Factorize(jac.data()));
  ASSERT_TRUE(condensed.Factorize(jac.data()));
  ASSERT_TRUE(condensed.condensed());
  std::vector<double> a(f), b(f);
  for (double& v : a) v = -v;
  for (double& v : b) v = -v;
  ASSERT_TRUE(full->Solve(a.data()));
  ASSERT_TRUE(condensed.Solve(b.data()));
  double biggest = 0, gap = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    biggest = std::max(biggest, std::abs(a[k]));
    gap = std::max(gap, std::abs(a[k] - b[k]));
  }
  EXPECT_GT(biggest, 1e-3);  // a real step, not a zero one
  EXPECT_LE(gap, 1e-10 * biggest);
}

// Condensed and plain Newton reach the same equilibrium: a tariff cut, and a binding quota
// (a complementarity pair, whose row and rent stay out of the condensation).
TEST(CondensedNewton, SameEquilibriumAsTheFullJacobian) {
  auto boom = Shock("tfp", {"R1", "S1"}, ShockMode::kScale, 1.3);
  auto cap = Shock("quota", {"S1", "R1", "R2"}, ShockMode::kSet, 1.0);
  auto cut = Shock("tm", {"*", "*", "R1"}, ShockMode::kScale, 0.4);
  std::vector<model::Scenario> scenarios = {testing::MakeScenario("cut", {cut}),
                                            testing::MakeScenario("capped", {boom, cap})};
  testing::TempDir dir;
  calibration::SyntheticSpec spec;
  spec.regions = 3;
  spec.sectors = 4;
  spec.seed = 5;
  auto loaded = testing::LoadSynthetic(dir.path(), spec, scenarios);
  for (const auto& s : scenarios) {
    SolveOptions condensed, full;
    condensed.method = full.method = Method::kNewton;
    full.newton.condense = false;
    auto a = app::RunScenario(*loaded.model, s, full);
    auto b = app::RunScenario(*loaded.model, s, condensed);
    ASSERT_TRUE(a.summary.converged()) << s.name << ": " << a.summary.message;
    ASSERT_TRUE(b.summary.converged()) << s.name << ": " << b.summary.message;
    EXPECT_LE(b.summary.complementarity_residual, 1e-10);
    for (std::size_t g = 0; g < a.x.size(); ++g) {
      EXPECT_NEAR(a.x[g], b.x[g], 1e-9 * std::max(1.0, std::abs(a.x[g])))
          << s.name << " " << loaded.model->registry().Label(static_cast<int>(g));
    }
  }
}

TEST(CondensedNewton, WorkspaceFitsOnlyItsCondensation) {
  testing::TempDir dir;
  auto loaded = testing::LoadSynthetic(dir.path(), calibration::SyntheticSpec{});
  auto& m = *loaded.model;
  auto closure = model::ResolveClosure(m, {}, "test");
  model::EquationSystem system(m.registry(), m.blocks(), closure.fixed, {closure.walras},
                               m.benchmark());
  NewtonOptions options;
  NewtonWorkspace workspace(system, options);
  EXPECT_TRUE(workspace.Fits(system, options));
  options.condense = false;
  EXPECT_FALSE(workspace.Fits(system, options));
}

}  // namespace
}  // namespace peninsula::solver
