// Threats in a run that change their plan in flight: an anti-radiation missile whose radar
// goes silent flies to the position its seeker last measured, off by the seeker's angle error
// times the range; an aircraft held by an engagement radar turns away and descends. Raids:
// salvo spacing, time on target and their own random streams.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <numbers>
#include <string>

#include "opensam/core/rng.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/prepared.hpp"
#include "opensam/sim/replication.hpp"
#include "opensam/sim/threat_flight.hpp"

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
        if (phase != nullptr && std::string(core::name_of(d->phase)) != phase) continue;
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
  // More than its blast radius away: it missed the radar, which stands.
  const StrikeMissed* miss = find_event<StrikeMissed>(r);
  ASSERT_NE(miss, nullptr);
  EXPECT_EQ(find_event<Leaked>(r), nullptr);
  EXPECT_EQ(r.threats[0].outcome, Outcome::kMissed);
  // The silence starts between two 0.25 s samples: the range is read within 0.3 %.
  EXPECT_NEAR(ground_distance_m(miss->where, {40.0, 32.5, 0.0}), expected, 0.01 * expected + 1.0);
  EXPECT_GT(miss->miss_m, 15.0);
  EXPECT_EQ(find_event<SiteDestroyed>(r), nullptr);
}

// Any threat may strike a site: an Iskander fired from 55, 220 or 440 km at the 92N6E lands
// within its blast radius of it (300 kg against 35 kPa: about 30 m, Kinney and Graham) and
// destroys it.
TEST(ThreatBehaviour, AnIskanderAimedAtTheEngagementRadarDestroysIt) {
  for (const char* launch : {"39.5N 32.5E", "38.0N 32.5E", "36.0N 32.5E"}) {
    const RunResult r = run_replication(load(std::string(R"(name: strike
duration: 20 min
sites:
  - {id: fcr, type: s400/92N6E, position: "40.0N 32.5E", altitude: 10 m AGL}
threats:
  - {id: srbm, type: iskander, route: [{position: ")") +
                                             launch + R"(", altitude: 0 m AGL}], target: fcr}
)"),
                                        {});
    const Leaked* hit = find_event<Leaked>(r);
    ASSERT_NE(hit, nullptr) << launch;
    EXPECT_LE(hit->miss_m, hit->lethal_radius_m) << launch;
    EXPECT_GT(hit->lethal_radius_m, 20.0);
    EXPECT_EQ(r.threats[0].outcome, Outcome::kLeaked) << launch;
    const SiteDestroyed* down = find_event<SiteDestroyed>(r);
    ASSERT_NE(down, nullptr) << launch;
    EXPECT_EQ(r.entities[down->site].id, "fcr");
  }
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

/// When each threat of `r` was created (launched) and leaked, by id.
struct Times {
  std::map<std::string, double> launched, leaked;
};
Times times(const RunResult& r) {
  Times out;
  for (const auto& e : r.events) {
    if (const auto* c = std::get_if<EntityCreated>(&e.data);
        c && r.entities[c->entity].kind == EntityKind::kThreat)
      out.launched[r.entities[c->entity].id] = e.time_s;
    if (const auto* l = std::get_if<Leaked>(&e.data)) out.leaked[r.entities[l->threat].id] = e.time_s;
  }
  return out;
}

std::string raid_scenario(int count, const std::string& extra) {
  return R"(name: raid
duration: 1 h
assets:
  - {id: base, position: "40.0N 32.5E"}
raids:
  - id: cm
    type: tomahawk
    count: )" +
         std::to_string(count) + R"(
    route:
      - {position: "39.0N 32.0E", altitude: 100 m}
      - {position: "39.5N 32.0E"}
    target: base
    route_jitter: 3 km
)" + extra;
}

// Time on target: each threat reaches its aim point exactly at the raid's time on target plus
// its place in the salvo, plus its start jitter (the uniform draw of `threat/<id>/start`), its
// launch moved back by however long its jittered route takes.
TEST(Raids, ArriveAtTheirTimeOnTargetOneSalvoIntervalApart) {
  const scenario::Scenario sc =
      load(raid_scenario(3, "    time_on_target: 20 min\n    salvo_interval: 10 s\n    start_jitter: 4 s\n"));
  const RunResult r = run_replication(sc, {});
  const Times t = times(r);
  ASSERT_EQ(t.leaked.size(), 3u);
  for (int k = 0; k < 3; ++k) {
    const std::string id = "cm-" + std::to_string(k + 1);
    const double jitter = core::RngStream(sc.seed, 0, "threat/" + id + "/start").uniform(0.0, 4.0);
    EXPECT_NEAR(t.leaked.at(id), 1200.0 + 10.0 * k + jitter, 1e-9) << id;
  }
  // Different jittered routes take different times: the launches are not one interval apart.
  EXPECT_GT(std::abs(t.launched.at("cm-2") - t.launched.at("cm-1") - 10.0), 0.01);
}

// A quasi-ballistic salvo from two launchers, taken in turn, lands on time as well.
TEST(Raids, BallisticMissilesFromTwoLaunchersLandOnTime) {
  const scenario::Scenario sc = load(R"(name: tbm
duration: 30 min
assets:
  - {id: base, position: "40.0N 32.5E"}
raids:
  - id: tbm
    type: iskander
    count: 3
    time_on_target: 15 min
    salvo_interval: 5 s
    launch_points:
      - {position: "38.6N 33.6E", altitude: 0 m AGL}
      - {position: "38.7N 33.4E", altitude: 0 m AGL}
    target: base
)");
  const RunResult r = run_replication(sc, {});
  const Times t = times(r);
  ASSERT_EQ(t.leaked.size(), 3u);
  for (int k = 0; k < 3; ++k) EXPECT_NEAR(t.leaked.at("tbm-" + std::to_string(k + 1)), 900.0 + 5.0 * k, 1e-9);
  // Launchers in turn: the first and third fly the same route, so launch at the same offset.
  EXPECT_NEAR(t.launched.at("tbm-3") - t.launched.at("tbm-1"), 10.0, 1e-9);
  EXPECT_GT(std::abs(t.launched.at("tbm-2") - t.launched.at("tbm-1") - 5.0), 1.0);
  int seen = 0;
  for (const TruthSample& s : r.truth) {
    if (r.entities[s.entity].id == "tbm-2" && s.time_s == std::ceil(t.launched.at("tbm-2"))) {
      EXPECT_LT(ground_distance_m(s.where, {38.7, 33.4, 0.0}), 2000.0);
      ++seen;
    }
  }
  EXPECT_EQ(seen, 1);
}

// Without a time on target, threat k starts (k - 1) salvo intervals after `start`.
TEST(Raids, StartOneSalvoIntervalApart) {
  const Times t =
      times(run_replication(load(raid_scenario(3, "    start: 1 min\n    salvo_interval: 30 s\n")), {}));
  for (int k = 0; k < 3; ++k) EXPECT_DOUBLE_EQ(t.launched.at("cm-" + std::to_string(k + 1)), 60.0 + 30.0 * k);
}

// Each threat draws from its own streams: a bigger raid leaves the first threats' flights as
// they were.
TEST(Raids, ALargerRaidLeavesTheFirstThreatsUnchanged) {
  const std::string extra = "    salvo_interval: 20 s\n    start_jitter: 30 s\n    rcs_jitter: 2 dB\n";
  const RunResult three = run_replication(load(raid_scenario(3, extra)), {});
  const RunResult four = run_replication(load(raid_scenario(4, extra)), {});
  const Times a = times(three), b = times(four);
  for (const char* id : {"cm-1", "cm-2", "cm-3"}) {
    EXPECT_EQ(a.launched.at(id), b.launched.at(id)) << id;
    EXPECT_EQ(a.leaked.at(id), b.leaked.at(id)) << id;
  }
  EXPECT_EQ(b.leaked.size(), 4u);
  EXPECT_NE(b.leaked.at("cm-4"), b.leaked.at("cm-3"));
}

// A time on target too early for the flight is an error at its key; in a run, a threat whose
// jittered route makes it late launches at once.
TEST(Raids, ATimeOnTargetTooEarlyIsAnErrorAtItsKey) {
  const scenario::Scenario sc = load(raid_scenario(2, "    time_on_target: 5 min\n"));
  const core::Diagnostics d = check_arrivals(Prepared(sc));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d.items()[0].where.line, 14);
  EXPECT_EQ(d.items()[0].path, "raids[0].time_on_target");
  EXPECT_NE(d.items()[0].message.find("threat 'cm-1' needs"), std::string::npos) << d.str();
  const Times t = times(run_replication(sc, {}));
  EXPECT_EQ(t.launched.at("cm-1"), 0.0);
  EXPECT_GT(t.leaked.at("cm-1"), 300.0);
  const scenario::Scenario raid = load(raid_scenario(2, "    time_on_target: 30 min\n"));
  EXPECT_TRUE(check_arrivals(Prepared(raid)).empty());
}

}  // namespace
}  // namespace opensam::sim
