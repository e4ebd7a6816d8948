#pragma once
/// @file Statistics of a campaign's replicates: binomial confidence intervals and the
/// distribution of a per-replicate figure. Pure functions.

#include <cstdint>
#include <vector>

namespace opensam::montecarlo {

/// A proportion and its confidence interval.
struct Interval {
  double mean = 0.0;  ///< the observed proportion k / n (0 when n = 0)
  double low = 0.0;
  double high = 1.0;
  [[nodiscard]] double half_width() const { return (high - low) / 2.0; }
};

/// Wilson score interval for `k` successes in `n` trials at two-sided `confidence` (Wilson
/// 1927; method 3 of Newcombe 1998, "Two-sided confidence intervals for the single
/// proportion"). Unlike the normal approximation it stays inside [0, 1] and is not empty at
/// k = 0 or k = n. n = 0 gives [0, 1].
[[nodiscard]] Interval wilson(std::uint64_t k, std::uint64_t n, double confidence = 0.95);

/// The spread of one figure over replicates (those where it is defined).
struct Distribution {
  std::uint64_t count = 0;  ///< replicates where the figure is defined (not NaN)
  double mean = 0.0;
  double min = 0.0;
  double p05 = 0.0;
  double p50 = 0.0;
  double p95 = 0.0;
  double max = 0.0;
};

/// Mean and quantiles of `values`, NaN entries skipped; quantiles are type 7 of Hyndman and
/// Fan 1996 (linear between order statistics, as R's and NumPy's default). All zero when no
/// value is defined. The mean is summed in the given order, so the same values in the same
/// order give the same bits.
[[nodiscard]] Distribution distribution(const std::vector<double>& values);

/// A ratio of totals over replicates, sum(a) / sum(b), and its percentile bootstrap interval:
/// `resamples` resamplings of the replicates with replacement, the 2.5 and 97.5 % quantiles of
/// the resampled ratios (Efron and Tibshirani, An Introduction to the Bootstrap, 1993, ch. 13).
/// Deterministic: the draws come from a stream seeded by `seed`. NaN where sum(b) = 0.
struct RatioInterval {
  double ratio = 0.0;
  double low = 0.0;
  double high = 0.0;
};
[[nodiscard]] RatioInterval ratio_of_totals(const std::vector<double>& a, const std::vector<double>& b,
                                            std::uint64_t seed, int resamples = 1000);

/// The `p` quantile (0..1) of ascending `sorted` values, type 7; NaN when empty.
[[nodiscard]] double quantile(const std::vector<double>& sorted, double p);

}  // namespace opensam::montecarlo
