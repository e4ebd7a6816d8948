#pragma once
/// @file Waypoint flight of aircraft, cruise missiles, drones, decoys and anti-radiation
/// missiles: a kinematic autopilot that turns within a rate and load-factor limit, climbs and
/// dives within rate limits, changes speed within an acceleration limit, and flies route
/// points (flown by: the turn starts before the point), loiter orbits, terminal dives,
/// scripted break turns and weaves. Terrain following holds a clearance over the DEM: the
/// lowest altitude profile above terrain plus clearance whose climb and dive rates stay within
/// the limits (a backward and a forward pass), so the flyer hides behind ridges exactly as far
/// as the terrain and its limits allow.

#include <cstdint>
#include <limits>
#include <vector>

#include "opensam/geo/frames.hpp"
#include "opensam/geo/terrain.hpp"
#include "opensam/threats/trajectory.hpp"

namespace opensam::threats {

inline constexpr double kStandardGravity_mps2 = 9.80665;
inline constexpr double kUnlimited = std::numeric_limits<double>::infinity();

/// An aerodynamic flyer's limits; unlimited where its type gives none.
struct Performance {
  double max_load_factor = kUnlimited;  ///< g: level-turn lateral acceleration g0 sqrt(n^2 - 1)
  double max_turn_rate_rad_s = kUnlimited;
  double climb_rate_mps = kUnlimited;
  double dive_rate_mps = kUnlimited;
  double acceleration_mps2 = kUnlimited;  ///< speed change along the path
};

struct Course {
  double distance_m;
  double bearing_rad;  ///< initial bearing, from north
};

/// A great circle on the unit sphere: half its central angle and its initial bearing, from
/// which the course on a sphere of any radius follows (haversine form, Sinnott 1984).
struct LegShape {
  double half_angle_rad;
  double bearing_rad;
  [[nodiscard]] double distance_m(double radius_m) const { return 2.0 * radius_m * half_angle_rad; }
};
[[nodiscard]] LegShape leg_shape(double lat1_rad, double lon1_rad, double lat2_rad, double lon2_rad);

/// Great-circle distance (haversine) and initial bearing between two points, latitudes and
/// longitudes in radians, on a sphere of `radius_m`.
[[nodiscard]] Course great_circle(double lat1_rad, double lon1_rad, double lat2_rad, double lon2_rad,
                                  double radius_m);

/// Turn rate (rad/s) at `speed_mps` within the rate and load-factor limits.
[[nodiscard]] double turn_rate_rad_s(const Performance& p, double speed_mps);

/// One route point, heights above the ellipsoid; `speed_mps` is the speed of the leg that
/// starts here; the flyer orbits the point for `loiter_s` on reaching it.
struct FlightPoint {
  geo::Lla lla;
  double speed_mps = 0.0;
  double loiter_s = 0.0;
};

enum class ManoeuvreKind : std::uint8_t {
  kBreak,     ///< turn `angle_rad` off the course to the next point (+ right) and hold it
  kWeave,     ///< course + angle_rad sin(2 pi t / period_s)
  kReaction,  ///< hold heading `angle_rad` (from north) at `altitude_m`
};

/// A scripted manoeuvre, `start_s` after launch, for `duration_s`.
struct Manoeuvre {
  ManoeuvreKind kind = ManoeuvreKind::kBreak;
  double start_s = 0.0;
  double duration_s = 0.0;
  double angle_rad = 0.0;
  double period_s = 0.0;
  double altitude_m = std::numeric_limits<double>::quiet_NaN();  ///< reaction: NaN keeps the route's
};

struct FlightPlan {
  std::vector<FlightPoint> route;  ///< at least two points; the flight starts at the first
  bool aim_point = true;           ///< the last point is an aim point (else the flyer leaves there)
  double clearance_m = std::numeric_limits<double>::quiet_NaN();  ///< terrain following when set
  double dive_angle_rad = 0.0;      ///< terminal dive onto the aim point below the horizon (0: none)
  double loiter_radius_m = 2000.0;  ///< orbit radius, or the turn radius when that is larger
  std::vector<Manoeuvre> manoeuvres;
};

/// Where and how a flight (or the rest of one, after a change of plan) begins.
struct FlightStart {
  geo::Lla lla;
  double heading_rad = 0.0;  ///< from north, clockwise
  double speed_mps = 0.0;
  double climb_mps = 0.0;
  double time_s = 0.0;
  double launch_time_s = 0.0;    ///< manoeuvre times count from here
  std::size_t next_point = 1;    ///< route point flown to
  double loiter_until_s = -1.0;  ///< orbiting the previous point until then
};

/// The start of a plan: at its first point, heading for the second, at the first leg's speed.
[[nodiscard]] FlightStart start_of(const FlightPlan& plan, double time_s);

/// Samples every `step_s` of the flight from `start` until the last point or `end_time_s`.
/// Marks each route point reached, loiters, terminal dives and manoeuvres.
[[nodiscard]] Trajectory fly(const FlightPlan& plan, const Performance& perf, const geo::Terrain& terrain,
                             const FlightStart& start, double step_s, double end_time_s);

/// Heading (rad from north) and speed of a velocity at a position (for a change of plan).
[[nodiscard]] FlightStart resume_from(const KinematicState& state, double time_s, double launch_time_s,
                                      std::size_t next_point);

}  // namespace opensam::threats
