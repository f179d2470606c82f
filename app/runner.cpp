// Loading, benchmark check and scenario solves.
#include "app/runner.hpp"

#include <algorithm>
#include <cmath>

#include "calibration/calibrate.hpp"
#include "model/equation_system.hpp"

namespace peninsula::app {

LoadedData LoadData(const std::filesystem::path& directory,
                    const std::vector<model::Scenario>& scenarios) {
  LoadedData loaded;
  loaded.database = calibration::ReadDatabase(directory);
  calibration::ValidateDatabase(loaded.database);
  model::ModelData data = calibration::Calibrate(loaded.database);
  data.instruments = model::CollectInstruments(data, scenarios);
  try {
    loaded.model = std::make_unique<model::Model>(std::move(data));
  } catch (const std::invalid_argument& e) {
    throw model::ScenarioError(e.what());
  }
  return loaded;
}

namespace {

// A complementarity row holds when min(v, F) = 0 (a slack quota, a floor below the wage), so
// that is its residual; any other row's is F.
double BenchmarkResidual(const model::Model& model, const model::EquationSystem& system, int b,
                         int r) {
  const auto& block = *model.blocks()[b];
  double f = system.RowResidual({b, r}, model.benchmark().data());
  model::VarId pair = block.complement();
  if (pair.block < 0) return f;
  const model::Tuple& t = block.RowTuple(r);
  double v = model.benchmark()[model.registry().block(pair).Global(t[0], t[1], t[2])];
  return std::min(v, f);
}

}  // namespace

BenchmarkCheck CheckBenchmark(model::Model& model) {
  model.data().p = model.data().p0;
  model::ClosurePlan closure = model::ResolveClosure(model, {}, "default closure");
  const auto& x = model.benchmark();
  model::EquationSystem system(model.registry(), model.blocks(), closure.fixed, {closure.walras},
                               x);
  BenchmarkCheck check;
  check.equations = system.rows();
  check.variables = system.cols();
  for (int b = 0; b < static_cast<int>(model.blocks().size()); ++b) {
    const auto& block = *model.blocks()[b];
    double& worst = check.max_by_block[block.name()];
    for (int r = 0; r < block.rows(); ++r) {
      double res = std::abs(BenchmarkResidual(model, system, b, r));
      if (!std::isfinite(res)) res = INFINITY;
      worst = std::max(worst, res);
      if (res > check.max_residual || check.worst_equation.empty()) {
        check.max_residual = std::max(check.max_residual, res);
        check.worst_equation = block.RowLabel(r);
      }
    }
  }
  return check;
}

namespace {

// A scenario's closure and square system, resolved against the model from its benchmark.
struct PreparedScenario {
  model::ClosurePlan closure;
  std::unique_ptr<model::EquationSystem> system;
};

PreparedScenario Prepare(model::Model& model, const model::Scenario& scenario) {
  model.data().p = model.data().p0;
  PreparedScenario p;
  p.closure = model::ResolveClosure(model, scenario.closure, scenario.origin);
  p.system = std::make_unique<model::EquationSystem>(
      model.registry(), model.blocks(), p.closure.fixed,
      std::vector<model::RowRef>{p.closure.walras}, model.benchmark());
  if (!p.system->square()) {
    throw model::ScenarioError(scenario.origin + ": the closure does not give a square system: " +
                               p.system->CountReport());
  }
  return p;
}

// One step of the path as a scenario of its own, for resolving its shocks.
model::Scenario StepScenario(const model::Scenario& scenario, const model::Phase& step) {
  model::Scenario s;
  s.name = step.name;
  s.origin = step.origin.empty() ? scenario.origin : step.origin;
  s.shocks = step.shocks;
  return s;
}

}  // namespace

void ValidateScenario(model::Model& model, const model::Scenario& scenario) {
  PreparedScenario prepared = Prepare(model, scenario);
  for (const model::Phase& step : scenario.Steps()) {
    model::ShockPlan(model, StepScenario(scenario, step), model.benchmark(),
                     prepared.closure.fixed);
  }
  model.data().p = model.data().p0;
}

io::ScenarioOutcome SolvePath(model::Model& model, const model::Scenario& scenario,
                              const model::ClosurePlan& closure, const StepSolver& solve_step) {
  model.data().p = model.data().p0;
  std::vector<double> x = model.benchmark();
  io::ScenarioOutcome outcome;
  outcome.name = scenario.name;
  outcome.description = scenario.description;
  outcome.definition = scenario.source_text;
  outcome.closure = scenario.closure;
  std::vector<model::Phase> steps = scenario.Steps();
  solver::SolveSummary work;  // summed over the steps of the path
  for (std::size_t k = 0; k < steps.size(); ++k) {
    model::ShockPlan plan(model, StepScenario(scenario, steps[k]), x, closure.fixed);
    // The numeraire moves to its closure value during the first step only.
    int numeraire = closure.numeraire;
    double numeraire_base = x[numeraire];
    double numeraire_target = k == 0 ? closure.numeraire_value : numeraire_base;
    auto set_shock = [&](double t, std::vector<double>& point) {
      plan.Apply(t, point);
      point[numeraire] = numeraire_base + t * (numeraire_target - numeraire_base);
    };
    solver::SolveSummary summary = solve_step(k, x, set_shock);
    work.iterations += summary.iterations;
    work.factorizations += summary.factorizations;
    work.seconds += summary.seconds;
    work.homotopy_steps += summary.homotopy_steps;
    bool last = k + 1 == steps.size();
    if (!summary.converged() && !last) {
      summary.message = "step " + std::to_string(k + 1) + " of " + std::to_string(steps.size()) +
                        " (" + steps[k].name + ") did not converge: " + summary.message;
      outcome.summary = std::move(summary);
      break;
    }
    if (last) {
      outcome.summary = std::move(summary);
    } else if (steps[k].reported) {
      outcome.phases.push_back({steps[k].name, summary, x, model.data().p});
    }
  }
  // The status and residuals are the last step's; the work is the whole path's.
  outcome.summary.iterations = work.iterations;
  outcome.summary.factorizations = work.factorizations;
  outcome.summary.seconds = work.seconds;
  outcome.summary.homotopy_steps = work.homotopy_steps;
  outcome.x = std::move(x);
  outcome.parameters = model.data().p;
  model.data().p = model.data().p0;
  return outcome;
}

io::ScenarioOutcome RunScenario(model::Model& model, const model::Scenario& scenario,
                                const solver::SolveOptions& options,
                                solver::HeldFactorization* keep) {
  PreparedScenario prepared = Prepare(model, scenario);
  solver::SolveOptions step_options = options;
  std::unique_ptr<solver::NewtonWorkspace> workspace;
  if (keep && !options.workspace) {
    workspace = std::make_unique<solver::NewtonWorkspace>(*prepared.system, options.newton);
    step_options.workspace = workspace.get();
  }
  auto outcome =
      SolvePath(model, scenario, prepared.closure,
                [&](std::size_t, std::vector<double>& x, const solver::ShockSetter& set_shock) {
                  if (workspace)
                    workspace->Reset();  // as without a workspace: no factorisation held
                  return solver::Solve(*prepared.system, x, set_shock, step_options);
                });
  if (workspace) *keep = workspace->HoldFactorization();
  return outcome;
}

}  // namespace peninsula::app
