// Recursive-dynamic paths (docs/dynamics.md): one static equilibrium per year from the path's
// start to its end, each warm-started from the last, with capital accumulated from the
// previous year's investment, labour grown, productivity grown (calibrated to the data's GDP
// growth on a baseline path, taken from the baseline on a policy path, plus catch-up for the
// converging region) and the path's dated scenario phases applied.
#pragma once

#include <vector>

#include "io/path_results.hpp"
#include "calibration/dynamics_csv.hpp"
#include "model/dynamics.hpp"
#include "model/model.hpp"
#include "solver/solve.hpp"

namespace peninsula::app {

// The scenarios whose instruments the model must carry to run `path` (its phases, and the
// ownership of its inflows), to pass to LoadData with the study's scenarios.
std::vector<model::Scenario> PathScenarios(const model::PathSpec& path);

// Everything that can be checked before solving: factor and region labels, every phase's
// shocks, and every value the options need from the growth data for every year. Throws
// model::ScenarioError (labels, phases) or calibration::DataError (missing data), naming the
// path file and what was expected.
void ValidatePath(model::Model& model, const model::PathSpec& path,
                  const calibration::DynamicsData& data);

// Solves the path. `baseline` (a policy path's) supplies the baseline productivity growth
// and must cover every year of the path. Never throws for solver outcomes: a year that does
// not converge stops the path and is reported in the outcome.
io::PathOutcome RunPath(model::Model& model, const model::PathSpec& path,
                        const calibration::DynamicsData& data, const io::PathOutcome* baseline,
                        const solver::SolveOptions& options);

}  // namespace peninsula::app
