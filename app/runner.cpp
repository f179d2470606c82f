// Loading, benchmark check and scenario solves.
#include "app/runner.hpp"

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
      double res = std::abs(system.RowResidual({b, r}, x.data()));
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

// A scenario resolved against the model from its benchmark: closure, square system, shocks.
struct PreparedScenario {
  model::ClosurePlan closure;
  std::unique_ptr<model::EquationSystem> system;
  std::unique_ptr<model::ShockPlan> plan;
};

PreparedScenario Prepare(model::Model& model, const model::Scenario& scenario) {
  model.data().p = model.data().p0;
  PreparedScenario p;
  p.closure = model::ResolveClosure(model, scenario.closure, scenario.origin);
  const std::vector<double>& x = model.benchmark();
  p.system =
      std::make_unique<model::EquationSystem>(model.registry(), model.blocks(), p.closure.fixed,
                                              std::vector<model::RowRef>{p.closure.walras}, x);
  if (!p.system->square()) {
    throw model::ScenarioError(scenario.origin + ": the closure does not give a square system: " +
                               p.system->CountReport());
  }
  p.plan = std::make_unique<model::ShockPlan>(model, scenario, x, p.closure.fixed);
  return p;
}

}  // namespace

void ValidateScenario(model::Model& model, const model::Scenario& scenario) {
  Prepare(model, scenario);
  model.data().p = model.data().p0;
}

io::ScenarioOutcome RunScenario(model::Model& model, const model::Scenario& scenario,
                                const solver::SolveOptions& options) {
  PreparedScenario prepared = Prepare(model, scenario);
  std::vector<double> x = model.benchmark();
  int numeraire = prepared.closure.numeraire;
  double numeraire_base = x[numeraire], numeraire_target = prepared.closure.numeraire_value;
  auto set_shock = [&](double t, std::vector<double>& point) {
    prepared.plan->Apply(t, point);
    point[numeraire] = numeraire_base + t * (numeraire_target - numeraire_base);
  };
  io::ScenarioOutcome outcome;
  outcome.name = scenario.name;
  outcome.description = scenario.description;
  outcome.definition = scenario.source_text;
  outcome.summary = solver::Solve(*prepared.system, x, set_shock, options);
  outcome.x = std::move(x);
  outcome.parameters = model.data().p;
  model.data().p = model.data().p0;
  return outcome;
}

}  // namespace peninsula::app
