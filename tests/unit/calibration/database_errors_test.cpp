// The strict input parser and validator: one mutation of a valid synthetic database per
// test, and the DataError it must raise. Every message must let a user fix the data without
// reading code: the file, the line where there is one ("sam.csv:7:"), the offending label or
// value, and what was expected.
//
// Tests noted "was FAILS" asserted behaviour the code lacked when they were written; the code
// has since been fixed and they guard against regressions.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "calibration/calibrate.hpp"
#include "calibration/csv.hpp"
#include "calibration/database.hpp"
#include "calibration/synthetic.hpp"

namespace peninsula::calibration {
namespace {

namespace fs = std::filesystem;

// Substring check that prints the whole message on failure.
#define EXPECT_CONTAINS(message, part)                          \
  EXPECT_NE(std::string(message).find(part), std::string::npos) \
      << "message: " << (message) << "\n   lacks: " << (part)

std::vector<std::string> ReadLines(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

void WriteLines(const fs::path& path, const std::vector<std::string>& lines) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  for (const auto& l : lines) out << l << "\n";
}

// "file.csv:7:"
std::string At(const std::string& file, int line) {
  return file + ":" + std::to_string(line) + ":";
}

std::string Fmt10(double v) {
  std::ostringstream s;
  s.precision(10);
  s << v;
  return s.str();
}

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> fields(1);
  for (char c : line) {
    if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

std::string Join(const std::vector<std::string>& fields) {
  std::string s;
  for (std::size_t k = 0; k < fields.size(); ++k) s += (k ? "," : "") + fields[k];
  return s;
}

// The stage of the pipeline that raised the error.
enum class Stage { kRead, kValidate, kCalibrate, kNone };

const char* StageName(Stage s) {
  switch (s) {
    case Stage::kRead:
      return "ReadDatabase";
    case Stage::kValidate:
      return "ValidateDatabase";
    case Stage::kCalibrate:
      return "Calibrate";
    default:
      return "none (no error)";
  }
}

class DatabaseErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::temp_directory_path() / ("peninsula-database-errors-" + std::to_string(::getpid()) +
                                        "-" + std::to_string(counter++));
    Write(2);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // A fresh valid database with `regions` regions.
  void Write(int regions) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
    SyntheticSpec spec;
    spec.regions = regions;
    spec.sectors = 3;
    spec.factors = 3;
    spec.households = 2;
    spec.seed = 1;
    WriteSyntheticDatabase(dir_, spec);
  }

  fs::path File(const std::string& name) const { return dir_ / name; }

  // 1-based number of the first line starting with `prefix`; 0 (and a test failure) if none.
  int FindLine(const std::string& file, const std::string& prefix) const {
    auto lines = ReadLines(File(file));
    for (std::size_t k = 0; k < lines.size(); ++k) {
      if (lines[k].rfind(prefix, 0) == 0) return static_cast<int>(k) + 1;
    }
    ADD_FAILURE() << file << " has no line starting with '" << prefix << "'";
    return 0;
  }
  std::string Line(const std::string& file, int line) const {
    auto lines = ReadLines(File(file));
    return line >= 1 && line <= static_cast<int>(lines.size()) ? lines[line - 1] : "";
  }
  void ReplaceLine(const std::string& file, int line, const std::string& text) {
    auto lines = ReadLines(File(file));
    ASSERT_GE(line, 1);
    ASSERT_LE(line, static_cast<int>(lines.size()));
    lines[line - 1] = text;
    WriteLines(File(file), lines);
  }
  void RemoveLine(const std::string& file, int line) {
    auto lines = ReadLines(File(file));
    ASSERT_GE(line, 1);
    ASSERT_LE(line, static_cast<int>(lines.size()));
    lines.erase(lines.begin() + (line - 1));
    WriteLines(File(file), lines);
  }
  // Returns the number of the appended line.
  int AppendLine(const std::string& file, const std::string& text) {
    auto lines = ReadLines(File(file));
    lines.push_back(text);
    WriteLines(File(file), lines);
    return static_cast<int>(lines.size());
  }
  // Replaces field `field` (0-based) of `line`.
  void SetField(const std::string& file, int line, int field, const std::string& text) {
    auto fields = Split(Line(file, line));
    ASSERT_LT(field, static_cast<int>(fields.size()));
    fields[field] = text;
    ReplaceLine(file, line, Join(fields));
  }
  // Adds `delta` to SAM cell (region, row, column); returns its line.
  int AddToSamCell(const std::string& region, const std::string& row, const std::string& col,
                   double delta) {
    int line = FindLine("sam.csv", region + "," + row + "," + col + ",");
    double value = std::stod(Split(Line("sam.csv", line))[3]);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", value + delta);
    SetField("sam.csv", line, 3, buf);
    return line;
  }

  // Runs read, validate and calibrate; expects a DataError from `expected` and returns its
  // message (empty, with a test failure, otherwise).
  std::string ErrorFrom(Stage expected) {
    Stage stage = Stage::kRead;
    std::string message;
    try {
      Database db = ReadDatabase(dir_);
      stage = Stage::kValidate;
      ValidateDatabase(db);
      stage = Stage::kCalibrate;
      Calibrate(db);
      stage = Stage::kNone;
    } catch (const DataError& e) {
      message = e.what();
    } catch (const std::exception& e) {
      ADD_FAILURE() << StageName(stage) << " threw something other than DataError: " << e.what();
      return "";
    }
    EXPECT_EQ(StageName(stage), std::string(StageName(expected))) << "message: " << message;
    return message;
  }
  std::string ReadError() { return ErrorFrom(Stage::kRead); }
  std::string ValidateError() { return ErrorFrom(Stage::kValidate); }
  std::string CalibrateError() { return ErrorFrom(Stage::kCalibrate); }

  fs::path dir_;
};

// ---------------------------------------------------------------- files and CSV syntax

TEST_F(DatabaseErrors, MissingDirectory) {
  dir_ = dir_ / "does-not-exist";
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, "does-not-exist");
  EXPECT_CONTAINS(msg, "not a directory");
  EXPECT_CONTAINS(msg, "expected");
  dir_ = dir_.parent_path();
}

TEST_F(DatabaseErrors, MissingFile) {
  fs::remove(File("factors.csv"));
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, "factors.csv");
  EXPECT_CONTAINS(msg, "cannot open");
  EXPECT_CONTAINS(msg, "expected a CSV file");
}

TEST_F(DatabaseErrors, MissingElasticitiesFile) {
  fs::remove(File("elasticities.csv"));
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, "elasticities.csv");
  EXPECT_CONTAINS(msg, "cannot open");
}

TEST_F(DatabaseErrors, MissingTradeFileWithSeveralRegions) {
  fs::remove(File("trade.csv"));
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, "trade.csv");
  EXPECT_CONTAINS(msg, "cannot open");
}

TEST_F(DatabaseErrors, EmptyFile) {
  WriteLines(File("accounts.csv"), {});
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, "accounts.csv");
  EXPECT_CONTAINS(msg, "empty");
  EXPECT_CONTAINS(msg, "expected a header row");
}

TEST_F(DatabaseErrors, FileWithOnlyCommentsAndBlankLinesIsEmpty) {
  WriteLines(File("factors.csv"), {"# no data yet", "", "   "});
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, "factors.csv");
  EXPECT_CONTAINS(msg, "expected a header row");
}

TEST_F(DatabaseErrors, HeaderLacksColumn) {
  ReplaceLine("sam.csv", 1, "region,row,col,value");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("sam.csv", 1));
  EXPECT_CONTAINS(msg, "'column'");
  EXPECT_CONTAINS(msg, "expected columns: region,row,column,value");
}

TEST_F(DatabaseErrors, WrongNumberOfFields) {
  SetField("sam.csv", 5, 3, Split(Line("sam.csv", 5))[3] + ",12");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("sam.csv", 5));
  EXPECT_CONTAINS(msg, "expected 4 fields");
  EXPECT_CONTAINS(msg, "found 5");
}

TEST_F(DatabaseErrors, TooFewFields) {
  int line = FindLine("trade.csv", "S2,");
  auto fields = Split(Line("trade.csv", line));
  fields.pop_back();
  ReplaceLine("trade.csv", line, Join(fields));
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("trade.csv", line));
  EXPECT_CONTAINS(msg, "expected 6 fields");
  EXPECT_CONTAINS(msg, "found 5");
}

TEST_F(DatabaseErrors, UnterminatedQuote) {
  int line = FindLine("accounts.csv", "a_S2,");
  ReplaceLine("accounts.csv", line, "a_S2,activity,S2,\"never closed");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("accounts.csv", line));
  EXPECT_CONTAINS(msg, "unterminated quoted field");
}

TEST_F(DatabaseErrors, NonNumericValue) {
  int line = FindLine("sam.csv", "R2,");
  SetField("sam.csv", line, 3, "12.5abc");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("sam.csv", line));
  EXPECT_CONTAINS(msg, "'value'");
  EXPECT_CONTAINS(msg, "'12.5abc'");
  EXPECT_CONTAINS(msg, "expected a number");
}

TEST_F(DatabaseErrors, EmptyValue) {
  SetField("sam.csv", 4, 3, "");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("sam.csv", 4));
  EXPECT_CONTAINS(msg, "'value' is empty");
  EXPECT_CONTAINS(msg, "expected a number");
}

TEST_F(DatabaseErrors, NanValue) {
  SetField("sam.csv", 3, 3, "nan");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("sam.csv", 3));
  EXPECT_CONTAINS(msg, "'nan'");
  EXPECT_CONTAINS(msg, "expected a finite number");
}

TEST_F(DatabaseErrors, InfiniteValueInSam) {
  SetField("sam.csv", 6, 3, "inf");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("sam.csv", 6));
  EXPECT_CONTAINS(msg, "'inf'");
  EXPECT_CONTAINS(msg, "expected a finite number");
}

TEST_F(DatabaseErrors, OverflowingValue) {
  SetField("sam.csv", 6, 3, "1e999");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("sam.csv", 6));
  EXPECT_CONTAINS(msg, "'1e999'");
  EXPECT_CONTAINS(msg, "expected a");
}

// Was FAILS (fixed): std::strtod accepts hexadecimal ("0x1A" reads as 26); a strict reader of
// decimal data should reject it as not a number.
TEST_F(DatabaseErrors, HexadecimalValue) {
  SetField("sam.csv", 6, 3, "0x1A");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("sam.csv", 6));
  EXPECT_CONTAINS(msg, "'0x1A'");
  EXPECT_CONTAINS(msg, "expected a number");
}

// ------------------------------------------------------------------ labels and accounts

TEST_F(DatabaseErrors, LabelWithSpace) {
  ReplaceLine("regions.csv", 3, "R 2,synthetic region");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("regions.csv", 3));
  EXPECT_CONTAINS(msg, "'R 2'");
  EXPECT_CONTAINS(msg, "expected a plain label");
}

TEST_F(DatabaseErrors, LabelWithParenthesis) {
  int line = FindLine("accounts.csv", "GOV,");
  ReplaceLine("accounts.csv", line, "GOV(x),government,,");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("accounts.csv", line));
  EXPECT_CONTAINS(msg, "'GOV(x)'");
  EXPECT_CONTAINS(msg, "expected a plain label");
}

TEST_F(DatabaseErrors, SectorLabelWithAsterisk) {
  int line = FindLine("accounts.csv", "a_S1,");
  ReplaceLine("accounts.csv", line, "a_S1,activity,S*1,");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("accounts.csv", line));
  EXPECT_CONTAINS(msg, "'S*1'");
  EXPECT_CONTAINS(msg, "'label'");
  EXPECT_CONTAINS(msg, "expected a plain label");
}

TEST_F(DatabaseErrors, DuplicateRegion) {
  int line = AppendLine("regions.csv", "R1,again");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("regions.csv", line));
  EXPECT_CONTAINS(msg, "'R1'");
  EXPECT_CONTAINS(msg, "twice");
}

// A zone region names its country in the optional `parent` column (ADR 0005).
class RegionParents : public DatabaseErrors {
 protected:
  // regions.csv with a parent column: R1's parent is `parent`, R2's is `second`.
  void WithParents(const std::string& parent, const std::string& second = "") {
    auto lines = ReadLines(File("regions.csv"));
    for (auto& l : lines) {
      if (l.rfind("region,", 0) == 0) l += ",parent";
      if (l.rfind("R1,", 0) == 0) l += "," + parent;
      if (l.rfind("R2,", 0) == 0) l += "," + second;
    }
    WriteLines(File("regions.csv"), lines);
  }
};

TEST_F(RegionParents, AreReadWhenValid) {
  WithParents("R2");
  Database db = ReadDatabase(dir_);
  ASSERT_EQ(db.parent.size(), db.regions.size());
  EXPECT_EQ(db.parent[0], 1);
  EXPECT_EQ(db.parent[1], -1);
}

TEST_F(RegionParents, UnknownParent) {
  WithParents("XX");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("regions.csv", FindLine("regions.csv", "R1,")));
  EXPECT_CONTAINS(msg, "parent 'XX' of R1");
}

TEST_F(RegionParents, ItsOwnParent) {
  WithParents("R1");
  EXPECT_CONTAINS(ReadError(), "parent 'R1' of R1 is not another region");
}

TEST_F(RegionParents, OneLevelOnly) {
  WithParents("R2", "R1");  // R1 in R2 in R1
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("regions.csv", FindLine("regions.csv", "R1,")));
  EXPECT_CONTAINS(msg, "has a parent itself");
}

TEST_F(DatabaseErrors, DuplicateAccount) {
  int line = AppendLine("accounts.csv", "a_S1,activity,S1,copy");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("accounts.csv", line));
  EXPECT_CONTAINS(msg, "'a_S1'");
  EXPECT_CONTAINS(msg, "listed twice");
}

TEST_F(DatabaseErrors, SecondActivityForSameSector) {
  int line = AppendLine("accounts.csv", "a_S1b,activity,S1,copy");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("accounts.csv", line));
  EXPECT_CONTAINS(msg, "'S1'");
  EXPECT_CONTAINS(msg, "second activity");
}

TEST_F(DatabaseErrors, UnknownAccountKind) {
  int line = FindLine("accounts.csv", "GOV,");
  ReplaceLine("accounts.csv", line, "GOV,govt,,");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("accounts.csv", line));
  EXPECT_CONTAINS(msg, "'GOV'");
  EXPECT_CONTAINS(msg, "'govt'");
  EXPECT_CONTAINS(msg, "expected one of:");
  EXPECT_CONTAINS(msg, "government");
}

TEST_F(DatabaseErrors, LabelOnAccountKindThatTakesNone) {
  int line = FindLine("accounts.csv", "SAV,");
  ReplaceLine("accounts.csv", line, "SAV,savings,S1,");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("accounts.csv", line));
  EXPECT_CONTAINS(msg, "'SAV'");
  EXPECT_CONTAINS(msg, "takes no label");
  EXPECT_CONTAINS(msg, "'S1'");
}

TEST_F(DatabaseErrors, SecondGovernment) {
  int line = AppendLine("accounts.csv", "GOV2,government,,");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("accounts.csv", line));
  EXPECT_CONTAINS(msg, "'GOV2'");
  EXPECT_CONTAINS(msg, "expected one");
}

TEST_F(DatabaseErrors, ActivityWithoutCommodityAccount) {
  RemoveLine("accounts.csv", FindLine("accounts.csv", "c_S3,"));
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, "accounts.csv");
  EXPECT_CONTAINS(msg, "'S3'");
  EXPECT_CONTAINS(msg, "no commodity account");
}

TEST_F(DatabaseErrors, CommodityWithoutActivityAccount) {
  RemoveLine("accounts.csv", FindLine("accounts.csv", "a_S2,"));
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, "accounts.csv");
  EXPECT_CONTAINS(msg, "'S2'");
  EXPECT_CONTAINS(msg, "no activity account");
}

// ----------------------------------------------------------------------------- factors

TEST_F(DatabaseErrors, FactorMissingFromFactorsFile) {
  RemoveLine("factors.csv", FindLine("factors.csv", "F2,"));
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, "factors.csv");
  EXPECT_CONTAINS(msg, "'F2'");
  EXPECT_CONTAINS(msg, "no mobility row");
}

TEST_F(DatabaseErrors, FactorWithoutFactorAccount) {
  int line = AppendLine("factors.csv", "F9,mobile");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("factors.csv", line));
  EXPECT_CONTAINS(msg, "'F9'");
  EXPECT_CONTAINS(msg, "no factor account");
}

TEST_F(DatabaseErrors, BadMobilityWord) {
  int line = FindLine("factors.csv", "F1,");
  ReplaceLine("factors.csv", line, "F1,fixed");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("factors.csv", line));
  EXPECT_CONTAINS(msg, "'F1'");
  EXPECT_CONTAINS(msg, "'fixed'");
  EXPECT_CONTAINS(msg, "expected mobile or specific");
}

// --------------------------------------------------------------------------------- SAM

TEST_F(DatabaseErrors, NegativeIntermediateUse) {
  int line = FindLine("sam.csv", "R2,c_S1,a_S2,");
  std::string value = Split(Line("sam.csv", line))[3];
  SetField("sam.csv", line, 3, "-" + value);
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("sam.csv", line));
  EXPECT_CONTAINS(msg, "(R2, c_S1, a_S2)");
  EXPECT_CONTAINS(msg, "-" + value);
  EXPECT_CONTAINS(msg, "expected >= 0");
}

// Was FAILS (fixed): the message names the cell as (H1, a_S1) without its region, unlike the
// messages for negative and duplicate cells, which give (region, row, column).
TEST_F(DatabaseErrors, FlowTheModelDoesNotKnow) {
  int line = AppendLine("sam.csv", "R2,H1,a_S1,5");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("sam.csv", line));
  EXPECT_CONTAINS(msg, "H1");
  EXPECT_CONTAINS(msg, "a_S1");
  EXPECT_CONTAINS(msg, "from activity to household");
  EXPECT_CONTAINS(msg, "not a flow the model knows");
  EXPECT_CONTAINS(msg, "(R2, H1, a_S1)");
}

TEST_F(DatabaseErrors, UnknownFlowWithZeroValueIsAccepted) {
  AppendLine("sam.csv", "R2,H1,a_S1,0");
  EXPECT_NO_THROW({
    Database db = ReadDatabase(dir_);
    ValidateDatabase(db);
    Calibrate(db);
  });
}

TEST_F(DatabaseErrors, ActivitySellsAnotherSectorsCommodity) {
  int line = AppendLine("sam.csv", "R1,a_S1,c_S2,5");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("sam.csv", line));
  EXPECT_CONTAINS(msg, "'a_S1'");
  EXPECT_CONTAINS(msg, "'c_S2'");
  EXPECT_CONTAINS(msg, "expected each activity to produce its own sector's commodity");
}

TEST_F(DatabaseErrors, UnknownRegionInSam) {
  int line = FindLine("sam.csv", "R2,");
  SetField("sam.csv", line, 0, "R9");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("sam.csv", line));
  EXPECT_CONTAINS(msg, "'R9'");
  EXPECT_CONTAINS(msg, "not in regions.csv");
}

TEST_F(DatabaseErrors, UnknownRowAccountInSam) {
  int line = FindLine("sam.csv", "R1,c_S2,");
  SetField("sam.csv", line, 1, "c_S9");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("sam.csv", line));
  EXPECT_CONTAINS(msg, "'c_S9'");
  EXPECT_CONTAINS(msg, "not in accounts.csv");
}

TEST_F(DatabaseErrors, UnknownColumnAccountInSam) {
  int line = FindLine("sam.csv", "R1,c_S2,");
  SetField("sam.csv", line, 2, "Household1");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("sam.csv", line));
  EXPECT_CONTAINS(msg, "column account 'Household1'");
  EXPECT_CONTAINS(msg, "not in accounts.csv");
}

TEST_F(DatabaseErrors, DuplicateSamCell) {
  int first = FindLine("sam.csv", "R2,c_S3,a_S1,");
  int line = AppendLine("sam.csv", Line("sam.csv", first));
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("sam.csv", line));
  EXPECT_CONTAINS(msg, "(R2, c_S3, a_S1)");
  EXPECT_CONTAINS(msg, "given twice");
}

TEST_F(DatabaseErrors, UnbalancedSam) {
  AddToSamCell("R1", "c_S1", "H1", 10.0);
  // Totals of c_S1 in R1 as the validator sees them.
  double row = 0, col = 0;
  for (const auto& l : ReadLines(File("sam.csv"))) {
    auto f = Split(l);
    if (f[0] != "R1") continue;
    if (f[1] == "c_S1") row += std::stod(f[3]);
    if (f[2] == "c_S1") col += std::stod(f[3]);
  }
  std::string msg = ValidateError();
  EXPECT_CONTAINS(msg, "sam.csv");
  EXPECT_CONTAINS(msg, "region R1, account c_S1");
  EXPECT_CONTAINS(msg, "row total " + Fmt10(row));
  EXPECT_CONTAINS(msg, "column total " + Fmt10(col));
  EXPECT_CONTAINS(msg, "(imbalance 10)");
  // The household's column now pays 10 more than it receives.
  EXPECT_CONTAINS(msg, "region R1, account H1");
  EXPECT_CONTAINS(msg, "(imbalance -10)");
  EXPECT_CONTAINS(msg, "(2 problems)");
}

TEST_F(DatabaseErrors, AccountEmptyInEveryRegion) {
  AppendLine("accounts.csv", "H9,household,H9,unused");
  std::string msg = ValidateError();
  EXPECT_CONTAINS(msg, "sam.csv");
  EXPECT_CONTAINS(msg, "account H9");
  EXPECT_CONTAINS(msg, "empty in every region");
  EXPECT_CONTAINS(msg, "expected some flow");
}

// ------------------------------------------------------------------------------- trade

TEST_F(DatabaseErrors, TradeValueInconsistentWithSamExports) {
  int line = FindLine("trade.csv", "S2,R1,R2,");
  double value = std::stod(Split(Line("trade.csv", line))[3]);
  SetField("trade.csv", line, 3, std::to_string(value * 2));
  std::string msg = ValidateError();
  EXPECT_CONTAINS(msg, "trade.csv");
  EXPECT_CONTAINS(msg, "region R1, commodity S2: exports in sam.csv");
  EXPECT_CONTAINS(msg, "from trade.csv");
  EXPECT_CONTAINS(msg, "region R2, commodity S2: imports in sam.csv");
}

TEST_F(DatabaseErrors, DuplicateTradeFlow) {
  int first = FindLine("trade.csv", "S1,R2,R1,");
  int line = AppendLine("trade.csv", Line("trade.csv", first));
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("trade.csv", line));
  EXPECT_CONTAINS(msg, "(S1, R2, R1)");
  EXPECT_CONTAINS(msg, "given twice");
}

// Was FAILS (fixed): the message does not name the region ("exporter and importer are the same
// region" only); it should say which, e.g. 'R1'.
TEST_F(DatabaseErrors, ExporterEqualsImporter) {
  int line = FindLine("trade.csv", "S3,R1,R2,");
  SetField("trade.csv", line, 2, "R1");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("trade.csv", line));
  EXPECT_CONTAINS(msg, "exporter and importer are the same region");
  EXPECT_CONTAINS(msg, "R1");
}

// Was FAILS (fixed): the message says "tariff_rate <= -1" but not the value found (-1.5).
TEST_F(DatabaseErrors, TariffRateNotAboveMinusOne) {
  int line = FindLine("trade.csv", "S1,R1,R2,");
  SetField("trade.csv", line, 4, "-1.5");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("trade.csv", line));
  EXPECT_CONTAINS(msg, "tariff_rate");
  EXPECT_CONTAINS(msg, "expected a rate above -100%");
  EXPECT_CONTAINS(msg, "-1.5");
}

TEST_F(DatabaseErrors, TariffRateOfExactlyMinusOne) {
  int line = FindLine("trade.csv", "S1,R1,R2,");
  SetField("trade.csv", line, 4, "-1");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("trade.csv", line));
  EXPECT_CONTAINS(msg, "tariff_rate");
  EXPECT_CONTAINS(msg, "expected a rate above -100%");
}

TEST_F(DatabaseErrors, NegativeTradeValue) {
  int line = FindLine("trade.csv", "S1,R1,R2,");
  SetField("trade.csv", line, 3, "-3");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("trade.csv", line));
  EXPECT_CONTAINS(msg, "negative");
  EXPECT_CONTAINS(msg, "expected >= 0");
}

TEST_F(DatabaseErrors, UnknownSectorInTrade) {
  int line = FindLine("trade.csv", "S1,R1,R2,");
  SetField("trade.csv", line, 0, "S7");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("trade.csv", line));
  EXPECT_CONTAINS(msg, "'S7'");
  EXPECT_CONTAINS(msg, "'commodity'");
}

TEST_F(DatabaseErrors, UnknownRegionInTrade) {
  int line = FindLine("trade.csv", "S1,R1,R2,");
  SetField("trade.csv", line, 2, "R5");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("trade.csv", line));
  EXPECT_CONTAINS(msg, "unknown region 'R5'");
  EXPECT_CONTAINS(msg, "'importer'");
}

TEST_F(DatabaseErrors, TradeFileWithOneRegion) {
  Write(1);
  ASSERT_FALSE(fs::exists(File("trade.csv")));
  WriteLines(File("trade.csv"), {"commodity,exporter,importer,value,tariff_rate,export_tax_rate"});
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, "trade.csv");
  EXPECT_CONTAINS(msg, "one-region");
  EXPECT_CONTAINS(msg, "remove it, or add regions");
}

// ------------------------------------------------------------------------ elasticities

TEST_F(DatabaseErrors, NegativeElasticity) {
  int line = FindLine("elasticities.csv", "*,S2,sigma_d,");
  SetField("elasticities.csv", line, 3, "-2");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("elasticities.csv", line));
  EXPECT_CONTAINS(msg, "sigma_d = -2");
  EXPECT_CONTAINS(msg, "expected >= 0");
}

TEST_F(DatabaseErrors, ZeroOmega) {
  int line = FindLine("elasticities.csv", "*,S1,omega,");
  SetField("elasticities.csv", line, 3, "0");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("elasticities.csv", line));
  EXPECT_CONTAINS(msg, "omega = 0");
  EXPECT_CONTAINS(msg, "omega > 0 or inf");
}

TEST_F(DatabaseErrors, InfiniteSigmaRejected) {
  int line = FindLine("elasticities.csv", "*,S1,sigma_va,");
  SetField("elasticities.csv", line, 3, "inf");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("elasticities.csv", line));
  EXPECT_CONTAINS(msg, "'inf'");
  EXPECT_CONTAINS(msg, "expected a finite number");
}

// The optional sd column: read when present, empty cells allowed, negative values refused.
TEST_F(DatabaseErrors, NegativeElasticitySd) {
  auto lines = ReadLines(File("elasticities.csv"));
  int target = FindLine("elasticities.csv", "*,S2,sigma_d,");
  bool header_done = false;
  for (int k = 0; k < static_cast<int>(lines.size()); ++k) {
    if (lines[k].empty() || lines[k][0] == '#') continue;
    if (!header_done) {
      lines[k] += ",sd";
      header_done = true;
    } else {
      lines[k] += (k + 1 == target) ? ",-0.5" : (k % 2 ? ",0.25" : ",");
    }
  }
  WriteLines(File("elasticities.csv"), lines);
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("elasticities.csv", target));
  EXPECT_CONTAINS(msg, "sd = -0.5 is negative");
}

TEST_F(DatabaseErrors, ElasticitySdIsRead) {
  auto lines = ReadLines(File("elasticities.csv"));
  bool header_done = false;
  for (auto& line : lines) {
    if (line.empty() || line[0] == '#') continue;
    line += header_done ? ",0.75" : ",sd";
    header_done = true;
  }
  WriteLines(File("elasticities.csv"), lines);
  Database db = ReadDatabase(dir_);
  ASSERT_FALSE(db.elasticities.empty());
  for (const auto& e : db.elasticities) EXPECT_EQ(e.sd, 0.75);
}

TEST_F(DatabaseErrors, MissingElasticityForRegionAndSector) {
  // sigma_d of S2 only for R1: R2 has none.
  int line = FindLine("elasticities.csv", "*,S2,sigma_d,");
  SetField("elasticities.csv", line, 0, "R1");
  std::string msg = CalibrateError();
  EXPECT_CONTAINS(msg, "elasticities.csv");
  EXPECT_CONTAINS(msg, "no sigma_d for region R2, sector S2");
  EXPECT_CONTAINS(msg, "add a row");
}

TEST_F(DatabaseErrors, ElasticityGivenTwice) {
  int first = FindLine("elasticities.csv", "*,S3,sigma_va,");
  int line = AppendLine("elasticities.csv", "*,S3,sigma_va,0.5,second source");
  std::string msg = CalibrateError();
  EXPECT_CONTAINS(msg, At("elasticities.csv", line));
  EXPECT_CONTAINS(msg, "sigma_va for (R1, S3)");
  EXPECT_CONTAINS(msg, "also given on line " + std::to_string(first));
}

TEST_F(DatabaseErrors, RegionRowOverridesWildcardRow) {
  AppendLine("elasticities.csv", "R2,S3,sigma_va,0.5,a regional estimate");
  Database db = ReadDatabase(dir_);
  ValidateDatabase(db);
  model::ModelData d = Calibrate(db);
  EXPECT_EQ(d.p.sigma_va(1, 2), 0.5);
  EXPECT_NE(d.p.sigma_va(0, 2), 0.5);
}

TEST_F(DatabaseErrors, ElasticityWithoutSource) {
  int line = FindLine("elasticities.csv", "*,S1,sigma_m,");
  SetField("elasticities.csv", line, 4, "");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("elasticities.csv", line));
  EXPECT_CONTAINS(msg, "'source' is empty");
  EXPECT_CONTAINS(msg, "needs a source");
}

TEST_F(DatabaseErrors, UnknownElasticityParameter) {
  int line = FindLine("elasticities.csv", "*,S1,sigma_m,");
  SetField("elasticities.csv", line, 2, "sigma_x");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("elasticities.csv", line));
  EXPECT_CONTAINS(msg, "'sigma_x'");
  EXPECT_CONTAINS(msg, "expected sigma_va, sigma_d, sigma_m or omega");
}

TEST_F(DatabaseErrors, UnknownRegionInElasticities) {
  int line = FindLine("elasticities.csv", "*,S1,sigma_m,");
  SetField("elasticities.csv", line, 0, "R8");
  std::string msg = ReadError();
  EXPECT_CONTAINS(msg, At("elasticities.csv", line));
  EXPECT_CONTAINS(msg, "unknown region 'R8'");
}

// --------------------------------------------------------------------------- calibration

TEST_F(DatabaseErrors, ExportsExceedingOutput) {
  // One region: exports and imports of S2 both rise by far more than output; every account
  // still balances and there is no trade file to contradict.
  Write(1);
  AddToSamCell("R1", "c_S2", "ROW", 1e4);
  AddToSamCell("R1", "ROW", "c_S2", 1e4);
  std::string msg = CalibrateError();
  EXPECT_CONTAINS(msg, "sam.csv");
  EXPECT_CONTAINS(msg, "region R1");
  EXPECT_CONTAINS(msg, "exports of S2");
  EXPECT_CONTAINS(msg, "exceed its output");
}

// Was FAILS (fixed): ReadRegions checks column 0 for the label instead of the 'region' column, so
// with the columns reordered it rejects the description "synthetic region" as a label.
TEST_F(DatabaseErrors, RegionColumnsInAnyOrder) {
  auto lines = ReadLines(File("regions.csv"));
  for (auto& l : lines) {
    auto f = Split(l);
    l = f[1] + "," + f[0];
  }
  WriteLines(File("regions.csv"), lines);
  EXPECT_NO_THROW({
    Database db = ReadDatabase(dir_);
    EXPECT_EQ(db.regions, (std::vector<std::string>{"R1", "R2"}));
  });
}

// ------------------------------------------------------------------------- valid inputs

class DatabaseValid : public ::testing::TestWithParam<int> {};

TEST_P(DatabaseValid, PassesReadValidateAndCalibrate) {
  const int regions = GetParam();
  fs::path dir =
      fs::temp_directory_path() /
      ("peninsula-database-valid-" + std::to_string(::getpid()) + "-" + std::to_string(regions));
  SyntheticSpec spec;
  spec.regions = regions;
  WriteSyntheticDatabase(dir, spec);
  EXPECT_EQ(fs::exists(dir / "trade.csv"), regions > 1);
  try {
    Database db = ReadDatabase(dir);
    EXPECT_EQ(static_cast<int>(db.regions.size()), regions);
    EXPECT_EQ(db.small_open(), regions == 1);
    EXPECT_EQ(db.trade.empty(), regions == 1);
    ValidateDatabase(db);
    model::ModelData d = Calibrate(db);
    EXPECT_EQ(d.small_open, regions == 1);
  } catch (const std::exception& e) {
    ADD_FAILURE() << regions << " regions: " << e.what();
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
}

INSTANTIATE_TEST_SUITE_P(OneTwoThreeRegions, DatabaseValid, ::testing::Values(1, 2, 3));

// CRLF line ends, a UTF-8 byte order mark, comment lines, blank lines, quoted fields and
// padding around fields are all part of the format.
TEST_F(DatabaseErrors, ValidWithCrlfBomCommentsAndQuotes) {
  for (const char* name :
       {"regions.csv", "accounts.csv", "factors.csv", "sam.csv", "trade.csv", "elasticities.csv"}) {
    auto lines = ReadLines(File(name));
    std::vector<std::string> out;
    out.push_back("# " + std::string(name) + ", edited");
    for (std::size_t k = 0; k < lines.size(); ++k) {
      out.push_back(lines[k] + "\r");
      if (k == 1) out.push_back("");
    }
    out[0] = "\xEF\xBB\xBF" + out[0];
    WriteLines(File(name), out);
  }
  int line = FindLine("regions.csv", "R1,");
  ReplaceLine("regions.csv", line, " R1 ,\"a region, \"\"quoted\"\"\"\r");
  EXPECT_NO_THROW({
    Database db = ReadDatabase(dir_);
    ValidateDatabase(db);
    Calibrate(db);
  });
}

}  // namespace
}  // namespace peninsula::calibration
