// The fast path for smooth square systems: Newton's method on the exact sparse Jacobian
// with a sparse direct LU and a backtracking (Armijo) line search on ½‖F‖². A factorisation
// is reused (chord steps) while the steps it gives still contract the residual quickly, and a
// workspace keeps the ordering and the last factorisation across neighbouring solves.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "model/equation_system.hpp"
#include "solver/condensed_lu.hpp"
#include "solver/sparse_lu.hpp"
#include "solver/status.hpp"

namespace peninsula::solver {

struct NewtonOptions {
  double tolerance = 1e-10;  // max scaled residual
  int max_iterations = 100;  // chord steps count as iterations
  double max_seconds = 600.0;
  double armijo = 1e-4;
  double min_step = 1e-10;
  bool polish = true;  // one extra Newton step after convergence (docs/model.md)
  LinearSolverKind linear_solver = LinearSolverKind::kAuto;
  bool reuse_factorization = true;  // chord steps with the last factorisation while they work
  double chord_contraction = 0.5;   // a chord step must shrink max|F| at least this much
  // When a chord step fails: GMRES steps on the current Jacobian, preconditioned by the held
  // factorisation, before refactorising (0: refactorise at once), and their relative
  // tolerance on ‖F + J·step‖₂ (an inexact Newton step).
  int krylov_iterations = 30;
  double krylov_tolerance = 1e-4;
  // Factorise the Schur complement of the explicitly defined variables (solver/condensed_lu)
  // instead of J itself: the same steps up to rounding, from a smaller matrix. `false` keeps
  // the plain LU of J (for verification). condense_max_fill bounds the fill one elimination
  // may add (CondensationInput::max_fill).
  bool condense = true;
  int condense_max_fill = 16;

  // Throws std::invalid_argument naming the offending option.
  void Validate() const;
};

// A factorisation handed from one solve to later solves of a system with the same Jacobian
// pattern, for their chord steps and GMRES preconditioning until they factorise on their own:
// the analysis re-solves a scenario's system along paths from the benchmark, and the cold
// scenario solve's factorisation (at the benchmark) spares it one (5 s at 144,000 unknowns).
struct HeldFactorization {
  std::shared_ptr<SparseLu> lu;
  std::uint64_t pattern = 0;  // PatternFingerprint of the system it factorises
};

// A hash of the Jacobian pattern: systems with equal fingerprints share factorisations.
std::uint64_t PatternFingerprint(const model::EquationSystem& system);

// The sparse LU of one system's Jacobian, kept between solves: its symbolic analysis (the
// fill-reducing ordering) is done once, and its last numeric factorisation can start the
// next solve's chord steps. A reference factorisation made elsewhere (at a neighbouring
// solution) can stand in for chord steps until the workspace factorises on its own.
class NewtonWorkspace {
 public:
  // The linear solver and condensation of `options`.
  NewtonWorkspace(const model::EquationSystem& system, const NewtonOptions& options);
  // `kind` with the default condensation.
  NewtonWorkspace(const model::EquationSystem& system, LinearSolverKind kind);
  bool Fits(const model::EquationSystem& system, const NewtonOptions& options) const;
  // Made on first use, inside the first solve that factorises (its symbolic analysis is
  // part of that solve's time), or never when a reference serves every step.
  SparseLu& lu();
  bool has_factorization = false;

  // Not owned; its factorisation must stay unchanged while set (solves do not change it).
  void UseReference(SparseLu* reference) { reference_ = reference; }
  // The factorisation chord steps solve with: the workspace's own, else the reference.
  SparseLu* chord_lu() { return has_factorization ? lu_.get() : reference_; }
  // Forgets the working factorisation (not the symbolic analysis), so the next solve starts
  // from a state that does not depend on the solves before it.
  void Reset();
  // Hands over the working LU with its factorisation (null if it holds none) and continues
  // with a new LU of the same pattern.
  std::unique_ptr<SparseLu> TakeFactorization();
  // The same, for solves of other systems of this pattern.
  HeldFactorization HoldFactorization();

 private:
  const model::EquationSystem* system_;
  LinearSolverKind kind_;
  bool condense_;
  int max_fill_;
  std::shared_ptr<const Condensation> condensation_;  // null when not condensing
  std::unique_ptr<SparseLu> lu_;
  SparseLu* reference_ = nullptr;
};

// Factorises Newton's Jacobian (complementarity rows as φ) at `x_full` into `workspace`: a
// factorisation at a solution, for later solves' chord steps. False if it is singular or not
// finite.
bool FactorizeJacobian(const model::EquationSystem& system, const std::vector<double>& x_full,
                       NewtonWorkspace& workspace);

// Solves from `x_full` (fixed variables keep their values) and overwrites it with the last
// iterate. The summary says whether it converged. `workspace` (optional) must have been made
// for this system and linear solver.
SolveSummary SolveNewton(const model::EquationSystem& system, std::vector<double>& x_full,
                         const NewtonOptions& options = {}, NewtonWorkspace* workspace = nullptr);

}  // namespace peninsula::solver
