// What the command line does, as functions the tests call too: load and calibrate a
// database, check benchmark replication, and solve scenarios into outcomes.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "calibration/database.hpp"
#include "io/results_writer.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "solver/solve.hpp"

namespace peninsula::app {

struct LoadedData {
  calibration::Database database;
  std::unique_ptr<model::Model> model;
};

// Reads, validates and calibrates, and builds the model with the complementarity
// instruments (quotas, wage floors) that `scenarios` shock; throws calibration::DataError,
// or model::ScenarioError for an instrument that cannot exist in this database.
LoadedData LoadData(const std::filesystem::path& directory,
                    const std::vector<model::Scenario>& scenarios = {});

struct BenchmarkCheck {
  double max_residual = 0.0;  // over every equation, the Walras row included
  std::map<std::string, double> max_by_block;
  std::string worst_equation;
  int equations = 0;
  int variables = 0;
};

// Residuals at the benchmark under the default closure (zero iterations).
BenchmarkCheck CheckBenchmark(model::Model& model);

// Checks that a scenario fits the model (closure square, every shock resolvable) without
// solving; throws model::ScenarioError like RunScenario would.
void ValidateScenario(model::Model& model, const model::Scenario& scenario);

// Solves step `step` of a scenario's path from `x` (the state the step before left, or the
// benchmark) with the step's shock setter; `x` returns the solution or the last iterate.
using StepSolver = std::function<solver::SolveSummary(std::size_t step, std::vector<double>& x,
                                                      const solver::ShockSetter& set_shock)>;

// A scenario's path from the benchmark under `closure`, each step solved by `solve_step`
// (RunScenario's solves on a new system, ScenarioRunner's on a prepared one). Throws
// model::ScenarioError for a shock that does not fit the model.
io::ScenarioOutcome SolvePath(model::Model& model, const model::Scenario& scenario,
                              const model::ClosurePlan& closure, const StepSolver& solve_step);

// Solves one scenario from the benchmark. Never throws for solver outcomes; throws
// model::ScenarioError for a scenario that does not fit the model. With `keep`, the last
// factorisation of the solve is handed over there (for the analysis' re-solves); each step of
// the path still starts without one.
io::ScenarioOutcome RunScenario(model::Model& model, const model::Scenario& scenario,
                                const solver::SolveOptions& options,
                                solver::HeldFactorization* keep = nullptr);

}  // namespace peninsula::app
