// One year's exogenous changes (capital accumulated from last year's investment, labour
// grown, soldiers released, productivity grown, the military budget released) as shock
// targets from the state last solved, and the measures taken at a solution (docs/dynamics.md).
#include <cmath>
#include <stdexcept>

#include "app/path_engine.hpp"

namespace peninsula::app::path {
namespace {

using model::ShockTarget;

void Target(std::vector<ShockTarget>& out, double* parameter, double target) {
  if (*parameter != target) out.push_back({parameter, -1, *parameter, target});
}

void Target(std::vector<ShockTarget>& out, std::vector<double>& x, int variable, double target) {
  if (variable >= 0 && x[variable] != target)
    out.push_back({nullptr, variable, x[variable], target});
}

}  // namespace

double Engine::Rate(const std::string& parameter, int region, const std::string& factor,
                    int year) const {
  const std::string& label = model_.sets().regions.label(Country(region));
  const auto* row = data_.Find(parameter, label, factor, year);
  if (!row) {
    throw std::logic_error(data_.source + ": no " + parameter + " for " + label + " in " +
                           std::to_string(year) + " (ValidatePath should have said so)");
  }
  return row->value;
}

double Engine::Depreciation(int region, int year) const {
  return Rate("depreciation", region, "", year);
}

std::vector<ShockTarget> Engine::DynamicTargets(int year, io::YearAccounts& acc) {
  std::vector<ShockTarget> out;
  CapitalTargets(year, acc, out);
  LabourTargets(year, acc, out);
  PeaceTargets(year, acc, out);
  std::vector<double> growth = ProductivityGrowth(year, acc);
  if (!out_.failed_year) TfpTargets(growth, out);
  return out;
}

// K(t) = (1 − δ) K(t−1) + rental · I(t−1) + inflows, per owner (docs/dynamics.md).
void Engine::CapitalTargets(int year, io::YearAccounts& acc, std::vector<ShockTarget>& out) {
  acc.capital.assign(R_, 0.0);
  for (auto* v : {&acc.depreciation, &acc.installed, &acc.inflow, &acc.policy}) v->assign(R_, 0.0);
  acc.owned.assign(R_ * R_, 0.0);
  acc.owned_inflow.assign(R_ * R_, 0.0);
  for (int r = 0; r < R_; ++r) {
    if (qf_cap_[r] < 0) continue;
    model::CapitalAccount last;
    last.capital = last_.capital[r];
    last.owned.assign(last_.owned.begin() + r * R_, last_.owned.begin() + (r + 1) * R_);
    std::vector<double> inflow(R_, 0.0);
    for (const auto& f : spec_.inflows) {
      if (f.region != model_.sets().regions.label(r) || year < f.from || year > f.to) continue;
      inflow[*model_.sets().regions.Find(f.owner)] += rental_[r] * f.amount;
    }
    const bool grow = spec_.accumulation;
    model::CapitalAccount next =
        model::AccumulateCapital(last, grow ? Depreciation(r, year) : 0.0,
                                 grow ? rental_[r] * last_.investment[r] : 0.0, inflow);
    acc.capital[r] = next.capital;
    acc.depreciation[r] = next.depreciation;
    acc.installed[r] = next.installed;
    acc.inflow[r] = next.inflow;
    for (int o = 0; o < R_; ++o) {
      acc.owned[r * R_ + o] = next.owned[o];
      acc.owned_inflow[r * R_ + o] = inflow[o];
      if (next.owned[o] != last.owned[o])
        Target(out, &model_.data().p.ownq(r, cap_, o), next.owned[o]);
    }
    Target(out, x_, qf_cap_[r], next.capital);
  }
}

// Labour grows at the data's rates (skill upgrading shifts the mix, not the total); soldiers
// released by the peace dividend join the unskilled at the benchmark wage per worker.
void Engine::LabourTargets(int year, io::YearAccounts& acc, std::vector<ShockTarget>& out) {
  acc.labour_force = last_.labour_force;
  const auto& zone = model_.data().parent;
  for (int r = 0; r < R_; ++r) {
    if ((r < static_cast<int>(zone.size()) && zone[r] >= 0) || !spec_.labour_growth) continue;
    const double u = qf_unskilled_[r] >= 0 ? x_[qf_unskilled_[r]] : 0.0;
    const double s = qf_skilled_[r] >= 0 ? x_[qf_skilled_[r]] : 0.0;
    if (!(u + s > 0)) continue;
    const double gu = u > 0 ? Rate("labour_growth", r, spec_.unskilled, year) : 0.0;
    const double gs = s > 0 ? Rate("labour_growth", r, spec_.skilled, year) : 0.0;
    model::LabourRates g = model::SkillUpgrading(u, s, gu, gs, spec_.skill_upgrading);
    Target(out, x_, qf_unskilled_[r], u * (1 + g.unskilled));
    Target(out, x_, qf_skilled_[r], s * (1 + g.skilled));
    acc.labour_force[r] *= 1 + (u * gu + s * gs) / (u + s);
  }
  const model::PeaceDividend& p = spec_.peace;
  acc.soldiers_released = last_.soldiers_released;
  if (!p.enabled || p.soldiers_released == 0 || year < p.from) return;
  const int r = *model_.sets().regions.Find(p.region);
  const double soldiers = data_.Find("soldiers", p.region, "", p.from)->value;
  acc.soldiers_released = p.soldiers_released * soldiers * model::Ramp(year, p.from, p.years);
  const double added = acc.soldiers_released - last_.soldiers_released;
  if (added == 0 || qf_unskilled_[r] < 0) return;
  double base = x_[qf_unskilled_[r]];
  for (const auto& t : out)  // on top of this year's labour growth
    if (t.variable == qf_unskilled_[r]) base = t.target;
  std::erase_if(out, [&](const ShockTarget& t) { return t.variable == qf_unskilled_[r]; });
  Target(out, x_, qf_unskilled_[r], base + added * p.bvu_per_worker);
  acc.labour_force[r] += added;
}

}  // namespace peninsula::app::path
