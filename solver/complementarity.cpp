// Fischer–Burmeister reformulation of complementarity pairs.
#include "solver/complementarity.hpp"

#include <algorithm>
#include <cmath>

namespace peninsula::solver {
namespace {

// ∂φ/∂a and ∂φ/∂b.
std::pair<double, double> Gradient(double a, double b) {
  double r = std::hypot(a, b);
  if (r == 0.0) return {1.0 - M_SQRT1_2, 1.0 - M_SQRT1_2};
  return {1.0 - a / r, 1.0 - b / r};
}

}  // namespace

void ApplyFischerBurmeister(const model::EquationSystem& system, const double* y, double* f) {
  if (!system.has_complementarity()) return;
  for (int r = 0; r < system.rows(); ++r) {
    int c = system.complement_col(r);
    if (c >= 0) f[r] = y[c] + f[r] - std::hypot(y[c], f[r]);
  }
}

void FischerBurmeisterJacobian(const model::EquationSystem& system, const double* y,
                               const double* raw, double* values) {
  if (!system.has_complementarity()) return;
  for (int r = 0; r < system.rows(); ++r) {
    int c = system.complement_col(r);
    if (c < 0) continue;
    auto [da, db] = Gradient(y[c], raw[r]);
    for (int k = system.row_start()[r]; k < system.row_start()[r + 1]; ++k) {
      values[k] *= db;
      if (system.col_index()[k] == c) values[k] += da;
    }
  }
}

double ComplementarityResidual(const model::EquationSystem& system, const double* y,
                               const double* raw) {
  double worst = 0.0;
  for (int r = 0; r < system.rows(); ++r) {
    int c = system.complement_col(r);
    if (c >= 0) worst = std::max(worst, std::abs(std::min(y[c], raw[r])));
  }
  return worst;
}

}  // namespace peninsula::solver
