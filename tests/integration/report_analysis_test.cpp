// The analysis stored in the results file (docs/analysis.md), end to end through
// `peninsula run` on a synthetic world labelled KOR, PRK, CHN, VNM, ROW: decompositions whose
// parts sum to the total, EV against the status quo, channel splits that add up to the
// model's own sales change, and indicators recomputed from the stored variables.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "app/analysis/indicators.hpp"
#include "io/hdf5_store.hpp"
#include "report_fixture.hpp"
#include "support/test_support.hpp"

namespace peninsula::testing {
namespace {

using io::Hdf5Reader;

class KoreanStudy : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    auto study = WriteKoreanStudy(dir_->path());
    Command c = Peninsula(
        "run " + study.string() + " --out " + (dir_->path() / "results.h5").string(), dir_->path());
    ASSERT_EQ(c.code, 0) << c.out << c.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static Hdf5Reader File() { return Hdf5Reader(dir_->path() / "results.h5"); }
  static std::vector<double> Read(const Hdf5Reader& r, const std::string& p) {
    EXPECT_TRUE(r.Exists(p)) << p;
    return r.ReadArray(p).data;
  }
  static inline TempDir* dir_ = nullptr;
};

const std::vector<std::string> kScenarios = {"status_quo", "relief", "opening", "grand_bargain"};

TEST_F(KoreanStudy, EveryScenarioHasItsReferences) {
  Hdf5Reader r = File();
  for (const auto& s : kScenarios) {
    std::string g = "/scenarios/" + s + "/analysis";
    ASSERT_TRUE(r.Exists(g + "/benchmark/welfare/ev")) << s;
    EXPECT_EQ(r.Exists(g + "/status_quo/welfare/ev"), s != "status_quo") << s;
    EXPECT_EQ(r.ReadStringAttribute(g, "home"), "KOR");
  }
}

TEST_F(KoreanStudy, ShockGroupDecompositionSumsToEv) {
  Hdf5Reader r = File();
  for (const auto& s : kScenarios) {
    for (std::string ref : {"benchmark", "status_quo"}) {
      std::string g = "/scenarios/" + s + "/analysis/" + ref + "/welfare";
      if (!r.Exists(g + "/ev")) continue;
      ASSERT_TRUE(r.Exists(g + "/by_group/ev"))
          << g << ": " << r.ReadStringAttribute(g + "/by_group", "note");
      auto ev = Read(r, g + "/ev");
      auto parts = Read(r, g + "/by_group/ev");
      std::size_t R = ev.size(), K = parts.size() / R;
      for (std::size_t reg = 0; reg < R; ++reg) {
        double sum = 0;
        for (std::size_t k = 0; k < K; ++k) sum += parts[k * R + reg];
        EXPECT_NEAR(sum, ev[reg], 1e-7 * std::max(1.0, std::abs(ev[reg]))) << g;
      }
    }
  }
  // opening shocks technology, endowments and tariffs: three groups, none of them zero.
  auto names = r.ReadStrings("/scenarios/opening/analysis/benchmark/welfare/by_group/component");
  EXPECT_EQ(names, (std::vector<std::string>{"technology", "trade_policy", "endowments_capital"}));
}

TEST_F(KoreanStudy, SourceDecompositionSumsToEvWithItsResidual) {
  Hdf5Reader r = File();
  for (const auto& s : kScenarios) {
    for (std::string ref : {"benchmark", "status_quo"}) {
      std::string g = "/scenarios/" + s + "/analysis/" + ref + "/welfare";
      if (!r.Exists(g + "/ev")) continue;
      ASSERT_TRUE(r.Exists(g + "/by_source/ev"))
          << g << ": " << r.ReadStringAttribute(g + "/by_source", "note");
      auto ev = Read(r, g + "/ev");
      auto parts = Read(r, g + "/by_source/ev");
      auto residual = Read(r, g + "/by_source/residual");
      std::size_t R = ev.size(), K = parts.size() / R;
      ASSERT_EQ(r.ReadStrings(g + "/by_source/component").size(), K);
      double scale = 0;
      for (double e : ev) scale = std::max(scale, std::abs(e));
      for (std::size_t reg = 0; reg < R; ++reg) {
        double sum = residual[reg];
        for (std::size_t k = 0; k < K; ++k) sum += parts[k * R + reg];
        EXPECT_NEAR(sum, ev[reg], 1e-12 * std::max(1.0, scale)) << g;
        EXPECT_LE(std::abs(residual[reg]), 1e-3 * scale) << g;  // the stored tolerance
      }
    }
  }
}

TEST_F(KoreanStudy, PhaseDecompositionSumsToEv) {
  Hdf5Reader r = File();
  std::string g = "/scenarios/grand_bargain/analysis/benchmark/welfare";
  auto ev = Read(r, g + "/ev");
  auto shapley = Read(r, g + "/by_phase/ev");
  auto sequential = Read(r, g + "/by_phase/sequential");
  auto names = r.ReadStrings(g + "/by_phase/component");
  ASSERT_GE(names.size(), 2u);
  EXPECT_EQ(names[0], "01_relief");
  std::size_t R = ev.size();
  for (std::size_t reg = 0; reg < R; ++reg) {
    double a = 0, b = 0;
    for (std::size_t k = 0; k < names.size(); ++k)
      a += shapley[k * R + reg], b += sequential[k * R + reg];
    EXPECT_NEAR(a, ev[reg], 1e-7 * std::max(1.0, std::abs(ev[reg])));
    EXPECT_NEAR(b, ev[reg], 1e-9 * std::max(1.0, std::abs(ev[reg])));
  }
  // The first phase's sequential contribution is relief's own EV (the path starts there).
  auto relief = Read(r, "/scenarios/relief/analysis/benchmark/welfare/ev");
  for (std::size_t reg = 0; reg < R; ++reg) EXPECT_NEAR(sequential[reg], relief[reg], 1e-7);
}

TEST_F(KoreanStudy, EvAgainstStatusQuoIsTheDifferenceOfEvs) {
  // EV = B0 (u - u_ref) in benchmark prices, so EVs against different references differ by
  // the reference's own EV.
  Hdf5Reader r = File();
  auto sq = Read(r, "/scenarios/status_quo/analysis/benchmark/welfare/ev");
  auto vs_bench = Read(r, "/scenarios/relief/analysis/benchmark/welfare/ev");
  auto vs_sq = Read(r, "/scenarios/relief/analysis/status_quo/welfare/ev");
  for (std::size_t k = 0; k < sq.size(); ++k) EXPECT_NEAR(vs_sq[k], vs_bench[k] - sq[k], 1e-9);
  EXPECT_GT(std::abs(vs_sq[1]), 1e-6);  // PRK gains from relief: not a vacuous check
}

TEST_F(KoreanStudy, ChannelsAddUpToTheModelsSalesChange) {
  Hdf5Reader r = File();
  const std::string g = "/scenarios/opening/analysis/benchmark/competition";
  auto channels = Read(r, g + "/channels");
  auto names = r.ReadStrings(g + "/channel");
  ASSERT_EQ(names.front(), "total");
  auto d0 = Read(r, "/benchmark/variables/D"), d1 = Read(r, "/scenarios/opening/variables/D");
  auto e0 = Read(r, "/benchmark/variables/E"), e1 = Read(r, "/scenarios/opening/variables/E");
  const std::size_t I = 5, K = names.size();
  for (std::size_t i = 0; i < I; ++i) {  // KOR is region 0: D, E are [region][sector]
    double sum = 0;
    for (std::size_t k = 1; k < K; ++k) sum += channels[k * I + i];
    EXPECT_NEAR(sum, channels[i], 1e-9);
    EXPECT_NEAR(channels[i], (d1[i] + e1[i]) - (d0[i] + e0[i]), 1e-9);
  }
}

TEST_F(KoreanStudy, IndicatorsMatchTheStoredVariables) {
  Hdf5Reader r = File();
  const std::string g = "/scenarios/opening/analysis/benchmark";
  auto e1 = Read(r, "/scenarios/opening/variables/E");
  const std::size_t I = 5;
  std::vector<double> prk(e1.begin() + I, e1.begin() + 2 * I), kor(e1.begin(), e1.begin() + I);
  auto sim = Read(r, g + "/trade/similarity");
  EXPECT_NEAR(sim[1 * 5 + 0], app::analysis::FingerKreinin(prk, kor), 1e-12);
  // Benchmark labour share of KOR's first sector: (LAB_U + LAB_S) / all factors, prices 1.
  auto f0 = Read(r, "/benchmark/variables/F");  // [region][factor][sector], 4 factors
  double labour = f0[0 * I] + f0[1 * I], all = labour + f0[2 * I] + f0[3 * I];
  EXPECT_NEAR(Read(r, g + "/sector/labour_share_reference")[0], labour / all, 1e-12);
  auto output = Read(r, g + "/sector/output");
  auto x0 = Read(r, "/benchmark/variables/X"), x1 = Read(r, "/scenarios/opening/variables/X");
  EXPECT_NEAR(output[I + 2], 100 * (x1[I + 2] / x0[I + 2] - 1), 1e-9);
}

TEST(SyntheticStudy, RegionSpecificPartsAreSkippedWithANote) {
  TempDir dir;
  calibration::WriteSyntheticDatabase(dir.path() / "data", {});
  WriteText(dir.path() / "cut.toml",
            "name = \"cut\"\n[[shock]]\ntarget = \"tm\"\nindex = [\"*\", \"*\", \"R1\"]\n"
            "scale = 0.5\n");
  Command c =
      Peninsula("solve --data " + (dir.path() / "data").string() + " --scenario " +
                    (dir.path() / "cut.toml").string() + " --out " + (dir.path() / "r.h5").string(),
                dir.path());
  ASSERT_EQ(c.code, 0) << c.err;
  Hdf5Reader r(dir.path() / "r.h5");
  const std::string g = "/scenarios/cut/analysis/benchmark";
  EXPECT_FALSE(r.Exists(g + "/competition/channels"));
  auto notes = r.ReadStringsAttribute(g, "notes");
  std::string all = std::accumulate(notes.begin(), notes.end(), std::string());
  EXPECT_NE(all.find("complementarity channels skipped"), std::string::npos) << all;
  EXPECT_NE(all.find("comparator 'CHN' is not a region"), std::string::npos) << all;
  EXPECT_TRUE(r.Exists(g + "/welfare/by_group/ev"));
}

}  // namespace
}  // namespace peninsula::testing
