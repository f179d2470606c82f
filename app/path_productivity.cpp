// Productivity growth (the baseline's, plus catch-up toward the frontier), the peace
// dividend's release of the military budget, and what is measured at each year's solution.
#include <algorithm>
#include <cctype>
#include <cmath>

#include "app/path_engine.hpp"

namespace peninsula::app::path {
namespace {

using model::ShockTarget;

void Target(std::vector<ShockTarget>& out, double* parameter, double target) {
  if (*parameter != target) out.push_back({parameter, -1, *parameter, target});
}

double Value(const model::Model& m, model::VarId id, const std::vector<double>& x, int a, int b) {
  const auto& block = m.registry().block(id);
  int local = block.Find(a, b);
  return local < 0 ? 0.0 : x[block.offset() + local];
}

bool MentionsGdp(std::string unit) {
  std::transform(unit.begin(), unit.end(), unit.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return unit.find("gdp") != std::string::npos;
}

}  // namespace

// Lambda for growth into `year`: the base rate, the open rate once an `open` phase is in
// force (from the year after it), plus fdi_rate times the foreign-owned share of capital.
double Engine::CatchUpRate(int year) const {
  const model::CatchUp& u = spec_.catch_up;
  int state = 0;
  for (const auto& p : spec_.phases)
    if (p.year < year && p.opening != 0) state = p.opening;
  double lambda = u.rate;
  if (state > 0) {
    lambda = std::isnan(u.open_rate) ? data_
                                           .Find("tfp_catchup", u.region, "", spec_.start,
                                                 [](const calibration::DynamicsRow& r) {
                                                   return calibration::IsYearlyUnit(r.unit);
                                                 })
                                           ->value
                                     : u.open_rate;
  }
  auto r = model_.sets().regions.Find(u.region);
  if (u.fdi_rate > 0 && r && last_.capital[*r] > 0) {
    double owned = 0;
    for (int o = 0; o < R_; ++o) owned += last_.owned[*r * R_ + o];
    lambda += u.fdi_rate * owned / last_.capital[*r];
  }
  return lambda;
}

std::vector<double> Engine::ProductivityGrowth(int year, io::YearAccounts& acc) {
  std::vector<double> b(R_, 0.0);
  if (spec_.productivity && baseline_) {
    auto it = std::find_if(baseline_->years.begin(), baseline_->years.end(),
                           [&](const io::PathYear& y) { return y.year == year; });
    if (it == baseline_->years.end()) {
      out_.failed_year = year;
      out_.message = std::to_string(year) + ": the baseline path " + baseline_->name +
                     " has no equilibrium for this year, so its productivity growth is unknown";
      return b;
    }
    b = it->accounts.baseline_tfp_growth;
  } else if (spec_.productivity) {
    b = last_.baseline_tfp_growth;  // the calibration's first guess
  }
  catch_up_.assign(R_, 0.0);
  acc.catch_up_rate = 0.0;
  acc.productivity_gap = NAN;
  auto region = model_.sets().regions.Find(spec_.catch_up.region);
  auto frontier = model_.sets().regions.Find(spec_.catch_up.frontier);
  if (spec_.convergence && region && frontier) {
    std::vector<double> output(R_, 0.0);  // by country: zones added to their parent
    for (int r = 0; r < R_; ++r) output[Country(r)] += last_.gdp[r];
    double gap = (output[*frontier] / last_.labour_force[*frontier]) /
                 (output[*region] / last_.labour_force[*region]);
    acc.catch_up_rate = CatchUpRate(year);
    acc.productivity_gap = gap;
    catch_up_[*region] = model::CatchUpGrowth(acc.catch_up_rate, gap);
  }
  std::vector<double> growth(R_);
  for (int r = 0; r < R_; ++r) {
    b[r] = b[Country(r)];
    catch_up_[r] = catch_up_[Country(r)];
    growth[r] = b[r] + catch_up_[r];
  }
  acc.baseline_tfp_growth = b;
  acc.tfp_growth = growth;
  return growth;
}

void Engine::TfpTargets(const std::vector<double>& growth, std::vector<ShockTarget>& out) {
  model::ModelData& d = model_.data();
  for (int r = 0; r < R_; ++r) {
    if (growth[r] == 0.0) continue;
    for (int j = 0; j < d.sets.sectors.size(); ++j)
      if (d.va0(r, j) > 0) Target(out, &d.p.tfp(r, j), d.p.tfp(r, j) * (1 + growth[r]));
  }
}

// The released share of the government's consumption budget goes to its savings (investment)
// or to households in proportion to their transfers (docs/dynamics.md, "Peace dividend").
void Engine::PeaceTargets(int year, io::YearAccounts& acc, std::vector<ShockTarget>& out) {
  const model::PeaceDividend& p = spec_.peace;
  acc.military_released = 0.0;
  if (!p.enabled || p.military_cut == 0 || year < p.from) return;
  model::ModelData& d = model_.data();
  const int r = *d.sets.regions.Find(p.region);
  const int H = d.sets.households.size();
  if (military_share_ == 0.0) {
    const auto* row = data_.Find("military_spending_share", p.region, "", p.from);
    military_share_ = row->value;
    if (MentionsGdp(row->unit)) {
      double y0 = 0, g0 = 0;
      for (int i = 0; i < d.sets.sectors.size(); ++i) {
        y0 += d.va0(r, i);
        g0 += (1 + d.p0.tc(r, i)) * d.g0(r, i);
      }
      military_share_ = g0 > 0 ? row->value * y0 / g0 : 0.0;
      if (military_share_ > 1.0) {
        out_.notes.push_back(
            "military spending of " + std::to_string(row->value) + " of GDP (" + row->origin +
            ") exceeds the government consumption of the benchmark (" + std::to_string(g0 / y0) +
            " of GDP): all government consumption is treated as military");
        military_share_ = 1.0;
      }
    }
  }
  acc.military_released = p.military_cut * military_share_ * model::Ramp(year, p.from, p.years);
  double transfers = 0;
  for (int h = 0; h < H; ++h) transfers += trs0_(r, h);
  const double released = acc.military_released * (1.0 - ssg0_(r) - transfers);
  if (p.use == "investment") {
    Target(out, &d.ssg(r), ssg0_(r) + released);
    return;
  }
  int with_income = 0;
  for (int h = 0; h < H; ++h) with_income += d.yh0(r, h) > 0;
  for (int h = 0; h < H; ++h) {
    double w = transfers > 0 ? trs0_(r, h) / transfers : (d.yh0(r, h) > 0 ? 1.0 / with_income : 0);
    Target(out, &d.trs(r, h), trs0_(r, h) + released * w);
  }
}

void Engine::Measure(int year, io::YearAccounts& acc) const {
  const model::ModelData& d = model_.data();
  const auto& v = model_.vars();
  acc.gdp.assign(R_, 0.0);
  acc.investment.assign(R_, 0.0);
  acc.gdp_growth.assign(R_, NAN);
  acc.target_growth.assign(R_, NAN);
  acc.rental = rental_;
  for (int r = 0; r < R_; ++r) {
    for (int i = 0; i < d.sets.sectors.size(); ++i) {
      acc.gdp[r] += Value(model_, v.VA, x_, r, i);
      acc.investment[r] += (1 + d.p0.tc(r, i)) * Value(model_, v.XV, x_, r, i);
    }
    if (!last_.gdp.empty() && last_.gdp[r] > 0) acc.gdp_growth[r] = acc.gdp[r] / last_.gdp[r] - 1;
    const bool zone = r < static_cast<int>(d.parent.size()) && d.parent[r] >= 0;
    const auto* row = data_.Find("gdp_growth", d.sets.regions.label(r), "", year);
    if (row && !zone && year > spec_.start) acc.target_growth[r] = row->value;
  }
}

// The year's phases changed the endowment and ownership by whatever they set: that change
// is the accounts' `policy` term, so K(t) = K(t−1) − depreciation + installed + inflow +
// policy holds exactly.
void Engine::CloseCapitalAccounts(io::YearAccounts& acc) const {
  for (auto* v : {&acc.depreciation, &acc.installed, &acc.inflow, &acc.policy})
    if (v->empty()) v->assign(R_, 0.0);
  if (acc.owned_inflow.empty()) acc.owned_inflow.assign(R_ * R_, 0.0);
  acc.owned_policy.assign(R_ * R_, 0.0);
  for (int r = 0; r < R_; ++r) {
    if (qf_cap_[r] >= 0) {
      acc.policy[r] = x_[qf_cap_[r]] - acc.capital[r];
      acc.capital[r] = x_[qf_cap_[r]];
    }
    for (int o = 0; o < R_; ++o) {
      double now = model_.data().p.ownq(r, cap_, o);
      acc.owned_policy[r * R_ + o] = now - acc.owned[r * R_ + o];
      acc.owned[r * R_ + o] = now;
    }
  }
}

}  // namespace peninsula::app::path
