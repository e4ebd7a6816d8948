#include "opensam/threats/ballistic.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "opensam/threats/flight.hpp"

namespace opensam::threats {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kDeg = kPi / 180.0;
constexpr double kG0 = 9.80665;
/// Control step of the recorded flight and of the shots (s).
constexpr double kControlStep_s = 0.05;
constexpr double kShotStep_s = 1.0;
/// Gain of the glide's flight-path hold (1/s) and proportional-navigation ratio.
constexpr double kGlideGain = 0.5;
constexpr double kNavigationRatio = 4.0;

struct Geometry {
  geo::Vec3 launch_ecef;
  geo::Vec3 aim_ecef;
  geo::Lla launch;
  geo::Lla aim;
  Eigen::Matrix3d enu_to_ecef;  ///< at the launch point
  double range_m;               ///< along the ellipsoid's surface, near enough (sphere of the launch radius)
  double bearing_rad;
};

/// Great-circle course on the sphere through the launch point.
Course course(const geo::Lla& a, const geo::Lla& b, double radius_m) {
  return great_circle(a.lat_deg * kDeg, a.lon_deg * kDeg, b.lat_deg * kDeg, b.lon_deg * kDeg, radius_m);
}

double total_burn_s(const physics::Airframe& a) {
  double t = 0.0;
  for (const auto& p : a.motor) t += p.duration_s;
  return t;
}

struct Outcome {
  double down_m = 0.0;   ///< along the launch-aim course, past the aim point when positive
  double cross_m = 0.0;  ///< right of the course
  double apogee_m = 0.0;
  double burnout_speed_mps = 0.0;
  double burnout_path_rad = 0.0;
};

/// One flight at elevation `el`, azimuth `az`. `rec` records samples and marks (guided
/// terminal phase only then).
Outcome simulate(const BallisticType& b, const Geometry& g, double el, double az, double dt, Trajectory* rec,
                 double launch_time_s, double end_time_s) {
  physics::PointMass s;
  s.position_m = g.launch_ecef;
  s.mass_kg = b.launch_mass_kg;
  physics::Steering steer;
  // The boost holds the launch attitude (jet vanes); the flight path bends below it under gravity.
  steer.launch_direction =
      g.enu_to_ecef * geo::Vec3(std::sin(az) * std::cos(el), std::cos(az) * std::cos(el), std::sin(el));
  steer.thrust_direction = steer.launch_direction;
  const double burn = total_burn_s(b.airframe);
  const int record_every = int(std::lround(rec ? rec->step_s() / dt : 1.0));
  Outcome out;
  bool burnt = false, past_apogee = false, gliding = false, terminal = false, above = false;
  geo::Lla lla = g.launch;
  double prev_alt = lla.alt_m;
  physics::PointMass prev = s;
  for (long k = 0;; ++k) {
    const double t = launch_time_s + double(k) * dt;
    lla = geo::ecef_to_lla(s.position_m);
    const Eigen::Matrix3d r = geo::enu_to_ecef_rotation(lla.lat_deg, lla.lon_deg);
    const geo::Vec3 up = r.col(2);
    const double speed = s.velocity_mps.norm();
    const double climb = s.velocity_mps.dot(up);
    out.apogee_m = std::max(out.apogee_m, lla.alt_m);
    if (!burnt && s.time_s >= burn - 1e-9) {
      burnt = true;
      out.burnout_speed_mps = speed;
      out.burnout_path_rad = std::asin(std::clamp(climb / std::max(speed, 1e-9), -1.0, 1.0));
      if (rec) rec->mark(t, MarkKind::kBurnout);
      steer.thrust_direction.setZero();
    }
    above = above || lla.alt_m > g.aim.alt_m;
    if (burnt && !past_apogee && climb <= 0.0) {
      past_apogee = true;
      if (rec) rec->mark(t, MarkKind::kApogee);
    }
    // Impact: crossing the aim point's altitude on the way down (or falling back below the
    // launch point), found between control steps.
    if (k > 0 && climb < 0.0 && lla.alt_m <= g.aim.alt_m && (above || lla.alt_m < g.launch.alt_m)) {
      const double f = std::clamp((prev_alt - g.aim.alt_m) / std::max(prev_alt - lla.alt_m, 1e-9), 0.0, 1.0);
      const geo::Vec3 p = prev.position_m + f * (s.position_m - prev.position_m);
      const geo::Vec3 v = prev.velocity_mps + f * (s.velocity_mps - prev.velocity_mps);
      const double t_hit = t - dt + f * dt;
      if (rec) {
        rec->finish(t_hit, p, v);
        rec->mark(t_hit, MarkKind::kWaypoint, 1);
      }
      const geo::Lla hit = geo::ecef_to_lla(p);
      const Course c = course(g.launch, hit, g.launch_ecef.norm());
      out.down_m = c.distance_m * std::cos(c.bearing_rad - g.bearing_rad) - g.range_m;
      out.cross_m = c.distance_m * std::sin(c.bearing_rad - g.bearing_rad);
      return out;
    }
    if (rec && k % record_every == 0) rec->push(s.position_m, s.velocity_mps);
    if (t >= end_time_s) {
      if (rec) rec->finish(t, s.position_m, s.velocity_mps);
      out.down_m = -g.range_m;
      return out;
    }

    // Steering: none in boost and free flight; a flight-path hold in the glide; proportional
    // navigation on the aim point and a weave in the terminal phase.
    steer.lateral_mps2.setZero();
    const bool descending = past_apogee && climb < 0.0;
    const geo::Vec3 unit_v = speed > 0.0 ? geo::Vec3(s.velocity_mps / speed) : up;
    const geo::Vec3 g_perp = -kG0 * (up - up.dot(unit_v) * unit_v);  // gravity across the velocity
    if (rec && descending && !std::isnan(b.terminal_altitude_m) && lla.alt_m < b.terminal_altitude_m) {
      if (!terminal) rec->mark(t, MarkKind::kTerminal);
      terminal = true;
      const geo::Vec3 to_aim = g.aim_ecef - s.position_m;
      const double range = std::max(to_aim.norm(), 1.0);
      const geo::Vec3 los = to_aim / range;
      const geo::Vec3 v_perp = s.velocity_mps - s.velocity_mps.dot(los) * los;
      steer.lateral_mps2 = -kNavigationRatio * speed / range * v_perp - g_perp;
      // The weave takes what lift is left after guidance, up to its amplitude.
      geo::Vec3 side = unit_v.cross(up);
      const double spare =
          physics::lateral_limit_mps2(b.airframe, speed, lla.alt_m, s.mass_kg) - steer.lateral_mps2.norm();
      if (side.norm() > 1e-6 && b.terminal_weave_g > 0.0 && spare > 0.0) {
        side.normalize();
        const double amplitude = std::min(b.terminal_weave_g * kG0, spare);
        steer.lateral_mps2 +=
            amplitude * std::sin(2.0 * kPi * (t - launch_time_s) / b.terminal_weave_period_s) * side;
      }
    } else if (descending && !std::isnan(b.pull_up_altitude_m) && lla.alt_m < b.pull_up_altitude_m) {
      if (rec && !gliding) rec->mark(t, MarkKind::kPullUp);
      gliding = true;
      const double gamma = std::asin(std::clamp(climb / std::max(speed, 1e-9), -1.0, 1.0));
      geo::Vec3 lift_dir = up - up.dot(unit_v) * unit_v;
      if (lift_dir.norm() > 1e-9) lift_dir.normalize();
      steer.lateral_mps2 = kGlideGain * (b.glide_angle_rad - gamma) * speed * lift_dir - g_perp;
    }
    prev = s;
    prev_alt = lla.alt_m;
    physics::advance(s, b.airframe, steer, dt, dt, b.earth);
  }
}

}  // namespace

Trajectory fly_ballistic(const BallisticType& type, const geo::Lla& launch, const geo::Lla& aim,
                         double launch_time_s, double step_s, double end_time_s, BallisticShot* shot) {
  Geometry g{geo::lla_to_ecef(launch),
             geo::lla_to_ecef(aim),
             launch,
             aim,
             geo::enu_to_ecef_rotation(launch.lat_deg, launch.lon_deg),
             0.0,
             0.0};
  const Course to_aim = course(launch, aim, g.launch_ecef.norm());
  g.range_m = to_aim.distance_m;
  g.bearing_rad = to_aim.bearing_rad;
  const double horizon = launch_time_s + 3600.0;  // shots end on impact well before this
  auto fall = [&](double el, double az) {
    return simulate(type, g, el, az, kShotStep_s, nullptr, 0.0, horizon - launch_time_s);
  };

  // Scan the elevations for the range's maximum, then solve on the chosen side of it by
  // regula falsi (Illinois), correcting the azimuth for the cross-range drift (Earth
  // rotation) between the two solves.
  double az = g.bearing_rad;
  double best_el = 45.0 * kDeg, best = -1e300;
  for (double el = 5.0 * kDeg; el <= 86.0 * kDeg; el += 3.0 * kDeg) {
    const double d = fall(el, az).down_m;
    if (d > best) {
      best = d;
      best_el = el;
    }
  }
  BallisticShot result;
  double el = best_el;
  if (best < 0.0) {
    // Out of reach: fly the maximum range, its elevation refined by golden section.
    result.reaches = false;
    const double phi = (std::sqrt(5.0) - 1.0) / 2.0;
    double a = best_el - 3.0 * kDeg, c = best_el + 3.0 * kDeg;
    double x1 = c - phi * (c - a), x2 = a + phi * (c - a);
    double f1 = fall(x1, az).down_m, f2 = fall(x2, az).down_m;
    for (int it = 0; it < 30; ++it) {
      if (f1 > f2) {
        c = x2;
        x2 = x1;
        f2 = f1;
        x1 = c - phi * (c - a);
        f1 = fall(x1, az).down_m;
      } else {
        a = x1;
        x1 = x2;
        f1 = f2;
        x2 = a + phi * (c - a);
        f2 = fall(x2, az).down_m;
      }
    }
    el = (a + c) / 2.0;
  } else {
    for (int pass = 0; pass < 2; ++pass) {
      double lo = type.profile == BallisticProfile::kLofted ? best_el : 2.0 * kDeg;
      double hi = type.profile == BallisticProfile::kLofted ? 88.0 * kDeg : best_el;
      double f_lo = fall(lo, az).down_m, f_hi = fall(hi, az).down_m;
      if (f_lo * f_hi > 0.0) {  // no crossing on this side: fly the nearest end
        el = std::abs(f_lo) < std::abs(f_hi) ? lo : hi;
      } else {
        int side = 0;
        for (int it = 0; it < 40; ++it) {
          el = (lo * f_hi - hi * f_lo) / (f_hi - f_lo);
          const double f = fall(el, az).down_m;
          if (std::abs(f) < 1.0 || hi - lo < 1e-9) break;
          if (f * f_hi > 0.0) {
            hi = el;
            f_hi = f;
            if (side == 1) f_lo /= 2.0;
            side = 1;
          } else {
            lo = el;
            f_lo = f;
            if (side == -1) f_hi /= 2.0;
            side = -1;
          }
        }
      }
      const Outcome o = fall(el, az);
      az -= o.cross_m / std::max(g.range_m + o.down_m, 1.0);
    }
  }

  Trajectory t(launch_time_s, step_s);
  const Outcome o = simulate(type, g, el, az, kControlStep_s, &t, launch_time_s, end_time_s);
  if (shot) {
    result.elevation_rad = el;
    result.azimuth_rad = az;
    result.miss_m = std::hypot(o.down_m, o.cross_m);
    result.apogee_m = o.apogee_m;
    result.burnout_speed_mps = o.burnout_speed_mps;
    result.burnout_path_angle_rad = o.burnout_path_rad;
    *shot = result;
  }
  return t;
}

}  // namespace opensam::threats
