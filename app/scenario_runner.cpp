// Prepared systems, central solutions and warm-started re-solves.
#include "app/scenario_runner.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace peninsula::app {

// One closure's square system and Newton workspace, shared by the scenarios that use it.
struct ScenarioRunner::System {
  model::ClosurePlan closure;
  std::unique_ptr<model::EquationSystem> system;
  std::unique_ptr<solver::NewtonWorkspace> workspace;
};

// A step's central solution and a factorisation of the Jacobian near it (null if the central
// solve made none); x is empty when the central solve did not converge.
struct ScenarioRunner::WarmStart {
  std::vector<double> x;
  std::unique_ptr<solver::SparseLu> lu;
};

struct ScenarioRunner::Slot {
  model::ClosurePlan closure;
  int system = -1;
  std::vector<WarmStart> steps;
  io::ScenarioOutcome central;
};

namespace {

bool SameSystem(const model::ClosurePlan& a, const model::ClosurePlan& b) {
  return a.fixed == b.fixed && a.numeraire == b.numeraire && a.walras.block == b.walras.block &&
         a.walras.row == b.walras.row;
}

// max|F| at `point` once the step's whole shock is applied: where Newton would start from it.
double ShockedResidual(const model::EquationSystem& system, const std::vector<double>& point,
                       const solver::ShockSetter& set_shock) {
  std::vector<double> x = point;
  set_shock(1.0, x);
  std::vector<double> f(system.rows());
  system.Residuals(x.data(), f.data());
  double worst = 0;
  for (double v : f) worst = std::max(worst, std::isfinite(v) ? std::abs(v) : INFINITY);
  return worst;
}

// Adds the work of a failed warm attempt to the solve that followed it.
void AddWork(solver::SolveSummary& to, const solver::SolveSummary& from) {
  to.iterations += from.iterations;
  to.factorizations += from.factorizations;
  to.seconds += from.seconds;
}

}  // namespace

ScenarioRunner::ScenarioRunner(model::Model& model, std::vector<model::Scenario> scenarios,
                               const solver::SolveOptions& options)
    : model_(model), scenarios_(std::move(scenarios)), options_(options) {
  for (const auto& scenario : scenarios_) {
    model_.data().p = model_.data().p0;
    Slot slot;
    slot.closure = model::ResolveClosure(model_, scenario.closure, scenario.origin);
    slot.system = SystemFor(slot.closure);
    if (!systems_[slot.system]->system->square()) {
      throw model::ScenarioError(scenario.origin + ": the closure does not give a square system: " +
                                 systems_[slot.system]->system->CountReport());
    }
    slots_.push_back(std::move(slot));
  }
  recording_ = true;
  for (std::size_t k = 0; k < slots_.size(); ++k) slots_[k].central = RunPath(k, scenarios_[k]);
  recording_ = false;
}

ScenarioRunner::~ScenarioRunner() = default;

const io::ScenarioOutcome& ScenarioRunner::central(std::size_t k) const {
  return slots_[k].central;
}

int ScenarioRunner::SystemFor(const model::ClosurePlan& closure) {
  for (std::size_t s = 0; s < systems_.size(); ++s) {
    if (SameSystem(systems_[s]->closure, closure)) return static_cast<int>(s);
  }
  auto sys = std::make_unique<System>();
  sys->closure = closure;
  if (model_.numeraire() != closure.numeraire) model_.BuildEquations(closure.numeraire);
  sys->system = std::make_unique<model::EquationSystem>(
      model_.registry(), model_.blocks(), closure.fixed, std::vector<model::RowRef>{closure.walras},
      model_.benchmark());
  sys->workspace = std::make_unique<solver::NewtonWorkspace>(*sys->system, options_.newton);
  systems_.push_back(std::move(sys));
  return static_cast<int>(systems_.size()) - 1;
}

// The model's equations are built for one numeraire at a time; systems of other closures
// read the same blocks, so switching closures rebuilds them (same structure otherwise).
ScenarioRunner::System& ScenarioRunner::Activate(int system) {
  System& sys = *systems_[system];
  if (model_.numeraire() != sys.closure.numeraire) model_.BuildEquations(sys.closure.numeraire);
  return sys;
}

io::ScenarioOutcome ScenarioRunner::Run(std::size_t k, const model::Scenario& variant) {
  return RunPath(k, variant);
}

io::ScenarioOutcome ScenarioRunner::RunPath(std::size_t k, const model::Scenario& scenario) {
  Slot& slot = slots_[k];
  Activate(slot.system);
  return SolvePath(
      model_, scenario, slot.closure,
      [&](std::size_t step, std::vector<double>& x, const solver::ShockSetter& set_shock) {
        return SolveStep(slot, step, x, set_shock);
      });
}

solver::SolveSummary ScenarioRunner::SolveStep(Slot& slot, std::size_t step, std::vector<double>& x,
                                               const solver::ShockSetter& set_shock) {
  System& sys = Activate(slot.system);
  solver::SolveSummary warm;
  bool attempted = false;
  if (!recording_ && step < slot.steps.size() && !slot.steps[step].x.empty()) {
    warm = SolveWarm(sys, slot.steps[step], x, set_shock, attempted);
    if (attempted && (warm.converged() || warm.status == solver::SolveStatus::kTimeLimit)) {
      return warm;
    }
  }
  // As RunScenario: from the step's start, with the fallback and homotopy, in what is left of
  // the time budget.
  sys.workspace->Reset();
  solver::SolveOptions cold = options_;
  cold.workspace = sys.workspace.get();
  if (attempted) cold.max_seconds = std::max(options_.max_seconds - warm.seconds, 1e-9);
  solver::SolveSummary summary = solver::Solve(*sys.system, x, set_shock, cold);
  if (attempted) AddWork(summary, warm);
  if (recording_) {
    slot.steps.resize(step + 1);
    if (summary.converged()) {
      // At the solution itself, not wherever the solve last factorised (its first iterate,
      // when GMRES steps did the rest): chord steps from it contract fastest.
      slot.steps[step].x = x;
      sys.workspace->Reset();
      if (solver::FactorizeJacobian(*sys.system, x, *sys.workspace)) {
        slot.steps[step].lu = sys.workspace->TakeFactorization();
      }
    }
  }
  return summary;
}

// Newton from the central solution (free variables; fixed ones and parameters as the step
// sets them), chord steps on the central factorisation while they contract. Not attempted
// when the step's own start is closer (a small shock, a scale of zero).
solver::SolveSummary ScenarioRunner::SolveWarm(System& sys, WarmStart& warm, std::vector<double>& x,
                                               const solver::ShockSetter& set_shock,
                                               bool& attempted) {
  const model::EquationSystem& system = *sys.system;
  std::vector<double> start = x, y(system.cols());
  system.Gather(warm.x.data(), y.data());
  system.Scatter(y.data(), start.data());
  attempted = false;
  if (!(ShockedResidual(system, start, set_shock) < ShockedResidual(system, x, set_shock))) {
    return {};
  }
  attempted = true;
  sys.workspace->Reset();
  sys.workspace->UseReference(warm.lu.get());
  solver::SolveOptions options = options_;
  options.homotopy = false;  // a homotopy needs a solved start; the cold path has one
  if (options.method == solver::Method::kAuto) options.method = solver::Method::kNewton;
  options.workspace = sys.workspace.get();
  solver::SolveSummary summary = solver::Solve(system, start, set_shock, options);
  sys.workspace->UseReference(nullptr);
  if (summary.converged() || summary.status == solver::SolveStatus::kTimeLimit) {
    x = std::move(start);
  }
  return summary;
}

}  // namespace peninsula::app
