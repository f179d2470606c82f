// The Newton limit and a solve's position against it.
#include "solver/newton_limit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace peninsula::solver {

double NewtonLimit::seconds() const { return std::max(iterations, 1) * iteration_seconds; }

double NewtonLimit::Ratio(double solve_seconds) const {
  double limit = seconds();
  return limit > 0.0 ? solve_seconds / limit : INFINITY;
}

bool NewtonLimit::Met(double solve_seconds) const {
  return Ratio(solve_seconds) <= kNewtonLimitTarget;
}

std::string NewtonLimitReport(const NewtonLimit& limit, double solve_seconds) {
  char text[96];
  std::snprintf(text, sizeof text, "%.2fx the Newton limit (target <= %.1fx: %s)",
                limit.Ratio(solve_seconds), kNewtonLimitTarget,
                limit.Met(solve_seconds) ? "met" : "NOT met");
  return text;
}

}  // namespace peninsula::solver
