// Newton's method with a sparse LU.
#include "solver/newton.hpp"

#include <chrono>
#include <optional>
#include <cmath>
#include <stdexcept>

#include "solver/diagnostics.hpp"

namespace peninsula::solver {
namespace {

using Clock = std::chrono::steady_clock;

double HalfSquaredNorm(const std::vector<double>& f) {
  double s = 0;
  for (double v : f) s += v * v;
  return 0.5 * s;
}

double MaxAbs(const std::vector<double>& f) {
  double m = 0;
  for (double v : f) m = std::max(m, std::isfinite(v) ? std::abs(v) : INFINITY);
  return m;
}

bool AllFinite(const std::vector<double>& v) {
  for (double x : v) {
    if (!std::isfinite(x)) return false;
  }
  return true;
}

// The iterate and its residual, and the Newton step computed at it.
class NewtonState {
 public:
  NewtonState(const model::EquationSystem& system, std::vector<double>& x_full, LinearSolverKind kind)
      : system_(system),
        x_full_(x_full),
        n_(system.cols()),
        y_(n_),
        f_(n_),
        jacobian_(system.nonzeros()),
        lu_(MakeSparseLu(kind, n_, system.row_start(), system.col_index())) {
    system.Gather(x_full.data(), y_.data());
    system.Residuals(x_full.data(), f_.data());
  }

  const std::vector<double>& residual() const { return f_; }

  // Solves J·step = −F at the current iterate; the status says why not.
  std::optional<SolveStatus> ComputeStep(std::vector<double>& step) {
    system_.Jacobian(x_full_.data(), jacobian_.data());
    if (!AllFinite(jacobian_)) return SolveStatus::kEvaluationError;
    if (!lu_->Factorize(jacobian_.data())) return SolveStatus::kSingularJacobian;
    step.resize(n_);
    for (int k = 0; k < n_; ++k) step[k] = -f_[k];
    if (!lu_->Solve(step.data()) || !AllFinite(step)) return SolveStatus::kSingularJacobian;
    return std::nullopt;
  }

  // Residual at y + alpha·step, kept in the trial buffers.
  const std::vector<double>& Trial(const std::vector<double>& step, double alpha) {
    y_trial_.resize(n_);
    f_trial_.resize(n_);
    x_trial_ = x_full_;
    for (int k = 0; k < n_; ++k) y_trial_[k] = y_[k] + alpha * step[k];
    system_.Scatter(y_trial_.data(), x_trial_.data());
    system_.Residuals(x_trial_.data(), f_trial_.data());
    return f_trial_;
  }

  void AcceptTrial() {
    y_.swap(y_trial_);
    f_.swap(f_trial_);
    x_full_.swap(x_trial_);
  }

 private:
  const model::EquationSystem& system_;
  std::vector<double>& x_full_;
  int n_;
  std::vector<double> y_, f_, y_trial_, f_trial_, x_trial_, jacobian_;
  std::unique_ptr<SparseLu> lu_;
};

// Backtracking on ½‖F‖² along `step`; returns the status when no step is acceptable.
std::optional<SolveStatus> LineSearch(NewtonState& state, const std::vector<double>& step,
                                      const NewtonOptions& options) {
  double phi = HalfSquaredNorm(state.residual());
  for (double alpha = 1.0; alpha >= options.min_step; alpha *= 0.5) {
    const auto& trial = state.Trial(step, alpha);
    if (AllFinite(trial) && HalfSquaredNorm(trial) <= (1 - 2 * options.armijo * alpha) * phi) {
      state.AcceptTrial();
      return std::nullopt;
    }
  }
  return AllFinite(state.residual()) ? SolveStatus::kLineSearchFailed : SolveStatus::kEvaluationError;
}

// A full Newton step kept only if it lowers the largest residual: with quadratic convergence
// it takes the residual (and the Walras check, which sums every row's error) to rounding level.
bool Polish(NewtonState& state, std::vector<double>& step) {
  if (state.ComputeStep(step)) return false;
  if (!(MaxAbs(state.Trial(step, 1.0)) < MaxAbs(state.residual()))) return false;
  state.AcceptTrial();
  return true;
}

}  // namespace

void NewtonOptions::Validate() const {
  if (!(tolerance > 0)) throw std::invalid_argument("newton tolerance must be > 0");
  if (max_iterations < 1) throw std::invalid_argument("newton max_iterations must be >= 1");
  if (!(max_seconds > 0)) throw std::invalid_argument("newton max_seconds must be > 0");
  if (!(armijo > 0 && armijo < 0.5)) throw std::invalid_argument("newton armijo must be in (0, 0.5)");
}

SolveSummary SolveNewton(const model::EquationSystem& system, std::vector<double>& x_full,
                         const NewtonOptions& options) {
  options.Validate();
  auto start = Clock::now();
  SolveSummary summary;
  summary.solver = "newton";
  NewtonState state(system, x_full, options.linear_solver);
  std::vector<double> step;
  auto finish = [&](SolveStatus status, std::string message) {
    summary.status = status;
    summary.message = std::move(message);
    summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    Diagnose(system, x_full, summary);
    return summary;
  };
  if (!AllFinite(state.residual())) return finish(SolveStatus::kEvaluationError, "non-finite residual at the start point");
  for (int it = 0;; ++it) {
    if (MaxAbs(state.residual()) <= options.tolerance) {
      if (options.polish && it > 0 && Polish(state, step)) ++summary.iterations;
      return finish(SolveStatus::kConverged, "");
    }
    if (it == options.max_iterations) return finish(SolveStatus::kIterationLimit, "");
    if (std::chrono::duration<double>(Clock::now() - start).count() > options.max_seconds) {
      return finish(SolveStatus::kTimeLimit, "");
    }
    if (auto failure = state.ComputeStep(step)) return finish(*failure, "at Newton iteration " + std::to_string(it));
    if (auto failure = LineSearch(state, step, options)) {
      return finish(*failure, "no step along the Newton direction reduced the residual");
    }
    summary.iterations = it + 1;
  }
}

}  // namespace peninsula::solver
