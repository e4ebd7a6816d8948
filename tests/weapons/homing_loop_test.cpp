// The linearised homing loop against Zarchan, Tactical and Strategic Missile Guidance (AIAA,
// 6th ed.): the single-lag, N' = 3 closed forms of the miss from a step manoeuvre and from a
// heading error (ch. 6, and the book's example tau = 0.5 s, t_F = 1 s, 3 g: 1.99 m); the
// adjoint (ch. 3) against forward simulation within 1 %; zero-lag PN's zero miss against a
// step for N' > 2 with its command tending to N'/(N'-2) n_T (ch. 2).
#include "opensam/weapons/homing_loop.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace opensam::weapons {
namespace {

constexpr double kG = 9.80665;

TEST(HomingLoop, BookExampleSingleLagThreeG) {
  HomingLoop l{.nav_ratio = 3.0, .time_constant_s = 0.5, .flight_time_s = 1.0, .target_accel_mps2 = 3.0 * kG};
  EXPECT_NEAR(single_lag_pn3_miss(l).step_m, 1.99, 0.005);
  EXPECT_NEAR(simulate_miss(l).step_m, 1.99, 0.02);
  EXPECT_NEAR(adjoint_miss(l, {1.0})[0].step_m, 1.99, 0.02);
}

TEST(HomingLoop, SimulationAndAdjointMatchTheClosedFormsForNavRatioThree) {
  HomingLoop l{.nav_ratio = 3.0,
               .time_constant_s = 1.0,
               .target_accel_mps2 = 5.0 * kG,
               .missile_speed_mps = 3000.0,
               .heading_error_rad = -20.0 * M_PI / 180.0};
  std::vector<double> times;
  for (double x = 0.5; x <= 10.0; x += 0.5) times.push_back(x);
  l.flight_time_s = 10.0;
  const std::vector<LoopMiss> adj = adjoint_miss(l, times);
  for (std::size_t i = 0; i < times.size(); ++i) {
    l.flight_time_s = times[i];
    const LoopMiss exact = single_lag_pn3_miss(l);
    const LoopMiss sim = simulate_miss(l);
    SCOPED_TRACE(times[i]);
    // Absolute tolerance of 1 % of the curve's peak, where the curve crosses zero.
    const double step_tol = 0.01 * 0.5 * 4.0 * std::exp(-2.0) * l.target_accel_mps2;
    const double he_tol = 0.01 * 3000.0 * 20.0 * M_PI / 180.0;
    EXPECT_NEAR(sim.step_m, exact.step_m, step_tol);
    EXPECT_NEAR(adj[i].step_m, exact.step_m, step_tol);
    EXPECT_NEAR(sim.heading_m, exact.heading_m, he_tol);
    EXPECT_NEAR(adj[i].heading_m, exact.heading_m, he_tol);
  }
}

TEST(HomingLoop, AdjointAgreesWithSimulationWithinOnePercent) {
  for (const double n : {3.0, 4.0, 5.0}) {
    for (const double x : {1.0, 2.0, 3.0, 5.0, 8.0}) {
      HomingLoop l{.nav_ratio = n,
                   .time_constant_s = 0.4,
                   .flight_time_s = 0.4 * x,
                   .target_accel_mps2 = 4.0 * kG,
                   .missile_speed_mps = 1500.0,
                   .heading_error_rad = 10.0 * M_PI / 180.0};
      const LoopMiss sim = simulate_miss(l);
      const LoopMiss adj = adjoint_miss(l, {l.flight_time_s})[0];
      SCOPED_TRACE(testing::Message() << "N'=" << n << " tF/tau=" << x);
      // 1 %, and a hair of each source's scale where the miss crosses zero.
      const double step_scale = l.target_accel_mps2 * 0.4 * 0.4;
      const double he_scale = l.missile_speed_mps * l.heading_error_rad * 0.4;
      EXPECT_NEAR(adj.step_m, sim.step_m, 0.01 * std::abs(sim.step_m) + 1e-4 * step_scale);
      EXPECT_NEAR(adj.heading_m, sim.heading_m, 0.01 * std::abs(sim.heading_m) + 1e-4 * he_scale);
    }
  }
}

TEST(HomingLoop, ZeroLagProportionalNavigationHitsAStepManoeuvre) {
  for (const double n : {3.0, 4.0, 5.0}) {
    const HomingLoop l{
        .nav_ratio = n, .time_constant_s = 0.0, .flight_time_s = 10.0, .target_accel_mps2 = 3.0 * kG};
    // Zero to within 1e-5 of the manoeuvre's scale n_T t_F^2 (about 3 km here).
    EXPECT_NEAR(simulate_miss(l).step_m, 0.0, 1e-5 * l.target_accel_mps2 * 100.0) << n;
    // n_c / n_T = N'/(N'-2) [1 - (t_go/t_F)^(N'-2)].
    for (const LoopSample& s : simulate_history(l, 1.0)) {
      if (s.time_s >= 10.0) continue;
      const double want = n / (n - 2.0) * (1.0 - std::pow((10.0 - s.time_s) / 10.0, n - 2.0));
      EXPECT_NEAR(s.commanded_mps2 / l.target_accel_mps2, want, 1e-3) << n << " " << s.time_s;
    }
  }
}

TEST(HomingLoop, ALongerLagMissesMore) {
  HomingLoop l{.nav_ratio = 4.0, .flight_time_s = 3.0, .target_accel_mps2 = 5.0 * kG};
  l.time_constant_s = 0.1;
  const double short_lag = std::abs(simulate_miss(l).step_m);
  l.time_constant_s = 0.5;
  EXPECT_GT(std::abs(simulate_miss(l).step_m), 10.0 * short_lag);
}

}  // namespace
}  // namespace opensam::weapons
