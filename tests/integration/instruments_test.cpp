// Complementarity instruments on asymmetric 3-region data, each checked against a solution
// derived independently of the complementarity machinery: a binding quota equals the same
// model with its rent imposed as a fixed export tax (or tariff, for an importer's rent); a
// binding wage floor equals the same model with the unemployed removed from the endowment;
// instruments that do not bind leave the equilibrium unchanged.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <set>

#include "support/test_support.hpp"

namespace peninsula {
namespace {

using model::ShockMode;
using testing::Shock;
using testing::Value;

class Instruments : public ::testing::Test {
 protected:
  // Declares every instrument the tests use, then builds the model once.
  void Load(const std::vector<model::Scenario>& scenarios) {
    calibration::SyntheticSpec spec;
    spec.regions = 3;
    spec.sectors = 4;
    spec.seed = 5;
    loaded_ = testing::LoadSynthetic(dir_.path(), spec, scenarios);
  }
  model::Model& m() { return *loaded_.model; }

  io::ScenarioOutcome Solve(const model::Scenario& s, const solver::SolveOptions& options = {}) {
    auto out = app::RunScenario(m(), s, options);
    EXPECT_TRUE(out.summary.converged()) << s.name << ": " << out.summary.message;
    EXPECT_LE(out.summary.complementarity_residual, 1e-9) << s.name;
    return out;
  }

  // Every variable outside the `skip` blocks agrees within a relative 1e-8.
  void ExpectSameEquilibrium(const std::vector<double>& a, const std::vector<double>& b,
                             const std::set<std::string>& skip = {}) {
    const auto& reg = m().registry();
    int worst = -1;
    double worst_gap = 0.0;
    for (int g = 0; g < reg.size(); ++g) {
      if (skip.count(reg.blocks()[reg.Locate(g).first].name())) continue;
      double gap = std::abs(a[g] - b[g]) / std::max(1.0, std::abs(a[g]));
      if (gap > worst_gap) worst_gap = gap, worst = g;
    }
    EXPECT_LE(worst_gap, 1e-8) << "worst variable " << (worst >= 0 ? reg.Label(worst) : "");
  }

  double Flow(const std::vector<double>& x, const std::string& i, const std::string& s,
              const std::string& r) {
    auto [ii, ss, rr] = std::array<int, 3>{
        *m().sets().sectors.Find(i), *m().sets().partners.Find(s), *m().sets().regions.Find(r)};
    return Value(m(), x, "M(" + i + "," + s + "," + r + ")") / m().data().m0(ii, ss, rr);
  }

  testing::TempDir dir_;
  app::LoadedData loaded_;
  const model::ShockSpec boom_ = Shock("tfp", {"R1", "S1"}, ShockMode::kScale, 1.3);
};

model::ShockSpec Cap(double share, const std::string& rent_to = "") {
  auto s = Shock("quota", {"S1", "R1", "R2"}, ShockMode::kSet, share);
  s.rent_to = rent_to;
  return s;
}

TEST_F(Instruments, BindingQuotaEqualsItsExportTaxEquivalent) {
  auto capped = testing::MakeScenario("capped", {boom_, Cap(1.0)});
  Load({capped});
  auto free = Solve(testing::MakeScenario("free", {boom_}));
  ASSERT_GT(Flow(free.x, "S1", "R1", "R2"), 1.01) << "the boom must push the flow past the cap";
  auto with_cap = Solve(capped);
  EXPECT_NEAR(Flow(with_cap.x, "S1", "R1", "R2"), 1.0, 1e-10);
  double rent = Value(m(), with_cap.x, "RENT(S1,R1,R2)");
  EXPECT_GT(rent, 1e-3);
  auto tax = Solve(testing::MakeScenario(
      "tax", {boom_, Shock("te", {"S1", "R1", "R2"}, ShockMode::kAdd, rent)}));
  ExpectSameEquilibrium(with_cap.x, tax.x, {"RENT"});
}

TEST_F(Instruments, ImportersRentEqualsItsTariffEquivalent) {
  auto capped = testing::MakeScenario("capped", {boom_, Cap(1.0, "importer")});
  Load({capped});
  auto with_cap = Solve(capped);
  EXPECT_NEAR(Flow(with_cap.x, "S1", "R1", "R2"), 1.0, 1e-10);
  double rent = Value(m(), with_cap.x, "RENT(S1,R1,R2)");
  EXPECT_GT(rent, 1e-3);
  auto tariff = Solve(testing::MakeScenario(
      "tariff", {boom_, Shock("tm", {"S1", "R1", "R2"}, ShockMode::kAdd, rent)}));
  ExpectSameEquilibrium(with_cap.x, tariff.x, {"RENT"});
}

TEST_F(Instruments, SlackQuotaChangesNothing) {
  auto loose = testing::MakeScenario("loose", {boom_, Cap(3.0)});
  Load({loose});
  auto free = Solve(testing::MakeScenario("free", {boom_}));
  auto with_cap = Solve(loose);
  EXPECT_NEAR(Value(m(), with_cap.x, "RENT(S1,R1,R2)"), 0.0, 1e-12);
  ExpectSameEquilibrium(free.x, with_cap.x);
}

// The boom grows past the point where the flow reaches the cap: below it the rent is zero
// and the flow follows the free equilibrium, above it the flow sits at the cap with a rent.
TEST_F(Instruments, RegimeSwitchesOnceAsTheShockGrows) {
  Load({testing::MakeScenario("declare", {Cap(1.0)})});
  const double cap = 1.1;
  int switches = 0;
  bool was_binding = false;
  for (double tfp = 1.0; tfp <= 1.5001; tfp += 0.05) {
    auto boom = Shock("tfp", {"R1", "S1"}, ShockMode::kScale, tfp);
    auto out = Solve(testing::MakeScenario("step", {boom, Cap(cap)}));
    double flow = Flow(out.x, "S1", "R1", "R2");
    double rent = Value(m(), out.x, "RENT(S1,R1,R2)");
    EXPECT_LE(flow, cap + 1e-10) << "tfp " << tfp;
    EXPECT_GE(rent, 0.0) << "tfp " << tfp;
    EXPECT_LE((cap - flow) * rent, 1e-10) << "tfp " << tfp;
    bool binding = rent > 1e-9;
    if (binding != was_binding) ++switches;
    was_binding = binding;
    if (!binding) {
      auto free = Solve(testing::MakeScenario("free", {boom}));
      EXPECT_NEAR(flow, Flow(free.x, "S1", "R1", "R2"), 1e-9) << "tfp " << tfp;
    }
  }
  EXPECT_EQ(switches, 1);
  EXPECT_TRUE(was_binding);
}

TEST_F(Instruments, BindingWageFloorEqualsTheSmallerWorkforce) {
  auto slump = Shock("tfp", {"R1", "*"}, ShockMode::kScale, 0.8);
  auto floored = testing::MakeScenario(
      "floored", {slump, Shock("wfloor", {"R1", "F1"}, ShockMode::kSet, 1.0)});
  Load({floored});
  auto with_floor = Solve(floored);
  double unemployed = Value(m(), with_floor.x, "UNEMP(R1,F1)");
  ASSERT_GT(unemployed, 1e-3) << "the slump must make the floor bind";
  EXPECT_NEAR(Value(m(), with_floor.x, "PF(R1,F1)") / Value(m(), with_floor.x, "CPI(R1)"), 1.0,
              1e-10);
  double endowment = Value(m(), m().benchmark(), "QF(R1,F1)");
  auto smaller = Solve(testing::MakeScenario(
      "smaller", {slump, Shock("QF", {"R1", "F1"}, ShockMode::kSet, endowment - unemployed)}));
  ExpectSameEquilibrium(with_floor.x, smaller.x, {"UNEMP", "QF"});
  EXPECT_NEAR(Value(m(), smaller.x, "PF(R1,F1)") / Value(m(), smaller.x, "CPI(R1)"), 1.0, 1e-9);
}

TEST_F(Instruments, SlackWageFloorChangesNothing) {
  auto growth = Shock("tfp", {"R1", "*"}, ShockMode::kScale, 1.1);
  auto floored = testing::MakeScenario(
      "floored", {growth, Shock("wfloor", {"R1", "F1"}, ShockMode::kSet, 1.0)});
  Load({floored});
  auto free = Solve(testing::MakeScenario("free", {growth}));
  auto with_floor = Solve(floored);
  EXPECT_NEAR(Value(m(), with_floor.x, "UNEMP(R1,F1)"), 0.0, 1e-9);
  ExpectSameEquilibrium(free.x, with_floor.x);
}

// The Ipopt path (MPCC penalty form, then a semismooth Newton polish on the regime it finds)
// reaches the same equilibria as the Newton path, binding instruments included.
TEST_F(Instruments, IpoptMpccFindsTheSameEquilibria) {
  auto capped = testing::MakeScenario("capped", {boom_, Cap(1.0)});
  auto slump = Shock("tfp", {"R1", "*"}, ShockMode::kScale, 0.8);
  auto floored = testing::MakeScenario(
      "floored", {slump, Shock("wfloor", {"R1", "F1"}, ShockMode::kSet, 1.0)});
  auto loose = testing::MakeScenario("loose", {boom_, Cap(3.0)});
  Load({capped, floored, loose});
  solver::SolveOptions ipopt;
  ipopt.method = solver::Method::kIpopt;
  ipopt.homotopy = false;
  for (const auto& s : {capped, floored, loose}) {
    auto newton = Solve(s);
    auto mpcc = Solve(s, ipopt);
    EXPECT_NE(mpcc.summary.solver.find("ipopt-mpcc"), std::string::npos) << mpcc.summary.solver;
    ExpectSameEquilibrium(newton.x, mpcc.x);
  }
}

// When Newton gives up, `auto` falls back to the MPCC form and still finds the equilibrium.
TEST_F(Instruments, FallsBackToIpoptWhenNewtonFails) {
  auto capped = testing::MakeScenario("capped", {boom_, Cap(1.0)});
  Load({capped});
  auto reference = Solve(capped);
  solver::SolveOptions hobbled;
  hobbled.newton.max_iterations = 1;
  hobbled.homotopy = false;
  auto fallback = Solve(capped, hobbled);
  EXPECT_EQ(fallback.summary.solver.rfind("newton->ipopt-mpcc", 0), 0u) << fallback.summary.solver;
  ExpectSameEquilibrium(reference.x, fallback.x);
}

// Instruments declared but inactive leave the benchmark a solution: complementarity rows
// count min(v, F), here min(0, slack) = 0.
TEST_F(Instruments, BenchmarkReplicatesWithInstruments) {
  Load({testing::MakeScenario("declare",
                              {Cap(1.0), Shock("wfloor", {"*", "*"}, ShockMode::kSet, 1.0)})});
  auto check = app::CheckBenchmark(m());
  EXPECT_LE(check.max_residual, 1e-9) << check.worst_equation;
  EXPECT_EQ(check.max_by_block.count("quota_limit"), 1u);
}

}  // namespace
}  // namespace peninsula
