#pragma once
/// @file An interceptor in flight: vertical launch, midcourse towards the predicted intercept
/// point computed from what the fire-control radar's track says, terminal proportional
/// navigation on its seeker's filtered line of sight (or on the track when it has none or has
/// lost lock), a first-order guidance lag, the fuze, the ground and self-destruct. It guides on
/// estimates and measurements only; its seeker and fuze meet the target as it is (they are
/// sensors).

#include <limits>

#include "opensam/core/rng.hpp"
#include "opensam/geo/terrain.hpp"
#include "opensam/physics/point_mass.hpp"
#include "opensam/weapons/guidance.hpp"
#include "opensam/weapons/seeker.hpp"
#include "opensam/weapons/warhead.hpp"

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
  SeekerType seeker;
  Warhead warhead;
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

/// What the seeker and the fuze meet over a step: the target as it is (truth, given by the
/// run's scene).
struct TargetTruth {
  Vec3 from_m = Vec3::Zero();  ///< where the target is at the start of the step
  Vec3 to_m = Vec3::Zero();    ///< and at its end
  double rcs_m2 = 1.0;         ///< toward the missile, in the seeker's band
  double span_m = 0.0;
  double jam_others_w_m2_hz = 0.0;   ///< noise power flux density of other platforms' jammers
  double jam_own_w_m2_hz = 0.0;      ///< of the target's own jammer
  double illuminator_range_m = 0.0;  ///< track-via-missile: the guiding radar to the target; 0: off
  bool in_sight = true;              ///< not behind terrain from the missile
};

enum class InterceptorPhase : unsigned char {
  kRise,
  kMidcourse,
  kTerminal,
  kBurst,
  kSelfDestruct,
  kGroundImpact
};

class Interceptor {
 public:
  /// On the launcher at `launch_ecef_m`, fired at `launch_time_s`, ECEF on the rotating WGS-84
  /// Earth, over `terrain` (null: the ellipsoid is the ground).
  Interceptor(const InterceptorType& type, const Vec3& launch_ecef_m, double launch_time_s,
              const geo::Terrain* terrain = nullptr);

  /// Flies `dt_s` guiding on `estimate` and on what its seeker measures of `target` (null:
  /// nothing where it looks), which its fuze meets too. `noise` draws the seeker's noise and the
  /// fuze's timing error; null: a perfect seeker and fuze (the envelope's). After a burst,
  /// `miss_m()` is the distance of the closest approach and `fragment_density_per_m2()` what
  /// the warhead put on the target.
  InterceptorPhase step(double dt_s, const TargetEstimate& estimate, const TargetTruth* target,
                        core::RngStream* noise);

  [[nodiscard]] InterceptorPhase phase() const { return phase_; }
  [[nodiscard]] bool flying() const { return phase_ < InterceptorPhase::kBurst; }
  [[nodiscard]] bool seeker_locked() const { return seeker_.locked(); }
  /// Homing on its seeker: locked, in the terminal phase (the track's updates no longer steer).
  [[nodiscard]] bool homing() const { return seeker_.locked() && phase_ == InterceptorPhase::kTerminal; }
  [[nodiscard]] double time_s() const { return launch_time_s_ + state_.time_s; }
  [[nodiscard]] const physics::PointMass& state() const { return state_; }
  /// The closest it came to what its seeker and fuze met (the pass of its burst), infinity when
  /// it never met anything.
  [[nodiscard]] double miss_m() const { return miss_m_; }
  [[nodiscard]] double fragment_density_per_m2() const { return density_per_m2_; }
  /// Where the burst, the ground impact or the self-destruct happened (ECEF).
  [[nodiscard]] const Vec3& end_position_m() const { return end_m_; }

 private:
  /// The lateral acceleration wanted, from what the guidance knows of the target.
  [[nodiscard]] Vec3 command(const Relative& rel) const;
  /// The seeker's look at the start of a step; the guidance's relative state when it holds.
  void look(double dt_s, const Relative& track, const TargetTruth* target, core::RngStream* noise);
  /// The proximity fuze over the step just flown from `p0`, the target's pass `rel` (target
  /// minus missile at the start, relative velocity) with its closest approach `ca`; true when
  /// it burst.
  bool fuze(double dt_s, const Vec3& p0, const TargetTruth& target, const Relative& rel,
            const ClosestApproach& ca, core::RngStream* noise);
  /// Height above the ground (terrain, or the ellipsoid) of `p_m`.
  [[nodiscard]] double height_above_ground_m(const Vec3& p_m) const;

  const InterceptorType* type_;
  const geo::Terrain* terrain_;
  physics::PointMass state_;
  double launch_time_s_;
  double burn_time_s_;                 ///< the motor's phases added up
  Vec3 achieved_mps2_ = Vec3::Zero();  ///< the lagged lateral acceleration
  InterceptorPhase phase_ = InterceptorPhase::kRise;
  Seeker seeker_;
  double miss_m_ = std::numeric_limits<double>::infinity();
  double density_per_m2_ = 0.0;
  Vec3 end_m_ = Vec3::Zero();
};

/// The time (s) after which a body at `from_m` flying `speed_mps` in a straight line meets a
/// target at `target_m` with constant `target_velocity_mps`, or a negative number when it
/// cannot (the collision triangle).
[[nodiscard]] double intercept_time_s(const Vec3& from_m, double speed_mps, const Vec3& target_m,
                                      const Vec3& target_velocity_mps);

}  // namespace opensam::weapons
