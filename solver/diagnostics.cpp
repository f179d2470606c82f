// Residual diagnostics.
#include "solver/diagnostics.hpp"

#include "solver/complementarity.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace peninsula::solver {

void Diagnose(const model::EquationSystem& system, const std::vector<double>& x_full,
              SolveSummary& summary, int count) {
  int m = system.rows();
  std::vector<double> f(m), y(system.cols());
  system.Residuals(x_full.data(), f.data());
  system.Gather(x_full.data(), y.data());
  summary.complementarity_residual = ComplementarityResidual(system, y.data(), f.data());
  // A complementarity row may hold with F > 0; what must vanish is min(v, F).
  for (int r = 0; r < m; ++r) {
    int c = system.complement_col(r);
    if (c >= 0) f[r] = std::min(y[c], f[r]);
  }
  std::vector<int> order(m);
  std::iota(order.begin(), order.end(), 0);
  auto magnitude = [&](int r) { return std::isfinite(f[r]) ? std::abs(f[r]) : INFINITY; };
  int shown = std::min(count, m);
  std::partial_sort(order.begin(), order.begin() + shown, order.end(),
                    [&](int a, int b) { return magnitude(a) > magnitude(b); });
  summary.worst.clear();
  for (int k = 0; k < shown; ++k) summary.worst.push_back({system.RowLabel(order[k]), f[order[k]]});
  summary.max_residual = m > 0 ? magnitude(order[0]) : 0.0;
  std::map<std::string, double> by_block;
  for (int r = 0; r < m; ++r) {
    double& worst = by_block[system.RowBlockName(r)];
    worst = std::max(worst, magnitude(r));
  }
  summary.max_residual_by_block.assign(by_block.begin(), by_block.end());
  summary.walras_residual = 0.0;
  for (const auto& d : system.dropped()) {
    double w = std::abs(system.RowResidual(d, x_full.data()));
    summary.walras_residual = std::max(summary.walras_residual, std::isfinite(w) ? w : INFINITY);
  }
}

}  // namespace peninsula::solver
