// Labelled index sets.
#include "model/sets.hpp"

namespace peninsula::model {

Set::Set(std::string name, std::vector<std::string> labels) : name_(std::move(name)) {
  for (const auto& label : labels) Add(label);
}

std::optional<int> Set::Find(const std::string& label) const {
  auto it = positions_.find(label);
  if (it == positions_.end()) return std::nullopt;
  return it->second;
}

int Set::Add(const std::string& label) {
  auto [it, inserted] = positions_.try_emplace(label, size());
  if (inserted) labels_.push_back(label);
  return it->second;
}

}  // namespace peninsula::model
