// SAM estimation: from an unbalanced, asymmetric 6×6 prior with a fixed cell, a row total and a
// group target to a balanced SAM. The checks are independent of the estimator: balance and
// targets recomputed from the result, the zero pattern, the first-order condition of the KL
// problem (ln(x/p) must lie in the row space of the constraint matrix, built here by hand), and
// a lower objective than a different feasible SAM (the weighted least-squares one). Then the
// errors: inconsistent targets and malformed input.
#include "calibration/sam_estimation.hpp"

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <string>
#include <vector>

#include "calibration/csv.hpp"

namespace peninsula::calibration {
namespace {

#define EXPECT_CONTAINS(message, part)                          \
  EXPECT_NE(std::string(message).find(part), std::string::npos) \
      << "message: " << (message) << "\n   lacks: " << (part)

const std::vector<std::string> kNames = {"AGR", "MAN", "LAB", "CAP", "HOH", "ROW"};
enum { kAgr, kMan, kLab, kCap, kHoh, kRow };

// Rows receive, columns pay. Row and column totals differ for every account.
Eigen::MatrixXd UnbalancedPrior() {
  Eigen::MatrixXd p(6, 6);
  // clang-format off
  //      AGR   MAN   LAB   CAP   HOH   ROW
  p <<    4.0,  9.0,  0.0,  0.0, 20.0,  3.0,   // AGR
          6.0, 15.0,  0.0,  0.0, 30.0, 12.0,   // MAN
         10.0, 14.0,  0.0,  0.0,  0.0,  0.0,   // LAB
          8.0, 12.0,  0.0,  0.0,  0.0,  0.0,   // CAP
          0.0,  0.0, 23.0, 21.0,  0.0,  2.0,   // HOH
          3.0, 11.0,  0.0,  0.0,  4.0,  0.0;   // ROW
  // clang-format on
  return p;
}

// Imports of manufactures are known (fixed), household income is known (row total), and so
// are total exports (a group target).
SamTargets Targets() {
  SamTargets t;
  t.fixed_cells.push_back({kRow, kMan, 10.5});
  t.row_totals.assign(6, std::nullopt);
  t.row_totals[kHoh] = 50.0;
  t.groups.push_back({"exports = 16", {{kAgr, kRow}, {kMan, kRow}}, 16.0});
  return t;
}

double Relative(double a, double b) {
  return std::abs(a - b) / std::max({1.0, std::abs(a), std::abs(b)});
}

// The constraints in terms of the free cells (non-zero prior, not fixed), built independently.
struct FreeCells {
  std::vector<std::pair<int, int>> cells;
  Eigen::MatrixXd a;
  Eigen::VectorXd b;
};

FreeCells BuildConstraints(const Eigen::MatrixXd& prior) {
  FreeCells f;
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j < 6; ++j) {
      if (prior(i, j) != 0.0 && !(i == kRow && j == kMan)) f.cells.emplace_back(i, j);
    }
  }
  const int n = static_cast<int>(f.cells.size());
  f.a = Eigen::MatrixXd::Zero(8, n);
  f.b = Eigen::VectorXd::Zero(8);
  for (int k = 0; k < n; ++k) {
    const auto [i, j] = f.cells[k];
    f.a(i, k) += 1.0;  // balance of account i: row i − column i = fixed terms
    f.a(j, k) -= 1.0;
    if (i == kHoh) f.a(6, k) = 1.0;
    if (j == kRow && (i == kAgr || i == kMan)) f.a(7, k) = 1.0;
  }
  f.b(kRow) = -10.5;  // the fixed cell is in row ROW and column MAN
  f.b(kMan) = 10.5;
  f.b(6) = 50.0;
  f.b(7) = 16.0;
  return f;
}

double Kl(const Eigen::VectorXd& x, const Eigen::VectorXd& p) {
  return (x.array() * (x.array() / p.array()).log() - x.array() + p.array()).sum();
}

TEST(SamEstimation, BalancesMeetsTargetsAndBeatsAnotherFeasibleSam) {
  const Eigen::MatrixXd prior = UnbalancedPrior();
  for (int a = 0; a < 6; ++a) ASSERT_GT(Relative(prior.row(a).sum(), prior.col(a).sum()), 1e-3);
  SamEstimationReport report;
  const Eigen::MatrixXd sam = EstimateSam(prior, Targets(), kNames, &report);
  ASSERT_TRUE(report.solve.converged()) << report.solve.message;

  for (int a = 0; a < 6; ++a) {
    EXPECT_LT(Relative(sam.row(a).sum(), sam.col(a).sum()), 1e-9) << kNames[a];
  }
  EXPECT_LT(report.max_imbalance, 1e-9);
  EXPECT_EQ(sam(kRow, kMan), 10.5);
  EXPECT_LT(Relative(sam.row(kHoh).sum(), 50.0), 1e-9);
  EXPECT_LT(Relative(sam(kAgr, kRow) + sam(kMan, kRow), 16.0), 1e-9);
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j < 6; ++j) {
      if (prior(i, j) == 0.0) {
        EXPECT_EQ(sam(i, j), 0.0) << kNames[i] << "," << kNames[j];
      } else {
        EXPECT_GT(sam(i, j), 0.0) << kNames[i] << "," << kNames[j];
      }
    }
  }
  EXPECT_EQ(report.unknowns, 17);
  EXPECT_EQ(report.fixed, 1);
  EXPECT_EQ(report.zeros, 18);

  const FreeCells f = BuildConstraints(prior);
  const int n = static_cast<int>(f.cells.size());
  Eigen::VectorXd x(n), p(n);
  for (int k = 0; k < n; ++k) {
    x(k) = sam(f.cells[k].first, f.cells[k].second);
    p(k) = prior(f.cells[k].first, f.cells[k].second);
  }
  EXPECT_LT((f.a * x - f.b).cwiseAbs().maxCoeff(), 1e-8);
  EXPECT_NEAR(report.solve.objective, Kl(x, p), 1e-9);

  // Optimality: ln(x/p) = −Aᵀλ for some λ, i.e. its least-squares residual on the rows of A
  // vanishes.
  const Eigen::VectorXd log_ratio = (x.array() / p.array()).log().matrix();
  const Eigen::MatrixXd at = f.a.transpose();
  const Eigen::VectorXd lambda = at.completeOrthogonalDecomposition().solve(log_ratio);
  EXPECT_LT((at * lambda - log_ratio).cwiseAbs().maxCoeff(), 1e-7);

  // Another feasible SAM: min Σ (x − p)²/p s.t. A x = b, i.e. x = p − P Aᵀ (A P Aᵀ)⁺ (A p − b).
  const Eigen::MatrixXd pa = p.asDiagonal() * at;
  const Eigen::VectorXd ls =
      p - pa * (f.a * pa).completeOrthogonalDecomposition().solve(f.a * p - f.b);
  ASSERT_GT(ls.minCoeff(), 0.0);
  ASSERT_LT((f.a * ls - f.b).cwiseAbs().maxCoeff(), 1e-9);
  ASSERT_GT((ls - x).cwiseAbs().maxCoeff(), 1e-3);  // a genuinely different SAM
  EXPECT_LT(report.solve.objective, Kl(ls, p));

  // A small balanced cycle AGR→MAN→AGR on free cells keeps every target; either way it must
  // raise the objective.
  for (double step : {-0.05, 0.05}) {
    Eigen::VectorXd y = x;
    for (int k = 0; k < n; ++k) {
      const auto [i, j] = f.cells[k];
      if ((i == kAgr && j == kMan) || (i == kMan && j == kAgr)) y(k) += step;
    }
    ASSERT_LT((f.a * y - f.b).cwiseAbs().maxCoeff(), 1e-8) << "step " << step;
    EXPECT_LT(report.solve.objective, Kl(y, p)) << "step " << step;
  }
}

TEST(SamEstimation, NegativePriorCellsKeepTheirSign) {
  // A one-household economy with negative government saving (a deficit).
  const std::vector<std::string> names = {"COM", "HOH", "GOV", "SAV"};
  Eigen::MatrixXd prior(4, 4);
  // clang-format off
  prior << 0.0, 60.0, 15.0, 10.0,
           80.0, 0.0, 5.0, 0.0,
           0.0, 12.0, 0.0, 0.0,
           0.0, 14.0, -3.0, 0.0;
  // clang-format on
  SamTargets targets;
  targets.column_totals = {std::nullopt, 86.0, std::nullopt, std::nullopt};
  SamEstimationReport report;
  const Eigen::MatrixXd sam = EstimateSam(prior, targets, names, &report);
  EXPECT_EQ(report.negative, 1);
  EXPECT_LT(sam(3, 2), 0.0);
  EXPECT_LT(report.max_imbalance, 1e-9);
  EXPECT_LT(Relative(sam.col(1).sum(), 86.0), 1e-9);
}

TEST(SamEstimation, BalancedPriorWithoutTargetsIsReturnedUnchanged) {
  Eigen::MatrixXd prior(3, 3);
  // clang-format off
  prior << 1.0, 4.0, 2.0,
           3.0, 2.0, 5.0,
           3.0, 4.0, 0.5;  // row totals 7, 10, 7.5 = column totals
  // clang-format on
  const Eigen::MatrixXd sam = EstimateSam(prior, {}, {"A", "B", "C"});
  EXPECT_LT((sam - prior).cwiseAbs().maxCoeff(), 1e-9);
}

std::string ErrorOf(const Eigen::MatrixXd& prior, const SamTargets& targets,
                    const std::vector<std::string>& names = kNames) {
  try {
    EstimateSam(prior, targets, names);
  } catch (const DataError& e) {
    return e.what();
  }
  return "(no DataError)";
}

TEST(SamEstimation, InfeasibleTargetsNameATarget) {
  SamTargets targets = Targets();
  // Imports of manufactures alone (10.5, fixed) exceed this total of ROW's row.
  targets.row_totals[kRow] = 5.0;
  const std::string message = ErrorOf(UnbalancedPrior(), targets);
  EXPECT_CONTAINS(message, "SAM estimation failed");
  EXPECT_CONTAINS(message, "worst target '");
  EXPECT_EQ(message.find("worst target ''"), std::string::npos) << message;
}

TEST(SamEstimation, InconsistentTargetsAreCaughtBeforeSolving) {
  SamTargets targets = Targets();
  targets.groups.push_back({"labour in trade", {{kLab, kRow}}, 1.0});
  EXPECT_CONTAINS(ErrorOf(UnbalancedPrior(), targets), "(LAB, ROW) whose prior is zero");

  targets = Targets();
  targets.fixed_cells.push_back({kCap, kCap, 2.0});
  EXPECT_CONTAINS(ErrorOf(UnbalancedPrior(), targets), "cell (CAP, CAP)");

  targets = Targets();
  targets.fixed_cells.push_back({kRow, kMan, 3.0});
  EXPECT_CONTAINS(ErrorOf(UnbalancedPrior(), targets), "fixed twice");

  // LAB's only cells fixed, row 24 ≠ column 25: it cannot balance.
  targets = Targets();
  Eigen::MatrixXd prior = UnbalancedPrior();
  prior(kHoh, kLab) = 25.0;
  targets.fixed_cells.push_back({kLab, kAgr, 10.0});
  targets.fixed_cells.push_back({kLab, kMan, 14.0});
  targets.fixed_cells.push_back({kHoh, kLab, 25.0});
  EXPECT_CONTAINS(ErrorOf(prior, targets), "balance of LAB");

  // Row and column totals of LAB that the balance of LAB contradicts.
  targets = Targets();
  targets.row_totals[kLab] = 30.0;
  targets.column_totals.assign(6, std::nullopt);
  targets.column_totals[kLab] = 24.0;
  const std::string message = ErrorOf(UnbalancedPrior(), targets);
  EXPECT_CONTAINS(message, "SAM estimation failed");
  EXPECT_CONTAINS(message, "LAB");
}

TEST(SamEstimation, MalformedInputIsRejected) {
  const Eigen::MatrixXd prior = UnbalancedPrior();
  EXPECT_CONTAINS(ErrorOf(Eigen::MatrixXd::Ones(3, 4), {}, {"A", "B", "C"}), "square");
  EXPECT_CONTAINS(ErrorOf(prior, {}, {"A", "B"}), "2 account names for 6");
  EXPECT_CONTAINS(ErrorOf(prior, {}, {"A", "B", "C", "D", "E", "A"}), "'A' appears twice");
  Eigen::MatrixXd bad = prior;
  bad(kMan, kHoh) = NAN;
  EXPECT_CONTAINS(ErrorOf(bad, {}), "(MAN, HOH) is not finite");
  SamTargets targets;
  targets.fixed_cells.push_back({6, 0, 1.0});
  EXPECT_CONTAINS(ErrorOf(prior, targets), "outside the 6 accounts");
  targets = {};
  targets.row_totals = {1.0, 2.0};
  EXPECT_CONTAINS(ErrorOf(prior, targets), "row totals has 2 entries");
  targets = {};
  targets.groups.push_back({"", {{0, 0}}, 1.0});
  EXPECT_CONTAINS(ErrorOf(prior, targets), "no name");
  targets = {};
  targets.groups.push_back({"twice", {{0, 1}, {0, 1}}, 1.0});
  EXPECT_CONTAINS(ErrorOf(prior, targets), "'twice' lists cell (AGR, MAN) twice");
}

}  // namespace
}  // namespace peninsula::calibration
