// The generic cross-entropy estimator against results known independently of it: the RAS
// (biproportional) solution when only row and column totals are imposed (a theorem: RAS
// minimises the KL distance to the prior under those constraints), the prior itself when no
// constraint binds, proportional scaling under one total, an active upper bound solved by hand,
// and infeasible or malformed problems.
#include "solver/cross_entropy.hpp"

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace peninsula::solver {
namespace {

#define EXPECT_CONTAINS(message, part)                          \
  EXPECT_NE(std::string(message).find(part), std::string::npos) \
      << "message: " << (message) << "\n   lacks: " << (part)

// An asymmetric 5×4 prior: no two rows or columns proportional, values spanning two decades.
Eigen::MatrixXd Prior5x4() {
  Eigen::MatrixXd p(5, 4);
  // clang-format off
  p << 12.0, 3.5, 0.8, 7.1,
       2.2, 40.0, 5.5, 1.3,
       9.4, 0.6, 18.0, 4.4,
       1.1, 6.7, 2.9, 25.0,
       5.0, 8.8, 0.4, 3.3;
  // clang-format on
  return p;
}

// Unknowns are the cells in row-major order; one constraint per row total and column total.
CrossEntropyProblem BiproportionalProblem(const Eigen::MatrixXd& prior, const Eigen::VectorXd& rows,
                                          const Eigen::VectorXd& cols) {
  CrossEntropyProblem problem;
  const int m = static_cast<int>(prior.rows()), n = static_cast<int>(prior.cols());
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < n; ++j) {
      problem.prior.push_back(prior(i, j));
      problem.names.push_back("c" + std::to_string(i) + std::to_string(j));
    }
  }
  for (int i = 0; i < m; ++i) {
    LinearConstraint c{"row " + std::to_string(i), {}, {}, rows(i)};
    for (int j = 0; j < n; ++j) {
      c.index.push_back(i * n + j);
      c.coef.push_back(1.0);
    }
    problem.equalities.push_back(c);
  }
  for (int j = 0; j < n; ++j) {
    LinearConstraint c{"column " + std::to_string(j), {}, {}, cols(j)};
    for (int i = 0; i < m; ++i) {
      c.index.push_back(i * n + j);
      c.coef.push_back(1.0);
    }
    problem.equalities.push_back(c);
  }
  return problem;
}

// RAS: alternately scale rows and columns to their targets until both hold.
Eigen::MatrixXd Ras(Eigen::MatrixXd a, const Eigen::VectorXd& rows, const Eigen::VectorXd& cols) {
  for (int iteration = 0; iteration < 100000; ++iteration) {
    for (int i = 0; i < a.rows(); ++i) a.row(i) *= rows(i) / a.row(i).sum();
    for (int j = 0; j < a.cols(); ++j) a.col(j) *= cols(j) / a.col(j).sum();
    if ((a.rowwise().sum() - rows).cwiseAbs().maxCoeff() < 1e-14 * rows.sum()) break;
  }
  return a;
}

TEST(CrossEntropySolver, RowAndColumnTotalsGiveTheRasSolution) {
  const Eigen::MatrixXd prior = Prior5x4();
  Eigen::VectorXd rows(5), cols(4);
  rows << 30.0, 45.0, 28.0, 41.0, 16.0;  // sum 160, far from the prior's 157.0 pattern
  cols << 35.0, 55.0, 27.0, 43.0;        // sum 160
  const Eigen::MatrixXd ras = Ras(prior, rows, cols);
  ASSERT_LT((ras.colwise().sum().transpose() - cols).cwiseAbs().maxCoeff(), 1e-11);

  CrossEntropyResult result = SolveCrossEntropy(BiproportionalProblem(prior, rows, cols));
  ASSERT_TRUE(result.converged()) << StatusName(result.status) << ": " << result.message;
  EXPECT_EQ(result.dropped_constraints, 1);  // Σ rows = Σ columns makes one row redundant
  double worst = 0.0;
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 4; ++j) {
      worst = std::max(worst, std::abs(result.x[i * 4 + j] - ras(i, j)) / ras(i, j));
    }
  }
  EXPECT_LT(worst, 1e-8);
  EXPECT_LE(result.max_violation, 1e-10);
  EXPECT_LT(result.max_stationarity, 1e-8);
  std::vector<double> ras_flat, prior_flat;
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 4; ++j) {
      ras_flat.push_back(ras(i, j));
      prior_flat.push_back(prior(i, j));
    }
  }
  EXPECT_NEAR(result.objective, CrossEntropyObjective(ras_flat, prior_flat), 1e-8);
  EXPECT_GT(result.objective, 0.1);  // the totals do move the matrix
}

TEST(CrossEntropySolver, NonBindingConstraintsReturnThePrior) {
  const Eigen::MatrixXd prior = Prior5x4();
  CrossEntropyProblem problem =
      BiproportionalProblem(prior, prior.rowwise().sum(), prior.colwise().sum().transpose());
  CrossEntropyResult result = SolveCrossEntropy(problem);
  ASSERT_TRUE(result.converged()) << result.message;
  for (size_t k = 0; k < result.x.size(); ++k) EXPECT_NEAR(result.x[k], problem.prior[k], 1e-9);
  EXPECT_NEAR(result.objective, 0.0, 1e-12);

  problem.equalities.clear();  // no constraint at all
  result = SolveCrossEntropy(problem);
  ASSERT_TRUE(result.converged()) << result.message;
  for (size_t k = 0; k < result.x.size(); ++k) EXPECT_NEAR(result.x[k], problem.prior[k], 1e-9);
}

// One total: the solution is the prior scaled proportionally (x = p·T/Σp), at any magnitude.
TEST(CrossEntropySolver, SingleTotalScalesProportionallyAtAnyMagnitude) {
  for (double unit : {1e-6, 1.0, 1e6}) {
    CrossEntropyProblem problem;
    problem.prior = {1.0 * unit, 4.0 * unit, 0.25 * unit, 9.0 * unit};
    problem.equalities.push_back({"total", {0, 1, 2, 3}, {1, 1, 1, 1}, 20.0 * unit});
    CrossEntropyResult result = SolveCrossEntropy(problem);
    ASSERT_TRUE(result.converged()) << "unit " << unit << ": " << result.message;
    for (int k = 0; k < 4; ++k) {
      EXPECT_NEAR(result.x[k] / (problem.prior[k] * 20.0 / 14.25), 1.0, 1e-9) << "unit " << unit;
    }
  }
}

// x0 + x1 = 3 from p = (1, 1) with x0 ≤ 1: by symmetry the unbounded optimum is (1.5, 1.5),
// so the bound binds and x = (1, 2).
TEST(CrossEntropySolver, ActiveUpperBound) {
  CrossEntropyProblem problem;
  problem.prior = {1.0, 1.0};
  problem.upper = {1.0, 1e20};
  problem.equalities.push_back({"sum", {0, 1}, {1.0, 1.0}, 3.0});
  CrossEntropyResult result = SolveCrossEntropy(problem);
  ASSERT_TRUE(result.converged()) << result.message;
  EXPECT_NEAR(result.x[0], 1.0, 1e-8);
  EXPECT_NEAR(result.x[1], 2.0, 1e-8);
}

TEST(CrossEntropySolver, InconsistentDependentRowsAreNamed) {
  CrossEntropyProblem problem;
  problem.prior = {1.0, 2.0, 3.0};
  problem.equalities.push_back({"first total", {0, 1, 2}, {1, 1, 1}, 6.0});
  problem.equalities.push_back({"contradicting total", {0, 1, 2}, {2, 2, 2}, 20.0});
  CrossEntropyResult result = SolveCrossEntropy(problem);
  EXPECT_FALSE(result.converged());
  EXPECT_GT(result.max_violation, 1e-3);
  EXPECT_FALSE(result.worst_constraint.empty());
  EXPECT_TRUE(result.worst_constraint == "first total" ||
              result.worst_constraint == "contradicting total")
      << result.worst_constraint;
}

TEST(CrossEntropySolver, NegativeTargetForPositiveUnknownsIsInfeasible) {
  CrossEntropyProblem problem;
  problem.prior = {1.0, 2.0, 3.0};
  problem.equalities.push_back({"share of 0", {0, 1}, {1, -1}, 0.5});
  problem.equalities.push_back({"impossible total", {1, 2}, {1, 1}, -4.0});
  CrossEntropyResult result = SolveCrossEntropy(problem);
  EXPECT_FALSE(result.converged()) << result.message;
  EXPECT_FALSE(result.worst_constraint.empty());
  EXPECT_GT(result.max_violation, 1e-6);
}

TEST(CrossEntropySolver, InputValidationNamesTheCulprit) {
  CrossEntropyProblem good;
  good.prior = {1.0, 2.0};
  good.names = {"apples", "pears"};
  good.equalities.push_back({"fruit", {0, 1}, {1, 1}, 4.0});
  auto message_of = [](const CrossEntropyProblem& p) -> std::string {
    try {
      SolveCrossEntropy(p);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "(no exception)";
  };
  CrossEntropyProblem bad = good;
  bad.prior[1] = 0.0;
  EXPECT_CONTAINS(message_of(bad), "pears");
  bad = good;
  bad.prior[0] = std::nan("");
  EXPECT_CONTAINS(message_of(bad), "apples");
  bad = good;
  bad.equalities[0].index[1] = 2;
  EXPECT_CONTAINS(message_of(bad), "fruit");
  EXPECT_CONTAINS(message_of(bad), "out of range");
  bad = good;
  bad.equalities[0].coef.pop_back();
  EXPECT_CONTAINS(message_of(bad), "fruit");
  bad = good;
  bad.equalities[0].rhs = INFINITY;
  EXPECT_CONTAINS(message_of(bad), "fruit");
  bad = good;
  bad.equalities[0].name.clear();
  EXPECT_CONTAINS(message_of(bad), "without a name");
  bad = good;
  bad.names.pop_back();
  EXPECT_CONTAINS(message_of(bad), "names");
  bad = good;
  bad.lower = {0.0, -1.0};
  EXPECT_CONTAINS(message_of(bad), "pears");
  bad = good;
  bad.upper = {1.0, 0.5};
  bad.lower = {0.0, 1.0};
  EXPECT_CONTAINS(message_of(bad), "pears");
  bad = good;
  bad.prior.clear();
  bad.names.clear();
  EXPECT_CONTAINS(message_of(bad), "no unknowns");

  CrossEntropyOptions options;
  options.tolerance = 0.0;
  EXPECT_THROW(options.Validate(), std::invalid_argument);
  options = {};
  options.max_iterations = 0;
  EXPECT_THROW(SolveCrossEntropy(good, options), std::invalid_argument);
}

TEST(CrossEntropySolver, ObjectiveIsGeneralisedKullbackLeibler) {
  EXPECT_DOUBLE_EQ(CrossEntropyObjective({1.0, 2.0}, {1.0, 2.0}), 0.0);
  EXPECT_DOUBLE_EQ(CrossEntropyObjective({0.0}, {3.0}), 3.0);
  EXPECT_NEAR(CrossEntropyObjective({2.0}, {1.0}), 2.0 * std::log(2.0) - 1.0, 1e-15);
  EXPECT_TRUE(std::isinf(CrossEntropyObjective({-1.0}, {1.0})));
}

}  // namespace
}  // namespace peninsula::solver
