// Exact decompositions of a scenario's welfare effect by re-solving the model: the Shapley
// value over the scenario's shock groups (technology, trade policy, endowments and capital
// flows, other) and over the phases of a phased scenario (docs/analysis.md). A component is a
// set of cell assignments (parameter cells and exogenous variables); a coalition applies its
// components' assignments in order and is solved from the reference state.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/equation_system.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "solver/solve.hpp"

namespace peninsula::app::analysis {

// One state of the model: parameters and the full variable vector.
struct Point {
  const model::ShockableParameters* p = nullptr;
  const std::vector<double>* x = nullptr;
};

// Sets one parameter cell or one exogenous variable to a value, by label.
struct Change {
  std::string target;
  std::vector<std::string> index;
  double value = 0.0;
  std::string rent_to;  // quota cells: who collects the rent, as the model carries it
  double from = 0.0;    // Differences: the value in the state the change starts from
};

// The shock group of a change: technology, trade_policy, endowments_capital or other.
std::string GroupOf(const Change& change);

// One solved state on a path from a reference: its parameters and full variable vector.
struct PathNode {
  model::ShockableParameters p;
  std::vector<double> x;
};

// Solves the model under one closure from any state with changes applied.
class Resolver {
 public:
  // Builds its own model from `data` (which is copied), so the caller's model is untouched.
  // Throws model::ScenarioError if the closure does not fit.
  Resolver(const model::ModelData& data, const model::ClosureSpec& closure,
           const solver::SolveOptions& options);
  ~Resolver();

  // Every parameter cell and exogenous variable (except the numeraire) that differs.
  std::vector<Change> Differences(const Point& from, const Point& to) const;
  // The equilibrium from `base` with `changes` applied in order; nullopt if it fails.
  std::optional<std::vector<double>> Solve(const Point& base, const std::vector<Change>& changes);
  // The equilibrium from the solved state `from` with `changes` set and the numeraire moved
  // to `numeraire`; nullopt if it fails. Newton starts from `guess` if given (a prediction
  // along a path), and from `from` with the usual fallbacks if that fails. Successive calls
  // share Newton's factorisations.
  std::optional<PathNode> SolveAt(const PathNode& from, const std::vector<Change>& changes,
                                  double numeraire, const std::vector<double>* guess = nullptr);
  const model::Model& model() const { return *model_; }
  // Chord steps start from `held` (kept alive here) until the resolver factorises on its own;
  // ignored if it was made for another Jacobian pattern.
  void UseFactorization(solver::HeldFactorization held);
  // The global position of the numeraire, whose level is the world-currency unit W in
  // multi-region mode (docs/model.md §4).
  int numeraire() const { return closure_.numeraire; }
  double numeraire_value() const { return closure_.numeraire_value; }

 private:
  std::unique_ptr<model::Model> model_;
  model::ClosurePlan closure_;
  std::unique_ptr<model::EquationSystem> system_;
  solver::SolveOptions options_;
  // Kept across coalitions and path steps: the symbolic analysis once, the last
  // factorisation for chord steps.
  std::unique_ptr<solver::NewtonWorkspace> workspace_;
  solver::HeldFactorization held_;
};

struct Component {
  std::string name;
  std::vector<Change> changes;
};

struct Decomposition {
  std::vector<std::string> components;
  std::vector<std::vector<double>> ev;  // [component][region], Shapley values
  std::string note;                     // why the decomposition is absent, if it is
};

// Shapley decomposition of the equivalent variation of every region (against the reference
// state `reference`) over `components`. `ev_total` is the scenario's own EV: the coalition
// of all components must reproduce it, or the decomposition is refused with a note.
Decomposition DecomposeWelfare(Resolver& resolver, const Point& reference,
                               const std::vector<Component>& components,
                               const std::vector<double>& ev_total);

// Splits the changes from `from` to `to` into the non-empty shock groups, in a fixed order.
std::vector<Component> ShockGroups(const Resolver& resolver, const Point& from, const Point& to);

}  // namespace peninsula::app::analysis
