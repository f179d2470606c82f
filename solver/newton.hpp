// The fast path for smooth square systems: Newton's method on the exact sparse Jacobian
// with a sparse direct LU and a backtracking (Armijo) line search on ½‖F‖².
#pragma once

#include <vector>

#include "model/equation_system.hpp"
#include "solver/sparse_lu.hpp"
#include "solver/status.hpp"

namespace peninsula::solver {

struct NewtonOptions {
  double tolerance = 1e-10;   // max scaled residual
  int max_iterations = 50;
  double max_seconds = 600.0;
  double armijo = 1e-4;
  double min_step = 1e-10;
  bool polish = true;         // one extra Newton step after convergence (docs/model.md)
  LinearSolverKind linear_solver = LinearSolverKind::kUmfpack;

  // Throws std::invalid_argument naming the offending option.
  void Validate() const;
};

// Solves from `x_full` (fixed variables keep their values) and overwrites it with the last
// iterate. The summary says whether it converged.
SolveSummary SolveNewton(const model::EquationSystem& system, std::vector<double>& x_full,
                         const NewtonOptions& options = {});

}  // namespace peninsula::solver
