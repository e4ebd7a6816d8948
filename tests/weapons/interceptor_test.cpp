// An interceptor's flyout on the rotating WGS-84 Earth, guiding on estimates: the collision
// triangle, a hit on a perfect track, a seeker that corrects a biased track (and the miss
// without it), and self-destruct when the target is out of reach. The airframe is a 48N6-class
// sketch from the public figures (about 1,800 kg, about 1,900 m/s after a 12 s burn, 0.515 m
// body; reference data §3), not the library's data.
#include "opensam/weapons/interceptor.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "opensam/geo/frames.hpp"

namespace opensam::weapons {
namespace {

InterceptorType sketch() {
  InterceptorType t;
  t.launch_mass_kg = 1800.0;
  t.airframe.reference_area_m2 = std::numbers::pi * 0.515 * 0.515 / 4.0;
  t.airframe.drag = {{0.0, 0.8, 1.2, 3.0, 6.0}, {0.25, 0.3, 0.55, 0.35, 0.25}};
  t.airframe.cl_max = 2.0;
  t.airframe.max_load_factor = 20.0;
  // Isp 250 s, 970 kg of propellant in 12 s.
  const double flow = 970.0 / 12.0;
  t.airframe.motor = {{12.0, 250.0 * 9.80665 * flow, flow}};
  t.seeker.homing = Homing::kCommand;
  t.seeker.field_of_regard_rad = 30.0 * std::numbers::pi / 180.0;
  t.warhead.fuze_range_m = 30.0;
  t.warhead.fragments = 18000.0;
  t.warhead.fragment_speed_mps = gurney_speed_mps(1.0);
  return t;
}

/// A target flying straight and level in the launcher's east-north-up frame.
struct Target {
  geo::EnuFrame frame{geo::Lla{40.0, 32.5, 700.0}};
  Vec3 start_enu{0.0, 60000.0, 10000.0};
  Vec3 velocity_enu{0.0, -250.0, 0.0};
  [[nodiscard]] Vec3 at(double t) const { return frame.point_to_ecef(start_enu + velocity_enu * t); }
  [[nodiscard]] Vec3 velocity() const { return frame.vector_to_ecef(velocity_enu); }
};

/// Flies until the interceptor bursts or self-destructs, guiding on the truth offset by
/// `track_error_enu` (a biased track), every 0.05 s.
Interceptor fly(const InterceptorType& type, const Target& target, const Vec3& track_error_enu,
                const geo::Terrain* terrain = nullptr) {
  Interceptor m(type, target.frame.point_to_ecef(Vec3::Zero()), 0.0, terrain);
  const double dt = 0.05;
  for (double t = 0.0; m.flying() && t < 400.0; t += dt) {
    const TargetEstimate est{target.at(t) + target.frame.vector_to_ecef(track_error_enu), target.velocity(),
                             t};
    TargetTruth truth;
    truth.from_m = target.at(t);
    truth.to_m = target.at(t + dt);
    m.step(dt, est, &truth, nullptr);
  }
  return m;
}

TEST(Interceptor, CollisionTriangle) {
  // A target 3 km away crossing at 300 m/s met by 500 m/s: (500^2 - 300^2) t^2 = 3000^2, t = 7.5 s.
  EXPECT_NEAR(intercept_time_s(Vec3::Zero(), 500.0, {3000.0, 0.0, 0.0}, {0.0, 300.0, 0.0}), 7.5, 1e-12);
  // Too slow to catch a receding target.
  EXPECT_LT(intercept_time_s(Vec3::Zero(), 200.0, {3000.0, 0.0, 0.0}, {300.0, 0.0, 0.0}), 0.0);
}

TEST(Interceptor, HitsAnAircraftOnAPerfectTrack) {
  const Interceptor m = fly(sketch(), Target{}, Vec3::Zero());
  ASSERT_EQ(m.phase(), InterceptorPhase::kBurst);
  EXPECT_LT(m.miss_m(), 5.0);
  EXPECT_GT(m.time_s(), 20.0);
  EXPECT_LT(m.time_s(), 60.0);
}

// A track 400 m off: command guidance alone passes the target 400 m away and self-destructs;
// an active seeker (20 km) acquires the real target and hits it.
TEST(Interceptor, ASeekerCorrectsABiasedTrack) {
  const Vec3 bias{400.0, 0.0, 0.0};
  const Interceptor blind = fly(sketch(), Target{}, bias);
  EXPECT_EQ(blind.phase(), InterceptorPhase::kSelfDestruct);
  EXPECT_NEAR(blind.miss_m(), 400.0, 60.0);
  InterceptorType seeker = sketch();
  seeker.seeker.homing = Homing::kActive;
  seeker.seeker.acquisition_range_m = 20000.0;
  const Interceptor homing = fly(seeker, Target{}, bias);
  EXPECT_TRUE(homing.seeker_locked());
  ASSERT_EQ(homing.phase(), InterceptorPhase::kBurst);
  EXPECT_LT(homing.miss_m(), 5.0);
}

// A jammer whose echo the seeker cannot use (no RCS in its band) on a track 2 km off, as a
// position from crossing strobes may be: a seeker that homes on jam locks its noise from afar
// but the missile flies its midcourse on the track until the terminal time to go, then homes on
// the jammer's angle and hits; one that cannot home on jam passes 2 km away.
TEST(Interceptor, HomesOnAJammerFromTheTerminalTimeToGo) {
  const Vec3 bias{2000.0, 0.0, 0.0};
  InterceptorType type = sketch();
  type.seeker.homing = Homing::kActive;
  type.seeker.acquisition_range_m = 20000.0;
  type.seeker.field_of_regard_rad = 1.0;
  const auto fly_on_jam = [&](const InterceptorType& t, double& locked_at_s, double& terminal_at_s) {
    const Target target;
    Interceptor m(t, target.frame.point_to_ecef(Vec3::Zero()), 0.0);
    const double dt = 0.05;
    for (double time = 0.0; m.flying() && time < 400.0; time += dt) {
      const TargetEstimate est{target.at(time) + target.frame.vector_to_ecef(bias), target.velocity(), time};
      TargetTruth truth;
      truth.from_m = target.at(time);
      truth.to_m = target.at(time + dt);
      truth.rcs_m2 = 0.0;
      truth.jam_own_w_m2_hz = 1e-14;  // J/N about 60 dB in the seeker
      m.step(dt, est, &truth, nullptr);
      if (locked_at_s < 0.0 && m.seeker_locked()) locked_at_s = time;
      if (terminal_at_s < 0.0 && m.phase() == InterceptorPhase::kTerminal) terminal_at_s = time;
    }
    return m;
  };
  double locked = -1.0, terminal = -1.0;
  const Interceptor deaf = fly_on_jam(type, locked, terminal);
  EXPECT_LT(locked, 0.0);
  EXPECT_EQ(deaf.phase(), InterceptorPhase::kSelfDestruct);
  EXPECT_NEAR(deaf.miss_m(), 2000.0, 300.0);
  type.seeker.home_on_jam = true;
  locked = terminal = -1.0;
  const Interceptor hoj = fly_on_jam(type, locked, terminal);
  ASSERT_GE(locked, 0.0);
  EXPECT_LT(locked, 10.0);  // once its turn after the rise brings the target into its regard
  EXPECT_GT(terminal, locked + 5.0);
  // Homing for the terminal time to go (the track's, 2 km off: within a second and a half).
  EXPECT_NEAR(hoj.time_s() - terminal, type.terminal_time_s, 1.5);
  ASSERT_EQ(hoj.phase(), InterceptorPhase::kBurst);
  EXPECT_LT(hoj.miss_m(), 10.0);
}

TEST(Interceptor, SelfDestructsWhenTheTargetIsOutOfReach) {
  Target far;
  far.start_enu = {0.0, 400000.0, 10000.0};
  far.velocity_enu = {0.0, 250.0, 0.0};  // flying away
  const Interceptor m = fly(sketch(), far, Vec3::Zero());
  EXPECT_EQ(m.phase(), InterceptorPhase::kSelfDestruct);
  EXPECT_LT(m.state().velocity_mps.norm(), 250.0 + 1.0);
}

// An interceptor that meets the terrain ends there, at the surface: a target 20 km north, 100 m
// above the launcher (800 m), under the top of a 1,500 m plateau that begins 5.5 km north.
TEST(Interceptor, EndsAtTheTerrainItMeets) {
  const geo::Terrain plateau(40.2, 32.0, 0.01, 0.01, 15, 100, std::vector<float>(1500, 1500.0F));
  Target low;
  low.start_enu = {0.0, 20000.0, 100.0};
  low.velocity_enu = Vec3::Zero();
  const Interceptor m = fly(sketch(), low, Vec3::Zero(), &plateau);
  ASSERT_EQ(m.phase(), InterceptorPhase::kGroundImpact);
  const geo::Lla end = geo::ecef_to_lla(m.end_position_m());
  EXPECT_NEAR(end.alt_m, 1500.0, 1e-3);
  EXPECT_GT(end.lat_deg, 40.05);
  EXPECT_FALSE(m.flying());
}

}  // namespace
}  // namespace opensam::weapons
