// Scenarios that do not fit the model are refused with a message naming the scenario, the
// shock and the offending label or value — never solved into a wrong answer.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <cmath>
#include <fstream>

#include "io/scenario_file.hpp"
#include "support/test_support.hpp"

namespace peninsula {
namespace {

using model::ShockMode;
using ::testing::HasSubstr;
using testing::Shock;

class ScenarioErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    calibration::SyntheticSpec spec;
    spec.regions = 2;
    loaded_ = testing::LoadSynthetic(dir_.path(), spec);
  }
  std::string ErrorOf(const model::Scenario& s) {
    try {
      app::RunScenario(*loaded_.model, s, {});
    } catch (const model::ScenarioError& e) {
      return e.what();
    }
    return "no error";
  }
  std::string ErrorOf(std::vector<model::ShockSpec> shocks, model::ClosureSpec closure = {}) {
    return ErrorOf(testing::MakeScenario("bad", std::move(shocks), std::move(closure)));
  }
  testing::TempDir dir_;
  app::LoadedData loaded_;
};

TEST_F(ScenarioErrors, UnknownLabel) {
  EXPECT_THAT(ErrorOf({Shock("tfp", {"KOR", "*"}, ShockMode::kScale, 1.1)}),
              HasSubstr("'KOR' is not a region of this database"));
}

TEST_F(ScenarioErrors, WrongNumberOfIndices) {
  EXPECT_THAT(ErrorOf({Shock("tm", {"S1", "R1"}, ShockMode::kScale, 0.5)}),
              HasSubstr("needs 3 index labels"));
}

TEST_F(ScenarioErrors, UnknownTarget) {
  EXPECT_THAT(ErrorOf({Shock("tarif", {"*"}, ShockMode::kScale, 0.5)}),
              HasSubstr("matches no parameter and no variable"));
}

TEST_F(ScenarioErrors, TariffBelowMinusHundredPercent) {
  EXPECT_THAT(ErrorOf({Shock("tm", {"*", "*", "R1"}, ShockMode::kSet, -1.5)}),
              HasSubstr("expected a value above -1"));
}

TEST_F(ScenarioErrors, NegativeEndowment) {
  EXPECT_THAT(ErrorOf({Shock("QF", {"R1", "F1"}, ShockMode::kScale, -0.5)}),
              HasSubstr("expected a quantity >= 0"));
}

TEST_F(ScenarioErrors, EndogenousVariable) {
  EXPECT_THAT(ErrorOf({Shock("PX", {"R1", "S1"}, ShockMode::kScale, 1.1)}),
              HasSubstr("PX(R1,S1) is endogenous"));
}

TEST_F(ScenarioErrors, ForeignSavingsThatDoNotNetToZero) {
  EXPECT_THAT(ErrorOf({Shock("fsav", {"R1"}, ShockMode::kAdd, 5.0)}),
              HasSubstr("sum to zero over regions"));
  EXPECT_EQ(ErrorOf({Shock("fsav", {"R1"}, ShockMode::kAdd, 5.0),
                     Shock("fsav", {"R2"}, ShockMode::kAdd, -5.0)}),
            "no error");
}

TEST_F(ScenarioErrors, CetSwitchedOff) {
  EXPECT_THAT(ErrorOf({Shock("omega", {"R1", "*"}, ShockMode::kSet, INFINITY)}),
              HasSubstr("switches a CET off"));
}

TEST_F(ScenarioErrors, NumeraireMustBeOnePrice) {
  model::ClosureSpec quantity, many;
  quantity.numeraire = "X(R1,S1)";
  many.numeraire = "PF(*,F1)";
  EXPECT_THAT(ErrorOf({}, quantity), HasSubstr("is not a price"));
  EXPECT_THAT(ErrorOf({}, many), HasSubstr("matches 2 variables"));
}

TEST_F(ScenarioErrors, UnknownWalrasEquation) {
  model::ClosureSpec c;
  c.walras_equation = "goods_market(R9,S1)";
  EXPECT_THAT(ErrorOf({}, c), HasSubstr("walras equation 'goods_market(R9,S1)' does not exist"));
}

TEST_F(ScenarioErrors, ClosureThatIsNotSquare) {
  model::ClosureSpec c;
  c.fix = {"PX(R1,S1)"};
  EXPECT_THAT(ErrorOf({}, c), HasSubstr("does not give a square system"));
}

class ScenarioFileErrors : public ::testing::Test {
 protected:
  std::string ErrorOf(const std::string& text) {
    auto path = dir_.path() / "s.toml";
    std::ofstream(path) << text;
    try {
      io::ReadScenario(path);
    } catch (const model::ScenarioError& e) {
      return e.what();
    }
    return "no error";
  }
  testing::TempDir dir_;
};

TEST_F(ScenarioFileErrors, SyntaxErrorNamesLine) {
  EXPECT_THAT(ErrorOf("name = \"x\"\n\n[[shock]\n"), HasSubstr("s.toml:3:"));
}

TEST_F(ScenarioFileErrors, UnknownKeyIsRejected) {
  EXPECT_THAT(ErrorOf("name = \"x\"\n[[shock]]\ntarget = \"tm\"\nindex = []\nscal = 0.5\n"),
              HasSubstr("unknown key 'scal'"));
}

TEST_F(ScenarioFileErrors, ShockNeedsExactlyOneMode) {
  EXPECT_THAT(ErrorOf("name = \"x\"\n[[shock]]\ntarget = \"tm\"\nscale = 0.5\nset = 1\n"),
              HasSubstr("exactly one of scale, set or add"));
}

TEST_F(ScenarioFileErrors, MissingName) {
  EXPECT_THAT(ErrorOf("description = \"x\"\n"), HasSubstr("missing string 'name'"));
}

TEST_F(ScenarioFileErrors, MissingFile) {
  try {
    io::ReadScenario(dir_.path() / "absent.toml");
    FAIL();
  } catch (const model::ScenarioError& e) {
    EXPECT_THAT(e.what(), HasSubstr("absent.toml: cannot open scenario file"));
  }
}

// A key of the wrong type is an error naming its line, never a silent default.
TEST_F(ScenarioFileErrors, WrongTypesNameTheirLine) {
  EXPECT_EQ(ErrorOf("name = 5\n"),
            (dir_.path() / "s.toml").string() + ":1: 'name' must be a string");
  EXPECT_THAT(ErrorOf("name = \"x\"\ndescription = 1\n"),
              HasSubstr("s.toml:2: 'description' must be a string"));
  EXPECT_THAT(ErrorOf("name = \"x\"\nclosure = 1\n"),
              HasSubstr("s.toml:2: 'closure' must be a table [closure]"));
  EXPECT_THAT(ErrorOf("name = \"x\"\n[closure]\nnumeraire_value = \"2\"\n"),
              HasSubstr("s.toml:3: 'numeraire_value' must be a number"));
  EXPECT_THAT(ErrorOf("name = \"x\"\n[closure]\nnumeraire_value = inf\n"),
              HasSubstr("s.toml:3: 'numeraire_value' must be finite"));
  EXPECT_THAT(ErrorOf("name = \"x\"\n[closure]\nwalras = 1\n"),
              HasSubstr("s.toml:3: 'walras' must be a string"));
  EXPECT_THAT(ErrorOf("name = \"x\"\n[closure]\nfix = [\"PF(*,F1)\", 1]\n"),
              HasSubstr("s.toml:3: 'fix' must hold strings only"));
  EXPECT_THAT(ErrorOf("name = \"x\"\n[[shock]]\ntarget = 1\nscale = 1\n"),
              HasSubstr("s.toml:3: 'target' must be a string"));
  EXPECT_THAT(ErrorOf("name = \"x\"\n[[shock]]\ntarget = \"tm\"\nindex = \"*\"\nscale = 1\n"),
              HasSubstr("s.toml:4: 'index' must be a list of strings"));
}

// Shock values keep their own rules: any number, an infinity included (`set = inf` lifts a
// quota), errors at the line of the [[shock]] table.
TEST_F(ScenarioFileErrors, ShockValues) {
  EXPECT_THAT(ErrorOf("name = \"x\"\n[[shock]]\ntarget = \"tm\"\nscale = \"half\"\n"),
              HasSubstr("s.toml:2: 'scale' must be a number"));
  EXPECT_THAT(ErrorOf("name = \"x\"\n[[shock]]\nscale = 1\n"),
              HasSubstr("s.toml:2: shock lacks 'target'"));
  EXPECT_THAT(
      ErrorOf("name = \"x\"\n[[shock]]\ntarget = \"tm\"\nscale = 1\nrent_to = \"importer\"\n"),
      HasSubstr("s.toml:2: 'rent_to' is a string on quota shocks only"));
  EXPECT_THAT(ErrorOf("name = \"x\"\nshock = 1\n"),
              HasSubstr("s.toml:2: write shocks as [[shock]] tables"));
  auto path = dir_.path() / "s.toml";
  std::ofstream(path) << "name = \"x\"\n[[shock]]\ntarget = \"quota\"\nset = inf\n"
                      << "[[shock]]\ntarget = \"tfp\"\nscale = 9007199254740993\n";
  model::Scenario s = io::ReadScenario(path);
  ASSERT_EQ(s.shocks.size(), 2u);
  EXPECT_TRUE(std::isinf(s.shocks[0].value));
  EXPECT_EQ(s.shocks[1].value, 9007199254740992.0);
}

// ------------------------------------------------------------------ study [analysis] roles

class StudyRoles : public ::testing::Test {
 protected:
  io::Study Read(const std::string& analysis) {
    auto path = dir_.path() / "study.toml";
    std::ofstream(path) << "name = \"x\"\ndata = \"d\"\nscenarios = [\"a.toml\"]\n" << analysis;
    return io::ReadStudy(path);
  }
  std::string ErrorOf(const std::string& analysis) {
    try {
      Read(analysis);
    } catch (const model::ScenarioError& e) {
      return e.what();
    }
    return "no error";
  }
  testing::TempDir dir_;
};

TEST_F(StudyRoles, DefaultsWithoutTheTable) {
  io::Study s = Read("");
  EXPECT_EQ(s.roles.home, "KOR");
  EXPECT_EQ(s.roles.partner, "PRK");
  EXPECT_EQ(s.roles.comparators, (std::vector<std::string>{"CHN", "VNM"}));
  EXPECT_TRUE(s.roles.given.empty());  // defaults are not checked against the data
}

TEST_F(StudyRoles, GivenRolesRecordWhereTheyAre) {
  io::Study s = Read("[analysis]\nhome = \"R2\"\ncomparators = [\n  \"R3\",\n  \"R4\"]\n");
  EXPECT_EQ(s.roles.home, "R2");
  EXPECT_EQ(s.roles.partner, "PRK");
  EXPECT_EQ(s.roles.comparators, (std::vector<std::string>{"R3", "R4"}));
  ASSERT_EQ(s.roles.given.size(), 3u);
  EXPECT_THAT(s.roles.given[0].where, HasSubstr("study.toml:5: [analysis] home"));
  EXPECT_THAT(s.roles.given[2].where, HasSubstr("study.toml:8: [analysis] comparators"));
}

TEST_F(StudyRoles, UnknownKeyNamesLine) {
  EXPECT_THAT(ErrorOf("[analysis]\nhome = \"KOR\"\ncompetitor = [\"CHN\"]\n"),
              HasSubstr("study.toml:6: unknown key 'competitor' in [analysis]"));
}

TEST_F(StudyRoles, LabelsMustBeStrings) {
  EXPECT_THAT(ErrorOf("[analysis]\nhome = 1\n"),
              HasSubstr("study.toml:5: [analysis] home must be a region label"));
  EXPECT_THAT(ErrorOf("[analysis]\ncomparators = \"CHN\"\n"),
              HasSubstr("study.toml:5: [analysis] comparators must be a list"));
  EXPECT_THAT(ErrorOf("[analysis]\ncomparators = [\"CHN\", 2]\n"),
              HasSubstr("study.toml:5: [analysis] comparators must be a region label"));
  EXPECT_THAT(ErrorOf("analysis = 3\n"), HasSubstr("study.toml:4: 'analysis' must be a table"));
}

TEST_F(StudyRoles, WrongTypesNameTheirLine) {
  EXPECT_THAT(ErrorOf("[solver]\ntolerance = \"small\"\n"),
              HasSubstr("study.toml:5: 'tolerance' must be a number"));
  EXPECT_THAT(ErrorOf("[solver]\nmax_seconds = inf\n"),
              HasSubstr("study.toml:5: 'max_seconds' must be finite"));
  EXPECT_THAT(ErrorOf("[solver]\nmax_seconds = 0\n"),
              HasSubstr("study.toml:4: [solver] max_seconds must be > 0"));
  EXPECT_THAT(ErrorOf("solver = \"newton\"\n"),
              HasSubstr("study.toml:4: 'solver' must be a table [solver]"));
  EXPECT_THAT(ErrorOf("output = 1\n"), HasSubstr("study.toml:4: 'output' must be a string"));
  EXPECT_THAT(ErrorOf("variant = [\"un\"]\n"),
              HasSubstr("study.toml:4: 'variant' must be a string"));
}

TEST_F(StudyRoles, HomeAndPartnerDiffer) {
  EXPECT_THAT(ErrorOf("[analysis]\nhome = \"PRK\"\n"),
              HasSubstr("home and partner are both 'PRK'"));
}

// ----------------------------------------------------------------- complementarity instruments

std::string CollectError(const model::ModelData& d, std::vector<model::ShockSpec> shocks) {
  try {
    model::CollectInstruments(d, {testing::MakeScenario("bad", std::move(shocks))});
  } catch (const model::ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

TEST_F(ScenarioErrors, QuotaNotDeclaredWhenTheModelWasBuilt) {
  EXPECT_THAT(ErrorOf({Shock("quota", {"S1", "R1", "R2"}, ShockMode::kSet, 0.5)}),
              HasSubstr("quota(S1,R1,R2) is not an instrument of this model"));
}

TEST_F(ScenarioErrors, ZeroQuotaIsRefusedWithTheReason) {
  auto shock = Shock("quota", {"S1", "R1", "R2"}, ShockMode::kSet, 0.0);
  model::Scenario s = testing::MakeScenario("ban", {shock});
  testing::TempDir dir;
  calibration::SyntheticSpec spec;
  spec.regions = 2;
  auto loaded = testing::LoadSynthetic(dir.path(), spec, {s});
  try {
    app::RunScenario(*loaded.model, s, {});
    ADD_FAILURE() << "no error";
  } catch (const model::ScenarioError& e) {
    EXPECT_THAT(e.what(), HasSubstr("a full ban cannot be met by CES import demand"));
  }
}

TEST_F(ScenarioErrors, QuotaOnAFlowThatDoesNotExist) {
  EXPECT_THAT(CollectError(loaded_.model->data(),
                           {Shock("quota", {"S1", "R1", "R1"}, ShockMode::kSet, 0.5)}),
              HasSubstr("matches no bilateral flow of the benchmark"));
}

TEST_F(ScenarioErrors, UnknownRentRecipient) {
  auto shock = Shock("quota", {"S1", "R1", "R2"}, ShockMode::kSet, 0.5);
  shock.rent_to = "smugglers";
  EXPECT_THAT(CollectError(loaded_.model->data(), {shock}),
              HasSubstr("rent_to = 'smugglers' (expected \"exporter\" or \"importer\")"));
}

TEST_F(ScenarioErrors, ConflictingRentRecipients) {
  auto a = Shock("quota", {"S1", "R1", "R2"}, ShockMode::kSet, 0.5);
  a.rent_to = "exporter";
  auto b = a;
  b.rent_to = "importer";
  EXPECT_THAT(CollectError(loaded_.model->data(), {a, b}),
              HasSubstr("gives its rent to another recipient"));
}

// A shock that names no recipient (e.g. lifting a cap) follows the one that does.
TEST_F(ScenarioErrors, UnnamedRecipientFollowsTheNamedOne) {
  auto lift = Shock("quota", {"S1", "R1", "R2"}, ShockMode::kSet, INFINITY);
  auto cap = Shock("quota", {"S1", "R1", "R2"}, ShockMode::kSet, 0.5);
  cap.rent_to = "importer";
  auto found = model::CollectInstruments(loaded_.model->data(),
                                         {testing::MakeScenario("path", {lift, cap})});
  ASSERT_EQ(found.quotas.size(), 1u);
  EXPECT_EQ(found.quotas[0].recipient, model::RentRecipient::kImporter);
}

TEST_F(ScenarioErrors, WageFloorOnASectorSpecificFactor) {
  // F3 is sector-specific in the synthetic database.
  EXPECT_THAT(
      CollectError(loaded_.model->data(), {Shock("wfloor", {"R1", "F3"}, ShockMode::kSet, 1.0)}),
      HasSubstr("matches no mobile factor with income"));
}

TEST_F(ScenarioErrors, QuotaInASmallOpenEconomy) {
  testing::TempDir dir;
  calibration::SyntheticSpec spec;
  spec.regions = 1;
  auto loaded = testing::LoadSynthetic(dir.path(), spec);
  EXPECT_THAT(
      CollectError(loaded.model->data(), {Shock("quota", {"S1", "*", "*"}, ShockMode::kSet, 0.5)}),
      HasSubstr("quotas need a multi-region database"));
}

}  // namespace
}  // namespace peninsula
