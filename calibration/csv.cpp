// Strict CSV reading.
#include "calibration/csv.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>

#include "io/input_file.hpp"

namespace peninsula::calibration {
namespace {

// Splits one record; `quoted_open` reports an unterminated quote.
std::vector<std::string> SplitRecord(const std::string& line, bool& quoted_open) {
  std::vector<std::string> fields(1);
  bool in_quotes = false;
  for (std::size_t k = 0; k < line.size(); ++k) {
    char c = line[k];
    if (in_quotes) {
      if (c == '"' && k + 1 < line.size() && line[k + 1] == '"') {
        fields.back() += '"';
        ++k;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      in_quotes = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  quoted_open = in_quotes;
  return fields;
}

std::string Trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

bool IsBlank(const std::string& line) { return Trim(line).empty(); }

}  // namespace

void Fail(const std::string& file, int line, const std::string& message) {
  throw DataError(file + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + message);
}

int CsvTable::Column(const std::string& name) const {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}

void CsvTable::FailAt(int row, const std::string& message) const {
  Fail(path, lines[row], message);
}

CsvTable ReadCsv(const std::filesystem::path& path, const std::vector<std::string>& required) {
  CsvTable table;
  table.path = path.string();
  if (auto why = io::NotAnInputFile(path); !why.empty()) {
    Fail(table.path, 0, why + " (expected a CSV file here)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail(table.path, 0, "cannot open file (expected a CSV file here)");
  std::string line;
  int number = 0;
  bool have_header = false;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
    if (IsBlank(line) || line[0] == '#') continue;
    bool open = false;
    auto fields = SplitRecord(line, open);
    if (open) Fail(table.path, number, "unterminated quoted field");
    for (auto& f : fields) f = Trim(f);
    if (!have_header) {
      table.header = fields;
      have_header = true;
      for (const auto& name : required) {
        if (table.Column(name) < 0) {
          Fail(
              table.path, number, "header lacks column '" + name + "' (expected columns: " + [&] {
                std::string s;
                for (const auto& r : required) s += (s.empty() ? "" : ",") + r;
                return s;
              }() + ")");
        }
      }
      continue;
    }
    if (fields.size() != table.header.size()) {
      Fail(table.path, number,
           "expected " + std::to_string(table.header.size()) + " fields as in the header, found " +
               std::to_string(fields.size()));
    }
    table.rows.push_back(std::move(fields));
    table.lines.push_back(number);
  }
  if (!have_header) Fail(table.path, 0, "file is empty (expected a header row)");
  return table;
}

double ParseNumber(const CsvTable& table, int row, int column, bool allow_infinite) {
  const std::string& text = table.Cell(row, column);
  const std::string& name = table.header[column];
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  if (allow_infinite && (lower == "inf" || lower == "infinity")) return INFINITY;
  if (text.empty()) table.FailAt(row, "column '" + name + "' is empty (expected a number)");
  // Plain decimal notation only: strtod alone would also take hexadecimal and "nan".
  if (text.find_first_not_of("0123456789+-.eE") != std::string::npos) {
    bool non_finite =
        lower.find("nan") != std::string::npos || lower.find("inf") != std::string::npos;
    table.FailAt(row, "column '" + name + "' holds '" + text +
                          (non_finite ? "' (expected a finite number)" : "' (expected a number)"));
  }
  errno = 0;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  // Underflow to a denormal or zero is harmless; overflow is not.
  bool overflow = errno == ERANGE && std::abs(value) > 1.0;
  if (end != text.c_str() + text.size() || overflow) {
    table.FailAt(row, "column '" + name + "' holds '" + text + "' (expected a number)");
  }
  if (!std::isfinite(value)) {
    table.FailAt(row, "column '" + name + "' holds '" + text + "' (expected a finite number)");
  }
  return value;
}

}  // namespace peninsula::calibration
