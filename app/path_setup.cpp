// A path's setup: the instruments it needs, the checks before any solve, and the engine's
// equation system, factor positions and 2015 rental rates.
#include <cmath>
#include <string>

#include "app/path_engine.hpp"
#include "app/runner.hpp"
#include "calibration/csv.hpp"

namespace peninsula::app {
namespace {

int FactorOf(const model::Model& m, const std::string& label, const model::PathSpec& spec,
             const char* role) {
  auto f = m.sets().factors.Find(label);
  if (!f || m.data().mobility[*f] != model::Mobility::kMobile) {
    throw model::ScenarioError(spec.origin + ": [dynamics] " + role + " = '" + label +
                               "' (expected a mobile factor of the data)");
  }
  return *f;
}

int RegionOf(const model::Model& m, const std::string& label, const std::string& where) {
  auto r = m.sets().regions.Find(label);
  if (!r) throw model::ScenarioError(where + ": '" + label + "' is not a region of the data");
  return *r;
}

bool IsZone(const model::ModelData& d, int r) {
  return r < static_cast<int>(d.parent.size()) && d.parent[r] >= 0;
}

double Gdp0(const model::ModelData& d, int r) {
  double y = 0;
  for (int j = 0; j < d.sets.sectors.size(); ++j) y += d.va0(r, j);
  return y;
}

// Finds a value the options need, or names what is missing.
class DataNeeds {
 public:
  DataNeeds(const calibration::DynamicsData& data, const model::PathSpec& spec)
      : data_(data), spec_(spec) {}
  void Need(const std::string& parameter, const std::string& region, const std::string& factor,
            int year, const std::string& why,
            const calibration::DynamicsData::Accept& accept = {}) const {
    if (data_.Find(parameter, region, factor, year, accept)) return;
    throw calibration::DataError(data_.source + ": no " + parameter + " for " + region +
                                 (factor.empty() ? "" : "," + factor) + " in " +
                                 std::to_string(year) + " (needed by " + spec_.origin + ": " + why +
                                 ")");
  }

 private:
  const calibration::DynamicsData& data_;
  const model::PathSpec& spec_;
};

void CheckGrowthData(const model::Model& m, const model::PathSpec& s, const DataNeeds& need) {
  const auto& d = m.data();
  const auto& sets = m.sets();
  const int cap = *sets.factors.Find(s.capital);
  for (int r = 0; r < sets.regions.size(); ++r) {
    if (IsZone(d, r)) continue;  // zones take their country's rates
    const std::string& region = sets.regions.label(r);
    bool capital = d.yf0(r, cap) > 0 && s.accumulation;
    if (capital) need.Need("capital_output", region, "", s.start, "accumulation");
    for (int t = s.start + 1; t <= s.end; ++t) {
      if (capital) need.Need("depreciation", region, "", t, "accumulation");
      if (s.labour_growth) {
        for (const std::string& f : {s.unskilled, s.skilled}) {
          auto k = sets.factors.Find(f);
          if (!f.empty() && k && d.yf0(r, *k) > 0)
            need.Need("labour_growth", region, f, t, "labour growth");
        }
      }
      if (s.baseline.empty() && s.productivity && Gdp0(d, r) > 0)
        need.Need("gdp_growth", region, "", t, "productivity calibrated to GDP growth");
    }
  }
  for (const auto& f : s.inflows) need.Need("capital_output", f.region, "", s.start, "inflows");
}

void CheckCatchUpData(const model::Model& m, const model::PathSpec& s, const DataNeeds& need) {
  if (!s.convergence) return;
  bool opens = false;
  for (const auto& p : s.phases) opens = opens || p.opening > 0;
  if (!(s.catch_up.rate > 0 || s.catch_up.fdi_rate > 0 || opens)) return;
  RegionOf(m, s.catch_up.region, s.origin + ": [catch_up] region");
  RegionOf(m, s.catch_up.frontier, s.origin + ": [catch_up] frontier");
  for (const auto& r : {s.catch_up.region, s.catch_up.frontier})
    need.Need("labour_force", r, "", s.start, "output per worker of the catch-up gap");
  if (opens && std::isnan(s.catch_up.open_rate))
    need.Need("tfp_catchup", s.catch_up.region, "", s.start,
              "[catch_up] open_rate is not set, so the data's yearly catch-up rate applies",
              [](const calibration::DynamicsRow& r) { return calibration::IsYearlyUnit(r.unit); });
}

void CheckPeaceData(const model::Model& m, const model::PathSpec& s, const DataNeeds& need) {
  if (!s.peace.enabled) return;
  int r = RegionOf(m, s.peace.region, s.peace.origin + ": [peace_dividend] region");
  if (IsZone(m.data(), r))
    throw model::ScenarioError(s.peace.origin + ": [peace_dividend] region is a zone region");
  if (s.peace.military_cut > 0)
    need.Need("military_spending_share", s.peace.region, "", s.peace.from, "peace dividend");
  if (s.peace.soldiers_released > 0)
    need.Need("soldiers", s.peace.region, "", s.peace.from, "peace dividend");
}

}  // namespace

std::vector<model::Scenario> PathScenarios(const model::PathSpec& path) {
  std::vector<model::Scenario> out;
  for (const auto& p : path.phases) out.push_back(p.scenario);
  model::Scenario owned;
  owned.name = path.name + "_inflows";
  owned.origin = path.origin;
  for (const auto& f : path.inflows) {
    owned.shocks.push_back(
        {"ownq", {f.region, path.capital, f.owner}, model::ShockMode::kAdd, 0.0, "", f.origin});
  }
  if (!owned.shocks.empty()) out.push_back(owned);
  return out;
}

void ValidatePath(model::Model& model, const model::PathSpec& spec,
                  const calibration::DynamicsData& data) {
  FactorOf(model, spec.capital, spec, "capital");
  FactorOf(model, spec.unskilled, spec, "unskilled");
  if (!spec.skilled.empty()) FactorOf(model, spec.skilled, spec, "skilled");
  for (const auto& f : spec.inflows) {
    RegionOf(model, f.region, f.origin + ": [[inflow]] region");
    RegionOf(model, f.owner, f.origin + ": [[inflow]] owner");
  }
  for (const auto& p : spec.phases) ValidateScenario(model, p.scenario);
  DataNeeds need(data, spec);
  CheckGrowthData(model, spec, need);
  CheckCatchUpData(model, spec, need);
  CheckPeaceData(model, spec, need);
}

namespace path {

Engine::Engine(model::Model& model, const model::PathSpec& spec,
               const calibration::DynamicsData& data, const io::PathOutcome* baseline,
               const solver::SolveOptions& options)
    : model_(model), spec_(spec), data_(data), baseline_(baseline), options_(options) {
  model::ModelData& d = model_.data();
  d.p = d.p0;
  closure_ = model::ResolveClosure(model_, spec_.closure, spec_.origin);
  system_ = std::make_unique<model::EquationSystem>(
      model_.registry(), model_.blocks(), closure_.fixed,
      std::vector<model::RowRef>{closure_.walras}, model_.benchmark());
  if (!system_->square()) {
    throw model::ScenarioError(
        spec_.origin + ": the closure does not give a square system: " + system_->CountReport());
  }
  workspace_ = std::make_unique<solver::NewtonWorkspace>(*system_, options_.newton.linear_solver);
  R_ = model_.sets().regions.size();
  cap_ = FactorOf(model_, spec_.capital, spec_, "capital");
  unskilled_ = FactorOf(model_, spec_.unskilled, spec_, "unskilled");
  skilled_ = spec_.skilled.empty() ? -1 : FactorOf(model_, spec_.skilled, spec_, "skilled");
  const auto& qf = model_.registry().block(model_.vars().QF);
  auto position = [&](int r, int f) { return f >= 0 && qf.Has(r, f) ? qf.Global(r, f) : -1; };
  rental_.assign(R_, 0.0);
  for (int r = 0; r < R_; ++r) {
    qf_cap_.push_back(position(r, cap_));
    qf_unskilled_.push_back(position(r, unskilled_));
    qf_skilled_.push_back(position(r, skilled_));
    const auto* kappa =
        data_.Find("capital_output", model_.sets().regions.label(Country(r)), "", spec_.start);
    if (kappa) rental_[r] = model::RentalRate(d.qf0(r, cap_), kappa->value, Gdp0(d, r));
  }
  x_ = model_.benchmark();
  ssg0_ = d.ssg;
  trs0_ = d.trs;
  calibrating_ = spec_.baseline.empty() && spec_.productivity;
}

int Engine::Country(int region) const {
  return IsZone(model_.data(), region) ? model_.data().parent[region] : region;
}

}  // namespace path
}  // namespace peninsula::app
