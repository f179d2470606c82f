// Calibration in share form: from a validated Database to the model's coefficients, value
// shares and benchmark levels (docs/model.md, "Calibration").
#pragma once

#include "calibration/database.hpp"
#include "model/model_data.hpp"

namespace peninsula::calibration {

// Throws DataError naming the region and account when the data cannot be calibrated
// (exports above output, a missing elasticity, ...).
model::ModelData Calibrate(const Database& db);

}  // namespace peninsula::calibration
