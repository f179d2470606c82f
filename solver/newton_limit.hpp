// The fast path's yardstick (issue 7): a solve should take at most 1.5× the Newton limit,
// the time of its iterations had each been a bare Newton step on the same system with the
// same linear solver: iterations × (one factorisation + one Jacobian + one residual
// evaluation). Chord and GMRES steps take a solve below it; a symbolic analysis, extra
// factorisations or a long line search push it above. The benchmarks report it.
#pragma once

#include <string>

namespace peninsula::solver {

inline constexpr double kNewtonLimitTarget = 1.5;

struct NewtonLimit {
  double iteration_seconds = 0.0;  // one factorisation + one Jacobian + one residual
  int iterations = 0;              // of the solve measured

  // At least one iteration: a solve that starts at the solution still evaluates the system.
  double seconds() const;
  // Solve time ÷ limit; infinite when the limit is not positive.
  double Ratio(double solve_seconds) const;
  bool Met(double solve_seconds) const;
};

// "0.42x the Newton limit (target <= 1.5x: met)".
std::string NewtonLimitReport(const NewtonLimit& limit, double solve_seconds);

}  // namespace peninsula::solver
