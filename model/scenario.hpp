// Scenarios: parameter and exogenous-variable shocks addressed by labels with wildcards,
// and the closure (numeraire, dropped equation, fixed/freed variables). Resolved against a
// model into a ShockPlan that can be applied at any fraction t of its size, which is what
// the homotopy steps through.
#pragma once

#include <string>
#include <vector>

#include "model/equation_system.hpp"
#include "model/model.hpp"

namespace peninsula::model {

enum class ShockMode { kScale, kSet, kAdd };

struct ShockSpec {
  std::string target;              // parameter (tm, tfp, ...) or fixed variable (QF, ...)
  std::vector<std::string> index;  // labels or "*", one per dimension
  ShockMode mode = ShockMode::kScale;
  double value = 1.0;
  std::string rent_to;  // quota shocks: "exporter" (default) or "importer"
  std::string origin;   // "file:line" for error messages
};

struct ClosureSpec {
  std::string numeraire;  // variable label, e.g. "PF(KOR,LAB_U)"; empty: default
  double numeraire_value = 1.0;
  std::string walras_equation;     // equation label; empty: default
  std::vector<std::string> fix;    // variable patterns made exogenous
  std::vector<std::string> unfix;  // variable patterns made endogenous
};

// One step of a scenario path: the shocks one scenario adds to the state it starts from.
struct Phase {
  std::string name;    // the scenario contributing the step
  std::string origin;  // its file; two steps from the same file are the same step
  std::vector<ShockSpec> shocks;
  bool reported = false;  // its equilibrium is kept as an intermediate result
};

// A scenario is a path of steps solved in sequence, each warm-started from the last and with
// its shocks resolved against the state the last one left: first `before` (from `extends`
// and `phases` in the scenario file), then the scenario's own `shocks`.
struct Scenario {
  std::string name;
  std::string description;
  std::string source_text;  // the scenario file as written, for provenance
  std::string origin;       // file path
  ClosureSpec closure;
  std::vector<ShockSpec> shocks;
  std::vector<Phase> before;

  // Every step in order, the scenario's own shocks last.
  std::vector<Phase> Steps() const;
};

class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Names of shockable parameters and their dimension sets, for documentation and errors.
std::vector<std::pair<std::string, std::vector<std::string>>> ShockableParameterNames();

struct ShockTarget {
  double* parameter = nullptr;  // into model.data().p, or
  int variable = -1;            // a fixed variable's global position
  double base = 0.0;
  double target = 0.0;
};

struct ClosurePlan {
  std::vector<bool> fixed;
  int numeraire = -1;
  double numeraire_value = 1.0;
  RowRef walras;
};

class ShockPlan {
 public:
  // Resolves every shock against the model; throws ScenarioError naming the scenario file,
  // the shock and the label that matched nothing or the value that is out of range.
  // `fixed` is the closure's exogenous set: only those variables can be shocked.
  ShockPlan(Model& model, const Scenario& scenario, const std::vector<double>& base_point,
            const std::vector<bool>& fixed);
  // Sets parameters and fixed variables to base + t·(target − base).
  void Apply(double t, std::vector<double>& x_full) const;
  const std::vector<ShockTarget>& targets() const { return targets_; }

 private:
  std::vector<ShockTarget> targets_;
};

// The complementarity instruments (quotas, wage floors) a set of scenarios will shock, for
// building the model that solves them; throws ScenarioError for a quota or floor that can
// exist nowhere (no such flow, not a mobile factor) or for conflicting rent recipients.
Instruments CollectInstruments(const ModelData& data, const std::vector<Scenario>& scenarios);

// Resolves the closure: the model's exogenous variables, plus the numeraire, plus fixes and
// minus unfixes; the dropped equation. Also rebuilds the model's equations for the numeraire.
ClosurePlan ResolveClosure(Model& model, const ClosureSpec& closure, const std::string& origin);

}  // namespace peninsula::model
