#pragma once
/// @file A threat flying a waypoint route: geodesic legs on the WGS-84 ellipsoid (Karney
/// 2013, "Algorithms for geodesics", via GeographicLib), constant speed along each leg,
/// altitude changing linearly with distance. Position and velocity are computed at any time,
/// not stepped.

#include <GeographicLib/GeodesicLine.hpp>
#include <span>
#include <vector>

#include "opensam/geo/frames.hpp"

namespace opensam::threats {

/// One point of a route, heights above the ellipsoid; `speed_mps` is the speed of the leg
/// that starts here (ignored on the last point).
struct RoutePoint {
  geo::Lla lla;
  double speed_mps = 0.0;
};

/// Position and velocity of a mover at one instant.
struct KinematicState {
  geo::Lla lla;
  geo::Vec3 position_ecef_m;
  geo::Vec3 velocity_ecef_mps;
};

class WaypointRoute {
 public:
  /// A route through `points` (at least two, consecutive points distinct, speeds > 0),
  /// leaving the first point at `start_time_s`.
  WaypointRoute(std::span<const RoutePoint> points, double start_time_s);

  [[nodiscard]] double start_time_s() const { return arrival_s_.front(); }
  [[nodiscard]] double end_time_s() const { return arrival_s_.back(); }
  [[nodiscard]] std::size_t point_count() const { return arrival_s_.size(); }
  /// Time at which the mover reaches point `i` (point 0: the start time).
  [[nodiscard]] double arrival_time_s(std::size_t i) const { return arrival_s_[i]; }
  /// Path length of leg `i` (from point i to i+1), slant: sqrt(ground^2 + climb^2).
  [[nodiscard]] double leg_length_m(std::size_t i) const;

  /// State at time `t_s`, clamped to [start, end]: at rest before the start and after the end
  /// is not defined, so velocity there is the first or last leg's.
  [[nodiscard]] KinematicState state_at(double t_s) const;

 private:
  struct Leg {
    GeographicLib::GeodesicLine line;
    double ground_m;  ///< geodesic length on the ellipsoid
    double alt0_m;
    double climb_m;  ///< altitude change over the leg
    double duration_s;
  };
  std::vector<Leg> legs_;
  std::vector<double> arrival_s_;
};

}  // namespace opensam::threats
