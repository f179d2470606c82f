// Shared by the report tests: running the peninsula binary, writing text files, a synthetic
// database relabelled as the inter-Korean regions (KOR, PRK, CHN, VNM, ROW) and factors
// (LAB_U, LAB_S, CAP, LND), and a small study on it with a status quo, an extension of it and
// a phased scenario.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "calibration/synthetic.hpp"

namespace peninsula::testing {

struct Command {
  int code = -1;
  std::string out, err;
};

inline std::string ReadText(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

inline void WriteText(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

// Runs `command` with stdout and stderr captured in files next to `scratch`.
inline Command RunShell(const std::string& command, const std::filesystem::path& scratch) {
  auto out = scratch / "stdout.txt", err = scratch / "stderr.txt";
  int status = std::system((command + " >" + out.string() + " 2>" + err.string()).c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadText(out), ReadText(err)};
}

inline Command Peninsula(const std::string& args, const std::filesystem::path& scratch) {
  return RunShell(std::string(PENINSULA_BINARY) + " " + args, scratch);
}

// Replaces whole CSV fields (and nothing inside other fields) by their new labels.
inline void Relabel(const std::filesystem::path& file,
                    const std::map<std::string, std::string>& labels) {
  std::istringstream in(ReadText(file));
  std::string line, out;
  while (std::getline(in, line)) {
    std::string row;
    std::size_t start = 0;
    while (true) {  // every field, empty trailing ones included
      std::size_t end = line.find(',', start);
      std::string field = line.substr(start, end == std::string::npos ? end : end - start);
      auto it = labels.find(field);
      row += (start ? "," : "") + (it == labels.end() ? field : it->second);
      if (end == std::string::npos) break;
      start = end + 1;
    }
    out += row + "\n";
  }
  WriteText(file, out);
}

// A synthetic 5-region world whose labels are those of the default database.
inline void WriteKoreanDatabase(const std::filesystem::path& dir) {
  calibration::SyntheticSpec spec;
  spec.regions = 5;
  spec.sectors = 5;
  spec.factors = 4;
  spec.seed = 11;
  calibration::WriteSyntheticDatabase(dir, spec);
  std::map<std::string, std::string> labels = {{"R1", "KOR"},   {"R2", "PRK"}, {"R3", "CHN"},
                                               {"R4", "VNM"},   {"R5", "ROW"}, {"F1", "LAB_U"},
                                               {"F2", "LAB_S"}, {"F3", "CAP"}, {"F4", "LND"}};
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".csv") Relabel(entry.path(), labels);
  }
}

// status_quo: tariffs on PRK's exports everywhere; relief extends it and lifts half of them;
// opening raises PRK's productivity and capital; grand_bargain = relief, then opening.
inline std::filesystem::path WriteKoreanStudy(const std::filesystem::path& dir) {
  WriteKoreanDatabase(dir / "data");
  WriteText(dir / "status_quo.toml", R"(name = "status_quo"
description = "Tariffs of 30 points on every PRK export."
[[shock]]
target = "tm"
index = ["*", "PRK", "*"]
add = 0.3
)");
  WriteText(dir / "relief.toml", R"(name = "relief"
description = "From the status quo, lift half of the tariffs."
extends = "status_quo.toml"
[[shock]]
target = "tm"
index = ["*", "PRK", "*"]
add = -0.15
)");
  WriteText(dir / "opening.toml", R"(name = "opening"
description = "PRK productivity +20 %, capital +10 %, KOR tariffs on PRK halved."
[[shock]]
target = "tfp"
index = ["PRK", "*"]
scale = 1.2
[[shock]]
target = "QF"
index = ["PRK", "CAP"]
scale = 1.1
[[shock]]
target = "tm"
index = ["*", "PRK", "KOR"]
scale = 0.5
)");
  WriteText(dir / "grand_bargain.toml", R"(name = "grand_bargain"
description = "Relief, then opening, as one path."
phases = ["relief.toml", "opening.toml"]
)");
  WriteText(dir / "study.toml", R"(name = "korea_test"
data = "data"
output = "results.h5"
scenarios = ["status_quo.toml", "relief.toml", "opening.toml", "grand_bargain.toml"]
)");
  return dir / "study.toml";
}

}  // namespace peninsula::testing
