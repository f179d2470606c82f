// The batch file's [[parameter]] entries resolved against a database: every elasticity cell
// (parameter, region, sector) that is drawn, its distribution (centred on the database
// value), and the random dimensions — one per entry, or one per cell with draw = "each".
// A draw then writes its values into the database's elasticity rows and recalibrates.
#pragma once

#include <string>
#include <vector>

#include "app/batch/batch_file.hpp"
#include "app/batch/random.hpp"
#include "calibration/database.hpp"

namespace peninsula::app::batch {

struct Cell {
  std::string label;  // "sigma_d(R1,S2)"
  std::string parameter;
  int region = 0;
  int sector = 0;
  double base = 0;  // the database value
  Distribution distribution;
  int exact_row = -1;  // the database row for exactly this cell, or -1: a row is added
};

// One random variable: all its cells move together through one quantile (or one quadrature
// coordinate), each within its own distribution.
struct Dimension {
  std::string label;  // "sigma_d(*,S2)" for a common draw, the cell's label otherwise
  std::vector<int> cells;
};

struct ResolvedParameters {
  std::vector<Cell> cells;
  std::vector<Dimension> dimensions;
};

// Throws BatchError naming the [[parameter]]'s file:line and the label or cell at fault.
ResolvedParameters ResolveParameters(const std::vector<ParameterSpec>& specs,
                                     const calibration::Database& db);

// Sets db.elasticities to `base_rows` with every drawn cell at its value (values[c] for
// cells[c]); Calibrate() then uses them, since a cell-specific row wins over wider ones.
void ApplyCellValues(const ResolvedParameters& resolved, const std::vector<double>& values,
                     const std::vector<calibration::ElasticityRow>& base_rows,
                     calibration::Database& db);

}  // namespace peninsula::app::batch
