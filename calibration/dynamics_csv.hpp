// Reading dynamics.csv, the growth data of recursive-dynamic paths (docs/data-format.md,
// "dynamics.csv"): labour and GDP growth, depreciation, capital-output ratios, the military
// and soldiers of the peace dividend. Strict: every problem is a DataError naming the file,
// the line, the column and what was expected.
#pragma once

#include <filesystem>

#include "calibration/csv.hpp"
#include "model/dynamics.hpp"
#include "model/model_data.hpp"

namespace peninsula::calibration {

// Columns: parameter,region,factor,period,value,unit,status,source[,note]. Regions and
// factors must be labels of `sets` (factor "LAB" stands for every labour factor of
// labour_growth); rows whose status is PLACEHOLDER are gaps and are left out; two rows for the
// same parameter, region and factor may not cover the same year.
model::DynamicsData ReadDynamics(const std::filesystem::path& path, const model::ModelSets& sets);

}  // namespace peninsula::calibration
