// Pieces of the results writer shared by the scenario and path writers (io/results_writer.cpp,
// io/path_results.cpp): the parameter tables as labelled views and the solver summary group.
#pragma once

#include <string>
#include <vector>

#include "io/hdf5_store.hpp"
#include "model/model_data.hpp"
#include "solver/status.hpp"

namespace peninsula::io::detail {

struct ParameterView {
  const char* name;
  std::vector<std::string> dims;
  const model::Table* table;
  const char* description;
};

std::vector<ParameterView> ParameterViews(const model::ShockableParameters& p);

// Attributes, worst equations and residuals by block of one solve, in `group`.
void WriteSummary(Hdf5Writer& w, const std::string& group, const solver::SolveSummary& s);

}  // namespace peninsula::io::detail
