// Paths in `peninsula run` and `peninsula solve`: reading the path files (with the baselines
// they name) and their growth data before anything is solved, and running them baselines
// first. Used by commands.cpp.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "io/path_results.hpp"
#include "calibration/dynamics_csv.hpp"
#include "model/dynamics.hpp"
#include "solver/solve.hpp"

namespace peninsula::app {

struct PathSet {
  std::vector<model::PathSpec> specs;                     // baselines first, in the order met
  std::map<std::string, calibration::DynamicsData> data;  // by growth-data file
  std::vector<std::filesystem::path> inputs;              // every file read, for provenance

  // The scenarios whose instruments the paths need (LoadData).
  std::vector<model::Scenario> Scenarios() const;
};

// Reads `files` and the baselines they name (added when the list lacks them); names must be
// unique; a baseline may not itself name a baseline. The growth data default to
// `data_directory`/dynamics.csv. Throws model::ScenarioError; the data are read by LoadPathData.
PathSet ReadPaths(const std::vector<std::filesystem::path>& files,
                  const std::filesystem::path& data_directory);

// Reads each path's growth data against the model's sets and checks each path
// (ValidatePath). Throws calibration::DataError or model::ScenarioError.
void LoadPathData(PathSet& paths, model::Model& model);

// Solves every path, printing one line each; a policy path gets its baseline's outcome.
std::vector<io::PathOutcome> RunPaths(model::Model& model, const PathSet& paths,
                                      const solver::SolveOptions& options);

}  // namespace peninsula::app
