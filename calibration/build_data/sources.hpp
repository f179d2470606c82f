// The sourced control totals of data/<db>/sources/*.csv (11 columns: indicator, region,
// partner, sector, factor, value, unit, year, source, status, note) and exact lookups into
// them. Every number the database builder uses comes through a Selector, so each generated
// cell can name the source rows (file:line) it was derived from. Rows whose note starts with
// "PLACEHOLDER" are gaps, not data: a selector never returns them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace peninsula::calibration::build_data {

struct SourceRow {
  std::string file;  // file name inside the sources directory
  int line = 0;
  std::string indicator, region, partner, sector, factor;
  double value = 0.0;
  std::string unit, year, source, status, note;
  bool placeholder = false;

  std::string Ref() const { return file + ":" + std::to_string(line); }
};

// Which row: fields are matched exactly (an omitted field must be empty in the row), except
// `file`, `year` and `note` (a prefix of the note), which match anything when left empty.
struct Selector {
  std::string file, indicator, region, partner, sector, factor, year, note;
  std::string origin;  // where the selector was written (build.toml:line), for errors

  std::string Describe() const;
};

class Sources {
 public:
  // Reads every *.csv of `directory` in name order; throws DataError naming file and line.
  static Sources Read(const std::filesystem::path& directory);

  // The single data row matching `s`; throws DataError (naming s.origin and the candidates)
  // when none, several, or only a placeholder row match.
  const SourceRow& One(const Selector& s) const;
  const std::vector<SourceRow>& rows() const { return rows_; }
  const std::filesystem::path& directory() const { return directory_; }

 private:
  std::filesystem::path directory_;
  std::vector<SourceRow> rows_;
};

}  // namespace peninsula::calibration::build_data
