// Scenario resolution: labels and wildcards to parameter cells and fixed variables.
#include "model/scenario.hpp"

#include <cmath>
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace peninsula::model {
namespace {

struct ParameterInfo {
  std::string name;
  std::vector<std::string> dims;  // set names: region, sector, factor, household, partner
  std::function<Table&(ShockableParameters&)> table;
  double lower;  // values must stay above this (exclusive), or at or above it if `inclusive`
  bool inclusive = false;
};

const std::vector<ParameterInfo>& Parameters() {
  static const std::vector<ParameterInfo> info = {
      {"tfp", {"region", "sector"}, [](ShockableParameters& p) -> Table& { return p.tfp; }, 0.0},
      {"tp", {"region", "sector"}, [](ShockableParameters& p) -> Table& { return p.tp; }, -1.0},
      {"tc", {"region", "sector"}, [](ShockableParameters& p) -> Table& { return p.tc; }, -1.0},
      {"tm",
       {"sector", "partner", "region"},
       [](ShockableParameters& p) -> Table& { return p.tm; },
       -1.0},
      {"te",
       {"sector", "region", "partner"},
       [](ShockableParameters& p) -> Table& { return p.te; },
       -1.0},
      {"tdir",
       {"region", "household"},
       [](ShockableParameters& p) -> Table& { return p.tdir; },
       -1.0},
      {"tf", {"region", "factor"}, [](ShockableParameters& p) -> Table& { return p.tf; }, -1.0},
      {"pwe", {"sector"}, [](ShockableParameters& p) -> Table& { return p.pwe; }, 0.0},
      {"pwm", {"sector"}, [](ShockableParameters& p) -> Table& { return p.pwm; }, 0.0},
      {"fsav", {"region"}, [](ShockableParameters& p) -> Table& { return p.fsav; }, -INFINITY},
      {"sigma_va",
       {"region", "sector"},
       [](ShockableParameters& p) -> Table& { return p.sigma_va; },
       0.0,
       true},
      {"sigma_d",
       {"region", "sector"},
       [](ShockableParameters& p) -> Table& { return p.sigma_d; },
       0.0,
       true},
      {"sigma_m",
       {"region", "sector"},
       [](ShockableParameters& p) -> Table& { return p.sigma_m; },
       0.0,
       true},
      {"omega",
       {"region", "sector"},
       [](ShockableParameters& p) -> Table& { return p.omega; },
       0.0},
      {"quota",
       {"sector", "partner", "region"},
       [](ShockableParameters& p) -> Table& { return p.quota; },
       0.0},
      {"wfloor",
       {"region", "factor"},
       [](ShockableParameters& p) -> Table& { return p.wfloor; },
       0.0,
       true},
      {"ownq",
       {"region", "factor", "partner"},
       [](ShockableParameters& p) -> Table& { return p.ownq; },
       0.0,
       true},
      {"access",
       {"sector", "partner", "region"},
       [](ShockableParameters& p) -> Table& { return p.access; },
       0.0,
       true},
      {"entry",
       {"region", "sector"},
       [](ShockableParameters& p) -> Table& { return p.entry; },
       0.0,
       true},
  };
  return info;
}

const Set& SetNamed(const ModelSets& s, const std::string& name) {
  if (name == "region") return s.regions;
  if (name == "sector") return s.sectors;
  if (name == "factor") return s.factors;
  if (name == "household") return s.households;
  return s.partners;
}

// Positions of `pattern` in `set`: all for "*", one for a label; throws naming the label.
std::vector<int> Positions(const Set& set, const std::string& pattern, const ShockSpec& shock) {
  std::vector<int> out;
  if (pattern == "*") {
    for (int k = 0; k < set.size(); ++k) out.push_back(k);
    return out;
  }
  auto k = set.Find(pattern);
  if (!k) {
    throw ScenarioError(shock.origin + ": shock on " + shock.target + ": '" + pattern +
                        "' is not a " + set.name() + " of this database");
  }
  return {*k};
}

double Target(const ShockSpec& s, double base) {
  switch (s.mode) {
    case ShockMode::kScale:
      return base * s.value;
    case ShockMode::kSet:
      return s.value;
    case ShockMode::kAdd:
      return base + s.value;
  }
  return base;
}

std::string CellLabel(const Model& model, const ParameterInfo& info, int a, int b, int c) {
  std::string label = info.name + "(";
  int idx[3] = {a, b, c};
  for (std::size_t k = 0; k < info.dims.size(); ++k) {
    label += (k ? "," : "") + SetNamed(model.sets(), info.dims[k]).label(idx[k]);
  }
  return label + ")";
}

// Instruments are structure: a cell can exist in the data (a flow, a mobile factor with
// income) and yet not be carried by the model, which knows only those declared when it was
// built (CollectInstruments).
struct InstrumentKind {
  std::string name;
  std::vector<std::string> dims;
  std::function<bool(const ModelData&, int, int, int)> exists;
  std::function<bool(const ModelData&, int, int, int)> declared;
  std::string nothing;  // what a shock matching no cell failed to find
};

bool MobileWithIncome(const ModelData& d, int r, int f) {
  return d.mobility[f] == Mobility::kMobile && d.yf0(r, f) > 0;
}

const std::vector<InstrumentKind>& InstrumentKinds() {
  static const std::vector<InstrumentKind> kinds = {
      {"quota",
       {"sector", "partner", "region"},
       [](const ModelData& d, int i, int s, int r) { return !d.small_open && d.m0(i, s, r) > 0; },
       [](const ModelData& d, int i, int s, int r) { return d.rent_to(i, s, r) != 0; },
       "no bilateral flow of the benchmark (quotas need a multi-region database)"},
      {"wfloor",
       {"region", "factor"},
       [](const ModelData& d, int r, int f, int) { return MobileWithIncome(d, r, f); },
       [](const ModelData& d, int r, int f, int) { return d.floor_on(r, f) != 0; },
       "no mobile factor with income"},
      {"ownq",
       {"region", "factor", "partner"},
       [](const ModelData& d, int r, int f, int o) {
         return !d.small_open && o != r && MobileWithIncome(d, r, f);
       },
       [](const ModelData& d, int r, int f, int o) {
         for (const auto& e : d.owned)
           if (e.region == r && e.factor == f && e.owner == o) return true;
         return false;
       },
       "no mobile factor with income owned by another region (ownership needs a "
       "multi-region database)"},
      {"access",
       {"sector", "partner", "region"},
       [](const ModelData& d, int i, int s, int r) {
         return !d.latent.values().empty() && d.latent(i, s, r) != 0;
       },
       [](const ModelData&, int, int, int) { return true; },
       "no latent flow (latent_trade.csv lists the flows a scenario may open)"},
      {"entry",
       {"region", "sector"},
       [](const ModelData& d, int r, int j, int) { return HasEntrant(d, r, j); },
       [](const ModelData&, int, int, int) { return true; },
       "no entering technology (entry.csv lists the technologies a scenario may make "
       "available)"},
  };
  return kinds;
}

const InstrumentKind* FindInstrumentKind(const std::string& name) {
  for (const auto& k : InstrumentKinds())
    if (k.name == name) return &k;
  return nullptr;
}

// Whether a parameter cell can be shocked; false to skip it (a wildcard over a cell where the
// instrument cannot exist); throws for a cell that exists but the model does not carry.
bool InstrumentCellUsable(const Model& model, const ParameterInfo& info, const ShockSpec& shock,
                          int a, int b, int c) {
  const InstrumentKind* kind = FindInstrumentKind(info.name);
  if (!kind) return true;
  bool exists = kind->exists(model.data(), a, b, c);
  if (exists && !kind->declared(model.data(), a, b, c)) {
    throw ScenarioError(shock.origin + ": " + CellLabel(model, info, a, b, c) +
                        " is not an instrument of this model (quotas, wage floors and "
                        "ownership are declared when the model is built: CollectInstruments)");
  }
  return exists;
}

// A cap that did not exist starts from the flow it caps (binding at zero rent), so the
// homotopy can tighten it gradually.
double QuotaBase(const Model& model, const std::vector<double>& base_point, int i, int s, int r) {
  const auto& block = model.registry().block(model.vars().M);
  return base_point[block.Global(i, s, r)] / model.data().m0(i, s, r);
}

void ResolveParameterShock(Model& model, const ParameterInfo& info, const ShockSpec& shock,
                           const std::vector<double>& base_point, std::vector<ShockTarget>& out) {
  if (shock.index.size() != info.dims.size()) {
    throw ScenarioError(shock.origin + ": shock on " + info.name + " needs " +
                        std::to_string(info.dims.size()) + " index labels, found " +
                        std::to_string(shock.index.size()));
  }
  std::vector<std::vector<int>> pos;
  for (std::size_t d = 0; d < info.dims.size(); ++d) {
    pos.push_back(Positions(SetNamed(model.sets(), info.dims[d]), shock.index[d], shock));
  }
  while (pos.size() < 3) pos.push_back({0});
  Table& table = info.table(model.data().p);
  std::size_t before = out.size();
  for (int a : pos[0])
    for (int b : pos[1])
      for (int c : pos[2]) {
        if (!InstrumentCellUsable(model, info, shock, a, b, c)) continue;
        double* cell = &table(a, b, c);
        if (info.name == "quota") {
          double base = std::isfinite(*cell) ? *cell : QuotaBase(model, base_point, a, b, c);
          double target = shock.mode == ShockMode::kSet ? shock.value : Target(shock, base);
          if (!(target > 0)) {
            throw ScenarioError(
                shock.origin + ": shock on quota gives " + std::to_string(target) +
                " (expected a share of the benchmark flow > 0, or inf for no cap; a full ban "
                "cannot be met by CES import demand at finite prices: cap at the residual "
                "flow, e.g. 0.01)");
          }
          out.push_back({cell, -1, base, target});
          continue;
        }
        double target = Target(shock, *cell);
        // The equations' form depends on whether Ω is finite, and the Jacobian's structure is
        // recorded once: a CET can be made steeper or flatter, not switched on or off.
        if (info.name == "omega" && std::isfinite(*cell) != std::isfinite(target)) {
          throw ScenarioError(
              shock.origin + ": shock on omega switches a CET " +
              (std::isfinite(*cell) ? "off" : "on") +
              " (expected a finite value for a finite benchmark omega, and no change "
              "to an infinite one)");
        }
        if (!std::isfinite(*cell)) continue;  // perfect transformation stays perfect
        bool ok = info.inclusive ? target >= info.lower : target > info.lower;
        if (!ok || std::isnan(target)) {
          throw ScenarioError(
              shock.origin + ": shock on " + info.name + " gives " + std::to_string(target) +
              (info.inclusive ? " (expected a value >= " : " (expected a value above ") +
              std::to_string(info.lower) + ")");
        }
        out.push_back({cell, -1, *cell, target});
      }
  if (out.size() == before) {
    const InstrumentKind* kind = FindInstrumentKind(info.name);
    throw ScenarioError(shock.origin + ": shock on " + info.name + " matches " +
                        (kind ? kind->nothing : std::string("nothing")));
  }
}

void ResolveVariableShock(Model& model, const ShockSpec& shock, const std::vector<double>& base,
                          const std::vector<bool>& fixed, std::vector<ShockTarget>& out) {
  std::string pattern = shock.target + "(";
  for (std::size_t k = 0; k < shock.index.size(); ++k) pattern += (k ? "," : "") + shock.index[k];
  pattern += ")";
  if (shock.index.empty()) pattern = shock.target;
  std::vector<int> found;
  try {
    found = model.registry().Match(pattern);
  } catch (const std::invalid_argument& e) {
    throw ScenarioError(shock.origin + ": " + e.what());
  }
  if (found.empty()) {
    throw ScenarioError(shock.origin + ": shock on '" + pattern +
                        "' matches no parameter and no variable of this model");
  }
  for (int g : found) {
    if (!fixed[g]) {
      throw ScenarioError(
          shock.origin + ": " + model.registry().Label(g) +
          " is endogenous under this closure; only exogenous variables (endowments, "
          "or variables the closure fixes) can be shocked");
    }
    double target = Target(shock, base[g]);
    if (!(target >= 0) && model.registry().block(VarId{model.registry().Locate(g).first}).kind() ==
                              VarKind::kQuantity) {
      throw ScenarioError(shock.origin + ": shock on " + model.registry().Label(g) + " gives " +
                          std::to_string(target) + " (expected a quantity >= 0)");
    }
    out.push_back({nullptr, g, base[g], target});
  }
}

}  // namespace

std::vector<std::pair<std::string, std::vector<std::string>>> ShockableParameterNames() {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (const auto& p : Parameters()) out.emplace_back(p.name, p.dims);
  return out;
}

// Foreign savings are another region's dissaving in a closed world: their changes must net
// to zero, or Walras' law fails and no equilibrium exists.
void CheckForeignSavings(const Model& model, const std::vector<ShockTarget>& targets,
                         const std::string& origin) {
  if (model.data().small_open) return;
  const Table& fsav = model.data().p.fsav;
  double change = 0.0, scale = 1.0;
  for (const auto& t : targets) {
    for (std::size_t r = 0; r < fsav.values().size(); ++r) {
      if (t.parameter == &fsav.values()[r]) {
        change += t.target - t.base;
        scale += std::abs(t.target) + std::abs(t.base);
      }
    }
  }
  if (std::abs(change) > 1e-9 * scale) {
    throw ScenarioError(origin + ": the fsav shocks change world foreign savings by " +
                        std::to_string(change) +
                        " (expected changes that sum to zero over regions: one region's foreign "
                        "savings are another's capital outflow)");
  }
}

ShockPlan::ShockPlan(Model& model, const Scenario& scenario, const std::vector<double>& base_point,
                     const std::vector<bool>& fixed) {
  for (const auto& shock : scenario.shocks) {
    const ParameterInfo* info = nullptr;
    for (const auto& p : Parameters()) {
      if (p.name == shock.target) info = &p;
    }
    if (info) {
      ResolveParameterShock(model, *info, shock, base_point, targets_);
    } else {
      ResolveVariableShock(model, shock, base_point, fixed, targets_);
    }
  }
  CheckForeignSavings(model, targets_, scenario.origin);
}

void ShockPlan::Apply(double t, std::vector<double>& x_full) const {
  for (const auto& s : targets_) {
    double value = s.base + t * (s.target - s.base);
    // Lifting a cap: a path from the cap to infinity (doubling at t = 1/2), then no cap.
    if (std::isinf(s.target)) value = t >= 1.0 ? s.target : s.base / (1.0 - t);
    if (s.parameter) {
      *s.parameter = value;
    } else {
      x_full[s.variable] = value;
    }
  }
}

namespace {

std::vector<int> MatchVariables(const VariableRegistry& reg, const std::string& pattern,
                                const std::string& origin) {
  try {
    return reg.Match(pattern);
  } catch (const std::invalid_argument& e) {
    throw ScenarioError(origin + ": " + e.what());
  }
}

}  // namespace

namespace {

// The recipient a quota shock names; none if it names none (it then follows the other shocks
// on the same flow, or defaults to the exporter).
std::optional<RentRecipient> ParseRecipient(const ShockSpec& shock) {
  if (shock.rent_to.empty()) return std::nullopt;
  if (shock.rent_to == "exporter") return RentRecipient::kExporter;
  if (shock.rent_to == "importer") return RentRecipient::kImporter;
  throw ScenarioError(shock.origin + ": rent_to = '" + shock.rent_to +
                      "' (expected \"exporter\" or \"importer\")");
}

// The cells of an instrument shock where the instrument can exist.
template <class Visit>
void ForEachInstrumentCell(const ModelData& d, const ShockSpec& shock, Visit visit) {
  const InstrumentKind& kind = *FindInstrumentKind(shock.target);
  if (shock.index.size() != kind.dims.size()) {
    throw ScenarioError(shock.origin + ": shock on " + shock.target + " needs " +
                        std::to_string(kind.dims.size()) + " index labels, found " +
                        std::to_string(shock.index.size()));
  }
  std::vector<std::vector<int>> pos;
  for (std::size_t k = 0; k < kind.dims.size(); ++k) {
    pos.push_back(Positions(SetNamed(d.sets, kind.dims[k]), shock.index[k], shock));
  }
  if (pos.size() < 3) pos.push_back({0});
  int found = 0;
  for (int a : pos[0])
    for (int b : pos[1])
      for (int c : pos[2])
        if (kind.exists(d, a, b, c)) visit(a, b, c), ++found;
  if (found == 0) {
    throw ScenarioError(shock.origin + ": shock on " + shock.target + " matches " + kind.nothing);
  }
}

}  // namespace

std::vector<Phase> Scenario::Steps() const {
  std::vector<Phase> steps = before;
  steps.push_back({name, origin, shocks, true});
  return steps;
}

namespace {

// Quota flows, with the rent recipient a shock named (if any) and where.
using QuotaDeclarations =
    std::map<std::array<int, 3>, std::pair<std::optional<RentRecipient>, std::string>>;

void AddInstrument(const ModelData& d, const ShockSpec& shock, QuotaDeclarations& quotas,
                   std::set<std::array<int, 2>>& floors, std::set<std::array<int, 3>>& owned) {
  const ModelSets& s = d.sets;
  if (shock.target == "quota") {
    std::optional<RentRecipient> who = ParseRecipient(shock);
    ForEachInstrumentCell(d, shock, [&](int i, int src, int r) {
      auto [it, fresh] = quotas.try_emplace({i, src, r}, who, shock.origin);
      if (!who || fresh) return;
      if (!it->second.first) {
        it->second = {who, shock.origin};
      } else if (*it->second.first != *who) {
        throw ScenarioError(shock.origin + ": the quota on (" + s.sectors.label(i) + "," +
                            s.partners.label(src) + "," + s.regions.label(r) +
                            ") gives its rent to another recipient than at " + it->second.second);
      }
    });
  } else if (shock.target == "wfloor") {
    ForEachInstrumentCell(d, shock, [&](int r, int f, int) { floors.insert({r, f}); });
  } else if (shock.target == "ownq") {
    ForEachInstrumentCell(d, shock, [&](int r, int f, int o) { owned.insert({r, f, o}); });
  } else if (!shock.rent_to.empty()) {
    throw ScenarioError(shock.origin + ": rent_to applies to quota shocks only");
  }
}

}  // namespace

Instruments CollectInstruments(const ModelData& d, const std::vector<Scenario>& scenarios) {
  QuotaDeclarations quotas;
  std::set<std::array<int, 2>> floors;
  std::set<std::array<int, 3>> owned;
  for (const Scenario& scenario : scenarios) {
    for (const Phase& step : scenario.Steps()) {
      for (const ShockSpec& shock : step.shocks) AddInstrument(d, shock, quotas, floors, owned);
    }
  }
  Instruments out;
  for (const auto& [flow, who] : quotas) {
    out.quotas.push_back({flow[0], flow[1], flow[2], who.first.value_or(RentRecipient::kExporter)});
  }
  for (const auto& f : floors) out.wage_floors.push_back({f[0], f[1]});
  for (const auto& o : owned) out.ownership.push_back({o[0], o[1], o[2], 0});
  return out;
}

ClosurePlan ResolveClosure(Model& model, const ClosureSpec& closure, const std::string& origin) {
  ClosurePlan plan;
  const auto& reg = model.registry();
  plan.fixed = model.exogenous();
  plan.numeraire = model.DefaultNumeraire();
  if (!closure.numeraire.empty()) {
    auto found = MatchVariables(reg, closure.numeraire, origin);
    if (found.size() != 1) {
      throw ScenarioError(origin + ": numeraire '" + closure.numeraire + "' matches " +
                          std::to_string(found.size()) + " variables (expected exactly one price)");
    }
    plan.numeraire = found[0];
    const auto& block = reg.block(VarId{reg.Locate(plan.numeraire).first});
    if (block.kind() != VarKind::kPrice) {
      throw ScenarioError(origin + ": numeraire '" + closure.numeraire + "' is not a price");
    }
  }
  if (!(closure.numeraire_value > 0)) {
    throw ScenarioError(origin + ": numeraire_value must be > 0");
  }
  plan.numeraire_value = closure.numeraire_value;
  plan.fixed[plan.numeraire] = true;
  auto apply = [&](const std::vector<std::string>& patterns, bool fix) {
    for (const auto& p : patterns) {
      auto found = MatchVariables(reg, p, origin);
      if (found.empty())
        throw ScenarioError(origin + ": closure pattern '" + p + "' matches no variable");
      for (int g : found) plan.fixed[g] = fix;
    }
  };
  apply(closure.fix, true);
  apply(closure.unfix, false);
  model.BuildEquations(plan.numeraire);
  auto [block, row] = model.DefaultWalrasRow();
  plan.walras = {block, row};
  if (!closure.walras_equation.empty()) {
    bool found = false;
    for (int b = 0; b < static_cast<int>(model.blocks().size()) && !found; ++b) {
      for (int r = 0; r < model.blocks()[b]->rows() && !found; ++r) {
        if (model.blocks()[b]->RowLabel(r) == closure.walras_equation) {
          plan.walras = {b, r};
          found = true;
        }
      }
    }
    if (!found)
      throw ScenarioError(origin + ": walras equation '" + closure.walras_equation +
                          "' does not exist");
  }
  return plan;
}

}  // namespace peninsula::model
