// Ipopt's return codes as solver statuses, shared by every Ipopt-based solver in solver/.
#pragma once

#include <IpOptionsList.hpp>
#include <IpReturnCodes.hpp>

#include "solver/ipopt_solver.hpp"
#include "solver/status.hpp"

namespace peninsula::solver {

// `feasibility_only`: for a square system any feasible point is the solution, so Ipopt's
// Feasible_Point_Found counts as converged; for an optimisation it does not.
SolveStatus FromIpopt(Ipopt::ApplicationReturnStatus status, bool feasibility_only);

// The options every Peninsula Ipopt solve shares (tolerances, limits, no scaling, no bound
// relaxation, the linear solver).
void SetIpoptOptions(Ipopt::OptionsList& list, const IpoptOptions& options);

}  // namespace peninsula::solver
