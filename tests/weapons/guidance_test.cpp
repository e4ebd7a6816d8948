// Homing guidance against the closed forms of Zarchan, Tactical and Strategic Missile
// Guidance (AIAA, 6th ed.): zero-lag PN hits a non-manoeuvring target, and against a constant
// target acceleration its command follows nc/nT = N'/(N'-2) [1 - (1 - t/tF)^(N'-2)] (ch. 2);
// augmented PN's follows nc/nT = N'/2 (1 - t/tF)^(N'-2) (ch. 8). The kill model against the
// salvo formula.
#include "opensam/weapons/guidance.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "opensam/core/rng.hpp"
#include "opensam/weapons/lethality.hpp"

namespace opensam::weapons {
namespace {

constexpr double kG = 9.80665;

struct Body {
  Vec3 p, v;
};

/// Flies a missile with acceleration `command(rel)` (applied in full, no lag) against a target
/// with constant acceleration `target_accel` until the pass; calls `each(t, command)` every
/// step; returns the miss distance. Semi-implicit Euler at 0.1 ms.
template <class Command, class Each>
double engage(Body m, Body t, const Vec3& target_accel, Command command, Each each) {
  constexpr double dt = 1e-4;
  for (double time = 0.0; time < 200.0; time += dt) {
    const Relative rel{t.p - m.p, t.v - m.v};
    const ClosestApproach ca = closest_approach(rel, dt);
    if (ca.in_step) return ca.miss_m;
    const Vec3 a = command(rel);
    each(time, a);
    m.v += a * dt;
    m.p += m.v * dt;
    t.v += target_accel * dt;
    t.p += t.v * dt;
  }
  return 1e9;
}

TEST(Guidance, LosRateAndClosingSpeedOfACrossingTarget) {
  const Relative rel{{10000.0, 0.0, 0.0}, {-1000.0, 300.0, 0.0}};
  EXPECT_NEAR(los_rate_rad_s(rel).z(), 300.0 / 10000.0, 1e-12);
  EXPECT_NEAR(closing_speed_mps(rel), 1000.0, 1e-9);
  // The command is across the line of sight, towards the target's drift: N' Vc lambda-dot.
  const Vec3 a = pn_command_mps2(rel, 4.0);
  EXPECT_NEAR(a.x(), 0.0, 1e-9);
  EXPECT_NEAR(a.y(), 4.0 * 1000.0 * 0.03, 1e-9);
}

TEST(Guidance, ProportionalNavigationHitsANonManoeuvringTarget) {
  // 20 degrees of heading error against a crossing target 20 km away, in three dimensions.
  const double he = 20.0 * std::numbers::pi / 180.0;
  for (double n : {3.0, 4.0, 5.0}) {
    const Body m{{0, 0, 0}, {1200.0 * std::cos(he), 1200.0 * std::sin(he), 100.0}};
    const Body t{{20000.0, 3000.0, 5000.0}, {-250.0, -150.0, 0.0}};
    const double miss = engage(
        m, t, Vec3::Zero(), [&](const Relative& r) { return pn_command_mps2(r, n); },
        [](double, const Vec3&) {});
    EXPECT_LT(miss, 1.0) << "N' = " << n;
  }
}

/// A head-on engagement on a collision course (Vc 2,000 m/s, tF 10 s) in which the target
/// pulls a constant 3 g across the line of sight from the start.
struct Manoeuvre {
  Body m{{0, 0, 0}, {1500.0, 0, 0}};
  Body t{{20000.0, 0, 0}, {-500.0, 0, 0}};
  Vec3 nt{0, 3.0 * kG, 0};
  double tf = 10.0;
};

TEST(Guidance, ZeroLagPnCommandAgainstAConstantManoeuvreFollowsTheClosedForm) {
  const Manoeuvre s;
  const double np = 4.0;
  int checked = 0;
  const double miss = engage(
      s.m, s.t, s.nt, [&](const Relative& r) { return pn_command_mps2(r, np); },
      [&](double time, const Vec3& a) {
        for (double f : {0.3, 0.5, 0.7, 0.9}) {
          if (std::abs(time - f * s.tf) < 0.5e-4) {
            const double expected = np / (np - 2.0) * (1.0 - std::pow(1.0 - f, np - 2.0));
            EXPECT_NEAR(a.norm() / s.nt.norm(), expected, 0.01 * expected) << "t/tF = " << f;
            ++checked;
          }
        }
      });
  EXPECT_EQ(checked, 4);
  EXPECT_LT(miss, 1.0);
}

TEST(Guidance, AugmentedPnCommandAgainstAConstantManoeuvreFollowsTheClosedForm) {
  const Manoeuvre s;
  const double np = 4.0;
  int checked = 0;
  const double miss = engage(
      s.m, s.t, s.nt, [&](const Relative& r) { return pn_command_mps2(r, np, s.nt); },
      [&](double time, const Vec3& a) {
        for (double f : {0.0, 0.3, 0.5, 0.7}) {
          if (std::abs(time - f * s.tf) < 0.5e-4) {
            const double expected = np / 2.0 * std::pow(1.0 - f, np - 2.0);
            EXPECT_NEAR(a.norm() / s.nt.norm(), expected, 0.01 * expected + 0.002) << "t/tF = " << f;
            ++checked;
          }
        }
      });
  EXPECT_EQ(checked, 4);
  EXPECT_LT(miss, 1.0);
}

TEST(Guidance, ClosestApproachInsideAStepIsExact) {
  // Passing 30 m abeam at 2,000 m/s: closest 0.5 s into a 1 s step.
  const ClosestApproach ca = closest_approach({{1000.0, 30.0, 0.0}, {-2000.0, 0.0, 0.0}}, 1.0);
  EXPECT_TRUE(ca.in_step);
  EXPECT_DOUBLE_EQ(ca.time_s, 0.5);
  EXPECT_DOUBLE_EQ(ca.miss_m, 30.0);
  // Not yet: the range still falls at the end of the step.
  const ClosestApproach later = closest_approach({{1000.0, 30.0, 0.0}, {-2000.0, 0.0, 0.0}}, 0.25);
  EXPECT_FALSE(later.in_step);
  EXPECT_DOUBLE_EQ(later.time_s, 0.25);
}

// Salvo kill probability 1 - (1 - SSPK)^n against 100,000 simulated salvos (4 sigma).
TEST(Lethality, SalvoKillProbabilityMatchesDraws) {
  core::RngStream rng(7, 0, "salvo");
  for (int n : {1, 2, 4}) {
    const double sspk = 0.7;
    const int trials = 100000;
    int kills = 0;
    for (int i = 0; i < trials; ++i) {
      bool killed = false;
      for (int s = 0; s < n; ++s) killed |= rng.uniform(0.0, 1.0) < sspk;
      kills += killed;
    }
    const double p = salvo_kill_probability(sspk, n);
    EXPECT_NEAR(double(kills) / trials, p, 4.0 * std::sqrt(p * (1 - p) / trials) + 1e-9) << n;
  }
  EXPECT_DOUBLE_EQ(salvo_kill_probability(0.7, 2), 0.91);
}

}  // namespace
}  // namespace opensam::weapons
