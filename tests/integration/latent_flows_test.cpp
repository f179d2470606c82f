// Latent trade flows (latent_trade.csv, the `access` parameter): a bilateral flow absent in
// the benchmark that a scenario can open. The benchmark must be exactly the equilibrium of the
// same data without the latent file; opening the flow must create it at about its reference
// value, lower the importer's composite import price (a new variety), grow with access and
// keep every market, the dropped one included, in balance; derivatives must hold with the
// flow half open.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "model/derivative_check.hpp"
#include "model/equation_system.hpp"
#include "support/test_support.hpp"

namespace peninsula {
namespace {

using model::ShockMode;
using testing::Shock;
using testing::Value;

class LatentFlows : public ::testing::Test {
 protected:
  void SetUp() override {
    calibration::SyntheticSpec spec;
    spec.regions = 3;
    spec.seed = 4;
    spec.latent = true;
    loaded_ = testing::LoadSynthetic(dir_.path(), spec);
    reference_ = loaded_.database.latent.at(0).value;
  }
  model::Model& m() { return *loaded_.model; }
  io::ScenarioOutcome Open(double access) {
    auto s = testing::MakeScenario("open",
                                   {Shock("access", {"S1", "R1", "R2"}, ShockMode::kSet, access)});
    auto out = app::RunScenario(m(), s, {});
    EXPECT_TRUE(out.summary.converged()) << out.summary.message;
    EXPECT_LE(out.summary.walras_residual, 1e-8);
    return out;
  }
  testing::TempDir dir_;
  app::LoadedData loaded_;
  double reference_ = 0.0;
};

TEST_F(LatentFlows, BenchmarkIsTheEquilibriumWithoutTheFlow) {
  EXPECT_LE(app::CheckBenchmark(m()).max_residual, 1e-9);
  EXPECT_EQ(Value(m(), m().benchmark(), "M(S1,R1,R2)"), 0.0);
  // The same data without the latent file give the same benchmark, variable by variable.
  std::filesystem::remove(dir_.path() / "latent_trade.csv");
  auto plain = app::LoadData(dir_.path());
  const auto& reg = plain.model->registry();
  for (int g = 0; g < reg.size(); ++g) {
    std::string label = reg.Label(g);
    EXPECT_NEAR(Value(m(), m().benchmark(), label), plain.model->benchmark()[g], 1e-12) << label;
  }
}

TEST_F(LatentFlows, OpeningCreatesTheFlowAndANewVariety) {
  auto open = Open(1.0);
  double flow = Value(m(), open.x, "M(S1,R1,R2)");
  double producer_reference = reference_;  // no export tax on this flow
  EXPECT_GT(flow, 0.5 * producer_reference);
  EXPECT_LT(flow, 2.0 * producer_reference);
  EXPECT_GT(Value(m(), open.x, "E(R1,S1)"), Value(m(), m().benchmark(), "E(R1,S1)"));
  // More sources at the same prices make the composite import cheaper: PMC relative to the
  // importer's other import prices falls.
  double pmc = Value(m(), open.x, "PMC(R2,S1)") / Value(m(), open.x, "PE(R3,S1)");
  double pmc0 =
      Value(m(), m().benchmark(), "PMC(R2,S1)") / Value(m(), m().benchmark(), "PE(R3,S1)");
  EXPECT_LT(pmc, pmc0);
}

TEST_F(LatentFlows, FlowGrowsWithAccess) {
  double previous = 0.0;
  for (double access : {0.25, 0.5, 1.0}) {
    double flow = Value(m(), Open(access).x, "M(S1,R1,R2)");
    EXPECT_GT(flow, previous) << "access " << access;
    previous = flow;
  }
}

TEST_F(LatentFlows, DerivativesHoldWithTheFlowHalfOpen) {
  m().data().p.access(0, 0, 1) = 0.5;
  auto closure = model::ResolveClosure(m(), {}, "test");
  model::EquationSystem system(m().registry(), m().blocks(), closure.fixed, {closure.walras},
                               m().benchmark());
  auto x = m().benchmark();
  const auto& block = m().registry().block(m().vars().M);
  x[block.Global(0, 0, 1)] = 0.1 * reference_;
  auto report = model::CheckDerivatives(system, x);
  EXPECT_LT(report.worst.error, 1e-6) << report.worst.equation << " / " << report.worst.variable;
  EXPECT_EQ(report.missing_entries, 0);
}

TEST_F(LatentFlows, AccessOnAFlowThatIsNotLatentIsRefused) {
  auto s = testing::MakeScenario("bad", {Shock("access", {"S2", "R1", "R2"}, ShockMode::kSet, 1)});
  try {
    app::RunScenario(m(), s, {});
    ADD_FAILURE() << "no error";
  } catch (const model::ScenarioError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("matches no latent flow"));
  }
}

TEST_F(LatentFlows, BadLatentFilesAreRefused) {
  auto error_with = [&](const std::string& row) {
    return testing::LoadErrorWithRow(
        dir_.path(), "latent_trade.csv",
        "commodity,exporter,importer,value,tariff_rate,export_tax_rate,source", row);
  };
  using ::testing::HasSubstr;
  EXPECT_THAT(error_with("S2,R1,R2,1,0,0,test"), HasSubstr("exists in trade.csv"));
  EXPECT_THAT(error_with("S1,R1,R1,1,0,0,test"), HasSubstr("the same region"));
  EXPECT_THAT(error_with("S1,R1,R2,0,0,0,test"), HasSubstr("(expected > 0)"));
  EXPECT_THAT(error_with("S1,R1,R2,1,-2,0,test"), HasSubstr("above -100%"));
  EXPECT_THAT(error_with("S1,R1,R2,1,0,0,"), HasSubstr("column 'source' is empty"));
  EXPECT_THAT(error_with("S9,R1,R2,1,0,0,test"), HasSubstr("unknown sector 'S9'"));
}

}  // namespace
}  // namespace peninsula
