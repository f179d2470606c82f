// Re-solving coalitions of shock components and their Shapley decomposition.
#include "app/analysis/decomposition.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "app/analysis/economy.hpp"
#include "app/analysis/indicators.hpp"

namespace peninsula::app::analysis {
namespace {

struct ParameterCells {
  const char* name;
  std::vector<const char*> dims;
  const model::Table& (*table)(const model::ShockableParameters&);
};

#define PENINSULA_TABLE(field) \
  [](const model::ShockableParameters& p) -> const model::Table& { return p.field; }

// The parameters a scenario can shock (model/scenario.cpp); a change the list misses makes
// the full coalition fail to reproduce the scenario, which DecomposeWelfare reports.
const std::vector<ParameterCells>& ParameterList() {
  static const std::vector<ParameterCells> list = {
      {"tfp", {"region", "sector"}, PENINSULA_TABLE(tfp)},
      {"tp", {"region", "sector"}, PENINSULA_TABLE(tp)},
      {"tc", {"region", "sector"}, PENINSULA_TABLE(tc)},
      {"tm", {"sector", "partner", "region"}, PENINSULA_TABLE(tm)},
      {"te", {"sector", "region", "partner"}, PENINSULA_TABLE(te)},
      {"tdir", {"region", "household"}, PENINSULA_TABLE(tdir)},
      {"tf", {"region", "factor"}, PENINSULA_TABLE(tf)},
      {"pwe", {"sector"}, PENINSULA_TABLE(pwe)},
      {"pwm", {"sector"}, PENINSULA_TABLE(pwm)},
      {"fsav", {"region"}, PENINSULA_TABLE(fsav)},
      {"sigma_va", {"region", "sector"}, PENINSULA_TABLE(sigma_va)},
      {"sigma_d", {"region", "sector"}, PENINSULA_TABLE(sigma_d)},
      {"sigma_m", {"region", "sector"}, PENINSULA_TABLE(sigma_m)},
      {"omega", {"region", "sector"}, PENINSULA_TABLE(omega)},
      {"quota", {"sector", "partner", "region"}, PENINSULA_TABLE(quota)},
      {"wfloor", {"region", "factor"}, PENINSULA_TABLE(wfloor)},
      {"ownq", {"region", "factor", "partner"}, PENINSULA_TABLE(ownq)},
      {"access", {"sector", "partner", "region"}, PENINSULA_TABLE(access)},
      {"entry", {"region", "sector"}, PENINSULA_TABLE(entry)},
  };
  return list;
}
#undef PENINSULA_TABLE

const model::Set& SetNamed(const model::ModelSets& s, const std::string& name) {
  if (name == "region") return s.regions;
  if (name == "sector") return s.sectors;
  if (name == "factor") return s.factors;
  if (name == "household") return s.households;
  return s.partners;
}

bool Same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

void ParameterDifferences(const model::Model& m, const Point& from, const Point& to,
                          std::vector<Change>& out) {
  for (const auto& info : ParameterList()) {
    const model::Table& a = info.table(*from.p);
    const model::Table& b = info.table(*to.p);
    const auto& e = a.extents();
    for (int i = 0; i < e[0]; ++i)
      for (int j = 0; j < e[1]; ++j)
        for (int k = 0; k < e[2]; ++k) {
          if (Same(a(i, j, k), b(i, j, k))) continue;
          Change c{info.name, {}, b(i, j, k), "", a(i, j, k)};
          int pos[] = {i, j, k};
          for (std::size_t d = 0; d < info.dims.size(); ++d) {
            c.index.push_back(SetNamed(m.sets(), info.dims[d]).label(pos[d]));
          }
          if (c.target == "quota") {
            c.rent_to = m.data().rent_to(i, j, k) == 2 ? "importer" : "exporter";
          }
          out.push_back(std::move(c));
        }
  }
}

}  // namespace

std::string GroupOf(const Change& c) {
  if (c.target == "tfp" || c.target == "entry") return "technology";
  if (c.target == "tm" || c.target == "te" || c.target == "quota" || c.target == "access") {
    return "trade_policy";
  }
  if (c.target == "QF" || c.target == "QFS" || c.target == "fsav" || c.target == "ownq") {
    return "endowments_capital";
  }
  return "other";
}

Resolver::Resolver(const model::ModelData& data, const model::ClosureSpec& closure,
                   const solver::SolveOptions& options)
    : options_(options) {
  model::ModelData copy = data;
  copy.p = copy.p0;
  model_ = std::make_unique<model::Model>(std::move(copy));
  closure_ = model::ResolveClosure(*model_, closure, "welfare decomposition");
  system_ = std::make_unique<model::EquationSystem>(
      model_->registry(), model_->blocks(), closure_.fixed,
      std::vector<model::RowRef>{closure_.walras}, model_->benchmark());
  if (!system_->square()) {
    throw model::ScenarioError("welfare decomposition: closure not square: " +
                               system_->CountReport());
  }
  workspace_ = std::make_unique<solver::NewtonWorkspace>(*system_, options_.newton);
  options_.workspace = workspace_.get();
}

Resolver::~Resolver() = default;

void Resolver::UseFactorization(solver::HeldFactorization held) {
  if (!held.lu || held.pattern != solver::PatternFingerprint(*system_)) return;
  held_ = std::move(held);
  workspace_->UseReference(held_.lu.get());
}

std::vector<Change> Resolver::Differences(const Point& from, const Point& to) const {
  std::vector<Change> out;
  ParameterDifferences(*model_, from, to, out);
  const auto& reg = model_->registry();
  for (int g = 0; g < reg.size(); ++g) {
    if (!closure_.fixed[g] || g == closure_.numeraire) continue;
    double a = (*from.x)[g], b = (*to.x)[g];
    if (std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(a))) continue;
    auto [name, labels] = model::ParseLabelPattern(reg.Label(g));
    out.push_back({name, labels, b, "", a});
  }
  return out;
}

namespace {

model::Scenario CoalitionScenario(const std::vector<Change>& changes) {
  model::Scenario s;
  s.name = "coalition";
  s.origin = "welfare decomposition";
  for (const Change& c : changes) {
    s.shocks.push_back({c.target, c.index, model::ShockMode::kSet, c.value, c.rent_to, s.origin});
  }
  return s;
}

}  // namespace

std::optional<std::vector<double>> Resolver::Solve(const Point& base,
                                                   const std::vector<Change>& changes) {
  model::Model& m = *model_;
  m.data().p = *base.p;
  std::vector<double> x = *base.x;
  std::optional<std::vector<double>> result;
  try {
    model::ShockPlan plan(m, CoalitionScenario(changes), x, closure_.fixed);
    const int num = closure_.numeraire;
    const double from = x[num], to = closure_.numeraire_value;
    auto setter = [&](double t, std::vector<double>& point) {
      plan.Apply(t, point);
      point[num] = from + t * (to - from);
    };
    if (solver::Solve(*system_, x, setter, options_).converged()) result = std::move(x);
  } catch (const model::ScenarioError&) {
    // A coalition that is not a valid scenario (e.g. part of an fsav transfer) has no value.
  }
  m.data().p = m.data().p0;
  return result;
}

std::optional<PathNode> Resolver::SolveAt(const PathNode& from, const std::vector<Change>& changes,
                                          double numeraire, const std::vector<double>* guess) {
  model::Model& m = *model_;
  m.data().p = from.p;
  std::optional<PathNode> node;
  try {
    model::ShockPlan plan(m, CoalitionScenario(changes), from.x, closure_.fixed);
    const int num = closure_.numeraire;
    const double start = from.x[num];
    auto setter = [&](double t, std::vector<double>& point) {
      plan.Apply(t, point);
      point[num] = start + t * (numeraire - start);
    };
    // Neighbouring states are close, so Newton's chord steps reuse the constructor's workspace.
    solver::SolveOptions options = options_;
    std::vector<double> x;
    bool converged = false;
    if (guess) {  // the prediction is no solution at t = 0, so no homotopy from it
      solver::SolveOptions quick = options;
      quick.method = solver::Method::kNewton;
      quick.homotopy = false;
      x = *guess;
      // A prediction is for the unknowns: fixed values are the path's, exactly (a polynomial
      // through equal values can differ from them in the last digit).
      for (std::size_t g = 0; g < x.size(); ++g)
        if (closure_.fixed[g]) x[g] = from.x[g];
      converged = solver::Solve(*system_, x, setter, quick).converged();
    }
    if (!converged) {
      x = from.x;
      converged = solver::Solve(*system_, x, setter, options).converged();
    }
    if (converged) {
      setter(1.0, x);  // parameters and fixed variables exactly at the target
      node = PathNode{m.data().p, std::move(x)};
    }
  } catch (const model::ScenarioError&) {
    // Not a valid state (e.g. part of an fsav transfer): no node.
  }
  m.data().p = m.data().p0;
  return node;
}

std::vector<Component> ShockGroups(const Resolver& resolver, const Point& from, const Point& to) {
  static const std::vector<std::string> order = {"technology", "trade_policy", "endowments_capital",
                                                 "other"};
  std::map<std::string, std::vector<Change>> groups;
  std::vector<Change> institutions;
  for (Change& c : resolver.Differences(from, to)) {
    if (c.target == "wfloor") {
      institutions.push_back(std::move(c));
    } else {
      groups[GroupOf(c)].push_back(std::move(c));
    }
  }
  // A wage floor is an institution the shocks act under, not a shock: it is held in every
  // coalition. Decomposed on its own, a coalition of caps without the floors can have no
  // equilibrium (a capped zone with all its capital employed).
  if (groups.empty() && !institutions.empty()) return {{"other", std::move(institutions)}};
  std::vector<Component> out;
  for (const auto& name : order) {
    if (!groups.count(name)) continue;
    std::vector<Change> changes = institutions;
    for (Change& c : groups[name]) changes.push_back(std::move(c));
    out.push_back({name, std::move(changes)});
  }
  return out;
}

}  // namespace peninsula::app::analysis
