// Reverse-mode automatic differentiation for one equation row at a time.
//
// Each row is evaluated once with `Adj` scalars that record every operation on a tape; one
// backward sweep then yields the row's whole gradient. The cost is proportional to the number
// of operations, whatever the row's support, so long sums (tax revenue, market clearing) stay
// cheap. The tape is thread-local so batch workers never share it.
#pragma once

#include <cmath>
#include <vector>

namespace peninsula::model {

struct TapeNode {
  int a;
  int b;
  double da;
  double db;
};

class Tape {
 public:
  void Clear() { nodes_.clear(); }
  int Leaf() { return Push(-1, 0.0, -1, 0.0); }
  int Push(int a, double da, int b, double db) {
    nodes_.push_back({a, b, da, db});
    return static_cast<int>(nodes_.size()) - 1;
  }
  // Adjoints of the first `leaves` nodes for the output node `out`.
  void Gradient(int out, int leaves, double* grad);

  static Tape& Current();

 private:
  std::vector<TapeNode> nodes_;
  std::vector<double> adjoint_;
};

// A scalar on the tape. id < 0 marks a constant (no derivative).
struct Adj {
  double v = 0.0;
  int id = -1;

  Adj() = default;
  Adj(double value) : v(value) {}  // NOLINT: constants convert implicitly, like double.
  Adj(double value, int node) : v(value), id(node) {}
};

inline Adj MakeUnary(double v, const Adj& a, double da) {
  if (a.id < 0) return Adj(v);
  return Adj(v, Tape::Current().Push(a.id, da, -1, 0.0));
}

inline Adj MakeBinary(double v, const Adj& a, double da, const Adj& b, double db) {
  if (a.id < 0) return MakeUnary(v, b, db);
  if (b.id < 0) return MakeUnary(v, a, da);
  return Adj(v, Tape::Current().Push(a.id, da, b.id, db));
}

inline Adj operator+(const Adj& a, const Adj& b) { return MakeBinary(a.v + b.v, a, 1.0, b, 1.0); }
inline Adj operator-(const Adj& a, const Adj& b) { return MakeBinary(a.v - b.v, a, 1.0, b, -1.0); }
inline Adj operator*(const Adj& a, const Adj& b) { return MakeBinary(a.v * b.v, a, b.v, b, a.v); }
inline Adj operator/(const Adj& a, const Adj& b) {
  double q = a.v / b.v;
  return MakeBinary(q, a, 1.0 / b.v, b, -q / b.v);
}
inline Adj operator-(const Adj& a) { return MakeUnary(-a.v, a, -1.0); }
inline Adj& operator+=(Adj& a, const Adj& b) { return a = a + b; }
inline Adj& operator-=(Adj& a, const Adj& b) { return a = a - b; }
inline Adj& operator*=(Adj& a, const Adj& b) { return a = a * b; }

inline Adj pow(const Adj& a, double e) {
  double p = std::pow(a.v, e);
  return MakeUnary(p, a, e == 0.0 ? 0.0 : e * std::pow(a.v, e - 1.0));
}
inline Adj exp(const Adj& a) {
  double e = std::exp(a.v);
  return MakeUnary(e, a, e);
}
inline Adj log(const Adj& a) { return MakeUnary(std::log(a.v), a, 1.0 / a.v); }
inline Adj sqrt(const Adj& a) {
  double s = std::sqrt(a.v);
  return MakeUnary(s, a, 0.5 / s);
}

// Equations call exp/log/pow/sqrt unqualified for both scalar types; without these the
// double versions would be hidden by the Adj overloads and doubles silently promoted.
using std::exp;
using std::log;
using std::pow;
using std::sqrt;

}  // namespace peninsula::model
