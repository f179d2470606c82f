// Ipopt's return codes as solver statuses, shared by every Ipopt-based solver in solver/.
#pragma once

#include <IpReturnCodes.hpp>

#include "solver/status.hpp"

namespace peninsula::solver {

// `feasibility_only`: for a square system any feasible point is the solution, so Ipopt's
// Feasible_Point_Found counts as converged; for an optimisation it does not.
SolveStatus FromIpopt(Ipopt::ApplicationReturnStatus status, bool feasibility_only);

}  // namespace peninsula::solver
