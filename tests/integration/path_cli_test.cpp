// Paths through the command line (docs/cli.md, docs/dynamics.md): a small baseline and
// policy path end to end into the results file and the report, bad path files and missing
// growth data refused with file:line, a non-zero exit and no output; and the shipped
// catalogue (runs/paths) read and checked against data/korea2015.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sys/wait.h>

#include "app/path_command.hpp"
#include "io/hdf5_store.hpp"
#include "io/path_file.hpp"
#include "support/test_support.hpp"

namespace peninsula {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

using testing::CommandResult;

CommandResult Peninsula(const std::string& args) {
  return testing::RunShellCommand(std::string(PENINSULA_BINARY) + " " + args);
}

std::string Q(const fs::path& p) { return testing::ShellQuote(p); }

// A synthetic world (R1-R3; F1, F2 mobile) with growth data, a scenario, a baseline path and
// a policy path that opens R2 to catch up with R1.
class PathCli : public ::testing::Test {
 protected:
  void SetUp() override {
    calibration::SyntheticSpec spec;
    spec.seed = 3;
    calibration::WriteSyntheticDatabase(dir_.path() / "data", spec);
    std::ofstream(dir_.path() / "data" / "dynamics.csv")
        << "parameter,region,factor,period,value,unit,status,source,note\n"
           "gdp_growth,R1,,2015-2025,0.02,fraction/yr,test,test,\n"
           "gdp_growth,R2,,2015-2025,0.04,fraction/yr,test,test,\n"
           "gdp_growth,R3,,2015-2025,0.01,fraction/yr,test,test,\n"
           "labour_growth,*,LAB,2015-2025,0.005,fraction/yr,test,test,\n"
           "depreciation,*,,2015,0.05,fraction/yr,test,test,\n"
           "capital_output,*,,2015,3,ratio,test,test,\n"
           "labour_force,R1,,2015,10,persons,test,test,\n"
           "labour_force,R2,,2015,40,persons,test,test,\n";
    std::ofstream(dir_.path() / "cut.toml")
        << "name = \"cut\"\n[[shock]]\ntarget = \"tm\"\nindex = [\"*\", \"R1\", \"R2\"]\n"
           "scale = 0.5\n";
    const char* factors = "[dynamics]\ncapital = \"F2\"\nunskilled = \"F1\"\nskilled = \"\"\n";
    std::ofstream(dir_.path() / "base.toml") << "name = \"base\"\nstart = 2015\nend = 2025\n"
                                             << factors;
    std::ofstream(dir_.path() / "open.toml")
        << "name = \"open\"\ndescription = \"R2 opens\"\nstart = 2015\nend = 2025\n"
           "baseline = \"base.toml\"\n"
        << factors
        << "[catch_up]\nregion = \"R2\"\nfrontier = \"R1\"\nopen_rate = 0.02\n"
           "[[phase]]\nyear = 2018\nscenario = \"cut.toml\"\nopen = true\n"
           "[[inflow]]\nregion = \"R2\"\nowner = \"R1\"\nfrom = 2019\namount = 0.5\n";
  }
  // A study, so the analysis can be told that R1 is home and R2 the partner.
  std::string Run(const fs::path& path, const fs::path& out) {
    std::ofstream(dir_.path() / "study.toml")
        << "name = \"s\"\ndata = \"data\"\npaths = [\"" << path.filename().string()
        << "\"]\n[analysis]\nhome = \"R1\"\npartner = \"R2\"\ncomparators = [\"R3\"]\n";
    return "run " + Q(dir_.path() / "study.toml") + " --out " + Q(out);
  }
  std::string Solve(const fs::path& path, const fs::path& out) {
    return "solve --data " + Q(dir_.path() / "data") + " --path " + Q(path) + " --out " + Q(out);
  }
  testing::TempDir dir_;
};

TEST_F(PathCli, APolicyPathAndItsBaselineEndToEnd) {
  const fs::path out = dir_.path() / "paths.h5";
  CommandResult r = Peninsula(Run(dir_.path() / "open.toml", out));
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("path base"));
  EXPECT_THAT(r.output, HasSubstr("path open"));
  io::Hdf5Reader f(out);
  EXPECT_EQ(f.ReadIntArray("/paths/open/years").size(), 11u);
  EXPECT_EQ(f.ReadStringAttribute("/paths/open", "baseline"), "base");
  EXPECT_EQ(f.ReadIntAttribute("/paths/open", "opening_year"), 2018);
  auto x = f.ReadArray("/paths/open/variables/X");
  EXPECT_EQ(x.shape.front(), 11u);
  EXPECT_EQ(x.meta.dims.front(), "year");
  EXPECT_TRUE(f.Exists("/paths/open/dynamics/capital"));
  EXPECT_TRUE(f.Exists("/paths/open/analysis/turning_point/year"));
  EXPECT_FALSE(f.Exists("/paths/base/analysis"));  // a baseline is the reference
  // Before the opening the path is its baseline: no response.
  auto gdp = f.ReadArray("/paths/open/analysis/macro/real_gdp");
  for (std::size_t k = 0; k < 3 * 3; ++k) EXPECT_NEAR(gdp.data[k], 0.0, 1e-7);
  const fs::path report = dir_.path() / "report";
  CommandResult rep = Peninsula("report " + Q(out) + " --out " + Q(report) +
                                " --home R1 "
                                "--partner R2");
  ASSERT_EQ(rep.code, 0) << rep.output;
  std::ifstream html(report / "report.html");
  std::string text((std::istreambuf_iterator<char>(html)), {});
  EXPECT_THAT(text, HasSubstr("id=\"chart-path_open_real_gdp\""));
  EXPECT_THAT(text, HasSubstr("When does complementarity turn into competition?"));
  EXPECT_TRUE(fs::exists(report / "csv" / "turning_open.csv"));
}

TEST_F(PathCli, BadPathFilesStopBeforeSolvingWithFileAndLine) {
  const fs::path out = dir_.path() / "none.h5";
  struct Case {
    std::string text, message;
  };
  const std::vector<Case> cases = {
      {"name = \"p\"\nstart = 2015\nend = 2020\nsped = 1\n", "bad.toml:4: unknown key 'sped'"},
      {"name = \"p\"\nend = 2020\n[[phase]]\nyear = 2030\nscenario = \"cut.toml\"\n",
       "bad.toml:3: [[phase]] year 2030 is outside the path's years 2015-2020"},
      {"name = \"p\"\nend = 2020\n[[phase]]\nyear = 2019\nscenario = \"cut.toml\"\n"
       "[[phase]]\nyear = 2017\nscenario = \"cut.toml\"\n",
       "bad.toml:6: [[phase]] tables must be in order of their years"},
      {"name = \"p\"\nend = 2020\n[dynamics]\naccumulation = \"yes\"\n",
       "bad.toml:4: 'accumulation' must be true or false"},
      {"name = \"p\"\nend = 2020\n[[phase]]\nyear = 2017\nscenario = \"missing.toml\"\n",
       "missing.toml: cannot open scenario file"},
      {"name = \"p\"\nend = 2020\n[peace_dividend]\nfrom = 2017\nuse = \"parades\"\n"
       "bvu_per_worker = 1e-6\n",
       "bad.toml:3: [peace_dividend] 'use' must be \"investment\" or \"households\""},
      {"name = \"p\"\nend = 2020\n[dynamics]\ncapital = \"F3\"\n",
       "[dynamics] capital = 'F3' (expected a mobile factor of the data)"},
      {"name = \"p\"\nend = 2030\n[dynamics]\ncapital = \"F2\"\nunskilled = \"F1\"\n"
       "skilled = \"\"\n",
       "dynamics.csv: no labour_growth for R1,F1 in 2026 (needed by"},
      {"name = \"p\"\nend = 2020\n[[inflow]]\nregion = \"R2\"\nfrom = 2018\namount = 1\n",
       "bad.toml:3: [[inflow]] needs 'region' and 'owner'"},
  };
  for (const auto& c : cases) {
    std::ofstream(dir_.path() / "bad.toml") << c.text;
    CommandResult r = Peninsula(Solve(dir_.path() / "bad.toml", out));
    EXPECT_EQ(r.code, 2) << c.text << r.output;
    EXPECT_THAT(r.output, HasSubstr(c.message)) << c.text;
    EXPECT_FALSE(fs::exists(out));
    for (const auto& e : fs::directory_iterator(dir_.path()))
      EXPECT_EQ(e.path().string().find(".tmp"), std::string::npos) << e.path();
  }
}

TEST_F(PathCli, BadGrowthDataNameTheLine) {
  std::ofstream(dir_.path() / "data" / "dynamics.csv", std::ios::app)
      << "gdp_growth,R9,,2015-2025,0.02,fraction/yr,test,test,\n";
  CommandResult r = Peninsula(Solve(dir_.path() / "base.toml", dir_.path() / "x.h5"));
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.output, HasSubstr("dynamics.csv:10: column 'region' holds 'R9'"));
  EXPECT_FALSE(fs::exists(dir_.path() / "x.h5"));
}

TEST(PathCatalogue, EveryShippedPathReadsAndFitsTheKorea2015Data) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(testing::SourcePath("runs/paths")))
    if (e.path().extension() == ".toml") files.push_back(e.path());
  ASSERT_GE(files.size(), 6u);
  app::PathSet paths = app::ReadPaths(files, testing::SourcePath("data/korea2015"));
  app::LoadedData loaded = app::LoadData(testing::SourcePath("data/korea2015"), paths.Scenarios());
  EXPECT_NO_THROW(app::LoadPathData(paths, *loaded.model));
  EXPECT_TRUE(paths.specs.front().baseline.empty());  // baselines first
}

}  // namespace
}  // namespace peninsula
