#include "opensam/sim/threat_flight.hpp"

#include <cmath>
#include <numbers>

#include "opensam/sim/radar.hpp"

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
  m.plan.dive_angle_rad = threat.dive_angle_rad.value_or(type.dive_angle_rad);
  m.plan.loiter_radius_m = threat.loiter_radius_m;
  for (const auto& s : threat.manoeuvres) {
    m.plan.manoeuvres.push_back({s.weave ? threats::ManoeuvreKind::kWeave : threats::ManoeuvreKind::kBreak,
                                 s.at_s, s.duration_s, s.angle_rad, s.period_s, nan});
  }
  m.perf = type.performance;
  if (type.kind == scenario::ThreatKind::kBallisticMissile) {
    m.ballistic = true;
    m.missile = type.ballistic;
  }
  return m;
}

}  // namespace opensam::sim
