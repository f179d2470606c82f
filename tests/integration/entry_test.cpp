// Entering technologies (entry.csv, the `entry` parameter): a donor's technology that a
// region may adopt for a good it produces, idle until it breaks even. The benchmark must be
// the equilibrium of the same data without entry.csv; the technology must stay idle below
// break-even (entry = 1 by construction: a bundle costs 1 at benchmark prices) and enter
// above it; and an entrant with the incumbent's own technology must drive the incumbent out
// and reproduce, independently, the model in which the incumbent itself needs 1/entry of
// every input per unit of output.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "support/test_support.hpp"

namespace peninsula {
namespace {

using model::ShockMode;
using testing::Shock;
using testing::Value;

constexpr int kHost = 1, kSector = 0;  // R2 may adopt R1's technology of S1

class Entry : public ::testing::Test {
 protected:
  void SetUp() override {
    spec_.regions = 3;
    spec_.seed = 5;
    spec_.entry = true;
    loaded_ = testing::LoadSynthetic(dir_.path(), spec_);
  }
  model::Model& m() { return *loaded_.model; }
  io::ScenarioOutcome Available(double entry) {
    auto s = testing::MakeScenario("entry", {Shock("entry", {"R2", "S1"}, ShockMode::kSet, entry)});
    auto out = app::RunScenario(m(), s, {});
    EXPECT_TRUE(out.summary.converged()) << out.summary.message;
    EXPECT_LE(out.summary.complementarity_residual, 1e-8);
    EXPECT_LE(out.summary.walras_residual, 1e-8);
    return out;
  }
  calibration::SyntheticSpec spec_;
  testing::TempDir dir_;
  app::LoadedData loaded_;
};

TEST_F(Entry, BenchmarkIsTheEquilibriumWithoutTheTechnology) {
  EXPECT_LE(app::CheckBenchmark(m()).max_residual, 1e-9);
  EXPECT_EQ(Value(m(), m().benchmark(), "YN(R2,S1)"), 0.0);
  std::filesystem::remove(dir_.path() / "entry.csv");
  auto plain = app::LoadData(dir_.path());
  const auto& reg = plain.model->registry();
  for (int g = 0; g < reg.size(); ++g) {
    std::string label = reg.Label(g);
    EXPECT_NEAR(Value(m(), m().benchmark(), label), plain.model->benchmark()[g], 1e-12) << label;
  }
}

TEST_F(Entry, IdleBelowBreakEvenAndEntersAbove) {
  for (double entry : {0.5, 0.99}) {
    auto out = Available(entry);
    EXPECT_NEAR(Value(m(), out.x, "YN(R2,S1)"), 0.0, 1e-10) << entry;
    for (std::size_t g = 0; g < out.x.size(); ++g) {
      double b = m().benchmark()[g];
      EXPECT_NEAR(out.x[g], b, 1e-9 * std::max(1.0, std::abs(b))) << m().registry().Label(g);
    }
  }
  double previous = 0.0;
  for (double entry : {1.01, 1.05, 1.2}) {
    auto out = Available(entry);
    double level = Value(m(), out.x, "YN(R2,S1)");
    EXPECT_GT(level, previous + 1e-6) << entry;
    previous = level;
    // Entering, it breaks even: its bundle costs entry·PX.
    EXPECT_LE(out.summary.max_residual, 1e-8);
  }
}

// The incumbent's technology, given to the entrant: a bundle of the entrant is then a unit
// of the incumbent's inputs, so the entrant is the incumbent with gross-output productivity
// `entry`.
void GiveEntrantTheIncumbentsTechnology(model::ModelData& d) {
  int I = d.sets.sectors.size(), F = d.sets.factors.size();
  d.entry_ava(kHost, kSector) = d.ava(kHost, kSector);
  for (int i = 0; i < I; ++i) d.entry_io(kHost, i, kSector) = d.io(kHost, i, kSector);
  for (int f = 0; f < F; ++f) d.entry_fcoef(kHost, f, kSector) = d.fcoef(kHost, f, kSector);
}

// The reference model: no entrant, and the incumbent needs 1/e of every input per unit.
void ScaleIncumbentInputs(model::ModelData& d, double e) {
  d.ava(kHost, kSector) /= e;
  d.aint(kHost, kSector) /= e;
  for (int i = 0; i < d.sets.sectors.size(); ++i) d.io(kHost, i, kSector) /= e;
}

TEST_F(Entry, AnEntrantWithTheIncumbentsTechnologyDrivesItOut) {
  const double e = 1.1;
  GiveEntrantTheIncumbentsTechnology(m().data());
  auto entered = Available(e);

  std::filesystem::remove(dir_.path() / "entry.csv");
  auto reference = app::LoadData(dir_.path());
  model::Model& ref = *reference.model;
  ScaleIncumbentInputs(ref.data(), e);
  auto solved = app::RunScenario(ref, testing::MakeScenario("reference", {}), {});
  ASSERT_TRUE(solved.summary.converged()) << solved.summary.message;

  EXPECT_NEAR(Value(m(), entered.x, "X(R2,S1)"), 0.0, 1e-9);
  double bundles = Value(m(), entered.x, "YN(R2,S1)");
  EXPECT_NEAR(e * bundles, Value(ref, solved.x, "X(R2,S1)"), 1e-8);
  EXPECT_NEAR(m().data().entry_ava(kHost, kSector) * bundles, Value(ref, solved.x, "VA(R2,S1)"),
              1e-8);
  const auto& reg = ref.registry();
  for (int g = 0; g < reg.size(); ++g) {
    std::string label = reg.Label(g);
    bool incumbent_quantity =
        label == "X(R2,S1)" || label == "VA(R2,S1)" ||
        (label.rfind("F(R2,", 0) == 0 && label.find(",S1)") != std::string::npos);
    if (incumbent_quantity) {
      std::string entrant = "FN" + label.substr(1);
      if (label[0] == 'F') {
        EXPECT_NEAR(Value(m(), entered.x, entrant), solved.x[g], 1e-8) << label;
      }
      continue;
    }
    double b = solved.x[g];
    EXPECT_NEAR(Value(m(), entered.x, label), b, 1e-8 * std::max(1.0, std::abs(b))) << label;
  }
}

TEST_F(Entry, ShockWithoutATechnologyIsAnError) {
  auto s = testing::MakeScenario("bad", {Shock("entry", {"R1", "S1"}, ShockMode::kSet, 1.0)});
  try {
    app::RunScenario(m(), s, {});
    FAIL() << "expected a ScenarioError";
  } catch (const model::ScenarioError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("no entering technology"));
  }
}

TEST_F(Entry, BadRowsAreNamedWithFileAndLine) {
  const std::string header = "region,sector,donor,source";
  EXPECT_THAT(testing::LoadErrorWithRow(dir_.path(), "entry.csv", header, "R2,S1,R9,src"),
              ::testing::AllOf(::testing::HasSubstr("entry.csv:2"),
                               ::testing::HasSubstr("unknown region 'R9'")));
  EXPECT_THAT(testing::LoadErrorWithRow(dir_.path(), "entry.csv", header, "R2,S1,R2,src"),
              ::testing::HasSubstr("the donor is the region itself"));
  EXPECT_THAT(testing::LoadErrorWithRow(dir_.path(), "entry.csv", header, "R2,S1,R1,"),
              ::testing::HasSubstr("column 'source' is empty"));
  EXPECT_THAT(
      testing::LoadErrorWithRow(dir_.path(), "entry.csv", header, "R2,S1,R1,a\nR2,S1,R3,b"),
      ::testing::AllOf(::testing::HasSubstr("entry.csv:3"), ::testing::HasSubstr("given twice")));
}

// Calibration checks that the host can run the donor's technology (korea2015: the Kaesong
// zone has no skilled labour and produces four goods).
TEST(EntryCalibration, TheHostMustHaveTheGoodAndTheDonorsInputs) {
  testing::TempDir dir;
  std::filesystem::copy(testing::SourcePath("data/korea2015"), dir.path(),
                        std::filesystem::copy_options::recursive);
  const std::string header = "region,sector,donor,source";
  EXPECT_THAT(testing::LoadErrorWithRow(dir.path(), "entry.csv", header, "KSZ,AGR,KOR,src"),
              ::testing::AllOf(::testing::HasSubstr("entry.csv:2"),
                               ::testing::HasSubstr("KSZ does not produce the good")));
  EXPECT_THAT(testing::LoadErrorWithRow(dir.path(), "entry.csv", header, "KSZ,TEX,KOR,src"),
              ::testing::HasSubstr("which earns no income in KSZ"));
}

}  // namespace
}  // namespace peninsula
