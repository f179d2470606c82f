// Text of the generated database files (docs/data-format.md) with the extra, unread
// `derivation` column on sam.csv and trade.csv rows, plus elasticities.csv from the sourced
// elasticities, zones.csv and README.md.
#pragma once

#include <string>
#include <vector>

#include "calibration/build_data/build_config.hpp"
#include "calibration/build_data/region_sam.hpp"
#include "calibration/build_data/trade_matrix.hpp"

namespace peninsula::calibration::build_data {

std::string RegionsCsv(const BuildConfig& c, const Variant& v);
std::string AccountsCsv(const BuildConfig& c);
std::string FactorsCsv(const BuildConfig& c);
std::string SamCsv(const BuildConfig& c, const std::vector<RegionSam>& sams);
std::string TradeCsv(const BuildConfig& c, const TradeMatrix& t);
std::string ElasticitiesCsv(const BuildConfig& c, const Sources& s);
std::string ZonesCsv(const BuildConfig& c, const Sources& s);
std::string ControlsCsv(const BuildConfig& c, const std::vector<RegionSam>& sams,
                        const TradeMatrix& t);
std::string Readme(const BuildConfig& c, const Variant& v);

// RFC 4180 quoting when needed.
std::string Quote(const std::string& field);

}  // namespace peninsula::calibration::build_data
