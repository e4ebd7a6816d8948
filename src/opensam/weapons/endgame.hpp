#pragma once
/// @file The end game of a library missile, asked as a guidance engineer would: many flyouts of
/// its real airframe, seeker, guidance, fuze and warhead against a target that manoeuvres near
/// the end, with the seeker's noise and the fuze's timing drawn anew each time; the miss
/// distribution and the single-shot kill probability that follow.

#include <cstdint>
#include <functional>
#include <vector>

#include "opensam/weapons/interceptor.hpp"

namespace opensam::weapons {

struct EndgameRequest {
  double target_altitude_m = 5000.0;
  double target_speed_mps = 250.0;
  double launch_range_m = 30000.0;      ///< ground range of the target at launch, coming head-on
  double target_accel_mps2 = 0.0;       ///< a level turn of this acceleration
  double manoeuvre_time_to_go_s = 3.0;  ///< starting this long before the intercept without it
  double rcs_m2 = 1.0;                  ///< when `rcs` is not given
  /// The target's RCS toward the missile at the seeker's frequency: (target position, target
  /// velocity, missile position), ECEF.
  std::function<double(const Vec3&, const Vec3&, const Vec3&)> rcs;
  double span_m = 10.0;
  double vulnerable_area_m2 = 2.0;
  double vulnerability = 1.0;
  int flights = 200;
  std::uint64_t seed = 1;
};

/// One flyout's end.
struct EndgameFlight {
  InterceptorPhase phase = InterceptorPhase::kSelfDestruct;
  double miss_m = 0.0;  ///< closest approach
  double pk = 0.0;      ///< kill probability of its burst (0 without one)
  bool locked = false;  ///< its seeker held the target at the end
};

struct EndgameResult {
  std::vector<EndgameFlight> flights;
  double nominal_intercept_s = 0.0;  ///< of the noiseless flight against the straight target
  double sspk = 0.0;                 ///< mean kill probability per shot
  double sspk_stderr = 0.0;
};

/// Flies `request.flights` noisy flyouts of `type` (the guiding radar at the launcher, a perfect
/// track for midcourse) and scores each burst with the fragments on the target.
[[nodiscard]] EndgameResult endgame_monte_carlo(const InterceptorType& type, const EndgameRequest& request);

}  // namespace opensam::weapons
