// Unit tests of the database builder (calibration/build_data): variant lookup, build.toml
// and source-row errors that name file and line, no partial output on failure, exact
// fixed-point printing and balancing.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <sstream>

#include "calibration/build_data/build_config.hpp"
#include "calibration/build_data/build_data.hpp"
#include "calibration/build_data/quanta.hpp"
#include "calibration/build_data/sources.hpp"
#include "calibration/build_data/variants.hpp"
#include "calibration/csv.hpp"
#include "support/test_support.hpp"

namespace peninsula {
namespace {

namespace bd = calibration::build_data;
using calibration::DataError;

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void Write(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// The committed build.toml, with `from` replaced by `to`, its sources pointing at the
// committed ones, written into `dir`.
std::filesystem::path EditedBuild(const std::filesystem::path& dir, const std::string& from,
                                  const std::string& to) {
  std::string text = Slurp(testing::SourcePath("data/korea2015/build.toml"));
  const std::string sources = "sources = \"sources\"";
  text.replace(text.find(sources), sources.size(),
               "sources = \"" + testing::SourcePath("data/korea2015/sources").string() + "\"");
  if (!from.empty()) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  }
  Write(dir / "build.toml", text);
  return dir / "build.toml";
}

std::string ErrorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

TEST(DatabaseVariant, ResolvesANameToItsDirectory) {
  testing::TempDir dir;
  Write(dir.path() / "variants" / "un" / "sam.csv", "x");
  Write(dir.path() / "variants" / "bok" / "sam.csv", "x");
  std::filesystem::create_directories(dir.path() / "variants" / "half_copied");
  EXPECT_EQ(calibration::DatabaseVariant(dir.path(), "un"), dir.path() / "variants" / "un");
  EXPECT_EQ(calibration::DatabaseVariants(dir.path()), (std::vector<std::string>{"bok", "un"}));
}

TEST(DatabaseVariant, UnknownNameListsTheVariantsThatExist) {
  testing::TempDir dir;
  Write(dir.path() / "variants" / "un" / "sam.csv", "x");
  Write(dir.path() / "variants" / "bok" / "sam.csv", "x");
  const std::string e = ErrorOf([&] { calibration::DatabaseVariant(dir.path(), "cia"); });
  EXPECT_NE(e.find("no data variant 'cia'"), std::string::npos) << e;
  EXPECT_NE(e.find("variants: bok, un"), std::string::npos) << e;
  testing::TempDir empty;
  EXPECT_NE(
      ErrorOf([&] { calibration::DatabaseVariant(empty.path(), "un"); }).find("no variants found"),
      std::string::npos);
}

TEST(DatabaseVariant, CommittedDatabaseHasTheRequiredVariants) {
  const auto dir = testing::SourcePath("data/korea2015");
  for (const char* name : {"bok", "un", "hri", "donor_vnm"})
    EXPECT_TRUE(std::filesystem::exists(calibration::DatabaseVariant(dir, name) / "trade.csv"));
}

TEST(BuildConfig, UnknownKeyNamesFileAndLine) {
  testing::TempDir dir;
  const auto file = EditedBuild(dir.path(), "central_variant = \"bok\"",
                                "central_variant = \"bok\"\ncentral_varaint = \"un\"");
  const std::string e = ErrorOf([&] { bd::ReadBuildConfig(file); });
  EXPECT_NE(e.find(file.string() + ":"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown key 'central_varaint' in [database]"), std::string::npos) << e;
}

TEST(BuildConfig, TomlSyntaxErrorNamesTheLine) {
  testing::TempDir dir;
  const auto file = EditedBuild(dir.path(), "[database]", "[database");
  EXPECT_NE(ErrorOf([&] { bd::ReadBuildConfig(file); }).find(file.string() + ":"),
            std::string::npos);
}

TEST(BuildConfig, LatentFlowWithAnUnknownSectorIsRefused) {
  testing::TempDir dir;
  const auto file = EditedBuild(dir.path(), "sector = \"ITS\"\nexporter = \"PRK\"",
                                "sector = \"ICT\"\nexporter = \"PRK\"");
  const std::string e = ErrorOf([&] { bd::ReadBuildConfig(file); });
  EXPECT_NE(e.find("[[latent]] 'Legal PRK IT-service exports' names sector 'ICT'"),
            std::string::npos)
      << e;
}

TEST(BuildConfig, OwnedFactorIncomeMustBeAMobileFactor) {
  testing::TempDir dir;
  const auto file = EditedBuild(dir.path(), "host = \"CHN\"\nowner = \"PRK\"\nfactor = \"LAB_U\"",
                                "host = \"CHN\"\nowner = \"PRK\"\nfactor = \"LND\"");
  const std::string e = ErrorOf([&] { bd::ReadBuildConfig(file); });
  EXPECT_NE(e.find("'North Korean workers in China' names factor LND, which is sector-specific"),
            std::string::npos)
      << e;
}

TEST(BuildConfig, ATermShareOutsideZeroToOneIsRefused) {
  testing::TempDir dir;
  const auto file = EditedBuild(dir.path(), "region = \"PRK\" }, share = 0.5 }",
                                "region = \"PRK\" }, share = 1.5 }");
  const std::string e = ErrorOf([&] { bd::ReadBuildConfig(file); });
  EXPECT_NE(e.find(file.string() + ":"), std::string::npos) << e;
  EXPECT_NE(e.find("'share' must be in (0, 1]"), std::string::npos) << e;
}

// A per-good tariff table must give every good a rate, and only goods.
TEST(BuildConfig, PerGoodTariffsMustListEveryGoodAndOnlyGoods) {
  testing::TempDir dir;
  const auto missing = EditedBuild(
      dir.path() / "a",
      "ELE = { indicator = \"tariff_weighted_applied_industrial\", region = \"KOR\" }\n", "");
  std::string e = ErrorOf([&] { bd::ReadBuildConfig(missing); });
  EXPECT_NE(e.find("[regions.KOR] tariffs lists no rate for the good ELE"), std::string::npos) << e;
  const auto service = EditedBuild(dir.path() / "b", "ELE = { indicator",
                                   "SRV = { indicator = \"x\" }\nELE = { indicator");
  e = ErrorOf([&] { bd::ReadBuildConfig(service); });
  EXPECT_NE(e.find(service.string() + ":"), std::string::npos) << e;
  EXPECT_NE(e.find("tariffs: 'SRV' is not a good of [sets]"), std::string::npos) << e;
  const auto both = EditedBuild(dir.path() / "c", "[regions.KOR.tariffs]",
                                "tariff = { indicator = \"tariff_mfn_simple_mean\", region = "
                                "\"KOR\" }\n[regions.KOR.tariffs]");
  e = ErrorOf([&] { bd::ReadBuildConfig(both); });
  EXPECT_NE(e.find("gives both 'tariff' and 'tariffs'"), std::string::npos) << e;
}

// An entering technology must name regions and a sector of the build.
TEST(BuildConfig, AnEntryWithAnUnknownDonorIsRefused) {
  testing::TempDir dir;
  const auto file = EditedBuild(dir.path(), "donor = \"CHN\"", "donor = \"PRC\"");
  const std::string e = ErrorOf([&] { bd::ReadBuildConfig(file); });
  EXPECT_NE(e.find("[[entry]] names region 'PRC'"), std::string::npos) << e;
}

// The zone region's trade is what it carries: a zone whose parent is not a region is refused.
TEST(BuildConfig, ZoneRegionWithAnUnknownParentIsRefused) {
  testing::TempDir dir;
  const auto file = EditedBuild(dir.path(), "parent = \"PRK\"", "parent = \"DPRK\"");
  const std::string e = ErrorOf([&] { bd::ReadBuildConfig(file); });
  EXPECT_NE(e.find("[[zone_region]] 'KSZ' names region 'DPRK'"), std::string::npos) << e;
}

// A latent flow must be absent in the benchmark: PRK already sells tourism to China.
TEST(BuildData, LatentFlowThatIsTradedIsRefused) {
  testing::TempDir dir;
  const auto file =
      EditedBuild(dir.path(), "sector = \"TOU\"\nexporter = \"PRK\"\nimporters = [\"KOR\"]",
                  "sector = \"TOU\"\nexporter = \"PRK\"\nimporters = [\"CHN\"]");
  const auto config = bd::ReadBuildConfig(file);
  const std::string e = ErrorOf([&] { bd::BuildAndWrite(config, dir.path() / "out"); });
  EXPECT_NE(e.find("flow TOU PRK->CHN exists in the benchmark trade matrix"), std::string::npos)
      << e;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out" / "latent_trade.csv"));
}

TEST(Sources, PlaceholderRowsAreNeverData) {
  const auto sources = bd::Sources::Read(testing::SourcePath("data/korea2015/sources"));
  bd::Selector s;
  s.indicator = "ict_services_exports";
  s.region = "KOR";
  s.sector = "ITS";
  s.origin = "build.toml:7";
  const std::string e = ErrorOf([&] { sources.One(s); });
  EXPECT_NE(e.find("build.toml:7: "), std::string::npos) << e;
  EXPECT_NE(e.find("trade_services.csv:26"), std::string::npos) << e;
  EXPECT_NE(e.find("PLACEHOLDER"), std::string::npos) << e;
}

TEST(Sources, AmbiguousSelectorListsTheCandidates) {
  const auto sources = bd::Sources::Read(testing::SourcePath("data/korea2015/sources"));
  bd::Selector s;
  s.indicator = "export_value_product";
  s.region = "PRK";
  s.sector = "COA";
  const std::string e = ErrorOf([&] { sources.One(s); });
  EXPECT_NE(e.find("matches 2 rows (trade_goods.csv:46, trade_goods.csv:52)"), std::string::npos)
      << e;
}

TEST(BuildData, AFailedBuildWritesNothing) {
  testing::TempDir dir;
  const auto file = EditedBuild(dir.path(), "region = \"PRK\", note = \"LOW\"",
                                "region = \"PRK\", note = \"NOWHERE\"");
  const auto config = bd::ReadBuildConfig(file);
  const auto out = dir.path() / "out";
  const std::string e = ErrorOf([&] { bd::BuildAndWrite(config, out); });
  EXPECT_NE(e.find("no source row matches (indicator=gdp_current_usd"), std::string::npos) << e;
  EXPECT_NE(e.find(file.string() + ":"), std::string::npos) << e;
  EXPECT_FALSE(std::filesystem::exists(out / "sam.csv"));
  EXPECT_FALSE(std::filesystem::exists(out / "variants"));
}

TEST(Quanta, PrintsExactDecimals) {
  EXPECT_EQ(bd::FormatQuanta(1452220000), "1452.22");
  EXPECT_EQ(bd::FormatQuanta(-3500000), "-3.5");
  EXPECT_EQ(bd::FormatQuanta(0), "0");
  EXPECT_EQ(bd::FormatQuanta(68700000, 9), "0.0687");
  EXPECT_EQ(bd::ToQuanta(1.23456789012), 1234568);  // 9 significant digits, then whole US$
}

TEST(Quanta, BalancingMovesTheResidueAlongLargeCells) {
  // Three accounts: a circular flow off by a few US$ after rounding.
  bd::QuantaMatrix sam(3, 3);
  sam << 0, 1000, 0,  //
      0, 0, 2003,     //
      999, 0, 0;
  Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic> fixed =
      Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>::Constant(3, 3, false);
  sam(1, 0) = 5;  // a second path
  bd::BalanceExactly(sam, fixed, {"A", "B", "C"}, "R");
  for (int a = 0; a < 3; ++a) EXPECT_EQ(sam.row(a).sum(), sam.col(a).sum()) << a;
}

}  // namespace
}  // namespace peninsula
