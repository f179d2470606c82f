// Sparse direct LU factorisations of the Jacobian, behind one interface so the Newton path
// can use whichever is fastest (docs/performance.md): KLU (SuiteSparse; built for the
// very sparse, unsymmetric matrices of circuit and CGE models), UMFPACK, or Eigen's SparseLU.
//
// The pattern is given once in the system's CSR order. CSR of J is CSC of Jᵀ, so the
// SuiteSparse solvers factorise Jᵀ and solve with the transpose: no copy or conversion.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace peninsula::solver {

enum class LinearSolverKind { kMumps, kUmfpack, kKlu, kEigen, kAuto };

// kAuto: KLU below kAutoKluLimit unknowns (no BLAS set-up cost, fastest on small models),
// UMFPACK above (dense fronts through BLAS). docs/performance.md has the measurements.
inline constexpr int kAutoKluLimit = 5000;
LinearSolverKind ResolveLinearSolver(LinearSolverKind kind, int n);

LinearSolverKind ParseLinearSolver(const std::string& text);  // throws std::invalid_argument
std::string LinearSolverName(LinearSolverKind kind);

class SparseLu {
 public:
  virtual ~SparseLu() = default;
  // Numeric factorisation for new values (CSR order of the pattern); false when singular.
  virtual bool Factorize(const double* values) = 0;
  // Overwrites `rhs` with the solution of J·x = rhs; false on failure. Leaves the
  // factorisation unchanged.
  virtual bool Solve(double* rhs) = 0;
  // Forgets the numeric factorisation (its memory, and KLU's pivot sequence, which the next
  // Factorize would otherwise reuse), keeping the symbolic analysis: the next factorisation
  // then depends only on its values, not on earlier ones (reproducible batch draws).
  virtual void DropNumeric() {}
};

std::unique_ptr<SparseLu> MakeSparseLu(LinearSolverKind kind, int n,
                                       const std::vector<int>& row_start,
                                       const std::vector<int>& col_index);

}  // namespace peninsula::solver
