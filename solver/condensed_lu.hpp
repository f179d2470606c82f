// Condensing explicitly defined variables out of Newton's linear systems. Many rows define one
// variable explicitly (source_demand: M_isr − f(PMC_ri, MC_ri, PE_si, ...) = 0). Order the
// unknowns as (e, z), e the variables so defined, each by its own row, no defining row
// reading another e: then J = [[D, B], [C, S]] with D diagonal, and J·x = b is solved exactly
// by the Schur complement of D,
//
//   (S − C·D⁻¹·B)·x_z = b_z − C·D⁻¹·b_e,   x_e = D⁻¹·(b_e − B·x_z),
//
// which factorises a smaller matrix (at 40×57 the 91,000 bilateral flows M leave ~53,000
// unknowns) and needs a smaller symbolic analysis. `CondensedLu` is a `SparseLu` of the full
// J, so chord steps, GMRES preconditioning and reference factorisations use it unchanged.
#pragma once

#include <memory>
#include <vector>

#include "model/equation_system.hpp"
#include "solver/sparse_lu.hpp"

namespace peninsula::solver {

// The pattern of J and what may be eliminated: entries whose derivative at the benchmark is
// ±1 (a variable defined explicitly by that row), outside complementarity pairs (their rows
// become φ, and their paired variables' rows with them).
struct CondensationInput {
  int n = 0;
  std::vector<int> row_start, col_index;     // CSR pattern of J
  std::vector<bool> eligible;                // per nonzero: may be a pivot
  std::vector<bool> frozen_row, frozen_col;  // never eliminated (complementarity)
  // An elimination is taken only if the fill it may add, (row support − 1) × (rows reading
  // the variable − 1), is at most this: it keeps hub variables (PMC, PVA, ...), whose
  // elimination would undo the fill they save (docs/adr/0001), in the reduced system.
  int max_fill = 16;
};

CondensationInput CondensationInputFor(const model::EquationSystem& system, int max_fill);

// Which variables are eliminated, by which rows, and the reduced matrix's pattern and the
// recipe to assemble its values from J's.
struct Condensation {
  int n = 0;
  std::vector<int> row_start, col_index;  // J's pattern (for a full LU if a pivot is too small)
  std::vector<int> pivot_row, pivot_col, pivot_entry;  // per eliminated variable
  std::vector<int> kept_row, kept_col;                 // reduced index -> full index
  std::vector<int> reduced_start, reduced_index;       // the reduced pattern (CSR)
  // Per reduced row: J entries copied (entry, reduced position), then J entries of eliminated
  // columns (entry, eliminated variable); per eliminated variable, its row's other entries.
  std::vector<int> copy_start, copy_entry, copy_position;
  std::vector<int> update_start, update_entry, update_variable;
  std::vector<int> defining_start, defining_entry;
  // Per (update, defining entry) pair in assembly order: the reduced position it adds to.
  std::vector<int> fill_position;

  int eliminated() const { return static_cast<int>(pivot_row.size()); }
  int reduced_size() const { return n - eliminated(); }
};

// Chooses pivots greedily, shortest pivot row first, then cheapest fill (ties by row, then
// column), so the choice depends on the pattern and benchmark derivatives alone and is the
// same in every process.
Condensation PlanCondensation(const CondensationInput& input);

// A pivot whose magnitude falls below this fraction of its row's largest entry at some
// iterate makes that factorisation fall back to the full matrix.
inline constexpr double kMinRelativePivot = 1e-8;

class CondensedLu final : public SparseLu {
 public:
  CondensedLu(LinearSolverKind kind, std::shared_ptr<const Condensation> plan);
  bool Factorize(const double* values) override;
  bool Solve(double* rhs) override;
  void DropNumeric() override;
  // Whether the last factorisation was condensed (false: it fell back to the full J).
  bool condensed() const { return condensed_; }

 private:
  bool PivotsUsable(const double* values) const;
  void Assemble(const double* values);
  bool FactorizeFull(const double* values);

  LinearSolverKind kind_;
  std::shared_ptr<const Condensation> plan_;
  std::unique_ptr<SparseLu> reduced_, full_;  // full_ made on first need
  std::vector<double> values_, reduced_values_, pivot_, be_, rhs_;
  bool condensed_ = true;
};

// The LU a Newton workspace uses for `system`: condensed when `condense` is set and the plan
// eliminates anything, otherwise a plain LU of J.
std::unique_ptr<SparseLu> MakeSystemLu(const model::EquationSystem& system, LinearSolverKind kind,
                                       const std::shared_ptr<const Condensation>& plan);

}  // namespace peninsula::solver
