// The variable registry: named blocks of model variables over sparse domains of set tuples.
// A block such as PX(region, sector) holds only the tuples that exist in the benchmark (or
// that a scenario adds), so zero flows never become degenerate equations. Every variable has
// one global position; closures fix some of them, the solver sees the rest.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "model/sets.hpp"

namespace peninsula::model {

using Tuple = std::array<int, 3>;

enum class VarKind { kPrice, kQuantity, kValue, kIndex };

struct VarId {
  int block = -1;
};

class VariableBlock {
 public:
  VariableBlock(std::string name, std::vector<const Set*> dims, VarKind kind, std::string unit,
                std::string description);

  // Adds a tuple to the domain and returns its local position.
  int Add(const Tuple& tuple);
  // Local position of a tuple, or -1 when the tuple is outside the domain. Inline: every
  // variable access of every equation evaluation goes through here.
  int Find(int a, int b = 0, int c = 0) const {
    int flat = Flat(a, b, c);
    return flat < 0 ? -1 : lookup_[flat];
  }
  bool Has(int a, int b = 0, int c = 0) const { return Find(a, b, c) >= 0; }
  // Global position; throws std::logic_error naming the block and tuple if absent.
  int Global(int a, int b = 0, int c = 0) const {
    int local = Find(a, b, c);
    if (local < 0) [[unlikely]]
      ThrowOutsideDomain(a, b, c);
    return offset_ + local;
  }

  const std::string& name() const { return name_; }
  const std::vector<const Set*>& dims() const { return dims_; }
  VarKind kind() const { return kind_; }
  const std::string& unit() const { return unit_; }
  const std::string& description() const { return description_; }
  int size() const { return static_cast<int>(tuples_.size()); }
  const Tuple& tuple(int local) const { return tuples_[local]; }
  int offset() const { return offset_; }
  std::string Label(int local) const;

 private:
  friend class VariableRegistry;
  int Flat(int a, int b, int c) const {
    if (a < 0 || b < 0 || c < 0 || a >= extents_[0] || b >= extents_[1] || c >= extents_[2]) {
      return -1;
    }
    return (a * extents_[1] + b) * extents_[2] + c;
  }
  [[noreturn]] void ThrowOutsideDomain(int a, int b, int c) const;

  std::string name_;
  std::vector<const Set*> dims_;
  VarKind kind_;
  std::string unit_;
  std::string description_;
  std::array<int, 3> extents_{1, 1, 1};
  std::vector<Tuple> tuples_;
  std::vector<int> lookup_;  // flat tuple -> local position or -1
  int offset_ = 0;
};

class VariableRegistry {
 public:
  VarId AddBlock(VariableBlock block);
  // Assigns global offsets; call once after all tuples are added.
  void Finalize();

  const VariableBlock& block(VarId id) const { return blocks_.at(id.block); }
  VariableBlock& block(VarId id) { return blocks_.at(id.block); }
  const std::vector<VariableBlock>& blocks() const { return blocks_; }
  int size() const { return size_; }
  // "PX(KOR,TEX)" for a global position.
  std::string Label(int global) const;
  // Block and local position of a global position.
  std::pair<int, int> Locate(int global) const;
  // Global positions matching a pattern like "PX(KOR,*)"; empty if none.
  std::vector<int> Match(const std::string& pattern) const;

 private:
  std::vector<VariableBlock> blocks_;
  int size_ = 0;
  bool finalized_ = false;
};

// "PX(KOR,*)" -> {"PX", {"KOR", "*"}}; throws std::invalid_argument on bad syntax.
std::pair<std::string, std::vector<std::string>> ParseLabelPattern(const std::string& pattern);
bool LabelMatches(const std::string& pattern, const std::string& label);

}  // namespace peninsula::model
