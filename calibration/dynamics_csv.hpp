// The growth data of recursive-dynamic paths, dynamics.csv (docs/data-format.md,
// "dynamics.csv"; docs/dynamics.md): labour and GDP growth, depreciation, capital-output
// ratios, the military and soldiers of the peace dividend, catch-up rates. The file holds
// facts, one row each, alternatives included; the engine asks for one value per parameter,
// region and year, and a question with two different answers is an error naming both rows.
// Reading is strict: every problem names the file, the line, the column and what was
// expected.
#pragma once

#include <climits>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "calibration/csv.hpp"
#include "model/model_data.hpp"

namespace peninsula::calibration {

// One row. Periods: "2015" (from = to), "2015-2025", "pre-1986" (from = INT_MIN, to = 1985).
struct DynamicsRow {
  std::string parameter, region, factor;  // region "*": any region without its own row
  int from = 0, to = 0;
  double value = 0.0;  // percent units already turned into fractions
  std::string unit, status;
  std::string origin;  // "file:line"
};

bool IsDynamicsParameter(const std::string& name);
// labour_growth, gdp_growth and depreciation are yearly rates: a row applies to the change
// into year t when from < t <= to. The others are levels: from <= t <= to.
bool IsDynamicsRate(const std::string& name);

class DynamicsData {
 public:
  using Accept = std::function<bool(const DynamicsRow&)>;
  void Add(DynamicsRow row) { rows_.push_back(std::move(row)); }
  const std::vector<DynamicsRow>& rows() const { return rows_; }

  // The value of `parameter` for `region` in `year`: the row whose period covers the year,
  // else the latest single-year row before it (an observation holds until a later one; a
  // period holds over its own years only). Rows of the region first, else of "*"; for
  // labour_growth the factor's own rows first, else those for all labour (LAB or empty).
  // Other parameters ignore the factor.
  // nullptr when nothing applies; throws DataError naming both rows when two rows apply with
  // different values. `accept` (optional) filters rows, e.g. by unit.
  const DynamicsRow* Find(const std::string& parameter, const std::string& region,
                          const std::string& factor, int year, const Accept& accept = {}) const;
  std::string source;  // the file, for messages

 private:
  const DynamicsRow* FindFor(const std::string& parameter, const std::string& region,
                             const std::string& factor, int year, const Accept& accept,
                             bool general) const;
  std::vector<DynamicsRow> rows_;
};

// Whether a row's unit is a yearly rate ("fraction/yr", "% per year"): tfp_catchup holds both
// rates (catch-up speeds, growth) and levels (ratios to a frontier).
bool IsYearlyUnit(const std::string& unit);

// Columns parameter,region,factor,period,value,unit,status,source (others, such as note, are
// kept out). Regions must be labels of `sets` or "*", factors labels of `sets`, LAB or empty;
// rows whose status starts with PLACEHOLDER are gaps and are left out.
DynamicsData ReadDynamics(const std::filesystem::path& path, const model::ModelSets& sets);

}  // namespace peninsula::calibration
