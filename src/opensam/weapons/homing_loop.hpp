#pragma once
/// @file The linearised homing loop of a proportional-navigation missile (Zarchan, *Tactical
/// and Strategic Missile Guidance*, 6th ed., AIAA, ch. 2-6): the separation y normal to the
/// initial line of sight, true PN on the exact line-of-sight rate, a first-order lag between
/// commanded and achieved acceleration, a target step manoeuvre from t = 0 and a heading
/// error. Its miss distance by forward simulation and by the adjoint, for the guidance
/// engineer's calculator (`opensam endgame`) and as the closed-form check of the flyout.

#include <vector>

namespace opensam::weapons {

/// One engagement of the linearised loop.
struct HomingLoop {
  double nav_ratio = 4.0;          ///< effective navigation ratio N'
  double time_constant_s = 0.0;    ///< single lag tau; 0 is a perfect flight control
  double flight_time_s = 10.0;     ///< t_F
  double target_accel_mps2 = 0.0;  ///< n_T, a step from t = 0, normal to the line of sight
  double closing_speed_mps = 3000.0;
  double missile_speed_mps = 3000.0;  ///< V_M, for the heading error's initial rate
  double heading_error_rad = 0.0;     ///< HE: y'(0) = -V_M HE
};

/// The miss of a loop, signed: y(t_F), positive on the side the target manoeuvres to.
struct LoopMiss {
  double step_m = 0.0;     ///< from the target step alone
  double heading_m = 0.0;  ///< from the heading error alone
  [[nodiscard]] double total_m() const { return step_m + heading_m; }
};

/// Forward simulation (fourth-order Runge-Kutta, step a thousandth of the shorter of tau and
/// t_F), one flight time per run.
[[nodiscard]] LoopMiss simulate_miss(const HomingLoop& loop);

/// A sample of a forward simulation: the separation and the commanded acceleration.
struct LoopSample {
  double time_s;
  double y_m;
  double commanded_mps2;
};
/// The forward simulation's history, every `interval_s`.
[[nodiscard]] std::vector<LoopSample> simulate_history(const HomingLoop& loop, double interval_s);

/// The miss for every flight time from 0 to `loop.flight_time_s` in one backward run of the
/// adjoint loop (Zarchan ch. 3), sampled at `flight_times_s` (each in (0, t_F]). Needs a lag
/// (tau > 0): the zero-lag adjoint is singular at t_go = 0 (its miss is 0 for N' > 2).
[[nodiscard]] std::vector<LoopMiss> adjoint_miss(const HomingLoop& loop,
                                                 const std::vector<double>& flight_times_s);

/// Zarchan's closed form for a single lag and N' = 3 (ch. 6): the miss from a step n_T is
/// 0.5 n_T tau^2 x^2 e^-x and from a heading error -V_M HE tau x (1 - x/2) e^-x, x = t_F/tau.
[[nodiscard]] LoopMiss single_lag_pn3_miss(const HomingLoop& loop);

}  // namespace opensam::weapons
