// Checks the AD Jacobian against central finite differences, row by row, and names the
// worst (equation, variable) pair and the worst error of each equation block.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/equation_system.hpp"

namespace peninsula::model {

struct DerivativeMismatch {
  std::string equation;
  std::string variable;
  double ad = 0.0;
  double finite_difference = 0.0;
  double error = 0.0;  // |ad − fd| / max(1, |fd|)
};

struct DerivativeReport {
  DerivativeMismatch worst;
  std::map<std::string, double> worst_by_block;
  int entries_checked = 0;
  // Structural check: a finite-difference derivative above the noise level in a position
  // the sparsity pattern omits.
  int missing_entries = 0;
};

DerivativeReport CheckDerivatives(const EquationSystem& system, const std::vector<double>& x_full,
                                  double relative_step = 1e-6);

}  // namespace peninsula::model
