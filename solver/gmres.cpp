// Right-preconditioned GMRES: Arnoldi with modified Gram–Schmidt, Givens rotations for the
// least-squares problem (Saad, "Iterative Methods for Sparse Linear Systems", §6.5, §9.3).
#include "solver/gmres.hpp"

#include <cmath>

namespace peninsula::solver {
namespace {

double Dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (std::size_t k = 0; k < a.size(); ++k) s += a[k] * b[k];
  return s;
}

// The rotation that zeroes b in (a, b).
void Givens(double a, double b, double& c, double& s) {
  double r = std::hypot(a, b);
  c = r > 0 ? a / r : 1.0;
  s = r > 0 ? b / r : 0.0;
}

// x = Σ y_i·Z_i (Z_i = M⁻¹·V_i) with y from the triangular system R·y = g of the first k
// columns.
void Assemble(const std::vector<std::vector<double>>& h, const std::vector<double>& g,
              const std::vector<std::vector<double>>& z, int k, std::vector<double>& x) {
  std::vector<double> y(k);
  for (int i = k - 1; i >= 0; --i) {
    double s = g[i];
    for (int j = i + 1; j < k; ++j) s -= h[i][j] * y[j];
    y[i] = s / h[i][i];
  }
  x.assign(z[0].size(), 0.0);
  for (int i = 0; i < k; ++i) {
    for (std::size_t r = 0; r < x.size(); ++r) x[r] += y[i] * z[i][r];
  }
}

}  // namespace

bool Gmres(const LinearMap& apply, const Preconditioner& precondition, const std::vector<double>& b,
           std::vector<double>& x, int max_iterations, double relative_tolerance,
           const std::vector<double>* preconditioned_b) {
  double beta = std::sqrt(Dot(b, b));
  x.assign(b.size(), 0.0);
  if (!(beta > 0)) return beta == 0;
  std::vector<std::vector<double>> v(1, b), z,
      h(max_iterations, std::vector<double>(max_iterations));
  for (double& e : v[0]) e /= beta;
  std::vector<double> g(max_iterations + 1, 0.0), cs(max_iterations), sn(max_iterations), w;
  g[0] = beta;
  int k = 0;
  bool converged = false;
  while (k < max_iterations && !converged) {
    if (k == 0 && preconditioned_b) {
      z.push_back(*preconditioned_b);
      for (double& e : z[0]) e /= beta;
    } else {
      z.push_back(v[k]);
      if (!precondition(z[k])) return false;
    }
    apply(z[k], w);
    for (int i = 0; i <= k; ++i) {
      h[i][k] = Dot(w, v[i]);
      for (std::size_t r = 0; r < w.size(); ++r) w[r] -= h[i][k] * v[i][r];
    }
    double next = std::sqrt(Dot(w, w));
    for (int i = 0; i < k; ++i) {  // earlier rotations on the new column
      double a = h[i][k], c = h[i + 1][k];
      h[i][k] = cs[i] * a + sn[i] * c;
      h[i + 1][k] = -sn[i] * a + cs[i] * c;
    }
    Givens(h[k][k], next, cs[k], sn[k]);
    h[k][k] = cs[k] * h[k][k] + sn[k] * next;
    g[k + 1] = -sn[k] * g[k];
    g[k] *= cs[k];
    ++k;
    converged = std::abs(g[k]) <= relative_tolerance * beta;
    if (!std::isfinite(g[k]) || !(h[k - 1][k - 1] != 0)) return false;
    if (!converged && next > 0) {
      for (double& e : w) e /= next;
      v.push_back(w);
    } else if (!converged) {
      converged = true;  // an invariant subspace: the solution is exact
    }
  }
  Assemble(h, g, z, k, x);
  return converged;
}

}  // namespace peninsula::solver
