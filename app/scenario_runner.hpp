// Solving the same scenarios many times on one model whose parameter values change between
// solves (batch draws): every distinct closure's equation system and Newton workspace
// (sparsity pattern, row scales, symbolic LU analysis) are built once, and each scenario's
// solution under the parameters the runner was made with (the central solution), with a
// factorisation of the Jacobian there, is kept as the warm start of later solves.
//
// Reproducibility: a solve starts from a state that depends only on the construction and the
// model's current parameter values, never on earlier solves (the working factorisation is
// dropped before every solve; the central ones never change), so results are the same in
// any order of solves: one process or many, first or resumed run.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "app/runner.hpp"
#include "model/equation_system.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "solver/newton.hpp"
#include "solver/solve.hpp"

namespace peninsula::app {

class ScenarioRunner {
 public:
  // Resolves every scenario's closure against `model` (not owned; it must outlive the runner,
  // and only parameter values in model.data() may change, never its structure), builds the
  // systems and solves the central solutions. Throws model::ScenarioError as RunScenario.
  ScenarioRunner(model::Model& model, std::vector<model::Scenario> scenarios,
                 const solver::SolveOptions& options);
  ~ScenarioRunner();
  ScenarioRunner(const ScenarioRunner&) = delete;
  ScenarioRunner& operator=(const ScenarioRunner&) = delete;

  // Solves scenario k — or `variant`, scenario k with other shock values (same closure and
  // steps) — under the model's current parameter values. Each step starts from the central
  // solution when that leaves a smaller residual than the state the step starts from, with
  // Newton only, chord steps on the central factorisation; if that fails it is solved
  // as RunScenario would (from the step's start, Ipopt fallback and homotopy). Never throws
  // for solver outcomes.
  io::ScenarioOutcome Run(std::size_t k, const model::Scenario& variant);
  io::ScenarioOutcome Run(std::size_t k) { return Run(k, scenarios_[k]); }

  std::size_t size() const { return scenarios_.size(); }
  // The central solution of scenario k (converged or not), as Run returned it.
  const io::ScenarioOutcome& central(std::size_t k) const;

 private:
  struct System;
  struct WarmStart;
  struct Slot;

  int SystemFor(const model::ClosurePlan& closure);
  System& Activate(int system);
  solver::SolveSummary SolveStep(Slot& slot, std::size_t step, std::vector<double>& x,
                                 const solver::ShockSetter& set_shock);
  solver::SolveSummary SolveWarm(System& system, WarmStart& warm, std::vector<double>& x,
                                 const solver::ShockSetter& set_shock, bool& attempted);
  io::ScenarioOutcome RunPath(std::size_t k, const model::Scenario& scenario);

  model::Model& model_;
  std::vector<model::Scenario> scenarios_;
  solver::SolveOptions options_;
  std::vector<std::unique_ptr<System>> systems_;
  std::vector<Slot> slots_;
  bool recording_ = false;  // while solving the central solutions
};

}  // namespace peninsula::app
