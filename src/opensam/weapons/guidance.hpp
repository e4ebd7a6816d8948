#pragma once
/// @file Homing guidance laws and the closest approach of a pass. Inputs are what the missile
/// knows (a seeker's or a track's relative position and velocity), never truth.

#include <Eigen/Core>

namespace opensam::weapons {

using Vec3 = Eigen::Vector3d;

/// The target relative to the missile: position and velocity of target minus missile.
struct Relative {
  Vec3 position_m;
  Vec3 velocity_mps;
};

/// Line-of-sight rate vector (rad/s): r x v / |r|^2.
[[nodiscard]] Vec3 los_rate_rad_s(const Relative& rel);

/// Closing speed (m/s): -r.v / |r|, positive while the range falls.
[[nodiscard]] double closing_speed_mps(const Relative& rel);

/// True proportional navigation: a = N' Vc (omega x r_hat), across the line of sight
/// (Zarchan, Tactical and Strategic Missile Guidance, 6th ed., ch. 2). With `target_accel_mps2`
/// it is augmented PN, adding N'/2 times the target's acceleration across the line of sight
/// (Zarchan ch. 8).
[[nodiscard]] Vec3 pn_command_mps2(const Relative& rel, double nav_ratio,
                                   const Vec3& target_accel_mps2 = Vec3::Zero());

/// Closest approach of two points moving in straight lines for `duration_s` from a relative
/// position `rel` (target minus missile at the start of the step).
struct ClosestApproach {
  double time_s;  ///< after the start of the step, in [0, duration_s]
  double miss_m;  ///< distance then
  bool in_step;   ///< the range stops falling inside the step (the pass happened)
};
[[nodiscard]] ClosestApproach closest_approach(const Relative& rel, double duration_s);

}  // namespace opensam::weapons
