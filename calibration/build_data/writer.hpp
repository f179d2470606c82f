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

// Capital income of `host` owned by households of `owner` (one ownership.csv row): the same
// whole-US$ amount that is part of the host's rest_of_world <- CAP cell and of the owner's
// household <- rest_of_world cell.
struct OwnedCapital {
  int host = 0, owner = 0;
  std::string factor = "CAP";
  Quanta value = 0;
  std::string ref;
};

// One latent_trade.csv row: a flow absent from trade.csv and its reference value.
struct LatentRow {
  int sector = 0, exporter = 0, importer = 0;
  Quanta value = 0;
  double tariff_rate = 0.0;
  std::string source;
};

std::string RegionsCsv(const BuildConfig& c, const Variant& v);
std::string AccountsCsv(const BuildConfig& c);
std::string FactorsCsv(const BuildConfig& c);
std::string SamCsv(const BuildConfig& c, const std::vector<RegionSam>& sams);
std::string TradeCsv(const BuildConfig& c, const TradeMatrix& t);
std::string ElasticitiesCsv(const BuildConfig& c, const Sources& s);
std::string OwnershipCsv(const BuildConfig& c, const std::vector<OwnedCapital>& owned);
std::string LatentTradeCsv(const BuildConfig& c, const std::vector<LatentRow>& latent);
std::string EntryCsv(const BuildConfig& c);
std::string ZonesCsv(const BuildConfig& c, const Sources& s);
std::string ControlsCsv(const BuildConfig& c, const std::vector<RegionSam>& sams,
                        const TradeMatrix& t);
std::string Readme(const BuildConfig& c, const Variant& v);

// RFC 4180 quoting when needed.
std::string Quote(const std::string& field);

}  // namespace peninsula::calibration::build_data
