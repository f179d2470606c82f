// The baseline's productivity calibration: each region's uniform productivity growth b_r
// chosen so that its real GDP grows at the data's rate, by secant iterations on the static
// model (one solve per iteration for all regions at once; each region's secant uses its own
// GDP error, since the others' productivity barely moves it). Stops at kGrowthTolerance.
#include <cmath>

#include "app/path_engine.hpp"

namespace peninsula::app::path {
namespace {

double MaxAbs(const std::vector<double>& v) {
  double m = 0;
  for (double x : v) m = std::max(m, std::abs(x));
  return m;
}

}  // namespace

std::vector<double> Engine::GrowthErrors(const io::YearAccounts& acc) const {
  std::vector<double> f(R_, 0.0);
  for (int r = 0; r < R_; ++r)
    if (std::isfinite(acc.target_growth[r])) f[r] = acc.gdp_growth[r] - acc.target_growth[r];
  return f;
}

bool Engine::Calibrate(int year, io::PathYear& rec) {
  io::YearAccounts& acc = rec.accounts;
  model::ModelData& d = model_.data();
  std::vector<double> b = acc.baseline_tfp_growth, f = GrowthErrors(acc), b_old, f_old;
  for (int k = 0; MaxAbs(f) > kGrowthTolerance; ++k) {
    if (k == kMaxCalibrationSolves) {
      solver::SolveSummary s = rec.summary;
      s.status = solver::SolveStatus::kIterationLimit;  // the secant's, not the last solve's
      Fail(year, s,
           "the productivity calibration (GDP growth still " + std::to_string(MaxAbs(f)) +
               " from its target after " + std::to_string(k) + " solves)");
      return false;
    }
    std::vector<double> next = b;
    for (int r = 0; r < R_; ++r) {
      if (f[r] == 0.0) continue;
      double slope = 1.0;  // d growth / d b: productivity raises value added one for one
      if (k > 0 && b[r] != b_old[r]) slope = (f[r] - f_old[r]) / (b[r] - b_old[r]);
      if (!(slope > 0.05)) slope = 1.0;
      next[r] = b[r] - f[r] / slope;
    }
    for (int r = 0; r < R_; ++r) next[r] = next[Country(r)];
    std::vector<model::ShockTarget> targets;
    for (int r = 0; r < R_; ++r) {
      if (next[r] == b[r]) continue;
      const double ratio = (1 + next[r] + catch_up_[r]) / (1 + b[r] + catch_up_[r]);
      for (int j = 0; j < d.sets.sectors.size(); ++j) {
        double* cell = &d.p.tfp(r, j);
        if (d.va0(r, j) > 0) targets.push_back({cell, -1, *cell, *cell * ratio});
      }
    }
    b_old = b, f_old = f, b = next;
    ++acc.calibration_iterations;
    if (!Solve(targets, rec, "the productivity calibration")) return false;
    Measure(year, acc);
    f = GrowthErrors(acc);
  }
  acc.baseline_tfp_growth = b;
  for (int r = 0; r < R_; ++r) acc.tfp_growth[r] = b[r] + catch_up_[r];
  return true;
}

}  // namespace peninsula::app::path
