// Synthetic benchmark databases of any size: asymmetric (random, seeded), balanced by
// construction, with every tax kind, bilateral trade and, in one-region mode, foreign
// transfers. Used by tests (replication, homogeneity, Walras) and for scaling benchmarks.
#pragma once

#include <cstdint>
#include <filesystem>

namespace peninsula::calibration {

struct SyntheticSpec {
  int regions = 3;
  int sectors = 4;
  int factors = 3;  // the last one is sector-specific when there are three or more
  int households = 1;
  std::uint64_t seed = 1;
  bool cet = true;                   // finite CET elasticities (always finite with one region)
  double cobb_douglas_share = 0.25;  // fraction of sectors with sigma_va = 1
  // With several regions: part of the first factor's income in the first region is owned by
  // the second region's first household (ownership.csv; foreign-owned capital).
  bool ownership = false;
  // With three or more regions: the first sector's flow from the first to the second region is
  // absent in the benchmark and listed in latent_trade.csv (sigma_m of that market set to 4).
  bool latent = false;
  // With several regions: the second region may adopt the first region's technology for the
  // first sector (entry.csv).
  bool entry = false;

  void Validate() const;  // throws std::invalid_argument
};

// Writes regions.csv, accounts.csv, factors.csv, sam.csv, trade.csv (more than one region),
// elasticities.csv and README.md into `directory` (created if needed).
void WriteSyntheticDatabase(const std::filesystem::path& directory, const SyntheticSpec& spec);

}  // namespace peninsula::calibration
