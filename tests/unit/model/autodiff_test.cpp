// Reverse-mode tape against hand derivatives.
#include "model/autodiff.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace peninsula::model {
namespace {

TEST(Autodiff, GradientOfCompositeExpression) {
  Tape& tape = Tape::Current();
  tape.Clear();
  Adj x(2.0, tape.Leaf()), y(3.0, tape.Leaf());
  Adj f = x * y + pow(x, 2.5) / y - exp(log(y)) * 4.0 + sqrt(x);
  double grad[2];
  tape.Gradient(f.id, 2, grad);
  EXPECT_NEAR(grad[0], 3.0 + 2.5 * std::pow(2.0, 1.5) / 3.0 + 0.5 / std::sqrt(2.0), 1e-14);
  EXPECT_NEAR(grad[1], 2.0 - std::pow(2.0, 2.5) / 9.0 - 4.0, 1e-14);
}

TEST(Autodiff, ConstantsHaveNoNodes) {
  Tape& tape = Tape::Current();
  tape.Clear();
  Adj c = Adj(2.0) * Adj(3.0) + 1.0;
  EXPECT_EQ(c.id, -1);
  EXPECT_DOUBLE_EQ(c.v, 7.0);
}

}  // namespace
}  // namespace peninsula::model
