// The welfare decomposition by economic source (docs/analysis.md) on cases whose answer is
// known without it: a small open economy removing its tariffs (world prices are fixed, so no
// terms-of-trade effect; only the tariff wedge moves welfare), a productivity gain in an
// undistorted closed economy (technology carries the closed-form EV), a large country's
// tariff (the importer gains terms of trade at the exporter's expense), foreign ownership and
// a new import variety, and the default study (parts add up; the residual falls with steps).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <numeric>

#include "app/analysis/economy.hpp"
#include "app/analysis/welfare_sources.hpp"
#include "io/scenario_file.hpp"
#include "support/test_support.hpp"

namespace peninsula {
namespace {

namespace an = app::analysis;
using model::ShockMode;
using testing::Shock;

int Part(an::Source s) { return static_cast<int>(s); }

struct Case {
  app::LoadedData data;
  io::ScenarioOutcome outcome;
  std::vector<double> ev;  // the scenario's own EV by region

  model::Model& model() { return *data.model; }
  int Region(const std::string& label) { return *model().sets().regions.Find(label); }
  an::SourceDecomposition Decompose(an::SourceOptions options = {},
                                    solver::HeldFactorization held = {}) {
    model::Model& m = model();
    solver::SolveOptions solve;
    solve.walras_tolerance = 1e-6;
    an::Resolver resolver(m.data(), outcome.closure, solve);
    resolver.UseFactorization(std::move(held));
    return an::DecomposeBySource(resolver, {&m.data().p0, &m.benchmark()},
                                 {&outcome.parameters, &outcome.x}, ev, options);
  }
};

void Solve(Case& c, const model::Scenario& s) {
  model::Model& m = c.model();
  c.outcome = app::RunScenario(m, s, {});
  ASSERT_TRUE(c.outcome.summary.converged()) << c.outcome.summary.message;
  auto u0 = an::Utilities(m, an::ReadState(m, m.benchmark(), m.data().p0));
  c.ev = an::RegionEv(m, u0, an::Utilities(m, an::ReadState(m, c.outcome.x, c.outcome.parameters)));
}

double Sum(const an::SourceDecomposition& d, int region) {
  double s = 0;
  for (const auto& part : d.ev) s += part[region];
  return s;
}

double Allocative(const an::SourceDecomposition& d, int r) {
  double s = 0;
  for (an::Source p : {an::Source::kProductionTax, an::Source::kSalesTax, an::Source::kTariffs,
                       an::Source::kExportTaxes, an::Source::kQuotaRents}) {
    s += d.ev[Part(p)][r];
  }
  return s;
}

// One small open economy: two goods, labour and capital, tariffs of 20 % and 10 %, no other
// tax; the government hands all revenue to the household, and nobody saves (trade balances).
void WriteSmallOpenEconomy(const std::filesystem::path& dir) {
  std::ofstream(dir / "regions.csv") << "region,description\nSOE,small open economy\n";
  std::ofstream(dir / "accounts.csv")
      << "account,kind,label,description\n"
         "a1,activity,G1,\na2,activity,G2,\nc1,commodity,G1,\nc2,commodity,G2,\n"
         "L,factor,L,\nK,factor,K,\nHH,household,HH,\nGOV,government,,\n"
         "TRF,tax_import,,\nEXT,rest_of_world,,\n";
  std::ofstream(dir / "factors.csv") << "factor,mobility\nL,mobile\nK,mobile\n";
  std::ofstream(dir / "sam.csv") << "region,row,column,value\n"
                                    "SOE,c1,a1,10\nSOE,c2,a1,6\nSOE,L,a1,24\nSOE,K,a1,12\n"
                                    "SOE,c1,a2,5\nSOE,c2,a2,8\nSOE,L,a2,14\nSOE,K,a2,30\n"
                                    "SOE,a1,c1,52\nSOE,a2,c2,57\n"
                                    "SOE,EXT,c1,15\nSOE,EXT,c2,25\nSOE,TRF,c1,3\nSOE,TRF,c2,2.5\n"
                                    "SOE,c1,EXT,25\nSOE,c2,EXT,15\n"
                                    "SOE,c1,HH,30\nSOE,c2,HH,55.5\n"
                                    "SOE,HH,L,38\nSOE,HH,K,42\nSOE,GOV,TRF,5.5\nSOE,HH,GOV,5.5\n";
  std::ofstream(dir / "elasticities.csv") << "region,sector,parameter,value,source\n"
                                             "*,G1,sigma_va,0.8,test\n*,G2,sigma_va,1,test\n"
                                             "*,G1,sigma_d,2,test\n*,G2,sigma_d,3,test\n"
                                             "*,G1,omega,2,test\n*,G2,omega,1.5,test\n";
}

// The path's predictor is exact for states that are cubic in t and uses the states nearest
// to t: a fifth, far state that would spoil a quartic fit is left out.
TEST(PathPrediction, CubicStatesArePredictedExactlyFromTheNearestFour) {
  auto state = [](double t) {
    return std::vector<double>{1 + t, 2 - 3 * t * t, 0.5 * t * t * t - t};
  };
  std::vector<std::vector<double>> xs = {
      state(0.0), state(0.25), state(0.5), state(1.0), {1e6, -1e6, 1e6}};
  std::vector<an::PathState> known = {
      {0.0, &xs[0]}, {0.25, &xs[1]}, {0.5, &xs[2]}, {1.0, &xs[3]}, {40.0, &xs[4]}};
  for (double t : {0.75, 0.375, 1.25}) {
    auto predicted = an::PredictState(known, t, 4);
    auto exact = state(t);
    for (std::size_t k = 0; k < exact.size(); ++k) EXPECT_NEAR(predicted[k], exact[k], 1e-12) << t;
  }
  auto linear = an::PredictState(known, 0.75, 2);  // the secant through 0.5 and 1.0
  EXPECT_NEAR(linear[1], 0.5 * (xs[2][1] + xs[3][1]), 1e-15);
}

TEST(WelfareBySource, SmallOpenTariffRemovalIsAllocativeEfficiency) {
  testing::TempDir dir;
  WriteSmallOpenEconomy(dir.path());
  Case c{app::LoadData(dir.path()), {}, {}};
  ASSERT_TRUE(c.model().data().small_open);
  Solve(c, testing::MakeScenario("free trade", {Shock("tm", {"*", "*", "*"}, ShockMode::kSet, 0)}));
  an::SourceDecomposition d = c.Decompose();
  ASSERT_TRUE(d.note.empty()) << d.note;
  ASSERT_GT(c.ev[0], 0.0);  // no other distortion: free trade is better
  EXPECT_EQ(d.ev[Part(an::Source::kTermsOfTrade)][0], 0.0);  // world prices never move
  EXPECT_EQ(d.ev[Part(an::Source::kGovernment)][0], 0.0);
  EXPECT_EQ(d.ev[Part(an::Source::kInvestment)][0], 0.0);
  EXPECT_NEAR(d.ev[Part(an::Source::kTariffs)][0], c.ev[0], 1e-4 * c.ev[0]);
  EXPECT_NEAR(Allocative(d, 0), c.ev[0], 1e-4 * c.ev[0]);
  EXPECT_NEAR(d.residual[0], c.ev[0] - Sum(d, 0), 1e-12);
}

// The closed 2x2 Cobb-Douglas economy (testing::WriteClosedEconomy): factor allocations do not move
// with productivity, so X_1 rises by tfp and u = tfp^beta_1 exactly.
TEST(WelfareBySource, ProductivityInUndistortedEconomyIsTechnology) {
  testing::TempDir dir;
  testing::WriteClosedEconomy(dir.path());
  Case c{app::LoadData(dir.path()), {}, {}};
  model::ClosureSpec closure;
  closure.numeraire = "PF(A,L)";
  const double tfp = 1.1;
  Solve(c,
        testing::MakeScenario("tfp", {Shock("tfp", {"A", "G1"}, ShockMode::kScale, tfp)}, closure));
  const double closed_form = 100.0 * (std::pow(tfp, 0.4) - 1.0);  // B0 (u - 1), beta_1 = 0.4
  ASSERT_NEAR(c.ev[0], closed_form, 1e-9);
  an::SourceDecomposition d = c.Decompose();
  ASSERT_TRUE(d.note.empty()) << d.note;
  EXPECT_NEAR(d.ev[Part(an::Source::kTechnology)][0], closed_form, 1e-6 * closed_form);
  for (std::size_t k = 0; k < d.ev.size(); ++k) {
    if (int(k) == Part(an::Source::kTechnology)) continue;
    EXPECT_EQ(d.ev[k][0], 0.0) << d.parts[k];
  }
}

// Two regions (asymmetric synthetic data, two households each): R1 raises its tariffs on
// everything it buys from R2 by 10 points.
TEST(WelfareBySource, LargeCountryTariffMovesTermsOfTradeBetweenRegions) {
  testing::TempDir dir;
  calibration::SyntheticSpec spec;
  spec.regions = 2;
  spec.households = 2;
  spec.seed = 7;
  Case c{testing::LoadSynthetic(dir.path(), spec), {}, {}};
  Solve(c, testing::MakeScenario("tariff", {Shock("tm", {"*", "R2", "R1"}, ShockMode::kAdd, 0.1)}));
  an::SourceDecomposition d = c.Decompose();
  ASSERT_TRUE(d.note.empty()) << d.note;
  const int r1 = c.Region("R1"), r2 = c.Region("R2");
  const auto& tot = d.ev[Part(an::Source::kTermsOfTrade)];
  EXPECT_GT(tot[r1], 0.0);
  EXPECT_LT(tot[r2], 0.0);
  // Every flow's price change is one region's gain and the other's loss; the sum is not
  // exactly zero only because each region deflates by its own utility price index.
  EXPECT_LT(std::abs(tot[r1] + tot[r2]), 0.05 * std::max(tot[r1], -tot[r2]));
  EXPECT_LT(d.ev[Part(an::Source::kTariffs)][r1], 0.0);  // the importer buys less at a wedge
  for (int r : {r1, r2}) {
    EXPECT_NEAR(Sum(d, r) + d.residual[r], c.ev[r], 1e-12);
    EXPECT_LE(std::abs(d.residual[r]), 1e-3 * std::max(std::abs(c.ev[r1]), std::abs(c.ev[r2])));
  }
  // Two households per region with different budget shares: their price indices differ.
  EXPECT_NE(d.ev[Part(an::Source::kDistribution)][r1], 0.0);
}

// The scenario solve's factorisation handed to the re-solves (as `peninsula solve` does)
// changes their chord steps, not their solutions.
TEST(WelfareBySource, HeldFactorizationGivesTheSameDecomposition) {
  testing::TempDir dir;
  calibration::SyntheticSpec spec;
  spec.regions = 3;
  spec.seed = 7;
  Case c{testing::LoadSynthetic(dir.path(), spec), {}, {}};
  auto s = testing::MakeScenario("tariff", {Shock("tm", {"*", "R2", "R1"}, ShockMode::kAdd, 0.1)});
  Solve(c, s);
  solver::HeldFactorization held;
  app::RunScenario(c.model(), s, {}, &held);
  ASSERT_TRUE(held.lu);
  an::SourceDecomposition plain = c.Decompose(), seeded = c.Decompose({}, held);
  ASSERT_TRUE(plain.note.empty() && seeded.note.empty()) << plain.note << seeded.note;
  for (std::size_t p = 0; p < plain.ev.size(); ++p) {
    for (std::size_t r = 0; r < plain.ev[p].size(); ++r) {
      EXPECT_NEAR(seeded.ev[p][r], plain.ev[p][r], 1e-8 * std::max(1.0, std::abs(c.ev[r])));
    }
  }
}

// R1's first factor is partly owned by R2 (synthetic ownership); R2 invests: R1's endowment
// grows by the units R2 comes to own, and a latent flow from R1 to R2 opens.
TEST(WelfareBySource, ForeignOwnershipAndNewVarietyHaveTheirOwnParts) {
  testing::TempDir dir;
  calibration::SyntheticSpec spec;
  spec.regions = 3;
  spec.seed = 3;
  spec.ownership = true;
  spec.latent = true;
  Case c{testing::LoadSynthetic(dir.path(), spec), {}, {}};
  const double qf = c.model().data().qf0(0, 0), units = 0.2 * qf;
  Solve(c, testing::MakeScenario("fdi", {Shock("QF", {"R1", "F1"}, ShockMode::kAdd, units),
                                         Shock("ownq", {"R1", "F1", "R2"}, ShockMode::kAdd, units),
                                         Shock("access", {"S1", "R1", "R2"}, ShockMode::kSet, 1)}));
  an::SourceDecomposition d = c.Decompose();
  ASSERT_TRUE(d.note.empty()) << d.note;
  const int r1 = c.Region("R1"), r2 = c.Region("R2");
  EXPECT_GT(d.ev[Part(an::Source::kEndowments)][r1], 0.0);
  EXPECT_LT(d.ev[Part(an::Source::kForeignOwnership)][r1], 0.0);
  EXPECT_GT(d.ev[Part(an::Source::kForeignOwnership)][r2], 0.0);
  EXPECT_GT(d.ev[Part(an::Source::kImportVariety)][r2], 0.0);
  double scale = 0;
  for (double e : c.ev) scale = std::max(scale, std::abs(e));
  for (std::size_t r = 0; r < c.ev.size(); ++r) EXPECT_LE(std::abs(d.residual[r]), 1e-3 * scale);
}

double LargestEv(const Case& c) {
  double scale = 0;
  for (double e : c.ev) scale = std::max(scale, std::abs(e));
  return scale;
}

// R2 owns part of R1's first factor, which has a floor on its real wage; R1's endowment of it
// doubles, so a share is idle and the owner's income falls with employment: the ownership part
// must carry the idle owned units, or the residual keeps them.
TEST(WelfareBySource, OwnedUnitsIdleUnderAWageFloor) {
  testing::TempDir dir;
  calibration::SyntheticSpec spec;
  spec.regions = 3;
  spec.seed = 6;
  spec.ownership = true;
  auto floor = Shock("wfloor", {"R1", "F1"}, ShockMode::kSet, 1.0);
  auto more = Shock("QF", {"R1", "F1"}, ShockMode::kScale, 2.0);
  auto scenario = testing::MakeScenario("idle", {floor, more});
  Case c{testing::LoadSynthetic(dir.path(), spec, {scenario}), {}, {}};
  Solve(c, scenario);
  ASSERT_GT(testing::Value(c.model(), c.outcome.x, "UNEMP(R1,F1)"), 0.01);
  an::SourceDecomposition d = c.Decompose();
  ASSERT_TRUE(d.note.empty()) << d.note;
  for (std::size_t r = 0; r < c.ev.size(); ++r)
    EXPECT_LE(std::abs(d.residual[r]), 1e-3 * LargestEv(c)) << r;
}

// An entering technology makes the path kink twice (it enters, then the incumbent exits):
// refining where the parts explain least keeps the residual within the tolerance, and the
// technology part carries the gain.
TEST(WelfareBySource, AnEnteringTechnologyIsTechnologyAcrossItsKinks) {
  testing::TempDir dir;
  calibration::SyntheticSpec spec;
  spec.regions = 3;
  spec.seed = 5;
  spec.entry = true;
  Case c{testing::LoadSynthetic(dir.path(), spec), {}, {}};
  Solve(c, testing::MakeScenario("enter", {Shock("entry", {"R2", "S1"}, ShockMode::kSet, 1.2)}));
  ASSERT_NEAR(testing::Value(c.model(), c.outcome.x, "X(R2,S1)"), 0.0, 1e-9);
  an::SourceDecomposition d = c.Decompose();
  ASSERT_TRUE(d.note.empty()) << d.note;
  for (std::size_t r = 0; r < c.ev.size(); ++r)
    EXPECT_LE(std::abs(d.residual[r]), 1e-3 * LargestEv(c)) << r;
  EXPECT_GT(d.ev[Part(an::Source::kTechnology)][c.Region("R2")], 0.0);
}

// The default study's relief scenario (quotas with rents, a wage floor, foreign ownership):
// the parts add up to the EV within the default tolerance, and with the plain trapezoid the
// residual falls as the path gets more steps.
TEST(WelfareBySource, DefaultStudyResidualFallsWithSteps) {
  model::Scenario s = io::ReadScenario(testing::SourcePath("runs/scenarios/relief_phase1.toml"));
  Case c{app::LoadData(testing::SourcePath("data/korea2015"), {s}), {}, {}};
  ASSERT_EQ(c.model().sets().regions.size(), 6);  // with the Kaesong zone region
  Solve(c, s);
  double scale = 0;
  for (double e : c.ev) scale = std::max(scale, std::abs(e));
  an::SourceDecomposition best = c.Decompose();
  ASSERT_TRUE(best.note.empty()) << best.note;
  for (std::size_t r = 0; r < c.ev.size(); ++r) {
    EXPECT_LE(std::abs(best.residual[r]), 1e-3 * scale) << r;
    EXPECT_NEAR(Sum(best, int(r)) + best.residual[r], c.ev[r], 1e-12);
  }
  std::vector<double> worst;
  for (int steps : {2, 4, 8}) {
    an::SourceDecomposition d = c.Decompose({steps, steps, 0.0, false});
    ASSERT_TRUE(d.note.empty()) << d.note;
    ASSERT_EQ(d.steps, steps);
    double w = 0;
    for (double r : d.residual) w = std::max(w, std::abs(r));
    worst.push_back(w);
  }
  EXPECT_LT(worst[1], 0.5 * worst[0]);
  EXPECT_LT(worst[2], 0.5 * worst[1]);
}

}  // namespace
}  // namespace peninsula
