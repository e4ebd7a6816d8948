#pragma once
/// @file The kinematic launch-acceptable region of an interceptor against a non-manoeuvring
/// target flying straight and level: how far and how near it can be met over aspect, how high,
/// and the no-escape range. Computed by flying the interceptor itself (the same flyout as in a
/// run) on a perfect track, with bisection on the launch range.

#include <vector>

#include "opensam/geo/frames.hpp"
#include "opensam/weapons/interceptor.hpp"

namespace opensam::weapons {

/// Where the launcher of the library flyouts (envelope, end game) stands: the envelope hardly
/// depends on it (Coriolis and gravity vary a little with latitude).
inline constexpr geo::Lla kFlyoutSite{45.0, 30.0, 0.0};

/// The target and how finely to search.
struct EnvelopeRequest {
  double target_altitude_m = 10000.0;
  double target_speed_mps = 250.0;
  double aspect_step_rad = 0.2617993877991494;  ///< 15 deg, from head-on (0) to tail (pi)
  double range_tolerance_m = 500.0;             ///< bisection stops within this
};

/// One aspect: the target starts on the bearing `aspect_rad` off its own course's reverse
/// (0: coming straight at the launcher, pi: flying straight away) and flies straight and level.
struct AspectReach {
  double aspect_rad = 0.0;
  bool reachable = false;
  double max_launch_range_m = 0.0;     ///< farthest target ground range at launch that is met
  double max_intercept_range_m = 0.0;  ///< ground range of that intercept from the launcher
  double min_launch_range_m = 0.0;     ///< nearest
  double min_intercept_range_m = 0.0;
};

struct Envelope {
  std::vector<AspectReach> aspects;  ///< head-on first
  double max_range_m = 0.0;          ///< farthest intercept head-on (ground range)
  double min_range_m = 0.0;          ///< nearest intercept head-on
  double max_altitude_m = 0.0;       ///< highest intercept against a target at that speed
  double no_escape_range_m = 0.0;    ///< farthest launch range against a target flying straight away
  double peak_speed_mps = 0.0;       ///< the fastest any flyout flew
  int flyouts = 0;                   ///< interceptor flights computed
};

/// One shot at a target flying straight and level, guided on a perfect track.
struct Shot {
  bool hit = false;  ///< burst within the fuze radius with the speed and g an end game needs
  double time_of_flight_s = 0.0;
  double intercept_range_m = 0.0;  ///< ground range of the burst from the launcher
  double intercept_altitude_m = 0.0;
  double miss_m = 0.0;
  double peak_speed_mps = 0.0;
};

/// Launches at a target `launch_range_m` away (ground range) on bearing `aspect_rad` off its
/// reverse course, at `altitude_m`, flying level at `speed_mps`.
[[nodiscard]] Shot fly_shot(const InterceptorType& type, double altitude_m, double speed_mps,
                            double launch_range_m, double aspect_rad);

[[nodiscard]] Envelope compute_envelope(const InterceptorType& type, const EnvelopeRequest& request);

}  // namespace opensam::weapons
