#pragma once
/// @file Fuze and fragmentation warhead: when the proximity fuze bursts the warhead, and how
/// many fragments of its beam reach the target there. The fuze is a sensor: it meets the
/// target as it is.

#include <Eigen/Core>

namespace opensam::weapons {

using Vec3 = Eigen::Vector3d;

/// A fuze and warhead's figures (from data/systems).
struct Warhead {
  double fuze_range_m = 30.0;   ///< the proximity fuze sees the target within this range
  double arming_time_s = 1.0;   ///< after launch
  double timing_error_s = 0.0;  ///< standard deviation of the burst time
  double fragments = 0.0;       ///< number of fragments
  double fragment_speed_mps = 0.0;
  double beam_angle_rad = 1.5708;  ///< static beam centre from the missile's axis
  double beam_width_rad = 0.35;    ///< full width of the static beam
};

/// Gurney's initial fragment speed of a cylindrical charge, sqrt(2E) sqrt((C/M) / (1 +
/// C/(2M))), with sqrt(2E) = 2.70 km/s for Composition B (Gurney, BRL report 405, 1943;
/// Cooper, Explosives Engineering, 1996, ch. 27).
[[nodiscard]] double gurney_speed_mps(double charge_to_metal);

/// Fragments of a warhead of `warhead_mass_kg` with charge-to-metal ratio C/M, its metal
/// (M / (C + M) of the mass) broken into fragments of `fragment_mass_kg`.
[[nodiscard]] double fragment_count(double warhead_mass_kg, double charge_to_metal, double fragment_mass_kg);

/// Fragments per square metre of the target's area reaching a target `target_m` away from the
/// burst (target minus burst point) of span `span_m`, the missile flying
/// `missile_velocity_mps` and the target `target_velocity_mps`. The beam spreads N_f over a
/// zone of the sphere, density N_f / (2 pi r^2 sin(theta_s) d_theta) at the distance r the
/// fragment flew in the warhead's frame (Driels, Weaponeering, 2nd ed., ch. 13-14; Ball, The
/// Fundamentals of Aircraft Combat Survivability, 2nd ed.), times the share of the target's
/// angular extent (its span seen from the burst, in fragment-launch angle) that lies inside the
/// static beam: zero when the beam passes it by.
[[nodiscard]] double fragment_density_per_m2(const Warhead& w, const Vec3& target_m,
                                             const Vec3& missile_velocity_mps,
                                             const Vec3& target_velocity_mps, double span_m = 0.0);

/// Kill probability of `density_per_m2` fragments on a target of vulnerable area
/// `vulnerable_area_m2` (presented area times the kill probability of one hit, Ball) and
/// vulnerability v: v (1 - exp(-density A_v)), Poisson hits.
[[nodiscard]] double fragment_kill_probability(double density_per_m2, double vulnerable_area_m2,
                                               double vulnerability);

/// The adaptive proximity fuze: the first time in [0, `duration_s`] at which the target,
/// moving from `target_m` (target minus missile) at `relative_velocity_mps` (target minus
/// missile) in a straight line, lies within the fuze range at the centre of the dynamic beam,
/// so that the fragments meet it; negative when it does not in this step.
[[nodiscard]] double beam_burst_time_s(const Warhead& w, const Vec3& target_m,
                                       const Vec3& relative_velocity_mps, const Vec3& missile_velocity_mps,
                                       double duration_s);

}  // namespace opensam::weapons
