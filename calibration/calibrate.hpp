// Calibration in share form: from a validated Database to the model's coefficients, value
// shares and benchmark levels (docs/model.md, "Calibration").
#pragma once

#include "calibration/database.hpp"
#include "model/model_data.hpp"

namespace peninsula::calibration {

// Throws DataError naming the region and account when the data cannot be calibrated
// (exports above output, a missing elasticity, ...).
model::ModelData Calibrate(const Database& db);

// Only the elasticity tables (sigma_va, sigma_d, sigma_m, omega; in p and p0) of data that
// Calibrate(db) made, recalibrated from db.elasticities: nothing else in calibrated share
// form depends on them, so the result equals Calibrate(db) with the new rows, at a fraction
// of its cost (batch draws). Throws DataError as Calibrate would for these tables.
void RecalibrateElasticities(const Database& db, model::ModelData& d);

}  // namespace peninsula::calibration
