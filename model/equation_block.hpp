// Equations written once. An economic block is a small functor
//
//   struct Block {
//     std::string name;                 // "zero_profit"
//     std::vector<Tuple> domain;        // one row per tuple
//     std::string RowLabel(const Tuple&) const;
//     template <class A> typename A::Scalar Eval(const Tuple& row, const A& x) const;
//   };
//
// whose residual is a template over the accessor `x`, which hands out variables as doubles
// (residuals), as doubles while recording which variables were touched (the sparsity
// structure, derived and never written by hand), or as tape scalars (exact Jacobian rows).
// Equations never branch on variable values, so the recorded structure is the same at every
// point.
#pragma once

#include <concepts>
#include <memory>
#include <string>
#include <vector>

#include "model/autodiff.hpp"
#include "model/variables.hpp"

namespace peninsula::model {

// Plain values.
struct ValueAccess {
  using Scalar = double;
  const VariableRegistry* reg;
  const double* x;
  double operator()(VarId v, int a = 0, int b = 0, int c = 0) const {
    return x[reg->block(v).Global(a, b, c)];
  }
};

// Values, and the global positions touched.
struct RecordingAccess {
  using Scalar = double;
  const VariableRegistry* reg;
  const double* x;
  std::vector<int>* touched;
  double operator()(VarId v, int a = 0, int b = 0, int c = 0) const {
    int g = reg->block(v).Global(a, b, c);
    touched->push_back(g);
    return x[g];
  }
};

// Tape scalars: variables in the row's support become leaves, all others constants.
struct TapeAccess {
  using Scalar = Adj;
  const VariableRegistry* reg;
  const double* x;
  const int* leaf_of;  // global position -> leaf node, or -1
  Adj operator()(VarId v, int a = 0, int b = 0, int c = 0) const {
    int g = reg->block(v).Global(a, b, c);
    return Adj(x[g], leaf_of[g]);
  }
};

class EquationBlock {
 public:
  virtual ~EquationBlock() = default;
  virtual const std::string& name() const = 0;
  virtual int rows() const = 0;
  virtual std::string RowLabel(int row) const = 0;
  virtual double Residual(int row, const ValueAccess& x) const = 0;
  virtual double Record(int row, const RecordingAccess& x) const = 0;
  virtual Adj Taped(int row, const TapeAccess& x) const = 0;
  // For a complementarity block (F(x) >= 0 ⊥ v >= 0, e.g. a quota's slack and its rent), the
  // variable block v paired with its rows, row by row on the same tuple; -1 otherwise.
  virtual VarId complement() const { return VarId{}; }
  virtual const Tuple& RowTuple(int row) const = 0;
};

// Functors may declare `VarId complement;` to make their block a complementarity block.
template <class Functor>
concept HasComplement = requires(const Functor& f) {
  { f.complement } -> std::convertible_to<VarId>;
};

template <class Functor>
class Block final : public EquationBlock {
 public:
  explicit Block(Functor f) : f_(std::move(f)) {}
  const std::string& name() const override { return f_.name; }
  int rows() const override { return static_cast<int>(f_.domain.size()); }
  std::string RowLabel(int row) const override { return f_.RowLabel(f_.domain[row]); }
  double Residual(int row, const ValueAccess& x) const override {
    return f_.Eval(f_.domain[row], x);
  }
  double Record(int row, const RecordingAccess& x) const override {
    return f_.Eval(f_.domain[row], x);
  }
  Adj Taped(int row, const TapeAccess& x) const override { return f_.Eval(f_.domain[row], x); }
  VarId complement() const override {
    if constexpr (HasComplement<Functor>) {
      return f_.complement;
    } else {
      return VarId{};
    }
  }
  const Tuple& RowTuple(int row) const override { return f_.domain[row]; }
  const Functor& functor() const { return f_; }

 private:
  Functor f_;
};

template <class Functor>
std::unique_ptr<EquationBlock> MakeBlock(Functor f) {
  return std::make_unique<Block<Functor>>(std::move(f));
}

}  // namespace peninsula::model
