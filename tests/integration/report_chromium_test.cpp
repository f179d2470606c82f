// The report rendered by headless Chromium (Debian package chromium): every chart's SVG is in
// the rendered DOM and the page logs nothing (no console message, no blocked fetch: the page's
// Content-Security-Policy forbids every network access, so a fetch would be logged). Skips,
// saying why, only when Chromium is missing or cannot start in this sandbox.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "report_fixture.hpp"
#include "support/test_support.hpp"

namespace peninsula::testing {
namespace {

namespace fs = std::filesystem;

struct Rendered {
  Command command;
  std::vector<std::string> page_messages;  // lines the page itself caused
};

// Chromium also logs its environment (D-Bus, GPU) as errors; what the page causes is logged
// as console messages, uncaught exceptions or network errors.
Rendered Render(const fs::path& html, const fs::path& scratch) {
  Rendered r;
  r.command = RunShell(
      "timeout 120 chromium --headless --no-sandbox --disable-gpu "
      "--enable-logging=stderr --v=0 --dump-dom file://" +
          fs::absolute(html).string(),
      scratch);
  std::istringstream err(r.command.err);
  for (std::string line; std::getline(err, line);) {
    if (line.find(":CONSOLE") != std::string::npos || line.find("Uncaught") != std::string::npos ||
        line.find("net::ERR") != std::string::npos) {
      r.page_messages.push_back(line);
    }
  }
  return r;
}

class Chromium : public ::testing::Test {
 protected:
  void SetUp() override {
    if (RunShell("command -v chromium", dir_.path()).code != 0) {
      GTEST_SKIP() << "chromium is not installed (Debian package chromium, scripts/setup.sh)";
    }
    WriteText(dir_.path() / "probe.html", "<!DOCTYPE html><p id=\"probe\">ok</p>");
    Rendered probe = Render(dir_.path() / "probe.html", dir_.path());
    if (probe.command.code != 0 || probe.command.out.find("id=\"probe\"") == std::string::npos) {
      GTEST_SKIP() << "chromium cannot start in this sandbox (exit " << probe.command.code
                   << "): " << probe.command.err.substr(0, 2000);
    }
  }
  TempDir dir_;
};

TEST_F(Chromium, DetectsAPageThatFetchesOrFails) {
  // The check below must be able to fail: a page that tries to fetch is caught.
  WriteText(dir_.path() / "bad.html",
            "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
            "content=\"default-src 'none'\"></head><body><img src=\"http://example.invalid/x.png\">"
            "</body></html>");
  EXPECT_FALSE(Render(dir_.path() / "bad.html", dir_.path()).page_messages.empty());
}

TEST_F(Chromium, EveryChartIsDrawnAndNothingIsLogged) {
  auto study = WriteKoreanStudy(dir_.path());
  fs::path results = dir_.path() / "results.h5", out = dir_.path() / "report";
  Command c = Peninsula("run " + study.string() + " --out " + results.string(), dir_.path());
  ASSERT_EQ(c.code, 0) << c.err;
  c = Peninsula("report " + results.string() + " --out " + out.string(), dir_.path());
  ASSERT_EQ(c.code, 0) << c.err;
  std::string html = ReadText(out / "report.html");
  std::set<std::string> charts;
  std::regex chart_id("<svg[^>]*id=\"(chart-[^\"]+)\"");
  for (std::sregex_iterator it(html.begin(), html.end(), chart_id), end; it != end; ++it) {
    charts.insert((*it)[1]);
  }
  // The charts the report promises, for this study.
  for (const char* id :
       {"chart-summary_welfare", "chart-opening_benchmark_output", "chart-opening_benchmark_wages",
        "chart-opening_benchmark_trade", "chart-opening_benchmark_welfare_groups",
        "chart-grand_bargain_benchmark_welfare_phases", "chart-opening_similarity"}) {
    EXPECT_TRUE(charts.count(id)) << id;
  }
  Rendered r = Render(out / "report.html", dir_.path());
  ASSERT_EQ(r.command.code, 0) << r.command.err;
  for (const auto& id : charts) {
    std::regex drawn("<svg[^>]*id=\"" + id + "\"[^>]*>[^]*?<rect");
    EXPECT_TRUE(std::regex_search(r.command.out, drawn)) << id << " is not drawn in the DOM";
  }
  EXPECT_TRUE(r.page_messages.empty()) << r.page_messages.front();
}

// A study with paths only (a baseline and an opening on the 2015 database, to 2021): every
// time-path chart is drawn as lines, and the page logs nothing.
TEST_F(Chromium, PathChartsAreDrawn) {
  const fs::path scenarios = SourcePath("runs/scenarios");
  WriteText(dir_.path() / "base.toml",
            "name = \"base\"\nstart = 2015\nend = 2021\n[[phase]]\nyear = 2017\nscenario = \"" +
                (scenarios / "status_quo.toml").string() + "\"\n");
  WriteText(dir_.path() / "open.toml",
            "name = \"open\"\nstart = 2015\nend = 2021\nbaseline = \"base.toml\"\n"
            "[[phase]]\nyear = 2017\nscenario = \"" +
                (scenarios / "status_quo.toml").string() +
                "\"\n[[phase]]\nyear = 2019\nscenario = \"" +
                (scenarios / "relief_phase1.toml").string() + "\"\nopen = true\n");
  WriteText(dir_.path() / "study.toml", "name = \"paths\"\ndata = \"" +
                                            SourcePath("data/korea2015").string() +
                                            "\"\npaths = [\"open.toml\"]\n");
  fs::path results = dir_.path() / "results.h5", out = dir_.path() / "report";
  Command c = Peninsula(
      "run " + (dir_.path() / "study.toml").string() + " --out " + results.string(), dir_.path());
  ASSERT_EQ(c.code, 0) << c.err << c.out;
  c = Peninsula("report " + results.string() + " --out " + out.string(), dir_.path());
  ASSERT_EQ(c.code, 0) << c.err;
  Rendered r = Render(out / "report.html", dir_.path());
  ASSERT_EQ(r.command.code, 0) << r.command.err;
  for (const char* id : {"chart-path_open_real_gdp", "chart-path_open_labour_intensive"}) {
    std::regex drawn("<svg[^>]*id=\"" + std::string(id) + "\"[^>]*>[^]*?<polyline");
    EXPECT_TRUE(std::regex_search(r.command.out, drawn)) << id << " is not drawn in the DOM";
  }
  EXPECT_TRUE(r.page_messages.empty()) << r.page_messages.front();
}

}  // namespace
}  // namespace peninsula::testing
