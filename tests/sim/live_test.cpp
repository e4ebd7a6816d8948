// Entities of another simulation in a run (the DIS-in path without the network): reported,
// dead-reckoned between reports (IEEE 1278.1-2012, annex E: p + v dt), detected by our radars,
// tracked, engaged; dropped when no longer reported.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "opensam/geo/frames.hpp"
#include "opensam/output/writers.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/prepared.hpp"
#include "opensam/sim/replication.hpp"

namespace opensam::sim {
namespace {

/// Another simulation flying one aircraft north at 250 m/s from 81 km south of the
/// engagement radar, reporting once a second until `last_report_s`.
class FakeLink : public LiveLink {
 public:
  explicit FakeLink(double last_report_s, double timeout_at_s)
      : last_report_s_(last_report_s), timeout_at_s_(timeout_at_s) {
    start_ = geo::lla_to_ecef({39.30, 32.56, 6000.0});
    velocity_ = geo::enu_to_ecef_rotation(39.30, 32.56) * geo::Vec3(0.0, 250.0, 0.0);
  }
  [[nodiscard]] double interval_s() const override { return 0.1; }
  void on_movers(double now_s, std::span<const MoverState> movers) override {
    for (const MoverState& m : movers) {
      if (m.entity == bound_ && m.alive) last_seen_ = m.position_ecef_m, last_seen_s_ = now_s;
    }
  }
  bool poll(double now_s, Inbound& in) override {
    const double whole = std::floor(now_s + 1e-9);
    if (now_s - whole < 0.05 && whole <= last_report_s_ && whole > reported_s_) {
      reported_s_ = whole;
      in.reports.push_back(
          {42, "dis-7.8.9", now_s, start_ + velocity_ * now_s, velocity_, geo::Vec3::Zero()});
    }
    if (!timed_out_ && now_s >= timeout_at_s_) {
      timed_out_ = true;
      in.timed_out.push_back(42);
    }
    return true;
  }
  void bound(std::uint64_t key, EntityIndex entity) override {
    EXPECT_EQ(key, 42U);
    bound_ = entity;
  }
  /// Where the run had it last, against where the other simulation says it was.
  [[nodiscard]] double dead_reckoning_error_m() const {
    return (last_seen_ - (start_ + velocity_ * last_seen_s_)).norm();
  }
  EntityIndex bound_ = kNoEntity;

 private:
  double last_report_s_;
  double timeout_at_s_;
  double reported_s_ = -1.0;
  bool timed_out_ = false;
  geo::Vec3 start_, velocity_;
  geo::Vec3 last_seen_ = geo::Vec3::Zero();
  double last_seen_s_ = 0.0;
};

scenario::Scenario dis_in_scenario() {
  auto r = scenario::load(std::string(OPENSAM_TEST_SOURCE_DIR) + "/examples/dis-in.yaml");
  EXPECT_TRUE(r.ok()) << r.errors.str();
  return r.scenario;
}

/// A run of `sc` with `link` bringing entities in.
RunResult run_live(const scenario::Scenario& sc, LiveLink& link) {
  RunOptions o;
  o.live = &link;
  o.live_inbound = true;
  return run_replication(sc, o);
}

TEST(LiveRun, AnExternalAircraftIsDetectedTrackedAndEngaged) {
  const scenario::Scenario sc = dis_in_scenario();
  FakeLink link(1e9, 1e9);
  const RunResult run = run_live(sc, link);
  ASSERT_NE(link.bound_, kNoEntity);
  EXPECT_EQ(run.entities[link.bound_].id, "dis-7.8.9");
  EXPECT_EQ(run.entities[link.bound_].type, "f16c");
  std::size_t detections = 0, intercepts = 0;
  bool launched = false;
  for (const Event& e : run.events) {
    if (const auto* d = std::get_if<Detection>(&e.data); d && d->target == link.bound_) ++detections;
    if (std::holds_alternative<Launched>(e.data)) launched = true;
    if (const auto* i = std::get_if<Intercept>(&e.data); i && i->target == link.bound_) ++intercepts;
  }
  EXPECT_GT(detections, 10U);
  EXPECT_TRUE(launched);
  EXPECT_GE(intercepts, 1U);
  ASSERT_EQ(run.threats.size(), 1U);
  EXPECT_EQ(run.threats[0].outcome, Outcome::kKilled);
  // Reported on a straight line, reckoned on the same line: the run had it where it was.
  EXPECT_LT(link.dead_reckoning_error_m(), 1e-3);
}

TEST(LiveRun, AnEntityNoLongerReportedLeaves) {
  const scenario::Scenario sc = dis_in_scenario();
  FakeLink link(20.0, 32.0);
  const RunResult run = run_live(sc, link);
  ASSERT_EQ(run.threats.size(), 1U);
  // It was fired at before it left: it survived the engagement.
  ASSERT_FALSE(run.shots.empty());
  EXPECT_EQ(run.threats[0].outcome, Outcome::kSurvived);
  EXPECT_NEAR(run.threats[0].time_s, 32.0, 0.11);
  EXPECT_NEAR(run.end_time_s, sc.duration_s, 1e-9);  // the run waits for others
}

/// The same aircraft, and at 10 s a weapon of the other simulation destroys the engagement
/// radar (site 2 of dis-in.yaml, the 92N6E).
class StrikingLink : public FakeLink {
 public:
  StrikingLink() : FakeLink(1e9, 1e9) {}
  bool poll(double now_s, Inbound& in) override {
    const bool go_on = FakeLink::poll(now_s, in);
    if (!struck_ && now_s >= 10.0) {
      struck_ = true;
      in.strikes.push_back(2);
    }
    return go_on;
  }

 private:
  bool struck_ = false;
};

TEST(LiveRun, AStrikeFromAnotherSimulationDestroysASite) {
  const scenario::Scenario sc = dis_in_scenario();
  ASSERT_EQ(sc.sites[2].id, "fcr");
  StrikingLink link;
  const RunResult run = run_live(sc, link);
  std::size_t destroyed = 0;
  bool launched = false;
  for (const Event& e : run.events) {
    if (const auto* d = std::get_if<SiteDestroyed>(&e.data)) {
      ++destroyed;
      EXPECT_EQ(d->site, 2U);
      EXPECT_NEAR(e.time_s, 10.0, 0.11);
    }
    if (std::holds_alternative<Launched>(e.data)) launched = true;
  }
  EXPECT_EQ(destroyed, 1U);
  // Without its engagement radar the battalion cannot guide a missile: the aircraft that was
  // killed in the test above now flies on.
  EXPECT_FALSE(launched);
  ASSERT_EQ(run.threats.size(), 1U);
  EXPECT_NE(run.threats[0].outcome, Outcome::kKilled);
}

/// The golden outputs of the inbound path, which no example exercises without a network: a
/// run with the striking link, its logs byte for byte against tests/golden/live-inbound/
/// (`make golden`, which sets OPENSAM_GOLDEN_UPDATE, rewrites them).
TEST(LiveRun, InboundRunMatchesItsGoldenOutputs) {
  const scenario::Scenario sc = dis_in_scenario();
  StrikingLink striking;
  FakeLink leaving(20.0, 32.0);
  const std::filesystem::path dir =
      std::filesystem::path(OPENSAM_TEST_SOURCE_DIR) / "tests/golden/live-inbound";
  const bool update = std::getenv("OPENSAM_GOLDEN_UPDATE") != nullptr;
  if (update) std::filesystem::create_directories(dir);
  const std::pair<std::string, LiveLink*> cases[] = {{"strike", &striking}, {"leave", &leaving}};
  for (const auto& [name, link] : cases) {
    const RunResult run = run_live(sc, *link);
    const std::pair<std::string, std::string> logs[] = {{name + "-events.csv", output::events_csv(run)},
                                                        {name + "-tracks.csv", output::tracks_csv(run)}};
    for (const auto& [file, text] : logs) {
      if (update) {
        std::ofstream(dir / file, std::ios::binary) << text;
        continue;
      }
      std::ifstream in(dir / file, std::ios::binary);
      ASSERT_TRUE(in) << "no golden file " << (dir / file) << ": run `make golden`";
      std::stringstream want;
      want << in.rdbuf();
      EXPECT_TRUE(text == want.str()) << file << " differs from tests/golden/live-inbound/" << file
                                      << "; if the change is meant, run `make golden`";
    }
  }
}

}  // namespace
}  // namespace opensam::sim
