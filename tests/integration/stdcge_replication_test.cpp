// The engine in small-open-economy mode against the Hosoe–Gasawa–Hashimoto standard model:
// data/stdcge solved by the general engine must match tests/reference (an independent
// implementation in the original share-parameter form) variable by variable, and the
// utility level published for tariff removal.
#include <gtest/gtest.h>

#include <cmath>

#include "support/test_support.hpp"
#include "tests/reference/stdcge_reference.hpp"

namespace peninsula {
namespace {

using model::ShockMode;
using testing::Shock;
using testing::Value;

struct Case {
  const char* name;
  reference::StdcgeShock reference_shock;
  std::vector<model::ShockSpec> shocks;
};

std::vector<Case> Cases() {
  reference::StdcgeShock tariff, import_price, savings, labour;
  tariff.tariff_scale = 0.0;
  import_price.world_import_price_scale = 1.2;
  savings.foreign_savings_scale = 0.5;
  labour.labour_endowment_scale = 1.15;
  return {
      {"tariff_removal", tariff, {Shock("tm", {"*", "EXT", "STD"}, ShockMode::kSet, 0.0)}},
      {"import_price", import_price, {Shock("pwm", {"*"}, ShockMode::kScale, 1.2)}},
      {"foreign_savings", savings, {Shock("fsav", {"STD"}, ShockMode::kScale, 0.5)}},
      {"labour", labour, {Shock("QF", {"STD", "LAB"}, ShockMode::kScale, 1.15)}},
  };
}

// engine label -> reference key
std::vector<std::pair<std::string, std::string>> Correspondence() {
  std::vector<std::pair<std::string, std::string>> map = {{"EXR", "epsilon"},
                                                          {"PF(STD,CAP)", "pf(CAP)"}};
  for (std::string i : {"BRD", "MLK"}) {
    std::string r = "(STD," + i + ")";
    for (auto [ours, theirs] : {std::pair{"X", "Z"},
                                {"VA", "Y"},
                                {"PX", "pz"},
                                {"PVA", "py"},
                                {"PA", "pq"},
                                {"PD", "pd"},
                                {"PE", "pe"},
                                {"D", "D"},
                                {"E", "E"},
                                {"Q", "Q"},
                                {"G", "Xg"},
                                {"XV", "Xv"}}) {
      map.emplace_back(ours + r, std::string(theirs) + "(" + i + ")");
    }
    map.emplace_back("C(STD,HOH," + i + ")", "Xp(" + i + ")");
    map.emplace_back("M(" + i + ",EXT,STD)", "M(" + i + ")");
    for (std::string f : {"CAP", "LAB"})
      map.emplace_back("F(STD," + f + "," + i + ")", "F(" + f + "," + i + ")");
  }
  return map;
}

class StdcgeReplication : public ::testing::TestWithParam<Case> {};

TEST_P(StdcgeReplication, MatchesIndependentImplementation) {
  const Case& c = GetParam();
  auto loaded = app::LoadData(testing::SourcePath("data/stdcge"));
  model::ClosureSpec closure;
  closure.numeraire = "PF(STD,LAB)";
  auto outcome =
      app::RunScenario(*loaded.model, testing::MakeScenario(c.name, c.shocks, closure), {});
  ASSERT_TRUE(outcome.summary.converged()) << outcome.summary.message;
  EXPECT_LT(outcome.summary.walras_residual, 1e-9);
  auto ref = reference::SolveStdcge(c.reference_shock);
  ASSERT_TRUE(ref.converged);
  for (const auto& [ours, theirs] : Correspondence()) {
    double expected = ref.values.at(theirs);
    EXPECT_NEAR(Value(*loaded.model, outcome.x, ours), expected,
                1e-9 * std::max(1.0, std::abs(expected)))
        << ours << " vs " << theirs;
  }
}

INSTANTIATE_TEST_SUITE_P(Shocks, StdcgeReplication, ::testing::ValuesIn(Cases()),
                         [](const auto& info) { return std::string(info.param.name); });

// Published: utility after tariff removal in the GAMS-maintained port of stdcge
// (GAMS-dev/gamspy-examples, models/stdcge/stdcge.py, checked with math.isclose at 1e-9).
TEST(StdcgeReplication, PublishedUtilityAfterTariffRemoval) {
  auto loaded = app::LoadData(testing::SourcePath("data/stdcge"));
  model::ClosureSpec closure;
  closure.numeraire = "PF(STD,LAB)";
  auto outcome = app::RunScenario(
      *loaded.model,
      testing::MakeScenario("tariff_removal",
                            {Shock("tm", {"*", "*", "STD"}, ShockMode::kSet, 0.0)}, closure),
      {});
  ASSERT_TRUE(outcome.summary.converged());
  // UU = Π_i Xp_i^α_i with α the benchmark budget shares (20/50, 30/50).
  double utility = std::pow(Value(*loaded.model, outcome.x, "C(STD,HOH,BRD)"), 0.4) *
                   std::pow(Value(*loaded.model, outcome.x, "C(STD,HOH,MLK)"), 0.6);
  EXPECT_NEAR(utility, 26.092634381288686, 1e-9 * 26.09);
}

}  // namespace
}  // namespace peninsula
