// Reading scenario and study files (TOML, docs/cli.md). Every error names the file and line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "model/scenario.hpp"

namespace peninsula::io {

model::Scenario ReadScenario(const std::filesystem::path& path);

// The regions the analysis is about (docs/analysis.md): home, partner and comparators. A
// study that sets them in [analysis] has each label checked against the data before solving.
struct AnalysisRoles {
  std::string home = "KOR";
  std::string partner = "PRK";
  std::vector<std::string> comparators = {"CHN", "VNM"};
  struct Given {
    std::string label;
    std::string where;  // "file:line: [analysis] key", for errors
  };
  std::vector<Given> given;  // the labels the study file sets
};

struct Study {
  std::string name;
  std::string description;
  std::filesystem::path data;                    // resolved against the study file
  std::string variant;                           // a named variant of `data`; empty: none
  std::filesystem::path output;                  // as written (relative to the working dir)
  std::vector<std::filesystem::path> scenarios;  // resolved against the study file
  std::vector<std::filesystem::path> paths;      // path files (docs/dynamics.md), likewise
  std::string solver_method = "auto";
  double tolerance = 1e-10;
  double max_seconds = 600.0;  // per solver attempt
  AnalysisRoles roles;
  std::string source_text;
};

Study ReadStudy(const std::filesystem::path& path);

}  // namespace peninsula::io
