// Reading the benchmark database files.
#include "calibration/database.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "calibration/csv.hpp"
#include "calibration/entry.hpp"

namespace peninsula::calibration {
namespace {

const std::vector<std::pair<std::string, AccountKind>>& KindNames() {
  static const std::vector<std::pair<std::string, AccountKind>> names = {
      {"activity", AccountKind::kActivity},
      {"commodity", AccountKind::kCommodity},
      {"factor", AccountKind::kFactor},
      {"household", AccountKind::kHousehold},
      {"government", AccountKind::kGovernment},
      {"tax_production", AccountKind::kTaxProduction},
      {"tax_sales", AccountKind::kTaxSales},
      {"tax_import", AccountKind::kTaxImport},
      {"tax_export", AccountKind::kTaxExport},
      {"tax_direct", AccountKind::kTaxDirect},
      {"tax_factor", AccountKind::kTaxFactor},
      {"savings", AccountKind::kSavings},
      {"rest_of_world", AccountKind::kRestOfWorld},
  };
  return names;
}

// A label may be used inside variable names and wildcard patterns.
void CheckLabel(const CsvTable& t, int row, int col) {
  const std::string& s = t.Cell(row, col);
  if (s.empty()) t.FailAt(row, "column '" + t.header[col] + "' is empty (expected a label)");
  if (s.find_first_of("(),*\" ") != std::string::npos) {
    t.FailAt(row, "label '" + s + "' in column '" + t.header[col] +
                      "' contains one of ( ) , * \" or a space (expected a plain label)");
  }
}

// regions.csv: the regions, each with an optional `parent` — the country a zone region belongs
// to (ADR 0005), itself a region without a parent.
void ReadRegions(const std::filesystem::path& dir, Database& db) {
  CsvTable t = ReadCsv(dir / "regions.csv", {"region"});
  int c_region = t.Column("region"), c_parent = t.Column("parent");
  for (int k = 0; k < static_cast<int>(t.rows.size()); ++k) {
    CheckLabel(t, k, c_region);
    const std::string& r = t.Cell(k, c_region);
    if (std::find(db.regions.begin(), db.regions.end(), r) != db.regions.end()) {
      t.FailAt(k, "region '" + r + "' is listed twice");
    }
    db.regions.push_back(r);
  }
  if (db.regions.empty()) Fail(t.path, 0, "no regions listed (expected at least one)");
  db.parent.assign(db.regions.size(), -1);
  if (c_parent < 0) return;
  for (int k = 0; k < static_cast<int>(t.rows.size()); ++k) {
    const std::string& p = t.Cell(k, c_parent);
    if (p.empty()) continue;
    auto it = std::find(db.regions.begin(), db.regions.end(), p);
    if (it == db.regions.end() || p == db.regions[k])
      t.FailAt(k, "parent '" + p + "' of " + db.regions[k] +
                      " is not another region of regions.csv (expected a listed region or empty)");
    db.parent[k] = static_cast<int>(it - db.regions.begin());
  }
  for (int k = 0; k < static_cast<int>(t.rows.size()); ++k) {
    if (db.parent[k] >= 0 && db.parent[db.parent[k]] >= 0)
      t.FailAt(k, "parent " + db.regions[db.parent[k]] + " of " + db.regions[k] +
                      " has a parent itself (expected one level: zones inside countries)");
  }
}

void AddUnique(std::vector<std::string>& labels, const std::string& label) {
  if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(label);
}

void ReadAccounts(const std::filesystem::path& dir, Database& db) {
  CsvTable t = ReadCsv(dir / "accounts.csv", {"account", "kind", "label"});
  int c_account = t.Column("account"), c_kind = t.Column("kind"), c_label = t.Column("label");
  for (int k = 0; k < static_cast<int>(t.rows.size()); ++k) {
    CheckLabel(t, k, c_account);
    const std::string& name = t.Cell(k, c_account);
    if (db.AccountIndex(name) >= 0) t.FailAt(k, "account '" + name + "' is listed twice");
    auto kind = ParseAccountKind(t.Cell(k, c_kind));
    if (!kind) {
      std::string known;
      for (auto& [n, _] : KindNames()) known += (known.empty() ? "" : ", ") + n;
      t.FailAt(k, "account '" + name + "' has kind '" + t.Cell(k, c_kind) +
                      "' (expected one of: " + known + ")");
    }
    std::string label = t.Cell(k, c_label);
    bool needs_label = *kind == AccountKind::kActivity || *kind == AccountKind::kCommodity ||
                       *kind == AccountKind::kFactor || *kind == AccountKind::kHousehold;
    if (needs_label) CheckLabel(t, k, c_label);
    if (!needs_label && !label.empty()) {
      t.FailAt(k, "account '" + name + "' of kind " + KindName(*kind) + " takes no label (found '" +
                      label + "')");
    }
    if (needs_label && db.AccountFor(*kind, label) >= 0) {
      t.FailAt(k, "a second " + KindName(*kind) + " account for '" + label + "'");
    }
    bool single = *kind == AccountKind::kGovernment || *kind == AccountKind::kSavings ||
                  *kind == AccountKind::kRestOfWorld;
    if (single && !db.AccountsOfKind(*kind).empty()) {
      t.FailAt(k, "a second " + KindName(*kind) + " account '" + name + "' (expected one)");
    }
    db.accounts.push_back({name, *kind, label});
    if (*kind == AccountKind::kActivity) AddUnique(db.sectors, label);
    if (*kind == AccountKind::kFactor) db.factors.push_back(label);
    if (*kind == AccountKind::kHousehold) db.households.push_back(label);
  }
  for (const auto& s : db.sectors) {
    if (db.AccountFor(AccountKind::kCommodity, s) < 0) {
      Fail(t.path, 0, "sector '" + s + "' has an activity account but no commodity account");
    }
  }
  for (const auto& a : db.accounts) {
    if (a.kind == AccountKind::kCommodity && db.AccountFor(AccountKind::kActivity, a.label) < 0) {
      Fail(t.path, 0, "sector '" + a.label + "' has a commodity account but no activity account");
    }
  }
  if (db.sectors.empty()) Fail(t.path, 0, "no activity accounts (expected at least one sector)");
  if (db.factors.empty()) Fail(t.path, 0, "no factor accounts (expected at least one factor)");
  if (db.households.empty()) Fail(t.path, 0, "no household accounts (expected at least one)");
}

void ReadFactors(const std::filesystem::path& dir, Database& db) {
  CsvTable t = ReadCsv(dir / "factors.csv", {"factor", "mobility"});
  int c_factor = t.Column("factor"), c_mob = t.Column("mobility");
  std::vector<std::optional<model::Mobility>> found(db.factors.size());
  for (int k = 0; k < static_cast<int>(t.rows.size()); ++k) {
    const std::string& f = t.Cell(k, c_factor);
    auto it = std::find(db.factors.begin(), db.factors.end(), f);
    if (it == db.factors.end()) t.FailAt(k, "factor '" + f + "' has no factor account");
    auto& slot = found[it - db.factors.begin()];
    if (slot) t.FailAt(k, "factor '" + f + "' is listed twice");
    const std::string& m = t.Cell(k, c_mob);
    if (m == "mobile") {
      slot = model::Mobility::kMobile;
    } else if (m == "specific") {
      slot = model::Mobility::kSpecific;
    } else {
      t.FailAt(k, "factor '" + f + "' has mobility '" + m + "' (expected mobile or specific)");
    }
  }
  for (std::size_t f = 0; f < found.size(); ++f) {
    if (!found[f]) Fail(t.path, 0, "factor '" + db.factors[f] + "' has no mobility row");
    db.mobility.push_back(*found[f]);
  }
}

// Sign rule of a SAM cell: 0 = not a known flow, 1 = must be >= 0, 2 = any sign.
int CellRule(AccountKind row, AccountKind col) {
  using K = AccountKind;
  auto is_tax = [](K k) {
    return k == K::kTaxProduction || k == K::kTaxSales || k == K::kTaxImport ||
           k == K::kTaxExport || k == K::kTaxDirect || k == K::kTaxFactor;
  };
  switch (col) {
    case K::kActivity:
      if (row == K::kCommodity || row == K::kFactor) return 1;
      return row == K::kTaxProduction ? 2 : 0;
    case K::kCommodity:
      if (row == K::kActivity || row == K::kRestOfWorld) return 1;
      return (row == K::kTaxSales || row == K::kTaxImport || row == K::kTaxExport) ? 2 : 0;
    case K::kFactor:
      if (row == K::kHousehold || row == K::kRestOfWorld) return 1;
      return row == K::kTaxFactor ? 2 : 0;
    case K::kHousehold:
      if (row == K::kCommodity || row == K::kRestOfWorld) return 1;
      return (row == K::kTaxDirect || row == K::kSavings) ? 2 : 0;
    case K::kGovernment:
      if (row == K::kCommodity || row == K::kHousehold || row == K::kRestOfWorld) return 1;
      return row == K::kSavings ? 2 : 0;
    case K::kSavings:
      if (row == K::kCommodity) return 2;
      return row == K::kRestOfWorld ? 1 : 0;
    case K::kRestOfWorld:
      if (row == K::kCommodity || row == K::kHousehold || row == K::kGovernment) return 1;
      return row == K::kSavings ? 2 : 0;
    default:
      return (is_tax(col) && row == K::kGovernment) ? 2 : 0;
  }
}

void CheckActivityOutput(const CsvTable& t, int k, const Database& db, int row, int col) {
  const Account& ra = db.accounts[row];
  const Account& ca = db.accounts[col];
  if (ra.kind == AccountKind::kActivity && ra.label != ca.label) {
    t.FailAt(k, "activity '" + ra.name + "' sells to commodity '" + ca.name +
                    "' (expected each activity to produce its own sector's commodity only)");
  }
}

void ReadSam(const std::filesystem::path& dir, Database& db) {
  CsvTable t = ReadCsv(dir / "sam.csv", {"region", "row", "column", "value"});
  int c_region = t.Column("region"), c_row = t.Column("row"), c_col = t.Column("column");
  int c_value = t.Column("value");
  int n = static_cast<int>(db.accounts.size());
  db.sam.assign(db.regions.size(), Eigen::MatrixXd::Zero(n, n));
  std::set<std::tuple<int, int, int>> seen;
  for (int k = 0; k < static_cast<int>(t.rows.size()); ++k) {
    const std::string& region = t.Cell(k, c_region);
    auto rit = std::find(db.regions.begin(), db.regions.end(), region);
    if (rit == db.regions.end())
      t.FailAt(k, "unknown region '" + region + "' (not in regions.csv)");
    int r = static_cast<int>(rit - db.regions.begin());
    int row = db.AccountIndex(t.Cell(k, c_row));
    int col = db.AccountIndex(t.Cell(k, c_col));
    if (row < 0)
      t.FailAt(k, "unknown row account '" + t.Cell(k, c_row) + "' (not in accounts.csv)");
    if (col < 0)
      t.FailAt(k, "unknown column account '" + t.Cell(k, c_col) + "' (not in accounts.csv)");
    double value = ParseNumber(t, k, c_value);
    if (!seen.insert({r, row, col}).second) {
      t.FailAt(k, "cell (" + region + ", " + t.Cell(k, c_row) + ", " + t.Cell(k, c_col) +
                      ") is given twice");
    }
    int rule = CellRule(db.accounts[row].kind, db.accounts[col].kind);
    if (rule == 0 && value != 0.0) {
      t.FailAt(k, "cell (" + region + ", " + t.Cell(k, c_row) + ", " + t.Cell(k, c_col) +
                      "): a payment from " + KindName(db.accounts[col].kind) + " to " +
                      KindName(db.accounts[row].kind) + " is not a flow the model knows");
    }
    if (rule == 1 && value < 0.0) {
      t.FailAt(k, "cell (" + region + ", " + t.Cell(k, c_row) + ", " + t.Cell(k, c_col) +
                      ") is negative (" + t.Cell(k, c_value) +
                      "; expected >= 0 for a payment from " + KindName(db.accounts[col].kind) +
                      " to " + KindName(db.accounts[row].kind) + ")");
    }
    if (db.accounts[col].kind == AccountKind::kCommodity) CheckActivityOutput(t, k, db, row, col);
    db.sam[r](row, col) = value;
  }
}

int RegionIndex(const CsvTable& t, int k, int col, const Database& db) {
  const std::string& s = t.Cell(k, col);
  auto it = std::find(db.regions.begin(), db.regions.end(), s);
  if (it == db.regions.end()) {
    t.FailAt(k, "unknown region '" + s + "' in column '" + t.header[col] + "'");
  }
  return static_cast<int>(it - db.regions.begin());
}

int SectorIndex(const CsvTable& t, int k, int col, const Database& db) {
  const std::string& s = t.Cell(k, col);
  auto it = std::find(db.sectors.begin(), db.sectors.end(), s);
  if (it == db.sectors.end()) {
    t.FailAt(k, "unknown sector '" + s + "' in column '" + t.header[col] + "'");
  }
  return static_cast<int>(it - db.sectors.begin());
}

// The fields trade.csv and latent_trade.csv share: the flow's labels, value, tax rates and
// line, with the checks that hold for both (two different regions, rates above -100%).
template <class Flow>
void ReadFlowFields(const CsvTable& t, int k, const Database& db, Flow& f) {
  f.commodity = SectorIndex(t, k, t.Column("commodity"), db);
  f.exporter = RegionIndex(t, k, t.Column("exporter"), db);
  f.importer = RegionIndex(t, k, t.Column("importer"), db);
  f.value = ParseNumber(t, k, t.Column("value"));
  f.tariff_rate = ParseNumber(t, k, t.Column("tariff_rate"));
  f.export_tax_rate = ParseNumber(t, k, t.Column("export_tax_rate"));
  f.line = t.lines[k];
  if (f.exporter == f.importer) {
    t.FailAt(k, "exporter and importer are the same region '" + db.regions[f.exporter] +
                    "' (expected trade between two different regions)");
  }
  for (auto [name, rate] :
       {std::pair{"tariff_rate", f.tariff_rate}, std::pair{"export_tax_rate", f.export_tax_rate}}) {
    if (rate <= -1) {
      t.FailAt(k, std::string(name) + " " + t.Cell(k, t.Column(name)) +
                      " (expected a rate above -100%, i.e. > -1)");
    }
  }
}

void ReadTrade(const std::filesystem::path& dir, Database& db) {
  auto path = dir / "trade.csv";
  if (db.small_open()) {
    if (std::filesystem::exists(path)) {
      Fail(path.string(), 0,
           "a one-region database (a small open or a closed economy) takes no "
           "bilateral trade file (remove it, or add regions)");
    }
    return;
  }
  CsvTable t = ReadCsv(
      path, {"commodity", "exporter", "importer", "value", "tariff_rate", "export_tax_rate"});
  db.files.push_back(path);
  std::set<std::tuple<int, int, int>> seen;
  for (int k = 0; k < static_cast<int>(t.rows.size()); ++k) {
    TradeFlow f;
    ReadFlowFields(t, k, db, f);
    if (f.value < 0) t.FailAt(k, "trade value is negative (expected >= 0)");
    if (!seen.insert({f.commodity, f.exporter, f.importer}).second) {
      t.FailAt(k, "flow (" + db.sectors[f.commodity] + ", " + db.regions[f.exporter] + ", " +
                      db.regions[f.importer] + ") is given twice");
    }
    db.trade.push_back(f);
  }
}

void ReadElasticities(const std::filesystem::path& dir, Database& db) {
  CsvTable t =
      ReadCsv(dir / "elasticities.csv", {"region", "sector", "parameter", "value", "source"});
  static const std::set<std::string> kKnown = {"sigma_va", "sigma_d", "sigma_m", "omega"};
  for (int k = 0; k < static_cast<int>(t.rows.size()); ++k) {
    ElasticityRow e;
    if (t.Cell(k, t.Column("region")) != "*") e.region = RegionIndex(t, k, t.Column("region"), db);
    if (t.Cell(k, t.Column("sector")) != "*") e.sector = SectorIndex(t, k, t.Column("sector"), db);
    e.parameter = t.Cell(k, t.Column("parameter"));
    if (!kKnown.count(e.parameter)) {
      t.FailAt(k, "unknown parameter '" + e.parameter +
                      "' (expected sigma_va, sigma_d, sigma_m or omega)");
    }
    e.value = ParseNumber(t, k, t.Column("value"), e.parameter == "omega");
    if (e.value < 0 || (e.parameter == "omega" && e.value == 0)) {
      t.FailAt(k, e.parameter + " = " + t.Cell(k, t.Column("value")) +
                      " is out of range (expected >= 0; omega > 0 or inf)");
    }
    if (int sd = t.Column("sd"); sd >= 0 && !t.Cell(k, sd).empty()) {
      e.sd = ParseNumber(t, k, sd, false);
      if (!(*e.sd >= 0)) {
        t.FailAt(k, "sd = " + t.Cell(k, sd) + " is negative (expected a standard deviation >= 0)");
      }
    }
    e.source = t.Cell(k, t.Column("source"));
    if (e.source.empty()) t.FailAt(k, "column 'source' is empty (every elasticity needs a source)");
    e.line = t.lines[k];
    db.elasticities.push_back(e);
  }
}

int LabelIndex(const CsvTable& t, int k, const char* column, const std::vector<std::string>& set,
               const char* what) {
  const std::string& s = t.Cell(k, t.Column(column));
  auto it = std::find(set.begin(), set.end(), s);
  if (it == set.end()) t.FailAt(k, "unknown " + std::string(what) + " '" + s + "'");
  return static_cast<int>(it - set.begin());
}

void ReadOwnership(const std::filesystem::path& dir, Database& db) {
  auto path = dir / "ownership.csv";
  if (!std::filesystem::exists(path)) return;
  if (db.small_open()) {
    Fail(path.string(), 0,
         "ownership needs several regions (income is owned by another region of the database)");
  }
  CsvTable t = ReadCsv(path, {"region", "factor", "owner", "household", "value", "source"});
  db.files.push_back(path);
  std::set<std::tuple<int, int, int>> seen;
  for (int k = 0; k < static_cast<int>(t.rows.size()); ++k) {
    OwnershipRow o;
    o.region = RegionIndex(t, k, t.Column("region"), db);
    o.factor = LabelIndex(t, k, "factor", db.factors, "factor");
    o.owner = RegionIndex(t, k, t.Column("owner"), db);
    o.household = LabelIndex(t, k, "household", db.households, "household");
    o.value = ParseNumber(t, k, t.Column("value"));
    o.source = t.Cell(k, t.Column("source"));
    o.line = t.lines[k];
    if (o.owner == o.region) t.FailAt(k, "owner is the region itself (expected another region)");
    if (db.mobility[o.factor] != model::Mobility::kMobile) {
      t.FailAt(
          k, "factor '" + db.factors[o.factor] + "' is sector-specific (expected a mobile factor)");
    }
    if (!(o.value > 0)) t.FailAt(k, "value " + t.Cell(k, t.Column("value")) + " (expected > 0)");
    if (o.source.empty()) t.FailAt(k, "column 'source' is empty (every row needs a source)");
    if (!seen.insert({o.region, o.factor, o.owner}).second) {
      t.FailAt(k, "(" + db.regions[o.region] + ", " + db.factors[o.factor] + ", " +
                      db.regions[o.owner] + ") is given twice");
    }
    db.ownership.push_back(o);
  }
}

void ReadLatentTrade(const std::filesystem::path& dir, Database& db) {
  auto path = dir / "latent_trade.csv";
  if (!std::filesystem::exists(path)) return;
  if (db.small_open()) {
    Fail(path.string(), 0, "latent flows need several regions (they are bilateral flows)");
  }
  CsvTable t = ReadCsv(path, {"commodity", "exporter", "importer", "value", "tariff_rate",
                              "export_tax_rate", "source"});
  db.files.push_back(path);
  std::set<std::tuple<int, int, int>> seen, traded;
  for (const auto& f : db.trade) {
    if (f.value > 0) traded.insert({f.commodity, f.exporter, f.importer});
  }
  for (int k = 0; k < static_cast<int>(t.rows.size()); ++k) {
    LatentFlow f;
    ReadFlowFields(t, k, db, f);
    f.source = t.Cell(k, t.Column("source"));
    std::string flow = "(" + db.sectors[f.commodity] + ", " + db.regions[f.exporter] + ", " +
                       db.regions[f.importer] + ")";
    if (!(f.value > 0)) t.FailAt(k, "value " + t.Cell(k, t.Column("value")) + " (expected > 0)");
    if (f.source.empty()) t.FailAt(k, "column 'source' is empty (every row needs a source)");
    if (traded.count({f.commodity, f.exporter, f.importer})) {
      t.FailAt(k,
               "flow " + flow + " exists in trade.csv (a latent flow is absent in the benchmark)");
    }
    if (!seen.insert({f.commodity, f.exporter, f.importer}).second) {
      t.FailAt(k, "flow " + flow + " is given twice");
    }
    db.latent.push_back(f);
  }
}

}  // namespace

std::optional<AccountKind> ParseAccountKind(const std::string& text) {
  for (auto& [name, kind] : KindNames()) {
    if (name == text) return kind;
  }
  return std::nullopt;
}

std::string KindName(AccountKind kind) {
  for (auto& [name, k] : KindNames()) {
    if (k == kind) return name;
  }
  return "?";
}

int Database::AccountIndex(const std::string& name) const {
  for (int a = 0; a < static_cast<int>(accounts.size()); ++a) {
    if (accounts[a].name == name) return a;
  }
  return -1;
}

int Database::AccountFor(AccountKind kind, const std::string& label) const {
  for (int a = 0; a < static_cast<int>(accounts.size()); ++a) {
    if (accounts[a].kind == kind && accounts[a].label == label) return a;
  }
  return -1;
}

std::vector<int> Database::AccountsOfKind(AccountKind kind) const {
  std::vector<int> out;
  for (int a = 0; a < static_cast<int>(accounts.size()); ++a) {
    if (accounts[a].kind == kind) out.push_back(a);
  }
  return out;
}

Database ReadDatabase(const std::filesystem::path& directory) {
  if (!std::filesystem::is_directory(directory)) {
    throw DataError(directory.string() + ": not a directory (expected a data directory)");
  }
  Database db;
  db.directory = directory;
  ReadRegions(directory, db);
  ReadAccounts(directory, db);
  ReadFactors(directory, db);
  ReadSam(directory, db);
  ReadTrade(directory, db);
  ReadElasticities(directory, db);
  ReadOwnership(directory, db);
  ReadLatentTrade(directory, db);
  ReadEntrants(directory, db);
  for (const char* f :
       {"regions.csv", "accounts.csv", "factors.csv", "sam.csv", "elasticities.csv"}) {
    db.files.push_back(directory / f);
  }
  std::sort(db.files.begin(), db.files.end());
  return db;
}

}  // namespace peninsula::calibration
