// Growth data lookups and the formulas of one year's update (docs/dynamics.md).
#include "model/dynamics.hpp"

#include <algorithm>

namespace peninsula::model {
namespace {

const std::vector<std::pair<std::string, bool>>& Parameters() {
  static const std::vector<std::pair<std::string, bool>> names = {
      {"labour_growth", true},   {"gdp_growth", true},        {"depreciation", true},
      {"capital_output", false}, {"investment_share", false}, {"military_spending_share", false},
      {"soldiers", false},       {"labour_force", false},     {"tfp_catchup", false}};
  return names;
}

}  // namespace

bool IsDynamicsParameter(const std::string& name) {
  const auto& p = Parameters();
  return std::any_of(p.begin(), p.end(), [&](const auto& e) { return e.first == name; });
}

bool IsDynamicsRate(const std::string& name) {
  for (const auto& [n, rate] : Parameters())
    if (n == name) return rate;
  return false;
}

const DynamicsRow* DynamicsData::Find(const std::string& parameter, const std::string& region,
                                      const std::string& factor, int year) const {
  const bool rate = IsDynamicsRate(parameter);
  for (const auto& row : rows_) {
    if (row.parameter != parameter || row.region != region || row.factor != factor) continue;
    bool single = row.from == row.to;
    bool in =
        rate && !single ? row.from < year && year <= row.to : row.from <= year && year <= row.to;
    if (in) return &row;
  }
  return nullptr;
}

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
