// Fuze and warhead against hand computations: Gurney's cylinder formula V = sqrt(2E)
// sqrt((C/M) / (1 + C/2M)) with sqrt(2E) = 2.70 km/s for Composition B (Cooper, Explosives
// Engineering, ch. 27); the fragment density N / (2 pi R^2 sin(theta) d_theta) of a static beam
// (Driels, Weaponeering, ch. 13-14); Poisson hits on the vulnerable area P_k = v (1 - e^-n)
// (Ball, The Fundamentals of Aircraft Combat Survivability); the adaptive fuze putting the
// target at the centre of the dynamic beam.
#include "opensam/weapons/warhead.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace opensam::weapons {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

Warhead warhead() {
  Warhead w;
  w.fuze_range_m = 30.0;
  w.fragments = 18000.0;
  w.fragment_speed_mps = gurney_speed_mps(1.0);
  w.beam_angle_rad = 90.0 * kDeg;
  w.beam_width_rad = 20.0 * kDeg;
  return w;
}

TEST(Warhead, GurneySpeedAndFragmentCount) {
  EXPECT_NEAR(gurney_speed_mps(1.0), 2700.0 * std::sqrt(1.0 / 1.5), 1e-9);  // 2204.5 m/s
  EXPECT_NEAR(gurney_speed_mps(2.0), 2700.0, 1e-9);
  // 180 kg at C/M = 1: 90 kg of metal in 5 g fragments.
  EXPECT_NEAR(fragment_count(180.0, 1.0, 0.005), 18000.0, 1e-9);
}

// The missile and the target flying together at 500 m/s: a fragment leaves straight at the
// target, which it meets 20 m abeam, r = 20 m: 18,000 / (2 pi 20^2 sin(90 deg) 0.349) = 20.5 /m2.
TEST(Warhead, DensityOfTheBeamAtAHandComputedGeometry) {
  const Warhead w = warhead();
  const Vec3 v(500.0, 0.0, 0.0);
  const double want = 18000.0 / (2.0 * std::numbers::pi * 400.0 * 20.0 * kDeg);
  EXPECT_NEAR(fragment_density_per_m2(w, {0.0, 20.0, 0.0}, v, v), want, 1e-9);
  // 40 m: a quarter.
  EXPECT_NEAR(fragment_density_per_m2(w, {0.0, 40.0, 0.0}, v, v), want / 4.0, 1e-9);
  // 30 deg ahead of the beam: none.
  EXPECT_EQ(
      fragment_density_per_m2(w, {20.0 * std::sin(30.0 * kDeg), 20.0 * std::cos(30.0 * kDeg), 0.0}, v, v),
      0.0);
  // An extended target 10 m across whose centre is 15 deg ahead of the beam's centre (5 deg
  // outside its edge): the share of its angular extent, atan(5/20) = 14.04 deg either side,
  // that the beam covers: (14.04 - 5) / 28.07.
  const double a = 15.0 * kDeg;
  const double half = std::atan2(5.0, 20.0);
  const double share = (half - 5.0 * kDeg) / (2.0 * half);
  EXPECT_NEAR(fragment_density_per_m2(w, {20.0 * std::sin(a), 20.0 * std::cos(a), 0.0}, v, v, 10.0),
              share * want, 1e-9);
}

TEST(Warhead, PoissonHitsOnTheVulnerableArea) {
  EXPECT_NEAR(fragment_kill_probability(1.0, 2.0, 0.9), 0.9 * (1.0 - std::exp(-2.0)), 1e-12);
  EXPECT_EQ(fragment_kill_probability(0.0, 2.0, 0.9), 0.0);
  EXPECT_NEAR(fragment_kill_probability(1e3, 2.0, 0.9), 0.9, 1e-12);
}

// Head-on: the missile at 1,500 m/s, the target at 300 m/s towards it, passing 10 m abeam.
// The fuze bursts when the fragment reaching the target leaves at the beam's centre; the
// fragments then meet it: the density there is the beam's.
TEST(Warhead, TheAdaptiveFuzeBurstsWithTheTargetInTheBeam) {
  const Warhead w = warhead();
  const Vec3 vm(1500.0, 0.0, 0.0);
  const Vec3 vt(-300.0, 0.0, 0.0);
  const Vec3 start(60.0, 10.0, 0.0);  // target minus missile
  const double t = beam_burst_time_s(w, start, vt - vm, vm, 0.05);
  ASSERT_GE(t, 0.0);
  const Vec3 d = start + (vt - vm) * t;
  EXPECT_LE(d.norm(), w.fuze_range_m);
  // In the beam's centre: the fragment leaving at 90 deg reaches it. In the target's frame the
  // fragment flies (1800, V, 0): the target is ahead of abeam by atan(1800 / V).
  EXPECT_NEAR(std::atan2(d.x(), d.y()), std::atan2(1800.0, w.fragment_speed_mps), 1e-6);
  EXPECT_GT(fragment_density_per_m2(w, d, vm, vt), 0.0);
  // A pass 40 m away is outside the fuze's range: no burst.
  EXPECT_LT(beam_burst_time_s(w, {60.0, 40.0, 0.0}, vt - vm, vm, 0.05), 0.0);
}

}  // namespace
}  // namespace opensam::weapons
