// The MPCC penalty NLP for square systems with complementarity pairs (see ipopt_mpcc.hpp).
// Ipopt variables: the system's free variables y, then one slack w per pair.
#include "solver/ipopt_mpcc.hpp"

#include <IpIpoptApplication.hpp>
#include <IpSolveStatistics.hpp>
#include <IpTNLP.hpp>
#include <chrono>
#include <cmath>

#include "solver/diagnostics.hpp"
#include "solver/ipopt_status.hpp"

namespace peninsula::solver {
namespace {

using Ipopt::Index;
using Ipopt::Number;

class MpccNlp : public Ipopt::TNLP {
 public:
  MpccNlp(const model::EquationSystem& system, std::vector<double>& x_full)
      : system_(system), x_full_(x_full), work_(x_full), raw_(system.rows()) {
    for (int r = 0; r < system.rows(); ++r) {
      if (system.complement_col(r) >= 0) pair_rows_.push_back(r);
    }
  }

  bool get_nlp_info(Index& n, Index& m, Index& nnz_jac, Index& nnz_h,
                    IndexStyleEnum& style) override {
    n = system_.cols() + pairs();
    m = system_.rows();
    nnz_jac = system_.nonzeros() + pairs();
    nnz_h = 0;  // limited-memory Hessian
    style = TNLP::C_STYLE;
    return true;
  }

  bool get_bounds_info(Index n, Number* x_l, Number* x_u, Index m, Number* g_l,
                       Number* g_u) override {
    for (Index k = 0; k < n; ++k) {
      x_l[k] = -1e19;
      x_u[k] = 1e19;
    }
    for (int r : pair_rows_) x_l[system_.complement_col(r)] = 0.0;
    for (int k = 0; k < pairs(); ++k) x_l[system_.cols() + k] = 0.0;
    for (Index k = 0; k < m; ++k) g_l[k] = g_u[k] = 0.0;
    return true;
  }

  // Starts from the given point, projected onto the bounds, with each slack at its F.
  bool get_starting_point(Index, bool init_x, Number* x, bool, Number*, Number*, Index, bool,
                          Number*) override {
    if (!init_x) return true;
    system_.Gather(x_full_.data(), x);
    system_.Residuals(x_full_.data(), raw_.data());
    for (int k = 0; k < pairs(); ++k) {
      int r = pair_rows_[k], c = system_.complement_col(r);
      x[c] = std::max(x[c], 0.0);
      x[system_.cols() + k] = std::max(raw_[r], 0.0);
    }
    return true;
  }

  bool eval_f(Index, const Number* x, bool, Number& obj) override {
    obj = 0.0;
    for (int k = 0; k < pairs(); ++k) obj += x[system_.complement_col(pair_rows_[k])] * Slack(x, k);
    return true;
  }

  bool eval_grad_f(Index n, const Number* x, bool, Number* grad) override {
    for (Index k = 0; k < n; ++k) grad[k] = 0.0;
    for (int k = 0; k < pairs(); ++k) {
      int c = system_.complement_col(pair_rows_[k]);
      grad[c] += Slack(x, k);
      grad[system_.cols() + k] = x[c];
    }
    return true;
  }

  // Pair rows: F_r(y) − w_r = 0; other rows F_r(y) = 0.
  bool eval_g(Index, const Number* x, bool, Index m, Number* g) override {
    system_.Scatter(x, work_.data());
    system_.Residuals(work_.data(), g);
    for (int k = 0; k < pairs(); ++k) g[pair_rows_[k]] -= Slack(x, k);
    for (Index k = 0; k < m; ++k) {
      if (!std::isfinite(g[k])) return false;
    }
    return true;
  }

  bool eval_jac_g(Index, const Number* x, bool, Index, Index, Index* rows, Index* cols,
                  Number* values) override {
    int base = system_.nonzeros();
    if (values == nullptr) {
      for (int r = 0; r < system_.rows(); ++r) {
        for (int k = system_.row_start()[r]; k < system_.row_start()[r + 1]; ++k) {
          rows[k] = r;
          cols[k] = system_.col_index()[k];
        }
      }
      for (int k = 0; k < pairs(); ++k) {
        rows[base + k] = pair_rows_[k];
        cols[base + k] = system_.cols() + k;
      }
      return true;
    }
    system_.Scatter(x, work_.data());
    system_.Jacobian(work_.data(), values);
    for (int k = 0; k < pairs(); ++k) values[base + k] = -1.0;
    for (int k = 0; k < base; ++k) {
      if (!std::isfinite(values[k])) return false;
    }
    return true;
  }

  void finalize_solution(Ipopt::SolverReturn, Index, const Number* x, const Number*, const Number*,
                         Index, const Number*, const Number*, Number, const Ipopt::IpoptData*,
                         Ipopt::IpoptCalculatedQuantities*) override {
    system_.Scatter(x, x_full_.data());
  }

 private:
  int pairs() const { return static_cast<int>(pair_rows_.size()); }
  double Slack(const Number* x, int k) const { return x[system_.cols() + k]; }

  const model::EquationSystem& system_;
  std::vector<double>& x_full_;
  std::vector<double> work_, raw_;
  std::vector<int> pair_rows_;
};

}  // namespace

SolveSummary SolveIpoptMpcc(const model::EquationSystem& system, std::vector<double>& x_full,
                            const IpoptOptions& options) {
  auto start = std::chrono::steady_clock::now();
  Ipopt::SmartPtr<Ipopt::IpoptApplication> app = IpoptApplicationFactory();
  SetIpoptOptions(*app->Options(), options);
  auto& o = *app->Options();
  o.SetNumericValue("compl_inf_tol", options.tolerance);
  o.SetStringValue("hessian_approximation", "limited-memory");
  SolveSummary summary =
      RunIpopt(*app, new MpccNlp(system, x_full), "ipopt-mpcc", false, system, x_full, start);
  if (summary.converged() && (summary.max_residual > 10 * options.tolerance ||
                              summary.complementarity_residual > 10 * options.tolerance)) {
    summary.status = SolveStatus::kSolverFailure;
    summary.message += "; residual above tolerance (a Newton polish may finish it)";
  }
  return summary;
}

}  // namespace peninsula::solver
