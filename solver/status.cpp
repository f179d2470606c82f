// Solver status names and exit codes.
#include "solver/status.hpp"

namespace peninsula::solver {

std::string StatusName(SolveStatus status) {
  switch (status) {
    case SolveStatus::kConverged:
      return "converged";
    case SolveStatus::kIterationLimit:
      return "iteration_limit";
    case SolveStatus::kTimeLimit:
      return "time_limit";
    case SolveStatus::kLineSearchFailed:
      return "line_search_failed";
    case SolveStatus::kSingularJacobian:
      return "singular_jacobian";
    case SolveStatus::kEvaluationError:
      return "evaluation_error";
    case SolveStatus::kSolverFailure:
      return "solver_failure";
    case SolveStatus::kWalrasViolated:
      return "walras_violated";
  }
  return "unknown";
}

int ExitCode(SolveStatus status) {
  switch (status) {
    case SolveStatus::kConverged:
      return 0;
    case SolveStatus::kIterationLimit:
      return 10;
    case SolveStatus::kTimeLimit:
      return 11;
    case SolveStatus::kLineSearchFailed:
      return 12;
    case SolveStatus::kSingularJacobian:
      return 13;
    case SolveStatus::kEvaluationError:
      return 14;
    case SolveStatus::kSolverFailure:
      return 15;
    case SolveStatus::kWalrasViolated:
      return 16;
  }
  return 15;
}

}  // namespace peninsula::solver
