// Step 1 of the build: the world bilateral trade matrix (commodity × exporter × importer) at
// world prices, balanced by cross-entropy (solver/cross_entropy) from a documented prior:
// goods pair totals from trade_goods.csv split by the exporter's gross-output composition,
// services spread over importers by GDP, subject to the product and services targets of
// build.toml; inter-Korean flows fixed from inter_korean.csv.
#pragma once

#include <string>
#include <vector>

#include "calibration/build_data/build_config.hpp"
#include "calibration/build_data/inputs.hpp"
#include "calibration/build_data/quanta.hpp"

namespace peninsula::calibration::build_data {

struct TradeMatrix {
  int sectors = 0, regions = 0;
  std::vector<Quanta> value;               // [i][s][r], US$ quanta
  std::vector<double> tariff_rate;         // importer's rate on the flow
  std::vector<Quanta> tariff_revenue;      // [i][r]: the importer's revenue, a whole number of US$
  std::vector<std::string> derivation;     // per flow
  std::vector<std::string> target_report;  // "name: target x, reproduced y"

  int Id(int i, int s, int r) const { return (i * regions + s) * regions + r; }
  Quanta Exports(int i, int s) const;
  Quanta Imports(int i, int r) const;
  Quanta Tariffs(int i, int r) const { return tariff_revenue[i * regions + r]; }
};

TradeMatrix BuildTradeMatrix(const BuildConfig& config, const std::vector<RegionInputs>& regions,
                             const Evaluator& eval);

}  // namespace peninsula::calibration::build_data
