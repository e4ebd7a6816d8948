#include "opensam/sim/threat_flight.hpp"

#include <cmath>
#include <numbers>

#include "opensam/sim/radar.hpp"
#include "opensam/sim/sensor_setup.hpp"

namespace opensam::sim {

const scenario::ThreatType& threat_type_of(const scenario::Scenario& sc, const scenario::Threat& threat) {
  static const scenario::ThreatType kUntyped;
  const auto found = sc.threat_types.find(threat.type);
  return found == sc.threat_types.end() ? kUntyped : found->second;
}

FlightModel flight_model(const scenario::ThreatType& type, const scenario::Threat& threat,
                         const geo::Terrain& terrain, core::RngStream& route_rng) {
  FlightModel m;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < threat.route.size(); ++i) {
    const scenario::Waypoint& w = threat.route[i];
    scenario::GeoPoint p = w.position;
    // Route jitter moves the points between the launch point and the last one.
    if (threat.route_jitter_m > 0.0 && i > 0 && i + 1 < threat.route.size()) {
      const double north = route_rng.normal(0.0, threat.route_jitter_m);
      const double east = route_rng.normal(0.0, threat.route_jitter_m);
      p.lat_deg += north / geo::kMetresPerDegree;
      p.lon_deg += east / (geo::kMetresPerDegree * std::cos(p.lat_deg * std::numbers::pi / 180.0));
    }
    m.plan.route.push_back({to_lla(p, w.altitude, terrain), w.speed_mps, w.loiter_s});
  }
  m.plan.aim_point = threat.end == scenario::RouteEnd::kAimPoint;
  m.plan.clearance_m = threat.clearance_m.value_or(nan);
  m.plan.dive_angle_rad = threat.dive_angle_rad.value_or(figure_or(type.figures, "dive_angle", 0.0));
  m.plan.loiter_radius_m = threat.loiter_radius_m;
  for (const auto& s : threat.manoeuvres) {
    m.plan.manoeuvres.push_back({s.weave ? threats::ManoeuvreKind::kWeave : threats::ManoeuvreKind::kBreak,
                                 s.at_s, s.duration_s, s.angle_rad, s.period_s, nan});
  }
  m.perf.max_load_factor = figure_or(type.figures, "max_load_factor", threats::kUnlimited);
  m.perf.climb_rate_mps = figure_or(type.figures, "climb_rate", threats::kUnlimited);
  m.perf.dive_rate_mps = figure_or(type.figures, "dive_rate", threats::kUnlimited);

  if (type.kind == "ballistic_missile") {
    m.ballistic = true;
    threats::BallisticType& b = m.missile;
    const double burn = figure_or(type.figures, "burn_time", 1.0);
    b.launch_mass_kg = figure_or(type.figures, "launch_mass", 1.0);
    b.airframe.reference_area_m2 = figure_or(type.figures, "reference_area", 0.0);
    b.airframe.drag = {{0.0}, {figure_or(type.figures, "drag_coefficient", 0.0)}};
    b.airframe.cl_max = figure_or(type.figures, "lift_coefficient_max", threats::kUnlimited);
    b.airframe.max_load_factor = m.perf.max_load_factor;
    b.airframe.motor = {{burn, figure_or(type.figures, "thrust", 0.0),
                         figure_or(type.figures, "propellant_mass", 0.0) / burn}};
    b.profile = scenario::setting_or(type.settings, "trajectory", "lofted") == "depressed"
                    ? threats::BallisticProfile::kDepressed
                    : threats::BallisticProfile::kLofted;
    b.pull_up_altitude_m = figure_or(type.figures, "pull_up_altitude", nan);
    b.glide_angle_rad = figure_or(type.figures, "glide_angle", 0.0);
    b.terminal_altitude_m = figure_or(type.figures, "terminal_altitude", nan);
    b.terminal_weave_g = figure_or(type.figures, "terminal_weave", 0.0);
    b.terminal_weave_period_s = figure_or(type.figures, "terminal_weave_period", 4.0);
  }
  return m;
}

threats::Trajectory plan_flight(const FlightModel& model, const geo::Terrain& terrain, double launch_time_s,
                                double end_time_s) {
  if (model.ballistic) {
    return threats::fly_ballistic(model.missile, model.plan.route.front().lla, model.plan.route.back().lla,
                                  launch_time_s, kFlightStep_s, end_time_s);
  }
  return threats::fly(model.plan, model.perf, terrain, threats::start_of(model.plan, launch_time_s),
                      kFlightStep_s, end_time_s);
}

std::optional<double> arrival_time_s(const threats::Trajectory& path, const FlightModel& model) {
  for (const threats::Mark& m : path.marks()) {
    if (m.kind == threats::MarkKind::kWaypoint && m.detail + 1 == model.plan.route.size()) return m.time_s;
  }
  return std::nullopt;
}

threats::Trajectory plan_arrival(const FlightModel& model, const geo::Terrain& terrain, double arrival_s,
                                 double delay_s, double end_time_s) {
  // Manoeuvres are timed from launch, so the flight is the same whenever it launches.
  threats::Trajectory path = plan_flight(model, terrain, 0.0, arrival_s + kFlightStep_s);
  const std::optional<double> took_s = arrival_time_s(path, model);
  if (!took_s || *took_s > arrival_s) return plan_flight(model, terrain, delay_s, end_time_s);
  path.shift(arrival_s - *took_s + delay_s);
  return path;
}

double replan(threats::Trajectory& path, const FlightModel& model, const geo::Terrain& terrain,
              double launch_time_s, double now_s, double end_time_s, std::optional<threats::MarkKind> mark) {
  const std::size_t k = path.sample_at_or_after(now_s);
  if (k + 1 >= path.size()) return path.end_time_s();  // too late to change anything
  const double at = path.sample_time_s(k);
  // The route point being flown to: one past the last one reached.
  std::size_t next = 1;
  for (const threats::Mark& m : path.marks()) {
    if (m.kind == threats::MarkKind::kWaypoint && m.time_s < at)
      next = std::max<std::size_t>(next, m.detail + 1);
  }
  next = std::min(next, model.plan.route.size() - 1);
  const threats::KinematicState state{geo::ecef_to_lla(path.sample_position(k)), path.sample_position(k),
                                      path.sample_velocity(k)};
  threats::Trajectory tail =
      threats::fly(model.plan, model.perf, terrain, threats::resume_from(state, at, launch_time_s, next),
                   kFlightStep_s, end_time_s);
  if (mark) tail.mark(at, *mark);
  path.splice(k, tail);
  return at;
}

}  // namespace opensam::sim
