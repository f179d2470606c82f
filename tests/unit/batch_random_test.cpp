// Draw generators of `peninsula batch`: counter-based uniforms, the normal quantile,
// truncated normal and triangular distributions, Latin hypercube strata and Stroud's
// quadrature (moments exact to order 3, not 4).
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "app/batch/random.hpp"

namespace peninsula::app::batch {
namespace {

TEST(BatchRandom, UniformIsReproducibleOpenAndSeedDependent) {
  std::set<double> seen;
  for (std::uint64_t k = 0; k < 1000; ++k) {
    double u = Uniform(7, k, 3);
    EXPECT_GT(u, 0.0);
    EXPECT_LT(u, 1.0);
    EXPECT_EQ(u, Uniform(7, k, 3));
    seen.insert(u);
  }
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_NE(Uniform(7, 5, 3), Uniform(8, 5, 3));
  EXPECT_NE(Uniform(7, 5, 3), Uniform(7, 5, 4));
  double mean = 0;
  for (std::uint64_t k = 0; k < 100000; ++k) mean += Uniform(1, k, 0) / 100000;
  EXPECT_NEAR(mean, 0.5, 0.005);
}

TEST(BatchRandom, NormalQuantileInvertsTheCdf) {
  EXPECT_NEAR(NormalQuantile(0.975), 1.959963984540054, 1e-14);
  EXPECT_NEAR(NormalQuantile(0.5), 0.0, 1e-15);
  // Above 0, Φ(x) rounds away the tail in double; the upper tail keeps it.
  for (double x = -8; x <= 8; x += 0.25) {
    double q = x <= 0 ? NormalQuantile(NormalCdf(x)) : -NormalQuantile(NormalUpperTail(x));
    EXPECT_NEAR(q, x, 1e-12 * (1 + std::abs(x))) << x;
  }
  EXPECT_NEAR(NormalQuantile(1 - 1e-10), 6.361340902404056, 1e-6);  // as far as 1 − p is exact
  EXPECT_NEAR(NormalQuantile(1e-300), -37.0471, 1e-3);
}

Distribution Normal(double center, double sd, double lower, double upper) {
  return {Distribution::Kind::kTruncatedNormal, center, sd, lower, upper};
}

// Mean and sd of Quantile(u) over a fine midpoint grid of u: the distribution's moments.
std::pair<double, double> GridMoments(const Distribution& d) {
  const int n = 200000;
  double m = 0, m2 = 0;
  for (int k = 0; k < n; ++k) {
    double x = d.Quantile((k + 0.5) / n);
    m += x / n;
    m2 += x * x / n;
  }
  return {m, std::sqrt(m2 - m * m)};
}

TEST(BatchRandom, TruncatedNormalStaysInItsBoundsAndHasItsMoments) {
  for (const auto& d : {Normal(1.0, 2.0, 0.5, 1.5), Normal(2.0, 1.0, 0.0, INFINITY),
                        Normal(0.0, 1.0, 3.0, INFINITY), Normal(5.0, 0.5, 0.0, 4.0)}) {
    for (double u : {1e-12, 0.001, 0.3, 0.5, 0.9, 1 - 1e-12}) {
      double x = d.Quantile(u);
      EXPECT_GE(x, d.lower);
      EXPECT_LE(x, d.upper);
      EXPECT_TRUE(std::isfinite(x));
    }
    auto [mean, sd] = GridMoments(d);
    EXPECT_NEAR(d.Mean(), mean, 1e-3 * (1 + std::abs(mean)));
    EXPECT_NEAR(d.StandardDeviation(), sd, 2e-3 * (1 + sd));
  }
  EXPECT_DOUBLE_EQ(Normal(1.0, 2.0, 0.5, 1.5).Quantile(0.5), 1.0);  // symmetric truncation
  EXPECT_EQ(Normal(1.3, 0.0, 0.0, INFINITY).Quantile(0.9), 1.3);    // sd 0: a point mass
}

TEST(BatchRandom, TriangularHasItsModeSupportAndMoments) {
  Distribution d{Distribution::Kind::kTriangular, 2.0, 0.0, 1.0, 5.0};
  EXPECT_NEAR(d.Quantile(0.25), 2.0, 1e-12);  // F(mode) = (2−1)/(5−1)
  EXPECT_NEAR(d.Quantile(1e-15), 1.0, 1e-6);
  EXPECT_NEAR(d.Quantile(1 - 1e-15), 5.0, 1e-6);
  auto [mean, sd] = GridMoments(d);
  EXPECT_NEAR(d.Mean(), mean, 1e-6);
  EXPECT_NEAR(d.StandardDeviation(), sd, 1e-5);
  EXPECT_NEAR(d.Mean(), 8.0 / 3, 1e-12);
}

TEST(BatchRandom, LatinHypercubePutsOneDrawInEveryStratum) {
  const long long n = 64;
  LatinHypercube lhs(11, n, 4);
  for (int j = 0; j < 4; ++j) {
    std::set<long long> strata;
    for (long long k = 0; k < n; ++k) {
      double u = lhs.U(k, j);
      ASSERT_GT(u, 0.0);
      ASSERT_LT(u, 1.0);
      strata.insert(static_cast<long long>(u * n));
    }
    EXPECT_EQ(strata.size(), static_cast<std::size_t>(n)) << "dimension " << j;
  }
  LatinHypercube same(11, n, 4), other(12, n, 4);
  int differ = 0;
  for (long long k = 0; k < n; ++k) {
    EXPECT_EQ(lhs.U(k, 2), same.U(k, 2));
    differ += lhs.U(k, 2) != other.U(k, 2);
  }
  EXPECT_GT(differ, n / 2);
  // Dimensions are permuted independently, not in lockstep.
  int equal_strata = 0;
  for (long long k = 0; k < n; ++k) {
    equal_strata +=
        static_cast<long long>(lhs.U(k, 0) * n) == static_cast<long long>(lhs.U(k, 1) * n);
  }
  EXPECT_LT(equal_strata, n / 4);
}

// Quadrature mean of a monomial z_a^pa z_b^pb z_c^pc.
double QuadratureMoment(const std::vector<std::vector<double>>& points, std::vector<int> powers) {
  double sum = 0;
  for (const auto& z : points) {
    double term = 1;
    for (std::size_t j = 0; j < powers.size(); ++j) term *= std::pow(z[j], powers[j]);
    sum += term;
  }
  return sum / static_cast<double>(points.size());
}

// Moments of independent standard normals, for monomials with total degree <= 3.
double NormalMoment(const std::vector<int>& powers) {
  double m = 1;
  for (int p : powers) m *= p == 0 ? 1 : p == 2 ? 1 : 0;  // odd powers vanish
  return m;
}

TEST(BatchRandom, StroudPointsReproduceEveryMomentUpToOrderThree) {
  for (int n = 1; n <= 7; ++n) {
    auto points = StroudPoints(n);
    ASSERT_EQ(points.size(), static_cast<std::size_t>(2 * n));
    // Every monomial of degree <= 3 in n variables.
    std::vector<int> powers(n, 0);
    std::function<void(int, int)> visit = [&](int j, int left) {
      if (j == n) {
        EXPECT_NEAR(QuadratureMoment(points, powers), NormalMoment(powers), 1e-12) << "n=" << n;
        return;
      }
      for (int p = 0; p <= left; ++p) {
        powers[j] = p;
        visit(j + 1, left - p);
      }
      powers[j] = 0;
    };
    visit(0, 3);
  }
  // A polynomial of degree 3 is integrated exactly: E[3 + 2z1 − z2² + z1z2 + z3³] = 2.
  auto p = StroudPoints(3);
  double q = 0;
  for (const auto& z : p) q += (3 + 2 * z[0] - z[1] * z[1] + z[0] * z[1] + std::pow(z[2], 3)) / 6;
  EXPECT_NEAR(q, 2.0, 1e-12);
  // Degree 4 is beyond it: E[z⁴] = 3 for a normal, the two points ±1 give 1.
  EXPECT_NEAR(QuadratureMoment(StroudPoints(1), {4}), 1.0, 1e-12);
}

}  // namespace
}  // namespace peninsula::app::batch
