#include "opensam/weapons/envelope.hpp"

#include <GeographicLib/Geodesic.hpp>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "opensam/geo/frames.hpp"

namespace opensam::weapons {

namespace {

/// Guidance update interval of the flyouts.
constexpr double kStep_s = 0.1;
constexpr double kG0 = 9.80665;

/// A target flying a great circle at constant altitude and ground speed.
class LevelTarget {
 public:
  LevelTarget(double altitude_m, double speed_mps, double range_m, double aspect_rad)
      : altitude_m_(altitude_m), speed_mps_(speed_mps) {
    const auto& g = GeographicLib::Geodesic::WGS84();
    g.Direct(kFlyoutSite.lat_deg, kFlyoutSite.lon_deg, aspect_rad * 180.0 / std::numbers::pi, range_m, lat0_,
             lon0_);
  }

  [[nodiscard]] Vec3 at(double t_s) const {
    double lat = 0.0, lon = 0.0;
    GeographicLib::Geodesic::WGS84().Direct(lat0_, lon0_, kCourse_deg, speed_mps_ * t_s, lat, lon);
    return geo::lla_to_ecef({lat, lon, altitude_m_});
  }

 private:
  double altitude_m_, speed_mps_;
  double lat0_ = 0.0, lon0_ = 0.0;
  /// Due south whatever the bearing: from due north (aspect 0) that is straight at the
  /// launcher, from due south (aspect pi) straight away.
  static constexpr double kCourse_deg = 180.0;
};

double ground_range_m(const Vec3& ecef_m) {
  const geo::Lla p = geo::ecef_to_lla(ecef_m);
  double s = 0.0;
  GeographicLib::Geodesic::WGS84().Inverse(kFlyoutSite.lat_deg, kFlyoutSite.lon_deg, p.lat_deg, p.lon_deg, s);
  return s;
}

/// Bisects between a launch range that hits (flown as `hit_shot`) and one that misses, to
/// within `tol_m`; `hit_shot` ends as the shot at the range returned.
template <class Fly>
double bisect(double hit_m, double miss_m, double tol_m, Shot& hit_shot, Fly&& fly) {
  while (std::abs(miss_m - hit_m) > tol_m) {
    const double mid = 0.5 * (hit_m + miss_m);
    const Shot s = fly(mid);
    if (s.hit) {
      hit_m = mid;
      hit_shot = s;
    } else {
      miss_m = mid;
    }
  }
  return hit_m;
}

}  // namespace

Shot fly_shot(const InterceptorType& type, double altitude_m, double speed_mps, double launch_range_m,
              double aspect_rad) {
  const LevelTarget target(altitude_m, speed_mps, launch_range_m, aspect_rad);
  Interceptor m(type, geo::lla_to_ecef(kFlyoutSite), 0.0);
  Vec3 now = target.at(0.0);
  double peak = 0.0;
  for (double t = 0.0; m.flying(); t += kStep_s) {
    const Vec3 next = target.at(t + kStep_s);
    // A perfect track and a perfect seeker and fuze: the kinematic region.
    TargetTruth truth;
    truth.from_m = now;
    truth.to_m = next;
    m.step(kStep_s, {now, (next - now) / kStep_s, t}, &truth, nullptr);
    peak = std::max(peak, m.state().velocity_mps.norm());
    now = next;
  }
  Shot s;
  s.peak_speed_mps = peak;
  s.time_of_flight_s = m.time_s();
  s.miss_m = m.miss_m();
  const geo::Lla burst = geo::ecef_to_lla(m.end_position_m());
  s.intercept_altitude_m = burst.alt_m;
  s.intercept_range_m = ground_range_m(m.end_position_m());
  if (m.phase() == InterceptorPhase::kBurst) {
    // An end game needs speed and manoeuvre left to take out what a real track gets wrong.
    const physics::PointMass& st = m.state();
    const double speed = st.velocity_mps.norm();
    s.hit = speed >= type.min_speed_mps &&
            physics::lateral_limit_mps2(type.airframe, speed, burst.alt_m, st.mass_kg) >=
                type.min_terminal_g * kG0;
  }
  return s;
}

Envelope compute_envelope(const InterceptorType& type, const EnvelopeRequest& req) {
  Envelope env;
  const double h = req.target_altitude_m;
  const double v = req.target_speed_mps;
  const double tol = req.range_tolerance_m;
  auto fly = [&](double range_m, double aspect_rad) {
    ++env.flyouts;
    Shot s = fly_shot(type, h, v, range_m, aspect_rad);
    env.peak_speed_mps = std::max(env.peak_speed_mps, s.peak_speed_mps);
    return s;
  };
  const int n = int(std::lround(std::numbers::pi / req.aspect_step_rad));
  for (int k = 0; k <= n; ++k) {
    AspectReach a;
    a.aspect_rad = std::min(std::numbers::pi, k * req.aspect_step_rad);
    // Grow the launch range geometrically until a hit and then a miss bracket the far edge.
    double first_hit = -1.0, prev = 0.0, r = 1000.0;
    Shot first_shot, prev_shot;  // at first_hit, and at prev
    for (; r < 2.0e6; prev = r, r *= 1.5) {
      const Shot s = fly(r, a.aspect_rad);
      if (s.hit && first_hit < 0.0) {
        first_hit = r;
        first_shot = s;
      }
      if (!s.hit && first_hit >= 0.0) break;
      prev_shot = s;
    }
    if (first_hit >= 0.0) {
      a.reachable = true;
      const auto at_aspect = [&](double x) { return fly(x, a.aspect_rad); };
      a.max_launch_range_m = bisect(prev, r, tol, prev_shot, at_aspect);
      a.max_intercept_range_m = prev_shot.intercept_range_m;
      // The near edge of the hits that reach out to the far edge (nearer still, a target
      // passing right over the launcher may be met on the way up), bisected finer.
      a.min_launch_range_m =
          bisect(first_hit, first_hit <= 1000.0 ? 0.0 : first_hit / 1.5, tol / 5.0, first_shot, at_aspect);
      a.min_intercept_range_m = first_shot.intercept_range_m;
    }
    env.aspects.push_back(a);
  }
  const AspectReach& head_on = env.aspects.front();
  env.max_range_m = head_on.max_intercept_range_m;
  env.min_range_m = head_on.min_intercept_range_m;
  env.no_escape_range_m = env.aspects.back().max_launch_range_m;

  // The highest altitude at which some head-on shot still hits: the target comes in so that
  // the meeting would be at elevations from about 30 to 60 degrees.
  auto hits_at = [&](double alt_m) {
    for (double f : {1.0, 2.0, 4.0, 8.0}) {
      ++env.flyouts;
      const double range = (alt_m + 2000.0) * f + v * alt_m / 1000.0;
      if (fly_shot(type, alt_m, v, range, 0.0).hit) return true;
    }
    return false;
  };
  double lo = 0.0, hi = 200e3;
  if (!hits_at(1000.0)) {
    hi = 0.0;
  } else {
    lo = 1000.0;
    while (hi - lo > tol) {
      const double mid = 0.5 * (lo + hi);
      (hits_at(mid) ? lo : hi) = mid;
    }
  }
  env.max_altitude_m = hi > 0.0 ? lo : 0.0;
  return env;
}

}  // namespace opensam::weapons
