// Complementarity on the Ipopt path: the MPCC penalty form (Leyffer, López-Calva and
// Nocedal). Each pair F_r(y) ≥ 0 ⊥ v_r ≥ 0 gets a slack w_r = F_r(y) ≥ 0 with v_r ≥ 0, every
// other row stays an equality, and Ipopt minimises Σ_r v_r·w_r. complementarity-experiments.md
// measured that this needs bound_relax_factor = 0 and tight tolerances, and that a Newton
// polish on the regime Ipopt finds brings it to full accuracy (solver/solve.cpp does that).
#pragma once

#include <vector>

#include "model/equation_system.hpp"
#include "solver/ipopt_solver.hpp"
#include "solver/status.hpp"

namespace peninsula::solver {

SolveSummary SolveIpoptMpcc(const model::EquationSystem& system, std::vector<double>& x_full,
                            const IpoptOptions& options);

}  // namespace peninsula::solver
