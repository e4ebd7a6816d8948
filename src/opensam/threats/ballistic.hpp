#pragma once
/// @file Ballistic and quasi-ballistic missiles: a gravity-turn boost along the launch
/// direction (thrust and mass flow by phase), unpowered flight under WGS-84 gravity and drag
/// in the rotating Earth frame, an optional aerodynamic pull-up that flattens the descent
/// (the quasi-ballistic class), and an optional guided terminal phase with a weaving
/// manoeuvre. The launch elevation and azimuth are found by shooting: the unguided flight is
/// flown again until it falls on the aim point. Dynamics after Zarchan, "Tactical and
/// Strategic Missile Guidance" (AIAA, 6th ed., 2012), ch. 1 and 9 (the integrator of
/// physics/point_mass.hpp).

#include <limits>

#include "opensam/core/names.hpp"
#include "opensam/geo/frames.hpp"
#include "opensam/physics/point_mass.hpp"
#include "opensam/threats/trajectory.hpp"

namespace opensam::threats {

/// Which of the two launch elevations that reach a range below the maximum to fly.
enum class BallisticProfile : unsigned char { kLofted, kDepressed };
constexpr auto names(BallisticProfile) {
  return std::to_array<core::Named<BallisticProfile>>(
      {{BallisticProfile::kLofted, "lofted"}, {BallisticProfile::kDepressed, "depressed"}});
}

struct BallisticType {
  physics::Airframe airframe;  ///< motor, drag, lift limit
  double launch_mass_kg = 0.0;
  BallisticProfile profile = BallisticProfile::kLofted;
  physics::EarthModel earth = physics::EarthModel::kWgs84;
  /// Quasi-ballistic: below this altitude on the way down, lift holds the flight path at
  /// `glide_angle_rad` (negative: below the horizon) until the terminal phase. NaN: none.
  double pull_up_altitude_m = std::numeric_limits<double>::quiet_NaN();
  double glide_angle_rad = 0.0;
  /// Below this altitude on the way down the missile guides on the aim point (proportional
  /// navigation, ratio 4) and weaves. NaN: no terminal guidance.
  double terminal_altitude_m = std::numeric_limits<double>::quiet_NaN();
  double terminal_weave_g = 0.0;  ///< amplitude of the weave (g), within the airframe's limit
  double terminal_weave_period_s = 4.0;
};

/// How a shot came out: where it fell against the aim point, and how high it flew.
struct BallisticShot {
  double elevation_rad = 0.0;  ///< launch elevation chosen
  double azimuth_rad = 0.0;    ///< launch azimuth chosen, from north
  double miss_m = 0.0;         ///< unguided impact from the aim point (0 with terminal guidance)
  double apogee_m = 0.0;       ///< highest altitude
  double burnout_speed_mps = 0.0;
  double burnout_path_angle_rad = 0.0;  ///< flight path angle above the horizon at burnout
  bool reaches = true;                  ///< false: the aim point is beyond the maximum range
};

/// Flies a missile from `launch` to `aim`, sampled every `step_s` from `launch_time_s` until
/// impact (at the aim point's altitude) or `end_time_s`. Marks burnout, apogee, pull-up,
/// terminal phase and impact (kWaypoint 1).
[[nodiscard]] Trajectory fly_ballistic(const BallisticType& type, const geo::Lla& launch, const geo::Lla& aim,
                                       double launch_time_s, double step_s, double end_time_s,
                                       BallisticShot* shot = nullptr);

}  // namespace opensam::threats
