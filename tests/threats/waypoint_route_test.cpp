#include "opensam/threats/waypoint_route.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>

namespace opensam::threats {
namespace {

constexpr double kA = 6378137.0;  // WGS-84 equatorial radius (m)
constexpr double kPi = 3.14159265358979323846;

double dms(double d, double m, double s) { return d + m / 60.0 + s / 3600.0; }

// GeographicLib GeodSolve(1) manual, EXAMPLES: JFK (40:38:23N 073:46:44W) to Singapore
// Changi (01:21:33N 103:59:22E) is 15347628 m; of its equally spaced waypoints, the one at
// 50 % is 70:20:29.2N 097:01:29.4E and the one at 30 % is 81:38:00.4N 058:37:53.9W.
TEST(WaypointRoute, FollowsTheGeodesicOfGeodSolvesExample) {
  const std::array<RoutePoint, 2> pts{RoutePoint{{dms(40, 38, 23), -dms(73, 46, 44), 10000.0}, 250.0},
                                      RoutePoint{{dms(1, 21, 33), dms(103, 59, 22), 10000.0}, 0.0}};
  const WaypointRoute r(pts, 100.0);
  EXPECT_NEAR(r.leg_length_m(0), 15347628.0, 0.5);
  EXPECT_NEAR(r.end_time_s(), 100.0 + 15347628.0 / 250.0, 0.002);

  const double one_second_of_arc = 1.0 / 3600.0;
  const auto half = r.state_at(100.0 + 0.5 * (r.end_time_s() - 100.0)).lla;
  EXPECT_NEAR(half.lat_deg, dms(70, 20, 29.2), 0.06 * one_second_of_arc);
  EXPECT_NEAR(half.lon_deg, dms(97, 1, 29.4), 0.06 * one_second_of_arc / std::cos(70.3 * kPi / 180));
  const auto at30 = r.state_at(100.0 + 0.3 * (r.end_time_s() - 100.0)).lla;
  EXPECT_NEAR(at30.lat_deg, dms(81, 38, 0.4), 0.06 * one_second_of_arc);
  EXPECT_NEAR(at30.lon_deg, -dms(58, 37, 53.9), 0.06 * one_second_of_arc / std::cos(81.6 * kPi / 180));
  EXPECT_NEAR(half.alt_m, 10000.0, 1e-9);
}

// Along the equator the geodesic is the equator: length a * dlon (closed form).
TEST(WaypointRoute, EquatorLegHasClosedFormLengthAndVelocity) {
  const std::array<RoutePoint, 2> pts{RoutePoint{{0.0, 10.0, 0.0}, 300.0}, RoutePoint{{0.0, 11.0, 0.0}, 0.0}};
  const WaypointRoute r(pts, 0.0);
  const double length = kA * kPi / 180.0;
  EXPECT_NEAR(r.leg_length_m(0), length, 1e-6);
  EXPECT_NEAR(r.arrival_time_s(1), length / 300.0, 1e-9);
  const KinematicState mid = r.state_at(r.end_time_s() / 2);
  EXPECT_NEAR(mid.lla.lon_deg, 10.5, 1e-12);
  EXPECT_NEAR(mid.lla.lat_deg, 0.0, 1e-12);
  // Heading east at (0, 10.5): east in ECEF is (-sin lon, cos lon, 0).
  const double lon = 10.5 * kPi / 180;
  EXPECT_NEAR(mid.velocity_ecef_mps.x(), -300.0 * std::sin(lon), 1e-9);
  EXPECT_NEAR(mid.velocity_ecef_mps.y(), 300.0 * std::cos(lon), 1e-9);
  EXPECT_NEAR(mid.velocity_ecef_mps.z(), 0.0, 1e-9);
}

TEST(WaypointRoute, ClimbsLinearlyAtConstantPathSpeed) {
  const std::array<RoutePoint, 3> pts{RoutePoint{{40.0, 32.0, 100.0}, 200.0},
                                      RoutePoint{{40.1, 32.0, 1100.0}, 100.0},
                                      RoutePoint{{40.2, 32.0, 1100.0}, 0.0}};
  const WaypointRoute r(pts, 5.0);
  ASSERT_EQ(r.point_count(), 3u);
  const double t1 = r.arrival_time_s(1);
  EXPECT_NEAR(t1 - 5.0, r.leg_length_m(0) / 200.0, 1e-9);
  EXPECT_NEAR(r.arrival_time_s(2) - t1, r.leg_length_m(1) / 100.0, 1e-9);
  const KinematicState s = r.state_at(5.0 + 0.25 * (t1 - 5.0));
  EXPECT_NEAR(s.lla.alt_m, 350.0, 1e-9);
  EXPECT_NEAR(s.velocity_ecef_mps.norm(), 200.0, 1e-9);
  EXPECT_NEAR(r.state_at(t1 + 1.0).velocity_ecef_mps.norm(), 100.0, 1e-9);
  // The position at a waypoint's arrival time is the waypoint.
  EXPECT_NEAR(r.state_at(t1).lla.lat_deg, 40.1, 1e-12);
  EXPECT_NEAR(r.state_at(t1).lla.alt_m, 1100.0, 1e-9);
}

TEST(WaypointRoute, ClampsOutsideItsTimeSpan) {
  const std::array<RoutePoint, 2> pts{RoutePoint{{10.0, 20.0, 0.0}, 100.0},
                                      RoutePoint{{10.0, 20.1, 0.0}, 0.0}};
  const WaypointRoute r(pts, 50.0);
  EXPECT_DOUBLE_EQ(r.state_at(0.0).lla.lon_deg, 20.0);
  EXPECT_NEAR(r.state_at(1e9).lla.lon_deg, 20.1, 1e-12);
}

// Numerical derivative of the position matches the reported velocity.
TEST(WaypointRoute, VelocityIsTheDerivativeOfPosition) {
  const std::array<RoutePoint, 2> pts{RoutePoint{{38.2, 33.3, 50.0}, 245.0},
                                      RoutePoint{{39.9, 32.7, 30.0}, 0.0}};
  const WaypointRoute r(pts, 0.0);
  const double t = 300.0, h = 1e-3;
  const geo::Vec3 numeric = (r.state_at(t + h).position_ecef_m - r.state_at(t - h).position_ecef_m) / (2 * h);
  EXPECT_LT((numeric - r.state_at(t).velocity_ecef_mps).norm(), 0.05);
}

}  // namespace
}  // namespace opensam::threats
