// Summary statistics of one outcome over the converged draws: weighted mean and standard
// deviation (quadrature weights, or equal weights), and percentiles by linear interpolation
// between order statistics (Hyndman–Fan type 7, as numpy's default).
#pragma once

#include <vector>

namespace peninsula::app::batch {

struct Summary {
  double mean, sd, p05, p50, p95;
  long long count;
};

// NaN values (failed draws) are left out. `population`: sd with divisor Σw (quadrature,
// where the points are the distribution); otherwise the sample sd (divisor n−1).
// With no value every statistic is NaN and count is 0.
Summary Summarize(const std::vector<double>& values, const std::vector<double>& weights,
                  bool population);

// Percentile q in [0, 1] of sorted values (type 7).
double Percentile(const std::vector<double>& sorted, double q);

}  // namespace peninsula::app::batch
