// Reading scenario and study files (TOML, docs/cli.md). Every error names the file and line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "model/scenario.hpp"

namespace peninsula::io {

model::Scenario ReadScenario(const std::filesystem::path& path);

struct Study {
  std::string name;
  std::string description;
  std::filesystem::path data;                    // resolved against the study file
  std::string variant;                           // a named variant of `data`; empty: none
  std::filesystem::path output;                  // as written (relative to the working dir)
  std::vector<std::filesystem::path> scenarios;  // resolved against the study file
  std::string solver_method = "auto";
  double tolerance = 1e-10;
  double max_seconds = 600.0;  // per solver attempt
  std::string source_text;
};

Study ReadStudy(const std::filesystem::path& path);

}  // namespace peninsula::io
