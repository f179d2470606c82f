// Writes a study's equilibria to one self-describing HDF5 file (docs/hdf5-schema.md): sets
// as axes, every variable as a dense labelled array with dims/unit/description, calibrated
// and shocked parameters, each scenario's definition and solver summary, and provenance.
// Only converged scenarios get variables; failed ones keep their diagnostics.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "model/scenario.hpp"
#include "solver/status.hpp"

namespace peninsula::io {

struct Provenance {
  std::string command_line;
  std::filesystem::path data_directory;
  std::vector<std::filesystem::path> inputs;  // data files and scenario files, hashed
  std::string study_text;                     // the study file as written, if any
};

// An intermediate equilibrium of a phased scenario (a reported step of its path).
struct PhaseOutcome {
  std::string name;
  solver::SolveSummary summary;
  std::vector<double> x;
  model::ShockableParameters parameters;
};

struct ScenarioOutcome {
  std::vector<PhaseOutcome> phases;  // reported steps before the last, in order
  model::ClosureSpec closure;        // the closure it was solved under (inherited ones too)
  std::string name;
  std::string description;
  std::string definition;  // the scenario file as written
  solver::SolveSummary summary;
  std::vector<double> x;  // full variable vector
  model::ShockableParameters parameters;
};

class Hdf5Writer;

// `extra`, if given, writes more groups (the analysis) into the file before it is committed.
void WriteResults(const std::filesystem::path& path, bool overwrite, const model::Model& model,
                  const std::vector<ScenarioOutcome>& outcomes, const Provenance& provenance,
                  const std::function<void(Hdf5Writer&)>& extra = {});

// Dense row-major copy of one variable block: quantities and values outside the block's
// domain are 0, prices NaN.
std::vector<double> DenseVariable(const model::VariableBlock& block, const std::vector<double>& x,
                                  std::vector<std::size_t>& shape);

std::string VersionString();
std::string GitCommit();

}  // namespace peninsula::io
