// The square system seen by the solvers.
#include "model/equation_system.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace peninsula::model {

EquationSystem::EquationSystem(const VariableRegistry& reg,
                               const std::vector<std::unique_ptr<EquationBlock>>& blocks,
                               const std::vector<bool>& fixed, const std::vector<RowRef>& dropped,
                               const std::vector<double>& x_full)
    : reg_(reg), blocks_(blocks), dropped_(dropped) {
  if (static_cast<int>(fixed.size()) != reg.size() ||
      static_cast<int>(x_full.size()) != reg.size()) {
    throw std::logic_error("EquationSystem: fixed/x_full size differs from the registry");
  }
  col_of_.assign(reg.size(), -1);
  for (int g = 0; g < reg.size(); ++g) {
    if (!fixed[g]) {
      col_of_[g] = cols();
      free_.push_back(g);
    }
  }
  for (int b = 0; b < static_cast<int>(blocks.size()); ++b) {
    block_first_row_.push_back(static_cast<int>(all_rows_.size()));
    for (int r = 0; r < blocks[b]->rows(); ++r) all_rows_.push_back({{b, r}, 1.0});
  }
  std::vector<bool> is_dropped(all_rows_.size(), false);
  for (const auto& d : dropped) is_dropped[FindRow(d)] = true;
  for (int k = 0; k < static_cast<int>(all_rows_.size()); ++k) {
    if (!is_dropped[k]) active_.push_back(k);
  }
  leaf_of_.assign(reg.size(), -1);
  BuildStructure(x_full);
  ComputeScales(x_full);
}

int EquationSystem::PairedColumn(const RowRef& ref) const {
  VarId v = blocks_[ref.block]->complement();
  if (v.block < 0) return -1;
  const Tuple& t = blocks_[ref.block]->RowTuple(ref.row);
  int g = reg_.block(v).Global(t[0], t[1], t[2]);
  if (col_of_[g] < 0) {
    throw std::logic_error("complementarity row " + RowLabel(ref) +
                           " is paired with fixed variable " + reg_.Label(g));
  }
  return col_of_[g];
}

int EquationSystem::FindRow(const RowRef& ref) const {
  if (ref.block < 0 || ref.block >= static_cast<int>(blocks_.size()) || ref.row < 0 ||
      ref.row >= blocks_[ref.block]->rows()) {
    throw std::logic_error("EquationSystem: row reference out of range");
  }
  return block_first_row_[ref.block] + ref.row;
}

std::string EquationSystem::CountReport() const {
  std::map<std::string, int> row_count, col_count;
  for (int k : active_) row_count[blocks_[all_rows_[k].ref.block]->name()]++;
  for (int g : free_) col_count[reg_.block(VarId{reg_.Locate(g).first}).name()]++;
  std::string s = std::to_string(rows()) + " equations for " + std::to_string(cols()) +
                  " free variables.\n  equations:";
  for (auto& [name, n] : row_count) s += " " + name + "=" + std::to_string(n);
  s += "\n  free variables:";
  for (auto& [name, n] : col_count) s += " " + name + "=" + std::to_string(n);
  return s;
}

void EquationSystem::Scatter(const double* y, double* x_full) const {
  for (int c = 0; c < cols(); ++c) x_full[free_[c]] = y[c];
}

void EquationSystem::Gather(const double* x_full, double* y) const {
  for (int c = 0; c < cols(); ++c) y[c] = x_full[free_[c]];
}

double EquationSystem::EvalRaw(const RowRef& ref, const double* x_full) const {
  return blocks_[ref.block]->Residual(ref.row, ValueAccess{&reg_, x_full});
}

void EquationSystem::BuildStructure(const std::vector<double>& x_full) {
  std::vector<int> touched;
  row_start_.assign(1, 0);
  col_index_.clear();
  support_.clear();
  complement_col_.clear();
  complementarity_rows_ = 0;
  for (int k : active_) {
    touched.clear();
    const RowRef& ref = all_rows_[k].ref;
    blocks_[ref.block]->Record(ref.row, RecordingAccess{&reg_, x_full.data(), &touched});
    int paired = PairedColumn(ref);
    complement_col_.push_back(paired);
    if (paired >= 0) {
      ++complementarity_rows_;
      touched.push_back(free_[paired]);  // the complementarity function reads it
    }
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    std::vector<int> support;
    for (int g : touched) {
      if (col_of_[g] >= 0) {
        support.push_back(g);
        col_index_.push_back(col_of_[g]);
      }
    }
    support_.push_back(std::move(support));
    row_start_.push_back(static_cast<int>(col_index_.size()));
  }
}

void EquationSystem::TapeRow(int all_row, const double* x_full, const std::vector<int>& support,
                             double* grad) const {
  Tape& tape = Tape::Current();
  tape.Clear();
  for (int g : support) leaf_of_[g] = tape.Leaf();
  const RowRef& ref = all_rows_[all_row].ref;
  Adj out = blocks_[ref.block]->Taped(ref.row, TapeAccess{&reg_, x_full, leaf_of_.data()});
  tape.Gradient(out.id, static_cast<int>(support.size()), grad);
  for (int g : support) leaf_of_[g] = -1;
}

// The derivatives of an active row with respect to its free variables. Both position lists
// are sorted; `touched` includes fixed variables, and the support a complementarity row's
// paired variable, which its equation need not read (derivative 0).
void EquationSystem::KeepBenchmarkDerivatives(int active_row, const std::vector<int>& touched,
                                              const std::vector<double>& grad) {
  const std::vector<int>& support = support_[active_row];
  double* out = benchmark_derivatives_.data() + row_start_[active_row];
  std::size_t t = 0;
  for (std::size_t s = 0; s < support.size(); ++s) {
    while (t < touched.size() && touched[t] < support[s]) ++t;
    out[s] = (t < touched.size() && touched[t] == support[s]) ? grad[t] : 0.0;
  }
}

void EquationSystem::ComputeScales(const std::vector<double>& x_full) {
  // Dropped rows are scaled too, so the Walras check reads on the same scale.
  std::vector<int> touched;
  benchmark_derivatives_.assign(col_index_.size(), 0.0);
  std::size_t next_active = 0;
  for (int k = 0; k < static_cast<int>(all_rows_.size()); ++k) {
    touched.clear();
    const RowRef& ref = all_rows_[k].ref;
    blocks_[ref.block]->Record(ref.row, RecordingAccess{&reg_, x_full.data(), &touched});
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    grad_.resize(touched.size());
    TapeRow(k, x_full.data(), touched, grad_.data());
    double biggest = 0.0;
    for (double d : grad_) biggest = std::max(biggest, std::abs(d));
    all_rows_[k].scale = (biggest > 0.0 && std::isfinite(biggest)) ? 1.0 / biggest : 1.0;
    if (next_active < active_.size() && active_[next_active] == k) {
      KeepBenchmarkDerivatives(static_cast<int>(next_active++), touched, grad_);
    }
  }
}

void EquationSystem::Residuals(const double* x_full, double* f) const {
  for (int r = 0; r < rows(); ++r) {
    const RowInfo& info = all_rows_[active_[r]];
    f[r] = info.scale * EvalRaw(info.ref, x_full);
  }
}

double EquationSystem::RowResidual(const RowRef& ref, const double* x_full) const {
  return all_rows_[FindRow(ref)].scale * EvalRaw(ref, x_full);
}

void EquationSystem::Jacobian(const double* x_full, double* values) const {
  for (int r = 0; r < rows(); ++r) {
    double* out = values + row_start_[r];
    TapeRow(active_[r], x_full, support_[r], out);
    double s = all_rows_[active_[r]].scale;
    for (int k = 0; k < row_start_[r + 1] - row_start_[r]; ++k) out[k] *= s;
  }
}

std::string EquationSystem::RowLabel(const RowRef& ref) const {
  return blocks_[ref.block]->RowLabel(ref.row);
}

std::string EquationSystem::RowLabel(int active_row) const {
  return RowLabel(all_rows_[active_[active_row]].ref);
}

const std::string& EquationSystem::RowBlockName(int active_row) const {
  return blocks_[all_rows_[active_[active_row]].ref.block]->name();
}

}  // namespace peninsula::model
