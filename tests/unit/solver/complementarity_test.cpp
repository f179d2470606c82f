// Semismooth Fischer–Burmeister Newton on a small activity-analysis economy with a closed
// form: two Leontief technologies with unit costs c1, c2 supply one good whose demand is
// a/p. Complementarity: c_k − p >= 0 ⊥ y_k >= 0 (no activity earns a profit; an activity
// runs only at zero profit). So p = min(c1, c2) and the cheaper activity supplies a/p while
// the other shuts down; moving c1 across c2 switches the regime.
#include <gtest/gtest.h>

#include <cmath>

#include "model/equation_system.hpp"
#include "solver/complementarity.hpp"
#include "solver/newton.hpp"
#include "solver/solve.hpp"

namespace peninsula::solver {
namespace {

using model::Tuple;
using model::VarId;

struct Costs {
  double c[2] = {0.8, 1.0};
  double demand = 5.0;
};

// c_k − p >= 0 ⊥ y_k >= 0
struct ZeroProfit {
  std::string name = "zero_profit";
  std::vector<Tuple> domain{{0, 0, 0}, {1, 0, 0}};
  VarId complement;  // Y
  VarId price;
  const Costs* costs;
  std::string RowLabel(const Tuple& t) const {
    return name + "(a" + std::to_string(t[0] + 1) + ")";
  }
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    return costs->c[t[0]] - x(price);
  }
};

// y1 + y2 = a/p
struct Market {
  std::string name = "market";
  std::vector<Tuple> domain{{0, 0, 0}};
  VarId price, level;
  const Costs* costs;
  std::string RowLabel(const Tuple&) const { return name; }
  template <class A>
  typename A::Scalar Eval(const Tuple&, const A& x) const {
    return x(level, 0) + x(level, 1) - costs->demand / x(price);
  }
};

class ActivityAnalysis : public ::testing::Test {
 protected:
  void SetUp() override {
    VarId price = reg_.AddBlock(model::VariableBlock("P", {}, model::VarKind::kPrice, "", "price"));
    reg_.block(price).Add({0, 0, 0});
    model::VariableBlock y("Y", {&activities_}, model::VarKind::kQuantity, "", "activity level");
    y.Add({0, 0, 0});
    y.Add({1, 0, 0});
    VarId level = reg_.AddBlock(std::move(y));
    reg_.Finalize();
    blocks_.push_back(
        model::MakeBlock(ZeroProfit{.complement = level, .price = price, .costs = &costs_}));
    blocks_.push_back(model::MakeBlock(Market{.price = price, .level = level, .costs = &costs_}));
    x_ = {1.0, 1.0, 1.0};
    system_ = std::make_unique<model::EquationSystem>(reg_, blocks_, std::vector<bool>(3, false),
                                                      std::vector<model::RowRef>{}, x_);
  }

  void ExpectClosedForm(const std::vector<double>& x, double c1) {
    double p = std::min(c1, costs_.c[1]);
    EXPECT_NEAR(x[0], p, 1e-10);
    EXPECT_NEAR(x[1], c1 < costs_.c[1] ? costs_.demand / p : 0.0, 1e-9);
    EXPECT_NEAR(x[2], c1 < costs_.c[1] ? 0.0 : costs_.demand / p, 1e-9);
    EXPECT_GE(std::min(x[1], x[2]), -1e-10);  // complementarity holds to the solver tolerance
  }

  model::Set activities_{"activity", {"a1", "a2"}};
  Costs costs_;
  model::VariableRegistry reg_;
  std::vector<std::unique_ptr<model::EquationBlock>> blocks_;
  std::vector<double> x_;
  std::unique_ptr<model::EquationSystem> system_;
};

TEST_F(ActivityAnalysis, PairsAreDetectedAndInThePattern) {
  EXPECT_TRUE(system_->has_complementarity());
  EXPECT_EQ(system_->complement_col(0), 1);
  EXPECT_EQ(system_->complement_col(1), 2);
  EXPECT_EQ(system_->complement_col(2), -1);
}

TEST_F(ActivityAnalysis, CheaperActivityRunsTheOtherShutsDown) {
  auto summary = SolveNewton(*system_, x_);
  ASSERT_TRUE(summary.converged()) << summary.message;
  ExpectClosedForm(x_, 0.8);
  EXPECT_LE(summary.complementarity_residual, 1e-10);
}

TEST_F(ActivityAnalysis, RegimeSwitchesAsTheCostCrosses) {
  NewtonWorkspace workspace(*system_, LinearSolverKind::kEigen);
  NewtonOptions options;
  options.linear_solver = LinearSolverKind::kEigen;
  for (double c1 : {0.8, 0.9, 0.97, 1.03, 1.1, 1.2, 0.85}) {
    costs_.c[0] = c1;
    auto summary = SolveNewton(*system_, x_, options, &workspace);  // warm from the last point
    ASSERT_TRUE(summary.converged()) << "c1 = " << c1 << ": " << summary.message;
    ExpectClosedForm(x_, c1);
    EXPECT_LE(summary.complementarity_residual, 1e-10);
  }
}

TEST_F(ActivityAnalysis, FischerBurmeisterIsZeroExactlyAtComplementarity) {
  std::vector<double> y = {1.0, 0.0, 3.0}, f = {0.0, 2.0, 0.5};
  // Row 0 pairs with column 1 (y = 0, F = 0 → φ = 0); row 1 with column 2 (3 and 2 → φ ≠ 0).
  ApplyFischerBurmeister(*system_, y.data(), f.data());
  EXPECT_DOUBLE_EQ(f[0], 0.0);
  EXPECT_NEAR(f[1], 3.0 + 2.0 - std::sqrt(13.0), 1e-15);
  EXPECT_DOUBLE_EQ(f[2], 0.5);  // an ordinary equation is untouched
}

// The Ipopt path (MPCC penalty, then the Newton polish) on both regimes, from cold starts.
TEST_F(ActivityAnalysis, IpoptMpccMatchesTheClosedForm) {
  SolveOptions options;
  options.method = Method::kIpopt;
  options.homotopy = false;
  for (double c1 : {0.8, 1.2}) {
    costs_.c[0] = c1;
    x_ = {1.0, 1.0, 1.0};
    auto summary = Solve(*system_, x_, [](double, std::vector<double>&) {}, options);
    ASSERT_TRUE(summary.converged()) << "c1 = " << c1 << ": " << summary.message;
    EXPECT_EQ(summary.solver.rfind("ipopt-mpcc", 0), 0u) << summary.solver;
    ExpectClosedForm(x_, c1);
    EXPECT_LE(summary.complementarity_residual, 1e-10);
  }
}

}  // namespace
}  // namespace peninsula::solver
