// Strict reading of TOML input files (study, scenario, path, batch and build files): file:line
// locations, unknown keys refused, and typed getters that name the key with the wrong type.
// Header-only and templated on the error each kind of file throws.
#pragma once

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

namespace peninsula::io {

template <class Error>
class TomlContext {
 public:
  explicit TomlContext(std::filesystem::path path) : path_(std::move(path)) {}

  const std::filesystem::path& path() const { return path_; }

  std::string Where(const toml::node& node) const {
    return path_.string() + ":" + std::to_string(node.source().begin.line);
  }
  [[noreturn]] void Fail(const toml::node& node, const std::string& message) const {
    throw Error(Where(node) + ": " + message);
  }
  [[noreturn]] void Fail(const std::string& message) const {
    throw Error(path_.string() + ": " + message);
  }

  // The file's text as a table; a syntax error is Error("file:line: what toml++ says").
  toml::table Parse(const std::string& text) const {
    try {
      return toml::parse(text, path_.string());
    } catch (const toml::parse_error& e) {
      throw Error(path_.string() + ":" + std::to_string(e.source().begin.line) + ": " +
                  std::string(e.description()));
    }
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
    return *n->template value<std::string>();
  }

  std::optional<double> Number(const toml::table& t, const char* key) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_number()) Fail(*n, "'" + std::string(key) + "' must be a number");
    double v = ToDouble(*n);
    if (!std::isfinite(v)) Fail(*n, "'" + std::string(key) + "' must be finite");
    return v;
  }

  // A number node's value. toml++'s value<double>() is empty for an integer beyond 2^53 (not
  // exactly representable); the nearest double is what such a number means here.
  static double ToDouble(const toml::node& number) {
    if (const auto* i = number.as_integer()) return static_cast<double>(i->get());
    return number.as_floating_point()->get();
  }

  std::optional<std::int64_t> Integer(const toml::table& t, const char* key) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_integer()) Fail(*n, "'" + std::string(key) + "' must be an integer");
    return *n->template value<std::int64_t>();
  }

  std::optional<bool> Boolean(const toml::table& t, const char* key) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) Fail(*n, "'" + std::string(key) + "' must be true or false");
    return *n->template value<bool>();
  }

  const toml::table* Table(const toml::table& t, const char* key) const {
    const toml::node* n = t.get(key);
    if (!n) return nullptr;
    if (!n->is_table()) Fail(*n, "'" + std::string(key) + "' must be a table [" + key + "]");
    return n->as_table();
  }

  // Empty when the key is absent.
  std::vector<std::string> Strings(const toml::table& t, const char* key) const {
    std::vector<std::string> out;
    for (const toml::node* item : Array(t, key, "a list of strings")) {
      if (!item->is_string()) Fail(*item, "'" + std::string(key) + "' must hold strings only");
      out.push_back(*item->template value<std::string>());
    }
    return out;
  }

  // Each element with its own location, for errors about one element.
  std::vector<const toml::node*> Array(const toml::table& t, const char* key,
                                       const char* expected = "a list") const {
    std::vector<const toml::node*> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::array* a = n->as_array();
    if (!a) Fail(*n, "'" + std::string(key) + "' must be " + expected);
    for (const auto& item : *a) out.push_back(&item);
    return out;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace peninsula::io
