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

namespace peninsula::app {

// The catch-up rate (the path's open_rate) that makes the catch-up region's real GDP, with
// its zones, grow at `target` a year on average over the `years` years after the path's
// opening year (docs/dynamics.md, "Calibrating convergence to Vietnam"): secant iterations,
// each a run of the path truncated to the opening year + `years`, to 1e-5 in the growth rate.
struct CatchUpFit {
  double rate = 0.0, growth = 0.0;
  int runs = 0, opening = 0;
  bool converged = false;
  std::string message;
};
CatchUpFit CalibrateCatchUp(model::Model& model, model::PathSpec path,
                            const calibration::DynamicsData& data, const io::PathOutcome* baseline,
                            const solver::SolveOptions& options, double target, int years);

}  // namespace peninsula::app
