// Binomial intervals and quantiles against published values; the ratio of totals and its
// percentile bootstrap (Efron and Tibshirani, An Introduction to the Bootstrap, 1993, ch. 13).
#include "opensam/montecarlo/statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "opensam/core/rng.hpp"

namespace opensam::montecarlo {
namespace {

// Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven
// methods", Statistics in Medicine 17 (1998) 857-872, Table II, method 3 (score interval
// without continuity correction), to the four decimals printed there.
TEST(Wilson, MatchesNewcombe1998TableII) {
  struct Case {
    std::uint64_t k, n;
    double low, high;
  };
  for (const Case& c : {Case{81, 263, 0.2553, 0.3662}, Case{15, 148, 0.0624, 0.1605},
                        Case{0, 20, 0.0, 0.1611}, Case{1, 29, 0.0061, 0.1718}}) {
    const Interval i = wilson(c.k, c.n);
    EXPECT_NEAR(i.low, c.low, 6e-5) << c.k << "/" << c.n;
    EXPECT_NEAR(i.high, c.high, 6e-5) << c.k << "/" << c.n;
    EXPECT_DOUBLE_EQ(i.mean, double(c.k) / double(c.n));
  }
}

// At k = 0 the upper bound is z^2 / (n + z^2) exactly (the score interval's closed form).
TEST(Wilson, ZeroSuccessesHaveTheClosedFormBound) {
  const double z = 1.959963984540054;
  for (std::uint64_t n : {1u, 10u, 1000u}) {
    const Interval i = wilson(0, n);
    EXPECT_EQ(i.low, 0.0);
    EXPECT_NEAR(i.high, z * z / (double(n) + z * z), 1e-12);
    const Interval all = wilson(n, n);
    EXPECT_EQ(all.high, 1.0);
    EXPECT_NEAR(all.low, double(n) / (double(n) + z * z), 1e-12);
  }
  const Interval none = wilson(0, 0);
  EXPECT_EQ(none.low, 0.0);
  EXPECT_EQ(none.high, 1.0);
}

// The half-width shrinks as 1/sqrt(n): z sqrt(p(1-p)/n) for large n.
TEST(Wilson, NarrowsLikeTheNormalIntervalForLargeN) {
  const Interval i = wilson(300000, 1000000);
  EXPECT_NEAR(i.half_width(), 1.959964 * std::sqrt(0.3 * 0.7 / 1e6), 1e-6);
}

// Coverage: over many simulated campaigns the 95 % interval holds the true p about 95 % of
// the time (Brown, Cai and DasGupta 2001 show the Wilson interval's coverage stays near the
// nominal level for n = 50; it oscillates, hence the tolerance).
TEST(Wilson, CoversTheTrueProportion) {
  core::RngStream rng(7, 0, "wilson coverage");
  for (double p : {0.1, 0.3, 0.5}) {
    int covered = 0;
    const int campaigns = 4000, n = 50;
    for (int c = 0; c < campaigns; ++c) {
      std::uint64_t k = 0;
      for (int i = 0; i < n; ++i) k += rng.uniform() < p;
      const Interval iv = wilson(k, n);
      covered += iv.low <= p && p <= iv.high;
    }
    EXPECT_NEAR(double(covered) / campaigns, 0.95, 0.025) << "p = " << p;
  }
}

// Hyndman and Fan (1996) type 7, R's default: quantile(1:10, c(.05, .5, .95)) = 1.45, 5.5, 9.55.
TEST(Quantile, IsHyndmanFanType7) {
  std::vector<double> v;
  for (int i = 1; i <= 10; ++i) v.push_back(i);
  EXPECT_DOUBLE_EQ(quantile(v, 0.05), 1.45);
  EXPECT_DOUBLE_EQ(quantile(v, 0.5), 5.5);
  EXPECT_DOUBLE_EQ(quantile(v, 0.95), 9.55);
  EXPECT_DOUBLE_EQ(quantile({4.0}, 0.3), 4.0);
  EXPECT_TRUE(std::isnan(quantile({}, 0.5)));
}

TEST(Distribution, SkipsUndefinedValues) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const Distribution d = distribution({3.0, nan, 1.0, 2.0, nan});
  EXPECT_EQ(d.count, 3u);
  EXPECT_DOUBLE_EQ(d.mean, 2.0);
  EXPECT_DOUBLE_EQ(d.min, 1.0);
  EXPECT_DOUBLE_EQ(d.max, 3.0);
  EXPECT_DOUBLE_EQ(d.p50, 2.0);
  EXPECT_EQ(distribution({nan}).count, 0u);
}

// The campaign's cost exchange is sum(a) / sum(b), not the mean of a_i / b_i: here 6 / 6 = 1,
// while the mean over the replicates with b_i > 0 is (1/2 + 3/4) / 2 = 0.625.
TEST(RatioOfTotals, IsTheRatioOfTheSumsWithABootstrapInterval) {
  const std::vector<double> a{1.0, 2.0, 3.0}, b{2.0, 0.0, 4.0};
  const RatioInterval r = ratio_of_totals(a, b, 7);
  EXPECT_DOUBLE_EQ(r.ratio, 1.0);
  EXPECT_LE(r.low, r.ratio);
  EXPECT_GE(r.high, r.ratio);
  EXPECT_LT(r.low, r.high);
  // The same seed, the same interval.
  const RatioInterval again = ratio_of_totals(a, b, 7);
  EXPECT_EQ(again.low, r.low);
  EXPECT_EQ(again.high, r.high);
  // Every replicate at the same ratio: no spread.
  const RatioInterval flat = ratio_of_totals({2.0, 4.0, 6.0}, {1.0, 2.0, 3.0}, 7);
  EXPECT_DOUBLE_EQ(flat.low, 2.0);
  EXPECT_DOUBLE_EQ(flat.high, 2.0);
  // Nothing destroyed: no ratio.
  EXPECT_TRUE(std::isnan(ratio_of_totals({1.0}, {0.0}, 7).ratio));
}

}  // namespace
}  // namespace opensam::montecarlo
