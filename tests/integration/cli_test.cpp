// The command line end to end: exit codes (docs/cli.md), messages on stderr, and no partial
// output when anything fails.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <functional>
#include <new>
#include <stdexcept>
#include <utility>
#include <sys/wait.h>

#include "app/commands.hpp"
#include "io/sha256.hpp"
#include "io/hdf5_store.hpp"
#include "solver/status.hpp"
#include "support/test_support.hpp"

namespace peninsula {
namespace {

using ::testing::HasSubstr;

using testing::CommandResult;

CommandResult Peninsula(const std::string& args) {
  return testing::RunShellCommand(std::string(PENINSULA_BINARY) + " " + args);
}

std::string Quote(const std::filesystem::path& p) { return testing::ShellQuote(p); }

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    scenario_ = dir_.path() / "cut.toml";
    std::ofstream(scenario_)
        << "name = \"cut\"\n[closure]\nnumeraire = \"PF(STD,LAB)\"\n"
           "[[shock]]\ntarget = \"tm\"\nindex = [\"*\", \"*\", \"STD\"]\nset = 0\n";
  }
  std::string SolveArgs(const std::filesystem::path& out) {
    return "solve --data " + Quote(testing::SourcePath("data/stdcge")) + " --scenario " +
           Quote(scenario_) + " --out " + Quote(out);
  }
  testing::TempDir dir_;
  std::filesystem::path scenario_;
};

// What escapes a command becomes an exit code and a message naming the command, never an
// abort: option errors are usage errors, anything else internal.
TEST(GuardedCommand, MapsWhatEscapesACommandToAnExitCode) {
  auto run = [](const std::function<int()>& command) {
    ::testing::internal::CaptureStderr();
    int code = app::GuardedCommand("solve", command);
    return std::make_pair(code, ::testing::internal::GetCapturedStderr());
  };
  EXPECT_EQ(run([] { return 13; }).first, 13);
  auto usage = run([]() -> int { throw boost::program_options::error("bad option"); });
  EXPECT_EQ(usage.first, app::kExitUsage);
  EXPECT_EQ(usage.second, "peninsula solve: bad option\n");
  auto bug = run([]() -> int { throw std::logic_error("an empty optional"); });
  EXPECT_EQ(bug.first, app::kExitInternal);
  EXPECT_EQ(bug.second, "peninsula solve: internal error: an empty optional\n");
  auto memory = run([]() -> int { throw std::bad_alloc(); });
  EXPECT_EQ(memory.first, app::kExitInternal);
  EXPECT_EQ(memory.second, "peninsula solve: out of memory\n");
}

// A device or directory given as an input file is refused at once (/dev/zero once hung the
// reader), with the path and what was expected, and nothing is written.
TEST_F(Cli, AnInputThatIsNotARegularFileIsADataError) {
  auto out = dir_.path() / "r.h5";
  CommandResult device = Peninsula("solve --data " + Quote(testing::SourcePath("data/stdcge")) +
                                   " --scenario /dev/zero --out " + Quote(out));
  EXPECT_EQ(device.code, 2) << device.output;
  EXPECT_THAT(device.output,
              HasSubstr("/dev/zero: is not a regular file (a device or FIFO?) (expected a "
                        "scenario file)"));
  CommandResult directory = Peninsula("solve --data " + Quote(testing::SourcePath("data/stdcge")) +
                                      " --scenario " + Quote(dir_.path()) + " --out " + Quote(out));
  EXPECT_EQ(directory.code, 2) << directory.output;
  EXPECT_THAT(directory.output, HasSubstr("is a directory, not a file"));
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(Cli, CalibrateReportsResidualsByBlock) {
  CommandResult r = Peninsula("calibrate --data " + Quote(testing::SourcePath("data/stdcge")) +
                              " --check-derivatives");
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("zero_profit"));
  EXPECT_THAT(r.output, HasSubstr("derivative check"));
}

TEST_F(Cli, BadDataExitsTwoAndWritesNothing) {
  testing::TempDir data;
  for (const auto& f : std::filesystem::directory_iterator(testing::SourcePath("data/stdcge"))) {
    std::filesystem::copy(f.path(), data.path() / f.path().filename());
  }
  std::ofstream(data.path() / "sam.csv", std::ios::app) << "STD,c_BRD,HOH,1\n";
  auto out = dir_.path() / "r.h5";
  CommandResult r = Peninsula("solve --data " + Quote(data.path()) + " --scenario " +
                              Quote(scenario_) + " --out " + Quote(out));
  EXPECT_EQ(r.code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("sam.csv"));
  EXPECT_THAT(r.output, HasSubstr("is given twice"));
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(Cli, SolveWritesResultsAndRefusesToOverwrite) {
  auto out = dir_.path() / "r.h5";
  CommandResult first = Peninsula(SolveArgs(out));
  ASSERT_EQ(first.code, 0) << first.output;
  EXPECT_THAT(first.output, HasSubstr("converged"));
  std::string hash = io::Sha256File(out);
  CommandResult second = Peninsula(SolveArgs(out));
  EXPECT_EQ(second.code, 3) << second.output;
  EXPECT_THAT(second.output, HasSubstr("--overwrite"));
  EXPECT_EQ(io::Sha256File(out), hash);
  EXPECT_EQ(Peninsula(SolveArgs(out) + " --overwrite").code, 0);
  for (const auto& f : std::filesystem::directory_iterator(dir_.path())) {
    EXPECT_EQ(f.path().string().find(".tmp"), std::string::npos)
        << "temporary file left: " << f.path();
  }
}

TEST_F(Cli, UnwritableOutputExitsThree) {
  CommandResult r = Peninsula(SolveArgs(dir_.path() / "no" / "such" / "dir" / "r.h5"));
  EXPECT_EQ(r.code, 3) << r.output;
  EXPECT_THAT(r.output, HasSubstr("no/such/dir"));
}

TEST_F(Cli, NonConvergenceHasItsOwnExitCodeAndNamesEquations) {
  auto out = dir_.path() / "r.h5";
  CommandResult r = Peninsula(SolveArgs(out) + " --solver newton --tolerance 1e-30");
  EXPECT_GE(r.code, 10) << r.output;
  EXPECT_LE(r.code, 16) << r.output;
  EXPECT_THAT(r.output, HasSubstr("NOT CONVERGED"));
  EXPECT_THAT(r.output, HasSubstr("Worst equations"));
}

// The time limit is a failure of its own: its exit code, the worst equations named, and the
// scenario stored without an equilibrium.
TEST_F(Cli, TimeLimitHasItsOwnExitCode) {
  auto out = dir_.path() / "r.h5";
  CommandResult r = Peninsula(SolveArgs(out) + " --max-seconds 1e-9");
  EXPECT_EQ(r.code, solver::ExitCode(solver::SolveStatus::kTimeLimit)) << r.output;
  EXPECT_THAT(r.output, HasSubstr("time_limit"));
  EXPECT_THAT(r.output, HasSubstr("Worst equations"));
  ASSERT_TRUE(std::filesystem::exists(out));
  io::Hdf5Reader file(out);
  for (const auto& name : file.ListChildren("/scenarios")) {
    EXPECT_EQ(file.ReadStringAttribute("/scenarios/" + name, "status"), "time_limit");
    EXPECT_FALSE(file.Exists("/scenarios/" + name + "/variables"));
  }
}

TEST_F(Cli, ScenarioErrorsAreFoundBeforeAnySolve) {
  auto bad = dir_.path() / "bad.toml";
  std::ofstream(bad)
      << "name = \"bad\"\n[[shock]]\ntarget = \"tfp\"\nindex = [\"XYZ\", \"*\"]\nscale = 1.1\n";
  auto out = dir_.path() / "r.h5";
  CommandResult r = Peninsula(SolveArgs(out) + " --scenario " + Quote(bad));
  EXPECT_EQ(r.code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("'XYZ' is not a region"));
  EXPECT_THAT(r.output, ::testing::Not(HasSubstr("converged")));
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(Cli, DuplicateScenarioNamesAreRefused) {
  auto out = dir_.path() / "r.h5";
  CommandResult r = Peninsula(SolveArgs(out) + " --scenario " + Quote(scenario_));
  EXPECT_EQ(r.code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("names must be unique"));
}

TEST_F(Cli, ExistingOutputIsRefusedBeforeSolving) {
  auto out = dir_.path() / "r.h5";
  std::ofstream(out) << "precious";
  CommandResult r = Peninsula(SolveArgs(out));
  EXPECT_EQ(r.code, 3) << r.output;
  EXPECT_THAT(r.output, ::testing::Not(HasSubstr("converged")));
  std::ifstream in(out);
  std::string content;
  in >> content;
  EXPECT_EQ(content, "precious");
}

TEST_F(Cli, UnknownCommandAndMissingOptionAreUsageErrors) {
  EXPECT_EQ(Peninsula("frobnicate").code, 1);
  CommandResult r = Peninsula("solve --data x");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.output, HasSubstr("required"));
}

// The README's main job: the scenario catalogue on data/korea2015, every scenario converged.
TEST_F(Cli, DefaultStudyRuns) {
  auto out = dir_.path() / "default.h5";
  CommandResult r =
      Peninsula("run " + Quote(testing::SourcePath("runs/default.toml")) + " --out " + Quote(out));
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(std::filesystem::exists(out));
  for (const char* name :
       {"status_quo", "relief_phase1", "relief_phase2", "sez_kaesong", "sez_sinuiju", "sez_rason",
        "it_services", "tourism_kumgang", "grand_bargain"}) {
    EXPECT_THAT(r.output, ::testing::ContainsRegex(std::string("scenario ") + name + " +converged"))
        << r.output;
  }
}

TEST_F(Cli, IllustrativeStudyRuns) {
  auto out = dir_.path() / "illustrative.h5";
  CommandResult r = Peninsula("run " + Quote(testing::SourcePath("runs/illustrative/study.toml")) +
                              " --out " + Quote(out));
  EXPECT_EQ(r.code, 0) << r.output;
}

// A region role of [analysis] that the data lack stops the run before any solve, naming the
// study file's line and the label; a valid one is what the analysis is written for.
TEST_F(Cli, StudyRegionRolesAreCheckedAgainstTheData) {
  auto study = dir_.path() / "study.toml";
  auto write = [&](const std::string& roles) {
    std::ofstream(study) << "name = \"roles\"\ndata = " << Quote(testing::SourcePath("data/stdcge"))
                         << "\nscenarios = [" << Quote(scenario_) << "]\n[analysis]\n"
                         << roles;
  };
  auto out = dir_.path() / "r.h5";
  write("home = \"STD\"\npartner = \"NOR\"\n");
  CommandResult bad = Peninsula("run " + Quote(study) + " --out " + Quote(out));
  EXPECT_EQ(bad.code, 2) << bad.output;
  EXPECT_THAT(bad.output, HasSubstr("study.toml:6: [analysis] partner: 'NOR' is not a region"));
  EXPECT_THAT(bad.output, ::testing::Not(HasSubstr("converged")));
  EXPECT_FALSE(std::filesystem::exists(out));
  write("home = \"STD\"\ncomparators = []\n");
  CommandResult ok = Peninsula("run " + Quote(study) + " --out " + Quote(out));
  ASSERT_EQ(ok.code, 0) << ok.output;
  io::Hdf5Reader file(out);
  EXPECT_EQ(file.ReadStringAttribute("/scenarios/cut/analysis", "home"), "STD");
}

// A named North Korean variant, from the command line and from a study file.
TEST_F(Cli, DataVariantByName) {
  std::string data = Quote(testing::SourcePath("data/korea2015"));
  CommandResult ok = Peninsula("calibrate --data " + data + " --variant un");
  EXPECT_EQ(ok.code, 0) << ok.output;
  EXPECT_THAT(ok.output, HasSubstr("variants/un"));
  CommandResult bad = Peninsula("calibrate --data " + data + " --variant imf");
  EXPECT_EQ(bad.code, 2) << bad.output;
  EXPECT_THAT(bad.output, HasSubstr("imf"));
  EXPECT_THAT(bad.output, HasSubstr("un"));
}

}  // namespace
}  // namespace peninsula
