// The build description of a benchmark database (data/<db>/build.toml, docs/data.md): where
// the sources are, the sets, the documented priors and assumptions, which source rows feed
// each region and each trade target, and the alternative North Korean variants. Reading
// rejects unknown keys and names build.toml:line in every error.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calibration/build_data/sources.hpp"

namespace peninsula::calibration::build_data {

// One signed source row in a sum. With `percent_of_gdp` = region, the row is a percentage
// of that region's GDP; otherwise it must be a US$ amount (bn or million).
struct Term {
  Selector row;
  double sign = 1.0;
  double share = 1.0;  // the part of the row that applies (a documented assumption), in (0, 1]
  std::string percent_of_gdp;
};

struct Quantity {
  std::vector<Term> terms;
  std::string origin;  // build.toml:line
};

struct RegionSpec {
  std::string name;
  Selector gdp;           // US$ bn
  std::string structure;  // region code of the va_share / factor / intermediate rows
  std::string va_indicator = "va_share";
  std::string factor_indicator = "factor_share_va";
  std::string intermediate_indicator = "intermediate_share";
  std::string expenditure;  // region code of the c/g/gcf share rows (a donor for PRK)
  Selector tax_share;       // total tax revenue, percent of GDP
  double direct_tax_share = 0.5;
  std::optional<Selector> tariff;  // ad-valorem percent on every good's imports
  // Or one rate per good (`tariffs = { AGR = {...}, ... }`, every good listed): the
  // import-weighted applied rate of the product group each good maps to.
  std::vector<std::pair<std::string, Selector>> tariffs;
  std::string origin;
};

struct TradeTarget {
  std::string name;
  std::vector<std::string> exporters, importers, sectors;
  Quantity value;
};

struct ZeroFlow {
  std::string exporter;
  std::vector<std::string> sectors;
  std::string reason;
};

struct InterKorean {
  Selector north_to_south, south_to_north, two_way_total;
  std::string north = "PRK";  // the region that carries the flows (a zone, since May 24 2010)
  std::vector<std::pair<std::string, Selector>> items;  // sector -> two-way value of the item
  std::string remainder_sector;
};

// Capital income of `host` owned by residents of `owner`: paid rest_of_world <- CAP in the
// host, received household <- rest_of_world in the owner. Either a sum of rows or a share of
// the host's capital income in `sectors`.
struct ForeignCapital {
  std::string name, host, owner;
  std::string factor = "CAP";  // any mobile factor: CAP for investment, LAB_U for workers abroad
  std::optional<Quantity> value;
  double share = 0.0;
  std::vector<std::string> sectors;
  std::string note;
};

// A flow absent in the benchmark that scenarios may open (latent_trade.csv), with its
// reference value: what it would be worth at benchmark prices with access. With several
// importers the value is split in proportion to each importer's benchmark imports of the
// commodity: the share a new Armington source would gain in each market at equal prices.
struct LatentSpec {
  std::string name, sector, exporter;
  std::vector<std::string> importers;
  Quantity value;
};

// A donor's technology a region may adopt for a good it produces (entry.csv).
struct EntrySpec {
  std::string region, sector, donor, source;
};

struct ZoneItem {
  std::string zone, item, sector, unit, note, status;
  std::optional<Selector> row;
  std::string capital_owner;
};

// A special economic zone that is a region of its own (ADR 0005), on processing terms: its
// trade is the fixed flows it carries (the inter-Korean flows for Kaesong), its materials are
// its imports, its value added is labour at the published wage bill and capital for the rest,
// its labour income goes to the parent's household and its capital income to the partner's.
struct ZoneRegion {
  std::string name, description, parent, partner, labour, capital;
  Selector wage_bill;  // US$
  std::string origin;  // build.toml:line
};

struct Variant {
  std::string name, description;
  std::vector<RegionSpec> regions;  // every region, overrides applied
};

struct BuildConfig {
  std::filesystem::path file;  // build.toml
  std::string name, units;
  int unit_digits = 6;  // the written unit is 10^unit_digits US$ (6: million, 9: billion)
  std::filesystem::path sources, output, variants_dir;
  std::string central_variant;
  std::vector<std::string> regions, sectors, factors, specific_factors, goods, traded_services;
  std::vector<std::string> consumption, government, investment;  // commodities each buys
  std::vector<std::string> tariff_free_pairs;                    // "KOR-PRK"
  std::vector<TradeTarget> trade_targets;
  // Services prior: each pair's goods flow times numerator / denominator (world services over
  // world goods exports).
  Selector services_numerator, services_denominator;
  std::vector<ZeroFlow> zero_flows;
  InterKorean inter_korean;
  std::vector<ForeignCapital> foreign_capital;
  std::vector<LatentSpec> latent;
  std::vector<EntrySpec> entrants;
  std::vector<ZoneItem> zones;
  std::vector<ZoneRegion> zone_regions;  // appended to `regions`, after the ordinary ones
  std::vector<Variant> variants;

  const Variant& Central() const;
  // The zone region of that index, or nullptr for an ordinary region.
  const ZoneRegion* Zone(int region) const;
};

// Reads and checks build.toml; paths in it are relative to its directory.
BuildConfig ReadBuildConfig(const std::filesystem::path& file);

}  // namespace peninsula::calibration::build_data
