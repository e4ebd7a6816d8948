// Threats in a run that change their plan in flight: an anti-radiation missile whose radar
// goes silent flies to the position its seeker last measured, off by the seeker's angle error
// times the range; an aircraft held by an engagement radar turns away and descends.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <string>

#include "opensam/core/rng.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/replication.hpp"

namespace opensam::sim {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

scenario::Scenario load(const std::string& text) {
  const scenario::LoadResult r = scenario::load_from_string(text, "test.yaml", OPENSAM_TEST_SOURCE_DIR);
  EXPECT_TRUE(r.ok()) << r.errors.str();
  return r.scenario;
}

/// An AGM-88-class missile launched 100 km south of an acquisition radar.
std::string arm_scenario(const std::string& silent) {
  return R"(name: arm
duration: 20 min
sites:
  - {id: acq, type: s400/91N6E, position: "40.0N 32.5E", altitude: 12 m AGL)" +
         silent + R"(}
threats:
  - {id: harm, type: agm88, route: [{position: "39.1N 32.5E", altitude: 8 km}], target: acq}
)";
}

template <class T>
const T* find_event(const RunResult& r, const char* phase = nullptr) {
  for (const auto& e : r.events) {
    if (const auto* d = std::get_if<T>(&e.data)) {
      if constexpr (std::is_same_v<T, ThreatPhase>) {
        if (phase != nullptr && std::string(threats::mark_name(d->phase)) != phase) continue;
      }
      return d;
    }
  }
  return nullptr;
}

double ground_distance_m(const geo::Lla& a, const geo::Lla& b) {
  return (geo::lla_to_ecef({a.lat_deg, a.lon_deg, 0.0}) - geo::lla_to_ecef({b.lat_deg, b.lon_deg, 0.0}))
      .norm();
}

TEST(ThreatBehaviour, AnArmHomesOnAnEmittingRadarAndDestroysIt) {
  const RunResult r = run_replication(load(arm_scenario("")), {});
  const Leaked* hit = find_event<Leaked>(r);
  ASSERT_NE(hit, nullptr);
  EXPECT_LT(ground_distance_m(hit->where, {40.0, 32.5, 0.0}), 1.0);
  EXPECT_NE(find_event<SiteDestroyed>(r), nullptr);
  EXPECT_EQ(find_event<ThreatPhase>(r, "guidance_lost"), nullptr);
}

TEST(ThreatBehaviour, AnArmFliesToTheLastKnownPositionWhenTheRadarGoesSilent) {
  const scenario::Scenario sc = load(arm_scenario(", silent: [{from: 60 s, to: 20 min}]"));
  const RunResult r = run_replication(sc, {});
  const ThreatPhase* lost = find_event<ThreatPhase>(r, "guidance_lost");
  ASSERT_NE(lost, nullptr);
  // Where it was at the silence: the truth sample at 60 s.
  double range_m = 0.0;
  for (const TruthSample& s : r.truth) {
    if (s.time_s == 60.0) {
      const geo::Vec3 d = geo::lla_to_ecef(s.where) - geo::lla_to_ecef({40.0, 32.5, 12.0});
      range_m = d.norm();
    }
  }
  ASSERT_GT(range_m, 30e3);
  // The remembered position is off by range x seeker error (0.5 deg) x the seeker's draws.
  core::RngStream seeker(sc.seed, 0, "threat/harm/seeker");
  const double n = seeker.normal(0.0, 1.0), e = seeker.normal(0.0, 1.0);
  const double expected = range_m * 0.5 * kDeg * std::hypot(n, e);
  const Leaked* hit = find_event<Leaked>(r);
  ASSERT_NE(hit, nullptr);
  // The silence starts between two 0.25 s samples: the range is read within 0.3 %.
  EXPECT_NEAR(ground_distance_m(hit->where, {40.0, 32.5, 0.0}), expected, 0.01 * expected + 1.0);
  EXPECT_EQ(find_event<SiteDestroyed>(r), nullptr);  // more than its 15 m lethal radius away
}

TEST(ThreatBehaviour, AnArmReacquiresARadarThatEmitsAgain) {
  const RunResult r = run_replication(load(arm_scenario(", silent: [{from: 60 s, to: 90 s}]")), {});
  EXPECT_NE(find_event<ThreatPhase>(r, "guidance_lost"), nullptr);
  EXPECT_NE(find_event<ThreatPhase>(r, "guidance_regained"), nullptr);
  const Leaked* hit = find_event<Leaked>(r);
  ASSERT_NE(hit, nullptr);
  EXPECT_LT(ground_distance_m(hit->where, {40.0, 32.5, 0.0}), 1.0);
  EXPECT_NE(find_event<SiteDestroyed>(r), nullptr);
}

TEST(ThreatBehaviour, AnAircraftHeldByAnEngagementRadarTurnsAwayAndDescends) {
  const scenario::Scenario sc = load(R"(name: react
duration: 30 min
sites:
  - {id: fcr, type: s400/92N6E, position: "40.0N 32.5E", altitude: 25 m AGL, facing: 180 deg}
assets:
  - {id: base, position: "40.05N 32.5E"}
threats:
  - id: f16
    type: f16c
    route: [{position: "38.8N 32.5E", altitude: 6 km, speed: 250 m/s}]
    target: base
    reaction: {turn: away, altitude: 500 m, duration: 120 s}
)");
  const RunResult r = run_replication(sc, {});
  const ThreatPhase* reaction = find_event<ThreatPhase>(r, "reaction");
  ASSERT_NE(reaction, nullptr);
  double t_react = 0.0;
  for (const auto& e : r.events) {
    if (const auto* d = std::get_if<ThreatPhase>(&e.data); d && d->phase == threats::MarkKind::kReaction)
      t_react = e.time_s;
  }
  // 60 s into the reaction it flies away from the radar (south) at 500 m.
  bool checked = false;
  for (const TruthSample& s : r.truth) {
    if (s.time_s < t_react + 60.0 || s.time_s > t_react + 61.0) continue;
    EXPECT_LT(s.velocity_enu_mps.y(), -240.0);
    EXPECT_NEAR(s.where.alt_m, 500.0, 50.0);
    checked = true;
  }
  EXPECT_TRUE(checked);
  // Then it resumes its route and reaches the base.
  EXPECT_NE(find_event<Leaked>(r), nullptr);
}

}  // namespace
}  // namespace opensam::sim
