// Growth data lookups and the formulas of one year's update (docs/dynamics.md).
#include "model/dynamics.hpp"

#include <algorithm>
#include <cmath>

namespace peninsula::model {
LabourRates SkillUpgrading(double u, double s, double gu, double gs, double delta) {
  const double total = u + s;
  if (!(total > 0) || delta == 0.0) return {gu, gs};
  // u·(gu − δ s/L) + s·(gs + δ u/L) = u·gu + s·gs: the total is unchanged.
  return {gu - delta * s / total, gs + delta * u / total};
}

double Ramp(int year, int from, int years) {
  if (year < from) return 0.0;
  return std::min(1.0, static_cast<double>(year - from + 1) / std::max(years, 1));
}

double CatchUpGrowth(double lambda, double gap) {
  if (lambda == 0.0 || !(gap > 0)) return 0.0;
  return lambda * std::log(gap);
}

double RentalRate(double qf0, double kappa, double gdp0) {
  double stock = kappa * gdp0;
  return stock > 0 ? qf0 / stock : 0.0;
}

CapitalAccount AccumulateCapital(const CapitalAccount& last, double delta, double installed,
                                 const std::vector<double>& inflow_by_owner) {
  CapitalAccount next;
  next.depreciation = delta * last.capital;
  next.installed = installed;
  next.owned = last.owned;
  for (std::size_t o = 0; o < next.owned.size(); ++o) {
    double in = o < inflow_by_owner.size() ? inflow_by_owner[o] : 0.0;
    next.owned[o] = (1.0 - delta) * last.owned[o] + in;
    next.inflow += in;
  }
  next.capital = last.capital - next.depreciation + installed + next.inflow;
  return next;
}

}  // namespace peninsula::model
