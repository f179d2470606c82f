// Path files: keys, types and ranges checked, scenario phases read with their own files.
#include "io/path_file.hpp"

#include <set>
#include <toml++/toml.h>

#include "io/input_file.hpp"
#include "io/scenario_file.hpp"
#include "io/toml_context.hpp"

namespace peninsula::io {
namespace {

using model::ScenarioError;

class Context : public TomlContext<ScenarioError> {
 public:
  using TomlContext::Fail;
  using TomlContext::Number;
  using TomlContext::String;
  using TomlContext::TomlContext;
  // Setters that leave `out` (the default) alone when the key is absent.
  void String(const toml::table& t, const char* key, std::string& out) const {
    if (auto v = String(t, key)) out = *v;
  }
  void Number(const toml::table& t, const char* key, double& out) const {
    if (auto v = Number(t, key)) out = *v;
  }
  void Year(const toml::table& t, const char* key, int& out) const {
    if (const toml::node* n = t.get(key)) {
      if (!n->is_integer()) Fail(*n, "'" + std::string(key) + "' must be a year (an integer)");
      long long v = *n->value<long long>();
      if (v < 1900 || v > 2200) Fail(*n, "'" + std::string(key) + "' must be a year (1900-2200)");
      out = static_cast<int>(v);
    }
  }
  void Bool(const toml::table& t, const char* key, bool& out) const {
    if (auto v = Boolean(t, key)) out = *v;
  }
  // [[key]] entries as tables.
  std::vector<const toml::table*> Tables(const toml::table& t, const char* key) const {
    std::vector<const toml::table*> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::array* arr = n->as_array();
    if (!arr) Fail(*n, "write '" + std::string(key) + "' as [[" + key + "]] tables");
    for (const auto& item : *arr) {
      if (!item.is_table()) Fail(item, "[[" + std::string(key) + "]] entries must be tables");
      out.push_back(item.as_table());
    }
    return out;
  }
};

void Check(bool ok, const Context& c, const toml::node& node, const std::string& message) {
  if (!ok) c.Fail(node, message);
}

void ReadDynamics(const Context& c, const toml::table& t, model::PathSpec& p) {
  c.CheckKeys(t,
              {"accumulation", "labour_growth", "productivity", "convergence", "skill_upgrading",
               "capital", "unskilled", "skilled"},
              "[dynamics]");
  c.Bool(t, "accumulation", p.accumulation);
  c.Bool(t, "labour_growth", p.labour_growth);
  c.Bool(t, "productivity", p.productivity);
  c.Bool(t, "convergence", p.convergence);
  c.Number(t, "skill_upgrading", p.skill_upgrading);
  c.String(t, "capital", p.capital);
  c.String(t, "unskilled", p.unskilled);
  c.String(t, "skilled", p.skilled);
  if (auto* n = t.get("skill_upgrading"))
    Check(std::abs(p.skill_upgrading) < 0.5, c, *n,
          "'skill_upgrading' must be a yearly rate "
          "difference between -0.5 and 0.5");
}

void ReadCatchUp(const Context& c, const toml::table& t, model::PathSpec& p) {
  c.CheckKeys(t, {"region", "frontier", "rate", "open_rate", "fdi_rate"}, "[catch_up]");
  model::CatchUp& u = p.catch_up;
  c.String(t, "region", u.region);
  c.String(t, "frontier", u.frontier);
  c.Number(t, "rate", u.rate);
  c.Number(t, "open_rate", u.open_rate);
  c.Number(t, "fdi_rate", u.fdi_rate);
  for (auto [key, v] : {std::pair{"rate", u.rate}, std::pair{"open_rate", u.open_rate},
                        std::pair{"fdi_rate", u.fdi_rate}}) {
    if (auto* n = t.get(key)) {
      Check(v >= 0 && v < 1, c, *n,
            std::string("'") + key + "' must be in [0, 1) (a yearly rate of catch-up)");
    }
  }
  if (u.region == u.frontier)
    c.Fail(t, "[catch_up] region and frontier are both '" + u.region + "'");
}

void ReadPeace(const Context& c, const toml::table& t, model::PathSpec& p) {
  c.CheckKeys(
      t, {"region", "from", "years", "military_cut", "soldiers_released", "use", "bvu_per_worker"},
      "[peace_dividend]");
  model::PeaceDividend& d = p.peace;
  d.enabled = true;
  d.origin = c.Where(t);
  c.String(t, "region", d.region);
  c.Year(t, "from", d.from);
  double years = d.years;
  c.Number(t, "years", years);
  c.Number(t, "military_cut", d.military_cut);
  c.Number(t, "soldiers_released", d.soldiers_released);
  c.String(t, "use", d.use);
  c.Number(t, "bvu_per_worker", d.bvu_per_worker);
  Check(t.contains("from"), c, t, "[peace_dividend] needs 'from' (the first year)");
  // Bounded before the conversion to int, which is undefined beyond int's range; no ramp can
  // be longer than the years a path may span (1900-2200).
  Check(years >= 1 && years <= 300 && years == std::floor(years), c,
        t.get("years") ? *t.get("years") : t,
        "[peace_dividend] 'years' must be a whole number from 1 to 300");
  d.years = static_cast<int>(years);
  Check(d.military_cut >= 0 && d.military_cut <= 1, c, t,
        "[peace_dividend] 'military_cut' must be a share in [0, 1]");
  Check(d.soldiers_released >= 0 && d.soldiers_released <= 1, c, t,
        "[peace_dividend] 'soldiers_released' must be a share in [0, 1]");
  Check(d.use == "investment" || d.use == "households", c, t,
        "[peace_dividend] 'use' must be \"investment\" or \"households\"");
  Check(d.bvu_per_worker > 0, c, t,
        "[peace_dividend] needs 'bvu_per_worker' > 0 (benchmark value units per worker-year)");
}

bool SameClosure(const model::ClosureSpec& a, const model::ClosureSpec& b) {
  return a.numeraire == b.numeraire && a.numeraire_value == b.numeraire_value &&
         a.walras_equation == b.walras_equation && a.fix == b.fix && a.unfix == b.unfix;
}

void ReadPhases(const Context& c, const toml::table& t, model::PathSpec& p) {
  int last_year = p.start;
  for (const toml::table* ph : c.Tables(t, "phase")) {
    c.CheckKeys(*ph, {"year", "scenario", "open", "note"}, "[[phase]]");
    model::PathPhase phase;
    phase.origin = c.Where(*ph);
    phase.year = 0;
    c.Year(*ph, "year", phase.year);
    std::string file;
    c.String(*ph, "scenario", file);
    if (ph->contains("open")) {
      bool open = false;
      c.Bool(*ph, "open", open);
      phase.opening = open ? 1 : -1;
    }
    Check(phase.year != 0, c, *ph, "[[phase]] needs 'year'");
    Check(!file.empty(), c, *ph, "[[phase]] needs 'scenario' (a scenario file)");
    Check(phase.year >= p.start && phase.year <= p.end, c, *ph,
          "[[phase]] year " + std::to_string(phase.year) + " is outside the path's years " +
              std::to_string(p.start) + "-" + std::to_string(p.end));
    Check(phase.year >= last_year, c, *ph, "[[phase]] tables must be in order of their years");
    last_year = phase.year;
    phase.scenario = ReadScenario(c.path().parent_path() / file);
    if (!p.phases.empty() && !SameClosure(phase.scenario.closure, p.closure)) {
      c.Fail(*ph, "the [closure] of " + file +
                      " differs from the earlier phases' (a path solves "
                      "every year under one closure)");
    }
    p.closure = phase.scenario.closure;
    p.phases.push_back(std::move(phase));
  }
}

void ReadInflows(const Context& c, const toml::table& t, model::PathSpec& p) {
  for (const toml::table* in : c.Tables(t, "inflow")) {
    c.CheckKeys(*in, {"region", "owner", "from", "to", "amount", "note"}, "[[inflow]]");
    model::CapitalInflow f;
    f.origin = c.Where(*in);
    c.String(*in, "region", f.region);
    c.String(*in, "owner", f.owner);
    c.Year(*in, "from", f.from);
    f.to = p.end;
    c.Year(*in, "to", f.to);
    c.Number(*in, "amount", f.amount);
    Check(!f.region.empty() && !f.owner.empty(), c, *in, "[[inflow]] needs 'region' and 'owner'");
    Check(f.region != f.owner, c, *in, "[[inflow]] region and owner are the same");
    Check(in->contains("from") && f.from <= f.to, c, *in, "[[inflow]] needs 'from' not after 'to'");
    Check(in->contains("amount") && f.amount >= 0, c, *in,
          "[[inflow]] needs 'amount' >= 0 (bvu of capital goods a year)");
    p.inflows.push_back(f);
  }
}

void ReadTop(const Context& c, const toml::table& t, model::PathSpec& p) {
  c.CheckKeys(t,
              {"name", "description", "start", "end", "baseline", "dynamics_data", "dynamics",
               "catch_up", "peace_dividend", "phase", "inflow"},
              "a path");
  c.String(t, "name", p.name);
  if (p.name.empty() || p.name.find_first_of("/ ") != std::string::npos) {
    throw ScenarioError(c.path().string() + ": path name '" + p.name +
                        "' must be given, non-empty, without '/' or spaces");
  }
  c.String(t, "description", p.description);
  c.Year(t, "start", p.start);
  c.Year(t, "end", p.end);
  if (p.end < p.start) c.Fail(t, "'end' (" + std::to_string(p.end) + ") is before 'start'");
  std::string file;
  c.String(t, "baseline", file);
  if (!file.empty()) p.baseline = (c.path().parent_path() / file).string();
  file.clear();
  c.String(t, "dynamics_data", file);
  if (!file.empty()) p.dynamics_file = (c.path().parent_path() / file).string();
}

}  // namespace

model::PathSpec ReadPath(const std::filesystem::path& path) {
  model::PathSpec p;
  p.origin = path.string();
  p.source_text = ReadInputText<ScenarioError>(path, "path file");
  Context c(path);
  toml::table t = c.Parse(p.source_text);
  ReadTop(c, t, p);
  if (auto* d = c.Table(t, "dynamics")) ReadDynamics(c, *d, p);
  if (auto* u = c.Table(t, "catch_up")) ReadCatchUp(c, *u, p);
  if (auto* d = c.Table(t, "peace_dividend")) ReadPeace(c, *d, p);
  ReadPhases(c, t, p);
  ReadInflows(c, t, p);
  auto in_range = [&](int y) { return y >= p.start && y <= p.end; };
  if (p.peace.enabled && !in_range(p.peace.from)) {
    throw ScenarioError(p.peace.origin + ": [peace_dividend] 'from' is outside the path's years");
  }
  for (const auto& f : p.inflows) {
    if (f.from <= p.start || f.to > p.end) {
      throw ScenarioError(f.origin +
                          ": [[inflow]] years must lie after 'start' and not after "
                          "'end'");
    }
  }
  return p;
}

}  // namespace peninsula::io
