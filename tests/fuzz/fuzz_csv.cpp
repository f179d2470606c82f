// libFuzzer target: calibration::ReadCsv and ParseNumber on arbitrary bytes.
// The first byte chooses the required-column list (one of the data files' lists, or none)
// and whether ParseNumber accepts infinities; the rest is the file. DataError is the
// expected outcome of bad input; any other exception, crash or sanitizer report is a finding.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "calibration/csv.hpp"
#include "fuzz_support.hpp"

using peninsula::calibration::DataError;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<std::vector<std::string>> kRequired = {
      {},
      {"region"},
      {"account", "kind", "label"},
      {"factor", "mobility"},
      {"region", "row", "column", "value"},
      {"commodity", "exporter", "importer", "value", "tariff_rate", "export_tax_rate"},
      {"region", "sector", "parameter", "value", "source"},
  };
  static const auto path = peninsula::fuzz::ScratchDir() / "input.csv";
  if (size == 0) return 0;
  const auto& required = kRequired[data[0] % kRequired.size()];
  const bool allow_infinite = (data[0] / kRequired.size()) % 2 == 1;
  peninsula::fuzz::WriteFile(path, peninsula::fuzz::AsView(data + 1, size - 1));
  try {
    auto table = peninsula::calibration::ReadCsv(path, required);
    for (const auto& name : required) {
      if (table.Column(name) < 0) __builtin_trap();  // ReadCsv promised every required column
    }
    for (int r = 0; r < static_cast<int>(table.rows.size()); ++r) {
      if (table.rows[r].size() != table.header.size()) __builtin_trap();
      for (int c = 0; c < static_cast<int>(table.header.size()); ++c) {
        try {
          double v = peninsula::calibration::ParseNumber(table, r, c, allow_infinite);
          if (std::isnan(v) || (!allow_infinite && std::isinf(v))) __builtin_trap();
        } catch (const DataError&) {
        }
      }
    }
  } catch (const DataError&) {
  }
  return 0;
}
