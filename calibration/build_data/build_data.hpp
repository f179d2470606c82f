// `peninsula build-data`: builds the benchmark database described by a build.toml — the trade
// matrix, then every region's SAM — and writes it with elasticities, foreign ownership, latent
// flows, zones and a README, for the central case and for each variant (docs/data.md). Output
// is deterministic to the byte.
// Nothing is written unless everything succeeds: files are staged in a temporary directory
// and renamed into place at the end.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "calibration/build_data/build_config.hpp"
#include "calibration/build_data/region_sam.hpp"
#include "calibration/build_data/trade_matrix.hpp"

namespace peninsula::calibration::build_data {

struct BuiltDatabase {
  std::string variant;
  std::map<std::string, std::string> files;  // file name -> content
  std::vector<RegionSam> sams;
  TradeMatrix trade;
};

// Builds one variant in memory.
BuiltDatabase BuildVariant(const BuildConfig& config, const Sources& sources,
                           const Variant& variant);

struct BuildSummary {
  std::vector<BuiltDatabase> databases;  // central first, then every variant
  std::filesystem::path output;
  double seconds = 0.0;
};

// Builds everything and writes it under `output` (default: the build.toml's output
// directory): the central database there and each variant in <output>/<variants>/<name>/.
BuildSummary BuildAndWrite(const BuildConfig& config, const std::filesystem::path& output = {});

}  // namespace peninsula::calibration::build_data
