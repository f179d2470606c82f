// A dense table of doubles over up to three set dimensions, for calibrated parameters and
// benchmark levels. Small and bounds-checked in debug builds; no Eigen needed for lookups.
#pragma once

#include <array>
#include <cassert>
#include <vector>

namespace peninsula::model {

class Table {
 public:
  Table() = default;
  explicit Table(int n0, int n1 = 1, int n2 = 1, double fill = 0.0)
      : extents_{n0, n1, n2}, values_(static_cast<std::size_t>(n0) * n1 * n2, fill) {}

  double& operator()(int a, int b = 0, int c = 0) { return values_[Flat(a, b, c)]; }
  double operator()(int a, int b = 0, int c = 0) const { return values_[Flat(a, b, c)]; }
  const std::array<int, 3>& extents() const { return extents_; }
  std::vector<double>& values() { return values_; }
  const std::vector<double>& values() const { return values_; }

 private:
  std::size_t Flat(int a, int b, int c) const {
    assert(a >= 0 && a < extents_[0] && b >= 0 && b < extents_[1] && c >= 0 && c < extents_[2]);
    return (static_cast<std::size_t>(a) * extents_[1] + b) * extents_[2] + c;
  }
  std::array<int, 3> extents_{0, 1, 1};
  std::vector<double> values_;
};

}  // namespace peninsula::model
