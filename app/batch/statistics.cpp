// Summary statistics for batch outcomes.
#include "app/batch/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace peninsula::app::batch {

double Percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  double h = q * static_cast<double>(sorted.size() - 1);
  auto lo = static_cast<std::size_t>(std::floor(h));
  std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

Summary Summarize(const std::vector<double>& values, const std::vector<double>& weights,
                  bool population) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> kept, w;
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (std::isnan(values[k])) continue;
    kept.push_back(values[k]);
    w.push_back(weights[k]);
  }
  Summary s{kNaN, kNaN, kNaN, kNaN, kNaN, static_cast<long long>(kept.size())};
  if (kept.empty()) return s;
  double wsum = 0, mean = 0;
  for (std::size_t k = 0; k < kept.size(); ++k) wsum += w[k], mean += w[k] * kept[k];
  mean /= wsum;
  double ss = 0;
  for (std::size_t k = 0; k < kept.size(); ++k) ss += w[k] * (kept[k] - mean) * (kept[k] - mean);
  double n = static_cast<double>(kept.size());
  if (population) {
    s.sd = std::sqrt(ss / wsum);
  } else if (kept.size() > 1) {
    s.sd = std::sqrt(ss / wsum * n / (n - 1));
  }
  s.mean = mean;
  std::sort(kept.begin(), kept.end());
  s.p05 = Percentile(kept, 0.05);
  s.p50 = Percentile(kept, 0.50);
  s.p95 = Percentile(kept, 0.95);
  return s;
}

}  // namespace peninsula::app::batch
