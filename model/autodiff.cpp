// Reverse-mode tape.
#include "model/autodiff.hpp"

#include <algorithm>

namespace peninsula::model {

Tape& Tape::Current() {
  thread_local Tape tape;
  return tape;
}

void Tape::Gradient(int out, int leaves, double* grad) {
  std::fill(grad, grad + leaves, 0.0);
  if (out < 0) return;
  adjoint_.assign(out + 1, 0.0);
  adjoint_[out] = 1.0;
  for (int k = out; k >= leaves; --k) {
    double w = adjoint_[k];
    if (w == 0.0) continue;
    const TapeNode& n = nodes_[k];
    if (n.a >= 0) adjoint_[n.a] += w * n.da;
    if (n.b >= 0) adjoint_[n.b] += w * n.db;
  }
  std::copy(adjoint_.begin(), adjoint_.begin() + std::min(leaves, out + 1), grad);
}

}  // namespace peninsula::model
