// Batch files: parsing, every error with file:line and label, resolution of parameters
// against a database (wildcards, sd from the database, bounds), and drawn values reaching
// the calibrated model.
#include <gtest/gtest.h>

#include <fstream>

#include "app/batch/batch_file.hpp"
#include "app/batch/design.hpp"
#include "app/batch/parameters.hpp"
#include "calibration/calibrate.hpp"
#include "calibration/synthetic.hpp"
#include "support/test_support.hpp"

namespace peninsula::app::batch {
namespace {

const char* kHead = R"(name = "t"
study = "study.toml"
design = "monte_carlo"
draws = 4
seed = 3
)";

BatchFile Parse(const std::string& body) { return ParseBatchText(kHead + body, "b.toml"); }

std::string ErrorOf(const std::string& text) {
  try {
    ParseBatchText(text, "b.toml");
  } catch (const BatchError& e) {
    return e.what();
  }
  return "no error";
}

TEST(BatchFile, ReadsAFullFile) {
  BatchFile b = Parse(R"toml(
[[parameter]]
name = "sigma_d"
index = ["*", "S1"]
sd = 0.4
lower = 0.5

[[parameter]]
name = "omega"
index = ["R1", "*"]
distribution = "triangular"
spread = 0.5
draw = "each"

[outcomes]
gdp = false
variables = ["X(R1,*)"]
)toml");
  EXPECT_EQ(b.name, "t");
  EXPECT_EQ(b.study, std::filesystem::path("study.toml"));
  EXPECT_EQ(b.output, std::filesystem::path("results/batch/t.h5"));
  EXPECT_EQ(b.draws, 4);
  EXPECT_EQ(b.seed, 3u);
  ASSERT_EQ(b.parameters.size(), 2u);
  EXPECT_EQ(*b.parameters[0].sd, 0.4);
  EXPECT_EQ(*b.parameters[0].lower, 0.5);
  EXPECT_FALSE(b.parameters[0].each);
  EXPECT_EQ(b.parameters[1].distribution, DistributionKind::kTriangular);
  EXPECT_TRUE(b.parameters[1].each);
  EXPECT_EQ(b.parameters[1].origin, "b.toml:13");
  EXPECT_FALSE(b.outcomes.gdp);
  EXPECT_EQ(b.outcomes.variables, std::vector<std::string>{"X(R1,*)"});
}

// toml++ will not convert an integer beyond 2^53 to a double on its own; reading one
// dereferenced an empty optional (undefined behaviour) before the shared reader's ToDouble.
TEST(BatchFile, IntegerBeyondTwoToTheFiftyThreeIsItsNearestDouble) {
  BatchFile b = ParseBatchText(
      "name = \"t\"\nstudy = \"s.toml\"\ndesign = \"shock_grid\"\n"
      "shock_scale = [9007199254740993, 0.5]\n",
      "b.toml");
  EXPECT_EQ(b.shock_scales, (std::vector<double>{9007199254740992.0, 0.5}));
  EXPECT_NE(ErrorOf("name = \"t\"\nstudy = \"s.toml\"\ndesign = \"shock_grid\"\n"
                    "shock_scale = [inf]\n")
                .find("b.toml:4: shock_scale holds finite numbers"),
            std::string::npos);
}

struct BadCase {
  std::string text;
  std::string expected;
};

TEST(BatchFile, EveryErrorNamesFileLineAndWhat) {
  const std::string p = "[[parameter]]\nname = \"sigma_d\"\nindex = [\"*\", \"*\"]\n";
  std::vector<BadCase> cases = {
      {kHead + std::string("[[parameter]]\nname = \"sigma_x\"\nindex = [\"*\",\"*\"]\n"),
       "b.toml:7: unknown parameter 'sigma_x'"},
      {kHead + p + "distribution = \"lognormal\"\n", "b.toml:9: unknown distribution 'lognormal'"},
      {kHead + p + "sd = -0.5\n", "b.toml:9: sd = -0.500000 is negative"},
      {kHead + p + "sd = 1\ncv = 1\n", "b.toml:10: give either sd or cv"},
      {kHead + p + "distribution = \"triangular\"\n", "b.toml:6: a triangular distribution needs"},
      {kHead + p + "distribution = \"triangular\"\nspread = 2.0\n", "b.toml:10: spread must be"},
      {kHead + p + "colour = 1\n", "b.toml:9: unknown key 'colour' in [[parameter]]"},
      {kHead + std::string("[[parameter]]\nname = \"sigma_d\"\nindex = [\"*\"]\n"),
       "b.toml:8: parameter sigma_d needs 2 index labels"},
      {kHead + p + "draw = \"some\"\n", "b.toml:9: draw = 'some'"},
      {"name = \"t\"\ndesign = \"monte_carlo\"\ndraws = 2\n" + p, "b.toml: missing string 'study'"},
      {"name = \"t\"\nstudy = \"s.toml\"\ndesign = \"monte_carlo\"\n" + p,
       "b.toml:3: design monte_carlo needs 'draws'"},
      {"name = \"t\"\nstudy = \"s.toml\"\ndesign = \"sobol\"\n",
       "b.toml:3: unknown design 'sobol'"},
      {kHead, "b.toml:3: design monte_carlo needs at least one [[parameter]]"},
      {kHead + p + "[outcomes]\nvariables = [\"X(R1\"]\n", "b.toml:10: outcome variable 'X(R1'"},
      {kHead + p + "extra = 1\n", "b.toml:9: unknown key 'extra' in [[parameter]]"},
      {"name = \"t\"\nstudy = \"s.toml\"\ndesign = \"quadrature\"\ndraws = 3\n" + p,
       "b.toml:4: 'draws' is fixed by design quadrature"},
      {"name = \"t\"\nstudy = \"s.toml\"\ndesign = \"shock_grid\"\n",
       "b.toml:3: design shock_grid needs"},
      {"name = \"t\"\nstudy = \"s.toml\"\ndesign = \"datasets\"\ndatasets = [\"a\"]\n" + p,
       "b.toml:5: design datasets draws no parameters"},
      {"name = \"t\"\nstudy = [\n", "b.toml:2:"},
      {std::string(kHead) + "draws = 5\n", "b.toml:6:"},
  };
  for (const auto& c : cases) {
    std::string error = ErrorOf(c.text);
    EXPECT_NE(error.find(c.expected), std::string::npos)
        << "expected: " << c.expected << "\ngot:      " << error << "\nfor:\n"
        << c.text;
  }
}

class BatchParameters : public ::testing::Test {
 protected:
  void SetUp() override {
    calibration::SyntheticSpec spec;
    spec.regions = 3;
    spec.sectors = 4;
    calibration::WriteSyntheticDatabase(dir_.path(), spec);
    db_ = calibration::ReadDatabase(dir_.path());
  }
  ResolvedParameters Resolve(const std::string& body) {
    return ResolveParameters(Parse(body).parameters, db_);
  }
  std::string ResolveError(const std::string& body) {
    try {
      Resolve(body);
    } catch (const BatchError& e) {
      return e.what();
    }
    return "no error";
  }
  testing::TempDir dir_;
  calibration::Database db_;
};

TEST_F(BatchParameters, WildcardsBecomeCellsAroundTheDatabaseValue) {
  auto r = Resolve(
      "[[parameter]]\nname = \"sigma_d\"\nindex = [\"*\", \"S2\"]\ncv = 0.1\n"
      "[[parameter]]\nname = \"sigma_va\"\nindex = [\"R1\", \"*\"]\nsd = 0.1\n"
      "draw = \"each\"\n");
  ASSERT_EQ(r.cells.size(), 3u + 4u);
  ASSERT_EQ(r.dimensions.size(), 1u + 4u);
  EXPECT_EQ(r.dimensions[0].label, "sigma_d(*,S2)");
  EXPECT_EQ(r.dimensions[0].cells.size(), 3u);
  EXPECT_EQ(r.cells[1].label, "sigma_d(R2,S2)");
  model::ModelData base = calibration::Calibrate(db_);
  EXPECT_EQ(r.cells[1].base, base.p.sigma_d(1, 1));
  EXPECT_NEAR(r.cells[1].distribution.sd, 0.1 * base.p.sigma_d(1, 1), 1e-15);
  EXPECT_EQ(r.dimensions[1].label, "sigma_va(R1,S1)");
}

TEST_F(BatchParameters, DrawnValuesReachTheCalibratedModelAndNothingElseMoves) {
  std::string body = "[[parameter]]\nname = \"sigma_m\"\nindex = [\"R3\", \"*\"]\ncv = 0.3\n";
  BatchFile b = Parse(body);
  auto r = ResolveParameters(b.parameters, db_);
  Design design(b, r);
  DrawPlan plan = design.Plan(2);
  calibration::Database db = db_;
  ApplyCellValues(r, plan.values, db_.elasticities, db);
  model::ModelData base = calibration::Calibrate(db_), drawn = calibration::Calibrate(db);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(drawn.p.sigma_m(2, i), plan.values[i]);
    EXPECT_NE(drawn.p.sigma_m(2, i), base.p.sigma_m(2, i));
    EXPECT_EQ(drawn.p.sigma_m(1, i), base.p.sigma_m(1, i));
    EXPECT_EQ(drawn.p.sigma_d(2, i), base.p.sigma_d(2, i));
  }
  // A common draw: every cell at the same quantile of its own distribution.
  EXPECT_EQ(plan.coordinates.size(), 1u);
  // Reproducible from (seed, index) alone.
  Design again(b, r);
  EXPECT_EQ(again.Plan(2).values, plan.values);
  EXPECT_NE(again.Plan(3).values, plan.values);
}

TEST_F(BatchParameters, ResolutionErrorsNameTheEntryAndTheLabel) {
  EXPECT_NE(ResolveError("[[parameter]]\nname = \"sigma_d\"\nindex = [\"KOR\", \"*\"]\nsd = 1\n")
                .find("b.toml:6: 'KOR' is not a region of this database"),
            std::string::npos);
  EXPECT_NE(ResolveError("[[parameter]]\nname = \"sigma_d\"\nindex = [\"*\", \"S1\"]\n")
                .find("b.toml:6: sigma_d(R1,S1) has no standard deviation"),
            std::string::npos);
  EXPECT_NE(ResolveError("[[parameter]]\nname = \"sigma_d\"\nindex = [\"*\", \"S1\"]\nsd = 1\n"
                         "[[parameter]]\nname = \"sigma_d\"\nindex = [\"R2\", \"S1\"]\nsd = 1\n")
                .find("b.toml:10: sigma_d(R2,S1) is also drawn by the entry at b.toml:6"),
            std::string::npos);
  EXPECT_NE(ResolveError("[[parameter]]\nname = \"sigma_d\"\nindex = [\"*\", \"S1\"]\nsd = 1\n"
                         "upper = 0.01\n")
                .find("lies outside [0, 0.01]"),
            std::string::npos);
}

TEST_F(BatchParameters, AWildcardOverCellsWithoutCetMatchesNothing) {
  // Multi-region synthetic databases with cet = false have omega = inf everywhere.
  testing::TempDir dir;
  calibration::SyntheticSpec spec;
  spec.cet = false;
  calibration::WriteSyntheticDatabase(dir.path(), spec);
  db_ = calibration::ReadDatabase(dir.path());
  EXPECT_NE(ResolveError("[[parameter]]\nname = \"omega\"\nindex = [\"*\", \"*\"]\ncv = 0.1\n")
                .find("b.toml:6: omega(*,*) matches no finite elasticity"),
            std::string::npos);
}

TEST_F(BatchParameters, QuadratureRefusesPointsOutsideTheSupport) {
  BatchFile b = ParseBatchText(
      "name = \"q\"\nstudy = \"s.toml\"\ndesign = \"quadrature\"\n[[parameter]]\n"
      "name = \"sigma_d\"\nindex = [\"*\", \"S1\"]\ndistribution = \"triangular\"\nspread = 1.0\n"
      "[[parameter]]\nname = \"sigma_m\"\nindex = [\"*\", \"S1\"]\ncv = 0.1\n",
      "q.toml");
  auto r = ResolveParameters(b.parameters, db_);
  Design ok(b, r);  // triangular(0, v, 2v): sd v/√6, points at v ± v/√3 stay inside
  EXPECT_EQ(ok.size(), 4);
  EXPECT_EQ(ok.Plan(0).weight, 0.25);
  b.parameters[1].cv = 50.0;  // nearly half-normal: mean − √2·sd ≈ −0.055·sd < 0
  auto wide = ResolveParameters(b.parameters, db_);
  EXPECT_THROW(Design(b, wide), BatchError);
}

}  // namespace
}  // namespace peninsula::app::batch
