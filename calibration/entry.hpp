// Entering technologies (entry.csv, docs/data-format.md): a donor region's technology that a
// region may adopt for a good it already produces, idle in the benchmark.
#pragma once

#include <filesystem>

#include "calibration/database.hpp"
#include "model/model_data.hpp"

namespace peninsula::calibration {

// Reads the optional entry.csv (region, sector, donor, source); throws DataError with
// file:line for an unknown label, a donor that is the region itself, a row given twice or
// an empty source.
void ReadEntrants(const std::filesystem::path& dir, Database& db);

// The entrants' coefficients from their donors (after production, absorption and the
// elasticities are calibrated): the donor's value added, intermediate and factor mix, scaled
// so an input bundle costs 1 at the host's benchmark prices; `entry` is 0 (unavailable).
// Throws DataError naming entry.csv:line when the host does not produce the good, the donor
// does not, or the donor uses an input the host lacks (a mobile factor without income in the
// host, a sector-specific factor the host's sector lacks, a commodity the host does not
// absorb).
void CalibrateEntrants(const Database& db, model::ModelData& d);

}  // namespace peninsula::calibration
