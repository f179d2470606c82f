// Calibrating the catch-up rate to a growth target after the opening (Vietnam after Doi Moi).
#include <cmath>

#include "app/path_runner.hpp"

namespace peninsula::app {
namespace {

// Average yearly growth of the region's GDP (zones added) from `from` to `to`; NaN if the
// path did not reach `to`.
double AverageGrowth(const model::Model& m, const io::PathOutcome& o, int region, int from,
                     int to) {
  auto gdp = [&](int year) -> double {
    for (const auto& y : o.years) {
      if (y.year != year) continue;
      double sum = 0;
      for (int r = 0; r < m.sets().regions.size(); ++r) {
        bool mine =
            r == region || (r < int(m.data().parent.size()) && m.data().parent[r] == region);
        if (mine) sum += y.accounts.gdp[r];
      }
      return sum;
    }
    return NAN;
  };
  return std::pow(gdp(to) / gdp(from), 1.0 / (to - from)) - 1.0;
}

}  // namespace

CatchUpFit CalibrateCatchUp(model::Model& model, model::PathSpec path,
                            const calibration::DynamicsData& data, const io::PathOutcome* baseline,
                            const solver::SolveOptions& options, double target, int years) {
  CatchUpFit fit;
  for (const auto& p : path.phases)
    if (p.opening > 0 && fit.opening == 0) fit.opening = p.year;
  auto region = model.sets().regions.Find(path.catch_up.region);
  if (fit.opening == 0 || !region || fit.opening + years > path.end) {
    fit.message = path.origin +
                  ": needs a phase with open = true, a catch-up region of the data "
                  "and " +
                  std::to_string(years) + " years after the opening before 'end'";
    return fit;
  }
  path.end = fit.opening + years;
  auto growth = [&](double rate) {
    path.catch_up.open_rate = rate;
    ++fit.runs;
    io::PathOutcome o = RunPath(model, path, data, baseline, options);
    if (!o.converged) fit.message = o.message;
    return o.converged ? AverageGrowth(model, o, *region, fit.opening, path.end) : NAN;
  };
  double a = 0.01, b = 0.02, fa = growth(a) - target, fb = growth(b) - target;
  while (std::isfinite(fa) && std::isfinite(fb) && std::abs(fb) > 1e-5 && fit.runs < 20) {
    double next = fb == fa ? b + 0.01 : b - fb * (b - a) / (fb - fa);
    next = std::clamp(next, 0.0, 0.99);
    a = b, fa = fb, b = next, fb = growth(b) - target;
  }
  fit.rate = b;
  fit.growth = fb + target;
  fit.converged = std::isfinite(fb) && std::abs(fb) <= 1e-5;
  return fit;
}

}  // namespace peninsula::app
