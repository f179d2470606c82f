// The growth data of paths (calibration/dynamics_csv.hpp): strict reading with file:line
// errors, the lookup rules of docs/dynamics.md, the shipped data/korea2015/dynamics.csv, and
// the formulas of one year's update (model/dynamics.hpp).
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <cmath>
#include <fstream>

#include "calibration/dynamics_csv.hpp"
#include "model/dynamics.hpp"
#include "support/test_support.hpp"

namespace peninsula {
namespace {

using ::testing::HasSubstr;

const char* kHeader = "parameter,region,factor,period,value,unit,status,source,note\n";

model::ModelSets Sets() {
  model::ModelSets s;
  s.regions = model::Set("region", {"KOR", "PRK"});
  s.factors = model::Set("factor", {"LAB_U", "LAB_S", "CAP"});
  return s;
}

calibration::DynamicsData Read(const testing::TempDir& dir, const std::string& rows) {
  std::ofstream(dir.path() / "dynamics.csv") << "# a comment\n" << kHeader << rows;
  return calibration::ReadDynamics(dir.path() / "dynamics.csv", Sets());
}

std::string ErrorOf(const std::string& rows) {
  testing::TempDir dir;
  try {
    Read(dir, rows);
  } catch (const calibration::DataError& e) {
    std::string m = e.what();
    return m.substr(m.find("dynamics.csv"));
  }
  return "no error";
}

TEST(DynamicsData, ErrorsNameTheLineTheColumnAndWhatWasExpected) {
  EXPECT_THAT(ErrorOf("gdp,KOR,,2015,0.02,fraction/yr,x,s,\n"),
              HasSubstr("dynamics.csv:3: column 'parameter' holds 'gdp' (expected labour_growth"));
  EXPECT_THAT(ErrorOf("gdp_growth,XXX,,2015,0.02,fraction/yr,x,s,\n"),
              HasSubstr(":3: column 'region' holds 'XXX' (expected a region of the data: KOR, "
                        "PRK, or * for any region)"));
  EXPECT_THAT(ErrorOf("labour_growth,KOR,LAB_X,2015,0.01,fraction/yr,x,s,\n"),
              HasSubstr("column 'factor' holds 'LAB_X' (expected empty, LAB"));
  EXPECT_THAT(ErrorOf("gdp_growth,KOR,,2015/25,0.02,fraction/yr,x,s,\n"),
              HasSubstr("column 'period' holds '2015/25' (expected a year"));
  // Four bytes, two of them a UTF-8 character: each byte is tested, none is a digit.
  EXPECT_THAT(ErrorOf("gdp_growth,KOR,,\xC3\xA9"
                      "20,0.02,fraction/yr,x,s,\n"),
              HasSubstr("column 'period' holds '\xC3\xA9"
                        "20' (expected a year"));
  EXPECT_THAT(ErrorOf("gdp_growth,KOR,,2025-2015,0.02,fraction/yr,x,s,\n"),
              HasSubstr("expected the first year not after the second"));
  EXPECT_THAT(ErrorOf("gdp_growth,KOR,,2015,two,fraction/yr,x,s,\n"),
              HasSubstr("column 'value' holds 'two' (expected a number)"));
  EXPECT_THAT(ErrorOf("depreciation,KOR,CAP,2015,1.5,fraction/yr,x,s,\n"),
              HasSubstr("column 'value' holds 1.5 for depreciation (expected a rate in [0, 1))"));
  EXPECT_THAT(ErrorOf("soldiers,PRK,,2016,100,persons,,s,\n"),
              HasSubstr("column 'status' is empty"));
  EXPECT_THAT(ErrorOf("gdp_growth,KOR,,2015,0.02\n"),
              HasSubstr(":3: expected 9 fields as in the header, found 5"));
}

TEST(DynamicsData, RatesPeriodsObservationsFallbacksAndGaps) {
  testing::TempDir dir;
  calibration::DynamicsData d =
      Read(dir,
           "gdp_growth,KOR,,2015-2025,2.5,%/yr,derived,s,percent becomes a fraction\n"
           "gdp_growth,KOR,,2025-2035,0.01,fraction/yr,derived,s,\n"
           "depreciation,KOR,CAP,2015,0.05,fraction/yr,published,s,an observation holds on\n"
           "depreciation,KOR,CAP,2030,0.06,fraction/yr,published,s,until a later one\n"
           "military_spending_share,PRK,,2004-2014,0.23,fraction of GDP,published,s,\n"
           "military_spending_share,PRK,,2020,0.2,fraction of GDP,published,s,\n"
           "tfp_catchup,*,,2014,0.017,fraction/yr,published,s,any region\n"
           "tfp_catchup,PRK,,2015,0.033,ratio to KOR,derived,s,a level\n"
           "tfp_catchup,PRK,,pre-1986,0.5,fraction/yr,published,s,\n"
           "soldiers,PRK,,2016,1280000,persons,PLACEHOLDER,s,a gap is no data\n"
           "labour_growth,KOR,LAB,2015-2045,-0.01,fraction/yr,derived,s,\n"
           "labour_growth,KOR,LAB_S,2015-2045,0.02,fraction/yr,derived,s,\n");
  auto value = [&](const char* p, const char* r, const char* f, int y) {
    const auto* row = d.Find(p, r, f, y);
    return row ? row->value : NAN;
  };
  EXPECT_DOUBLE_EQ(value("gdp_growth", "KOR", "", 2016), 0.025);
  EXPECT_DOUBLE_EQ(value("gdp_growth", "KOR", "", 2025), 0.025);  // the change into 2025
  EXPECT_DOUBLE_EQ(value("gdp_growth", "KOR", "", 2026), 0.01);
  EXPECT_TRUE(std::isnan(value("gdp_growth", "KOR", "", 2036)));  // a period does not carry
  EXPECT_DOUBLE_EQ(value("depreciation", "KOR", "", 2029), 0.05);
  EXPECT_DOUBLE_EQ(value("depreciation", "KOR", "", 2031), 0.06);
  EXPECT_TRUE(std::isnan(value("military_spending_share", "PRK", "", 2016)));
  EXPECT_DOUBLE_EQ(value("military_spending_share", "PRK", "", 2010), 0.23);
  EXPECT_DOUBLE_EQ(value("military_spending_share", "PRK", "", 2027), 0.2);
  EXPECT_TRUE(std::isnan(value("soldiers", "PRK", "", 2027)));
  EXPECT_DOUBLE_EQ(value("labour_growth", "KOR", "LAB_U", 2030), -0.01);  // LAB: every labour
  EXPECT_DOUBLE_EQ(value("labour_growth", "KOR", "LAB_S", 2030), 0.02);   // its own row first
  EXPECT_DOUBLE_EQ(value("tfp_catchup", "PRK", "", 1980), 0.5);
  // Rates only: the PRK ratio is a level, so the catch-up rate falls back to '*'.
  const auto* rate = d.Find("tfp_catchup", "PRK", "", 2015, [](const calibration::DynamicsRow& r) {
    return calibration::IsYearlyUnit(r.unit);
  });
  ASSERT_NE(rate, nullptr);
  EXPECT_DOUBLE_EQ(rate->value, 0.017);
}

TEST(DynamicsData, TwoDifferentAnswersToOneQuestionNameBothRows) {
  testing::TempDir dir;
  calibration::DynamicsData d =
      Read(dir,
           "investment_share,KOR,,2015,0.2931,fraction of GDP,published,WDI,\n"
           "investment_share,KOR,,2015,0.285,fraction of GDP,published,BoK,\n");
  try {
    d.Find("investment_share", "KOR", "", 2015);
    FAIL() << "expected an error";
  } catch (const calibration::DataError& e) {
    EXPECT_THAT(e.what(), HasSubstr("dynamics.csv:3: investment_share for KOR in 2015 is given "
                                    "here as 0.293100 and at "));
    EXPECT_THAT(e.what(), HasSubstr("dynamics.csv:4 as 0.285000"));
  }
}

TEST(DynamicsData, TheKorea2015FileReadsAndAnswersThePathsQuestions) {
  app::LoadedData loaded = app::LoadData(testing::SourcePath("data/korea2015"));
  calibration::DynamicsData d = calibration::ReadDynamics(
      testing::SourcePath("data/korea2015/dynamics.csv"), loaded.model->sets());
  for (const char* r : {"KOR", "PRK", "CHN", "VNM", "ROW"}) {
    ASSERT_NE(d.Find("capital_output", r, "CAP", 2015), nullptr) << r;
    ASSERT_NE(d.Find("labour_force", r, "", 2015), nullptr) << r;
    for (int year = 2016; year <= 2045; ++year) {
      ASSERT_NE(d.Find("gdp_growth", r, "", year), nullptr) << r << " " << year;
      ASSERT_NE(d.Find("labour_growth", r, "LAB_U", year), nullptr) << r << " " << year;
      ASSERT_NE(d.Find("depreciation", r, "CAP", year), nullptr) << r << " " << year;
    }
  }
  EXPECT_DOUBLE_EQ(d.Find("depreciation", "PRK", "CAP", 2040)->value, 0.0621);
  EXPECT_DOUBLE_EQ(d.Find("soldiers", "PRK", "", 2027)->value, 1280000);
  EXPECT_DOUBLE_EQ(d.Find("military_spending_share", "PRK", "", 2027)->value, 0.2);
}

TEST(DynamicsFormulas, SkillUpgradingShiftsTheMixNotTheTotal) {
  const double u = 6, s = 2, gu = 0.01, gs = 0.02, delta = 0.015;
  model::LabourRates g = model::SkillUpgrading(u, s, gu, gs, delta);
  EXPECT_NEAR(u * g.unskilled + s * g.skilled, u * gu + s * gs, 1e-15);
  EXPECT_NEAR(g.skilled - g.unskilled, gs - gu + delta, 1e-15);
  EXPECT_EQ(model::SkillUpgrading(u, s, gu, gs, 0).skilled, gs);
}

TEST(DynamicsFormulas, RampCatchUpRentalAndCapitalAccounts) {
  EXPECT_EQ(model::Ramp(2026, 2027, 5), 0.0);
  EXPECT_DOUBLE_EQ(model::Ramp(2027, 2027, 5), 0.2);
  EXPECT_DOUBLE_EQ(model::Ramp(2031, 2027, 5), 1.0);
  EXPECT_EQ(model::Ramp(2040, 2027, 5), 1.0);
  EXPECT_DOUBLE_EQ(model::CatchUpGrowth(0.015, std::exp(3.0)), 0.045);
  EXPECT_EQ(model::CatchUpGrowth(0.0, 30), 0.0);
  // 10 of capital income on a stock of 3.1 x 30: a rental of 10 / 93.
  EXPECT_DOUBLE_EQ(model::RentalRate(10, 3.1, 30), 10 / 93.0);
  model::CapitalAccount last;
  last.capital = 100;
  last.owned = {0, 10, 0};
  model::CapitalAccount next = model::AccumulateCapital(last, 0.05, 7, {0, 0, 2});
  EXPECT_DOUBLE_EQ(next.depreciation, 5);
  EXPECT_DOUBLE_EQ(next.capital, 100 - 5 + 7 + 2);
  EXPECT_DOUBLE_EQ(next.owned[1], 9.5);
  EXPECT_DOUBLE_EQ(next.owned[2], 2);
  EXPECT_DOUBLE_EQ(next.inflow, 2);
}

}  // namespace
}  // namespace peninsula
