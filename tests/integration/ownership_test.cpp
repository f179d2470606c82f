// Foreign-owned factors (ownership.csv, the `ownq` parameter): part of a factor's income in
// one region belongs to a household of another. The benchmark must replicate with the owned
// income moved from fixed transfers to the endogenous term; after shocks the income paid and
// the income received must match (else the dropped market fails Walras' law); and new
// foreign direct investment must pay its owner the factor's net return.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <cmath>
#include <fstream>

#include "support/test_support.hpp"

namespace peninsula {
namespace {

using model::ShockMode;
using testing::Shock;
using testing::Value;

class Ownership : public ::testing::Test {
 protected:
  void Load(const std::vector<model::Scenario>& scenarios = {}) {
    calibration::SyntheticSpec spec;
    spec.regions = 3;
    spec.seed = 9;
    spec.ownership = true;
    loaded_ = testing::LoadSynthetic(dir_.path(), spec, scenarios);
  }
  model::Model& m() { return *loaded_.model; }
  io::ScenarioOutcome Solve(const model::Scenario& s) {
    auto out = app::RunScenario(m(), s, {});
    EXPECT_TRUE(out.summary.converged()) << s.name << ": " << out.summary.message;
    EXPECT_LE(out.summary.walras_residual, 1e-8) << s.name;
    return out;
  }
  testing::TempDir dir_;
  app::LoadedData loaded_;
};

TEST_F(Ownership, ReplicatesTheBenchmark) {
  Load();
  ASSERT_EQ(m().data().owned.size(), 1u);
  const auto& o = m().data().owned[0];
  EXPECT_EQ(o.region, 0);
  EXPECT_EQ(o.owner, 1);
  const auto& own = loaded_.database.ownership[0];
  EXPECT_NEAR(m().data().p.ownq(0, 0, 1), own.value / (1 - m().data().p.tf(0, 0)), 1e-12);
  EXPECT_LE(app::CheckBenchmark(m()).max_residual, 1e-9);
}

// A productivity boom in the owned factor's region moves its price; every market clears and
// the dropped one too, so what R1 pays and what R2 receives agree.
TEST_F(Ownership, IncomePaidAbroadIsIncomeReceived) {
  Load();
  auto out =
      Solve(testing::MakeScenario("boom", {Shock("tfp", {"R1", "*"}, ShockMode::kScale, 1.3)}));
  EXPECT_GT(Value(m(), out.x, "PF(R1,F1)"), 1.05);
}

// Investment from R2 adds units of F1 in R1 that R2 owns. R2's household receives exactly the
// owned units' net return at the new price: its income less every other source (transfers,
// its own factors, its share of tax revenue) is ownq·(1 − tf)·PF(R1,F1). Against the same
// investment owned at home, R1's household is poorer and R2's richer.
TEST_F(Ownership, ForeignInvestmentPaysItsOwner) {
  const double units = 5.0;
  auto invest = Shock("QF", {"R1", "F1"}, ShockMode::kAdd, units);
  auto owned = testing::MakeScenario(
      "fdi", {invest, Shock("ownq", {"R1", "F1", "R2"}, ShockMode::kAdd, units)});
  auto domestic = testing::MakeScenario("domestic", {invest});
  Load({owned});
  auto a = Solve(owned);
  auto b = Solve(domestic);
  const auto& d = m().data();
  const int r2 = 1, h1 = 0;
  double other = d.hhin(r2, h1) + d.trs(r2, h1) * Value(m(), a.x, "TREV(R2)");
  for (int f = 0; f < d.sets.factors.size(); ++f) {
    if (d.shf(r2, f, h1) == 0) continue;
    double yf = Value(m(), a.x, "YF(R2," + d.sets.factors.label(f) + ")");
    other += d.shf(r2, f, h1) * ((1 - d.p.tf(r2, f)) * yf - d.fabr(r2, f));
  }
  double received = Value(m(), a.x, "YH(R2,H1)") - other;
  double net_return =
      a.parameters.ownq(0, 0, r2) * (1 - d.p.tf(0, 0)) * Value(m(), a.x, "PF(R1,F1)");
  EXPECT_NEAR(a.parameters.ownq(0, 0, r2), d.p0.ownq(0, 0, r2) + units, 1e-12);
  EXPECT_NEAR(received, net_return, 1e-9 * net_return);
  EXPECT_GT(Value(m(), a.x, "YH(R2,H1)"), Value(m(), b.x, "YH(R2,H1)"));
  EXPECT_LT(Value(m(), a.x, "YH(R1,H1)"), Value(m(), b.x, "YH(R1,H1)"));
}

// Ownership a scenario introduces where the data have none starts at zero units.
TEST_F(Ownership, ScenarioDeclaresNewOwnership) {
  auto fdi =
      testing::MakeScenario("fdi", {Shock("QF", {"R3", "F1"}, ShockMode::kAdd, 2.0),
                                    Shock("ownq", {"R3", "F1", "R1"}, ShockMode::kAdd, 2.0)});
  Load({fdi});
  EXPECT_EQ(m().data().owned.size(), 2u);
  EXPECT_EQ(m().data().p0.ownq(2, 0, 0), 0.0);
  EXPECT_LE(app::CheckBenchmark(m()).max_residual, 1e-9);
  Solve(fdi);
}

TEST_F(Ownership, BadOwnershipFilesAreRefused) {
  Load();
  auto error_with = [&](const std::string& row) {
    return testing::LoadErrorWithRow(dir_.path(), "ownership.csv",
                                     "region,factor,owner,household,value,source", row);
  };
  using ::testing::HasSubstr;
  EXPECT_THAT(error_with("R1,F1,R1,H1,1,test"), HasSubstr("owner is the region itself"));
  EXPECT_THAT(error_with("R1,F3,R2,H1,1,test"), HasSubstr("is sector-specific"));
  EXPECT_THAT(error_with("R1,F1,R2,H1,-1,test"), HasSubstr("(expected > 0)"));
  EXPECT_THAT(error_with("R1,F1,R9,H1,1,test"), HasSubstr("unknown region 'R9'"));
  EXPECT_THAT(error_with("R1,F1,R2,H1,1e6,test"),
              HasSubstr("exceeds the factor income paid abroad in sam.csv"));
  EXPECT_THAT(error_with("R1,F1,R2,H1,1,"), HasSubstr("column 'source' is empty"));
}

}  // namespace
}  // namespace peninsula
