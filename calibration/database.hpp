// The benchmark database as read from a data directory (docs/data-format.md): regions,
// SAM accounts and their kinds, factor mobility, one SAM per region, bilateral trade and
// elasticities. Reading checks syntax, labels and signs; balance and cross-file consistency
// are checked by ValidateDatabase.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "model/model_data.hpp"

namespace peninsula::calibration {

enum class AccountKind {
  kActivity,
  kCommodity,
  kFactor,
  kHousehold,
  kGovernment,
  kTaxProduction,
  kTaxSales,
  kTaxImport,
  kTaxExport,
  kTaxDirect,
  kTaxFactor,
  kSavings,
  kRestOfWorld,
};

std::optional<AccountKind> ParseAccountKind(const std::string& text);
std::string KindName(AccountKind kind);

struct Account {
  std::string name;
  AccountKind kind;
  std::string label;  // sector, factor or household label; empty for other kinds
};

struct TradeFlow {
  int commodity;  // sector index
  int exporter;   // region index
  int importer;   // region index
  double value;   // at world prices (fob = cif), base-year currency units
  double tariff_rate;
  double export_tax_rate;
  int line;
};

// A bilateral flow absent in the benchmark that a scenario may open (latent_trade.csv): the
// value it would have at benchmark prices with access, and its tax rates.
struct LatentFlow {
  int commodity, exporter, importer;
  double value;  // reference value at world prices, base-year currency
  double tariff_rate, export_tax_rate;
  std::string source;
  int line;
};

struct ElasticityRow {
  std::optional<int> region;  // nullopt: every region
  std::optional<int> sector;  // nullopt: every sector
  std::string parameter;      // sigma_va, sigma_d, sigma_m, omega
  double value;
  std::optional<double> sd;  // standard deviation, for sensitivity analysis; optional column
  std::string source;
  int line;
};

// Factor income in `region` owned by a household of another region (foreign-owned capital,
// a zone's capital owned by a partner): the benchmark income after factor tax it receives.
struct OwnershipRow {
  int region;
  int factor;
  int owner;      // region index
  int household;  // household index (in the owner region)
  double value;
  std::string source;
  int line;
};

// A technology region `region` may adopt for a good it produces (entry.csv): the donor
// region's input mix for the same sector. Scenarios make it available (parameter `entry`).
struct EntrantRow {
  int region, sector, donor;
  std::string source;
  int line;
};

struct Database {
  std::filesystem::path directory;
  std::vector<std::string> regions;
  std::vector<int> parent;  // per region: the country a zone region belongs to, or -1
  std::vector<Account> accounts;
  std::vector<std::string> sectors, factors, households;
  std::vector<model::Mobility> mobility;
  std::vector<Eigen::MatrixXd> sam;  // per region, [row account, column account]
  std::vector<TradeFlow> trade;
  std::vector<ElasticityRow> elasticities;
  std::vector<OwnershipRow> ownership;       // optional ownership.csv
  std::vector<LatentFlow> latent;            // optional latent_trade.csv
  std::vector<EntrantRow> entrants;          // optional entry.csv
  std::vector<std::filesystem::path> files;  // every file read, for provenance

  bool small_open() const { return regions.size() == 1; }
  int AccountIndex(const std::string& name) const;  // -1 if absent
  // The account of `kind` standing for set member `label` (e.g. activity "TEX"); -1 if none.
  int AccountFor(AccountKind kind, const std::string& label) const;
  std::vector<int> AccountsOfKind(AccountKind kind) const;
};

// Reads every input file of `directory`; throws DataError on the first problem.
Database ReadDatabase(const std::filesystem::path& directory);

// SAM balance per account and region, trade consistency with the SAMs, world closure of
// non-trade foreign flows. Throws DataError listing every failure.
void ValidateDatabase(const Database& db, double tolerance = 1e-6);

}  // namespace peninsula::calibration
