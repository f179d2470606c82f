// Counter-based uniforms, the normal distribution, truncated normal and triangular inverse
// CDFs, Latin hypercube strata and Stroud's quadrature points.
#include "app/batch/random.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace peninsula::app::batch {

std::uint64_t Mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

double Uniform(std::uint64_t seed, std::uint64_t draw, std::uint64_t dimension) {
  std::uint64_t h = Mix64(Mix64(Mix64(seed) ^ draw) ^ (dimension * 0xd1b54a32d192ed03ULL));
  return (static_cast<double>(h >> 11) + 0.5) * 0x1.0p-53;  // never 0 or 1
}

double NormalCdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }
double NormalUpperTail(double x) { return 0.5 * std::erfc(x / std::numbers::sqrt2); }

namespace {

// Acklam's rational approximation (relative error 1.15e-9) for the lower half.
double AcklamLower(double p) {
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  if (p < 0.02425) {
    double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  double q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

}  // namespace

double NormalQuantile(double p) {
  if (p > 0.5) return -NormalQuantile(1 - p);  // symmetry keeps the lower tail's precision
  double x = AcklamLower(p);
  if (x * x / 2 > 700) return x;  // far tail: the refinement's exp() would overflow
  // One Halley step on Φ(x) − p brings the error to machine precision.
  double e = NormalCdf(x) - p;
  double u = e * std::sqrt(2 * std::numbers::pi) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

namespace {

double Density(double z) { return std::exp(-z * z / 2) / std::sqrt(2 * std::numbers::pi); }

double TruncatedNormalQuantile(const Distribution& d, double u) {
  if (d.sd == 0) return std::clamp(d.center, d.lower, d.upper);
  double a = (d.lower - d.center) / d.sd, b = (d.upper - d.center) / d.sd;
  double z;
  if (a > 0) {  // both bounds in the upper tail: work with upper-tail probabilities
    double qa = NormalUpperTail(a), qb = NormalUpperTail(b);
    z = -NormalQuantile(qa - u * (qa - qb));
  } else {
    double pa = NormalCdf(a), pb = NormalCdf(b);
    z = NormalQuantile(pa + u * (pb - pa));
  }
  return std::clamp(d.center + d.sd * z, d.lower, d.upper);
}

double TriangularQuantile(const Distribution& d, double u) {
  double a = d.lower, b = d.upper, c = d.center;
  double fc = (c - a) / (b - a);
  if (u < fc) return a + std::sqrt(u * (b - a) * (c - a));
  return b - std::sqrt((1 - u) * (b - a) * (b - c));
}

// φ(z)·z with φ(±inf)·(±inf) = 0.
double ZDensity(double z) { return std::isfinite(z) ? z * Density(z) : 0.0; }

}  // namespace

double Distribution::Quantile(double u) const {
  return kind == Kind::kTriangular ? TriangularQuantile(*this, u)
                                   : TruncatedNormalQuantile(*this, u);
}

double Distribution::Mean() const {
  if (kind == Kind::kTriangular) return (lower + upper + center) / 3;
  if (sd == 0) return std::clamp(center, lower, upper);
  double a = (lower - center) / sd, b = (upper - center) / sd;
  double mass = NormalCdf(b) - NormalCdf(a);
  return center + sd * (Density(a) - Density(b)) / mass;
}

double Distribution::StandardDeviation() const {
  if (kind == Kind::kTriangular) {
    double a = lower, b = upper, c = center;
    return std::sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18);
  }
  if (sd == 0) return 0;
  double a = (lower - center) / sd, b = (upper - center) / sd;
  double mass = NormalCdf(b) - NormalCdf(a);
  double shift = (Density(a) - Density(b)) / mass;
  double var = 1 + (ZDensity(a) - ZDensity(b)) / mass - shift * shift;
  return sd * std::sqrt(std::max(var, 0.0));
}

LatinHypercube::LatinHypercube(std::uint64_t seed, long long draws, int dimensions)
    : seed_(seed), draws_(draws), strata_(dimensions) {
  for (int j = 0; j < dimensions; ++j) {
    auto& perm = strata_[j];
    perm.resize(draws);
    for (long long k = 0; k < draws; ++k) perm[k] = static_cast<std::int32_t>(k);
    // Fisher–Yates driven by the counter-based generator (tag 1: not the draws' own stream).
    for (long long k = draws - 1; k > 0; --k) {
      double u = Uniform(Mix64(seed ^ 0x4c4853ULL), static_cast<std::uint64_t>(k),
                         static_cast<std::uint64_t>(j));
      auto pick = static_cast<long long>(u * static_cast<double>(k + 1));
      std::swap(perm[k], perm[std::min(pick, k)]);
    }
  }
}

double LatinHypercube::U(long long draw, int dimension) const {
  double jitter =
      Uniform(seed_, static_cast<std::uint64_t>(draw), static_cast<std::uint64_t>(dimension));
  return (strata_[dimension][draw] + jitter) / static_cast<double>(draws_);
}

std::vector<std::vector<double>> StroudPoints(int n) {
  std::vector<std::vector<double>> points(2 * n, std::vector<double>(n, 0.0));
  for (int k = 1; k <= 2 * n; ++k) {
    auto& x = points[k - 1];
    for (int r = 1; r <= n / 2; ++r) {
      double angle = (2 * r - 1) * k * std::numbers::pi / n;
      x[2 * r - 2] = std::numbers::sqrt2 * std::cos(angle);
      x[2 * r - 1] = std::numbers::sqrt2 * std::sin(angle);
    }
    if (n % 2 == 1) x[n - 1] = (k % 2 == 0) ? 1.0 : -1.0;
  }
  return points;
}

}  // namespace peninsula::app::batch
