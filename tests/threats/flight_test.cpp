// Waypoint flight against closed forms: geodesic length over speed (Karney 2013 via
// GeographicLib), the level-turn rate g sqrt(n^2 - 1) / v, rate-limited climbs and terrain
// clearance over a synthetic ridge.
#include "opensam/threats/flight.hpp"

#include <gtest/gtest.h>

#include <GeographicLib/Geodesic.hpp>
#include <cmath>
#include <numbers>

namespace opensam::threats {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

FlightPlan two_points(geo::Lla a, geo::Lla b, double speed) {
  FlightPlan p;
  p.route = {{a, speed}, {b, speed}};
  return p;
}

double geodesic_m(const geo::Lla& a, const geo::Lla& b) {
  double s12 = 0.0;
  GeographicLib::Geodesic::WGS84().Inverse(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, s12);
  return s12;
}

TEST(Flight, LongLegTakesGeodesicLengthOverSpeedAndEndsOnTheAimPoint) {
  const geo::Lla a{38.2, 33.3, 50.0}, b{40.0, 32.6, 50.0};
  const FlightPlan plan = two_points(a, b, 250.0);
  const Trajectory t = fly(plan, {}, geo::Terrain(), start_of(plan, 100.0), 0.25, 1e5);
  const double expected = geodesic_m(a, b) / 250.0;
  EXPECT_NEAR(t.end_time_s() - 100.0, expected, expected * 1e-3);
  const geo::Lla end = t.state_at(t.end_time_s()).lla;
  EXPECT_LT(geodesic_m(end, b), 5.0);
  EXPECT_NEAR(end.alt_m, 50.0, 0.01);
  ASSERT_FALSE(t.marks().empty());
  EXPECT_EQ(t.marks().back().kind, MarkKind::kWaypoint);
  EXPECT_DOUBLE_EQ(t.marks().back().time_s, t.end_time_s());
}

TEST(Flight, TurnsNoFasterThanTheLoadFactorAllows) {
  // A right-angle dog-leg at 250 m/s and 4 g: turn rate g0 sqrt(15) / 250 = 0.152 rad/s.
  FlightPlan plan;
  plan.route = {{{40.0, 32.0, 3000.0}, 250.0}, {{40.3, 32.0, 3000.0}, 250.0}, {{40.3, 32.5, 3000.0}, 250.0}};
  Performance perf;
  perf.max_load_factor = 4.0;
  const double limit = kStandardGravity_mps2 * std::sqrt(15.0);
  const Trajectory t = fly(plan, perf, geo::Terrain(), start_of(plan, 0.0), 0.25, 1e5);
  double peak = 0.0;
  for (std::size_t i = 1; i + 1 < t.size(); ++i) {
    const geo::Vec3 a = (t.sample_velocity(i + 1) - t.sample_velocity(i)) / t.step_s();
    peak = std::max(peak, a.norm());
  }
  EXPECT_LE(peak, limit * 1.01);
  EXPECT_GE(peak, limit * 0.95);  // the turn is flown at the limit
  // The turn costs about the corner's cut: the flight is shorter than the two legs flown square.
  const double square =
      (geodesic_m({40.0, 32.0, 0}, {40.3, 32.0, 0}) + geodesic_m({40.3, 32.0, 0}, {40.3, 32.5, 0})) / 250.0;
  // Flown by: the turn starts r tan(45 deg) = r before the corner, so the path is the square
  // less 2r plus a quarter circle, with r = v^2 / a.
  const double r = 250.0 * 250.0 / limit;
  EXPECT_NEAR(t.end_time_s(), square - (2.0 - std::numbers::pi / 2.0) * r / 250.0, 0.5);
  EXPECT_LT(geodesic_m(t.state_at(t.end_time_s()).lla, {40.3, 32.5, 3000.0}), 5.0);
}

TEST(Flight, ClimbsAtItsRateLimitAndLevelsOff) {
  // 500 m to 5,500 m at 20 m/s: 250 s of climb, which the 1,000 km leg leaves room for.
  const FlightPlan plan = two_points({40.0, 30.0, 500.0}, {40.0, 42.0, 5500.0}, 230.0);
  FlightPlan up = plan;
  up.route.insert(up.route.begin() + 1, FlightPoint{{40.0, 30.5, 5500.0}, 230.0});
  Performance perf;
  perf.climb_rate_mps = 20.0;
  perf.dive_rate_mps = 30.0;
  const Trajectory t = fly(up, perf, geo::Terrain(), start_of(up, 0.0), 0.25, 1e5);
  double peak_up = 0.0, peak_down = 0.0;
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    const double climb =
        (t.state_at(t.sample_time_s(i + 1)).lla.alt_m - t.state_at(t.sample_time_s(i)).lla.alt_m) /
        (t.sample_time_s(i + 1) - t.sample_time_s(i));
    peak_up = std::max(peak_up, climb);
    peak_down = std::min(peak_down, climb);
  }
  EXPECT_LE(peak_up, 20.0 + 1e-6);
  EXPECT_GE(peak_up, 19.9);
  EXPECT_GE(peak_down, -30.0 - 1e-6);
  // 250 s after the start it is at 5,500 m (within the altitude hold's lag).
  EXPECT_NEAR(t.state_at(300.0).lla.alt_m, 5500.0 - 0.0, 60.0);
  EXPECT_NEAR(t.state_at(240.0).lla.alt_m, 500.0 + 20.0 * 240.0, 60.0);
}

/// A north-south ridge 600 m high and about 4 km wide across 32.5 E, on a 100 m grid.
geo::Terrain ridge() {
  const double dlat = 100.0 / geo::kMetresPerDegree, dlon = dlat / std::cos(40.0 * kDeg);
  const int rows = 200, cols = 700;
  std::vector<float> h(std::size_t(rows * cols));
  for (int c = 0; c < cols; ++c) {
    const double x_m = (c - 350) * 100.0;
    for (int r = 0; r < rows; ++r)
      h[std::size_t(r * cols + c)] = float(600.0 * std::exp(-x_m * x_m / (2.0 * 1000.0 * 1000.0)));
  }
  return geo::Terrain(40.0 + rows / 2 * dlat, 32.5 - 350.5 * dlon, dlat, dlon, rows, cols, std::move(h));
}

TEST(Flight, TerrainFollowingNeverGoesBelowItsClearanceOverARidge) {
  const geo::Terrain terrain = ridge();
  FlightPlan plan = two_points({40.0, 32.2, 0.0}, {40.0, 32.8, 0.0}, 240.0);
  plan.clearance_m = 50.0;
  Performance perf;
  perf.climb_rate_mps = 25.0;
  perf.dive_rate_mps = 15.0;
  const Trajectory t = fly(plan, perf, terrain, start_of(plan, 0.0), 0.25, 1e5);
  double lowest = 1e9, far_high = 0.0;
  for (double s = 0.0; s <= t.end_time_s(); s += 0.05) {
    const geo::Lla p = t.state_at(s).lla;
    const double clearance = p.alt_m - terrain.height_m(p.lat_deg, p.lon_deg);
    lowest = std::min(lowest, clearance);
    // 15 km from the ridge the missile hugs the ground again.
    if (std::abs(p.lon_deg - 32.5) > 15000.0 / (geo::kMetresPerDegree * std::cos(40.0 * kDeg)))
      far_high = std::max(far_high, clearance);
  }
  EXPECT_GE(lowest, 50.0 - 0.05);
  EXPECT_NEAR(far_high, 50.0, 0.5);
  // Climb and dive within the limits everywhere.
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    const double dt = t.sample_time_s(i + 1) - t.sample_time_s(i);
    const double climb =
        (t.state_at(t.sample_time_s(i + 1)).lla.alt_m - t.state_at(t.sample_time_s(i)).lla.alt_m) / dt;
    EXPECT_LE(climb, 25.0 + 1e-3);
    EXPECT_GE(climb, -15.0 - 1e-3);
  }
  // It crosses the crest no higher than the limits force: 650 m above the ridge line's foot.
  EXPECT_LT(t.state_at(t.end_time_s() / 2.0).lla.alt_m, 660.0);
}

TEST(Flight, DivesOntoTheAimPointAtItsDiveAngle) {
  FlightPlan plan = two_points({40.0, 32.0, 2000.0}, {40.0, 32.5, 900.0}, 50.0);
  plan.route[1].lla.alt_m = 900.0;
  plan.route[0].lla.alt_m = 2000.0;
  plan.dive_angle_rad = 30.0 * kDeg;
  FlightPlan level = plan;
  level.route[1].lla.alt_m = 2000.0;  // cruise level until the dive
  level.route.push_back({{40.0, 32.5, 900.0}, 50.0});
  level.route[1].lla.lon_deg = 32.3;
  Performance perf;
  perf.max_turn_rate_rad_s = 0.1;
  perf.climb_rate_mps = 5.0;
  perf.dive_rate_mps = 5.0;
  const Trajectory t = fly(level, perf, geo::Terrain(), start_of(level, 0.0), 0.25, 1e5);
  const auto end = t.state_at(t.end_time_s());
  EXPECT_LT(geodesic_m(end.lla, {40.0, 32.5, 0.0}), 5.0);
  EXPECT_NEAR(end.lla.alt_m, 900.0, 2.0);
  const auto mid = t.state_at(t.end_time_s() - 10.0);
  const geo::Vec3 enu =
      geo::enu_to_ecef_rotation(mid.lla.lat_deg, mid.lla.lon_deg).transpose() * mid.velocity_ecef_mps;
  EXPECT_NEAR(std::atan2(-enu.z(), std::hypot(enu.x(), enu.y())), 30.0 * kDeg, 1.0 * kDeg);
  bool terminal = false;
  for (const Mark& m : t.marks()) terminal = terminal || m.kind == MarkKind::kTerminal;
  EXPECT_TRUE(terminal);
}

TEST(Flight, LoitersForItsTimeThenGoesOn) {
  FlightPlan plan;
  plan.route = {
      {{40.0, 32.0, 1000.0}, 50.0}, {{40.0, 32.2, 1000.0}, 50.0, 600.0}, {{40.0, 32.4, 1000.0}, 50.0}};
  plan.loiter_radius_m = 1500.0;
  FlightPlan direct = plan;
  direct.route[1].loiter_s = 0.0;
  const Trajectory a = fly(plan, {}, geo::Terrain(), start_of(plan, 0.0), 0.25, 1e5);
  const Trajectory b = fly(direct, {}, geo::Terrain(), start_of(direct, 0.0), 0.25, 1e5);
  EXPECT_NEAR(a.end_time_s() - b.end_time_s(), 600.0, 60.0);
  // While loitering it stays on its orbit: within two radii of the point.
  const double reached = b.end_time_s() / 2.0;
  for (double s = reached + 10.0; s < reached + 590.0; s += 5.0)
    EXPECT_LT(geodesic_m(a.state_at(s).lla, {40.0, 32.2, 0.0}), 2.0 * 1500.0 + 50.0);
}

TEST(Flight, WeavesAboutItsCourseAndBreakTurnsAway) {
  FlightPlan plan = two_points({40.0, 32.0, 5000.0}, {40.0, 33.0, 5000.0}, 250.0);
  plan.manoeuvres = {{ManoeuvreKind::kWeave, 20.0, 120.0, 20.0 * kDeg, 30.0},
                     {ManoeuvreKind::kBreak, 200.0, 30.0, -90.0 * kDeg}};
  Performance perf;
  perf.max_load_factor = 7.0;
  const Trajectory t = fly(plan, perf, geo::Terrain(), start_of(plan, 0.0), 0.25, 1e5);
  // During the weave the heading swings both sides of east by close to the amplitude.
  double lo = 10.0, hi = -10.0;
  for (double s = 40.0; s < 130.0; s += 0.25) {
    const auto st = t.state_at(s);
    const geo::Vec3 enu =
        geo::enu_to_ecef_rotation(st.lla.lat_deg, st.lla.lon_deg).transpose() * st.velocity_ecef_mps;
    const double off = std::atan2(enu.x(), enu.y()) - 90.0 * kDeg;
    lo = std::min(lo, off);
    hi = std::max(hi, off);
  }
  EXPECT_NEAR(hi, 20.0 * kDeg, 3.0 * kDeg);
  EXPECT_NEAR(lo, -20.0 * kDeg, 3.0 * kDeg);
  // 25 s into the break it flies north (90 deg left of an eastward course).
  const auto st = t.state_at(225.0);
  const Eigen::Matrix3d to_enu = geo::enu_to_ecef_rotation(st.lla.lat_deg, st.lla.lon_deg).transpose();
  const geo::Vec3 enu = to_enu * st.velocity_ecef_mps;
  const geo::Vec3 to_end = to_enu * (geo::lla_to_ecef({40.0, 33.0, 5000.0}) - st.position_ecef_m);
  EXPECT_NEAR(
      std::remainder(std::atan2(to_end.x(), to_end.y()) - std::atan2(enu.x(), enu.y()), 2 * std::numbers::pi),
      90.0 * kDeg, 3.0 * kDeg);
  std::vector<MarkKind> kinds;
  for (const Mark& m : t.marks()) kinds.push_back(m.kind);
  EXPECT_EQ(kinds, (std::vector<MarkKind>{MarkKind::kWeave, MarkKind::kBreakTurn, MarkKind::kWaypoint}));
  EXPECT_LT(geodesic_m(t.state_at(t.end_time_s()).lla, {40.0, 33.0, 0.0}), 5.0);
}

TEST(Flight, ResumesMidFlightWhereItWas) {
  const FlightPlan plan = two_points({40.0, 32.0, 3000.0}, {40.0, 33.0, 3000.0}, 250.0);
  const Trajectory t = fly(plan, {}, geo::Terrain(), start_of(plan, 0.0), 0.25, 1e5);
  const FlightStart s = resume_from(t.state_at(100.0), 100.0, 0.0, 1);
  const Trajectory rest = fly(plan, {}, geo::Terrain(), s, 0.25, 1e5);
  EXPECT_NEAR(rest.end_time_s(), t.end_time_s(), 0.3);
  EXPECT_NEAR(s.speed_mps, 250.0, 1e-6);
  EXPECT_NEAR(s.heading_rad, 90.0 * kDeg, 0.01);
}

}  // namespace
}  // namespace opensam::threats
