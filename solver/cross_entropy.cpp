// Minimum cross-entropy estimation with Ipopt (see cross_entropy.hpp). Internally the unknowns
// are divided by one scale S (so the largest prior is 1) and each constraint row by its own
// magnitude w_k, which makes Ipopt's absolute tolerances mean the relative ones promised in
// the header; the KL objective is homogeneous of degree one, so scaling does not move the
// solution. Linearly dependent constraint rows (every balanced SAM has one) are detected with
// a pivoted QR and left out of Ipopt, whose KKT system would otherwise be singular; all rows,
// dropped ones included, are checked at the end, so an inconsistent dependent row still shows
// up as infeasibility by name.
#include "solver/cross_entropy.hpp"

#include "solver/ipopt_status.hpp"

#include <Eigen/Dense>
#include <IpIpoptApplication.hpp>
#include <IpSolveStatistics.hpp>
#include <IpTNLP.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace peninsula::solver {
namespace {

using Ipopt::Index;
using Ipopt::Number;

constexpr double kInfinity = 1e19;         // Ipopt's "no bound"
constexpr double kLowerFloor = 1e-12;      // internal lower bound, relative to the prior
constexpr double kRankThreshold = 1e-10;   // relative pivot size treated as dependence
constexpr double kMaxDenseRankWork = 5e7;  // n·m above which dependence is not checked

// A constraint after MergeRow: repeated indices merged, zero coefficients removed.
using SparseRow = LinearConstraint;

// The problem as Ipopt sees it: scaled unknowns y = x / scale, rows divided by weight.
struct ScaledProblem {
  double scale = 1.0;
  std::vector<double> prior;         // p / scale
  std::vector<double> lower, upper;  // scaled, lower > 0
  std::vector<SparseRow> rows;       // all rows, unscaled
  std::vector<double> weight;        // per row
  std::vector<int> active;           // rows passed to Ipopt
  int nonzeros = 0;                  // over active rows
};

std::string UnknownName(const CrossEntropyProblem& problem, int k) {
  if (!problem.names.empty()) return "unknown '" + problem.names[k] + "'";
  return "unknown " + std::to_string(k);
}

SparseRow MergeRow(const LinearConstraint& c) {
  std::map<int, double> merged;
  for (size_t j = 0; j < c.index.size(); ++j) merged[c.index[j]] += c.coef[j];
  SparseRow row{c.name, {}, {}, c.rhs};
  for (const auto& [k, a] : merged) {
    if (a == 0.0) continue;
    row.index.push_back(k);
    row.coef.push_back(a);
  }
  return row;
}

// Σ_j |a_j·v_j|: the size of the flows a constraint adds up.
double RowMagnitude(const SparseRow& row, const std::vector<double>& v) {
  double sum = 0.0;
  for (size_t j = 0; j < row.index.size(); ++j) sum += std::abs(row.coef[j] * v[row.index[j]]);
  return sum;
}

double RowResidual(const SparseRow& row, const std::vector<double>& x) {
  double sum = 0.0;
  for (size_t j = 0; j < row.index.size(); ++j) sum += row.coef[j] * x[row.index[j]];
  return sum - row.rhs;
}

// Indices of a maximal linearly independent subset of the rows, in their original order.
std::vector<int> IndependentRows(const std::vector<SparseRow>& rows, int n) {
  const int m = static_cast<int>(rows.size());
  std::vector<int> all(m);
  for (int r = 0; r < m; ++r) all[r] = r;
  if (m == 0 || static_cast<double>(n) * m > kMaxDenseRankWork) return all;
  Eigen::MatrixXd at = Eigen::MatrixXd::Zero(n, m);
  for (int r = 0; r < m; ++r) {
    double norm = 0.0;
    for (double a : rows[r].coef) norm += a * a;
    norm = std::sqrt(norm);
    if (norm == 0.0) continue;
    for (size_t j = 0; j < rows[r].index.size(); ++j)
      at(rows[r].index[j], r) = rows[r].coef[j] / norm;
  }
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(at);
  qr.setThreshold(kRankThreshold);
  std::vector<int> kept(qr.colsPermutation().indices().data(),
                        qr.colsPermutation().indices().data() + qr.rank());
  std::sort(kept.begin(), kept.end());
  return kept;
}

ScaledProblem Scale(const CrossEntropyProblem& problem) {
  ScaledProblem s;
  const int n = problem.size();
  s.scale = *std::max_element(problem.prior.begin(), problem.prior.end());
  s.prior.resize(n);
  s.lower.resize(n);
  s.upper.resize(n);
  for (int k = 0; k < n; ++k) {
    const double p = problem.prior[k];
    const double lo = problem.lower.empty() ? 0.0 : problem.lower[k];
    const double up = problem.upper.empty() ? kInfinity : problem.upper[k];
    s.prior[k] = p / s.scale;
    s.upper[k] = up >= kInfinity ? kInfinity : up / s.scale;
    // The log needs x > 0; a floor far below the prior leaves the optimum unaffected.
    s.lower[k] = std::min(std::max(lo, kLowerFloor * p) / s.scale, s.upper[k]);
  }
  for (const LinearConstraint& c : problem.equalities) {
    s.rows.push_back(MergeRow(c));
    const SparseRow& row = s.rows.back();
    s.weight.push_back(std::max({1.0, std::abs(row.rhs), RowMagnitude(row, problem.prior)}));
  }
  s.active = IndependentRows(s.rows, n);
  for (int r : s.active) s.nonzeros += static_cast<int>(s.rows[r].index.size());
  return s;
}

class CrossEntropyNlp : public Ipopt::TNLP {
 public:
  CrossEntropyNlp(const ScaledProblem& problem, const std::vector<std::string>& names)
      : p_(problem), names_(names) {}

  bool get_nlp_info(Index& n, Index& m, Index& nnz_jac, Index& nnz_h,
                    IndexStyleEnum& style) override {
    n = static_cast<Index>(p_.prior.size());
    m = static_cast<Index>(p_.active.size());
    nnz_jac = p_.nonzeros;
    nnz_h = n;  // diagonal
    style = TNLP::C_STYLE;
    return true;
  }

  bool get_bounds_info(Index n, Number* x_l, Number* x_u, Index m, Number* g_l,
                       Number* g_u) override {
    for (Index k = 0; k < n; ++k) {
      x_l[k] = p_.lower[k];
      x_u[k] = p_.upper[k];
    }
    for (Index i = 0; i < m; ++i) {
      const int r = p_.active[i];
      g_l[i] = g_u[i] = p_.rows[r].rhs / p_.weight[r];
    }
    return true;
  }

  bool get_starting_point(Index n, bool init_x, Number* x, bool, Number*, Number*, Index, bool,
                          Number*) override {
    if (!init_x) return true;
    for (Index k = 0; k < n; ++k) x[k] = std::clamp(p_.prior[k], p_.lower[k], p_.upper[k]);
    return true;
  }

  bool eval_f(Index n, const Number* y, bool, Number& obj) override {
    obj = 0.0;
    for (Index k = 0; k < n; ++k) {
      if (!(y[k] > 0)) return false;
      obj += y[k] * std::log(y[k] / p_.prior[k]) - y[k] + p_.prior[k];
    }
    return std::isfinite(obj);
  }

  bool eval_grad_f(Index n, const Number* y, bool, Number* grad) override {
    for (Index k = 0; k < n; ++k) {
      if (!(y[k] > 0)) return false;
      grad[k] = std::log(y[k] / p_.prior[k]);
    }
    return true;
  }

  bool eval_g(Index, const Number* y, bool, Index m, Number* g) override {
    for (Index i = 0; i < m; ++i) {
      const SparseRow& row = p_.rows[p_.active[i]];
      double sum = 0.0;
      for (size_t j = 0; j < row.index.size(); ++j) sum += row.coef[j] * y[row.index[j]];
      g[i] = sum * p_.scale / p_.weight[p_.active[i]];
    }
    return true;
  }

  bool eval_jac_g(Index, const Number*, bool, Index m, Index, Index* rows, Index* cols,
                  Number* values) override {
    int e = 0;
    for (Index i = 0; i < m; ++i) {
      const int r = p_.active[i];
      const SparseRow& row = p_.rows[r];
      for (size_t j = 0; j < row.index.size(); ++j, ++e) {
        if (values == nullptr) {
          rows[e] = i;
          cols[e] = row.index[j];
        } else {
          values[e] = row.coef[j] * p_.scale / p_.weight[r];
        }
      }
    }
    return true;
  }

  // The constraints are linear, so only the objective's diagonal 1/y contributes.
  bool eval_h(Index n, const Number* y, bool, Number obj_factor, Index, const Number*, bool, Index,
              Index* rows, Index* cols, Number* values) override {
    for (Index k = 0; k < n; ++k) {
      if (values == nullptr) {
        rows[k] = cols[k] = k;
      } else {
        if (!(y[k] > 0)) return false;
        values[k] = obj_factor / y[k];
      }
    }
    return true;
  }

  void finalize_solution(Ipopt::SolverReturn, Index n, const Number* y, const Number* z_l,
                         const Number* z_u, Index m, const Number*, const Number* lambda, Number,
                         const Ipopt::IpoptData*, Ipopt::IpoptCalculatedQuantities*) override {
    y_.assign(y, y + n);
    std::vector<double> r(n);
    for (Index k = 0; k < n; ++k) {
      r[k] = (y[k] > 0 ? std::log(y[k] / p_.prior[k]) : 0.0) - z_l[k] + z_u[k];
    }
    for (Index i = 0; i < m; ++i) {
      const int row_id = p_.active[i];
      const SparseRow& row = p_.rows[row_id];
      for (size_t j = 0; j < row.index.size(); ++j) {
        r[row.index[j]] += lambda[i] * row.coef[j] * p_.scale / p_.weight[row_id];
      }
    }
    stationarity_ = 0.0;
    for (double v : r) stationarity_ = std::max(stationarity_, std::abs(v));
  }

  bool get_var_con_metadata(Index n, StringMetaDataMapType& var_string, IntegerMetaDataMapType&,
                            NumericMetaDataMapType&, Index m, StringMetaDataMapType& con_string,
                            IntegerMetaDataMapType&, NumericMetaDataMapType&) override {
    std::vector<std::string> vars(n), cons(m);
    for (Index k = 0; k < n; ++k) vars[k] = names_.empty() ? "x" + std::to_string(k) : names_[k];
    for (Index i = 0; i < m; ++i) cons[i] = p_.rows[p_.active[i]].name;
    var_string["idx_names"] = vars;
    con_string["idx_names"] = cons;
    return true;
  }

  const std::vector<double>& y() const { return y_; }
  double stationarity() const { return stationarity_; }

 private:
  const ScaledProblem& p_;
  const std::vector<std::string>& names_;
  std::vector<double> y_;
  double stationarity_ = std::numeric_limits<double>::quiet_NaN();
};

std::string DescribeReturn(Ipopt::ApplicationReturnStatus status) {
  switch (status) {
    case Ipopt::Solve_Succeeded:
      return "Ipopt converged";
    case Ipopt::Solved_To_Acceptable_Level:
      return "Ipopt converged to its acceptable level";
    case Ipopt::Infeasible_Problem_Detected:
      return "Ipopt detected an infeasible problem: the constraints and bounds are inconsistent";
    case Ipopt::Not_Enough_Degrees_Of_Freedom:
      return "more independent constraints than unknowns";
    case Ipopt::Restoration_Failed:
      return "Ipopt's restoration phase failed (the constraints may be inconsistent)";
    default:
      return "Ipopt return code " + std::to_string(static_cast<int>(status));
  }
}

// Fills max_violation and worst_constraint from every row, dropped ones included; returns the
// index of the worst row (-1 without rows).
int CheckConstraints(const std::vector<SparseRow>& rows, CrossEntropyResult& result) {
  int worst = -1;
  result.max_violation = 0.0;
  result.worst_constraint.clear();
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    const SparseRow& row = rows[r];
    const double scale = std::max({1.0, std::abs(row.rhs), RowMagnitude(row, result.x)});
    const double violation = std::abs(RowResidual(row, result.x)) / scale;
    if (worst < 0 || !(violation <= result.max_violation)) {  // NaN counts as worst
      result.max_violation = violation;
      result.worst_constraint = row.name;
      worst = r;
    }
  }
  return worst;
}

void ValidateConstraint(const LinearConstraint& c, int n) {
  const std::string where = "cross-entropy constraint '" + c.name + "'";
  if (c.name.empty()) throw std::invalid_argument("cross-entropy constraint without a name");
  if (c.index.size() != c.coef.size()) {
    throw std::invalid_argument(where + ": " + std::to_string(c.index.size()) + " indices but " +
                                std::to_string(c.coef.size()) + " coefficients");
  }
  if (!std::isfinite(c.rhs)) throw std::invalid_argument(where + ": right-hand side is not finite");
  for (size_t j = 0; j < c.index.size(); ++j) {
    if (c.index[j] < 0 || c.index[j] >= n) {
      throw std::invalid_argument(where + ": index " + std::to_string(c.index[j]) +
                                  " out of range [0, " + std::to_string(n) + ")");
    }
    if (!std::isfinite(c.coef[j])) {
      throw std::invalid_argument(where + ": coefficient " + std::to_string(j) + " is not finite");
    }
  }
}

}  // namespace

void CrossEntropyOptions::Validate() const {
  if (!(tolerance > 0 && tolerance < 1)) {
    throw std::invalid_argument("cross-entropy tolerance must be in (0, 1)");
  }
  if (max_iterations < 1) throw std::invalid_argument("cross-entropy max_iterations must be >= 1");
  if (print_level < 0 || print_level > 12) {
    throw std::invalid_argument("cross-entropy print_level must be in [0, 12]");
  }
}

double CrossEntropyObjective(const std::vector<double>& x, const std::vector<double>& prior) {
  if (x.size() != prior.size())
    throw std::invalid_argument("cross-entropy objective: size mismatch");
  double sum = 0.0;
  for (size_t k = 0; k < x.size(); ++k) {
    if (x[k] < 0) return std::numeric_limits<double>::infinity();
    sum += (x[k] > 0 ? x[k] * std::log(x[k] / prior[k]) - x[k] : 0.0) + prior[k];
  }
  return sum;
}

void ValidateProblem(const CrossEntropyProblem& problem) {
  const int n = problem.size();
  if (n == 0) throw std::invalid_argument("cross-entropy problem has no unknowns");
  auto check_size = [n](const auto& v, const char* what) {
    if (!v.empty() && static_cast<int>(v.size()) != n) {
      throw std::invalid_argument(std::string("cross-entropy ") + what + " has " +
                                  std::to_string(v.size()) + " entries for " + std::to_string(n) +
                                  " unknowns");
    }
  };
  check_size(problem.lower, "lower");
  check_size(problem.upper, "upper");
  check_size(problem.names, "names");
  for (int k = 0; k < n; ++k) {
    const std::string who = UnknownName(problem, k);
    const double p = problem.prior[k];
    if (!(p > 0) || !std::isfinite(p)) {
      throw std::invalid_argument("cross-entropy " + who + ": prior " + std::to_string(p) +
                                  " (expected > 0 and finite)");
    }
    const double lo = problem.lower.empty() ? 0.0 : problem.lower[k];
    const double up = problem.upper.empty() ? kInfinity : problem.upper[k];
    if (!(lo >= 0) || !std::isfinite(lo)) {
      throw std::invalid_argument("cross-entropy " + who + ": lower bound must be finite and >= 0");
    }
    if (!(up > 0) || !(up >= lo)) {
      throw std::invalid_argument("cross-entropy " + who + ": upper bound " + std::to_string(up) +
                                  " must be > 0 and >= the lower bound " + std::to_string(lo));
    }
    if (!problem.names.empty() && problem.names[k].empty()) {
      throw std::invalid_argument("cross-entropy unknown " + std::to_string(k) +
                                  " has an empty name");
    }
  }
  for (const LinearConstraint& c : problem.equalities) ValidateConstraint(c, n);
}

CrossEntropyResult SolveCrossEntropy(const CrossEntropyProblem& problem,
                                     const CrossEntropyOptions& options) {
  options.Validate();
  ValidateProblem(problem);
  const auto start = std::chrono::steady_clock::now();
  const ScaledProblem scaled = Scale(problem);
  CrossEntropyResult result;
  result.dropped_constraints = static_cast<int>(scaled.rows.size() - scaled.active.size());

  Ipopt::SmartPtr<Ipopt::IpoptApplication> app = IpoptApplicationFactory();
  auto& o = *app->Options();
  o.SetIntegerValue("print_level", options.print_level);
  o.SetStringValue("sb", "yes");
  o.SetNumericValue("tol", options.tolerance);
  o.SetNumericValue("constr_viol_tol", 0.5 * options.tolerance);
  o.SetIntegerValue("max_iter", options.max_iterations);
  o.SetStringValue("nlp_scaling_method", "none");  // scaled above, so tolerances keep meaning
  o.SetNumericValue("bound_relax_factor", 0.0);    // relaxed bounds could let the log see x <= 0
  o.SetStringValue("jac_c_constant", "yes");
  o.SetStringValue("mu_strategy", "adaptive");
  if (app->Initialize() != Ipopt::Solve_Succeeded) {
    result.message = "Ipopt failed to initialise";
    return result;
  }
  Ipopt::SmartPtr<CrossEntropyNlp> nlp = new CrossEntropyNlp(scaled, problem.names);
  const Ipopt::ApplicationReturnStatus status =
      app->OptimizeTNLP(Ipopt::SmartPtr<Ipopt::TNLP>(nlp));
  result.status = FromIpopt(status, false);
  result.message = DescribeReturn(status);
  if (Ipopt::SmartPtr<Ipopt::SolveStatistics> stats = app->Statistics(); Ipopt::IsValid(stats)) {
    result.iterations = stats->IterationCount();
  }
  result.x.resize(problem.prior.size());
  for (size_t k = 0; k < result.x.size(); ++k) {
    // Ipopt may fail before finalize_solution fills y; the prior is then the honest answer.
    result.x[k] = nlp->y().empty() ? problem.prior[k] : nlp->y()[k] * scaled.scale;
  }
  result.max_stationarity = nlp->stationarity();
  result.objective = CrossEntropyObjective(result.x, problem.prior);
  const int worst = CheckConstraints(scaled.rows, result);
  if (result.converged() && !(result.max_violation <= options.tolerance)) {
    const bool dropped = !std::binary_search(scaled.active.begin(), scaled.active.end(), worst);
    result.status = SolveStatus::kSolverFailure;
    result.message +=
        ", but constraint '" + result.worst_constraint + "' is off by " +
        std::to_string(result.max_violation) + " (relative)" +
        (dropped ? ": it is implied by the other constraints with a different value" : "");
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace peninsula::solver
