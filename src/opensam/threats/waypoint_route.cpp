#include "opensam/threats/waypoint_route.hpp"

#include <GeographicLib/Geodesic.hpp>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "opensam/core/assert.hpp"

namespace opensam::threats {

WaypointRoute::WaypointRoute(std::span<const RoutePoint> points, double start_time_s) {
  OPENSAM_ASSERT(points.size() >= 2);
  const GeographicLib::Geodesic& geod = GeographicLib::Geodesic::WGS84();
  legs_.reserve(points.size() - 1);
  arrival_s_.reserve(points.size());
  arrival_s_.push_back(start_time_s);
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    const geo::Lla& a = points[i].lla;
    const geo::Lla& b = points[i + 1].lla;
    OPENSAM_ASSERT(points[i].speed_mps > 0.0);
    GeographicLib::GeodesicLine line = geod.InverseLine(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg);
    const double ground = line.Distance();
    const double climb = b.alt_m - a.alt_m;
    const double length = std::hypot(ground, climb);
    OPENSAM_ASSERT(length > 0.0);
    const double duration = length / points[i].speed_mps;
    legs_.push_back({line, ground, a.alt_m, climb, duration});
    arrival_s_.push_back(arrival_s_.back() + duration);
  }
}

double WaypointRoute::leg_length_m(std::size_t i) const {
  return std::hypot(legs_[i].ground_m, legs_[i].climb_m);
}

KinematicState WaypointRoute::state_at(double t_s) const {
  const double t = std::clamp(t_s, arrival_s_.front(), arrival_s_.back());
  // The leg whose interval holds t: the last arrival time <= t (the final point closes the last leg).
  auto it = std::upper_bound(arrival_s_.begin(), arrival_s_.end(), t);
  std::size_t i = std::size_t(std::max<std::ptrdiff_t>(0, (it - arrival_s_.begin()) - 1));
  if (i >= legs_.size()) i = legs_.size() - 1;
  const Leg& leg = legs_[i];
  const double frac = std::clamp((t - arrival_s_[i]) / leg.duration_s, 0.0, 1.0);

  KinematicState out;
  double azi_deg = 0.0;
  leg.line.Position(frac * leg.ground_m, out.lla.lat_deg, out.lla.lon_deg, azi_deg);
  out.lla.alt_m = leg.alt0_m + frac * leg.climb_m;
  out.position_ecef_m = geo::lla_to_ecef(out.lla);

  const double v_ground = leg.ground_m / leg.duration_s;
  const double azi = azi_deg * std::numbers::pi / 180.0;
  const geo::Vec3 v_enu(v_ground * std::sin(azi), v_ground * std::cos(azi), leg.climb_m / leg.duration_s);
  out.velocity_ecef_mps = geo::enu_to_ecef_rotation(out.lla.lat_deg, out.lla.lon_deg) * v_enu;
  return out;
}

}  // namespace opensam::threats
