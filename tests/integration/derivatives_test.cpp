// The AD Jacobian against central differences for every equation block, at the benchmark
// and at random points, and the sparsity structure's independence of the point.
#include <gtest/gtest.h>

#include <random>

#include "model/derivative_check.hpp"
#include "model/equation_system.hpp"
#include "support/test_support.hpp"

namespace peninsula {
namespace {

std::vector<double> RandomPoint(const model::EquationSystem& system, std::vector<double> x,
                                std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> factor(0.7, 1.3);
  // Rents and unemployment are 0 at the benchmark: move them off zero too.
  for (int g : system.free_vars()) x[g] = x[g] == 0.0 ? 0.1 * factor(rng) : x[g] * factor(rng);
  return x;
}

class Derivatives : public ::testing::TestWithParam<int> {};

TEST_P(Derivatives, AdMatchesCentralDifferencesForEveryBlock) {
  testing::TempDir dir;
  calibration::SyntheticSpec spec;
  spec.regions = GetParam();
  spec.households = 2;
  spec.seed = 11;
  spec.ownership = spec.regions > 1;
  spec.entry = spec.regions > 1;
  // Instruments everywhere they can exist, so their blocks are checked too.
  std::vector<model::ShockSpec> shocks = {
      testing::Shock("wfloor", {"*", "*"}, model::ShockMode::kSet, 0.5)};
  if (spec.regions > 1) {
    shocks.push_back(testing::Shock("quota", {"S1", "*", "*"}, model::ShockMode::kSet, 2.0));
    shocks.push_back(testing::Shock("quota", {"S2", "*", "*"}, model::ShockMode::kSet, 2.0));
    shocks.back().rent_to = "importer";
  }
  auto loaded =
      testing::LoadSynthetic(dir.path(), spec, {testing::MakeScenario("instruments", shocks)});
  model::Model& m = *loaded.model;
  // Finite caps: an inactive quota's row (1e6 benchmark flows of slack) is too large for a
  // central difference to resolve its derivative.
  for (double& q : m.data().p.quota.values()) q = 2.0;
  // An available entering technology, so its output terms have non-zero derivatives.
  for (double& e : m.data().p.entry.values()) e = 0.9;
  auto closure = model::ResolveClosure(m, {}, "test");
  model::EquationSystem system(m.registry(), m.blocks(), closure.fixed, {closure.walras},
                               m.benchmark());
  for (std::uint64_t seed : {0, 1, 2, 3}) {
    auto x = seed == 0 ? m.benchmark() : RandomPoint(system, m.benchmark(), seed);
    auto report = model::CheckDerivatives(system, x);
    EXPECT_LT(report.worst.error, 1e-6) << report.worst.equation << " / " << report.worst.variable;
    EXPECT_EQ(report.missing_entries, 0);
    // Every block of the model took part (quotas need bilateral flows).
    EXPECT_EQ(report.worst_by_block.size(), m.blocks().size() - (m.data().small_open ? 1 : 0))
        << "a block has no rows in this database";
    // The structure recorded at this point equals the one recorded at the benchmark.
    model::EquationSystem again(m.registry(), m.blocks(), closure.fixed, {closure.walras}, x);
    EXPECT_EQ(again.row_start(), system.row_start());
    EXPECT_EQ(again.col_index(), system.col_index());
  }
}

INSTANTIATE_TEST_SUITE_P(Regions, Derivatives, ::testing::Values(1, 3),
                         [](const auto& info) { return std::to_string(info.param) + "_regions"; });

}  // namespace
}  // namespace peninsula
