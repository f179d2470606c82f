// The batch file of `peninsula batch` (docs/batch.md): the study it runs, the design, the
// parameters drawn and their distributions, the outcomes recorded and the output file.
// Reading checks the file on its own (syntax, keys, types, ranges); labels are resolved
// against the database later (parameters.hpp), and every error names file:line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace peninsula::app::batch {

// Any error in a batch file or in resolving it against the study: exit code 2.
class BatchError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class DesignKind { kMonteCarlo, kLatinHypercube, kQuadrature, kShockGrid, kDatasets };
enum class DistributionKind { kNormal, kTriangular };

std::string DesignName(DesignKind kind);

struct ParameterSpec {
  std::string name;                // sigma_va, sigma_d, sigma_m or omega
  std::vector<std::string> index;  // region, sector: a label or "*" each
  DistributionKind distribution = DistributionKind::kNormal;
  std::optional<double> sd;      // normal: absolute standard deviation
  std::optional<double> cv;      // normal: sd relative to the database value
  std::optional<double> lower;   // normal: truncation; triangular: support (absolute)
  std::optional<double> upper;   // as lower
  std::optional<double> spread;  // triangular: support value·(1 ± spread)
  bool each = false;             // one random dimension per cell, not one for all cells
  std::string origin;            // "file:line" of the [[parameter]] table
};

struct OutcomeSpec {
  bool welfare = true;                 // % change of real household income per region
  bool gdp = true;                     // % change of real value added per region
  std::vector<std::string> variables;  // patterns like "X(R1,*)": % change of each match
  std::vector<std::string> origins;    // "file:line" per variable pattern
};

struct BatchFile {
  std::filesystem::path path;
  std::string source_text;
  std::string name;
  std::string description;
  std::filesystem::path study;  // resolved against the batch file's directory
  std::string study_origin;
  std::filesystem::path output;  // relative to the working directory
  DesignKind design = DesignKind::kMonteCarlo;
  long long draws = 0;  // Monte Carlo and Latin hypercube only
  std::uint64_t seed = 1;
  std::vector<double> shock_scales;             // shock_grid
  std::vector<std::filesystem::path> datasets;  // datasets: directories, resolved like `study`
  std::vector<std::string> variants;  // datasets: named variants of the study's data directory
  std::vector<ParameterSpec> parameters;
  OutcomeSpec outcomes;
};

// Throws BatchError ("file:line: message") on the first problem.
BatchFile ReadBatchFile(const std::filesystem::path& path);

// The same, for text already in memory (the fuzz target and tests).
BatchFile ParseBatchText(const std::string& text, const std::filesystem::path& path);

}  // namespace peninsula::app::batch
