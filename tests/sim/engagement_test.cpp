// The kill chain in a run of examples/demo.yaml: for every threat the defence killed, the
// events occur in the order of the chain (detection, track confirmed, identified, assigned,
// launched, seeker lock, intercept, killed, kill assessed), and the same seed gives the same
// engagement. And the property of the design (DESIGN.md, "Data flow"): the command post and
// the guidance see tracks and seeker measurements, never truth; their code cannot name the
// modules that hold it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/replication.hpp"

namespace opensam::sim {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = OPENSAM_TEST_SOURCE_DIR;

const RunResult& demo_run() {
  static const RunResult r = [] {
    const auto loaded = scenario::load((kSource / "examples/demo.yaml").string());
    EXPECT_TRUE(loaded.ok()) << loaded.errors.str();
    return run_replication(loaded.scenario, {});
  }();
  return r;
}

TEST(Engagement, EveryKillFollowsTheChainInOrder) {
  const RunResult& r = demo_run();
  int kills = 0;
  for (const ThreatOutcome& o : r.threats) {
    if (o.outcome != Outcome::kKilled) continue;
    ++kills;
    // The interceptor that killed it, and the track it was fired at.
    const ShotRecord* shot = nullptr;
    for (const ShotRecord& s : r.shots) {
      if (s.target == o.entity && s.result == ShotResult::kKilled) shot = &s;
    }
    ASSERT_NE(shot, nullptr) << r.entities[o.entity].id;
    double detected = -1, confirmed = -1, identified = -1, assigned = -1, launched = -1, lock = -1,
           intercept = -1, killed = -1, assessed = -1;
    for (const Event& e : r.events) {
      const auto first = [&](double& t) {
        if (t < 0) t = e.time_s;
      };
      std::visit(
          [&](const auto& d) {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, Detection>) {
              if (d.target == o.entity) first(detected);
            } else if constexpr (std::is_same_v<T, TrackReport>) {
              if (d.track == shot->track && d.kind == tracking::TrackEventKind::kConfirmed) first(confirmed);
            } else if constexpr (std::is_same_v<T, Identified>) {
              if (d.track == shot->track) first(identified);
            } else if constexpr (std::is_same_v<T, Assigned>) {
              if (d.track == shot->track) first(assigned);
            } else if constexpr (std::is_same_v<T, Launched>) {
              if (d.interceptor == shot->interceptor) first(launched);
            } else if constexpr (std::is_same_v<T, SeekerLock>) {
              if (d.interceptor == shot->interceptor) first(lock);
            } else if constexpr (std::is_same_v<T, Intercept>) {
              if (d.interceptor == shot->interceptor) first(intercept);
            } else if constexpr (std::is_same_v<T, Killed>) {
              if (d.threat == o.entity) first(killed);
            } else if constexpr (std::is_same_v<T, KillAssessed>) {
              if (d.track == shot->track && e.time_s >= killed && killed >= 0) first(assessed);
            }
          },
          e.data);
    }
    const std::string id = r.entities[o.entity].id;
    EXPECT_GE(detected, 0.0) << id;
    EXPECT_LE(detected, confirmed) << id;
    EXPECT_LE(confirmed, identified) << id;
    EXPECT_LE(identified, assigned) << id;
    EXPECT_LT(assigned, launched) << id;  // the launcher's reaction time
    EXPECT_LT(launched, lock) << id;
    EXPECT_LE(lock, intercept) << id;
    EXPECT_EQ(intercept, killed) << id;
    EXPECT_LT(killed, assessed) << id;
    EXPECT_LE(shot->miss_m, 30.0) << id;
  }
  EXPECT_GE(kills, 4);
}

TEST(Engagement, SpendingIsCountedPerMissile) {
  const RunResult& r = demo_run();
  ASSERT_FALSE(r.shots.empty());
  for (const ShotRecord& s : r.shots) {
    EXPECT_GT(s.cost_usd, 0.0);
    EXPECT_GE(s.end_s, s.launch_s);
    EXPECT_NE(s.result, ShotResult::kFlying);
    EXPECT_EQ(r.entities[s.interceptor].kind, EntityKind::kInterceptor);
  }
}

TEST(Engagement, SameSeedSameEngagement) {
  const auto loaded = scenario::load((kSource / "examples/demo.yaml").string());
  const RunResult again = run_replication(loaded.scenario, {});
  const RunResult& r = demo_run();
  ASSERT_EQ(again.shots.size(), r.shots.size());
  for (std::size_t i = 0; i < r.shots.size(); ++i) {
    EXPECT_EQ(again.shots[i].launch_s, r.shots[i].launch_s);
    EXPECT_EQ(again.shots[i].miss_m, r.shots[i].miss_m);
    EXPECT_EQ(again.shots[i].result, r.shots[i].result);
  }
}

// The command post (c2) and the interceptor's guidance (weapons) include nothing that holds
// truth: not the threats' movers, not the simulation's world, not the scenario.
TEST(Engagement, CommandPostAndGuidanceCannotReachTruth) {
  const std::regex include(R"(#include\s+"opensam/(\w+)/)");
  int files = 0;
  for (const char* module : {"c2", "weapons"}) {
    for (const auto& entry : fs::directory_iterator(kSource / "src/opensam" / module)) {
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      const std::string s = text.str();
      ++files;
      for (std::sregex_iterator it(s.begin(), s.end(), include), end; it != end; ++it) {
        const std::string used = (*it)[1];
        EXPECT_TRUE(used == "c2" || used == "weapons" || used == "tracking" || used == "geo" ||
                    used == "physics" || used == "core")
            << entry.path().filename() << " includes opensam/" << used;
      }
    }
  }
  EXPECT_GE(files, 10);
  // And the build links them so: c2 on tracking and weapons, weapons on geo and physics.
  std::ifstream cmake(kSource / "src/opensam/CMakeLists.txt");
  std::stringstream text;
  text << cmake.rdbuf();
  const std::string s = text.str();
  EXPECT_NE(
      s.find(
          "opensam_add_module(c2\n  SOURCES c2/command_post.cpp\n  DEPS opensam_tracking opensam_weapons)"),
      std::string::npos);
  EXPECT_NE(s.find("DEPS opensam_geo opensam_physics)"), std::string::npos);
}

}  // namespace
}  // namespace opensam::sim
