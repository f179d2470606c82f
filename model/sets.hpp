// Labelled index sets (regions, sectors, factors, ...). Every set comes from data; the
// model only ever refers to members by position, and to labels when it talks to people.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace peninsula::model {

class Set {
 public:
  Set() = default;
  Set(std::string name, std::vector<std::string> labels);

  const std::string& name() const { return name_; }
  int size() const { return static_cast<int>(labels_.size()); }
  const std::string& label(int i) const { return labels_.at(i); }
  const std::vector<std::string>& labels() const { return labels_; }
  std::optional<int> Find(const std::string& label) const;
  // Adds a label (if new) and returns its position.
  int Add(const std::string& label);

 private:
  std::string name_;
  std::vector<std::string> labels_;
  std::unordered_map<std::string, int> positions_;
};

}  // namespace peninsula::model
