// Recursive-dynamic paths (docs/dynamics.md) on a synthetic world with foreign-owned capital:
// the baseline meets its GDP targets and starts at the benchmark, capital accounts hold every
// year, a path without growth equals the static solutions of its phases, and a year that does
// not converge stops the path.
#include <gtest/gtest.h>

#include <cmath>

#include "app/path_command.hpp"
#include "app/path_runner.hpp"
#include "support/test_support.hpp"

namespace peninsula {
namespace {

using testing::LoadSynthetic;
using testing::MakeScenario;
using testing::Shock;

constexpr int kStart = 2015, kEnd = 2030;

// Growth data given here: every region grows, depreciates and saves differently.
calibration::DynamicsData Growth() {
  calibration::DynamicsData d;
  d.source = "test";
  const std::vector<std::string> regions = {"R1", "R2", "R3"};
  const double gdp[] = {0.03, 0.06, 0.015}, lab[] = {0.01, 0.02, -0.005};
  const double delta[] = {0.05, 0.07, 0.04}, kappa[] = {3.0, 2.2, 3.5}, workers[] = {10, 30, 5};
  for (int r = 0; r < 3; ++r) {
    auto add = [&](const char* p, const char* f, int from, int to, double v) {
      d.Add({p, regions[r], f, from, to, v, "", "test", "test"});
    };
    add("gdp_growth", "", kStart, 2022, gdp[r]);
    add("gdp_growth", "", 2022, kEnd, gdp[r] / 2);  // a second period at another rate
    add("labour_growth", "LAB", kStart, kEnd, lab[r]);
    add("depreciation", "", kStart, kEnd, delta[r]);
    add("capital_output", "", kStart, kStart, kappa[r]);
    add("labour_force", "", kStart, kStart, workers[r]);
  }
  return d;
}

model::PathSpec Baseline() {
  model::PathSpec s;
  s.name = "baseline";
  s.origin = "test:baseline";
  s.start = kStart;
  s.end = kEnd;
  s.capital = "F1";  // owned in part by R2 (SyntheticSpec::ownership)
  s.unskilled = "F2";
  s.skilled = "";
  return s;
}

calibration::SyntheticSpec World() {
  calibration::SyntheticSpec spec;
  spec.ownership = true;
  spec.seed = 7;
  return spec;
}

TEST(Dynamics, BaselineMeetsItsGrowthTargetsAndStartsAtTheBenchmark) {
  testing::TempDir dir;
  app::LoadedData loaded = LoadSynthetic(dir.path(), World());
  model::Model& m = *loaded.model;
  calibration::DynamicsData data = Growth();
  model::PathSpec spec = Baseline();
  app::ValidatePath(m, spec, data);
  io::PathOutcome o = app::RunPath(m, spec, data, nullptr, {});
  ASSERT_TRUE(o.converged) << o.message;
  ASSERT_EQ(o.years.size(), std::size_t(kEnd - kStart + 1));
  const io::PathYear& first = o.years.front();
  EXPECT_LE(first.summary.max_residual, 1e-9);
  for (std::size_t k = 0; k < first.x.size(); ++k)
    ASSERT_NEAR(first.x[k], m.benchmark()[k], 1e-9 * std::max(1.0, std::abs(m.benchmark()[k])));
  for (const auto& y : o.years) {
    if (y.year == kStart) continue;
    for (int r = 0; r < 3; ++r) {
      EXPECT_NEAR(y.accounts.gdp_growth[r], y.accounts.target_growth[r], 1e-8)
          << "region " << r << " in " << y.year;
      const double rate[] = {0.03, 0.06, 0.015};
      EXPECT_DOUBLE_EQ(y.accounts.target_growth[r], (y.year <= 2022 ? 1.0 : 0.5) * rate[r]);
    }
    EXPECT_LE(y.summary.max_residual, 1e-9);
  }
  // Capital grows and productivity absorbs what factor growth does not explain.
  EXPECT_GT(o.years.back().accounts.capital[1], first.accounts.capital[1]);
}

TEST(Dynamics, CapitalAccountsHoldEveryYearForEveryOwner) {
  testing::TempDir dir;
  app::LoadedData loaded = LoadSynthetic(dir.path(), World(), [] {
    model::PathSpec s = Baseline();
    s.inflows.push_back({"R1", "R3", 2020, 2025, 0.8, "test"});
    return app::PathScenarios(s);
  }());
  model::Model& m = *loaded.model;
  calibration::DynamicsData data = Growth();
  model::PathSpec spec = Baseline();
  spec.inflows.push_back({"R1", "R3", 2020, 2025, 0.8, "test"});
  app::ValidatePath(m, spec, data);
  io::PathOutcome o = app::RunPath(m, spec, data, nullptr, {});
  ASSERT_TRUE(o.converged) << o.message;
  const int R = 3, cap = *m.sets().factors.Find("F1");
  const auto& qf = m.registry().block(m.vars().QF);
  const double delta[] = {0.05, 0.07, 0.04};
  EXPECT_GT(o.years.front().accounts.owned[0 * R + 1], 0.0);  // R1 capital owned by R2
  for (std::size_t k = 1; k < o.years.size(); ++k) {
    const io::YearAccounts &a = o.years[k].accounts, &b = o.years[k - 1].accounts;
    const int year = o.years[k].year;
    for (int r = 0; r < R; ++r) {
      const double tol = 1e-12 * std::max(1.0, a.capital[r]);
      EXPECT_NEAR(a.depreciation[r], delta[r] * b.capital[r], tol);
      EXPECT_NEAR(a.installed[r], a.rental[r] * b.investment[r], tol);
      EXPECT_NEAR(a.capital[r],
                  b.capital[r] - a.depreciation[r] + a.installed[r] + a.inflow[r] + a.policy[r],
                  tol);
      EXPECT_EQ(a.policy[r], 0.0);  // no phases
      EXPECT_EQ(o.years[k].x[qf.Global(r, cap)], a.capital[r]);
      double inflow = 0;
      for (int w = 0; w < R; ++w) {
        const int c = r * R + w;
        EXPECT_NEAR(a.owned[c], (1 - delta[r]) * b.owned[c] + a.owned_inflow[c] + a.owned_policy[c],
                    tol);
        EXPECT_EQ(a.owned_policy[c], 0.0);
        EXPECT_EQ(a.owned[c], o.years[k].parameters.ownq(r, cap, w));
        inflow += a.owned_inflow[c];
      }
      EXPECT_NEAR(a.inflow[r], inflow, tol);
      bool inflowing = r == 0 && year >= 2020 && year <= 2025;
      EXPECT_NEAR(a.owned_inflow[r * R + 2], inflowing ? a.rental[0] * 0.8 : 0.0, tol);
    }
  }
}

TEST(Dynamics, WithoutGrowthEachYearIsTheStaticSolutionOfItsPhases) {
  model::Scenario first =
      MakeScenario("first", {Shock("tm", {"*", "*", "R1"}, model::ShockMode::kScale, 0.5)});
  model::Scenario second =
      MakeScenario("second", {Shock("tfp", {"R2", "*"}, model::ShockMode::kScale, 1.1)});
  second.before = {{first.name, first.origin, first.shocks, false}};
  testing::TempDir dir;
  app::LoadedData loaded = LoadSynthetic(dir.path(), World(), {first, second});
  model::Model& m = *loaded.model;
  model::PathSpec spec = Baseline();
  spec.accumulation = spec.labour_growth = spec.productivity = spec.convergence = false;
  spec.phases = {{2017, first, 1, "test"}, {2020, second, 0, "test"}};
  io::PathOutcome o = app::RunPath(m, spec, calibration::DynamicsData{}, nullptr, {});
  ASSERT_TRUE(o.converged) << o.message;
  io::ScenarioOutcome a = app::RunScenario(m, first, {}), b = app::RunScenario(m, second, {});
  ASSERT_TRUE(a.summary.converged() && b.summary.converged());
  for (const auto& y : o.years) {
    const std::vector<double>& expected =
        y.year < 2017 ? m.benchmark() : (y.year < 2020 ? a.x : b.x);
    for (std::size_t k = 0; k < expected.size(); ++k) {
      ASSERT_NEAR(y.x[k], expected[k], 1e-8 * std::max(1.0, std::abs(expected[k])))
          << m.registry().Label(static_cast<int>(k)) << " in " << y.year;
    }
  }
}

TEST(Dynamics, AYearThatDoesNotConvergeStopsThePath) {
  model::Scenario impossible =
      MakeScenario("impossible", {Shock("QF", {"R1", "F2"}, model::ShockMode::kSet, 0.0)});
  testing::TempDir dir;
  app::LoadedData loaded = LoadSynthetic(dir.path(), World(), {impossible});
  model::Model& m = *loaded.model;
  model::PathSpec spec = Baseline();
  spec.phases = {{2019, impossible, 0, "test"}};
  solver::SolveOptions options;
  options.max_homotopy_steps = 8;
  options.method = solver::Method::kNewton;  // no Ipopt fallback: fail fast
  io::PathOutcome o = app::RunPath(m, spec, Growth(), nullptr, options);
  EXPECT_FALSE(o.converged);
  EXPECT_EQ(o.failed_year, 2019);
  ASSERT_EQ(o.years.size(), 4u);  // 2015-2018, never the failed year
  EXPECT_EQ(o.years.back().year, 2018);
  EXPECT_FALSE(o.failure.worst.empty());
  EXPECT_NE(o.message.find("phase impossible"), std::string::npos) << o.message;
}

TEST(Dynamics, PeaceDividendReleasesSoldiersAndTheMilitaryBudget) {
  testing::TempDir dir;
  app::LoadedData loaded = LoadSynthetic(dir.path(), World());
  model::Model& m = *loaded.model;
  calibration::DynamicsData data = Growth();
  data.Add({"soldiers", "R2", "", 2016, 2016, 1000, "persons", "test", "test"});
  data.Add({"military_spending_share", "R2", "", 2016, 2016, 0.4,
            "share of government "
            "consumption",
            "test", "test"});
  model::PathSpec spec = Baseline();
  spec.end = 2022;
  spec.accumulation = spec.labour_growth = spec.productivity = spec.convergence = false;
  spec.peace = {true, "R2", 2018, 4, 0.5, 0.5, "investment", 0.001, "test"};
  app::ValidatePath(m, spec, data);
  const double ssg0 = m.data().ssg(1);
  io::PathOutcome o = app::RunPath(m, spec, data, nullptr, {});
  ASSERT_TRUE(o.converged) << o.message;
  EXPECT_EQ(m.data().ssg(1), ssg0);  // the model's data are restored after the path
  const int u = m.registry().Match("QF(R2,F2)").front();
  const double u0 = o.years.front().x[u];
  for (const auto& y : o.years) {
    const double ramp = model::Ramp(y.year, 2018, 4);
    EXPECT_NEAR(y.accounts.soldiers_released, 500 * ramp, 1e-9);
    EXPECT_NEAR(y.x[u], u0 + 0.001 * 500 * ramp, 1e-12) << y.year;
    EXPECT_NEAR(y.accounts.military_released, 0.5 * 0.4 * ramp, 1e-15);
  }
  EXPECT_GT(o.years.back().accounts.investment[1], o.years.front().accounts.investment[1]);
  EXPECT_LT(o.years.back().x[m.registry().Match("G(R2,S1)").front()],
            o.years.front().x[m.registry().Match("G(R2,S1)").front()]);
}

// Opening and foreign ownership raise the catch-up rate: lambda = open_rate after the opening
// year plus fdi_rate x the foreign-owned share of capital the year before.
TEST(Dynamics, OpeningAndForeignCapitalRaiseTheCatchUpRate) {
  model::PathSpec spec = Baseline();
  spec.end = 2024;
  spec.catch_up = {"R2", "R1", 0.001, 0.02, 0.5};
  spec.inflows.push_back({"R2", "R3", 2017, 2024, 1.0, "test"});
  model::Scenario open =
      MakeScenario("open", {Shock("tm", {"*", "R2", "*"}, model::ShockMode::kScale, 0.9)});
  spec.phases = {{2019, open, 1, "test"}};
  testing::TempDir dir;
  std::vector<model::Scenario> needs = app::PathScenarios(spec);
  app::LoadedData loaded = LoadSynthetic(dir.path(), World(), needs);
  model::Model& m = *loaded.model;
  app::ValidatePath(m, spec, Growth());
  io::PathOutcome o = app::RunPath(m, spec, Growth(), nullptr, {});
  ASSERT_TRUE(o.converged) << o.message;
  for (std::size_t k = 1; k < o.years.size(); ++k) {
    const io::YearAccounts &a = o.years[k].accounts, &b = o.years[k - 1].accounts;
    double owned = 0;
    for (int w = 0; w < 3; ++w) owned += b.owned[1 * 3 + w];
    const double lambda = (o.years[k].year > 2019 ? 0.02 : 0.001) + 0.5 * owned / b.capital[1];
    EXPECT_NEAR(a.catch_up_rate, lambda, 1e-15) << o.years[k].year;
    EXPECT_GT(a.productivity_gap, 0.0);
    EXPECT_NEAR(a.tfp_growth[1] - a.baseline_tfp_growth[1], lambda * std::log(a.productivity_gap),
                1e-15);
  }
  EXPECT_EQ(o.opening_year, 2019);
}

// The Vietnam-like catch-up rate of runs/paths/grand_bargain_vietnam.toml gives North Korea
// (with Kaesong) 6.7 % growth a year over the decade after the opening, as calibrated.
TEST(Korea2015Paths, VietnamLikeConvergenceGivesItsCalibratedGrowth) {
  app::PathSet paths =
      app::ReadPaths({testing::SourcePath("runs/paths/grand_bargain_vietnam.toml")},
                     testing::SourcePath("data/korea2015"));
  for (auto& s : paths.specs) s.end = 2037;
  app::LoadedData loaded = app::LoadData(testing::SourcePath("data/korea2015"), paths.Scenarios());
  app::LoadPathData(paths, *loaded.model);
  std::vector<io::PathOutcome> out = app::RunPaths(*loaded.model, paths, {});
  ASSERT_EQ(out.size(), 2u);
  ASSERT_TRUE(out[0].converged && out[1].converged) << out[0].message << out[1].message;
  const auto& m = *loaded.model;
  auto prk = [&](const io::PathOutcome& o, int year) {
    const auto& g = o.years.at(year - 2015).accounts.gdp;
    return g[*m.sets().regions.Find("PRK")] + g[*m.sets().regions.Find("KSZ")];
  };
  EXPECT_NEAR(std::pow(prk(out[1], 2037) / prk(out[1], 2027), 0.1) - 1, 0.067, 2e-4);
  EXPECT_NEAR(out[1].years.back().accounts.catch_up_rate, 0.016322, 1e-12);
  // The korea2015 baseline meets the data's GDP growth every year, from the benchmark.
  EXPECT_LE(out[0].years.front().summary.max_residual, 1e-9);
  for (const auto& y : out[0].years) {
    for (int r = 0; r < m.sets().regions.size(); ++r) {
      if (!std::isfinite(y.accounts.target_growth[r])) continue;
      EXPECT_NEAR(y.accounts.gdp_growth[r], y.accounts.target_growth[r], 1e-8) << y.year;
    }
  }
  // Before the opening the policy path is its baseline.
  EXPECT_NEAR(prk(out[1], 2026), prk(out[0], 2026), 1e-8);
}

}  // namespace
}  // namespace peninsula
