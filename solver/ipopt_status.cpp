// Ipopt return codes to statuses. Callers still check residuals themselves: Ipopt's
// tolerances are on its internally scaled problem.
#include "solver/ipopt_status.hpp"

namespace peninsula::solver {

SolveStatus FromIpopt(Ipopt::ApplicationReturnStatus status, bool feasibility_only) {
  switch (status) {
    case Ipopt::Solve_Succeeded:
    case Ipopt::Solved_To_Acceptable_Level:
      return SolveStatus::kConverged;
    case Ipopt::Feasible_Point_Found:
      return feasibility_only ? SolveStatus::kConverged : SolveStatus::kSolverFailure;
    case Ipopt::Maximum_Iterations_Exceeded:
      return SolveStatus::kIterationLimit;
    case Ipopt::Maximum_CpuTime_Exceeded:
      return SolveStatus::kTimeLimit;
    case Ipopt::Invalid_Number_Detected:
      return SolveStatus::kEvaluationError;
    case Ipopt::Restoration_Failed:
    case Ipopt::Error_In_Step_Computation:
      return SolveStatus::kLineSearchFailed;
    default:  // Infeasible_Problem_Detected, Not_Enough_Degrees_Of_Freedom, ...
      return SolveStatus::kSolverFailure;
  }
}

}  // namespace peninsula::solver
