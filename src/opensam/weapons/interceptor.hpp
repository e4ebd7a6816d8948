#pragma once
/// @file An interceptor in flight: vertical launch, midcourse towards the predicted intercept
/// point computed from what the fire-control radar's track says, terminal proportional
/// navigation on its own seeker (or on the track when it has none), a first-order guidance
/// lag, the fuze and self-destruct. It guides on estimates only; the fuze alone sees the
/// target as it is (it is a sensor).

#include "opensam/physics/point_mass.hpp"
#include "opensam/weapons/guidance.hpp"

namespace opensam::weapons {

/// An interceptor type's flight and guidance figures (from data/systems).
struct InterceptorType {
  physics::Airframe airframe;
  double launch_mass_kg = 0.0;
  double nav_ratio = 4.0;                 ///< N' of the terminal PN
  double guidance_time_constant_s = 0.2;  ///< lag from command to achieved acceleration
  double vertical_rise_s = 1.0;           ///< straight up after a vertical launch
  double loft = 0.0;                      ///< midcourse aim point raised by this fraction of the range to go
  double terminal_time_s = 10.0;          ///< PN on the estimate from this time to go
  double seeker_range_m = 0.0;            ///< seeker (active, or semi-active TVM) acquisition range; 0: none
  double seeker_fov_rad = 0.0;            ///< half angle of the seeker's field of regard
  double fuze_radius_m = 30.0;            ///< the warhead bursts at a closest approach within this
  double max_flight_time_s = 300.0;
  double min_speed_mps = 250.0;  ///< self-destruct below this after burnout (energy spent)
  double min_terminal_g = 0.0;   ///< lateral acceleration an end game needs (the envelope's edge)
};

/// What the guidance knows of the target: a track's or a seeker's estimate at `time_s`,
/// extrapolated at constant velocity.
struct TargetEstimate {
  Vec3 position_m = Vec3::Zero();
  Vec3 velocity_mps = Vec3::Zero();
  double time_s = 0.0;
};

enum class InterceptorPhase : unsigned char { kRise, kMidcourse, kTerminal, kBurst, kSelfDestruct };

class Interceptor {
 public:
  /// On the launcher at `launch_ecef_m`, fired at `launch_time_s`, ECEF on the rotating WGS-84
  /// Earth.
  Interceptor(const InterceptorType& type, const Vec3& launch_ecef_m, double launch_time_s);

  /// Flies `dt_s` guiding on `estimate`; the target truly moves from `target_now_m` to
  /// `target_next_m` in that time (for the seeker and the fuze). `seeker_sees` is false when
  /// a semi-active (track-via-missile) seeker's illuminating radar is off: the seeker then
  /// loses the target and the guidance falls back on the estimate. After a burst, `miss_m()`
  /// is the distance at the closest approach.
  InterceptorPhase step(double dt_s, const TargetEstimate& estimate, const Vec3& target_now_m,
                        const Vec3& target_next_m, bool seeker_sees = true);

  [[nodiscard]] InterceptorPhase phase() const { return phase_; }
  [[nodiscard]] bool flying() const { return phase_ < InterceptorPhase::kBurst; }
  [[nodiscard]] bool seeker_locked() const { return locked_; }
  [[nodiscard]] double time_s() const { return launch_time_s_ + state_.time_s; }
  [[nodiscard]] const physics::PointMass& state() const { return state_; }
  [[nodiscard]] double miss_m() const { return miss_m_; }
  /// Where the burst or the self-destruct happened (ECEF).
  [[nodiscard]] const Vec3& end_position_m() const { return end_m_; }

 private:
  /// The lateral acceleration wanted, from what the guidance knows of the target.
  [[nodiscard]] Vec3 command(const Relative& rel) const;

  const InterceptorType* type_;
  physics::PointMass state_;
  double launch_time_s_;
  double burn_time_s_;                 ///< the motor's phases added up
  Vec3 achieved_mps2_ = Vec3::Zero();  ///< the lagged lateral acceleration
  InterceptorPhase phase_ = InterceptorPhase::kRise;
  bool locked_ = false;
  double miss_m_ = 0.0;
  Vec3 end_m_ = Vec3::Zero();
};

/// The time (s) after which a body at `from_m` flying `speed_mps` in a straight line meets a
/// target at `target_m` with constant `target_velocity_mps`, or a negative number when it
/// cannot (the collision triangle).
[[nodiscard]] double intercept_time_s(const Vec3& from_m, double speed_mps, const Vec3& target_m,
                                      const Vec3& target_velocity_mps);

}  // namespace opensam::weapons
