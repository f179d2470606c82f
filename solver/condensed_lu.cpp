// Schur complement of the explicitly defined variables.
#include "solver/condensed_lu.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace peninsula::solver {
namespace {

// Column → rows reading it (the transpose of the CSR pattern).
std::vector<std::vector<int>> RowsOfColumns(const CondensationInput& in) {
  std::vector<std::vector<int>> rows(in.n);
  for (int r = 0; r < in.n; ++r) {
    for (int k = in.row_start[r]; k < in.row_start[r + 1]; ++k) rows[in.col_index[k]].push_back(r);
  }
  return rows;
}

struct Candidate {
  long support, fill;
  int row, col, entry;
};

std::vector<Candidate> Candidates(const CondensationInput& in,
                                  const std::vector<std::vector<int>>& rows_of) {
  std::vector<Candidate> out;
  for (int r = 0; r < in.n; ++r) {
    if (in.frozen_row[r]) continue;
    long support = in.row_start[r + 1] - in.row_start[r];
    for (int k = in.row_start[r]; k < in.row_start[r + 1]; ++k) {
      int c = in.col_index[k];
      if (!in.eligible[k] || in.frozen_col[c]) continue;
      long fill = (support - 1) * (static_cast<long>(rows_of[c].size()) - 1);
      if (fill <= in.max_fill) out.push_back({support, fill, r, c, k});
    }
  }
  // Short rows first: a pivot row keeps every variable it reads in the reduced system, so a
  // long one (a sum such as export tax revenue over all flows) would block the elimination of
  // all its terms for the sake of one variable.
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(a.support, a.fill, a.row, a.col) < std::tie(b.support, b.fill, b.row, b.col);
  });
  return out;
}

// Greedy pivots: a pivot's row may read no other eliminated variable, and its variable may
// appear in no other pivot row, so D stays diagonal.
void ChoosePivots(const CondensationInput& in, Condensation& plan) {
  auto rows_of = RowsOfColumns(in);
  std::vector<bool> row_blocked(in.n, false), col_blocked(in.n, false);
  for (const Candidate& cand : Candidates(in, rows_of)) {
    if (row_blocked[cand.row] || col_blocked[cand.col]) continue;
    plan.pivot_row.push_back(cand.row);
    plan.pivot_col.push_back(cand.col);
    plan.pivot_entry.push_back(cand.entry);
    for (int k = in.row_start[cand.row]; k < in.row_start[cand.row + 1]; ++k) {
      col_blocked[in.col_index[k]] = true;
    }
    for (int r : rows_of[cand.col]) row_blocked[r] = true;
  }
}

// Reduced indices, and the reduced pattern: each kept row's kept columns and those of the
// pivot rows of the eliminated variables it reads.
void BuildReducedPattern(Condensation& plan, std::vector<int>& reduced_col_of,
                         std::vector<int>& variable_of_col) {
  int n = plan.n;
  std::vector<bool> pivot_row(n, false);
  variable_of_col.assign(n, -1);
  for (int e = 0; e < plan.eliminated(); ++e) {
    pivot_row[plan.pivot_row[e]] = true;
    variable_of_col[plan.pivot_col[e]] = e;
  }
  reduced_col_of.assign(n, -1);
  for (int c = 0; c < n; ++c) {
    if (variable_of_col[c] >= 0) continue;
    reduced_col_of[c] = static_cast<int>(plan.kept_col.size());
    plan.kept_col.push_back(c);
  }
  for (int r = 0; r < n; ++r) {
    if (!pivot_row[r]) plan.kept_row.push_back(r);
  }
  plan.reduced_start.assign(1, 0);
  std::vector<int> cols;
  for (int r : plan.kept_row) {
    cols.clear();
    for (int k = plan.row_start[r]; k < plan.row_start[r + 1]; ++k) {
      int c = plan.col_index[k], e = variable_of_col[c];
      if (e < 0) cols.push_back(reduced_col_of[c]);
      for (int j = e < 0 ? 0 : plan.row_start[plan.pivot_row[e]];
           e >= 0 && j < plan.row_start[plan.pivot_row[e] + 1]; ++j) {
        if (j != plan.pivot_entry[e]) cols.push_back(reduced_col_of[plan.col_index[j]]);
      }
    }
    std::sort(cols.begin(), cols.end());
    cols.erase(std::unique(cols.begin(), cols.end()), cols.end());
    plan.reduced_index.insert(plan.reduced_index.end(), cols.begin(), cols.end());
    plan.reduced_start.push_back(static_cast<int>(plan.reduced_index.size()));
  }
}

// Position of reduced column `col` in reduced row `row`.
int PositionIn(const Condensation& plan, int row, int col) {
  auto first = plan.reduced_index.begin() + plan.reduced_start[row];
  auto last = plan.reduced_index.begin() + plan.reduced_start[row + 1];
  return static_cast<int>(std::lower_bound(first, last, col) - plan.reduced_index.begin());
}

// The assembly recipe: where each J entry of a kept row goes, and where each product of an
// eliminated variable's column entry with its pivot row's entries goes.
void BuildRecipe(Condensation& plan, const std::vector<int>& reduced_col_of,
                 const std::vector<int>& variable_of_col) {
  plan.defining_start.assign(1, 0);
  for (int e = 0; e < plan.eliminated(); ++e) {
    int r = plan.pivot_row[e];
    for (int k = plan.row_start[r]; k < plan.row_start[r + 1]; ++k) {
      if (k != plan.pivot_entry[e]) plan.defining_entry.push_back(k);
    }
    plan.defining_start.push_back(static_cast<int>(plan.defining_entry.size()));
  }
  plan.copy_start.assign(1, 0);
  plan.update_start.assign(1, 0);
  for (int row = 0; row < static_cast<int>(plan.kept_row.size()); ++row) {
    int r = plan.kept_row[row];
    for (int k = plan.row_start[r]; k < plan.row_start[r + 1]; ++k) {
      int c = plan.col_index[k], e = variable_of_col[c];
      if (e < 0) {
        plan.copy_entry.push_back(k);
        plan.copy_position.push_back(PositionIn(plan, row, reduced_col_of[c]));
        continue;
      }
      plan.update_entry.push_back(k);
      plan.update_variable.push_back(e);
      for (int j = plan.defining_start[e]; j < plan.defining_start[e + 1]; ++j) {
        int col = reduced_col_of[plan.col_index[plan.defining_entry[j]]];
        plan.fill_position.push_back(PositionIn(plan, row, col));
      }
    }
    plan.copy_start.push_back(static_cast<int>(plan.copy_entry.size()));
    plan.update_start.push_back(static_cast<int>(plan.update_entry.size()));
  }
}

}  // namespace

CondensationInput CondensationInputFor(const model::EquationSystem& system, int max_fill) {
  CondensationInput in;
  in.n = system.cols();
  in.row_start = system.row_start();
  in.col_index = system.col_index();
  in.max_fill = max_fill;
  in.frozen_row.assign(in.n, false);
  in.frozen_col.assign(in.n, false);
  for (int r = 0; r < system.rows(); ++r) {
    int c = system.complement_col(r);
    if (c < 0) continue;
    in.frozen_row[r] = true;
    in.frozen_col[c] = true;
  }
  const auto& d = system.benchmark_derivatives();
  in.eligible.resize(d.size());
  for (std::size_t k = 0; k < d.size(); ++k) in.eligible[k] = std::abs(d[k]) == 1.0;
  return in;
}

Condensation PlanCondensation(const CondensationInput& input) {
  Condensation plan;
  plan.n = input.n;
  plan.row_start = input.row_start;
  plan.col_index = input.col_index;
  ChoosePivots(input, plan);
  std::vector<int> reduced_col_of, variable_of_col;
  BuildReducedPattern(plan, reduced_col_of, variable_of_col);
  BuildRecipe(plan, reduced_col_of, variable_of_col);
  return plan;
}

CondensedLu::CondensedLu(LinearSolverKind kind, std::shared_ptr<const Condensation> plan)
    : kind_(ResolveLinearSolver(kind, plan->n)), plan_(std::move(plan)) {
  reduced_ = MakeSparseLu(kind_, plan_->reduced_size(), plan_->reduced_start, plan_->reduced_index);
  reduced_values_.resize(plan_->reduced_index.size());
  pivot_.resize(plan_->eliminated());
  be_.resize(plan_->eliminated());
  rhs_.resize(plan_->n);
}

bool CondensedLu::PivotsUsable(const double* values) const {
  const Condensation& p = *plan_;
  for (int e = 0; e < p.eliminated(); ++e) {
    double pivot = std::abs(values[p.pivot_entry[e]]), biggest = pivot;
    for (int j = p.defining_start[e]; j < p.defining_start[e + 1]; ++j) {
      biggest = std::max(biggest, std::abs(values[p.defining_entry[j]]));
    }
    if (!std::isfinite(biggest) || !(pivot > kMinRelativePivot * biggest)) return false;
  }
  return true;
}

// S − C·D⁻¹·B into reduced_values_.
void CondensedLu::Assemble(const double* values) {
  const Condensation& p = *plan_;
  for (int e = 0; e < p.eliminated(); ++e) pivot_[e] = values[p.pivot_entry[e]];
  std::fill(reduced_values_.begin(), reduced_values_.end(), 0.0);
  for (std::size_t k = 0; k < p.copy_entry.size(); ++k) {
    reduced_values_[p.copy_position[k]] += values[p.copy_entry[k]];
  }
  std::size_t fill = 0;
  for (std::size_t u = 0; u < p.update_entry.size(); ++u) {
    int e = p.update_variable[u];
    double factor = values[p.update_entry[u]] / pivot_[e];
    for (int j = p.defining_start[e]; j < p.defining_start[e + 1]; ++j) {
      reduced_values_[p.fill_position[fill++]] -= factor * values[p.defining_entry[j]];
    }
  }
}

bool CondensedLu::FactorizeFull(const double* values) {
  if (!full_) full_ = MakeSparseLu(kind_, plan_->n, plan_->row_start, plan_->col_index);
  condensed_ = false;
  return full_->Factorize(values);
}

bool CondensedLu::Factorize(const double* values) {
  DropNumeric();
  if (!PivotsUsable(values)) return FactorizeFull(values);
  condensed_ = true;
  values_.assign(values, values + plan_->col_index.size());
  Assemble(values);
  return reduced_->Factorize(reduced_values_.data());
}

bool CondensedLu::Solve(double* rhs) {
  if (!condensed_) return full_->Solve(rhs);
  const Condensation& p = *plan_;
  for (int e = 0; e < p.eliminated(); ++e) be_[e] = rhs[p.pivot_row[e]] / pivot_[e];
  for (std::size_t row = 0; row < p.kept_row.size(); ++row) {
    double s = rhs[p.kept_row[row]];
    for (int u = p.update_start[row]; u < p.update_start[row + 1]; ++u) {
      s -= values_[p.update_entry[u]] * be_[p.update_variable[u]];
    }
    rhs_[row] = s;
  }
  if (!reduced_->Solve(rhs_.data())) return false;
  for (int col = 0; col < p.reduced_size(); ++col) rhs[p.kept_col[col]] = rhs_[col];
  for (int e = 0; e < p.eliminated(); ++e) {
    double s = be_[e];
    for (int j = p.defining_start[e]; j < p.defining_start[e + 1]; ++j) {
      int k = p.defining_entry[j];
      s -= values_[k] / pivot_[e] * rhs[p.col_index[k]];
    }
    rhs[p.pivot_col[e]] = s;
  }
  return true;
}

void CondensedLu::DropNumeric() {
  reduced_->DropNumeric();
  if (full_) full_->DropNumeric();
}

std::unique_ptr<SparseLu> MakeSystemLu(const model::EquationSystem& system, LinearSolverKind kind,
                                       const std::shared_ptr<const Condensation>& plan) {
  if (plan && plan->eliminated() > 0) return std::make_unique<CondensedLu>(kind, plan);
  return MakeSparseLu(kind, system.cols(), system.row_start(), system.col_index());
}

}  // namespace peninsula::solver
