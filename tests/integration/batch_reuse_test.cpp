// Reusing prepared systems across batch draws (app::ScenarioRunner, batch::DrawEvaluator):
// recalibrating the elasticities alone equals a full calibration, the same equilibria as cold
// solves, no state carried from one draw into the next (a failed draw included), results
// independent of the order of draws, and datasets designs whose databases differ in
// structure.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "app/batch/evaluate.hpp"
#include "app/batch/setup.hpp"
#include "app/scenario_runner.hpp"
#include "calibration/calibrate.hpp"
#include "calibration/csv.hpp"
#include "support/test_support.hpp"

namespace peninsula {
namespace {

namespace fs = std::filesystem;
using testing::MakeScenario;
using testing::Shock;

// Cut tariffs into R1 as one step after a productivity step (a path), raise R2's
// productivity, and cut again under another numeraire (its own system).
std::vector<model::Scenario> Scenarios() {
  model::Scenario path =
      MakeScenario("path", {Shock("tm", {"*", "*", "R1"}, model::ShockMode::kScale, 0.5)});
  path.before.push_back(
      {"first", "first.toml", {Shock("tfp", {"R3", "*"}, model::ShockMode::kScale, 1.05)}, true});
  model::ClosureSpec closure;
  closure.numeraire = "PF(R2,F1)";
  return {path, MakeScenario("tfp", {Shock("tfp", {"R2", "*"}, model::ShockMode::kScale, 1.1)}),
          MakeScenario("cut_pf", {Shock("tm", {"*", "*", "R2"}, model::ShockMode::kScale, 0.3)},
                       closure)};
}

// Elasticities of draw `k`: every cell scaled by its own deterministic factor in [0.7, 1.3].
void Redraw(model::ModelData& d, int k) {
  int n = 0;
  for (auto* t : {&d.p0.sigma_va, &d.p0.sigma_d, &d.p0.sigma_m}) {
    for (double& v : t->values()) v *= 1.0 + 0.3 * std::sin(1.7 * k + 0.37 * n++);
  }
  d.p = d.p0;
}

constexpr double kPoison = 100.0;  // tfp everywhere: no equilibrium within reach

class RunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    calibration::SyntheticSpec spec;
    spec.seed = 11;
    loaded_ = testing::LoadSynthetic(dir_.path() / "data", spec, Scenarios());
    base_ = loaded_.model->data();
  }
  // A fresh model for the elasticities of draw k, solved cold.
  io::ScenarioOutcome Cold(int k, std::size_t scenario) {
    model::ModelData d = base_;
    Redraw(d, k);
    model::Model m(std::move(d));
    return app::RunScenario(m, Scenarios()[scenario], solver::SolveOptions{});
  }
  void SetDraw(model::Model& m, int k) {
    m.data().p0 = base_.p0;
    Redraw(m.data(), k);
  }

  testing::TempDir dir_;
  app::LoadedData loaded_;
  model::ModelData base_;
};

TEST_F(RunnerTest, WarmDrawsGiveTheColdEquilibria) {
  model::Model& m = *loaded_.model;
  app::ScenarioRunner runner(m, Scenarios(), solver::SolveOptions{});
  for (std::size_t s = 0; s < runner.size(); ++s)
    ASSERT_TRUE(runner.central(s).summary.converged());
  for (int k = 1; k <= 3; ++k) {
    SetDraw(m, k);
    for (std::size_t s = 0; s < runner.size(); ++s) {
      io::ScenarioOutcome warm = runner.Run(s), cold = Cold(k, s);
      ASSERT_TRUE(warm.summary.converged()) << warm.summary.message;
      ASSERT_TRUE(cold.summary.converged()) << cold.summary.message;
      EXPECT_LE(warm.summary.max_residual, 1e-8);
      for (std::size_t g = 0; g < cold.x.size(); ++g) {
        ASSERT_NEAR(warm.x[g], cold.x[g], 1e-8 * (1 + std::abs(cold.x[g])))
            << "draw " << k << ", " << Scenarios()[s].name << ", " << m.registry().Label(g);
      }
      ASSERT_EQ(warm.phases.size(), cold.phases.size());
    }
  }
}

TEST_F(RunnerTest, AFailedSolveLeavesNothingForTheNext) {
  model::Model& m = *loaded_.model;
  solver::SolveOptions options;  // Newton only and a short homotopy: a quick failure
  options.method = solver::Method::kNewton;
  options.max_homotopy_steps = 4;
  app::ScenarioRunner fresh(m, Scenarios(), options);
  app::ScenarioRunner runner(m, Scenarios(), options);
  SetDraw(m, 2);
  io::ScenarioOutcome expected = fresh.Run(0);
  ASSERT_TRUE(expected.summary.converged());

  for (double& v : m.data().p0.tfp.values()) v = kPoison;
  m.data().p = m.data().p0;
  io::ScenarioOutcome failed = runner.Run(0);
  ASSERT_FALSE(failed.summary.converged());
  EXPECT_GT(failed.summary.factorizations, 0);  // it left a factorisation behind
  SetDraw(m, 2);
  io::ScenarioOutcome after = runner.Run(0);
  EXPECT_EQ(after.summary.iterations, expected.summary.iterations);
  EXPECT_EQ(after.summary.factorizations, expected.summary.factorizations);
  EXPECT_EQ(after.x, expected.x);  // bit for bit
}

TEST(Recalibration, ElasticitiesAloneEqualAFullCalibration) {
  testing::TempDir dir;
  calibration::SyntheticSpec spec;
  spec.latent = true;
  calibration::WriteSyntheticDatabase(dir.path(), spec);
  calibration::Database db = calibration::ReadDatabase(dir.path());
  model::ModelData data = calibration::Calibrate(db);
  for (auto& row : db.elasticities) row.value *= 1.25;
  model::ModelData full = calibration::Calibrate(db);
  calibration::RecalibrateElasticities(db, data);
  for (auto [a, b] : {std::pair{&data.p, &full.p}, std::pair{&data.p0, &full.p0}}) {
    EXPECT_EQ(a->sigma_va.values(), b->sigma_va.values());
    EXPECT_EQ(a->sigma_d.values(), b->sigma_d.values());
    EXPECT_EQ(a->sigma_m.values(), b->sigma_m.values());
    EXPECT_EQ(a->omega.values(), b->omega.values());
  }
  // The checks come along: a latent flow needs sigma_m > 1 in its importer.
  for (auto& row : db.elasticities) {
    if (row.parameter == "sigma_m") row.value = 0.5;
  }
  EXPECT_THROW(calibration::RecalibrateElasticities(db, data), calibration::DataError);
}

// A batch directory: the synthetic database, a variant with another structure (more
// sectors), the scenarios and a study.
class EvaluatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    calibration::SyntheticSpec spec;
    spec.seed = 5;
    calibration::WriteSyntheticDatabase(dir_.path() / "data", spec);
    spec.sectors = 5;
    spec.seed = 6;
    calibration::WriteSyntheticDatabase(dir_.path() / "data" / "variants" / "wide", spec);
    Write("cut.toml",
          "name = \"cut\"\n[[shock]]\ntarget = \"tm\"\nindex = [\"*\", \"*\", \"R1\"]\n"
          "scale = 0.5\n");
    Write("tfp.toml",
          "name = \"tfp\"\n[[shock]]\ntarget = \"tfp\"\nindex = [\"R2\", \"*\"]\nscale = 1.1\n");
    Write("study.toml",
          "name = \"s\"\ndata = \"data\"\nscenarios = [\"cut.toml\", \"tfp.toml\"]\n");
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_.path() / name) << text;
  }
  std::unique_ptr<app::batch::BatchSetup> Load(const std::string& text) {
    Write("b.toml", text);
    return app::batch::LoadBatch(dir_.path() / "b.toml");
  }

  testing::TempDir dir_;
};

constexpr const char* kLatin = R"toml(name = "mc"
study = "study.toml"
design = "latin_hypercube"
draws = 6
seed = 3
[[parameter]]
name = "sigma_d"
index = ["*", "*"]
cv = 0.3
draw = "each"
[[parameter]]
name = "sigma_m"
index = ["*", "*"]
cv = 0.3
[outcomes]
variables = ["X(R1,*)"]
)toml";

void ExpectClose(const app::batch::DrawResult& a, const app::batch::DrawResult& b) {
  ASSERT_EQ(a.error, b.error);
  ASSERT_EQ(a.scenarios.size(), b.scenarios.size());
  for (std::size_t s = 0; s < a.scenarios.size(); ++s) {
    ASSERT_EQ(a.scenarios[s].status, b.scenarios[s].status);
    ASSERT_EQ(a.scenarios[s].outcomes.size(), b.scenarios[s].outcomes.size());
    for (std::size_t o = 0; o < a.scenarios[s].outcomes.size(); ++o) {
      double x = a.scenarios[s].outcomes[o], y = b.scenarios[s].outcomes[o];
      EXPECT_NEAR(x, y, 1e-6 * (1 + std::abs(y))) << "draw " << a.index << " scenario " << s;
    }
  }
}

// Bit for bit, as the checkpoint stores it, apart from the time taken.
std::string Fingerprint(app::batch::DrawResult r) {
  for (auto& s : r.scenarios) s.seconds = 0;
  return app::batch::Encode(r);
}

TEST_F(EvaluatorTest, ReusedDrawsMatchColdDrawsInAnyOrder) {
  auto setup = Load(kLatin);
  app::batch::DrawEvaluator forward(*setup), backward(*setup);
  std::vector<std::string> first(6);
  for (long long k = 0; k < 6; ++k) {
    app::batch::DrawResult r = forward(k);
    for (const auto& s : r.scenarios) EXPECT_EQ(s.status, "converged") << s.message;
    ExpectClose(r, app::batch::EvaluateDraw(*setup, k));
    first[k] = Fingerprint(r);
  }
  for (long long k = 5; k >= 0; --k) EXPECT_EQ(Fingerprint(backward(k)), first[k]) << k;
}

TEST_F(EvaluatorTest, ADatasetsDesignWithAnotherStructureSolvesEveryDatabase) {
  auto setup = Load(
      "name = \"d\"\nstudy = \"study.toml\"\ndesign = \"datasets\"\n"
      "datasets = [\"data\"]\nvariants = [\"wide\"]\n");
  ASSERT_NE(setup->base_models[0]->registry().size(), setup->base_models[1]->registry().size());
  app::batch::DrawEvaluator evaluator(*setup);
  for (long long k = 0; k < 2; ++k) {
    app::batch::DrawResult r = evaluator(k);
    for (const auto& s : r.scenarios) EXPECT_EQ(s.status, "converged") << s.message;
    EXPECT_EQ(Fingerprint(r), Fingerprint(app::batch::EvaluateDraw(*setup, k)));
  }
}

}  // namespace
}  // namespace peninsula
