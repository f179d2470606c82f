// Fixed-point rounding, exact balancing and printing (see quanta.hpp).
#include "calibration/build_data/quanta.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "calibration/csv.hpp"

namespace peninsula::calibration::build_data {

Quanta ToQuanta(double million) {
  if (million == 0.0) return 0;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.8e", million);  // 9 significant digits
  return std::llround(std::strtod(buf, nullptr) * kQuantaPerMillion);
}

double ToMillion(Quanta q) { return static_cast<double>(q) / kQuantaPerMillion; }

std::string FormatQuanta(Quanta q, int digits) {
  const bool negative = q < 0;
  const unsigned long long a = negative ? -static_cast<unsigned long long>(q) : q;
  unsigned long long unit = 1;
  for (int k = 0; k < digits; ++k) unit *= 10;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s%llu.%0*llu", negative ? "-" : "", a / unit, digits, a % unit);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string FormatExact(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string FormatNumber(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return buf;
}

namespace {

struct TreeEdge {
  int row, column;  // the cell
  int child;        // the account this edge balances
};

// Prim's algorithm on |cell| weights: the residue travels along the largest cells, so no
// small cell is moved by a relatively large amount.
std::vector<TreeEdge> SpanningTree(const QuantaMatrix& sam,
                                   const Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>& fixed,
                                   std::vector<bool>& reached) {
  const int n = static_cast<int>(sam.rows());
  std::vector<TreeEdge> order;
  reached.assign(n, false);
  reached[0] = true;
  for (;;) {
    Quanta best = 0;
    TreeEdge edge{-1, -1, -1};
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < n; ++j) {
        if (i == j || fixed(i, j) || sam(i, j) == 0 || reached[i] == reached[j]) continue;
        if (std::llabs(sam(i, j)) > best) {
          best = std::llabs(sam(i, j));
          edge = {i, j, reached[i] ? j : i};
        }
      }
    }
    if (edge.child < 0) return order;
    reached[edge.child] = true;
    order.push_back(edge);
  }
}

}  // namespace

void BalanceExactly(QuantaMatrix& sam,
                    const Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>& fixed,
                    const std::vector<std::string>& names, const std::string& region) {
  const int n = static_cast<int>(sam.rows());
  std::vector<Quanta> d(n);
  for (int a = 0; a < n; ++a) d[a] = sam.row(a).sum() - sam.col(a).sum();
  std::vector<bool> reached;
  std::vector<TreeEdge> tree = SpanningTree(sam, fixed, reached);
  for (auto e = tree.rbegin(); e != tree.rend(); ++e) {
    // Raising cell (row, column) by delta raises the row account's imbalance and lowers the
    // column account's; choose delta so that the child's imbalance becomes zero.
    const Quanta delta = e->child == e->row ? -d[e->row] : d[e->column];
    const Quanta before = sam(e->row, e->column);
    sam(e->row, e->column) += delta;
    d[e->row] += delta;
    d[e->column] -= delta;
    if ((before > 0 && sam(e->row, e->column) <= 0) || (before < 0 && sam(e->row, e->column) >= 0))
      throw DataError("region " + region + ": balancing the rounded SAM would flip the sign of (" +
                      names[e->row] + ", " + names[e->column] + ")");
  }
  for (int a = 0; a < n; ++a) {
    if (d[a] != 0)
      throw DataError("region " + region + ": account " + names[a] + " is off balance by " +
                      FormatQuanta(d[a]) + " US$ million and has no free cell to absorb it");
  }
}

}  // namespace peninsula::calibration::build_data
