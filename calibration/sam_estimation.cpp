// SAM estimation (see sam_estimation.hpp): turns a prior SAM and its targets into a generic
// cross-entropy problem over the non-zero, non-fixed cells, solves it, and rebuilds the SAM.
// A negative prior cell becomes an unknown magnitude |x| with prior |p| and coefficient −1 in
// every target, so the sign a SAM gives to subsidies or dissaving is kept (the log needs
// positive unknowns). Targets whose cells are all zero or fixed are checked here, not sent to
// the solver, so a user learns which target is inconsistent before any iteration.
#include "calibration/sam_estimation.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "calibration/csv.hpp"

namespace peninsula::calibration {
namespace {

enum class CellKind { kZero, kFixed, kUnknown };

std::string Fmt(double v) {
  std::ostringstream s;
  s.precision(10);
  s << v;
  return s.str();
}

// One term of a target: coef · SAM(row, column).
struct Term {
  int row;
  int column;
  double coef;
};

// The classification of every cell and the mapping from unknown cells to solver indices.
class CellMap {
 public:
  CellMap(const Eigen::MatrixXd& prior, const SamTargets& targets,
          const std::vector<std::string>& names)
      : names_(names),
        n_(static_cast<int>(prior.rows())),
        kind_(n_ * n_, CellKind::kZero),
        index_(n_ * n_, -1),
        fixed_value_(n_ * n_, 0.0) {
    for (const SamFixedCell& f : targets.fixed_cells) {
      const int c = Id(f.row, f.column);
      if (kind_[c] == CellKind::kFixed)
        throw DataError("SAM estimation: " + Cell(f.row, f.column) + " is fixed twice");
      if (prior(f.row, f.column) == 0.0 && f.value != 0.0) {
        throw DataError("SAM estimation: " + Cell(f.row, f.column) + " is fixed at " +
                        Fmt(f.value) +
                        " but its prior is zero (a structural zero); give it a non-zero prior");
      }
      kind_[c] = CellKind::kFixed;
      fixed_value_[c] = f.value;
    }
    for (int i = 0; i < n_; ++i) {
      for (int j = 0; j < n_; ++j) {
        const int c = Id(i, j);
        if (kind_[c] == CellKind::kFixed || prior(i, j) == 0.0) continue;
        kind_[c] = CellKind::kUnknown;
        index_[c] = static_cast<int>(cells_.size());
        cells_.emplace_back(i, j);
        sign_.push_back(prior(i, j) < 0 ? -1.0 : 1.0);
      }
    }
  }

  int Id(int i, int j) const { return i * n_ + j; }
  CellKind Kind(int i, int j) const { return kind_[Id(i, j)]; }
  int Index(int i, int j) const { return index_[Id(i, j)]; }
  double FixedValue(int i, int j) const { return fixed_value_[Id(i, j)]; }
  double Sign(int k) const { return sign_[k]; }
  const std::vector<std::pair<int, int>>& cells() const { return cells_; }
  std::string Cell(int i, int j) const { return "cell (" + names_[i] + ", " + names_[j] + ")"; }

 private:
  const std::vector<std::string>& names_;
  int n_;
  std::vector<CellKind> kind_;
  std::vector<int> index_;
  std::vector<double> fixed_value_;
  std::vector<std::pair<int, int>> cells_;  // unknown k -> (row, column)
  std::vector<double> sign_;                // unknown k -> sign of its prior
};

void ValidateInput(const Eigen::MatrixXd& prior, const SamTargets& targets,
                   const std::vector<std::string>& names) {
  const int n = static_cast<int>(prior.rows());
  if (prior.rows() != prior.cols()) {
    throw DataError("SAM estimation: prior is " + std::to_string(prior.rows()) + "x" +
                    std::to_string(prior.cols()) + " (expected a square matrix)");
  }
  if (static_cast<int>(names.size()) != n) {
    throw DataError("SAM estimation: " + std::to_string(names.size()) + " account names for " +
                    std::to_string(n) + " accounts");
  }
  std::set<std::string> seen;
  for (const std::string& name : names) {
    if (name.empty()) throw DataError("SAM estimation: empty account name");
    if (!seen.insert(name).second)
      throw DataError("SAM estimation: account '" + name + "' appears twice");
  }
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      if (!std::isfinite(prior(i, j))) {
        throw DataError("SAM estimation: prior cell (" + names[i] + ", " + names[j] +
                        ") is not finite");
      }
    }
  }
  auto in_range = [n](int k) { return k >= 0 && k < n; };
  for (const SamFixedCell& f : targets.fixed_cells) {
    if (!in_range(f.row) || !in_range(f.column)) {
      throw DataError("SAM estimation: fixed cell (" + std::to_string(f.row) + ", " +
                      std::to_string(f.column) + ") is outside the " + std::to_string(n) +
                      " accounts");
    }
    if (!std::isfinite(f.value)) {
      throw DataError("SAM estimation: fixed cell (" + names[f.row] + ", " + names[f.column] +
                      ") is not finite");
    }
  }
  auto check_totals = [&](const std::vector<std::optional<double>>& totals, const char* what) {
    if (!totals.empty() && static_cast<int>(totals.size()) != n) {
      throw DataError(std::string("SAM estimation: ") + what + " has " +
                      std::to_string(totals.size()) + " entries for " + std::to_string(n) +
                      " accounts (expected none or one each)");
    }
    for (size_t a = 0; a < totals.size(); ++a) {
      if (totals[a] && !std::isfinite(*totals[a])) {
        throw DataError(std::string("SAM estimation: ") + what + " of " + names[a] +
                        " is not finite");
      }
    }
  };
  check_totals(targets.row_totals, "row totals");
  check_totals(targets.column_totals, "column totals");
  for (const SamGroupTarget& g : targets.groups) {
    if (g.name.empty()) throw DataError("SAM estimation: a group target has no name");
    if (g.cells.empty()) throw DataError("SAM estimation: group '" + g.name + "' lists no cells");
    if (!std::isfinite(g.value))
      throw DataError("SAM estimation: group '" + g.name + "' value is not finite");
    std::set<std::pair<int, int>> cells;
    for (const auto& [i, j] : g.cells) {
      if (!in_range(i) || !in_range(j)) {
        throw DataError("SAM estimation: group '" + g.name + "' lists cell (" + std::to_string(i) +
                        ", " + std::to_string(j) + ") outside the " + std::to_string(n) +
                        " accounts");
      }
      if (!cells.insert({i, j}).second) {
        throw DataError("SAM estimation: group '" + g.name + "' lists cell (" + names[i] + ", " +
                        names[j] + ") twice");
      }
      if (prior(i, j) == 0.0) {
        throw DataError("SAM estimation: group '" + g.name + "' lists cell (" + names[i] + ", " +
                        names[j] + ") whose prior is zero (a structural zero)");
      }
    }
  }
}

// Builds the solver problem target by target.
class ProblemBuilder {
 public:
  ProblemBuilder(const Eigen::MatrixXd& prior, const CellMap& map, double tolerance)
      : map_(map), tolerance_(tolerance) {
    for (const auto& [i, j] : map.cells()) problem_.prior.push_back(std::abs(prior(i, j)));
    for (const auto& [i, j] : map.cells()) problem_.names.push_back(map.Cell(i, j));
  }

  // Σ terms = value. Fixed cells move to the right-hand side; a target with no unknown left
  // is checked on the spot.
  void Add(const std::string& name, const std::vector<Term>& terms, double value) {
    std::map<int, double> merged;
    double constant = 0.0, magnitude = std::abs(value);
    for (const Term& t : terms) {
      switch (map_.Kind(t.row, t.column)) {
        case CellKind::kZero:
          break;
        case CellKind::kFixed:
          constant += t.coef * map_.FixedValue(t.row, t.column);
          magnitude += std::abs(t.coef * map_.FixedValue(t.row, t.column));
          break;
        case CellKind::kUnknown: {
          const int k = map_.Index(t.row, t.column);
          merged[k] += t.coef * map_.Sign(k);
          break;
        }
      }
    }
    solver::LinearConstraint c{name, {}, {}, value - constant};
    for (const auto& [k, a] : merged) {
      if (a == 0.0) continue;  // e.g. a diagonal cell in its own account's balance
      c.index.push_back(k);
      c.coef.push_back(a);
    }
    if (!c.index.empty()) {
      problem_.equalities.push_back(std::move(c));
      return;
    }
    if (std::abs(value - constant) > tolerance_ * std::max(1.0, magnitude)) {
      throw DataError("SAM estimation: target '" + name +
                      "' cannot be met: its cells are all zero or " + "fixed, and they sum to " +
                      Fmt(constant));
    }
  }

  solver::CrossEntropyProblem& problem() { return problem_; }

 private:
  const CellMap& map_;
  double tolerance_;
  solver::CrossEntropyProblem problem_;
};

std::vector<Term> RowTerms(int a, int n, double coef) {
  std::vector<Term> terms;
  for (int j = 0; j < n; ++j) terms.push_back({a, j, coef});
  return terms;
}

std::vector<Term> ColumnTerms(int a, int n, double coef) {
  std::vector<Term> terms;
  for (int i = 0; i < n; ++i) terms.push_back({i, a, coef});
  return terms;
}

void AddTargets(const SamTargets& targets, const std::vector<std::string>& names,
                ProblemBuilder& builder) {
  const int n = static_cast<int>(names.size());
  for (int a = 0; a < static_cast<int>(targets.row_totals.size()); ++a) {
    if (!targets.row_totals[a]) continue;
    const double v = *targets.row_totals[a];
    builder.Add("row total of " + names[a] + " = " + Fmt(v), RowTerms(a, n, 1.0), v);
  }
  for (int a = 0; a < static_cast<int>(targets.column_totals.size()); ++a) {
    if (!targets.column_totals[a]) continue;
    const double v = *targets.column_totals[a];
    builder.Add("column total of " + names[a] + " = " + Fmt(v), ColumnTerms(a, n, 1.0), v);
  }
  for (const SamGroupTarget& g : targets.groups) {
    std::vector<Term> terms;
    for (const auto& [i, j] : g.cells) terms.push_back({i, j, 1.0});
    builder.Add(g.name, terms, g.value);
  }
  if (!targets.balance) return;
  for (int a = 0; a < n; ++a) {
    std::vector<Term> terms = RowTerms(a, n, 1.0);
    for (const Term& t : ColumnTerms(a, n, -1.0)) terms.push_back(t);
    builder.Add("balance of " + names[a] + " (row total = column total)", terms, 0.0);
  }
}

Eigen::MatrixXd Assemble(const Eigen::MatrixXd& prior, const SamTargets& targets,
                         const CellMap& map, const std::vector<double>& x) {
  Eigen::MatrixXd sam = Eigen::MatrixXd::Zero(prior.rows(), prior.cols());
  for (const SamFixedCell& f : targets.fixed_cells) sam(f.row, f.column) = f.value;
  for (size_t k = 0; k < x.size(); ++k) {
    const auto& [i, j] = map.cells()[k];
    sam(i, j) = map.Sign(static_cast<int>(k)) * x[k];
  }
  return sam;
}

void MeasureBalance(const Eigen::MatrixXd& sam, const std::vector<std::string>& names,
                    SamEstimationReport& report) {
  report.max_imbalance = 0.0;
  for (int a = 0; a < sam.rows(); ++a) {
    const double row = sam.row(a).sum(), column = sam.col(a).sum();
    const double size = std::max({1.0, sam.row(a).cwiseAbs().sum(), sam.col(a).cwiseAbs().sum()});
    const double imbalance = std::abs(row - column) / size;
    if (report.worst_account.empty() || imbalance > report.max_imbalance) {
      report.max_imbalance = imbalance;
      report.worst_account = names[a];
    }
  }
}

}  // namespace

Eigen::MatrixXd EstimateSam(const Eigen::MatrixXd& prior, const SamTargets& targets,
                            const std::vector<std::string>& account_names,
                            SamEstimationReport* report,
                            const solver::CrossEntropyOptions& options) {
  options.Validate();
  ValidateInput(prior, targets, account_names);
  const CellMap map(prior, targets, account_names);
  ProblemBuilder builder(prior, map, options.tolerance);
  AddTargets(targets, account_names, builder);

  SamEstimationReport local;
  SamEstimationReport& r = report != nullptr ? *report : local;
  r = SamEstimationReport{};
  r.unknowns = static_cast<int>(map.cells().size());
  r.fixed = static_cast<int>(targets.fixed_cells.size());
  r.zeros = static_cast<int>((prior.array() == 0.0).count());
  for (int k = 0; k < r.unknowns; ++k) r.negative += map.Sign(k) < 0 ? 1 : 0;

  if (r.unknowns == 0) {
    // Every target was checked by the builder; nothing is left to estimate.
    r.solve.status = solver::SolveStatus::kConverged;
    r.solve.message = "no unknown cells: every non-zero cell is fixed";
  } else {
    r.solve = solver::SolveCrossEntropy(builder.problem(), options);
    if (!r.solve.converged()) {
      throw DataError("SAM estimation failed (" + solver::StatusName(r.solve.status) +
                      "): worst target '" + r.solve.worst_constraint + "' is off by " +
                      Fmt(r.solve.max_violation) + " (relative); " + r.solve.message);
    }
  }
  Eigen::MatrixXd sam = Assemble(prior, targets, map, r.solve.x);
  MeasureBalance(sam, account_names, r);
  // The solver held each constraint to `tolerance`; a balance row adds up to twice an
  // account's flows, hence the factor.
  if (targets.balance && r.max_imbalance > 4 * options.tolerance) {
    throw DataError("SAM estimation: account " + r.worst_account + " is off balance by " +
                    Fmt(r.max_imbalance) + " (relative) after the solve");
  }
  return sam;
}

}  // namespace peninsula::calibration
