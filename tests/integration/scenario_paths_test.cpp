// Composable scenarios: `extends` builds on another scenario file and `phases` runs several
// in sequence, each step warm-started from the last with its shocks resolved against the
// state the last one left. Shocks on different cells commute, so a path must end where the
// flat scenario with all its shocks at once ends; each reported phase must equal the
// equilibrium of its own prefix.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <cmath>
#include <fstream>

#include "io/hdf5_store.hpp"
#include "io/results_writer.hpp"
#include "io/scenario_file.hpp"
#include "support/test_support.hpp"

namespace peninsula {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

const char* kBase = R"(name = "base"
[[shock]]
target = "tfp"
index = ["R1", "S1"]
scale = 1.2
)";
const char* kChild = R"(name = "child"
extends = "base.toml"
[[shock]]
target = "tm"
index = ["*", "*", "R1"]
scale = 0.5
)";
const char* kOther = R"(name = "other"
extends = "base.toml"
[[shock]]
target = "tfp"
index = ["R2", "*"]
scale = 1.1
)";
const char* kPath = R"(name = "path"
phases = ["base.toml", "child.toml", "other.toml"]
)";
const char* kFlat = R"(name = "flat"
[[shock]]
target = "tfp"
index = ["R1", "S1"]
scale = 1.2
[[shock]]
target = "tm"
index = ["*", "*", "R1"]
scale = 0.5
[[shock]]
target = "tfp"
index = ["R2", "*"]
scale = 1.1
)";

class ScenarioPaths : public ::testing::Test {
 protected:
  void SetUp() override {
    for (auto [file, text] : {std::pair{"base.toml", kBase},
                              {"child.toml", kChild},
                              {"other.toml", kOther},
                              {"path.toml", kPath},
                              {"flat.toml", kFlat}}) {
      Write(file, text);
    }
    calibration::SyntheticSpec spec;
    spec.regions = 3;
    spec.seed = 7;
    loaded_ = testing::LoadSynthetic(dir_.path() / "data", spec);
  }
  void Write(const std::string& file, const std::string& text) {
    std::ofstream(dir_.path() / file) << text;
  }
  model::Scenario Read(const std::string& file) { return io::ReadScenario(dir_.path() / file); }
  io::ScenarioOutcome Solve(const model::Scenario& s) {
    auto out = app::RunScenario(*loaded_.model, s, {});
    EXPECT_TRUE(out.summary.converged()) << s.name << ": " << out.summary.message;
    return out;
  }
  static double Gap(const std::vector<double>& a, const std::vector<double>& b) {
    double gap = 0.0;
    for (std::size_t g = 0; g < a.size(); ++g) {
      gap = std::max(gap, std::abs(a[g] - b[g]) / std::max(1.0, std::abs(a[g])));
    }
    return gap;
  }
  testing::TempDir dir_;
  app::LoadedData loaded_;
};

TEST_F(ScenarioPaths, ExtendsPutsTheParentFirst) {
  model::Scenario child = Read("child.toml");
  auto steps = child.Steps();
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].name, "base");
  EXPECT_FALSE(steps[0].reported);
  EXPECT_EQ(steps[1].name, "child");
}

TEST_F(ScenarioPaths, PhasesSkipStepsAlreadyTaken) {
  model::Scenario path = Read("path.toml");
  std::vector<std::string> names;
  for (const auto& s : path.Steps()) names.push_back(s.name);
  // other.toml extends base.toml, which the path has already taken.
  EXPECT_EQ(names, (std::vector<std::string>{"base", "child", "other", "path"}));
}

TEST_F(ScenarioPaths, PathEndsWhereTheFlatScenarioEnds) {
  auto flat = Solve(Read("flat.toml"));
  auto path = Solve(Read("path.toml"));
  EXPECT_LE(Gap(flat.x, path.x), 1e-9);
  ASSERT_EQ(path.phases.size(), 3u);
  EXPECT_EQ(path.phases[0].name, "base");
  EXPECT_LE(Gap(path.phases[0].x, Solve(Read("base.toml")).x), 1e-9);
  EXPECT_LE(Gap(path.phases[1].x, Solve(Read("child.toml")).x), 1e-9);
  EXPECT_LE(Gap(path.phases[2].x, flat.x), 1e-9);
  // The parameters carry every step's shocks.
  EXPECT_NEAR(path.parameters.tfp(0, 0), 1.2 * loaded_.model->data().p0.tfp(0, 0), 1e-15);
  EXPECT_NEAR(path.parameters.tfp(1, 2), 1.1 * loaded_.model->data().p0.tfp(1, 2), 1e-15);
}

// A later step's `scale` applies to the state the earlier steps left.
TEST_F(ScenarioPaths, ScaleComposesAlongThePath) {
  Write("twice.toml",
        "name = \"twice\"\nextends = \"base.toml\"\n" + std::string(kBase).substr(14));
  auto twice = Solve(Read("twice.toml"));
  EXPECT_NEAR(twice.parameters.tfp(0, 0), 1.44 * loaded_.model->data().p0.tfp(0, 0), 1e-14);
}

TEST_F(ScenarioPaths, PhasesAreWrittenToTheResultsFile) {
  auto path = Solve(Read("path.toml"));
  fs::path out = dir_.path() / "paths.h5";
  io::WriteResults(out, false, *loaded_.model, {path}, {});
  io::Hdf5Reader r(out);
  EXPECT_EQ(r.ReadStrings("/scenarios/path/phase_order"),
            (std::vector<std::string>{"01_base", "02_child", "03_other"}));
  EXPECT_TRUE(r.Exists("/scenarios/path/phases/02_child/variables/X"));
  EXPECT_EQ(r.ReadIntAttribute("/scenarios/path/phases/02_child", "converged"), 1);
  EXPECT_TRUE(r.Exists("/scenarios/path/variables/X"));
}

TEST_F(ScenarioPaths, CycleIsAnError) {
  Write("a.toml", "name = \"a\"\nextends = \"b.toml\"\n");
  Write("b.toml", "name = \"b\"\nextends = \"a.toml\"\n");
  try {
    Read("a.toml");
    ADD_FAILURE() << "no error";
  } catch (const model::ScenarioError& e) {
    EXPECT_THAT(e.what(), HasSubstr("build on each other in a cycle"));
  }
}

TEST_F(ScenarioPaths, ConflictingClosureIsAnError) {
  Write("closed.toml",
        "name = \"closed\"\nextends = \"base.toml\"\n[closure]\nnumeraire = "
        "\"PF(R1,F1)\"\n");
  try {
    Read("closed.toml");
    ADD_FAILURE() << "no error";
  } catch (const model::ScenarioError& e) {
    EXPECT_THAT(e.what(), HasSubstr("its [closure] differs from the one of"));
  }
}

TEST_F(ScenarioPaths, MissingParentNamesTheFile) {
  Write("orphan.toml", "name = \"orphan\"\nextends = \"nowhere.toml\"\n");
  try {
    Read("orphan.toml");
    ADD_FAILURE() << "no error";
  } catch (const model::ScenarioError& e) {
    EXPECT_THAT(e.what(), HasSubstr("nowhere.toml: cannot open scenario file"));
  }
}

}  // namespace
}  // namespace peninsula
