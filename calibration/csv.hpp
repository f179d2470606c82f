// A strict reader for the tidy CSV inputs (RFC 4180 quoting, a header row, '#' comment
// lines). Every problem is a DataError that names the file, the line and what was expected.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace peninsula::calibration {

class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "file:line: message"
[[noreturn]] void Fail(const std::string& file, int line, const std::string& message);

struct CsvTable {
  std::string path;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;  // source line of each row

  int Column(const std::string& name) const;  // -1 if absent
  const std::string& Cell(int row, int column) const { return rows[row][column]; }
  [[noreturn]] void FailAt(int row, const std::string& message) const;
};

// Reads `path`; the header must contain every name in `required` (others are allowed and
// kept). Rows must have exactly as many fields as the header.
CsvTable ReadCsv(const std::filesystem::path& path, const std::vector<std::string>& required);

// Parses a finite number from a cell; names the column and what was found on failure.
// With `allow_infinite`, "inf" and "infinity" are accepted too.
double ParseNumber(const CsvTable& table, int row, int column, bool allow_infinite = false);

}  // namespace peninsula::calibration
