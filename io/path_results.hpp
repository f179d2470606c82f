// A recursive-dynamic path's outcome (docs/dynamics.md) and how it is written to the results
// file (docs/hdf5-schema.md, "Paths"): one equilibrium per year, stacked along a year axis,
// with the year's solver summary and its dynamics accounts. A year that does not converge
// stops the path; it is written as a failure with its worst equations, never as an
// equilibrium.
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"
#include "model/scenario.hpp"
#include "solver/status.hpp"

namespace peninsula::io {

class Hdf5Writer;

// What the dynamics did in one year, [region] unless noted. Capital in units of QF (2015
// capital income); investment in bvu of capital goods.
struct YearAccounts {
  std::vector<double> capital, depreciation, installed, inflow, policy;  // capital accounts
  std::vector<double> owned, owned_inflow, owned_policy;  // [region][partner]: owned abroad
  std::vector<double> investment;                         // real investment of the year
  std::vector<double> rental;                             // 2015 rental rate (QF per bvu)
  std::vector<double> gdp, gdp_growth, target_growth;     // real GDP (sum of VA) and growth
  std::vector<double> tfp_growth, baseline_tfp_growth;    // productivity growth into the year
  std::vector<double> labour_force;                       // persons (where data give it)
  double catch_up_rate = 0.0, productivity_gap = NAN;     // lambda and frontier/region gap
  double military_released = 0.0;  // share of government consumption released (peace)
  double soldiers_released = 0.0;  // persons released so far (peace)
  int calibration_iterations = 0;  // solves of the productivity calibration
  int solves = 0;                  // solves of the year (dynamics, phases, calibration)
};

struct PathYear {
  int year = 0;
  solver::SolveSummary summary;  // the year's last solve; work summed over its solves
  std::vector<double> x;
  model::ShockableParameters parameters;
  YearAccounts accounts;
};

struct PathOutcome {
  std::string name, description, definition;  // definition: the path file as written
  std::string baseline;                       // the baseline path's name; empty for one
  model::ClosureSpec closure;
  std::vector<PathYear> years;  // converged years only, in order
  bool converged = false;       // every year of start..end converged
  int failed_year = 0;          // the year that stopped the path (0: none)
  solver::SolveSummary failure;
  std::string message;
  int opening_year = 0;             // first year with an `open` phase (0: none)
  std::vector<std::string> events;  // "2017: status_quo", for the record
  std::vector<std::string> notes;   // assumptions applied (e.g. a capped military share)
};

// /paths/<name> for each outcome (docs/hdf5-schema.md).
void WritePaths(Hdf5Writer& w, const model::Model& model, const std::vector<PathOutcome>& paths);

}  // namespace peninsula::io
