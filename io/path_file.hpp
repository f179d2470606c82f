// Reading path files (runs/paths/*.toml, docs/dynamics.md): a timeline from a start to an end
// year with the dynamics options and dated phases that apply scenario files. Every error names
// the file and line, like the scenario files (io/scenario_file.hpp).
#pragma once

#include <filesystem>

#include "model/dynamics.hpp"

namespace peninsula::io {

// Throws model::ScenarioError ("file:line: what was expected").
model::PathSpec ReadPath(const std::filesystem::path& path);

}  // namespace peninsula::io
