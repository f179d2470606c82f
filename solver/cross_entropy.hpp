// Minimum cross-entropy estimation under linear equality constraints: find the non-negative
// vector x closest to a positive prior p in the generalised Kullback–Leibler distance
//     min  Σ_k x_k·ln(x_k/p_k) − x_k + p_k     s.t.  A x = b,  lower ≤ x ≤ upper,
// solved with Ipopt. This is the numerical core of SAM estimation (calibration/
// sam_estimation.hpp; docs/sam-estimation.md) but knows nothing about SAMs: unknowns and
// constraints are plain indices with names for diagnostics. Like the other solver paths it
// never throws for a numerical outcome (infeasible targets are a status with the worst
// constraint named); it throws std::invalid_argument only for malformed input.
#pragma once

#include <string>
#include <vector>

#include "solver/status.hpp"

namespace peninsula::solver {

// Σ_j coef[j]·x[index[j]] = rhs. Repeated indices are summed.
struct LinearConstraint {
  std::string name;
  std::vector<int> index;
  std::vector<double> coef;
  double rhs = 0.0;
};

struct CrossEntropyProblem {
  std::vector<double> prior;  // > 0 and finite, one per unknown
  std::vector<LinearConstraint> equalities;
  std::vector<double> lower, upper;  // optional: empty means [0, +inf)
  std::vector<std::string> names;    // optional: empty or one per unknown

  int size() const { return static_cast<int>(prior.size()); }
};

struct CrossEntropyOptions {
  // A constraint holds when |a·x − b| ≤ tolerance · max(1, |b|, Σ_j |a_j·x_j|).
  double tolerance = 1e-10;
  int max_iterations = 500;
  int print_level = 0;  // Ipopt's print level (0 silent, 5 verbose)

  void Validate() const;
};

struct CrossEntropyResult {
  SolveStatus status = SolveStatus::kSolverFailure;
  std::vector<double> x;          // the last iterate, also when not converged
  double objective = 0.0;         // Σ x·ln(x/p) − x + p at x (0 when x = p)
  double max_violation = 0.0;     // max over constraints of |a·x − b| / scale (see tolerance)
  std::string worst_constraint;   // name of the constraint attaining max_violation
  double max_stationarity = 0.0;  // max |∇f + Aᵀλ − z_L + z_U| from Ipopt's multipliers
  int iterations = 0;
  int dropped_constraints = 0;  // linearly dependent rows not passed to Ipopt (still checked)
  double seconds = 0.0;
  std::string message;

  bool converged() const { return status == SolveStatus::kConverged; }
};

// Generalised KL distance Σ x·ln(x/p) − x + p (x_k = 0 contributes p_k).
double CrossEntropyObjective(const std::vector<double>& x, const std::vector<double>& prior);

// Throws std::invalid_argument naming the offending constraint or unknown.
void ValidateProblem(const CrossEntropyProblem& problem);

CrossEntropyResult SolveCrossEntropy(const CrossEntropyProblem& problem,
                                     const CrossEntropyOptions& options = {});

}  // namespace peninsula::solver
