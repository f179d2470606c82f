// `peninsula report` end to end: the HTML, CSV and xlsx files it writes, numbers equal to the
// results file's, no silent overwrite, no leftovers, and errors that name the file and the
// missing group.
#include <gtest/gtest.h>

#include <cmath>

#include "io/hdf5_store.hpp"
#include "report_fixture.hpp"
#include "support/test_support.hpp"

namespace peninsula::testing {
namespace {

namespace fs = std::filesystem;

class Report : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    auto study = WriteKoreanStudy(dir_->path());
    Command c = Peninsula("run " + study.string() + " --out " + Results().string(), dir_->path());
    ASSERT_EQ(c.code, 0) << c.err;
    c = Peninsula("report " + Results().string() + " --out " + Out().string(), dir_->path());
    ASSERT_EQ(c.code, 0) << c.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static fs::path Results() { return dir_->path() / "results.h5"; }
  static fs::path Out() { return dir_->path() / "report"; }
  static inline TempDir* dir_ = nullptr;
};

// Splits one CSV line without quoted fields (the labels of these tables have none).
std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t end; (end = line.find(',', start)) != std::string::npos; start = end + 1) {
    out.push_back(line.substr(start, end - start));
  }
  out.push_back(line.substr(start));
  return out;
}

TEST_F(Report, WritesHtmlWorkbookAndTables) {
  EXPECT_TRUE(fs::exists(Out() / "report.html"));
  EXPECT_TRUE(fs::exists(Out() / "report.xlsx"));
  EXPECT_TRUE(fs::exists(Out() / "csv" / "summary_welfare.csv"));
  EXPECT_TRUE(fs::exists(Out() / "csv" / "grand_bargain_benchmark_welfare_phases.csv"));
  EXPECT_TRUE(fs::exists(Out() / "csv" / "opening_channels.csv"));
  EXPECT_TRUE(fs::exists(Out() / "csv" / "relief_status_quo_welfare_sources.csv"));
  std::string html = ReadText(Out() / "report.html");
  for (const char* needle : {"Executive summary", "Scenario grand_bargain",
                             "Labour-intensive competition", "<svg", "default-src 'none'"}) {
    EXPECT_NE(html.find(needle), std::string::npos) << needle;
  }
  EXPECT_EQ(html.find("src="), std::string::npos);  // nothing to fetch
  for (const auto& entry : fs::directory_iterator(dir_->path())) {
    EXPECT_NE(entry.path().filename().string().rfind(".report.", 0), 0u) << entry.path();
  }
}

TEST_F(Report, CsvNumbersAreTheResultsFilesNumbers) {
  io::Hdf5Reader r(Results());
  auto ev = r.ReadArray("/scenarios/opening/analysis/benchmark/welfare/ev_percent").data;
  auto regions = r.ReadAxis("region");
  std::istringstream csv(ReadText(Out() / "csv" / "summary_welfare.csv"));
  std::string line;
  std::getline(csv, line);
  auto header = Fields(line);
  ASSERT_EQ(header.size(), regions.size() + 1);
  bool found = false;
  while (std::getline(csv, line)) {
    auto f = Fields(line);
    if (f[0] != "opening") continue;
    found = true;
    for (std::size_t k = 0; k < regions.size(); ++k) {
      EXPECT_EQ(header[k + 1], regions[k]);
      EXPECT_NEAR(std::stod(f[k + 1]), ev[k], 1e-9 * std::max(1.0, std::abs(ev[k])));
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(Report, WorkbookIsAValidZipOfXmlParts) {
  std::size_t tables = 0;
  for (const auto& e : fs::directory_iterator(Out() / "csv")) tables += e.is_regular_file();
  // Every entry passes the zip CRC check and parses as XML; one sheet per CSV table.
  std::string check =
      "python3 -c \"import sys, zipfile, xml.dom.minidom as m; z = zipfile.ZipFile(sys.argv[1]); "
      "assert z.testzip() is None; [m.parseString(z.read(n)) for n in z.namelist()]; "
      "print(sum(n.startswith('xl/worksheets/') for n in z.namelist()))\" " +
      (Out() / "report.xlsx").string();
  Command c = RunShell(check, dir_->path());
  ASSERT_EQ(c.code, 0) << c.err;
  EXPECT_EQ(std::stoul(c.out), tables);
}

TEST_F(Report, RefusesToOverwriteWithoutTheOption) {
  std::string before = ReadText(Out() / "report.html");
  fs::remove(Out() / "report.xlsx");  // a marker: an overwrite would bring it back
  Command c = Peninsula("report " + Results().string() + " --out " + Out().string(), dir_->path());
  EXPECT_EQ(c.code, 3);
  EXPECT_NE(c.err.find("--overwrite"), std::string::npos) << c.err;
  EXPECT_FALSE(fs::exists(Out() / "report.xlsx"));
  c = Peninsula("report " + Results().string() + " --out " + Out().string() + " --overwrite",
                dir_->path());
  EXPECT_EQ(c.code, 0) << c.err;
  EXPECT_TRUE(fs::exists(Out() / "report.xlsx"));
  EXPECT_EQ(ReadText(Out() / "report.html"), before);  // deterministic
}

TEST_F(Report, RegionOptionsSkipAbsentRegionsWithAMessage) {
  fs::path out = dir_->path() / "report_xyz";
  Command c = Peninsula("report " + Results().string() + " --out " + out.string() +
                            " --partner XYZ --comparators VNM,ABC",
                        dir_->path());
  ASSERT_EQ(c.code, 0) << c.err;
  std::string html = ReadText(out / "report.html");
  EXPECT_NE(html.find("partner region &#39;XYZ&#39; is not a region"), std::string::npos);
}

TEST(ReportErrors, MissingAnalysisGroupIsNamed) {
  TempDir dir;
  fs::path file = dir.path() / "old.h5";
  {
    io::Hdf5Writer w = io::Hdf5Writer::Create(file, false);
    for (const char* set : {"region", "sector", "factor", "partner"}) w.WriteAxis(set, {"A"});
    w.CreateGroup("/scenarios/x");
    w.SetAttribute("/scenarios/x", "converged", 1LL);
    w.Commit();
  }
  Command c =
      Peninsula("report " + file.string() + " --out " + (dir.path() / "r").string(), dir.path());
  EXPECT_EQ(c.code, 2);
  EXPECT_NE(c.err.find(file.string()), std::string::npos) << c.err;
  EXPECT_NE(c.err.find("/scenarios/x/analysis"), std::string::npos) << c.err;
  EXPECT_FALSE(fs::exists(dir.path() / "r"));
  c = Peninsula(
      "report " + (dir.path() / "none.h5").string() + " --out " + (dir.path() / "r").string(),
      dir.path());
  EXPECT_EQ(c.code, 2);
  EXPECT_NE(c.err.find("none.h5"), std::string::npos) << c.err;
}

}  // namespace
}  // namespace peninsula::testing
