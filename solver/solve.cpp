// Direct solve with fallback, then homotopy.
#include "solver/solve.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace peninsula::solver {
namespace {

using Clock = std::chrono::steady_clock;

constexpr double kNoLimitSeconds = 1e9;  // 31 years

// The sub-solvers' own limits, cut to what is left of the whole solve's budget.
struct Budget {
  Clock::time_point deadline;

  double Remaining() const {
    return std::chrono::duration<double>(deadline - Clock::now()).count();
  }
  bool Spent() const { return Remaining() <= 0; }
  SolveOptions Cut(SolveOptions options) const {
    double left = std::max(Remaining(), 1e-12);
    options.newton.max_seconds = std::min(options.newton.max_seconds, left);
    options.ipopt.max_seconds = std::min(options.ipopt.max_seconds, left);
    return options;
  }
};

SolveSummary OutOfTime(SolveSummary summary, const std::string& where) {
  summary.status = SolveStatus::kTimeLimit;
  summary.message += (summary.message.empty() ? "" : "; ") + ("time limit reached " + where);
  return summary;
}

SolveSummary PolishComplementarity(const model::EquationSystem& system, std::vector<double>& x,
                                   SolveSummary ipopt, const SolveOptions& options);

SolveSummary SolveDirect(const model::EquationSystem& system, std::vector<double>& x,
                         const SolveOptions& all, const Budget& budget) {
  SolveOptions options = budget.Cut(all);
  if (options.method == Method::kIpopt) {
    return PolishComplementarity(system, x, SolveIpopt(system, x, options.ipopt), options);
  }
  std::vector<double> start = x;
  SolveSummary newton = SolveNewton(system, x, options.newton, options.workspace);
  if (newton.converged() || options.method == Method::kNewton) return newton;
  if (newton.status == SolveStatus::kTimeLimit || budget.Spent()) {
    return OutOfTime(newton, "before the Ipopt fallback");
  }
  options = budget.Cut(all);
  x = start;
  SolveSummary ipopt =
      PolishComplementarity(system, x, SolveIpopt(system, x, options.ipopt), options);
  ipopt.solver = "newton->" + ipopt.solver;
  ipopt.iterations += newton.iterations;
  ipopt.message = "newton: " + StatusName(newton.status) + "; " + ipopt.message;
  return ipopt;
}

// The MPCC form stops close to the solution but rarely at full accuracy: semismooth Newton
// from its point, on the regime it found, finishes the job (complementarity-experiments.md).
SolveSummary PolishComplementarity(const model::EquationSystem& system, std::vector<double>& x,
                                   SolveSummary ipopt, const SolveOptions& options) {
  if (ipopt.converged() || !system.has_complementarity() ||
      ipopt.status == SolveStatus::kEvaluationError) {
    return ipopt;
  }
  std::vector<double> before = x;
  NewtonOptions polish = options.newton;
  polish.max_iterations = std::max(polish.max_iterations, 20);
  SolveSummary newton = SolveNewton(system, x, polish);
  if (!newton.converged()) {
    x = before;
    ipopt.message += "; Newton polish: " + StatusName(newton.status);
    return ipopt;
  }
  newton.solver = ipopt.solver + "+polish";
  newton.iterations += ipopt.iterations;
  newton.seconds += ipopt.seconds;
  newton.message = ipopt.message + "; polished by semismooth Newton";
  return newton;
}

}  // namespace

void SolveOptions::Validate() const {
  newton.Validate();
  ipopt.Validate();
  if (!(max_seconds > 0)) throw std::invalid_argument("max_seconds must be > 0");
  if (max_homotopy_steps < 1) throw std::invalid_argument("max_homotopy_steps must be >= 1");
  if (!(min_homotopy_step > 0 && min_homotopy_step < 1)) {
    throw std::invalid_argument("min_homotopy_step must be in (0, 1)");
  }
}

Method ParseMethod(const std::string& text) {
  if (text == "auto") return Method::kAuto;
  if (text == "newton") return Method::kNewton;
  if (text == "ipopt") return Method::kIpopt;
  throw std::invalid_argument("solver method '" + text + "' (expected auto, newton or ipopt)");
}

// A point that solves the active equations but not the dropped one is no equilibrium.
static SolveSummary CheckWalras(SolveSummary summary, const SolveOptions& options) {
  if (summary.converged() && !(summary.walras_residual <= options.walras_tolerance)) {
    summary.status = SolveStatus::kWalrasViolated;
    summary.message += (summary.message.empty() ? "" : "; ") +
                       std::string("the equation dropped by Walras' law has residual ") +
                       std::to_string(summary.walras_residual);
  }
  return summary;
}

static SolveSummary SolveChecked(const model::EquationSystem& system, std::vector<double>& x_full,
                                 const ShockSetter& set_shock, const SolveOptions& options);

SolveSummary Solve(const model::EquationSystem& system, std::vector<double>& x_full,
                   const ShockSetter& set_shock, const SolveOptions& options) {
  return CheckWalras(SolveChecked(system, x_full, set_shock, options), options);
}

static SolveSummary SolveChecked(const model::EquationSystem& system, std::vector<double>& x_full,
                                 const ShockSetter& set_shock, const SolveOptions& options) {
  options.Validate();
  auto start = Clock::now();
  // A limit beyond any run (infinity included) is no limit; the clock's integer nanoseconds
  // could not hold it.
  const double seconds = std::min(options.max_seconds, kNoLimitSeconds);
  Budget budget{
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds))};
  std::vector<double> origin = x_full;
  set_shock(1.0, x_full);
  SolveSummary direct = SolveDirect(system, x_full, options, budget);
  if (direct.converged() || !options.homotopy || direct.status == SolveStatus::kTimeLimit) {
    return direct;
  }

  // Homotopy: from the solved state at t = 0, step towards t = 1, halving failed steps.
  std::vector<double> good = origin, trial = x_full;
  double t = 0.0, step = 0.25;
  int steps = 0, iterations = direct.iterations;
  SolveSummary last = direct;
  bool out_of_time = false;
  while (t < 1.0 && steps < options.max_homotopy_steps) {
    if ((out_of_time = budget.Spent())) break;
    double next = std::min(1.0, t + step);
    trial = good;
    set_shock(next, trial);
    last = SolveDirect(system, trial, options, budget);
    if ((out_of_time = last.status == SolveStatus::kTimeLimit)) break;
    iterations += last.iterations;
    ++steps;
    if (last.converged()) {
      good = trial;
      t = next;
      step = std::min(2 * step, 1.0);
    } else {
      step /= 2;
      if (step < options.min_homotopy_step) break;
    }
  }
  x_full = (t == 1.0) ? good : trial;
  if (t < 1.0) set_shock(1.0, x_full);
  last.solver += "+homotopy";
  last.homotopy_steps = steps;
  last.iterations = iterations;
  last.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (out_of_time && t < 1.0) last = OutOfTime(last, "during the homotopy");
  if (t < 1.0) {
    last.message = "homotopy reached " + std::to_string(t) +
                   " of the shock; direct solve: " + StatusName(direct.status) + "; " +
                   last.message;
  }
  return last;
}

}  // namespace peninsula::solver
