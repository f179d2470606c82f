// Everything a process needs to compute any draw of a batch: the batch file, the study's
// scenarios, the databases (one per dataset), the resolved parameters and design, the
// outcome columns and the solver options. Every rank loads the same setup from the same
// files, so only draw indices and results travel between processes.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/batch/batch_file.hpp"
#include "app/batch/design.hpp"
#include "app/batch/outcomes.hpp"
#include "app/batch/parameters.hpp"
#include "app/batch/record.hpp"
#include "calibration/database.hpp"
#include "io/scenario_file.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "solver/solve.hpp"

namespace peninsula::app::batch {

struct BatchSetup {
  BatchFile batch;
  io::Study study;
  std::vector<model::Scenario> scenarios;
  std::vector<std::filesystem::path> data_directories;  // one per dataset
  std::vector<calibration::Database> databases;
  std::vector<std::unique_ptr<model::Model>> base_models;
  ResolvedParameters parameters;  // against databases[0]
  std::unique_ptr<Design> design;
  std::vector<std::string> outcome_labels;
  std::vector<OutcomeEvaluator> evaluators;  // per dataset
  solver::SolveOptions options;
  std::string fingerprint;  // SHA-256 of every input: a checkpoint must match it to resume
  double max_benchmark_residual = 0;
};

inline constexpr double kReplicationTolerance = 1e-9;

// Reads and checks everything before the first draw. Throws BatchError,
// calibration::DataError or model::ScenarioError (all exit code 2).
std::unique_ptr<BatchSetup> LoadBatch(const std::filesystem::path& batch_file);

// The scenario with every shock scaled by `factor` (scale s -> 1 + f(s−1), add a -> f·a).
// Throws BatchError for `set` shocks unless factor is 1.
model::Scenario ScaleShocks(const model::Scenario& scenario, double factor);

}  // namespace peninsula::app::batch
