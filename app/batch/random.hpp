// Random numbers and distributions for batch designs. Every number is a pure function of
// (seed, draw index, dimension) — a counter-based generator rather than a stream — so a draw
// is the same whichever process computes it and in whatever order, which is what makes MPI
// runs and resumed runs agree with a single uninterrupted run draw by draw.
#pragma once

#include <cstdint>
#include <vector>

namespace peninsula::app::batch {

// SplitMix64's finaliser: a bijective mix of 64 bits.
std::uint64_t Mix64(std::uint64_t x);

// Uniform in the open interval (0, 1), 53 bits, determined by its three arguments.
double Uniform(std::uint64_t seed, std::uint64_t draw, std::uint64_t dimension);

double NormalCdf(double x);
double NormalUpperTail(double x);  // 1 − Φ(x), accurate in the upper tail
double NormalQuantile(double p);   // Φ⁻¹(p), p in (0, 1); relative error ~1e-15

// A univariate distribution of one elasticity cell.
struct Distribution {
  enum class Kind { kTruncatedNormal, kTriangular } kind = Kind::kTruncatedNormal;
  double center = 0;  // normal: the mean before truncation; triangular: the mode
  double sd = 0;      // normal only; 0 gives a point mass at `center`
  double lower = 0;   // truncation (normal, may be -inf) or support (triangular)
  double upper = 0;   // may be +inf for the normal

  double Quantile(double u) const;  // inverse CDF, u in (0, 1)
  double Mean() const;              // of the distribution as truncated
  double StandardDeviation() const;
};

// Latin hypercube: for each dimension, a permutation of the N strata drawn from the seed; the
// point of draw k in dimension j is uniform within stratum perm_j(k). Holds N × dims ints.
class LatinHypercube {
 public:
  LatinHypercube(std::uint64_t seed, long long draws, int dimensions);
  double U(long long draw, int dimension) const;

 private:
  std::uint64_t seed_;
  long long draws_;
  std::vector<std::vector<std::int32_t>> strata_;  // [dimension][draw]
};

// Stroud's degree-3 symmetric quadrature for n independent standardised variables (mean 0,
// variance 1, symmetric): 2n equally weighted points that reproduce every moment of order
// up to 3 exactly (Arndt 1996, "An introduction to systematic sensitivity analysis via
// Gaussian quadrature", GTAP Technical Paper 2). Returns points[k][j], k < 2n, j < n.
std::vector<std::vector<double>> StroudPoints(int n);

}  // namespace peninsula::app::batch
