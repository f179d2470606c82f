// The square system F(y) = 0 that the solvers see: every row of every equation block except
// the ones a closure drops (Walras' law), over the variables a closure leaves free. Builds the
// Jacobian's sparsity structure by recording which variables each row touches, evaluates
// exact Jacobian rows by reverse-mode AD, and scales each row by its largest benchmark
// derivative so residuals are comparable across equations of very different magnitude.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "model/equation_block.hpp"
#include "model/variables.hpp"

namespace peninsula::model {

struct RowRef {
  int block = 0;
  int row = 0;
};

class EquationSystem {
 public:
  // `x_full` is a point at which every equation can be evaluated (the benchmark); row scales
  // are taken there. `fixed[g]` marks variables held at their values in `x_full`.
  EquationSystem(const VariableRegistry& reg,
                 const std::vector<std::unique_ptr<EquationBlock>>& blocks,
                 const std::vector<bool>& fixed, const std::vector<RowRef>& dropped,
                 const std::vector<double>& x_full);

  int rows() const { return static_cast<int>(active_.size()); }
  int cols() const { return static_cast<int>(free_.size()); }
  bool square() const { return rows() == cols(); }
  // A message saying how rows and free variables differ, block by block.
  std::string CountReport() const;

  const std::vector<int>& free_vars() const { return free_; }
  void Scatter(const double* y, double* x_full) const;
  void Gather(const double* x_full, double* y) const;

  // Scaled residuals of the active rows.
  void Residuals(const double* x_full, double* f) const;
  // Scaled residual of any row, active or dropped.
  double RowResidual(const RowRef& ref, const double* x_full) const;
  // Jacobian with respect to the free variables, in the CSR order of row_start/col_index.
  void Jacobian(const double* x_full, double* values) const;
  const std::vector<int>& row_start() const { return row_start_; }
  const std::vector<int>& col_index() const { return col_index_; }
  int nonzeros() const { return static_cast<int>(col_index_.size()); }
  // Unscaled derivatives at the point the system was built from (the benchmark), in the CSR
  // order above: a row whose variable enters with derivative ±1 there defines that variable
  // explicitly (M = f(...)), which the Newton path uses to condense the system.
  const std::vector<double>& benchmark_derivatives() const { return benchmark_derivatives_; }

  // Column of the variable paired with an active row of a complementarity block
  // (F_r >= 0 ⊥ y_c >= 0), or -1 for an equation. The pair's entry is always in the pattern.
  int complement_col(int active_row) const { return complement_col_[active_row]; }
  bool has_complementarity() const { return complementarity_rows_ > 0; }

  std::string RowLabel(int active_row) const;
  std::string RowLabel(const RowRef& ref) const;
  std::string ColLabel(int col) const { return reg_.Label(free_[col]); }
  const std::string& RowBlockName(int active_row) const;
  const RowRef& active_row(int r) const { return all_rows_[active_[r]].ref; }
  const std::vector<RowRef>& dropped() const { return dropped_; }
  const VariableRegistry& registry() const { return reg_; }
  const std::vector<std::unique_ptr<EquationBlock>>& blocks() const { return blocks_; }

 private:
  struct RowInfo {
    RowRef ref;
    double scale = 1.0;
  };
  int FindRow(const RowRef& ref) const;
  int PairedColumn(const RowRef& ref) const;
  double EvalRaw(const RowRef& ref, const double* x_full) const;
  void BuildStructure(const std::vector<double>& x_full);
  void ComputeScales(const std::vector<double>& x_full);
  void KeepBenchmarkDerivatives(int active_row, const std::vector<int>& touched,
                                const std::vector<double>& grad);
  void TapeRow(int all_row, const double* x_full, const std::vector<int>& support,
               double* grad) const;

  const VariableRegistry& reg_;
  const std::vector<std::unique_ptr<EquationBlock>>& blocks_;
  std::vector<int> block_first_row_;  // position in all_rows_ of each block's row 0
  std::vector<RowInfo> all_rows_;
  std::vector<int> active_;  // active row -> all_rows_ position
  std::vector<RowRef> dropped_;
  std::vector<int> free_;    // column -> global position
  std::vector<int> col_of_;  // global position -> column or -1
  std::vector<int> row_start_;
  std::vector<int> col_index_;
  std::vector<std::vector<int>> support_;  // per active row, global positions (free only)
  std::vector<double> benchmark_derivatives_;
  std::vector<int> complement_col_;  // per active row
  int complementarity_rows_ = 0;
  mutable std::vector<int> leaf_of_;
  mutable std::vector<double> grad_;
};

}  // namespace peninsula::model
