#include "opensam/weapons/homing_loop.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

namespace opensam::weapons {

namespace {

// State of the forward loop: y, y', n_L (the achieved acceleration; with no lag it is the
// command, not a state).
using State = Eigen::Vector3d;

/// A thousandth of the loop's shortest time, so that the fourth-order step is well inside 1 %.
double step_s(const HomingLoop& l) {
  const double shortest =
      l.time_constant_s > 0.0 ? std::min(l.time_constant_s, l.flight_time_s) : l.flight_time_s;
  return shortest / 1000.0;
}

/// Time to go at t, kept off zero as the book's simulations do (the line-of-sight rate is
/// singular at the intercept).
double time_to_go_s(const HomingLoop& l, double t_s) { return std::max(l.flight_time_s - t_s, 0.0) + 1e-5; }

/// PN on the linearised line-of-sight rate: n_c = N' Vc lambda', lambda' = (y + y' t_go) /
/// (Vc t_go^2); the closing speed cancels.
double command_mps2(const HomingLoop& l, const State& x, double t_s) {
  const double tgo = time_to_go_s(l, t_s);
  return l.nav_ratio * (x[0] + x[1] * tgo) / (tgo * tgo);
}

State derivative(const HomingLoop& l, const State& x, double t_s, double target_accel_mps2) {
  const double nc = command_mps2(l, x, t_s);
  const bool lag = l.time_constant_s > 0.0;
  const double nl = lag ? x[2] : nc;
  return {x[1], target_accel_mps2 - nl, lag ? (nc - x[2]) / l.time_constant_s : 0.0};
}

/// y(t_F) of one forward run from y'(0) = `rate_mps` with target step `accel_mps2`, sampling
/// the history every `interval_s` when `history` is given.
double run(const HomingLoop& l, double rate_mps, double accel_mps2, double interval_s,
           std::vector<LoopSample>* history) {
  State x(0.0, rate_mps, 0.0);
  const double h0 = step_s(l);
  const auto steps = std::size_t(std::ceil(l.flight_time_s / h0));
  const double h = l.flight_time_s / double(steps);
  double next_sample = 0.0;
  for (std::size_t i = 0; i < steps; ++i) {
    const double t = double(i) * h;
    if (history != nullptr && t >= next_sample) {
      history->push_back({t, x[0], command_mps2(l, x, t)});
      next_sample += interval_s;
    }
    const State k1 = derivative(l, x, t, accel_mps2);
    const State k2 = derivative(l, x + 0.5 * h * k1, t + 0.5 * h, accel_mps2);
    const State k3 = derivative(l, x + 0.5 * h * k2, t + 0.5 * h, accel_mps2);
    const State k4 = derivative(l, x + h * k3, t + h, accel_mps2);
    x += h / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
  }
  if (history != nullptr) history->push_back({l.flight_time_s, x[0], command_mps2(l, x, l.flight_time_s)});
  return x[0];
}

}  // namespace

LoopMiss simulate_miss(const HomingLoop& l) {
  if (l.flight_time_s <= 0.0) return {};
  // The loop is linear: each source's miss from its own run.
  LoopMiss m;
  m.step_m = run(l, 0.0, l.target_accel_mps2, 0.0, nullptr);
  m.heading_m = run(l, -l.missile_speed_mps * l.heading_error_rad, 0.0, 0.0, nullptr);
  return m;
}

std::vector<LoopSample> simulate_history(const HomingLoop& l, double interval_s) {
  std::vector<LoopSample> h;
  if (l.flight_time_s <= 0.0 || interval_s <= 0.0) return h;
  run(l, -l.missile_speed_mps * l.heading_error_rad, l.target_accel_mps2, interval_s, &h);
  return h;
}

std::vector<LoopMiss> adjoint_miss(const HomingLoop& l, const std::vector<double>& flight_times_s) {
  std::vector<LoopMiss> out(flight_times_s.size());
  if (l.time_constant_s <= 0.0 || l.flight_time_s <= 0.0) return out;
  // Adjoint states, in adjoint time T = t_go (the loop's coefficients depend on t_go only):
  //   a1' = N'/(tau T^2) a3, a2' = a1 + N'/(tau T) a3, a3' = -a2 - a3/tau, a4' = a2,
  // from a(0) = (1, 0, 0, 0) for the miss y(t_F). a4(T) is the miss per unit step for a flight
  // of T, a2(T) the miss per unit initial y'. Started on the series a1 = 1, a2 = T,
  // a3 = -T^2/2, a4 = T^2/2 to step past the singular start.
  const double tau = l.time_constant_s;
  const double n = l.nav_ratio;
  using A = Eigen::Vector4d;
  const auto deriv = [&](const A& a, double T) -> A {
    return {n / (tau * T * T) * a[2], a[0] + n / (tau * T) * a[2], -a[1] - a[2] / tau, a[1]};
  };
  const double h = step_s(l);
  double T = h * 1e-3;
  A a(1.0, T, -0.5 * T * T, 0.5 * T * T);
  std::vector<std::size_t> order(flight_times_s.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](auto x, auto y) { return flight_times_s[x] < flight_times_s[y]; });
  const double rate = -l.missile_speed_mps * l.heading_error_rad;
  for (const std::size_t i : order) {
    const double want = flight_times_s[i];
    while (T < want) {
      const double dt = std::min(h, want - T);
      const A k1 = deriv(a, T);
      const A k2 = deriv(a + 0.5 * dt * k1, T + 0.5 * dt);
      const A k3 = deriv(a + 0.5 * dt * k2, T + 0.5 * dt);
      const A k4 = deriv(a + dt * k3, T + dt);
      a += dt / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
      T += dt;
    }
    out[i] = {a[3] * l.target_accel_mps2, a[1] * rate};
  }
  return out;
}

LoopMiss single_lag_pn3_miss(const HomingLoop& l) {
  const double tau = l.time_constant_s;
  if (tau <= 0.0) return {};
  const double x = l.flight_time_s / tau;
  const double e = std::exp(-x);
  return {0.5 * l.target_accel_mps2 * tau * tau * x * x * e,
          -l.missile_speed_mps * l.heading_error_rad * tau * x * (1.0 - 0.5 * x) * e};
}

}  // namespace opensam::weapons
