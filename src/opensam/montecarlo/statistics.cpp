#include "opensam/montecarlo/statistics.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>

#include "opensam/core/rng.hpp"

namespace opensam::montecarlo {

Interval wilson(std::uint64_t k, std::uint64_t n, double confidence) {
  if (n == 0) return {};
  const double z = boost::math::quantile(boost::math::normal(), 0.5 + confidence / 2.0);
  const double nn = double(n), p = double(k) / nn, z2 = z * z;
  const double centre = (p + z2 / (2.0 * nn)) / (1.0 + z2 / nn);
  const double half = z / (1.0 + z2 / nn) * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn));
  // At k = 0 and k = n the bound is 0 or 1 exactly; rounding must not move it off.
  return {p, k == 0 ? 0.0 : std::max(centre - half, 0.0), k == n ? 1.0 : std::min(centre + half, 1.0)};
}

double quantile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = (double(sorted.size()) - 1.0) * std::clamp(p, 0.0, 1.0);
  const auto lo = std::size_t(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - double(lo)) * (sorted[hi] - sorted[lo]);
}

Distribution distribution(const std::vector<double>& values) {
  std::vector<double> v;
  v.reserve(values.size());
  double sum = 0.0;
  for (double x : values) {
    if (std::isnan(x)) continue;
    v.push_back(x);
    sum += x;
  }
  Distribution d;
  d.count = v.size();
  if (v.empty()) return d;
  d.mean = sum / double(v.size());
  std::sort(v.begin(), v.end());
  d.min = v.front();
  d.max = v.back();
  d.p05 = quantile(v, 0.05);
  d.p50 = quantile(v, 0.50);
  d.p95 = quantile(v, 0.95);
  return d;
}

RatioInterval ratio_of_totals(const std::vector<double>& a, const std::vector<double>& b, std::uint64_t seed,
                              int resamples) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const std::size_t n = std::min(a.size(), b.size());
  const auto ratio = [](double num, double den) { return den > 0.0 ? num / den : kNaN; };
  double sa = 0.0, sb = 0.0;
  for (std::size_t i = 0; i < n; ++i) sa += a[i], sb += b[i];
  RatioInterval out{ratio(sa, sb), kNaN, kNaN};
  if (n == 0 || !std::isfinite(out.ratio)) return out;
  core::RngStream rng(seed, 0, "bootstrap");
  std::vector<double> ratios;
  ratios.reserve(std::size_t(resamples));
  for (int k = 0; k < resamples; ++k) {
    double ra = 0.0, rb = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto j = std::min(n - 1, std::size_t(rng.uniform() * double(n)));
      ra += a[j];
      rb += b[j];
    }
    if (rb > 0.0) ratios.push_back(ra / rb);
  }
  std::sort(ratios.begin(), ratios.end());
  out.low = quantile(ratios, 0.025);
  out.high = quantile(ratios, 0.975);
  return out;
}

}  // namespace opensam::montecarlo
