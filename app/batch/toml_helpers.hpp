// Small helpers for reading the batch file with toml++: file:line locations, unknown-key
// checks and typed getters that say which key had the wrong type. Private to app/batch.
#pragma once

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "app/batch/batch_file.hpp"

namespace peninsula::app::batch::detail {

class TomlContext {
 public:
  explicit TomlContext(std::filesystem::path path) : path_(std::move(path)) {}

  std::string Where(const toml::node& node) const {
    return path_.string() + ":" + std::to_string(node.source().begin.line);
  }
  [[noreturn]] void Fail(const toml::node& node, const std::string& message) const {
    throw BatchError(Where(node) + ": " + message);
  }
  [[noreturn]] void Fail(const std::string& message) const {
    throw BatchError(path_.string() + ": " + message);
  }

  // A typo is an error, not a silent default.
  void CheckKeys(const toml::table& table, const std::set<std::string>& known,
                 const std::string& context) const {
    for (const auto& [key, node] : table) {
      if (known.count(std::string(key.str()))) continue;
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      Fail(node, "unknown key '" + std::string(key.str()) + "' in " + context +
                     " (expected one of: " + list + ")");
    }
  }

  std::optional<std::string> String(const toml::table& t, const char* key) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_string()) Fail(*n, "'" + std::string(key) + "' must be a string");
    return *n->value<std::string>();
  }

  std::optional<double> Number(const toml::table& t, const char* key) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_number()) Fail(*n, "'" + std::string(key) + "' must be a number");
    double v = *n->value<double>();
    if (!std::isfinite(v)) Fail(*n, "'" + std::string(key) + "' must be finite");
    return v;
  }

  std::optional<std::int64_t> Integer(const toml::table& t, const char* key) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_integer()) Fail(*n, "'" + std::string(key) + "' must be an integer");
    return *n->value<std::int64_t>();
  }

  std::optional<bool> Boolean(const toml::table& t, const char* key) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) Fail(*n, "'" + std::string(key) + "' must be true or false");
    return *n->value<bool>();
  }

  // Each element with its own location, for errors about one element.
  std::vector<const toml::node*> Array(const toml::table& t, const char* key) const {
    std::vector<const toml::node*> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::array* a = n->as_array();
    if (!a) Fail(*n, "'" + std::string(key) + "' must be a list");
    for (const auto& item : *a) out.push_back(&item);
    return out;
  }

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace peninsula::app::batch::detail

namespace peninsula::app::batch {
// One [[parameter]] table (batch_parameters_file.cpp).
ParameterSpec ReadParameterTable(const toml::table& t, const detail::TomlContext& ctx);
}  // namespace peninsula::app::batch
