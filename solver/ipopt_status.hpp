// Ipopt's return codes as solver statuses, shared by every Ipopt-based solver in solver/.
#pragma once

#include <IpIpoptApplication.hpp>
#include <IpOptionsList.hpp>
#include <IpTNLP.hpp>
#include <chrono>
#include <string>
#include <vector>
#include <IpReturnCodes.hpp>

#include "model/equation_system.hpp"
#include "solver/ipopt_solver.hpp"
#include "solver/status.hpp"

namespace peninsula::solver {

// `feasibility_only`: for a square system any feasible point is the solution, so Ipopt's
// Feasible_Point_Found counts as converged; for an optimisation it does not.
SolveStatus FromIpopt(Ipopt::ApplicationReturnStatus status, bool feasibility_only);

// The options every Peninsula Ipopt solve shares (tolerances, limits, no scaling, no bound
// relaxation, the linear solver).
void SetIpoptOptions(Ipopt::OptionsList& list, const IpoptOptions& options);

// Runs an initialised application on `nlp` (which writes its point into `x_full`) and
// summarises the outcome under `solver_name`: status, iterations, time since `start`, and the
// residual diagnostics of `system` at the point it left.
SolveSummary RunIpopt(Ipopt::IpoptApplication& app, const Ipopt::SmartPtr<Ipopt::TNLP>& nlp,
                      const std::string& solver_name, bool feasibility_only,
                      const model::EquationSystem& system, const std::vector<double>& x_full,
                      std::chrono::steady_clock::time_point start);

}  // namespace peninsula::solver
