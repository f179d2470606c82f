// GMRES (solver/gmres.cpp) on small unsymmetric systems: exact in n steps without a
// preconditioner, in one step with the exact inverse as preconditioner, a failure reported
// when the iteration budget is too small, and one preconditioner call per step.
#include "solver/gmres.hpp"

#include <gtest/gtest.h>

#include <Eigen/Dense>

namespace peninsula::solver {
namespace {

Eigen::MatrixXd Matrix() {
  Eigen::MatrixXd a(4, 4);
  a << 4, -1, 0, 2,  //
      1, 5, -2, 0,   //
      0, 3, 6, -1,   //
      -2, 0, 1, 3;
  return a;
}

LinearMap Apply(const Eigen::MatrixXd& a) {
  return [a](const std::vector<double>& v, std::vector<double>& y) {
    Eigen::VectorXd r = a * Eigen::Map<const Eigen::VectorXd>(v.data(), v.size());
    y.assign(r.data(), r.data() + r.size());
  };
}

const std::vector<double> kB = {1.0, -2.0, 0.5, 3.0};

void ExpectSolves(const Eigen::MatrixXd& a, const std::vector<double>& x) {
  Eigen::VectorXd r = a * Eigen::Map<const Eigen::VectorXd>(x.data(), x.size());
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(r[k], kB[k], 1e-10);
}

TEST(Gmres, SolvesInAtMostNStepsWithoutPreconditioner) {
  std::vector<double> x;
  auto identity = [](std::vector<double>&) { return true; };
  ASSERT_TRUE(Gmres(Apply(Matrix()), identity, kB, x, 4, 1e-12));
  ExpectSolves(Matrix(), x);
}

TEST(Gmres, TheExactInverseAsPreconditionerTakesOneStep) {
  Eigen::MatrixXd inverse = Matrix().inverse();
  auto exact = [&](std::vector<double>& v) {
    Eigen::VectorXd r = inverse * Eigen::Map<const Eigen::VectorXd>(v.data(), v.size());
    v.assign(r.data(), r.data() + r.size());
    return true;
  };
  std::vector<double> x;
  ASSERT_TRUE(Gmres(Apply(Matrix()), exact, kB, x, 1, 1e-12));
  ExpectSolves(Matrix(), x);
}

TEST(Gmres, ReportsWhenTheBudgetIsTooSmall) {
  std::vector<double> x;
  auto identity = [](std::vector<double>&) { return true; };
  EXPECT_FALSE(Gmres(Apply(Matrix()), identity, kB, x, 2, 1e-12));
  auto failing = [](std::vector<double>&) { return false; };
  EXPECT_FALSE(Gmres(Apply(Matrix()), failing, kB, x, 4, 1e-12));
}

// One preconditioner call per Arnoldi step and none to assemble the solution; none at all for
// the first step when the caller hands M⁻¹·b in (Newton's rejected chord step).
TEST(Gmres, CallsThePreconditionerOncePerStep) {
  Eigen::MatrixXd inverse = (Matrix() + 0.3 * Eigen::MatrixXd::Identity(4, 4)).inverse();
  int calls = 0;
  auto approximate = [&](std::vector<double>& v) {
    Eigen::VectorXd r = inverse * Eigen::Map<const Eigen::VectorXd>(v.data(), v.size());
    v.assign(r.data(), r.data() + r.size());
    ++calls;
    return true;
  };
  std::vector<double> x, y, chord = kB;
  ASSERT_TRUE(Gmres(Apply(Matrix()), approximate, kB, x, 4, 1e-12));
  ExpectSolves(Matrix(), x);
  int steps = calls;
  EXPECT_LE(steps, 4);
  ASSERT_TRUE(approximate(chord));
  calls = 0;
  ASSERT_TRUE(Gmres(Apply(Matrix()), approximate, kB, y, 4, 1e-12, &chord));
  EXPECT_EQ(calls, steps - 1);
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(y[k], x[k], 1e-12);
}

}  // namespace
}  // namespace peninsula::solver
