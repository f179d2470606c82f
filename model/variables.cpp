// The variable registry.
#include "model/variables.hpp"

#include <algorithm>
#include <stdexcept>

namespace peninsula::model {

VariableBlock::VariableBlock(std::string name, std::vector<const Set*> dims, VarKind kind,
                             std::string unit, std::string description)
    : name_(std::move(name)),
      dims_(std::move(dims)),
      kind_(kind),
      unit_(std::move(unit)),
      description_(std::move(description)) {
  if (dims_.size() > 3) throw std::logic_error("variable block " + name_ + " has rank > 3");
  int total = 1;
  for (std::size_t d = 0; d < dims_.size(); ++d) {
    extents_[d] = std::max(1, dims_[d]->size());
    total *= extents_[d];
  }
  lookup_.assign(total, -1);
}

int VariableBlock::Add(const Tuple& t) {
  int flat = Flat(t[0], t[1], t[2]);
  if (flat < 0) throw std::logic_error("tuple out of range in variable block " + name_);
  if (lookup_[flat] >= 0) return lookup_[flat];
  lookup_[flat] = size();
  tuples_.push_back(t);
  return lookup_[flat];
}

void VariableBlock::ThrowOutsideDomain(int a, int b, int c) const {
  {
    std::string where = name_ + "(";
    Tuple t{a, b, c};
    for (std::size_t d = 0; d < dims_.size(); ++d) {
      bool in_range = t[d] >= 0 && t[d] < dims_[d]->size();
      where += (d ? "," : "") + (in_range ? dims_[d]->label(t[d]) : std::to_string(t[d]));
    }
    throw std::logic_error("equation refers to " + where + ") which is outside its domain");
  }
}

std::string VariableBlock::Label(int local) const {
  std::string label = name_;
  if (dims_.empty()) return label;
  label += "(";
  for (std::size_t d = 0; d < dims_.size(); ++d) {
    if (d) label += ",";
    label += dims_[d]->label(tuples_[local][d]);
  }
  return label + ")";
}

VarId VariableRegistry::AddBlock(VariableBlock block) {
  if (finalized_) throw std::logic_error("variable registry already finalized");
  blocks_.push_back(std::move(block));
  return VarId{static_cast<int>(blocks_.size()) - 1};
}

void VariableRegistry::Finalize() {
  size_ = 0;
  for (auto& b : blocks_) {
    b.offset_ = size_;
    size_ += b.size();
  }
  finalized_ = true;
}

std::pair<int, int> VariableRegistry::Locate(int global) const {
  auto it = std::upper_bound(blocks_.begin(), blocks_.end(), global,
                             [](int g, const VariableBlock& b) { return g < b.offset(); });
  // Empty blocks share offsets with their successor; step back to the one holding `global`.
  while (it != blocks_.begin()) {
    --it;
    if (global < it->offset() + it->size()) break;
  }
  return {static_cast<int>(it - blocks_.begin()), global - it->offset()};
}

std::string VariableRegistry::Label(int global) const {
  auto [b, local] = Locate(global);
  return blocks_[b].Label(local);
}

std::pair<std::string, std::vector<std::string>> ParseLabelPattern(const std::string& pattern) {
  auto open = pattern.find('(');
  if (open == std::string::npos) return {pattern, {}};
  if (pattern.back() != ')') {
    throw std::invalid_argument("'" + pattern + "': expected NAME(label,label,...)");
  }
  std::vector<std::string> parts;
  std::string inner = pattern.substr(open + 1, pattern.size() - open - 2);
  std::size_t start = 0;
  while (true) {
    auto comma = inner.find(',', start);
    parts.push_back(inner.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  for (auto& p : parts) {
    p.erase(0, p.find_first_not_of(' '));
    p.erase(p.find_last_not_of(' ') + 1);
  }
  return {pattern.substr(0, open), parts};
}

bool LabelMatches(const std::string& pattern, const std::string& label) {
  return pattern == "*" || pattern == label;
}

std::vector<int> VariableRegistry::Match(const std::string& pattern) const {
  auto [name, parts] = ParseLabelPattern(pattern);
  std::vector<int> found;
  for (const auto& b : blocks_) {
    if (b.name() != name) continue;
    if (parts.size() != b.dims().size()) {
      throw std::invalid_argument("'" + pattern + "': " + name + " has " +
                                  std::to_string(b.dims().size()) + " indices");
    }
    for (int k = 0; k < b.size(); ++k) {
      bool ok = true;
      for (std::size_t d = 0; d < parts.size() && ok; ++d) {
        ok = LabelMatches(parts[d], b.dims()[d]->label(b.tuple(k)[d]));
      }
      if (ok) found.push_back(b.offset() + k);
    }
  }
  return found;
}

}  // namespace peninsula::model
