// AD Jacobian against central differences.
#include "model/derivative_check.hpp"

#include <algorithm>
#include <cmath>

namespace peninsula::model {

DerivativeReport CheckDerivatives(const EquationSystem& system, const std::vector<double>& x_full,
                                  double relative_step) {
  DerivativeReport report;
  int m = system.rows(), n = system.cols();
  std::vector<double> ad(system.nonzeros());
  system.Jacobian(x_full.data(), ad.data());
  // Dense finite-difference columns: fine for the sizes tests use; the command samples.
  std::vector<double> x = x_full, f_plus(m), f_minus(m);
  std::vector<std::vector<double>> fd(n);
  for (int c = 0; c < n; ++c) {
    int g = system.free_vars()[c];
    double h = relative_step * std::max(1.0, std::abs(x_full[g]));
    x[g] = x_full[g] + h;
    system.Residuals(x.data(), f_plus.data());
    x[g] = x_full[g] - h;
    system.Residuals(x.data(), f_minus.data());
    x[g] = x_full[g];
    fd[c].resize(m);
    for (int r = 0; r < m; ++r) fd[c][r] = (f_plus[r] - f_minus[r]) / (2 * h);
  }
  for (int r = 0; r < m; ++r) {
    std::vector<bool> in_pattern(n, false);
    const std::string& block = system.RowBlockName(r);
    double& block_worst = report.worst_by_block[block];
    for (int k = system.row_start()[r]; k < system.row_start()[r + 1]; ++k) {
      int c = system.col_index()[k];
      in_pattern[c] = true;
      double err = std::abs(ad[k] - fd[c][r]) / std::max(1.0, std::abs(fd[c][r]));
      block_worst = std::max(block_worst, err);
      ++report.entries_checked;
      if (err > report.worst.error || report.worst.equation.empty()) {
        report.worst = {system.RowLabel(r), system.ColLabel(c), ad[k], fd[c][r], err};
      }
    }
    for (int c = 0; c < n; ++c) {
      if (!in_pattern[c] && std::abs(fd[c][r]) > 1e-6) ++report.missing_entries;
    }
  }
  return report;
}

}  // namespace peninsula::model
