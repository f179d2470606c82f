// The general solver path: the square system F(y) = 0 handed to Ipopt as a feasibility
// problem (constant objective, g_l = g_u = 0), with variable and equation names.
#pragma once

#include <vector>

#include "model/equation_system.hpp"
#include "solver/status.hpp"

namespace peninsula::solver {

struct IpoptOptions {
  double tolerance = 1e-10;
  int max_iterations = 500;
  double max_seconds = 600.0;
  int print_level = 0;
  std::string linear_solver = "mumps";

  void Validate() const;
};

// Square systems as a feasibility problem; with complementarity pairs, the MPCC penalty form
// (solver/ipopt_mpcc.hpp).
SolveSummary SolveIpopt(const model::EquationSystem& system, std::vector<double>& x_full,
                        const IpoptOptions& options = {});

}  // namespace peninsula::solver
