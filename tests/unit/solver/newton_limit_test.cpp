// The Newton-limit ratio the benchmarks print (solver/newton_limit): arithmetic only, on
// made-up timings, so nothing here depends on the machine.
#include "solver/newton_limit.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace peninsula::solver {
namespace {

TEST(NewtonLimit, RatioIsSolveTimeOverIterationsTimesOneNewtonIteration) {
  NewtonLimit limit{0.5, 4};  // 4 iterations of 0.5 s: 2 s
  EXPECT_DOUBLE_EQ(limit.seconds(), 2.0);
  EXPECT_DOUBLE_EQ(limit.Ratio(1.0), 0.5);
  EXPECT_DOUBLE_EQ(limit.Ratio(3.0), 1.5);
  EXPECT_TRUE(limit.Met(3.0));  // exactly 1.5x meets the target
  EXPECT_FALSE(limit.Met(3.0001));
}

TEST(NewtonLimit, ASolveWithoutIterationsCountsOne) {
  NewtonLimit limit{0.2, 0};
  EXPECT_DOUBLE_EQ(limit.seconds(), 0.2);
  EXPECT_DOUBLE_EQ(limit.Ratio(0.1), 0.5);
}

TEST(NewtonLimit, NoLimitMeansNotMet) {
  NewtonLimit limit{0.0, 3};
  EXPECT_TRUE(std::isinf(limit.Ratio(1.0)));
  EXPECT_FALSE(limit.Met(1.0));
}

TEST(NewtonLimit, ReportSaysWhetherTheTargetIsMet) {
  NewtonLimit limit{1.0, 2};
  EXPECT_EQ(NewtonLimitReport(limit, 0.84), "0.42x the Newton limit (target <= 1.5x: met)");
  EXPECT_EQ(NewtonLimitReport(limit, 4.0), "2.00x the Newton limit (target <= 1.5x: NOT met)");
}

}  // namespace
}  // namespace peninsula::solver
