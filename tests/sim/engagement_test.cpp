// The kill chain in a run of each engagement example (demo, iff, iads): for every threat the
// defence killed, the events occur in the order of the chain (detection, track confirmed,
// identified, assigned, launched, seeker lock, intercept, killed, kill assessed), and the same
// seed gives the same engagement. What each example is for: the IFF switch decides a
// fratricide; a launcher fires on another battalion's radar track in salvos of two. And the property of the
// design (DESIGN.md, "Data flow"): the command post and the guidance see tracks and seeker measurements,
// never truth; their code cannot name the modules that hold it.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/replication.hpp"
#include "ridge_raster.hpp"

namespace opensam::sim {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = OPENSAM_TEST_SOURCE_DIR;

RunResult run_text(const std::string& text) {
  const auto loaded = scenario::load_from_string(text, "example.yaml", (kSource / "examples").string());
  EXPECT_TRUE(loaded.ok()) << loaded.errors.str();
  return run_replication(loaded.scenario, {});
}

std::string example_text(const std::string& name) {
  std::ifstream in(kSource / "examples" / name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const RunResult& demo_run() {
  static const RunResult r = run_text(example_text("demo.yaml"));
  return r;
}

std::string with(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

/// The library's Tomahawk with vulnerability 0: every burst beside it misses.
std::string invulnerable_tomahawk() {
  std::ifstream in(kSource / "data/threats/tomahawk.yaml");
  std::stringstream text;
  text << in.rdbuf();
  return with(text.str(), "vulnerability:\n  value: 0.9", "vulnerability:\n  value: 0");
}

EntityIndex entity(const RunResult& r, const std::string& id) {
  for (std::size_t i = 0; i < r.entities.size(); ++i) {
    if (r.entities[i].id == id) return EntityIndex(i);
  }
  ADD_FAILURE() << "no entity " << id;
  return kNoEntity;
}

/// Checks the chain of every kill in `r`; returns the number of kills.
int check_chain(const RunResult& r) {
  int kills = 0;
  for (const ThreatOutcome& o : r.threats) {
    if (o.outcome != Outcome::kKilled) continue;
    ++kills;
    // The interceptor that killed it, and the track it was fired at.
    const ShotRecord* shot = nullptr;
    for (const ShotRecord& s : r.shots) {
      if (s.target == o.entity && s.result == ShotResult::kKilled) shot = &s;
    }
    EXPECT_NE(shot, nullptr) << r.entities[o.entity].id;
    if (shot == nullptr) continue;
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
    // Assessed after the kill, unless the run ended first (the last threat settled).
    EXPECT_TRUE(killed < assessed || (assessed < 0 && r.end_time_s < killed + 10.0)) << id;
    EXPECT_LE(shot->miss_m, 30.0) << id;
  }
  return kills;
}

TEST(Engagement, EveryKillFollowsTheChainInOrder) { EXPECT_GE(check_chain(demo_run()), 3); }

// examples/iff.yaml: the friendly F-16's NATO transponder cannot answer the battalion's
// Russian interrogator, so it is engaged and killed (a fratricide); with NATO interrogators
// it answers, is held fire on with the reason `friend`, and lives.
TEST(Engagement, TheIffSwitchDecidesTheFratricide) {
  const std::string text = example_text("iff.yaml");
  const RunResult russian = run_text(text);
  EXPECT_GE(check_chain(russian), 2);
  const EntityIndex f16 = entity(russian, "tuaf-f16");
  bool fratricide = false;
  for (const Event& e : russian.events) {
    if (const auto* k = std::get_if<Killed>(&e.data)) fratricide |= k->threat == f16 && k->fratricide;
  }
  EXPECT_TRUE(fratricide);

  const RunResult nato = run_text(with(text, "\n  iff: russian", "\n  iff: nato"));
  EXPECT_GE(check_chain(nato), 2);
  std::uint64_t f16_track = 0;
  bool friend_reported = false;
  for (const Event& e : nato.events) {
    if (const auto* k = std::get_if<Killed>(&e.data)) {
      EXPECT_FALSE(k->fratricide);
    }
    if (const auto* n = std::get_if<NotEngaged>(&e.data); n && n->reason == c2::Reason::kFriend) {
      friend_reported = true;
      f16_track = n->track;
    }
  }
  EXPECT_TRUE(friend_reported);
  for (const ShotRecord& s : nato.shots) EXPECT_NE(s.track, f16_track);
  for (const ThreatOutcome& o : nato.threats) {
    if (o.entity == entity(nato, "tuaf-f16")) {
      EXPECT_NE(o.outcome, Outcome::kKilled);
    }
  }
}

// The kill probability of a burst is v exp(-(miss / R)^2) with the target's vulnerability v
// (Driels, Weaponeering, ch. 9). examples/iff.yaml with cruise missiles of vulnerability 0:
// the interceptors still burst beside them, every burst is a miss, and the command post,
// seeing the tracks live on, fires again.
TEST(Engagement, AnInvulnerableTargetSurvivesEveryBurst) {
  const fs::path type_file =
      fs::temp_directory_path() / fmt::format("opensam-invulnerable-{}.yaml", ::getpid());
  std::ofstream(type_file) << invulnerable_tomahawk();
  const RunResult r = run_text(with(with(example_text("iff.yaml"), "\n  iff: russian", "\n  iff: nato"),
                                    "type: tomahawk", "type: " + type_file.string()));
  fs::remove(type_file);
  std::map<EntityIndex, int> bursts;
  for (const Event& e : r.events) {
    if (const auto* i = std::get_if<Intercept>(&e.data)) ++bursts[i->target];
    EXPECT_FALSE(std::holds_alternative<Killed>(e.data));
  }
  for (const std::string id : {"cm-1", "cm-2"}) {
    EXPECT_GE(bursts[entity(r, id)], 2) << id;
  }
}

// Kill assessment is a perception (DESIGN.md, "Data flow"). A cruise missile (vulnerability 0,
// so every burst misses) comes in at 1,500 m over flat ground and is engaged; while an
// interceptor is on its way it dives to 100 m behind a 600 m ridge 28 km north of the
// battalion. The 92N6E loses it, and the track-via-missile seeker, lit by the 92N6E, cannot
// lock on it: the interceptor flies on the coasting track and bursts beside it, the track is
// never measured again, and the command post judges it killed. It is alive; when it crosses
// the ridge a new track starts, and the battalion engages it again.
TEST(Engagement, ACruiseMissileMissedBehindARidgeIsEngagedAgainWhenItReappears) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("opensam-reengage-{}", ::getpid());
  fs::create_directories(dir);
  ASSERT_TRUE(test_support::write_ridge_raster(dir / "ridge.tif", 39.25, 600.0, 0.01));
  std::ofstream(dir / "cm0.yaml") << invulnerable_tomahawk();
  const auto loaded = scenario::load_from_string(R"(name: reengage
duration: 15 min
environment: {terrain: ridge.tif}
defence: {roe: free, doctrine: shoot_look_shoot}
sites:
  - {id: cp, type: s400/55K6E, position: "39.000N 32.980E"}
  - {id: acq, type: s400/91N6E, position: "39.000N 32.990E", altitude: 12 m AGL}
  - {id: fcr, type: s400/92N6E, position: "39.000N 33.000E", altitude: 25 m AGL, facing: 0 deg}
  - {id: tel, type: s400/5P85SE2, missile: s400/48N6E2, position: "38.990N 33.010E"}
threats:
  - id: cm
    type: cm0.yaml
    route:
      - {position: "39.90N 33.0E", altitude: 1500 m}
      - {position: "39.45N 33.0E", altitude: 1500 m}
      - {position: "39.40N 33.0E", altitude: 100 m}
      - {position: "39.29N 33.0E", altitude: 100 m}
      - {position: "39.25N 33.0E", altitude: 100 m AGL}
      - {position: "39.05N 33.0E", altitude: 100 m AGL}
    end: exit
)",
                                                 "reengage.yaml", dir.string());
  ASSERT_TRUE(loaded.ok()) << loaded.errors.str();
  const RunResult r = run_replication(loaded.scenario, {});
  fs::remove_all(dir);
  const EntityIndex cm = entity(r, "cm");
  std::map<std::uint64_t, bool> track_of_cm;  // tracks the battalion fired at the cruise missile on
  for (const ShotRecord& s : r.shots) {
    if (s.target == cm) track_of_cm[s.track] = true;
  }
  // The false judgement: a track of the cruise missile assessed killed after a burst beside it.
  double burst_s = -1.0, judged_s = -1.0;
  std::uint64_t judged = 0;
  EntityIndex dark = kNoEntity;  // the interceptor of that burst
  for (const Event& e : r.events) {
    if (const auto* i = std::get_if<Intercept>(&e.data); i && i->target == cm && judged_s < 0.0) {
      burst_s = e.time_s;
      dark = i->interceptor;
    }
    if (const auto* a = std::get_if<KillAssessed>(&e.data);
        a && a->killed && track_of_cm.contains(a->track) && judged_s < 0.0) {
      judged_s = e.time_s;
      judged = a->track;
    }
    EXPECT_FALSE(std::holds_alternative<Killed>(e.data));
  }
  ASSERT_GT(burst_s, 0.0);
  ASSERT_GT(judged_s, burst_s);
  for (const Event& e : r.events) {
    const auto* lock = std::get_if<SeekerLock>(&e.data);
    EXPECT_FALSE(lock != nullptr && lock->interceptor == dark)
        << "locked on a target its radar could not light";
  }
  // Behind the ridge: no radar measured it from the burst until it came over the crest, and
  // the truth has it below the ridge's line of sight (100 m) then.
  double seen_again_s = -1.0;
  for (const Event& e : r.events) {
    const auto* d = std::get_if<Detection>(&e.data);
    if (d != nullptr && d->target == cm && e.time_s > burst_s + 5.0) {
      seen_again_s = e.time_s;
      break;
    }
  }
  ASSERT_GT(seen_again_s, judged_s);
  // Engaged again when it reappears: a new shot at it, on a track other than the one judged
  // killed, launched after it was seen again, and a burst beside it.
  int later_shots = 0;
  for (const ShotRecord& s : r.shots) {
    if (s.target == cm && s.launch_s > seen_again_s) {
      ++later_shots;
      EXPECT_NE(s.track, judged);
      EXPECT_EQ(s.result, ShotResult::kMissed);
    }
  }
  EXPECT_GE(later_shots, 1);
  // It flew out at the end of its route: engaged and survived.
  ASSERT_EQ(r.threats.size(), 1U);
  EXPECT_EQ(r.threats[0].outcome, Outcome::kSurvived);
}

// examples/iads.yaml: the northern battalion's radar faces away, so its launchers fire on the
// southern radar's tracks (engage on remote), every order a salvo of two.
TEST(Engagement, LaunchersFireOnAnotherBattalionsTracksInSalvosOfTwo) {
  const RunResult r = run_text(example_text("iads.yaml"));
  EXPECT_GE(check_chain(r), 4);
  const EntityIndex south_radar = entity(r, "s-fcr");
  int remote = 0, orders = 0;
  for (const Event& e : r.events) {
    const auto* a = std::get_if<Assigned>(&e.data);
    if (a == nullptr) continue;
    ++orders;
    EXPECT_EQ(a->missiles, 2u);
    if (r.entities[a->launcher].id.starts_with("n-")) {
      EXPECT_EQ(a->radar, south_radar);
      ++remote;
    }
  }
  EXPECT_GE(remote, 2);
  // Every missile of a salvo counts against its threat, the one that killed and the one that
  // flew on to self-destruct.
  std::map<EntityIndex, int> fired;
  for (const ShotRecord& s : r.shots) ++fired[s.target];
  for (const ThreatOutcome& o : r.threats) {
    if (o.outcome == Outcome::kKilled) {
      EXPECT_EQ(fired[o.entity], 2) << r.entities[o.entity].id;
    }
  }
  EXPECT_EQ(int(r.shots.size()), 2 * orders);
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
  const RunResult again = run_text(example_text("demo.yaml"));
  const RunResult& r = demo_run();
  ASSERT_EQ(again.shots.size(), r.shots.size());
  for (std::size_t i = 0; i < r.shots.size(); ++i) {
    EXPECT_EQ(again.shots[i].launch_s, r.shots[i].launch_s);
    // A shot that never met its object has no miss distance (NaN): the same in both.
    EXPECT_EQ(std::isnan(again.shots[i].miss_m), std::isnan(r.shots[i].miss_m));
    if (!std::isnan(r.shots[i].miss_m)) {
      EXPECT_EQ(again.shots[i].miss_m, r.shots[i].miss_m);
    }
    EXPECT_EQ(again.shots[i].result, r.shots[i].result);
  }
}

// The command post (c2) and the interceptor's guidance (weapons) include nothing that holds
// truth: not the threats' movers, not the radars, not the run, not the scenario. The weapons'
// seekers and fuzes meet truth only through the Scene the run hands them, and the command post
// hears none of the events that name what a burst hit.
TEST(Engagement, CommandPostAndGuidanceCannotReachTruth) {
  const std::regex include(R"(#include\s+"opensam/(\w+)/)");
  const std::regex truth_events(R"(\b(Intercept|Killed|Missed|InterceptorTruth|Scene)\b)");
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
      if (std::string(module) == "c2") {
        EXPECT_FALSE(std::regex_search(s, truth_events)) << entry.path().filename() << " names a truth event";
      }
    }
  }
  EXPECT_GE(files, 10);
  // And the build links them so: c2 on tracking and weapons, weapons on geo and physics.
  std::ifstream cmake(kSource / "src/opensam/CMakeLists.txt");
  std::stringstream text;
  text << cmake.rdbuf();
  const std::string s = text.str();
  const auto deps = [&](const std::string& module) {
    const std::regex block("opensam_add_module\\(" + module + "\\s+SOURCES[^)]*?DEPS ([^)]*)\\)");
    std::smatch m;
    return std::regex_search(s, m, block) ? m[1].str() : std::string("(not found)");
  };
  EXPECT_EQ(deps("c2"), "opensam_tracking opensam_weapons");
  EXPECT_EQ(deps("weapons"), "opensam_geo opensam_physics");
}

}  // namespace
}  // namespace opensam::sim
