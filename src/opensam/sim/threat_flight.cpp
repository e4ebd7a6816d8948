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

}  // namespace opensam::sim
