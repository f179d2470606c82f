// The results file of `peninsula batch` (docs/hdf5-schema.md, "Batch results"): per draw
// the design coordinates and parameter values, per draw and scenario the solver status, the
// reason of any failure and the key outcomes, and summary statistics per outcome. Written
// atomically through Hdf5Writer (temporary file renamed into place). Plain data in, so this
// layer knows nothing of designs or MPI.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace peninsula::io {

struct BatchResults {
  // Provenance and description (root attributes).
  std::string command_line;
  std::string batch_name;
  std::string batch_text;
  std::string study_text;
  std::string design;           // monte_carlo, latin_hypercube, quadrature, shock_grid, datasets
  std::string coordinate_kind;  // "quantile" (u in (0,1)) or "standardised" (z)
  std::string fingerprint;      // SHA-256 of the inputs
  long long seed = 0;
  long long processes = 1;
  double wall_seconds = 0;

  // Axes.
  std::vector<std::string> scenarios;
  std::vector<std::string> outcomes;
  std::vector<std::string> dimensions;  // random dimensions (parameter entries or cells)
  std::vector<std::string> cells;       // elasticity cells drawn
  std::vector<std::string> datasets;    // data directories
  std::vector<std::string> statuses;    // status code -> name

  // Per draw, row-major; D draws, S scenarios, O outcomes.
  std::vector<long long> dataset;       // [D]
  std::vector<double> shock_scale;      // [D]
  std::vector<double> weight;           // [D]
  std::vector<double> coordinates;      // [D, dimension]
  std::vector<double> values;           // [D, cell]
  std::vector<std::string> draw_error;  // [D], "" when the draw was set up
  std::vector<long long> status;        // [D, S], index into statuses
  std::vector<std::string> message;     // [D·S], "" when converged
  std::vector<long long> iterations;    // [D, S]
  std::vector<double> seconds;          // [D, S]
  std::vector<double> max_residual;     // [D, S]
  std::vector<double> outcome_values;   // [D, S, O], NaN unless converged

  // Summary over converged draws, [S, O].
  std::vector<double> mean, sd, p05, p50, p95;
  std::vector<long long> count;
};

// Throws StoreError (exit code 3) if the file exists and !overwrite, or on any write error.
void WriteBatchResults(const std::filesystem::path& path, bool overwrite,
                       const BatchResults& results);

}  // namespace peninsula::io
