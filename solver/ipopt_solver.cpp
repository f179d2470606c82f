// Ipopt TNLP adapter for square systems. The only file that includes Ipopt.
#include "solver/ipopt_solver.hpp"

#include <IpIpoptApplication.hpp>
#include <IpSolveStatistics.hpp>
#include <IpTNLP.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "solver/diagnostics.hpp"
#include "solver/ipopt_mpcc.hpp"
#include "solver/ipopt_status.hpp"

namespace peninsula::solver {
namespace {

using Ipopt::Index;
using Ipopt::Number;

class SquareSystemNlp : public Ipopt::TNLP {
 public:
  SquareSystemNlp(const model::EquationSystem& system, std::vector<double>& x_full)
      : system_(system), x_full_(x_full), work_(x_full) {}

  bool get_nlp_info(Index& n, Index& m, Index& nnz_jac, Index& nnz_h,
                    IndexStyleEnum& style) override {
    n = system_.cols();
    m = system_.rows();
    nnz_jac = system_.nonzeros();
    nnz_h = system_.cols();  // a constant positive diagonal: cheap pivots, same Newton steps
    style = TNLP::C_STYLE;
    return true;
  }

  bool get_bounds_info(Index n, Number* x_l, Number* x_u, Index m, Number* g_l,
                       Number* g_u) override {
    for (Index k = 0; k < n; ++k) {
      x_l[k] = -1e19;
      x_u[k] = 1e19;
    }
    for (Index k = 0; k < m; ++k) g_l[k] = g_u[k] = 0.0;
    return true;
  }

  bool get_starting_point(Index, bool init_x, Number* x, bool, Number*, Number*, Index, bool,
                          Number*) override {
    if (init_x) system_.Gather(x_full_.data(), x);
    return true;
  }

  bool eval_f(Index, const Number*, bool, Number& obj) override {
    obj = 0.0;
    return true;
  }

  bool eval_grad_f(Index n, const Number*, bool, Number* grad) override {
    for (Index k = 0; k < n; ++k) grad[k] = 0.0;
    return true;
  }

  bool eval_g(Index, const Number* x, bool, Index m, Number* g) override {
    Load(x);
    system_.Residuals(work_.data(), g);
    for (Index k = 0; k < m; ++k) {
      if (!std::isfinite(g[k])) return false;
    }
    return true;
  }

  bool eval_jac_g(Index, const Number* x, bool, Index, Index, Index* rows, Index* cols,
                  Number* values) override {
    if (values == nullptr) {
      for (int r = 0; r < system_.rows(); ++r) {
        for (int k = system_.row_start()[r]; k < system_.row_start()[r + 1]; ++k) {
          rows[k] = r;
          cols[k] = system_.col_index()[k];
        }
      }
      return true;
    }
    Load(x);
    system_.Jacobian(work_.data(), values);
    for (int k = 0; k < system_.nonzeros(); ++k) {
      if (!std::isfinite(values[k])) return false;
    }
    return true;
  }

  bool eval_h(Index n, const Number*, bool, Number, Index, const Number*, bool, Index, Index* rows,
              Index* cols, Number* values) override {
    for (Index k = 0; k < n; ++k) {
      if (values == nullptr) {
        rows[k] = cols[k] = k;
      } else {
        values[k] = 1.0;
      }
    }
    return true;
  }

  void finalize_solution(Ipopt::SolverReturn, Index, const Number* x, const Number*, const Number*,
                         Index, const Number*, const Number*, Number, const Ipopt::IpoptData*,
                         Ipopt::IpoptCalculatedQuantities*) override {
    system_.Scatter(x, x_full_.data());
  }

  bool get_var_con_metadata(Index n, StringMetaDataMapType& var_string, IntegerMetaDataMapType&,
                            NumericMetaDataMapType&, Index m, StringMetaDataMapType& con_string,
                            IntegerMetaDataMapType&, NumericMetaDataMapType&) override {
    std::vector<std::string> vars(n), cons(m);
    for (Index k = 0; k < n; ++k) vars[k] = system_.ColLabel(k);
    for (Index k = 0; k < m; ++k) cons[k] = system_.RowLabel(k);
    var_string["idx_names"] = vars;
    con_string["idx_names"] = cons;
    return true;
  }

 private:
  void Load(const Number* x) { system_.Scatter(x, work_.data()); }

  const model::EquationSystem& system_;
  std::vector<double>& x_full_;
  std::vector<double> work_;
};

}  // namespace

void SetIpoptOptions(Ipopt::OptionsList& o, const IpoptOptions& options) {
  o.SetIntegerValue("print_level", options.print_level);
  o.SetStringValue("sb", "yes");
  o.SetNumericValue("tol", options.tolerance);
  o.SetNumericValue("constr_viol_tol", options.tolerance);
  o.SetIntegerValue("max_iter", options.max_iterations);
  o.SetNumericValue("max_cpu_time", std::min(options.max_seconds, 1e9));  // inf: no limit
  o.SetStringValue("nlp_scaling_method", "none");  // rows are already scaled by the system
  // Without it Ipopt relaxes v ≥ 0 and w ≥ 0 and the MPCC form stalls short of v·w = 0.
  o.SetNumericValue("bound_relax_factor", 0.0);
  o.SetStringValue("linear_solver", options.linear_solver);
}

SolveSummary RunIpopt(Ipopt::IpoptApplication& app, const Ipopt::SmartPtr<Ipopt::TNLP>& nlp,
                      const std::string& solver_name, bool feasibility_only,
                      const model::EquationSystem& system, const std::vector<double>& x_full,
                      std::chrono::steady_clock::time_point start) {
  SolveSummary summary;
  summary.solver = solver_name;
  if (app.Initialize() != Ipopt::Solve_Succeeded) {
    summary.status = SolveStatus::kSolverFailure;
    summary.message = "Ipopt failed to initialise";
    return summary;
  }
  Ipopt::ApplicationReturnStatus status = app.OptimizeTNLP(nlp);
  summary.status = FromIpopt(status, feasibility_only);
  summary.message = solver_name + ": Ipopt return code " + std::to_string(static_cast<int>(status));
  if (Ipopt::SmartPtr<Ipopt::SolveStatistics> stats = app.Statistics(); Ipopt::IsValid(stats)) {
    summary.iterations = stats->IterationCount();
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Diagnose(system, x_full, summary);
  return summary;
}

void IpoptOptions::Validate() const {
  if (!(tolerance > 0)) throw std::invalid_argument("ipopt tolerance must be > 0");
  if (max_iterations < 1) throw std::invalid_argument("ipopt max_iterations must be >= 1");
  if (!(max_seconds > 0)) throw std::invalid_argument("ipopt max_seconds must be > 0");
}

SolveSummary SolveIpopt(const model::EquationSystem& system, std::vector<double>& x_full,
                        const IpoptOptions& options) {
  options.Validate();
  auto start = std::chrono::steady_clock::now();
  if (system.has_complementarity()) return SolveIpoptMpcc(system, x_full, options);
  Ipopt::SmartPtr<Ipopt::IpoptApplication> app = IpoptApplicationFactory();
  SetIpoptOptions(*app->Options(), options);
  SolveSummary summary =
      RunIpopt(*app, new SquareSystemNlp(system, x_full), "ipopt", true, system, x_full, start);
  // Ipopt's own tolerance is on its internally scaled problem; hold it to ours as well.
  if (summary.converged() && summary.max_residual > 10 * options.tolerance) {
    summary.status = SolveStatus::kSolverFailure;
    summary.message += "; residual above tolerance after Ipopt reported success";
  }
  return summary;
}

}  // namespace peninsula::solver
