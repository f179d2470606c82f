// Solver outcomes. A solve never throws for an economic or numerical outcome: it returns a
// status and a summary, and only kConverged may be written as an equilibrium.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace peninsula::solver {

enum class SolveStatus {
  kConverged,
  kIterationLimit,
  kTimeLimit,
  kLineSearchFailed,  // no step reduced the residual
  kSingularJacobian,
  kEvaluationError,  // NaN or Inf in a residual or derivative (e.g. a negative base)
  kSolverFailure,    // any other failure reported by the underlying solver
  kWalrasViolated,   // the active equations hold but the dropped one does not: the shocked
                     // model is inconsistent (e.g. world foreign savings do not net to zero)
};

std::string StatusName(SolveStatus status);
// Process exit code for a failed solve (docs/cli.md); 0 for kConverged.
int ExitCode(SolveStatus status);

struct ResidualEntry {
  std::string equation;
  double residual = 0.0;
};

struct SolveSummary {
  SolveStatus status = SolveStatus::kSolverFailure;
  std::string solver;  // "newton", "ipopt", "newton+homotopy", ...
  int iterations = 0;
  int factorizations = 0;                 // numeric LU factorisations (Newton path)
  double max_residual = 0.0;              // scaled, over the active equations
  double walras_residual = 0.0;           // scaled residual of the dropped equation
  double complementarity_residual = 0.0;  // max |min(v, F)| over complementarity pairs
  double seconds = 0.0;
  int homotopy_steps = 0;            // 0: solved directly
  std::vector<ResidualEntry> worst;  // largest residuals, by name
  std::vector<std::pair<std::string, double>> max_residual_by_block;
  std::string message;

  bool converged() const { return status == SolveStatus::kConverged; }
};

}  // namespace peninsula::solver
