// Newton's method with a sparse LU.
#include "solver/newton.hpp"

#include <chrono>
#include <optional>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "solver/complementarity.hpp"
#include "solver/diagnostics.hpp"
#include "solver/gmres.hpp"

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
  NewtonState(const model::EquationSystem& system, std::vector<double>& x_full,
              NewtonWorkspace& workspace)
      : system_(system),
        x_full_(x_full),
        n_(system.cols()),
        y_(n_),
        f_(n_),
        jacobian_(system.nonzeros()),
        workspace_(workspace) {
    system.Gather(x_full.data(), y_.data());
    Evaluate(x_full_, y_, raw_, f_);
  }

  const std::vector<double>& residual() const { return f_; }
  bool has_factorization() const { return workspace_.chord_lu() != nullptr; }
  int factorizations() const { return factorizations_; }

  // J at the current iterate, complementarity rows as φ; false if it is not finite.
  bool EvaluateJacobian() {
    system_.Jacobian(x_full_.data(), jacobian_.data());
    FischerBurmeisterJacobian(system_, y_.data(), raw_.data(), jacobian_.data());
    return AllFinite(jacobian_);
  }

  // Solves J·step = −F with J factorised at the current iterate; the status says why not.
  std::optional<SolveStatus> ComputeStep(std::vector<double>& step) {
    workspace_.has_factorization = false;
    if (!EvaluateJacobian()) return SolveStatus::kEvaluationError;
    ++factorizations_;
    if (!workspace_.lu().Factorize(jacobian_.data())) return SolveStatus::kSingularJacobian;
    workspace_.has_factorization = true;
    return ChordStep(step) ? std::nullopt : std::optional(SolveStatus::kSingularJacobian);
  }

  // The Newton step on the current Jacobian by GMRES, preconditioned by the factorisation
  // held (of an earlier iterate's Jacobian); false if GMRES does not reach the tolerance.
  // `step_is_chord`: `step` holds the chord step at this iterate, GMRES's first
  // preconditioned direction, which saves a solve.
  bool KrylovStep(std::vector<double>& step, int max_iterations, double tolerance,
                  bool step_is_chord) {
    SparseLu* lu = workspace_.chord_lu();
    if (!lu || !EvaluateJacobian()) return false;
    const auto& start = system_.row_start();
    const auto& col = system_.col_index();
    auto apply = [&](const std::vector<double>& v, std::vector<double>& out) {
      out.assign(n_, 0.0);
      for (int r = 0; r < n_; ++r) {
        for (int k = start[r]; k < start[r + 1]; ++k) out[r] += jacobian_[k] * v[col[k]];
      }
    };
    auto precondition = [&](std::vector<double>& v) { return lu->Solve(v.data()); };
    std::vector<double> rhs(n_), chord;
    for (int k = 0; k < n_; ++k) rhs[k] = -f_[k];
    if (step_is_chord) chord = step;
    return Gmres(apply, precondition, rhs, step, max_iterations, tolerance,
                 step_is_chord ? &chord : nullptr) &&
           AllFinite(step);
  }

  // Solves with the factorisation already held (from an earlier iterate or solve).
  bool ChordStep(std::vector<double>& step) {
    SparseLu* lu = workspace_.chord_lu();
    if (!lu) return false;
    step.resize(n_);
    for (int k = 0; k < n_; ++k) step[k] = -f_[k];
    return lu->Solve(step.data()) && AllFinite(step);
  }

  // Residual at y + alpha·step, kept in the trial buffers.
  const std::vector<double>& Trial(const std::vector<double>& step, double alpha) {
    y_trial_.resize(n_);
    f_trial_.resize(n_);
    x_trial_ = x_full_;
    for (int k = 0; k < n_; ++k) y_trial_[k] = y_[k] + alpha * step[k];
    system_.Scatter(y_trial_.data(), x_trial_.data());
    Evaluate(x_trial_, y_trial_, raw_trial_, f_trial_);
    return f_trial_;
  }

  void AcceptTrial() {
    y_.swap(y_trial_);
    f_.swap(f_trial_);
    raw_.swap(raw_trial_);
    x_full_.swap(x_trial_);
  }

 private:
  // Residuals at x (raw), and the system Newton solves: complementarity rows as φ.
  void Evaluate(const std::vector<double>& x, const std::vector<double>& y,
                std::vector<double>& raw, std::vector<double>& f) {
    raw.resize(n_);
    system_.Residuals(x.data(), raw.data());
    f = raw;
    ApplyFischerBurmeister(system_, y.data(), f.data());
  }

 public:
 private:
  const model::EquationSystem& system_;
  std::vector<double>& x_full_;
  int n_;
  std::vector<double> y_, f_, raw_, y_trial_, f_trial_, raw_trial_, x_trial_, jacobian_;
  NewtonWorkspace& workspace_;
  int factorizations_ = 0;
};

// A full step with the held factorisation, kept if it shrinks max|F| by the contraction
// factor: near a solution (and from a neighbouring one) this costs a triangular solve and a
// residual instead of a Jacobian and a factorisation. `solved` says whether `step` holds
// the chord step when it is not kept (for GMRES, whose first direction it is).
bool TryChordStep(NewtonState& state, std::vector<double>& step, double contraction, bool& solved) {
  solved = state.has_factorization() && state.ChordStep(step);
  if (!solved) return false;
  double before = MaxAbs(state.residual());
  const auto& trial = state.Trial(step, 1.0);
  if (!AllFinite(trial) || MaxAbs(trial) > contraction * before) return false;
  state.AcceptTrial();
  return true;
}

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
  return AllFinite(state.residual()) ? SolveStatus::kLineSearchFailed
                                     : SolveStatus::kEvaluationError;
}

// Before refactorising: the Newton step by GMRES on the held factorisation, kept if its line
// search succeeds (a factorisation costs far more than the solves GMRES takes).
bool TryKrylovStep(NewtonState& state, std::vector<double>& step, const NewtonOptions& options,
                   bool step_is_chord) {
  return options.reuse_factorization && options.krylov_iterations > 0 &&
         state.KrylovStep(step, options.krylov_iterations, options.krylov_tolerance,
                          step_is_chord) &&
         !LineSearch(state, step, options);
}

// One more step kept only if it lowers the largest residual: it takes the residual (and the
// Walras check, which sums every row's error) towards rounding level.
bool Polish(NewtonState& state, std::vector<double>& step, const NewtonOptions& options) {
  bool reuse = options.reuse_factorization, solved = false;
  if (reuse && TryChordStep(state, step, 0.5, solved)) return true;
  // Near rounding level a chord step rarely halves the residual; the exact Newton step by
  // GMRES on the held factorisation spares a factorisation (5 s at 144,000 unknowns).
  bool krylov = reuse && options.krylov_iterations > 0 &&
                state.KrylovStep(step, options.krylov_iterations, options.krylov_tolerance, solved);
  if (!krylov && state.ComputeStep(step)) return false;
  if (!(MaxAbs(state.Trial(step, 1.0)) < MaxAbs(state.residual()))) return false;
  state.AcceptTrial();
  return true;
}

}  // namespace

void NewtonOptions::Validate() const {
  if (!(tolerance > 0)) throw std::invalid_argument("newton tolerance must be > 0");
  if (max_iterations < 1) throw std::invalid_argument("newton max_iterations must be >= 1");
  if (!(max_seconds > 0)) throw std::invalid_argument("newton max_seconds must be > 0");
  if (!(armijo > 0 && armijo < 0.5))
    throw std::invalid_argument("newton armijo must be in (0, 0.5)");
  if (condense_max_fill < 0) throw std::invalid_argument("newton condense_max_fill must be >= 0");
  if (krylov_iterations < 0) throw std::invalid_argument("newton krylov_iterations must be >= 0");
  if (!(krylov_tolerance > 0 && krylov_tolerance < 1)) {
    throw std::invalid_argument("newton krylov_tolerance must be in (0, 1)");
  }
  if (!(chord_contraction > 0 && chord_contraction < 1)) {
    throw std::invalid_argument("newton chord_contraction must be in (0, 1)");
  }
}

namespace {

NewtonOptions WithSolver(LinearSolverKind kind) {
  NewtonOptions options;
  options.linear_solver = kind;
  return options;
}

}  // namespace

NewtonWorkspace::NewtonWorkspace(const model::EquationSystem& system, const NewtonOptions& options)
    : system_(&system),
      kind_(options.linear_solver),
      condense_(options.condense),
      max_fill_(options.condense_max_fill) {}

NewtonWorkspace::NewtonWorkspace(const model::EquationSystem& system, LinearSolverKind kind)
    : NewtonWorkspace(system, WithSolver(kind)) {}

bool NewtonWorkspace::Fits(const model::EquationSystem& system,
                           const NewtonOptions& options) const {
  return &system == system_ && options.linear_solver == kind_ && options.condense == condense_ &&
         (!condense_ || options.condense_max_fill == max_fill_);
}

SparseLu& NewtonWorkspace::lu() {
  if (lu_) return *lu_;
  if (condense_ && !condensation_) {
    condensation_ = std::make_shared<const Condensation>(
        PlanCondensation(CondensationInputFor(*system_, max_fill_)));
  }
  lu_ = MakeSystemLu(*system_, kind_, condensation_);
  return *lu_;
}

void NewtonWorkspace::Reset() {
  has_factorization = false;
  if (lu_) lu_->DropNumeric();
}

std::unique_ptr<SparseLu> NewtonWorkspace::TakeFactorization() {
  if (!has_factorization) return nullptr;
  has_factorization = false;
  return std::move(lu_);  // the next factorisation makes a new LU (the analysis is shared)
}

HeldFactorization NewtonWorkspace::HoldFactorization() {
  return {TakeFactorization(), PatternFingerprint(*system_)};
}

std::uint64_t PatternFingerprint(const model::EquationSystem& system) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a
  auto mix = [&h](int v) { h = (h ^ static_cast<std::uint32_t>(v)) * 1099511628211ull; };
  for (int v : system.row_start()) mix(v);
  mix(-1);
  for (int v : system.col_index()) mix(v);
  return h;
}

bool FactorizeJacobian(const model::EquationSystem& system, const std::vector<double>& x_full,
                       NewtonWorkspace& workspace) {
  std::vector<double> x = x_full, step;
  NewtonState state(system, x, workspace);
  return !state.ComputeStep(step);
}

SolveSummary SolveNewton(const model::EquationSystem& system, std::vector<double>& x_full,
                         const NewtonOptions& options, NewtonWorkspace* workspace) {
  options.Validate();
  auto start = Clock::now();
  SolveSummary summary;
  summary.solver = "newton";
  std::unique_ptr<NewtonWorkspace> own;
  if (!workspace || !workspace->Fits(system, options)) {
    own = std::make_unique<NewtonWorkspace>(system, options);
    workspace = own.get();
  }
  NewtonState state(system, x_full, *workspace);
  std::vector<double> step;
  auto finish = [&](SolveStatus status, std::string message) {
    summary.factorizations = state.factorizations();
    summary.status = status;
    summary.message = std::move(message);
    summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    Diagnose(system, x_full, summary);
    return summary;
  };
  if (!AllFinite(state.residual()))
    return finish(SolveStatus::kEvaluationError, "non-finite residual at the start point");
  for (int it = 0;; ++it) {
    if (MaxAbs(state.residual()) <= options.tolerance) {
      if (options.polish && it > 0 && Polish(state, step, options)) ++summary.iterations;
      return finish(SolveStatus::kConverged, "");
    }
    if (it == options.max_iterations) return finish(SolveStatus::kIterationLimit, "");
    if (std::chrono::duration<double>(Clock::now() - start).count() > options.max_seconds) {
      return finish(SolveStatus::kTimeLimit, "");
    }
    summary.iterations = it + 1;
    bool solved = false;
    if (options.reuse_factorization &&
        TryChordStep(state, step, options.chord_contraction, solved)) {
      continue;
    }
    if (TryKrylovStep(state, step, options, solved)) continue;
    if (auto failure = state.ComputeStep(step))
      return finish(*failure, "at Newton iteration " + std::to_string(it));
    if (auto failure = LineSearch(state, step, options)) {
      return finish(*failure, "no step along the Newton direction reduced the residual");
    }
  }
}

}  // namespace peninsula::solver
