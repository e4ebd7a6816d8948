#include "opensam/threats/flight.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "opensam/core/assert.hpp"

namespace opensam::threats {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kDeg = kPi / 180.0;
// WGS-84 (NIMA TR8350.2).
constexpr double kA_m = 6378137.0;
constexpr double kFlattening = 1.0 / 298.257223563;
constexpr double kE2 = kFlattening * (2.0 - kFlattening);
/// Time constant of the altitude hold (s): how fast the flyer closes an altitude error.
constexpr double kAltitudeLag_s = 2.0;
/// Outside terminal dives the flight path stays within +-45 deg: a numerical guard for
/// route altitude steps on types with no climb limit, not a performance figure.
const double kMaxPathSine = std::sin(45.0 * kDeg);

struct Radii {
  double meridian_m;
  double normal_m;
};

/// Meridian and prime-vertical radii of curvature at a geodetic latitude.
Radii radii(double lat_rad) {
  const double s = std::sin(lat_rad);
  const double w = 1.0 - kE2 * s * s;
  const double n = kA_m / std::sqrt(w);
  return {n * (1.0 - kE2) / w, n};
}

double wrap(double a) { return std::remainder(a, 2.0 * kPi); }

/// Great-circle course on the sphere of the local mean radius at the start point.
Course course(double lat1, double lon1, double lat2, double lon2, double alt_m) {
  const Radii r = radii(lat1);
  return great_circle(lat1, lon1, lat2, lon2, std::sqrt(r.meridian_m * r.normal_m) + alt_m);
}

/// Sine and cosine of a latitude, computed once and shared by the formulas that need them.
struct LatTrig {
  double lat, s, c;
  explicit LatTrig(double lat_rad) : lat(lat_rad), s(std::sin(lat_rad)), c(std::cos(lat_rad)) {}
};

/// course() with the latitudes' sines and cosines given: the same operations, so the same bits.
Course course(const LatTrig& p1, double lon1, const LatTrig& p2, double lon2, double alt_m) {
  const double w = 1.0 - kE2 * p1.s * p1.s;
  const double n = kA_m / std::sqrt(w);
  const double radius = std::sqrt(n * (1.0 - kE2) / w * n) + alt_m;
  const double dlon = lon2 - lon1;
  const double sdlat = std::sin((p2.lat - p1.lat) / 2.0), sdlon = std::sin(dlon / 2.0);
  const double hav = std::min(sdlat * sdlat + p1.c * p2.c * sdlon * sdlon, 1.0);
  const double bearing = std::atan2(std::sin(dlon) * p2.c, p1.c * p2.s - p1.s * p2.c * std::cos(dlon));
  return {2.0 * radius * std::asin(std::sqrt(hav)), bearing};
}

struct Step {
  double lat, lon, alt, east, north, up;  ///< rad, rad, m, m/s
  double time_s;
};

MarkKind mark_of(ManoeuvreKind k) {
  switch (k) {
    case ManoeuvreKind::kBreak: return MarkKind::kBreakTurn;
    case ManoeuvreKind::kWeave: return MarkKind::kWeave;
    case ManoeuvreKind::kReaction: return MarkKind::kReaction;
  }
  return MarkKind::kBreakTurn;
}

/// Highest terrain along the straight segment between two steps, sampled at a quarter of
/// the grid spacing.
double max_terrain(const geo::Terrain& terrain, const Step& a, const Step& b, double length_m) {
  if (terrain.empty()) return 0.0;
  const int n = 1 + int(std::ceil(length_m / std::max(terrain.spacing_m() / 4.0, 1.0)));
  double top = -1e9;
  for (int k = 0; k <= n; ++k) {
    const double f = double(k) / n;
    top = std::max(
        top, terrain.height_m((a.lat + f * (b.lat - a.lat)) / kDeg, (a.lon + f * (b.lon - a.lon)) / kDeg));
  }
  return top;
}

/// Terrain following: the lowest profile above terrain + clearance over every segment whose
/// climb and dive rates stay within the limits. The backward pass climbs early enough for
/// each rise; the forward pass descends no faster than the dive limit. Between samples the
/// profile is linear and each end clears the segment's highest terrain, so the whole path does.
void follow_terrain(std::vector<Step>& steps, const geo::Terrain& terrain, double clearance_m,
                    const Performance& perf) {
  const std::size_t n = steps.size();
  if (n == 0) return;
  std::vector<double> seg_top(n > 1 ? n - 1 : 0);
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const Step& a = steps[i];
    const Step& b = steps[i + 1];
    const double len = std::hypot(a.east, a.north) * (b.time_s - a.time_s);
    seg_top[i] = max_terrain(terrain, a, b, len);
  }
  std::vector<double> floor(n);
  for (std::size_t i = 0; i < n; ++i) {
    double top = n == 1 ? max_terrain(terrain, steps[0], steps[0], 0.0) : -1e9;
    if (i > 0) top = std::max(top, seg_top[i - 1]);
    if (i + 1 < n) top = std::max(top, seg_top[i]);
    floor[i] = top + clearance_m;
  }
  std::vector<double> h = floor;
  for (std::size_t i = n - 1; i-- > 0;)
    h[i] = std::max(h[i], h[i + 1] - perf.climb_rate_mps * (steps[i + 1].time_s - steps[i].time_s));
  for (std::size_t i = 0; i + 1 < n; ++i)
    h[i + 1] = std::max(h[i + 1], h[i] - perf.dive_rate_mps * (steps[i + 1].time_s - steps[i].time_s));
  for (std::size_t i = 0; i < n; ++i) {
    steps[i].alt = h[i];
    const std::size_t j = i + 1 < n ? i : i - (n > 1 ? 1 : 0);
    const double dt = j + 1 < n ? steps[j + 1].time_s - steps[j].time_s : 0.0;
    steps[i].up = dt > 0.0 ? (h[j + 1] - h[j]) / dt : 0.0;
  }
}

/// The manoeuvre of `plan` active `since_launch_s` after launch, if any (its index, else -1),
/// and what it commands: a heading off the course `bearing_rad` to the next point, or a held
/// heading and altitude (a reaction).
int manoeuvre_command(const FlightPlan& plan, double since_launch_s, double bearing_rad, double& psi_cmd,
                      double& alt_cmd, double& feed) {
  for (std::size_t k = 0; k < plan.manoeuvres.size(); ++k) {
    const Manoeuvre& m = plan.manoeuvres[k];
    const double since = since_launch_s - m.start_s;
    if (since < 0.0 || since >= m.duration_s) continue;
    switch (m.kind) {
      case ManoeuvreKind::kBreak: psi_cmd = bearing_rad + m.angle_rad; break;
      case ManoeuvreKind::kWeave:
        psi_cmd = bearing_rad + m.angle_rad * std::sin(2.0 * kPi * since / m.period_s);
        break;
      case ManoeuvreKind::kReaction:
        psi_cmd = m.angle_rad;
        if (!std::isnan(m.altitude_m)) {
          alt_cmd = m.altitude_m;
          feed = 0.0;
        }
        break;
    }
    return int(k);
  }
  return -1;
}

/// The steps as the trajectory's samples (ECEF); the last one is the flight's end when `finished`.
void append_steps(const std::vector<Step>& steps, bool finished, Trajectory& out) {
  out.reserve(steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Step& s = steps[i];
    const double lat_deg = s.lat / kDeg, lon_deg = s.lon / kDeg;
    const geo::Vec3 p = geo::lla_to_ecef({lat_deg, lon_deg, s.alt});
    const geo::Vec3 vel = geo::enu_to_ecef_rotation(lat_deg, lon_deg) * geo::Vec3(s.east, s.north, s.up);
    if (finished && i + 1 == steps.size())
      out.finish(s.time_s, p, vel);
    else
      out.push(p, vel);
  }
}

}  // namespace

Course great_circle(double lat1_rad, double lon1_rad, double lat2_rad, double lon2_rad, double radius_m) {
  const LegShape leg = leg_shape(lat1_rad, lon1_rad, lat2_rad, lon2_rad);
  return {leg.distance_m(radius_m), leg.bearing_rad};
}

LegShape leg_shape(double lat1_rad, double lon1_rad, double lat2_rad, double lon2_rad) {
  const double dlon = lon2_rad - lon1_rad;
  const double c1 = std::cos(lat1_rad), c2 = std::cos(lat2_rad);
  const double sdlat = std::sin((lat2_rad - lat1_rad) / 2.0), sdlon = std::sin(dlon / 2.0);
  const double hav = std::min(sdlat * sdlat + c1 * c2 * sdlon * sdlon, 1.0);
  const double bearing =
      std::atan2(std::sin(dlon) * c2, c1 * std::sin(lat2_rad) - std::sin(lat1_rad) * c2 * std::cos(dlon));
  return {std::asin(std::sqrt(hav)), bearing};
}

double turn_rate_rad_s(const Performance& p, double speed_mps) {
  const double n = p.max_load_factor;
  const double lateral =
      std::isinf(n) ? kUnlimited : kStandardGravity_mps2 * std::sqrt(std::max(n * n - 1.0, 0.0));
  return std::min(p.max_turn_rate_rad_s, lateral / std::max(speed_mps, 1e-3));
}

FlightStart start_of(const FlightPlan& plan, double time_s) {
  OPENSAM_ASSERT(plan.route.size() >= 2);  // the loader and replan() see to it
  const geo::Lla& a = plan.route[0].lla;
  const geo::Lla& b = plan.route[1].lla;
  FlightStart s;
  s.lla = a;
  s.heading_rad =
      course(a.lat_deg * kDeg, a.lon_deg * kDeg, b.lat_deg * kDeg, b.lon_deg * kDeg, a.alt_m).bearing_rad;
  s.speed_mps = plan.route[0].speed_mps;
  s.time_s = time_s;
  s.launch_time_s = time_s;
  return s;
}

FlightStart resume_from(const KinematicState& state, double time_s, double launch_time_s,
                        std::size_t next_point) {
  const geo::Vec3 enu = geo::ecef_to_enu_vector(state.lla, state.velocity_ecef_mps);
  FlightStart s;
  s.lla = state.lla;
  s.heading_rad = std::atan2(enu.x(), enu.y());
  s.speed_mps = enu.norm();
  s.climb_mps = enu.z();
  s.time_s = time_s;
  s.launch_time_s = launch_time_s;
  s.next_point = next_point;
  return s;
}

// One integration loop whose state (position, heading, speed, climb, leg, loiter, dive, active
// manoeuvre) lives in locals from one step to the next: split further, that state would travel
// between functions for no gain in clarity, so the step stays whole here (about 140 lines).
Trajectory fly(const FlightPlan& plan, const Performance& perf, const geo::Terrain& terrain,
               const FlightStart& start, double step_s, double end_time_s) {
  const auto& route = plan.route;
  OPENSAM_ASSERT(route.size() >= 2 && start.next_point > 0 && start.next_point < route.size());
  const bool tf = std::isfinite(plan.clearance_m);
  Trajectory out(start.time_s, step_s);
  std::vector<Step> steps;
  steps.reserve(std::size_t(std::clamp((end_time_s - start.time_s) / step_s, 0.0, 65536.0)) + 2);

  double lat = start.lla.lat_deg * kDeg, lon = start.lla.lon_deg * kDeg, alt = start.lla.alt_m;
  double psi = start.heading_rad, v = start.speed_mps, vz = start.climb_mps;
  double t = start.time_s;
  double loiter_until = start.loiter_until_s;
  std::size_t next = start.next_point;
  bool dive = false;
  int active = -1;
  bool finished = false;

  // What does not change along a leg: its shape on the sphere, the mean radius at its start
  // and the turn onto the next leg (course() on each step gave the same numbers).
  std::size_t leg_of = 0;
  LatTrig here(lat), target_trig(0.0);
  LegShape leg_shape_now{}, after_shape{};
  double leg_radius_m = 0.0;
  while (true) {
    const FlightPoint& prev = route[next - 1];
    const FlightPoint& target = route[next];
    const bool last = next + 1 == route.size();
    const double tlat = target.lla.lat_deg * kDeg, tlon = target.lla.lon_deg * kDeg;
    if (leg_of != next) {
      leg_of = next;
      target_trig = LatTrig(tlat);
      const double plat = prev.lla.lat_deg * kDeg;
      leg_shape_now = leg_shape(plat, prev.lla.lon_deg * kDeg, tlat, tlon);
      const Radii pr = radii(plat);
      leg_radius_m = std::sqrt(pr.meridian_m * pr.normal_m);
      if (!last) {
        const FlightPoint& after = route[next + 1];
        after_shape = leg_shape(tlat, tlon, after.lla.lat_deg * kDeg, after.lla.lon_deg * kDeg);
      }
    }
    if (here.lat != lat) here = LatTrig(lat);
    const Course c = course(here, lon, target_trig, tlon, alt);
    const double rel = wrap(c.bearing_rad - psi);
    const bool loitering = t < loiter_until;
    const double omega =
        loitering ? std::min(turn_rate_rad_s(perf, v), v / plan.loiter_radius_m) : turn_rate_rad_s(perf, v);
    const double v_h = std::sqrt(std::max(v * v - vz * vz, 0.0));
    const double turn_radius = std::isinf(omega) ? 0.0 : v / omega;
    // Fly-by: an intermediate point is passed when the turn onto the next leg must begin,
    // r tan(change / 2) before it.
    double lead = 0.0;
    if (!last && target.loiter_s <= 0.0 && turn_radius > 0.0) {
      const double change = wrap(after_shape.bearing_rad - c.bearing_rad);
      lead = turn_radius * std::tan(std::min(std::abs(change), 150.0 * kDeg) / 2.0);
    }
    if (!loitering && (c.distance_m <= v_h * step_s + lead ||
                       (std::abs(rel) > kPi / 2.0 && c.distance_m < 2.0 * turn_radius + v_h * step_s))) {
      if (last) {
        // Closest approach to the last point, inside this step.
        const double along = std::max(c.distance_m * std::cos(rel), 0.0);
        const double tau = v_h > 0.0 ? std::min(along / v_h, step_s) : 0.0;
        const Radii r = radii(lat);
        const double north = v_h * std::cos(psi), east = v_h * std::sin(psi);
        steps.push_back({lat, lon, alt, east, north, vz, t});
        steps.push_back({lat + north * tau / (r.meridian_m + alt),
                         lon + east * tau / ((r.normal_m + alt) * std::cos(lat)), alt + vz * tau, east, north,
                         vz, t + tau});
        out.mark(t + tau, MarkKind::kWaypoint, std::uint32_t(next));
        finished = true;
        break;
      }
      out.mark(t, MarkKind::kWaypoint, std::uint32_t(next));
      if (target.loiter_s > 0.0) {
        loiter_until = t + target.loiter_s;
        out.mark(t, MarkKind::kLoiter, std::uint32_t(next));
      }
      ++next;
      continue;
    }

    // Commands: course to the next point, altitude along the leg.
    double psi_cmd = c.bearing_rad;
    const Course leg{leg_shape_now.distance_m(leg_radius_m + alt), leg_shape_now.bearing_rad};
    const double frac =
        leg.distance_m > 0.0 ? std::clamp(1.0 - c.distance_m / leg.distance_m, 0.0, 1.0) : 1.0;
    double alt_cmd = prev.lla.alt_m + frac * (target.lla.alt_m - prev.lla.alt_m);
    double feed = leg.distance_m > 0.0 ? (target.lla.alt_m - prev.lla.alt_m) / leg.distance_m * v_h : 0.0;
    const bool diving_leg = last && plan.aim_point && plan.dive_angle_rad > 0.0 && !tf;
    if (diving_leg) {  // level until the dive
      alt_cmd = prev.lla.alt_m;
      feed = 0.0;
    }
    if (loitering) {
      psi_cmd = psi + kPi / 2.0;  // orbit right at the turn limit
      alt_cmd = prev.lla.alt_m;
      feed = 0.0;
    }
    const int now_active =
        manoeuvre_command(plan, t - start.launch_time_s, c.bearing_rad, psi_cmd, alt_cmd, feed);
    if (now_active >= 0 && now_active != active)
      out.mark(t, mark_of(plan.manoeuvres[std::size_t(now_active)].kind), std::uint32_t(now_active));
    active = now_active;

    const double drop = alt - target.lla.alt_m;
    if (diving_leg && !dive && drop > 0.0 && c.distance_m * std::tan(plan.dive_angle_rad) <= drop) {
      dive = true;
      out.mark(t, MarkKind::kTerminal, std::uint32_t(next));
    }

    // Turn, speed, climb within the limits.
    const double dpsi = std::clamp(wrap(psi_cmd - psi), -omega * step_s, omega * step_s);
    const double accel = perf.acceleration_mps2 * step_s;
    const double v_next = v + std::clamp(prev.speed_mps - v, -accel, accel);
    if (dive) {
      vz = -v * std::sin(std::atan2(std::max(drop, 0.0), c.distance_m));
    } else if (tf) {
      vz = 0.0;
    } else {
      vz = std::clamp(feed + (alt_cmd - alt) / kAltitudeLag_s, -perf.dive_rate_mps, perf.climb_rate_mps);
      vz = std::clamp(vz, -v * kMaxPathSine, v * kMaxPathSine);
    }
    const double horizontal = std::sqrt(std::max(v * v - vz * vz, 0.0));
    const double heading = dive ? c.bearing_rad : psi + dpsi / 2.0;
    const double north = horizontal * std::cos(heading), east = horizontal * std::sin(heading);
    steps.push_back({lat, lon, alt, east, north, vz, t});
    if (t >= end_time_s) break;

    const double w = 1.0 - kE2 * here.s * here.s;  // radii(lat) from the sine in hand
    const double normal = kA_m / std::sqrt(w), meridian = normal * (1.0 - kE2) / w;
    lat += north * step_s / (meridian + alt);
    here = LatTrig(lat);
    lon += east * step_s / ((normal + alt) * here.c);
    alt += vz * step_s;
    psi = dive ? c.bearing_rad : wrap(psi + dpsi);
    v = v_next;
    t = start.time_s + double(steps.size()) * step_s;
  }

  if (tf) follow_terrain(steps, terrain, plan.clearance_m, perf);
  append_steps(steps, finished, out);
  return out;
}

}  // namespace opensam::threats
