#include "opensam/sensors/detection.hpp"

#include <algorithm>
#include <boost/math/distributions/non_central_chi_squared.hpp>
#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/tools/roots.hpp>
#include <cstdint>
#include <limits>

#include "opensam/core/assert.hpp"

namespace opensam::sensors {

namespace {

namespace bm = boost::math;

// Errors become NaN/inf (checked by the callers' ranges) and doubles stay doubles: the
// default policy would throw and promote every evaluation to long double.
using Policy = bm::policies::policy<bm::policies::domain_error<bm::policies::ignore_error>,
                                    bm::policies::overflow_error<bm::policies::ignore_error>,
                                    bm::policies::evaluation_error<bm::policies::ignore_error>,
                                    bm::policies::promote_double<false>>;
constexpr Policy kPolicy;

/// Regularised incomplete gamma functions, with Q(0, x) = 0 and P(0, x) = 1 (an empty sum).
double gamma_q(double a, double x) { return a <= 0.0 ? 0.0 : bm::gamma_q(a, x, kPolicy); }

/// ln P(a, x), finite where P itself underflows: below 1e-250 it falls back to the series
/// P(a, x) = x^a e^-x / Gamma(a + 1) * sum_k x^k / ((a + 1) ... (a + k)) (Abramowitz and
/// Stegun 6.5.29), which converges fast there because x < a.
double log_gamma_p(double a, double x) {
  if (a <= 0.0) return 0.0;
  if (x <= 0.0) return -std::numeric_limits<double>::infinity();
  const double p = bm::gamma_p(a, x, kPolicy);
  if (p > 1e-250) return std::log(p);
  double term = 1.0;
  double sum = 1.0;
  for (int k = 1; k < 100000 && term > 1e-17 * sum; ++k) {
    term *= x / (a + k);
    sum += term;
  }
  return a * std::log(x) - x - bm::lgamma(a + 1.0, kPolicy) + std::log(sum);
}

// Each formula conditions on the target's fluctuation and sums the per-pulse square-law
// samples y_i (noise power 1): given per-pulse SNR x, y_i has the moment generating function
// exp(s x / (1 - s)) / (1 - s). Averaging over x gives gamma-distributed sums whose tails
// are incomplete gamma functions; all terms below are positive, so nothing cancels.

/// Swerling 0: P(noncentral chi-square(2N, 2N snr) > 2T), the generalised Marcum Q_N
/// (Marcum, IRE Trans. IT-6, 1960).
double pd_swerling0(double snr, double t, int n) {
  if (snr <= 0.0) return gamma_q(n, t);
  const bm::non_central_chi_squared_distribution<double, Policy> d(2.0 * n, 2.0 * n * snr);
  return bm::cdf(bm::complement(d, 2.0 * t));
}

/// Swerling 1: the sum is Gamma(N - 1, 1) + Exp(1 + N snr), so
/// Pd = Q(N-1, T) + e^(-T/b) c^-(N-1) P(N-1, c T), b = 1 + N snr, c = 1 - 1/b
/// (closed form as in DiFranco and Rubin, Radar Detection, 1968, ch. 11).
double pd_swerling1(double snr, double t, int n) {
  const double b = 1.0 + n * snr;
  if (n == 1) return std::exp(-t / b);
  const double c = 1.0 - 1.0 / b;
  const double m = n - 1.0;
  return gamma_q(m, t) + std::exp(-t / b - m * std::log(c) + log_gamma_p(m, c * t));
}

/// Swerling 2: each pulse is exponential with mean 1 + snr, so the sum is Gamma(N, 1 + snr).
double pd_swerling2(double snr, double t, int n) { return gamma_q(n, t / (1.0 + snr)); }

/// Swerling 3: the sum is Gamma(N - 2, 1) + Gamma(2, b), b = 1 + N snr / 2. For N = 1 it is
/// a mixture of Gamma(1, b) and Gamma(2, b) (see pd_swerling4).
double pd_swerling3(double snr, double t, int n) {
  const double b = 1.0 + n * snr / 2.0;
  if (n == 1) return (1.0 + (snr / 2.0) * t / (b * b)) * std::exp(-t / b);
  if (n == 2) return (1.0 + t / b) * std::exp(-t / b);
  const double m = n - 2.0;
  const double c = 1.0 - 1.0 / b;
  const double x = c * t;
  const double log_p = log_gamma_p(m, x);
  // P(m + 1, x) / P(m, x), from P(m + 1, x) = P(m, x) - x^m e^-x / Gamma(m + 1).
  const double ratio = 1.0 - std::exp(m * std::log(x) - x - bm::lgamma(m + 1.0, kPolicy) - log_p);
  const double bracket = (1.0 + t / b) - (m / (b * c)) * ratio;
  return gamma_q(m, t) + std::exp(-t / b - m * std::log(c) + log_p) * bracket;
}

/// Swerling 4: each pulse's sample has the moment generating function
/// (1 - s) / (1 - s b)^2, b = 1 + snr / 2: with probability 1/b it is Gamma(1, b), otherwise
/// Gamma(2, b). The sum of N is a binomial mixture of Gamma(N + k, b), k = 0..N. Only the
/// weights within 10 sd + 30 of the mean count (the rest sum below e^-45); across them both
/// Q(N + k, x) = Q(N + k - 1, x) + x^(N+k-1) e^-x / Gamma(N + k) step by recurrence, upward,
/// adding positive terms only.
double pd_swerling4(double snr, double t, int n) {
  const double theta = snr / 2.0;
  const double b = 1.0 + theta;
  const double x = t / b;
  const double log_p = -std::log(b);
  const double log_q = std::log(theta) - std::log(b);
  const double lg_n = bm::lgamma(n + 1.0, kPolicy);
  // Bernstein's inequality bounds the binomial tail beyond 10 sd + 30 below e^-45.
  const double mean = n * theta / b;
  const double reach = 10.0 * std::sqrt(mean / b) + 30.0;
  const int lo = std::clamp(static_cast<int>(std::floor(mean - reach)), 0, n);
  const int hi = std::clamp(static_cast<int>(std::ceil(mean + reach)), 0, n);
  double w = std::exp(lg_n - bm::lgamma(lo + 1.0, kPolicy) - bm::lgamma(n - lo + 1.0, kPolicy) + lo * log_q +
                      (n - lo) * log_p);
  double q = gamma_q(n + lo, x);
  double term = std::exp((n + lo) * std::log(x) - x - bm::lgamma(n + lo + 1.0, kPolicy));  // x^a e^-x / a!
  double pd = 0.0;
  for (int k = lo; k <= hi; ++k) {
    pd += w * q;
    const double a = n + k;  // the next shape is a + 1
    q += term;
    term *= x / (a + 1.0);
    w *= (static_cast<double>(n - k) / (k + 1.0)) * theta;  // q / p = theta
  }
  return pd;
}

}  // namespace

double detection_threshold(double pfa, int pulses) {
  OPENSAM_ASSERT(pfa > 0.0 && pfa < 1.0 && pulses >= 1);
  return bm::gamma_q_inv(static_cast<double>(pulses), pfa, kPolicy);
}

double probability_of_detection_at_threshold(double snr, double threshold, int pulses, Swerling swerling) {
  OPENSAM_ASSERT(pulses >= 1 && threshold > 0.0);
  if (!(snr > 0.0)) return gamma_q(pulses, threshold);
  double pd = 0.0;
  switch (swerling) {
    case Swerling::k0: pd = pd_swerling0(snr, threshold, pulses); break;
    case Swerling::k1: pd = pd_swerling1(snr, threshold, pulses); break;
    case Swerling::k2: pd = pd_swerling2(snr, threshold, pulses); break;
    case Swerling::k3: pd = pd_swerling3(snr, threshold, pulses); break;
    case Swerling::k4: pd = pd_swerling4(snr, threshold, pulses); break;
  }
  return std::clamp(pd, 0.0, 1.0);
}

double probability_of_detection(double snr, double pfa, int pulses, Swerling swerling,
                                Integration integration) {
  if (integration == Integration::kCoherent) {
    return probability_of_detection_at_threshold(snr * pulses, detection_threshold(pfa, 1), 1, swerling);
  }
  return probability_of_detection_at_threshold(snr, detection_threshold(pfa, pulses), pulses, swerling);
}

double required_snr_db(double pd, double pfa, int pulses, Swerling swerling, Integration integration) {
  OPENSAM_ASSERT(pd > pfa && pd < 1.0);
  const int n = integration == Integration::kCoherent ? 1 : pulses;
  const double gain_db = integration == Integration::kCoherent ? ratio_to_db(pulses) : 0.0;
  const double t = detection_threshold(pfa, n);
  auto f = [&](double snr_db) {
    return probability_of_detection_at_threshold(db_to_ratio(snr_db + gain_db), t, n, swerling) - pd;
  };
  // Pd rises monotonically with SNR; widen the bracket until it holds the root.
  double lo = -20.0;
  double hi = 40.0;
  while (f(lo) > 0.0 && lo > -200.0) lo -= 20.0;
  while (f(hi) < 0.0 && hi < 200.0) hi += 20.0;
  std::uintmax_t iterations = 200;
  const auto [a, b] = bm::tools::toms748_solve(f, lo, hi, bm::tools::eps_tolerance<double>(40), iterations);
  return 0.5 * (a + b);
}

double albersheim_snr_db(double pd, double pfa, int pulses) {
  const double a = std::log(0.62 / pfa);
  const double b = std::log(pd / (1.0 - pd));
  const double n = pulses;
  return -5.0 * std::log10(n) + (6.2 + 4.54 / std::sqrt(n + 0.44)) * std::log10(a + 0.12 * a * b + 1.7 * b);
}

double shnidman_snr_db(double pd, double pfa, int pulses, Swerling swerling) {
  const double n = pulses;
  // 1/K: K = infinity, 1, N, 2, 2N for Swerling 0-4.
  double inv_k = 0.0;
  switch (swerling) {
    case Swerling::k0: inv_k = 0.0; break;
    case Swerling::k1: inv_k = 1.0; break;
    case Swerling::k2: inv_k = 1.0 / n; break;
    case Swerling::k3: inv_k = 0.5; break;
    case Swerling::k4: inv_k = 0.5 / n; break;
  }
  const double alpha = pulses < 40 ? 0.0 : 0.25;
  const double sign = pd > 0.5 ? 1.0 : (pd < 0.5 ? -1.0 : 0.0);
  const double eta = std::sqrt(-0.8 * std::log(4.0 * pfa * (1.0 - pfa))) +
                     sign * std::sqrt(-0.8 * std::log(4.0 * pd * (1.0 - pd)));
  const double x_inf = eta * (eta + 2.0 * std::sqrt(n / 2.0 + (alpha - 0.25)));
  const double c1 = (((17.7006 * pd - 18.4496) * pd + 14.5339) * pd - 3.525) * inv_k;
  double c_db = c1;
  if (pd > 0.872) {
    c_db +=
        (std::exp(27.31 * pd - 25.14) + (pd - 0.8) * (0.7 * std::log(1e-5 / pfa) + (2.0 * n - 20.0) / 80.0)) *
        inv_k;
  }
  return ratio_to_db(x_inf / n) + c_db;
}

}  // namespace opensam::sensors
