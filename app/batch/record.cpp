// Line encoding of draw results: tab-separated tokens, strings percent-escaped, doubles as
// C99 hexadecimal floats, a leading "D" and a trailing "E" so a cut line is recognised.
#include "app/batch/record.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace peninsula::app::batch {
namespace {

std::string Escape(const std::string& s) {
  if (s.empty()) return "~";
  std::string out;
  for (unsigned char ch : s) {
    if (ch == '%' || ch == '~' || ch < 0x20 || ch == 0x7f) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", ch);
      out += buf;
    } else {
      out += static_cast<char>(ch);
    }
  }
  return out;
}

std::optional<std::string> Unescape(const std::string& s) {
  if (s == "~") return std::string();
  std::string out;
  for (std::size_t k = 0; k < s.size(); ++k) {
    if (s[k] != '%') {
      out += s[k];
      continue;
    }
    if (k + 2 >= s.size()) return std::nullopt;
    char* end = nullptr;
    std::string hex = s.substr(k + 1, 2);
    long v = std::strtol(hex.c_str(), &end, 16);
    if (hex.size() != 2 || *end) return std::nullopt;
    out += static_cast<char>(v);
    k += 2;
  }
  return out;
}

std::string Hex(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", v);
  return buf;
}

class Tokens {
 public:
  explicit Tokens(const std::string& line) {
    std::size_t start = 0;
    for (std::size_t k = 0; k <= line.size(); ++k) {
      if (k == line.size() || line[k] == '\t') {
        tokens_.push_back(line.substr(start, k - start));
        start = k + 1;
      }
    }
  }
  bool Next(std::string& out) {
    if (pos_ >= tokens_.size()) return false;
    out = tokens_[pos_++];
    return true;
  }
  bool Integer(long long& out) {
    std::string t;
    if (!Next(t) || t.empty()) return false;
    char* end = nullptr;
    errno = 0;
    out = std::strtoll(t.c_str(), &end, 10);
    return !*end && errno == 0;
  }
  bool Double(double& out) {
    std::string t;
    if (!Next(t) || t.empty()) return false;
    char* end = nullptr;
    out = std::strtod(t.c_str(), &end);
    return !*end;
  }
  bool String(std::string& out) {
    std::string t;
    if (!Next(t)) return false;
    auto s = Unescape(t);
    if (s) out = *s;
    return s.has_value();
  }
  bool AtEnd() const { return pos_ == tokens_.size(); }

 private:
  std::vector<std::string> tokens_;
  std::size_t pos_ = 0;
};

bool DecodeScenario(Tokens& t, ScenarioResult& s) {
  long long n = 0;
  if (!t.String(s.status) || s.status.empty() || !t.String(s.message) || !t.Integer(s.iterations) ||
      !t.Double(s.seconds) || !t.Double(s.max_residual) || !t.Integer(n) || n < 0 ||
      n > 1'000'000) {
    return false;
  }
  s.outcomes.resize(static_cast<std::size_t>(n));
  for (double& v : s.outcomes) {
    if (!t.Double(v)) return false;
  }
  return true;
}

}  // namespace

std::string Encode(const DrawResult& r) {
  std::ostringstream out;
  out << "D\t" << r.index << '\t' << Escape(r.error) << '\t' << r.scenarios.size();
  for (const auto& s : r.scenarios) {
    out << '\t' << Escape(s.status) << '\t' << Escape(s.message) << '\t' << s.iterations << '\t'
        << Hex(s.seconds) << '\t' << Hex(s.max_residual) << '\t' << s.outcomes.size();
    for (double v : s.outcomes) out << '\t' << Hex(v);
  }
  out << "\tE";
  return out.str();
}

std::optional<DrawResult> Decode(const std::string& line) {
  Tokens t(line);
  DrawResult r;
  std::string tag;
  long long n = 0;
  if (!t.Next(tag) || tag != "D" || !t.Integer(r.index) || r.index < 0 || !t.String(r.error) ||
      !t.Integer(n) || n < 0 || n > 100'000) {
    return std::nullopt;
  }
  r.scenarios.resize(static_cast<std::size_t>(n));
  for (auto& s : r.scenarios) {
    if (!DecodeScenario(t, s)) return std::nullopt;
  }
  if (!t.Next(tag) || tag != "E" || !t.AtEnd()) return std::nullopt;
  return r;
}

}  // namespace peninsula::app::batch
