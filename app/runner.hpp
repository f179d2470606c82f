// What the command line does, as functions the tests call too: load and calibrate a
// database, check benchmark replication, and solve scenarios into outcomes.
#pragma once

#include <filesystem>
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

// Solves one scenario from the benchmark. Never throws for solver outcomes; throws
// model::ScenarioError for a scenario that does not fit the model.
io::ScenarioOutcome RunScenario(model::Model& model, const model::Scenario& scenario,
                                const solver::SolveOptions& options);

}  // namespace peninsula::app
