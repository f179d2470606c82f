// Scenario and study files, read strictly with the shared TOML reader (io/toml_context.hpp).
#include "io/scenario_file.hpp"

#include <system_error>
#include <toml++/toml.h>

#include "io/input_file.hpp"
#include "io/toml_context.hpp"

namespace peninsula::io {
namespace {

using model::ScenarioError;
using Context = TomlContext<ScenarioError>;

std::string RequiredString(const Context& c, const toml::table& t, const char* key) {
  auto v = c.String(t, key);
  if (!v) c.Fail("missing string '" + std::string(key) + "'");
  return *v;
}

// Any number, infinities and NaN included: `set = inf` lifts a quota, and the value is checked
// against its parameter when the shock is resolved (model/scenario.cpp). Errors name the line
// of the [[shock]] table, like every shock error (docs/cli.md).
void ReadShockValue(const Context& c, const toml::table& t, model::ShockSpec& s) {
  int modes = 0;
  for (auto [key, mode] :
       {std::pair{"scale", model::ShockMode::kScale}, std::pair{"set", model::ShockMode::kSet},
        std::pair{"add", model::ShockMode::kAdd}}) {
    const toml::node* n = t.get(key);
    if (!n) continue;
    if (!n->is_number()) c.Fail(t, "'" + std::string(key) + "' must be a number");
    s.mode = mode;
    s.value = Context::ToDouble(*n);
    ++modes;
  }
  if (modes != 1) c.Fail(t, "a shock needs exactly one of scale, set or add");
}

model::ShockSpec ReadShock(const Context& c, const toml::table& t) {
  c.CheckKeys(t, {"target", "index", "scale", "set", "add", "rent_to", "note"}, "[[shock]]");
  model::ShockSpec s;
  s.origin = c.Where(t);
  auto target = c.String(t, "target");
  if (!target) c.Fail(t, "shock lacks 'target' (a parameter or variable name)");
  s.target = *target;
  s.index = c.Strings(t, "index");
  ReadShockValue(c, t, s);
  if (const toml::node* who = t.get("rent_to")) {
    if (!who->is_string() || s.target != "quota") {
      c.Fail(t, "'rent_to' is a string on quota shocks only");
    }
    s.rent_to = *who->value<std::string>();
  }
  return s;
}

model::ClosureSpec ReadClosure(const Context& c, const toml::table* t) {
  model::ClosureSpec closure;
  if (!t) return closure;
  c.CheckKeys(*t, {"numeraire", "numeraire_value", "walras", "fix", "unfix"}, "[closure]");
  closure.numeraire = c.String(*t, "numeraire").value_or("");
  closure.numeraire_value = c.Number(*t, "numeraire_value").value_or(1.0);
  closure.walras_equation = c.String(*t, "walras").value_or("");
  closure.fix = c.Strings(*t, "fix");
  closure.unfix = c.Strings(*t, "unfix");
  return closure;
}

bool SameClosure(const model::ClosureSpec& a, const model::ClosureSpec& b) {
  return a.numeraire == b.numeraire && a.numeraire_value == b.numeraire_value &&
         a.walras_equation == b.walras_equation && a.fix == b.fix && a.unfix == b.unfix;
}

// A path has one closure: a scenario without [closure] takes the one of what it builds on;
// one with [closure] must agree with it.
void InheritClosure(model::Scenario& s, const model::Scenario& parent, bool& have_closure,
                    const std::string& where) {
  if (!have_closure) {
    s.closure = parent.closure;
    have_closure = true;
  } else if (!SameClosure(s.closure, parent.closure)) {
    throw ScenarioError(where + ": its [closure] differs from the one of " + parent.origin +
                        " (a scenario path solves every step under one closure)");
  }
}

model::Scenario ReadScenarioFile(const std::filesystem::path& path,
                                 std::vector<std::string>& chain);

// The file's canonical name, which identifies it in cycles and repeated steps. The throwing
// weakly_canonical() let a std::filesystem::filesystem_error escape for names the system
// refuses (a component over 255 bytes, a directory without permission): no such file can be
// read, so it is the reader's "cannot open" error.
std::string Identity(const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(path, error);
  if (error) {
    throw ScenarioError(path.string() + ": cannot open scenario file (" + error.message() + ")");
  }
  return canonical.string();
}

bool SameFile(const std::string& a, const std::string& b) { return Identity(a) == Identity(b); }

// The steps of `other` that the path does not hold yet, appended in order; the file's own
// step is reported as a phase.
void AppendSteps(model::Scenario& s, const model::Scenario& other, bool report_last) {
  std::vector<model::Phase> steps = other.Steps();
  for (std::size_t k = 0; k < steps.size(); ++k) {
    bool held = false;
    for (const auto& have : s.before) held = held || SameFile(have.origin, steps[k].origin);
    if (held) continue;
    steps[k].reported = report_last && k + 1 == steps.size();
    s.before.push_back(steps[k]);
  }
}

void ReadComposition(const Context& c, const toml::table& t, std::vector<std::string>& chain,
                     model::Scenario& s) {
  const std::filesystem::path& path = c.path();
  bool have_closure = t.contains("closure");
  if (const toml::node* extends = t.get("extends")) {
    if (!extends->is_string()) c.Fail(*extends, "'extends' must be a scenario file name");
    auto parent_file = *extends->value<std::string>();
    model::Scenario parent = ReadScenarioFile(path.parent_path() / parent_file, chain);
    AppendSteps(s, parent, false);
    InheritClosure(s, parent, have_closure, path.string());
  }
  for (const auto& file : c.Strings(t, "phases")) {
    model::Scenario phase = ReadScenarioFile(path.parent_path() / file, chain);
    AppendSteps(s, phase, true);
    InheritClosure(s, phase, have_closure, path.string());
  }
}

void ReadShocks(const Context& c, const toml::table& t, model::Scenario& s) {
  const toml::node* shocks = t.get("shock");
  if (!shocks) return;
  if (!shocks->is_array()) c.Fail(*shocks, "write shocks as [[shock]] tables");
  for (const auto& node : *shocks->as_array()) {
    const toml::table* st = node.as_table();
    if (!st) c.Fail(node, "[[shock]] entries must be tables");
    s.shocks.push_back(ReadShock(c, *st));
  }
}

model::Scenario ReadScenarioFile(const std::filesystem::path& path,
                                 std::vector<std::string>& chain) {
  std::string identity = Identity(path);
  for (const auto& c : chain) {
    if (c == identity) {
      std::string cycle;
      for (const auto& link : chain) cycle += link + " -> ";
      throw ScenarioError(path.string() +
                          ": scenario files build on each other in a cycle: " + cycle + identity);
    }
  }
  chain.push_back(identity);
  model::Scenario s;
  s.source_text = ReadInputText<ScenarioError>(path, "scenario file");
  s.origin = path.string();
  Context c(path);
  toml::table t = c.Parse(s.source_text);
  c.CheckKeys(t, {"name", "description", "closure", "shock", "extends", "phases"}, "a scenario");
  s.name = RequiredString(c, t, "name");
  if (s.name.empty() || s.name.find_first_of("/ ") != std::string::npos) {
    c.Fail("scenario name '" + s.name + "' must be non-empty without '/' or spaces");
  }
  s.description = c.String(t, "description").value_or("");
  s.closure = ReadClosure(c, c.Table(t, "closure"));
  ReadShocks(c, t, s);
  ReadComposition(c, t, chain, s);
  chain.pop_back();
  return s;
}

std::string RoleLabel(const Context& c, const toml::node& node, const std::string& key) {
  auto v = node.value<std::string>();
  if (!v || v->empty()) c.Fail(node, "[analysis] " + key + " must be a region label");
  return *v;
}

AnalysisRoles ReadRoles(const Context& c, const toml::table& t) {
  c.CheckKeys(t, {"home", "partner", "comparators"}, "[analysis]");
  AnalysisRoles roles;
  auto given = [&](const toml::node& n, const std::string& key) {
    std::string label = RoleLabel(c, n, key);
    roles.given.push_back({label, c.Where(n) + ": [analysis] " + key});
    return label;
  };
  if (auto* n = t.get("home")) roles.home = given(*n, "home");
  if (auto* n = t.get("partner")) roles.partner = given(*n, "partner");
  if (auto* n = t.get("comparators")) {
    const toml::array* list = n->as_array();
    if (!list) c.Fail(*n, "[analysis] comparators must be a list");
    roles.comparators.clear();
    for (const auto& item : *list) roles.comparators.push_back(given(item, "comparators"));
  }
  if (roles.home == roles.partner) {
    c.Fail("[analysis] home and partner are both '" + roles.home + "'");
  }
  return roles;
}

void ReadSolver(const Context& c, const toml::table& t, Study& s) {
  c.CheckKeys(t, {"method", "tolerance", "max_seconds"}, "[solver]");
  s.solver_method = c.String(t, "method").value_or("auto");
  s.tolerance = c.Number(t, "tolerance").value_or(1e-10);
  s.max_seconds = c.Number(t, "max_seconds").value_or(600.0);
  if (!(s.max_seconds > 0)) c.Fail(t, "[solver] max_seconds must be > 0");
}

}  // namespace

model::Scenario ReadScenario(const std::filesystem::path& path) {
  std::vector<std::string> chain;
  return ReadScenarioFile(path, chain);
}

Study ReadStudy(const std::filesystem::path& path) {
  Study s;
  s.source_text = ReadInputText<ScenarioError>(path, "study file");
  Context c(path);
  toml::table t = c.Parse(s.source_text);
  c.CheckKeys(t,
              {"name", "description", "data", "variant", "output", "scenarios", "paths", "solver",
               "analysis"},
              "a study");
  auto base = path.parent_path();
  s.name = RequiredString(c, t, "name");
  s.description = c.String(t, "description").value_or("");
  s.data = base / RequiredString(c, t, "data");
  s.variant = c.String(t, "variant").value_or("");
  s.output = c.String(t, "output").value_or("results/" + s.name + ".h5");
  for (const auto& sc : c.Strings(t, "scenarios")) s.scenarios.push_back(base / sc);
  for (const auto& p : c.Strings(t, "paths")) s.paths.push_back(base / p);
  if (s.scenarios.empty() && s.paths.empty()) c.Fail("a study needs at least one scenario or path");
  if (const toml::table* solver = c.Table(t, "solver")) ReadSolver(c, *solver, s);
  if (const toml::table* analysis = c.Table(t, "analysis")) s.roles = ReadRoles(c, *analysis);
  return s;
}

}  // namespace peninsula::io
