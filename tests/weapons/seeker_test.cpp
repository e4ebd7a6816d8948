// The seeker against its radar equation and measurement formulas: thermal angle noise
// sigma = theta_3dB / (1.6 sqrt(2 SNR)) (Barton and Ward, Handbook of Radar Measurement; the
// guidance notes after Zarchan ch. 6-7); acquisition range as RCS^(1/4) for an active seeker
// (Skolnik, Introduction to Radar Systems, ch. 2) and as RCS^(1/2) over the illuminator's range
// for a semi-active one (the bistatic equation); jamming that shortens it as (1 + J/N)^(1/4);
// glint of a quarter of the span over range; the gimbal limit and terrain.
#include "opensam/weapons/seeker.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace opensam::weapons {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

SeekerType active() {
  SeekerType s;
  s.homing = Homing::kActive;
  s.acquisition_range_m = 20000.0;
  s.field_of_regard_rad = 30.0 * kDeg;
  s.beamwidth_rad = 6.0 * kDeg;
  s.noise_floor_rad = 0.0;
  return s;
}

/// The range at which a fresh seeker first locks a target of `rcs` flying at it, stepping in
/// by 10 m.
double acquisition_range(const SeekerType& type, double rcs, double illuminator_m = 0.0, double jnr = 0.0) {
  for (double r = 200e3; r > 0.0; r -= 10.0) {
    Seeker s(type);
    SeekerView v;
    v.los_m = {r, 0.0, 0.0};
    v.rcs_m2 = rcs;
    v.illuminator_range_m = illuminator_m;
    v.jnr_others = jnr;
    if (s.look(v, {1000.0, 0.0, 0.0}, 0.05, nullptr, Vec3::Zero())) return r;
  }
  return 0.0;
}

TEST(Seeker, AcquisitionRangeGoesAsTheFourthRootOfTheRcs) {
  const SeekerType s = active();
  EXPECT_NEAR(acquisition_range(s, 1.0), 20000.0, 10.0);
  EXPECT_NEAR(acquisition_range(s, 16.0) / acquisition_range(s, 1.0), 2.0, 1e-3);
  EXPECT_NEAR(acquisition_range(s, 0.01) / acquisition_range(s, 1.0), std::pow(0.01, 0.25), 2e-3);
  EXPECT_NEAR(seeker_range_m(s, 16.0, 0.0, 0.0), 40000.0, 1e-6);
}

TEST(Seeker, TrackViaMissileAcquisitionFollowsTheBistaticEquation) {
  SeekerType s = active();
  s.homing = Homing::kTrackViaMissile;
  // At the reference illuminator range, sqrt(RCS); half the illuminator range, twice the reach.
  EXPECT_NEAR(acquisition_range(s, 4.0, kIlluminatorReference_m), 40000.0, 10.0);
  EXPECT_NEAR(acquisition_range(s, 1.0, 0.5 * kIlluminatorReference_m), 40000.0, 10.0);
  // Not illuminated: nothing to see.
  EXPECT_EQ(acquisition_range(s, 1.0, 0.0), 0.0);
}

TEST(Seeker, JammingShortensTheAcquisitionRange) {
  const SeekerType s = active();
  // J/N = 15: the noise is 16 times higher, the range halves.
  EXPECT_NEAR(acquisition_range(s, 1.0, 0.0, 15.0) / acquisition_range(s, 1.0), 0.5, 1e-3);
  // J/N of a flux: flux A_e / (k T0 F), A_e = lambda^2 / theta^2.
  const double lambda = 299792458.0 / s.frequency_hz;
  const double n0 = 1.380649e-23 * 290.0 * std::pow(10.0, 0.5);
  EXPECT_NEAR(seeker_jnr(s, 1e-18), 1e-18 * lambda * lambda / (s.beamwidth_rad * s.beamwidth_rad) / n0, 1e-9);
  EXPECT_DOUBLE_EQ(seeker_pattern(s, 2.0 * kDeg), 1.0);
  EXPECT_NEAR(seeker_pattern(s, 20.0 * kDeg), std::pow(10.0, -2.5), 1e-12);
}

TEST(Seeker, AngleNoiseMatchesItsSnrFormula) {
  const SeekerType s = active();
  core::RngStream rng(7, 0, "seeker");
  SeekerView v;
  v.rcs_m2 = 1.0;
  v.span_m = 0.0;  // no glint
  for (const double r : {5000.0, 15000.0}) {
    v.los_m = {r, 0.0, 0.0};
    const double snr = seeker_snr(s, r, 1.0, 0.0, 0.0);
    const double want = s.beamwidth_rad / (1.6 * std::sqrt(2.0 * snr));
    double sum2 = 0.0;
    constexpr int kLooks = 20000;
    Seeker seeker(s);
    for (int i = 0; i < kLooks; ++i) {
      ASSERT_TRUE(seeker.look(v, {1000.0, 0.0, 0.0}, 0.05, &rng, Vec3::Zero()));
      const Vec3& z = seeker.measurement();
      sum2 += 0.5 * (z.y() * z.y() + z.z() * z.z());  // both axes, small angles
    }
    // 40,000 samples of a normal: the sample sigma within 1.5 % (4 standard errors).
    EXPECT_NEAR(std::sqrt(sum2 / kLooks) / want, 1.0, 0.015) << r;
    EXPECT_NEAR(seeker.sigma_rad(), want, 1e-12);
  }
}

TEST(Seeker, GlintGrowsAsTheSpanOverRange) {
  EXPECT_DOUBLE_EQ(glint_sigma_rad(10.0, 1000.0), 2.5e-3);
  EXPECT_DOUBLE_EQ(glint_sigma_rad(10.0, 100.0), 2.5e-2);
  SeekerType s = active();
  core::RngStream rng(3, 0, "glint");
  SeekerView v;
  v.los_m = {200.0, 0.0, 0.0};
  v.span_m = 10.0;
  Seeker seeker(s);
  ASSERT_TRUE(seeker.look(v, {1000.0, 0.0, 0.0}, 0.05, &rng, Vec3::Zero()));
  const double thermal = thermal_angle_sigma_rad(s.beamwidth_rad, seeker_snr(s, 200.0, 1.0, 0.0, 0.0));
  EXPECT_NEAR(seeker.sigma_rad(), std::hypot(thermal, 0.25 * 10.0 / 200.0), 1e-12);
}

TEST(Seeker, GimbalLimitTerrainAndIlluminationBreakLock) {
  const SeekerType s = active();
  Seeker seeker(s);
  SeekerView v;
  v.los_m = {10000.0, 0.0, 0.0};
  ASSERT_TRUE(seeker.look(v, {1000.0, 0.0, 0.0}, 0.05, nullptr, Vec3::Zero()));
  // 40 deg off the velocity: outside the 30 deg field of regard.
  v.los_m = {10000.0 * std::cos(40.0 * kDeg), 10000.0 * std::sin(40.0 * kDeg), 0.0};
  EXPECT_FALSE(seeker.look(v, {1000.0, 0.0, 0.0}, 0.05, nullptr, Vec3::Zero()));
  v.los_m = {10000.0, 0.0, 0.0};
  v.in_sight = false;
  EXPECT_FALSE(seeker.look(v, {1000.0, 0.0, 0.0}, 0.05, nullptr, Vec3::Zero()));
}

TEST(Seeker, HomesOnTheTargetsOwnJammerOnlyWhenItCan) {
  // Beyond the skin acquisition range, in the target's own noise at J/N 1e4 (40 dB).
  SeekerView v;
  v.los_m = {60000.0, 0.0, 0.0};
  v.jnr_own = 1e4;
  SeekerType s = active();
  Seeker without(s);
  EXPECT_FALSE(without.look(v, {1000.0, 0.0, 0.0}, 0.05, nullptr, Vec3::Zero()));
  s.home_on_jam = true;
  Seeker seeker(s);
  ASSERT_TRUE(seeker.look(v, {1000.0, 0.0, 0.0}, 0.05, nullptr, Vec3::Zero()));
  EXPECT_TRUE(seeker.home_on_jam());
  // Angle only, on the jammer's J/N: theta / (1.6 sqrt(2 J/N)) and no glint (Barton and Ward).
  core::RngStream noise(7, 0, "seeker");
  Seeker measured(s);
  ASSERT_TRUE(measured.look(v, {1000.0, 0.0, 0.0}, 0.05, &noise, Vec3::Zero()));
  EXPECT_NEAR(measured.sigma_rad(), 6.0 * kDeg / (1.6 * std::sqrt(2.0 * 1e4)), 1e-12);
  // Other jammers in its beam dilute the target's own: J/N 1e4 over 1 + 1e3 is under 13 dB.
  v.jnr_others = 1e3;
  Seeker diluted(s);
  EXPECT_FALSE(diluted.look(v, {1000.0, 0.0, 0.0}, 0.05, nullptr, Vec3::Zero()));
  // A track-via-missile seeker needs no illumination to home on a jammer, but does for the echo.
  SeekerType tvm = s;
  tvm.homing = Homing::kTrackViaMissile;
  v.jnr_others = 0.0;
  v.illuminator_range_m = 0.0;
  Seeker unlit(tvm);
  ASSERT_TRUE(unlit.look(v, {1000.0, 0.0, 0.0}, 0.05, nullptr, Vec3::Zero()));
  EXPECT_TRUE(unlit.home_on_jam());
  v.jnr_own = 0.0;
  v.los_m = {1000.0, 0.0, 0.0};
  Seeker dark(tvm);
  EXPECT_FALSE(dark.look(v, {1000.0, 0.0, 0.0}, 0.05, nullptr, Vec3::Zero()));
}

TEST(Seeker, TheFilterFollowsARotatingLineOfSight) {
  // A line of sight turning at 0.02 rad/s: the fading-memory filter's rate converges to it.
  const SeekerType s = active();
  Seeker seeker(s);
  SeekerView v;
  const double omega = 0.02;
  for (int i = 0; i < 200; ++i) {
    const double a = omega * 0.05 * i;
    v.los_m = 10000.0 * Vec3(std::cos(a), std::sin(a), 0.0);
    ASSERT_TRUE(seeker.look(v, {1000.0, 0.0, 0.0}, 0.05, nullptr, Vec3::Zero()));
  }
  EXPECT_NEAR(seeker.los_rate().norm(), omega, 1e-4);
}

}  // namespace
}  // namespace opensam::weapons
