// Ballistic flight against the closed forms of Keplerian flight over a spherical Earth
// (Zarchan, "Tactical and Strategic Missile Guidance", 6th ed., ch. 9 and 12): the range
// angle phi of a burnout speed v and flight-path angle gamma, tan(phi/2) = nu sin g cos g /
// (1 - nu cos^2 g) with nu = v^2 r / GM; the apogee of that ellipse; and the minimum-energy
// relations gamma* = 45 deg - phi/4, nu* = 2 sin(phi/2) / (1 + sin(phi/2)).
#include "opensam/threats/ballistic.hpp"

#include <gtest/gtest.h>

#include <GeographicLib/Geodesic.hpp>
#include <cmath>
#include <numbers>

#include "opensam/physics/gravity.hpp"

namespace opensam::threats {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kDeg = kPi / 180.0;
constexpr double kR = 6378137.0;  // launch radius: on the equator
const double kMu = physics::kEarthGm_m3_s2;

/// A vacuum missile whose motor gives `dv` in 0.2 s: impulsive enough for the closed forms.
BallisticType impulsive(double dv) {
  BallisticType b;
  b.launch_mass_kg = 1000.0;
  b.earth = physics::EarthModel::kSpherical;
  b.airframe.reference_area_m2 = 0.0;
  b.airframe.drag = {{0.0}, {0.0}};
  b.airframe.motor = {{0.2, 1000.0 * dv / 0.2, 0.0}};
  return b;
}

double range_angle(double v, double gamma) {
  const double nu = v * v * kR / kMu;
  return 2.0 *
         std::atan2(nu * std::sin(gamma) * std::cos(gamma), 1.0 - nu * std::cos(gamma) * std::cos(gamma));
}

double apogee_m(double v, double gamma) {
  const double energy = v * v / 2.0 - kMu / kR;
  const double a = -kMu / (2.0 * energy);
  const double h = kR * v * std::cos(gamma);
  const double e = std::sqrt(1.0 + 2.0 * energy * h * h / (kMu * kMu));
  return a * (1.0 + e) - kR;
}

TEST(Ballistic, VacuumShotsMatchTheKeplerRangeAndApogeeOnBothBranches) {
  const geo::Lla launch{0.0, 10.0, 0.0};
  // Aim where a 60 deg shot at the burnout speed falls; the lofted solution is that shot.
  BallisticType b = impulsive(2000.0);
  BallisticShot probe;
  (void)fly_ballistic(b, launch, {0.0, 14.0, 0.0}, 0.0, 0.25, 3600.0, &probe);
  const double v = probe.burnout_speed_mps;  // the motor's speed less 0.2 s of gravity
  const double phi = range_angle(v, 60.0 * kDeg);
  const geo::Lla aim{0.0, 10.0 + phi / kDeg, 0.0};
  BallisticShot lofted;
  const Trajectory t = fly_ballistic(b, launch, aim, 0.0, 0.25, 3600.0, &lofted);
  EXPECT_TRUE(lofted.reaches);
  EXPECT_NEAR(lofted.burnout_path_angle_rad, 60.0 * kDeg, 0.05 * kDeg);
  EXPECT_NEAR(lofted.apogee_m, apogee_m(lofted.burnout_speed_mps, lofted.burnout_path_angle_rad), 200.0);
  EXPECT_LT(lofted.miss_m, 5.0);
  const geo::Lla end = t.state_at(t.end_time_s()).lla;
  EXPECT_NEAR(end.lon_deg, aim.lon_deg, 1e-4);

  // The depressed branch: the other angle with the same range angle.
  b.profile = BallisticProfile::kDepressed;
  BallisticShot low;
  (void)fly_ballistic(b, launch, aim, 0.0, 0.25, 3600.0, &low);
  EXPECT_LT(low.burnout_path_angle_rad, lofted.burnout_path_angle_rad);
  // Within the 0.2 s burn's 200 m or so down-range (3e-5 rad) that the closed form ignores.
  EXPECT_NEAR(range_angle(low.burnout_speed_mps, low.burnout_path_angle_rad), phi, 1e-4);
  EXPECT_LT(low.apogee_m, lofted.apogee_m / 2.0);
  EXPECT_LT(low.miss_m, 5.0);
}

TEST(Ballistic, OutOfReachItFliesTheMinimumEnergyAngle) {
  // 1.72 km/s reaches about 300 km at the minimum-energy angle; aim at 1,000 km.
  const BallisticType b = impulsive(1720.0);
  BallisticShot shot;
  const Trajectory t = fly_ballistic(b, {0.0, 10.0, 0.0}, {0.0, 19.0, 0.0}, 0.0, 0.25, 3600.0, &shot);
  EXPECT_FALSE(shot.reaches);
  const double phi = t.state_at(t.end_time_s()).lla.lon_deg * kDeg - 10.0 * kDeg;
  const double s = std::sin(phi / 2.0);
  EXPECT_NEAR(shot.burnout_path_angle_rad, kPi / 4.0 - phi / 4.0, 0.3 * kDeg);
  const double nu = shot.burnout_speed_mps * shot.burnout_speed_mps * kR / kMu;
  EXPECT_NEAR(nu, 2.0 * s / (1.0 + s), 2e-3 * nu);
  // The flat-Earth rule of thumb: about 300 km and an apogee of a quarter of it.
  EXPECT_NEAR(phi * kR, 300e3, 15e3);
  EXPECT_NEAR(shot.apogee_m, phi * kR / 4.0, 0.1 * phi * kR / 4.0);
}

/// A Scud-class missile in air on the rotating WGS-84 Earth (illustrative figures).
BallisticType scud_like() {
  BallisticType b;
  b.launch_mass_kg = 5900.0;
  b.airframe.reference_area_m2 = 0.6;
  b.airframe.drag = {{0.0, 0.8, 1.2, 3.0, 6.0}, {0.2, 0.25, 0.4, 0.25, 0.2}};
  b.airframe.motor = {{62.0, 130e3, 3700.0 / 62.0}};
  return b;
}

TEST(Ballistic, HitsItsAimPointThroughAirOnTheRotatingEarth) {
  const geo::Lla launch{36.0, 38.0, 400.0}, aim{37.5, 39.8, 900.0};
  double range = 0.0;
  GeographicLib::Geodesic::WGS84().Inverse(launch.lat_deg, launch.lon_deg, aim.lat_deg, aim.lon_deg, range);
  BallisticShot shot;
  const Trajectory t = fly_ballistic(scud_like(), launch, aim, 100.0, 0.25, 4000.0, &shot);
  ASSERT_TRUE(shot.reaches);
  const geo::Lla end = t.state_at(t.end_time_s()).lla;
  double miss = 0.0;
  GeographicLib::Geodesic::WGS84().Inverse(end.lat_deg, end.lon_deg, aim.lat_deg, aim.lon_deg, miss);
  EXPECT_LT(miss, 100.0);
  EXPECT_NEAR(end.alt_m, 900.0, 1.0);
  EXPECT_GT(range, 230e3);
  EXPECT_GT(shot.apogee_m, 60e3);
  std::vector<MarkKind> kinds;
  for (const Mark& m : t.marks()) kinds.push_back(m.kind);
  EXPECT_EQ(kinds, (std::vector<MarkKind>{MarkKind::kBurnout, MarkKind::kApogee, MarkKind::kWaypoint}));
}

TEST(Ballistic, QuasiBallisticFliesLowPullsUpAndWeavesOntoTheAimPoint) {
  BallisticType b = scud_like();
  b.profile = BallisticProfile::kDepressed;
  b.airframe.motor = {{50.0, 200e3, 3700.0 / 50.0}};
  b.airframe.cl_max = 2.0;
  b.airframe.max_load_factor = 20.0;
  b.pull_up_altitude_m = 25e3;
  b.glide_angle_rad = -8.0 * kDeg;
  b.terminal_altitude_m = 10e3;
  b.terminal_weave_g = 5.0;
  const geo::Lla launch{36.0, 38.0, 400.0}, aim{37.5, 39.8, 900.0};
  BallisticShot lofted, quasi;
  (void)fly_ballistic(scud_like(), launch, aim, 0.0, 0.25, 4000.0, &lofted);
  const Trajectory t = fly_ballistic(b, launch, aim, 0.0, 0.25, 4000.0, &quasi);
  EXPECT_LT(quasi.apogee_m, lofted.apogee_m * 0.7);
  const geo::Lla end = t.state_at(t.end_time_s()).lla;
  double miss = 0.0;
  GeographicLib::Geodesic::WGS84().Inverse(end.lat_deg, end.lon_deg, aim.lat_deg, aim.lon_deg, miss);
  EXPECT_LT(miss, 10.0);
  std::vector<MarkKind> kinds;
  for (const Mark& m : t.marks()) kinds.push_back(m.kind);
  EXPECT_EQ(kinds, (std::vector<MarkKind>{MarkKind::kBurnout, MarkKind::kApogee, MarkKind::kPullUp,
                                          MarkKind::kTerminal, MarkKind::kWaypoint}));
  // The terminal weave swings the missile across its course.
  double terminal_start = 0.0;
  for (const Mark& m : t.marks())
    if (m.kind == MarkKind::kTerminal) terminal_start = m.time_s;
  double peak = 0.0;
  for (std::size_t i = 1; i + 2 < t.size(); ++i) {
    if (t.sample_time_s(i) < terminal_start) continue;
    peak = std::max(peak, ((t.sample_velocity(i + 1) - t.sample_velocity(i)) / t.step_s()).norm());
  }
  EXPECT_GT(peak, 3.0 * 9.81);
  EXPECT_LT(peak, 21.0 * 9.81 + 9.81);
}

}  // namespace
}  // namespace opensam::threats
