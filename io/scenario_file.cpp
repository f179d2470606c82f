// Scenario and study files.
#include "io/scenario_file.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

namespace peninsula::io {
namespace {

using model::ScenarioError;

std::string ReadText(const std::filesystem::path& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path.string() + ": cannot open " + what + " file");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

toml::table Parse(const std::string& text, const std::filesystem::path& path) {
  try {
    return toml::parse(text, path.string());
  } catch (const toml::parse_error& e) {
    throw ScenarioError(path.string() + ":" + std::to_string(e.source().begin.line) + ": " +
                        std::string(e.description()));
  }
}

std::string Where(const std::filesystem::path& path, const toml::node& node) {
  return path.string() + ":" + std::to_string(node.source().begin.line);
}

// Rejects keys the format does not know, so a typo is an error and not a silent default.
void CheckKeys(const toml::table& table, const std::set<std::string>& known,
               const std::filesystem::path& path, const std::string& context) {
  for (const auto& [key, node] : table) {
    if (!known.count(std::string(key.str()))) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw ScenarioError(Where(path, node) + ": unknown key '" + std::string(key.str()) + "' in " +
                          context + " (expected one of: " + list + ")");
    }
  }
}

std::string RequireString(const toml::table& t, const char* key,
                          const std::filesystem::path& path) {
  auto v = t[key].value<std::string>();
  if (!v) throw ScenarioError(path.string() + ": missing string '" + key + "'");
  return *v;
}

std::vector<std::string> StringList(const toml::node* node, const std::filesystem::path& path,
                                    const char* key) {
  std::vector<std::string> out;
  if (!node) return out;
  const toml::array* arr = node->as_array();
  if (!arr) throw ScenarioError(Where(path, *node) + ": '" + key + "' must be a list of strings");
  for (const auto& item : *arr) {
    auto s = item.value<std::string>();
    if (!s) throw ScenarioError(Where(path, item) + ": '" + key + "' must hold strings only");
    out.push_back(*s);
  }
  return out;
}

model::ShockSpec ReadShock(const toml::table& t, const std::filesystem::path& path) {
  CheckKeys(t, {"target", "index", "scale", "set", "add", "rent_to", "note"}, path, "[[shock]]");
  model::ShockSpec s;
  s.origin = Where(path, t);
  auto target = t["target"].value<std::string>();
  if (!target)
    throw ScenarioError(s.origin + ": shock lacks 'target' (a parameter or variable name)");
  s.target = *target;
  s.index = StringList(t["index"].node(), path, "index");
  int modes = 0;
  for (auto [key, mode] :
       {std::pair{"scale", model::ShockMode::kScale}, std::pair{"set", model::ShockMode::kSet},
        std::pair{"add", model::ShockMode::kAdd}}) {
    if (!t.contains(key)) continue;
    auto v = t[key].value<double>();
    if (!v) throw ScenarioError(s.origin + ": '" + key + "' must be a number");
    s.mode = mode;
    s.value = *v;
    ++modes;
  }
  if (modes != 1)
    throw ScenarioError(s.origin + ": a shock needs exactly one of scale, set or add");
  if (t.contains("rent_to")) {
    auto who = t["rent_to"].value<std::string>();
    if (!who || s.target != "quota") {
      throw ScenarioError(s.origin + ": 'rent_to' is a string on quota shocks only");
    }
    s.rent_to = *who;
  }
  return s;
}

model::ClosureSpec ReadClosure(const toml::table* t, const std::filesystem::path& path) {
  model::ClosureSpec c;
  if (!t) return c;
  CheckKeys(*t, {"numeraire", "numeraire_value", "walras", "fix", "unfix"}, path, "[closure]");
  c.numeraire = (*t)["numeraire"].value_or(std::string());
  c.numeraire_value = (*t)["numeraire_value"].value_or(1.0);
  c.walras_equation = (*t)["walras"].value_or(std::string());
  c.fix = StringList((*t)["fix"].node(), path, "fix");
  c.unfix = StringList((*t)["unfix"].node(), path, "unfix");
  return c;
}

}  // namespace

namespace {

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

bool SameFile(const std::string& a, const std::string& b) {
  return std::filesystem::weakly_canonical(a) == std::filesystem::weakly_canonical(b);
}

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

void ReadComposition(const toml::table& t, const std::filesystem::path& path,
                     std::vector<std::string>& chain, model::Scenario& s) {
  bool have_closure = t.contains("closure");
  if (t.contains("extends")) {
    auto parent_file = t["extends"].value<std::string>();
    if (!parent_file) {
      throw ScenarioError(Where(path, *t["extends"].node()) +
                          ": 'extends' must be a scenario file name");
    }
    model::Scenario parent = ReadScenarioFile(path.parent_path() / *parent_file, chain);
    AppendSteps(s, parent, false);
    InheritClosure(s, parent, have_closure, path.string());
  }
  for (const auto& file : StringList(t["phases"].node(), path, "phases")) {
    model::Scenario phase = ReadScenarioFile(path.parent_path() / file, chain);
    AppendSteps(s, phase, true);
    InheritClosure(s, phase, have_closure, path.string());
  }
}

model::Scenario ReadScenarioFile(const std::filesystem::path& path,
                                 std::vector<std::string>& chain) {
  std::string identity = std::filesystem::weakly_canonical(path).string();
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
  s.source_text = ReadText(path, "scenario");
  s.origin = path.string();
  toml::table t = Parse(s.source_text, path);
  CheckKeys(t, {"name", "description", "closure", "shock", "extends", "phases"}, path,
            "a scenario");
  s.name = RequireString(t, "name", path);
  if (s.name.empty() || s.name.find_first_of("/ ") != std::string::npos) {
    throw ScenarioError(path.string() + ": scenario name '" + s.name +
                        "' must be non-empty without '/' or spaces");
  }
  s.description = t["description"].value_or(std::string());
  s.closure = ReadClosure(t["closure"].as_table(), path);
  if (auto* shocks = t["shock"].as_array()) {
    for (const auto& node : *shocks) {
      const toml::table* st = node.as_table();
      if (!st) throw ScenarioError(Where(path, node) + ": [[shock]] entries must be tables");
      s.shocks.push_back(ReadShock(*st, path));
    }
  } else if (t.contains("shock")) {
    throw ScenarioError(Where(path, *t["shock"].node()) + ": write shocks as [[shock]] tables");
  }
  ReadComposition(t, path, chain, s);
  chain.pop_back();
  return s;
}

std::string RoleLabel(const toml::node& node, const std::filesystem::path& path,
                      const std::string& key) {
  auto v = node.value<std::string>();
  if (!v || v->empty()) {
    throw ScenarioError(Where(path, node) + ": [analysis] " + key + " must be a region label");
  }
  return *v;
}

AnalysisRoles ReadRoles(const toml::node* node, const std::filesystem::path& path) {
  const toml::table* t = node->as_table();
  if (!t) throw ScenarioError(Where(path, *node) + ": 'analysis' must be a table");
  CheckKeys(*t, {"home", "partner", "comparators"}, path, "[analysis]");
  AnalysisRoles roles;
  auto given = [&](const toml::node& n, const std::string& key) {
    std::string label = RoleLabel(n, path, key);
    roles.given.push_back({label, Where(path, n) + ": [analysis] " + key});
    return label;
  };
  if (auto* n = t->get("home")) roles.home = given(*n, "home");
  if (auto* n = t->get("partner")) roles.partner = given(*n, "partner");
  if (auto* n = t->get("comparators")) {
    const toml::array* list = n->as_array();
    if (!list) throw ScenarioError(Where(path, *n) + ": [analysis] comparators must be a list");
    roles.comparators.clear();
    for (const auto& item : *list) roles.comparators.push_back(given(item, "comparators"));
  }
  if (roles.home == roles.partner) {
    throw ScenarioError(path.string() + ": [analysis] home and partner are both '" + roles.home +
                        "'");
  }
  return roles;
}

}  // namespace

model::Scenario ReadScenario(const std::filesystem::path& path) {
  std::vector<std::string> chain;
  return ReadScenarioFile(path, chain);
}

Study ReadStudy(const std::filesystem::path& path) {
  Study s;
  s.source_text = ReadText(path, "study");
  toml::table t = Parse(s.source_text, path);
  CheckKeys(t,
            {"name", "description", "data", "variant", "output", "scenarios", "paths", "solver",
             "analysis"},
            path, "a study");
  auto base = path.parent_path();
  s.name = RequireString(t, "name", path);
  s.description = t["description"].value_or(std::string());
  s.data = base / RequireString(t, "data", path);
  if (t.contains("variant")) s.variant = RequireString(t, "variant", path);
  s.output = t["output"].value_or("results/" + s.name + ".h5");
  for (const auto& sc : StringList(t["scenarios"].node(), path, "scenarios")) {
    s.scenarios.push_back(base / sc);
  }
  for (const auto& p : StringList(t["paths"].node(), path, "paths")) s.paths.push_back(base / p);
  if (s.scenarios.empty() && s.paths.empty())
    throw ScenarioError(path.string() + ": a study needs at least one scenario or path");
  if (auto* solver = t["solver"].as_table()) {
    CheckKeys(*solver, {"method", "tolerance", "max_seconds"}, path, "[solver]");
    s.solver_method = (*solver)["method"].value_or(std::string("auto"));
    s.tolerance = (*solver)["tolerance"].value_or(1e-10);
    s.max_seconds = (*solver)["max_seconds"].value_or(600.0);
    if (!(s.max_seconds > 0)) {
      throw ScenarioError(Where(path, *solver) + ": [solver] max_seconds must be > 0");
    }
  }
  if (t.contains("analysis")) s.roles = ReadRoles(t["analysis"].node(), path);
  return s;
}

}  // namespace peninsula::io
