// A closed 2×2 Cobb–Douglas economy (no trade, taxes, government or saving) shocked and
// compared with its closed-form solution: with Cobb–Douglas utility and technology each
// factor's allocation shares are constant, F_fj = F0_fj·QF_f/QF0_f, so
//   X_j = A_j·X0_j·Π_f (QF_f/QF0_f)^α_fj,  PX_j·X_j = β_j·Y,  PF_f·QF_f = s_f·Y,
// with s_f = Σ_j β_j α_fj and Y pinned by the numeraire PF(L) = 1.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "support/test_support.hpp"

namespace peninsula {
namespace {

using model::ShockMode;
using testing::Shock;
using testing::Value;

TEST(ClosedForm, CobbDouglasEconomyMatchesFormula) {
  testing::TempDir dir;
  testing::WriteClosedEconomy(dir.path());
  auto loaded = app::LoadData(dir.path());
  model::Model& m = *loaded.model;
  EXPECT_FALSE(m.data().small_open);
  model::ClosureSpec closure;
  closure.numeraire = "PF(A,L)";
  const double k_ratio = 1.3, tfp1 = 1.1;
  auto outcome =
      app::RunScenario(m,
                       testing::MakeScenario("shock",
                                             {Shock("QF", {"A", "K"}, ShockMode::kScale, k_ratio),
                                              Shock("tfp", {"A", "G1"}, ShockMode::kScale, tfp1)},
                                             closure),
                       {});
  ASSERT_TRUE(outcome.summary.converged());
  const double beta[2] = {0.4, 0.6};
  const double alpha_k[2] = {10.0 / 40.0, 45.0 / 60.0};  // capital cost shares
  const double x0[2] = {40, 60}, tfp[2] = {tfp1, 1.0};
  const double s_labour = beta[0] * (1 - alpha_k[0]) + beta[1] * (1 - alpha_k[1]);
  const double income = 45.0 / s_labour;  // PF(L) = 1, QF(L) = 45
  for (int j = 0; j < 2; ++j) {
    std::string g = j == 0 ? "G1" : "G2";
    double x = tfp[j] * x0[j] * std::pow(k_ratio, alpha_k[j]);
    EXPECT_NEAR(Value(m, outcome.x, "X(A," + g + ")"), x, 1e-10 * x);
    EXPECT_NEAR(Value(m, outcome.x, "PX(A," + g + ")"), beta[j] * income / x, 1e-10);
    EXPECT_NEAR(Value(m, outcome.x, "F(A,K," + g + ")"), m.data().f0(0, 1, j) * k_ratio,
                1e-10 * 45);
  }
  EXPECT_NEAR(Value(m, outcome.x, "PF(A,K)"), (1 - s_labour) * income / (55.0 * k_ratio), 1e-10);
  EXPECT_NEAR(Value(m, outcome.x, "YH(A,HH)"), income, 1e-10 * income);
}

// The same economy loses 30 % of its capital while the real wage PF(L)/CPI may not fall
// below its benchmark level: the floor binds and labour is unemployed. With employment Le
// the closed form above holds for (Le, K); the floor pins Le by CPI(Le) = 1/wfloor, where
// CPI = Σ_j c0_j·PX_j / Σ_j c0_j. That one equation is solved here by bisection.
TEST(ClosedForm, WageFloorUnemploymentMatchesFormula) {
  testing::TempDir dir;
  testing::WriteClosedEconomy(dir.path());
  model::ClosureSpec closure;
  closure.numeraire = "PF(A,L)";
  const double k_ratio = 0.7, floor = 1.0;
  auto scenario = testing::MakeScenario("capital loss",
                                        {Shock("QF", {"A", "K"}, ShockMode::kScale, k_ratio),
                                         Shock("wfloor", {"A", "L"}, ShockMode::kSet, floor)},
                                        closure);
  auto loaded = app::LoadData(dir.path(), {scenario});
  model::Model& m = *loaded.model;
  auto outcome = app::RunScenario(m, scenario, {});
  ASSERT_TRUE(outcome.summary.converged()) << outcome.summary.message;
  EXPECT_LE(outcome.summary.complementarity_residual, 1e-10);

  const double beta[2] = {0.4, 0.6}, alpha_k[2] = {10.0 / 40.0, 45.0 / 60.0};
  const double x0[2] = {40, 60}, c0[2] = {40, 60}, l0 = 45.0;
  const double s_labour = beta[0] * (1 - alpha_k[0]) + beta[1] * (1 - alpha_k[1]);
  auto output = [&](int j, double employed) {
    return x0[j] * std::pow(employed / l0, 1 - alpha_k[j]) * std::pow(k_ratio, alpha_k[j]);
  };
  auto cpi = [&](double employed) {
    double income = employed / s_labour, basket = 0.0;
    for (int j = 0; j < 2; ++j) basket += c0[j] * beta[j] * income / output(j, employed);
    return basket / (c0[0] + c0[1]);
  };
  ASSERT_GT(cpi(l0), 1.0 / floor) << "the floor must bind at full employment";
  double lo = 1e-6, hi = l0;
  for (int k = 0; k < 200; ++k) {
    double mid = 0.5 * (lo + hi);
    (cpi(mid) > 1.0 / floor ? hi : lo) = mid;
  }
  const double employed = 0.5 * (lo + hi);
  EXPECT_NEAR(Value(m, outcome.x, "UNEMP(A,L)"), l0 - employed, 1e-9 * l0);
  EXPECT_NEAR(Value(m, outcome.x, "CPI(A)"), 1.0 / floor, 1e-10);
  for (int j = 0; j < 2; ++j) {
    std::string g = j == 0 ? "G1" : "G2";
    EXPECT_NEAR(Value(m, outcome.x, "X(A," + g + ")"), output(j, employed), 1e-9 * x0[j]);
  }
}

}  // namespace
}  // namespace peninsula
