// Complementarity on the Newton path: each pair F_r(x) >= 0 ⊥ y_c >= 0 is replaced by the
// Fischer–Burmeister equation φ(y_c, F_r) = y_c + F_r − √(y_c² + F_r²) = 0, which holds
// exactly when y_c >= 0, F_r >= 0 and y_c·F_r = 0, and Newton's method is run semismoothly
// on the result (μ = 0; complementarity-experiments.md measured it the most reliable option).
#pragma once

#include "model/equation_system.hpp"

namespace peninsula::solver {

// f holds the system's scaled residuals at y; rows of complementarity pairs become φ.
void ApplyFischerBurmeister(const model::EquationSystem& system, const double* y, double* f);

// CSR Jacobian values of F at y (with `raw` the untransformed residuals there) become those
// of the transformed system: an element of the generalised Jacobian of φ, with the
// derivative at the kink (0, 0) taken along (1, 1), i.e. 1 − 1/√2 for both arguments.
void FischerBurmeisterJacobian(const model::EquationSystem& system, const double* y,
                               const double* raw, double* values);

// max over pairs of |min(y_c, F_r)|: zero exactly at a complementary solution.
double ComplementarityResidual(const model::EquationSystem& system, const double* y,
                               const double* raw);

}  // namespace peninsula::solver
