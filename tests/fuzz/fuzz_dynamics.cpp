// libFuzzer target: the growth data of paths (dynamics.csv, docs/data-format.md) through
// calibration::ReadDynamics with data/korea2015's regions and factors, then the lookups the
// path runner makes (DynamicsData::Find for every parameter, region and factor over the years
// of a path). DataError is the expected outcome of bad input, from the reader or from a lookup
// that finds two rows with different values; any other exception, crash, sanitizer report or
// hang is a finding, and so is accepted data that breaks what the reader promises.
#include <climits>
#include <cmath>
#include <cstdint>
#include <string>

#include "calibration/dynamics_csv.hpp"
#include "fuzz_support.hpp"

namespace {

using peninsula::calibration::DataError;
using peninsula::calibration::DynamicsData;
using peninsula::calibration::DynamicsRow;
using peninsula::model::ModelSets;
using peninsula::model::Set;

const ModelSets& Sets() {
  static const ModelSets sets = [] {
    ModelSets s;
    s.regions = Set("region", {"KOR", "PRK", "CHN", "VNM", "ROW", "KSZ"});
    s.factors = Set("factor", {"LAB_U", "LAB_S", "CAP", "LND", "RES"});
    return s;
  }();
  return sets;
}

void CheckRow(const DynamicsRow& r) {
  if (!peninsula::calibration::IsDynamicsParameter(r.parameter)) __builtin_trap();
  if (r.region != "*" && !Sets().regions.Find(r.region)) __builtin_trap();
  if (!r.factor.empty() && r.factor != "LAB" && !Sets().factors.Find(r.factor)) __builtin_trap();
  if (r.status.empty()) __builtin_trap();
  if (r.from > r.to || !std::isfinite(r.value) || r.origin.empty()) __builtin_trap();
}

const char* const kParameters[] = {"labour_growth",  "gdp_growth",       "depreciation",
                                   "capital_output", "investment_share", "military_spending_share",
                                   "soldiers",       "labour_force",     "tfp_catchup"};

void Check(const DynamicsData& data, const std::string& parameter, const std::string& region,
           const std::string& factor, int year, const DynamicsData::Accept& accept = {}) {
  try {
    const DynamicsRow* row = data.Find(parameter, region, factor, year, accept);
    if (row && (row->parameter != parameter || !std::isfinite(row->value))) __builtin_trap();
    if (row && row->region != region && row->region != "*") __builtin_trap();
    if (row && accept && !accept(*row)) __builtin_trap();
  } catch (const DataError&) {
  }
}

// What the path runner asks (app/path_*.cpp), every answer checked, over a path's years:
// labour growth by factor, the other parameters by region, catch-up rates by their unit.
void Lookups(const DynamicsData& data) {
  const auto yearly = [](const DynamicsRow& r) {
    return peninsula::calibration::IsYearlyUnit(r.unit);
  };
  for (const auto& region : Sets().regions.labels()) {
    for (int year : {1900, 1985, 2015, 2016, 2025, 2045, 2200}) {
      for (const char* parameter : kParameters) Check(data, parameter, region, "", year);
      for (const char* factor : {"LAB_U", "LAB_S"})
        Check(data, "labour_growth", region, factor, year);
      Check(data, "tfp_catchup", region, "", year, yearly);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto path = peninsula::fuzz::ScratchDir() / "dynamics.csv";
  peninsula::fuzz::WriteFile(path, peninsula::fuzz::AsView(data, size));
  try {
    DynamicsData d = peninsula::calibration::ReadDynamics(path, Sets());
    for (const auto& r : d.rows()) CheckRow(r);
    Lookups(d);
  } catch (const DataError&) {
  }
  return 0;
}
