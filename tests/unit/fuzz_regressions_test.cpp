// Inputs found by the libFuzzer targets (tests/fuzz, scripts/fuzz, docs/reliability.md) that
// crashed a target or raised a sanitizer report, each kept as a seed in
// tests/fuzz/corpus/<target>/regress_* and as a test here. A test marked "FAILS" asserts the
// behaviour the code lacks when it is added; the others pin behaviour that is right today.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "io/path_file.hpp"
#include "io/scenario_file.hpp"
#include "support/test_support.hpp"

namespace peninsula {
namespace {

namespace fs = std::filesystem;

std::string ScenarioErrorOf(const fs::path& dir, const std::string& text, bool study = false) {
  fs::path path = dir / (study ? "study.toml" : "scenario.toml");
  std::ofstream(path, std::ios::binary) << text;
  try {
    if (study) {
      io::ReadStudy(path);
    } else {
      io::ReadScenario(path);
    }
  } catch (const model::ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

// Found by fuzz_scenario, 2026-11-22 (regress_toml_parse_key_assert*). A table header followed
// by '=' violates a precondition toml++ 3.3.0 asserts in parse_key() (upstream
// marzer/tomlplusplus#301); the code after the assertion reports a clean parse error, and
// Debian's libtomlplusplus is built without the assertion. Passes: the file is refused.
TEST(FuzzRegressions, TableHeaderWithoutKeyIsAParseError) {
  testing::TempDir dir;
  std::string message = ScenarioErrorOf(dir.path(), "[ = 1\n");
  EXPECT_NE(message.find("scenario.toml:1:"), std::string::npos) << message;
  EXPECT_NE(message.find("expected bare key"), std::string::npos) << message;
}

// Found by fuzz_scenario and fuzz_study, 2026-11-22 (regress_toml_unreachable). toml++ 3.3.0
// classifies some non-ASCII code points met where whitespace may stand (U+00A1..U+0499,
// U+2C5E..U+3057 but U+3000, U+FB26..U+FEFE) by reaching __builtin_unreachable() in
// is_non_ascii_horizontal_whitespace(): undefined behaviour inside the shared library
// (marzer/tomlplusplus#190, #295; fixed upstream by #305, not in Debian's 3.3.0). With the
// library as Debian builds it the files are refused cleanly, which these tests pin; the fuzz
// targets skip such inputs (tests/fuzz/fuzz_support.hpp) until toml++ is fixed.
TEST(FuzzRegressions, StrayNonAsciiCharacterIsAParseError) {
  testing::TempDir dir;
  for (const char* ch : {"\xC2\xA7", "\xCC\xAA", "\xE3\x80\x81", "\xEF\xAF\xBF"}) {
    std::string message = ScenarioErrorOf(dir.path(), std::string("name = \"x\"") + ch + "\n");
    EXPECT_NE(message.find("scenario.toml:1:"), std::string::npos) << message;
  }
  // The study file the fuzzer wrote.
  EXPECT_NE(ScenarioErrorOf(dir.path(), "\xEF\xAF\xBFme\"4\x0E+", /*study=*/true), "no error");
}

// The same toml++ path in valid TOML (upstream #190): after a line-ending backslash in a
// multi-line string, '§' is not whitespace and stays in the string.
TEST(FuzzRegressions, NonAsciiAfterLineEndingBackslashIsKept) {
  testing::TempDir dir;
  fs::path path = dir.path() / "scenario.toml";
  std::ofstream(path, std::ios::binary) << "name = \"x\"\ndescription = \"\"\"\\\n\xC2\xA7\"\"\"\n";
  EXPECT_EQ(io::ReadScenario(path).description, "\xC2\xA7");
}

// fuzz_study's check of what the reader promises still expected every study to list scenarios
// after studies could hold paths only; a valid study with paths only crashed the target
// (tests/fuzz/corpus/fuzz_study/regress_paths_only; found in review when 'paths' joined the
// TOML dictionary). The reader was right; the target now expects a scenario or a path.
TEST(FuzzRegressions, StudyWithPathsOnlyIsAccepted) {
  testing::TempDir dir;
  fs::path path = dir.path() / "study.toml";
  std::ofstream(path, std::ios::binary) << "name = \"s\"\ndata = \"d\"\npaths = [\"p.toml\"]\n";
  io::Study s = io::ReadStudy(path);
  EXPECT_TRUE(s.scenarios.empty());
  ASSERT_EQ(s.paths.size(), 1u);
  EXPECT_EQ(s.paths[0], dir.path() / "p.toml");
  EXPECT_NE(ScenarioErrorOf(dir.path(), "name = \"s\"\ndata = \"d\"\n", /*study=*/true)
                .find("a study needs at least one scenario or path"),
            std::string::npos);
}

std::string PathErrorOf(const fs::path& dir, const std::string& text) {
  fs::create_directories(dir / "paths");
  fs::path path = dir / "paths" / "path.toml";
  std::ofstream(path, std::ios::binary) << text;
  try {
    io::ReadPath(path);
  } catch (const model::ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

// Found by review while writing fuzz_path, which reproduces it
// (tests/fuzz/corpus/fuzz_path/regress_peace_years_overflow): a whole number of years too
// large for an int (1e10) passed the check and was converted to int, undefined behaviour that
// UBSan reports. Years are now bounded by the longest path the reader allows, and the error
// names the key's line.
TEST(FuzzRegressions, PeaceDividendYearsBeyondAnIntAreRefused) {
  testing::TempDir dir;
  const std::string head = "name = \"p\"\nend = 2020\n[peace_dividend]\nfrom = 2017\n";
  for (const char* years : {"1e10", "301", "0", "2.5"}) {
    std::string message =
        PathErrorOf(dir.path(), head + "years = " + years + "\nbvu_per_worker = 1e-6\n");
    EXPECT_NE(message.find("path.toml:5: [peace_dividend] 'years' must be a whole number from 1 "
                           "to 300"),
              std::string::npos)
        << message;
  }
  EXPECT_EQ(PathErrorOf(dir.path(), head + "years = 300\nbvu_per_worker = 1e-6\n"), "no error");
}

// Found by review while writing fuzz_path, which reproduces it, as fuzz_scenario does
// (regress_long_scenario_name, regress_long_extends_name): a scenario file name with a
// component over 255 bytes made std::filesystem::weakly_canonical throw filesystem_error,
// which no caller expects; `peninsula solve` aborted (exit 134). It is now the reader's
// "cannot open scenario file" error, exit code 2.
TEST(FuzzRegressions, OverlongScenarioFileNameIsACleanError) {
  testing::TempDir dir;
  const std::string name = std::string(300, 'a') + ".toml";
  std::string message = ScenarioErrorOf(dir.path(), "name = \"x\"\nextends = \"" + name + "\"\n");
  EXPECT_NE(message.find(name + ": cannot open scenario file (File name too long)"),
            std::string::npos)
      << message;
  message =
      PathErrorOf(dir.path(), "name = \"p\"\nend = 2020\n[[phase]]\nyear = 2017\nscenario = \"" +
                                  name + "\"\n");
  EXPECT_NE(message.find(name + ": cannot open scenario file"), std::string::npos) << message;
}

// fuzz_balanced_sam (tests/fuzz/corpus/fuzz_balanced_sam/regress_latent_two_regions): with two
// regions the synthetic latent flow left its importer without any import of the good, and
// the generator wrote a latent flow worth 0. It now refuses that request up front; with three
// regions the database it writes loads and replicates.
TEST(FuzzRegressions, SyntheticLatentFlowNeedsThreeRegions) {
  testing::TempDir dir;
  calibration::SyntheticSpec spec;
  spec.regions = 2;
  spec.latent = true;
  EXPECT_THROW(calibration::WriteSyntheticDatabase(dir.path(), spec), std::invalid_argument);
  spec.regions = 3;
  auto loaded = testing::LoadSynthetic(dir.path(), spec);
  EXPECT_LE(app::CheckBenchmark(*loaded.model).max_residual, 1e-9);
}

}  // namespace
}  // namespace peninsula
