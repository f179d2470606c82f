// Residual diagnostics shared by every solver path: the worst equations by name, the
// largest residual per block, and the Walras check on the dropped equation.
#pragma once

#include <vector>

#include "model/equation_system.hpp"
#include "solver/status.hpp"

namespace peninsula::solver {

// Fills max_residual, worst (up to `count`), max_residual_by_block and walras_residual.
void Diagnose(const model::EquationSystem& system, const std::vector<double>& x_full,
              SolveSummary& summary, int count = 5);

}  // namespace peninsula::solver
