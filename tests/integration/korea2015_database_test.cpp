// The 2015 inter-Korean benchmark database (data/korea2015, docs/data.md): the committed CSVs
// are exactly what `peninsula build-data` produces from the sources; every SAM of the main
// database and of every variant balances and the model replicates its benchmark; control
// totals and the plausibility facts of the sources are reproduced; foreign-owned capital is in
// ownership.csv, and each latent flow (latent_trade.csv) opens to about its reference value.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <fstream>
#include <sstream>

#include "app/runner.hpp"
#include "calibration/build_data/build_data.hpp"
#include "calibration/build_data/variants.hpp"
#include "calibration/database.hpp"
#include "support/test_support.hpp"

namespace peninsula {
namespace {

namespace bd = calibration::build_data;
using calibration::AccountKind;
using model::ShockMode;

// Stated in docs/data.md: control totals hold to 1e-8 relative plus US$10 (estimated cells are
// rounded to 9 significant digits, then to whole US$, and rebalanced in whole US$).
constexpr double kControlTolerance = 1e-8;
constexpr double kControlAbsolute = 1e-5;  // US$ million
constexpr double kBalanceTolerance = 1e-9;

std::filesystem::path Main() { return testing::SourcePath("data/korea2015"); }

std::vector<std::filesystem::path> Databases() {
  std::vector<std::filesystem::path> dirs = {Main()};
  for (const auto& name : calibration::DatabaseVariants(Main()))
    dirs.push_back(calibration::DatabaseVariant(Main(), name));
  return dirs;
}

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// One build into a temporary directory, shared by the tests of this file.
class Korea2015 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    config_ = new bd::BuildConfig(bd::ReadBuildConfig(Main() / "build.toml"));
    summary_ = new bd::BuildSummary(bd::BuildAndWrite(*config_, dir_->path()));
  }
  static void TearDownTestSuite() {
    delete summary_;
    delete config_;
    delete dir_;
  }
  static testing::TempDir* dir_;
  static bd::BuildConfig* config_;
  static bd::BuildSummary* summary_;
};
testing::TempDir* Korea2015::dir_ = nullptr;
bd::BuildConfig* Korea2015::config_ = nullptr;
bd::BuildSummary* Korea2015::summary_ = nullptr;

TEST_F(Korea2015, RebuildReproducesTheCommittedFilesByteForByte) {
  EXPECT_LT(summary_->seconds, 30.0);
  int compared = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_->path())) {
    if (!entry.is_regular_file()) continue;
    const auto relative = std::filesystem::relative(entry.path(), dir_->path());
    const auto committed = Main() / relative;
    ASSERT_TRUE(std::filesystem::exists(committed)) << committed << " is not committed";
    EXPECT_TRUE(Slurp(entry.path()) == Slurp(committed))
        << relative << " differs from a rebuild; run peninsula build-data "
        << "data/korea2015/build.toml";
    ++compared;
  }
  EXPECT_EQ(compared, 12 * 5);  // 12 files, main database and 4 variants
  EXPECT_EQ(calibration::DatabaseVariants(Main()),
            (std::vector<std::string>{"bok", "donor_vnm", "hri", "un"}));
}

TEST_F(Korea2015, EverySamBalancesAndIsFinite) {
  for (const auto& dir : Databases()) {
    const calibration::Database db = calibration::ReadDatabase(dir);
    ASSERT_EQ(db.regions.size(), 6u);  // KOR PRK CHN VNM ROW and the zone KSZ
    for (size_t r = 0; r < db.regions.size(); ++r) {
      const Eigen::MatrixXd& sam = db.sam[r];
      EXPECT_TRUE(sam.allFinite()) << dir << " " << db.regions[r];
      for (int a = 0; a < sam.rows(); ++a) {
        const double row = sam.row(a).sum(), column = sam.col(a).sum();
        EXPECT_LE(std::abs(row - column),
                  kBalanceTolerance * std::max({1.0, std::abs(row), std::abs(column)}))
            << dir << " region " << db.regions[r] << " account " << db.accounts[a].name;
      }
    }
  }
}

TEST_F(Korea2015, ModelReplicatesEveryBenchmark) {
  for (const auto& dir : Databases()) {
    app::LoadedData loaded = app::LoadData(dir);
    const app::BenchmarkCheck check = app::CheckBenchmark(*loaded.model);
    EXPECT_LE(check.max_residual, 1e-9) << dir << " at " << check.worst_equation;
  }
}

TEST_F(Korea2015, ControlTotalsAreReproduced) {
  for (const auto& db : summary_->databases) {
    for (const auto& sam : db.sams) {
      ASSERT_FALSE(sam.controls.empty());
      for (const auto& c : sam.controls) {
        EXPECT_NEAR(c.reproduced, c.target,
                    kControlTolerance * std::abs(c.target) + kControlAbsolute)
            << db.variant << " " << sam.region << " " << c.name << " (" << c.ref << ")";
      }
    }
  }
}

// Sums of database cells, in US$ billion.
struct Facts {
  explicit Facts(const std::filesystem::path& dir) : db(calibration::ReadDatabase(dir)) {}
  int R(const std::string& name) const {
    return static_cast<int>(std::find(db.regions.begin(), db.regions.end(), name) -
                            db.regions.begin());
  }
  int S(const std::string& name) const {
    return static_cast<int>(std::find(db.sectors.begin(), db.sectors.end(), name) -
                            db.sectors.begin());
  }
  // Goods (AGR ... ELE) from `from` to `to` (empty: everyone but KOR, as KOTRA counts).
  double Trade(const std::string& from, const std::string& to, const std::string& sector = "") {
    double sum = 0;
    for (const auto& f : db.trade)
      if (f.exporter == R(from) && (to.empty() ? f.importer != R("KOR") : f.importer == R(to)) &&
          (sector.empty() || f.commodity == S(sector)) && f.commodity < S("UTL"))
        sum += f.value;
    return sum;
  }
  double Cell(const std::string& region, const std::string& row, const std::string& column) {
    return db.sam[R(region)](db.AccountIndex(row), db.AccountIndex(column));
  }
  double Gdp(const std::string& region) {
    double gdp = Cell(region, "GOV", "STAX") + Cell(region, "GOV", "TARIFF");
    for (int a : db.AccountsOfKind(AccountKind::kActivity))
      for (int f : db.AccountsOfKind(AccountKind::kFactor)) gdp += db.sam[R(region)](f, a);
    return gdp;
  }
  double LabourShare(const std::string& region) {
    double labour = 0, va = 0;
    for (int a : db.AccountsOfKind(AccountKind::kActivity))
      for (int f : db.AccountsOfKind(AccountKind::kFactor)) {
        const double v = db.sam[R(region)](f, a);
        va += v;
        if (db.accounts[f].label.rfind("LAB", 0) == 0) labour += v;
      }
    return labour / va;
  }
  calibration::Database db;
};

TEST_F(Korea2015, NorthKoreanTradeMatchesTheSources) {
  Facts f(Main());
  // KOTRA: PRK goods exports excluding inter-Korean trade 2.70; coal 40 %, clothing 29.7 %.
  const double exports = f.Trade("PRK", "");
  EXPECT_NEAR(exports, 2.70, 1e-6);
  EXPECT_NEAR(f.Trade("PRK", "", "COA") / exports, 0.40, 0.001);
  EXPECT_NEAR(f.Trade("PRK", "", "TEX") / exports, 0.297, 0.001);
  EXPECT_NEAR(f.Trade("PRK", "CHN", "COA"), 1.05, 1e-6);
  EXPECT_NEAR(f.Trade("PRK", "", "FSH"), 0.1662, 1e-6);    // estimate in trade_goods.csv
  EXPECT_NEAR(f.Trade("PRK", "", "ORE"), 0.055104, 1e-6);  // run-rate estimate
  // KITA inter-Korean shipments (99.6 % Kaesong), carried by the zone region; no other PRK
  // trade with the South (May 24 measures); KOTRA imports.
  EXPECT_NEAR(f.Trade("KSZ", "KOR"), 1.45222, 1e-9);
  EXPECT_NEAR(f.Trade("KOR", "KSZ"), 1.26128, 1e-9);
  EXPECT_EQ(f.Trade("PRK", "KOR"), 0.0);
  EXPECT_EQ(f.Trade("KOR", "PRK"), 0.0);
  EXPECT_NEAR(f.Trade("CHN", "PRK") + f.Trade("VNM", "PRK") + f.Trade("ROW", "PRK"), 3.55, 1e-6);
  // WTO totals including inter-Korean trade: exports 4.152, imports 4.822 (±KOTRA rounding).
  EXPECT_NEAR(exports + f.Trade("KSZ", "KOR"), 4.152, 0.001);
  EXPECT_NEAR(
      f.Trade("CHN", "PRK") + f.Trade("VNM", "PRK") + f.Trade("ROW", "PRK") + f.Trade("KOR", "KSZ"),
      4.822, 0.015);
  for (const auto& flow : f.db.trade) {
    const bool zone = flow.exporter == f.R("KSZ") || flow.importer == f.R("KSZ");
    if (zone) {
      EXPECT_EQ(flow.tariff_rate, 0.0);  // inter-Korean trade is duty-free
      EXPECT_TRUE(flow.exporter == f.R("KOR") || flow.importer == f.R("KOR"));
    }
  }
}

// KOR charges the applied, import-weighted rate of 2015 of each good's product group
// (taxes.csv: UN SDG 17.10.1, WDI primary products; mapping in docs/data.md §1), not the MFN
// simple mean of 13.94 %; services and inter-Korean trade carry none.
TEST_F(Korea2015, SouthKoreanTariffsAreTheAppliedWeightedRatesByGood) {
  Facts f(Main());
  const std::map<std::string, double> percent = {{"AGR", 68.04}, {"FSH", 7.41},     {"COA", 2.07},
                                                 {"ORE", 2.83},  {"TEX", 4.902759}, {"LMF", 6.07},
                                                 {"HMF", 2.07},  {"ELE", 2.07}};
  std::map<std::string, int> seen;
  for (const auto& flow : f.db.trade) {
    if (flow.importer != f.R("KOR") || flow.exporter == f.R("KSZ")) continue;
    const std::string good = f.db.sectors[flow.commodity];
    const auto rate = percent.find(good);
    if (rate == percent.end()) {
      EXPECT_EQ(flow.tariff_rate, 0.0) << good;  // services
      continue;
    }
    // The rate is moved by less than one US$ of revenue so the revenue is whole US$.
    EXPECT_NEAR(flow.tariff_rate, rate->second / 100.0, 1e-9) << good;
    ++seen[good];
  }
  EXPECT_EQ(seen.size(), percent.size());
  // Import-weighted, the goods tariff lies below the MFN simple mean (13.94 %) and above the
  // industrial-products rate (2.07 %): agriculture carries the peaks.
  double imports = 0, revenue = 0;
  for (const auto& flow : f.db.trade)
    if (flow.importer == f.R("KOR") && flow.commodity < f.S("UTL")) {
      imports += flow.value;
      revenue += flow.value * flow.tariff_rate;
    }
  EXPECT_NEAR(f.Cell("KOR", "GOV", "TARIFF"), revenue, 1e-9);
  EXPECT_LT(revenue / imports, 0.1394);
  EXPECT_GT(revenue / imports, 0.0207);
}

// Kaesong, the zone region KSZ of PRK: materials from the South in, output to the South out,
// wages to the North, capital income to the South, nothing left for final demand.
TEST_F(Korea2015, KaesongIsAProcessingZoneOfNorthKorea) {
  Facts f(Main());
  ASSERT_EQ(f.db.parent.size(), 6u);
  EXPECT_EQ(f.db.parent[f.R("KSZ")], f.R("PRK"));
  EXPECT_EQ(f.db.parent[f.R("PRK")], -1);
  // N->S 1452.22 - S->N 1261.28 - wage bill 122.24 = 68.70 US$ million, KOR-owned.
  EXPECT_NEAR(f.Cell("KSZ", "ROW", "CAP"), 0.0687, 1e-9);
  EXPECT_NEAR(f.Cell("KSZ", "ROW", "LAB_U"), 0.12224, 1e-9);
  EXPECT_NEAR(f.Cell("KOR", "HOH", "ROW"), 0.0687, 1e-9);
  // Kaesong wages and the earnings of workers abroad (0.5, ownership.csv).
  EXPECT_NEAR(f.Cell("PRK", "HOH", "ROW"), 0.12224 + 0.5, 1e-9);
  EXPECT_GT(f.Cell("CHN", "HOH", "ROW"), 0.0);  // Chinese joint ventures in PRK mining
  EXPECT_NEAR(f.Cell("PRK", "ROW", "CAP"), f.Cell("CHN", "HOH", "ROW"), 1e-9);
  for (const auto& x : {"TEX", "LMF", "HMF", "ELE"}) {
    const std::string a = std::string("a_") + x, c = std::string("c_") + x;
    EXPECT_NEAR(f.Cell("KSZ", a, c), f.Cell("KSZ", c, "ROW"), 1e-12) << x;  // output exported
    EXPECT_NEAR(f.Cell("KSZ", c, a), f.Cell("KSZ", "ROW", c), 1e-12) << x;  // materials imported
  }
  for (const auto& agent : {"HOH", "GOV", "SAV"})
    EXPECT_EQ(f.db.sam[f.R("KSZ")].col(f.db.AccountIndex(agent)).sum(), 0.0) << agent;
  const std::string zones = Slurp(Main() / "zones.csv");
  EXPECT_NE(zones.find("Kaesong,output,,563.29,USD million,2015,KOR"), std::string::npos);
  EXPECT_NE(zones.find("Kaesong,employment_prk,,54988,persons"), std::string::npos);
  EXPECT_NE(zones.find("Rason,output,,,USD million,2015,CHN,not_found"), std::string::npos);
}

TEST_F(Korea2015, GdpAndLabourSharesMatchTheSources) {
  Facts f(Main());
  const std::map<std::string, double> gdp = {{"KOR", 1539.2},  {"PRK", 30.169686 - 0.19094},
                                             {"KSZ", 0.19094}, {"CHN", 11280.8},
                                             {"VNM", 239.258}, {"ROW", 62749.972314}};
  for (const auto& [region, value] : gdp)
    EXPECT_NEAR(f.Gdp(region), value, kControlTolerance * value) << region;
  // GTAP 2017 labour share of VA at basic prices (factor_shares.csv); the national-accounts
  // figure, 62.6 % of national income, is a different concept (docs/data.md).
  EXPECT_NEAR(f.LabourShare("KOR"), 0.466, 0.005);
  // PRK's published GDP covers the zone: PRK + KSZ reproduce it (build.toml).
  EXPECT_NEAR(Facts(calibration::DatabaseVariant(Main(), "un")).Gdp("PRK"), 16.283 - 0.19094, 1e-6);
  EXPECT_NEAR(Facts(calibration::DatabaseVariant(Main(), "hri")).Gdp("PRK"), 25.101127 - 0.19094,
              1e-6);
}

// Closing Kaesong (its shipments capped at 0.1 %, its wage and capital rental held by floors):
// its output follows the cap, its factors stand idle in proportion, and the owners' income
// from them falls with employment — the zone keeps nothing, so Walras' law still holds.
TEST_F(Korea2015, ClosingTheZoneIdlesItsFactors) {
  std::vector<model::ShockSpec> shocks;
  for (const auto& x : {"TEX", "LMF", "HMF", "ELE"}) {
    auto cap = testing::Shock("quota", {x, "KSZ", "KOR"}, ShockMode::kSet, 0.001);
    cap.rent_to = "importer";
    shocks.push_back(cap);
  }
  for (const auto& f : {"LAB_U", "CAP"})
    shocks.push_back(testing::Shock("wfloor", {"KSZ", f}, ShockMode::kSet, 1.0));
  const auto closed = testing::MakeScenario("closed", shocks);
  app::LoadedData loaded = app::LoadData(Main(), {closed});
  model::Model& m = *loaded.model;
  const auto out = app::RunScenario(m, closed, {});
  ASSERT_TRUE(out.summary.converged()) << out.summary.message;
  for (const auto& x : {"TEX", "LMF", "HMF", "ELE"}) {
    const std::string flow = std::string("M(") + x + ",KSZ,KOR)";
    EXPECT_NEAR(testing::Value(m, out.x, flow), 0.001 * testing::Value(m, m.benchmark(), flow),
                1e-12)
        << flow;
  }
  for (const auto& f : {"LAB_U", "CAP"}) {
    const std::string cell = std::string("(KSZ,") + f + ")";
    const double idle =
        testing::Value(m, out.x, "UNEMP" + cell) / testing::Value(m, out.x, "QF" + cell);
    EXPECT_NEAR(idle, 0.999, 2e-4) << f;
    EXPECT_NEAR(testing::Value(m, out.x, "PF" + cell), testing::Value(m, out.x, "CPI(KSZ)"), 1e-9);
  }
  EXPECT_LE(out.summary.walras_residual, 1e-8);
}

// Every database names the owners of factor income paid abroad — Kaesong's capital (KOR) and
// labour (PRK), North Korean workers in China and elsewhere (PRK), Chinese joint ventures in
// PRK mining (CHN) — and the rows add up to the SAM cells they come from.
TEST_F(Korea2015, OwnershipRowsAreTheForeignCapitalOfTheSams) {
  for (const auto& dir : Databases()) {
    Facts f(dir);
    ASSERT_EQ(f.db.ownership.size(), 5u) << dir;
    std::map<std::string, double> owned;  // "host factor owner"
    for (const auto& o : f.db.ownership) {
      EXPECT_EQ(f.db.households[o.household], "HOH");
      owned[f.db.regions[o.region] + " " + f.db.factors[o.factor] + " " + f.db.regions[o.owner]] =
          o.value;
    }
    // N->S 1452.22 - S->N 1261.28 - wage bill 122.24 = 68.70 US$ million (build.toml).
    EXPECT_NEAR(owned["KSZ CAP KOR"], 0.0687, 1e-12) << dir;
    EXPECT_NEAR(owned["KSZ LAB_U PRK"], 0.12224, 1e-12) << dir;
    EXPECT_NEAR(owned["KSZ CAP KOR"], f.Cell("KOR", "HOH", "ROW"), 1e-12) << dir;
    // US officials: >90,000 workers abroad, ~US$ 0.5 bn a year; half in China (assumption).
    EXPECT_NEAR(owned["CHN LAB_U PRK"], 0.25, 1e-12) << dir;
    EXPECT_NEAR(owned["ROW LAB_U PRK"], 0.25, 1e-12) << dir;
    EXPECT_NEAR(owned["CHN LAB_U PRK"], f.Cell("CHN", "ROW", "LAB_U"), 1e-12) << dir;
    EXPECT_NEAR(owned["ROW LAB_U PRK"], f.Cell("ROW", "ROW", "LAB_U"), 1e-12) << dir;
    EXPECT_NEAR(owned["KSZ LAB_U PRK"] + owned["CHN LAB_U PRK"] + owned["ROW LAB_U PRK"],
                f.Cell("PRK", "HOH", "ROW"), 1e-12)
        << dir;
    EXPECT_NEAR(owned["PRK CAP CHN"], f.Cell("CHN", "HOH", "ROW"), 1e-12) << dir;
    EXPECT_NEAR(owned["PRK CAP CHN"], f.Cell("PRK", "ROW", "CAP"), 1e-12) << dir;
  }
  // 10 % of PRK coal and ore capital income in the central case (docs/data.md s2).
  EXPECT_NEAR(Facts(Main()).Cell("CHN", "HOH", "ROW"), 0.08618306, 1e-12);
}

struct LatentCase {
  std::string sector, exporter, importer;
};

const std::vector<LatentCase> kLatent = {
    {"TOU", "PRK", "KOR"}, {"ITS", "PRK", "CHN"}, {"ITS", "PRK", "ROW"}, {"ITS", "PRK", "KOR"}};

// Reference values (docs/data.md): Kumgang 240,000 visitors x US$371 = 89.04 US$ million;
// IT services 1,000 workers x US$5,000 x 12 = 60 US$ million, split by ITS imports.
TEST_F(Korea2015, LatentFlowsLoadWithTheirReferenceValues) {
  for (const auto& dir : Databases()) {
    app::LoadedData loaded = app::LoadData(dir);  // the engine's checks of every latent flow
    const auto& db = loaded.database;
    ASSERT_EQ(db.latent.size(), kLatent.size()) << dir;
    double its = 0;
    for (size_t k = 0; k < kLatent.size(); ++k) {
      const auto& l = db.latent[k];
      EXPECT_EQ(db.sectors[l.commodity], kLatent[k].sector);
      EXPECT_EQ(db.regions[l.exporter], kLatent[k].exporter);
      EXPECT_EQ(db.regions[l.importer], kLatent[k].importer);
      EXPECT_EQ(l.tariff_rate, 0.0);  // services carry no tariff; inter-Korean trade is free
      EXPECT_EQ(l.export_tax_rate, 0.0);
      if (kLatent[k].sector == "ITS") its += l.value;
    }
    EXPECT_NEAR(db.latent[0].value, 0.08904, 1e-12) << dir;
    EXPECT_NEAR(its, 0.060, 1e-12) << dir;
    EXPECT_LE(app::CheckBenchmark(*loaded.model).max_residual, 1e-9) << dir;
  }
}

// Opening one flow (access = 1) must converge and create it at the order of its reference
// value: slightly below it (central case: 98-100 %), since the new demand raises the price of
// a small PRK sector.
TEST_F(Korea2015, OpeningEachLatentFlowCreatesItNearItsReferenceValue) {
  app::LoadedData loaded = app::LoadData(Main());
  model::Model& m = *loaded.model;
  for (size_t k = 0; k < kLatent.size(); ++k) {
    const auto& c = kLatent[k];
    const double reference = loaded.database.latent[k].value;
    const auto s = testing::MakeScenario(
        "open", {testing::Shock("access", {c.sector, c.exporter, c.importer}, ShockMode::kSet, 1)});
    const auto out = app::RunScenario(m, s, {});
    ASSERT_TRUE(out.summary.converged()) << c.sector << " " << out.summary.message;
    const std::string flow = "M(" + c.sector + "," + c.exporter + "," + c.importer + ")";
    EXPECT_EQ(testing::Value(m, m.benchmark(), flow), 0.0) << flow;
    const double opened = testing::Value(m, out.x, flow);
    EXPECT_GT(opened, 0.5 * reference) << flow;
    EXPECT_LT(opened, 1.2 * reference) << flow;
    RecordProperty(flow, std::to_string(opened / reference));
  }
}

}  // namespace
}  // namespace peninsula

namespace peninsula {
namespace {

// Every database carries the two entering technologies (Chinese garment and light-
// manufacturing technique in PRK), idle in the benchmark, with a bundle worth 1 at PRK prices.
TEST(Korea2015Entry, ChineseTechniquesAreIdleInTheBenchmarkAndPriced) {
  for (const auto& dir : Databases()) {
    app::LoadedData loaded = app::LoadData(dir);
    const auto& d = loaded.model->data();
    ASSERT_EQ(loaded.database.entrants.size(), 2u) << dir;
    int prk = *d.sets.regions.Find("PRK");
    for (const char* sector : {"TEX", "LMF"}) {
      int j = *d.sets.sectors.Find(sector);
      ASSERT_TRUE(model::HasEntrant(d, prk, j)) << sector;
      double cost = d.entry_ava(prk, j);
      for (int i = 0; i < d.sets.sectors.size(); ++i)
        cost += d.entry_io(prk, i, j) * (1 + d.p.tc(prk, i));
      EXPECT_NEAR(cost, 1.0, 1e-12) << sector;
      EXPECT_EQ(d.p.entry(prk, j), 0.0);
      EXPECT_EQ(testing::Value(*loaded.model, loaded.model->benchmark(),
                               std::string("YN(PRK,") + sector + ")"),
                0.0);
    }
    EXPECT_LE(app::CheckBenchmark(*loaded.model).max_residual, 1e-9) << dir;
  }
}

// From 2015, making the Chinese garment technique available a little above break-even makes it
// enter; at break-even minus 1 % it stays idle and nothing moves.
TEST(Korea2015Entry, TheChineseGarmentTechniqueEntersAboveBreakEven) {
  app::LoadedData loaded = app::LoadData(Main());
  model::Model& m = *loaded.model;
  auto solve = [&](double entry) {
    auto s = testing::MakeScenario(
        "entry", {testing::Shock("entry", {"PRK", "TEX"}, ShockMode::kSet, entry)});
    auto out = app::RunScenario(m, s, {});
    EXPECT_TRUE(out.summary.converged()) << out.summary.message;
    EXPECT_LE(out.summary.complementarity_residual, 1e-8);
    return out;
  };
  auto idle = solve(0.99);
  EXPECT_NEAR(testing::Value(m, idle.x, "YN(PRK,TEX)"), 0.0, 1e-10);
  EXPECT_NEAR(testing::Value(m, idle.x, "X(PRK,TEX)"),
              testing::Value(m, m.benchmark(), "X(PRK,TEX)"), 1e-9);
  auto entered = solve(1.05);
  EXPECT_GT(testing::Value(m, entered.x, "YN(PRK,TEX)"), 0.1);
}

}  // namespace
}  // namespace peninsula
