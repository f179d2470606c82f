// Each solver failure has its own status, names the worst equation and leaves a point that is
// no equilibrium: a residual that cannot be evaluated (the square root of a negative number),
// an iteration limit too small for the problem, and a time limit. One equation in one
// unknown, sqrt(x) = 2 (solution 4), on both solver paths.
#include <gtest/gtest.h>

#include <limits>

#include <cmath>

#include "model/equation_system.hpp"
#include "solver/newton.hpp"
#include "solver/solve.hpp"

namespace peninsula::solver {
namespace {

using model::Tuple;
using model::VarId;

// sqrt(x) − 2 = 0
struct Root {
  std::string name = "root";
  std::vector<Tuple> domain{{0, 0, 0}};
  VarId x;
  std::string RowLabel(const Tuple&) const { return "root_equation"; }
  template <class A>
  typename A::Scalar Eval(const Tuple&, const A& v) const {
    return sqrt(v(x)) - 2.0;
  }
};

class FailureStatus : public ::testing::Test {
 protected:
  void SetUp() override {
    model::VariableBlock block("X", {}, model::VarKind::kQuantity, "", "x");
    block.Add({0, 0, 0});
    VarId x = reg_.AddBlock(std::move(block));
    reg_.Finalize();
    blocks_.push_back(model::MakeBlock(Root{.x = x}));
    system_ = std::make_unique<model::EquationSystem>(reg_, blocks_, std::vector<bool>(1, false),
                                                      std::vector<model::RowRef>{},
                                                      std::vector<double>{1.0});
  }
  SolveSummary Run(double start, const SolveOptions& options) {
    x_ = {start};
    return Solve(
        *system_, x_, [](double, std::vector<double>&) {}, options);
  }
  model::VariableRegistry reg_;
  std::vector<std::unique_ptr<model::EquationBlock>> blocks_;
  std::unique_ptr<model::EquationSystem> system_;
  std::vector<double> x_;
};

TEST_F(FailureStatus, SolvesFromAGoodStart) {
  auto s = Run(1.0, {});
  ASSERT_TRUE(s.converged()) << s.message;
  EXPECT_NEAR(x_[0], 4.0, 1e-9);
}

TEST_F(FailureStatus, NegativeBaseIsAnEvaluationError) {
  for (Method method : {Method::kNewton, Method::kIpopt}) {
    SolveOptions options;
    options.method = method;
    options.homotopy = false;
    auto s = Run(-1.0, options);
    EXPECT_EQ(s.status, SolveStatus::kEvaluationError) << StatusName(s.status) << ": " << s.message;
    ASSERT_FALSE(s.worst.empty());
    EXPECT_EQ(s.worst[0].equation, "root_equation");
    EXPECT_EQ(ExitCode(s.status), 14);
  }
}

TEST_F(FailureStatus, IterationLimit) {
  SolveOptions options;
  options.method = Method::kNewton;
  options.homotopy = false;
  options.newton.max_iterations = 1;
  options.newton.reuse_factorization = false;
  auto s = Run(100.0, options);
  EXPECT_EQ(s.status, SolveStatus::kIterationLimit) << s.message;
  EXPECT_EQ(s.worst.at(0).equation, "root_equation");
  EXPECT_GT(std::abs(s.worst[0].residual), 1e-3);
  EXPECT_EQ(ExitCode(s.status), 10);
}

TEST_F(FailureStatus, TimeLimit) {
  SolveOptions options;
  options.method = Method::kNewton;
  options.homotopy = false;
  options.newton.max_seconds = 1e-12;
  auto s = Run(100.0, options);
  EXPECT_EQ(s.status, SolveStatus::kTimeLimit) << s.message;
  EXPECT_EQ(ExitCode(s.status), 11);
}

// The budget belongs to the whole solve: once Newton has spent it, neither the Ipopt fallback
// nor the homotopy may start (they once did, and a fast Ipopt then "converged" past the limit).
TEST_F(FailureStatus, TimeLimitCoversFallbackAndHomotopy) {
  SolveOptions options;
  options.method = Method::kAuto;
  options.max_seconds = 1e-9;
  auto s = Run(100.0, options);
  EXPECT_EQ(s.status, SolveStatus::kTimeLimit) << s.message;
  EXPECT_EQ(s.solver, "newton") << s.message;
  EXPECT_EQ(s.homotopy_steps, 0);
  ASSERT_FALSE(s.worst.empty());
  EXPECT_EQ(s.worst[0].equation, "root_equation");
}

TEST_F(FailureStatus, ABudgetThatSufficesChangesNothing) {
  SolveOptions options;
  options.max_seconds = 60;
  auto s = Run(1.0, options);
  ASSERT_TRUE(s.converged()) << s.message;
  EXPECT_NEAR(x_[0], 4.0, 1e-9);
}

// `--max-seconds inf` (or any limit past the clock's range) means no limit; converting it to
// the clock's nanoseconds was undefined behaviour.
TEST_F(FailureStatus, AnUnboundedTimeLimitIsNoLimit) {
  for (double limit : {std::numeric_limits<double>::infinity(), 1e300}) {
    SolveOptions options;
    options.max_seconds = options.newton.max_seconds = options.ipopt.max_seconds = limit;
    auto s = Run(1.0, options);
    ASSERT_TRUE(s.converged()) << s.message;
    EXPECT_NEAR(x_[0], 4.0, 1e-9);
  }
}

}  // namespace
}  // namespace peninsula::solver
