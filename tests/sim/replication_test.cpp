#include "opensam/sim/replication.hpp"

#include <gtest/gtest.h>

#include <GeographicLib/Geodesic.hpp>

#include "opensam/scenario/scenario.hpp"

namespace opensam::sim {
namespace {

using scenario::Scenario;

scenario::Threat threat(std::string id, double lat0, double lat1, double speed, scenario::RouteEnd end) {
  scenario::Threat t;
  t.id = std::move(id);
  t.type = "test";
  t.end = end;
  t.route.push_back({{lat0, 32.0}, {1000.0, scenario::AltitudeReference::kMsl}, speed});
  t.route.push_back({{lat1, 32.0}, {1000.0, scenario::AltitudeReference::kMsl}, speed});
  return t;
}

Scenario two_threats() {
  Scenario s;
  s.name = "t";
  s.duration_s = 3600.0;
  s.assets.push_back({"base", {40.0, 32.0}, {}, 1000.0, 0.0});
  s.threats.push_back(threat("in", 39.0, 40.0, 200.0, scenario::RouteEnd::kAimPoint));
  s.threats.back().target = "base";
  s.threats.push_back(threat("out", 39.0, 39.5, 50.0, scenario::RouteEnd::kExit));
  return s;
}

// Arrival time = geodesic length / speed (Karney 2013, via GeographicLib's Inverse), to the
// autopilot's great-circle steering on a 0.25 s grid (0.02 % here).
TEST(Replication, LeakerArrivesAtGeodesicLengthOverSpeed) {
  const RunResult r = run_replication(two_threats(), {});
  double s12 = 0;
  GeographicLib::Geodesic::WGS84().Inverse(39.0, 32.0, 40.0, 32.0, s12);
  ASSERT_EQ(r.threats.size(), 2u);
  EXPECT_EQ(r.threats[0].outcome, Outcome::kLeaked);
  EXPECT_NEAR(r.threats[0].time_s, s12 / 200.0, 2e-4 * s12 / 200.0);
  EXPECT_EQ(r.threats[1].outcome, Outcome::kNotEngaged);
  // Nothing left after the later of the two: the run ends there, not at the duration.
  EXPECT_DOUBLE_EQ(r.end_time_s, std::max(r.threats[0].time_s, r.threats[1].time_s));
}

TEST(Replication, LogsTheChainInOrder) {
  const RunResult r = run_replication(two_threats(), {});
  std::vector<std::string_view> names;
  for (const auto& e : r.events) names.push_back(event_name(e.data));
  EXPECT_EQ(names, (std::vector<std::string_view>{"run_started", "entity_created", "entity_created",
                                                  "entity_created", "leaked", "asset_damaged", "exited",
                                                  "run_ended"}));
  for (std::size_t i = 1; i < r.events.size(); ++i) EXPECT_LE(r.events[i - 1].time_s, r.events[i].time_s);
  const auto& leak = std::get<Leaked>(r.events[4].data);
  EXPECT_EQ(r.entities[leak.target].id, "base");
  EXPECT_NEAR(leak.where.lat_deg, 40.0, 1e-5);  // within a metre
}

TEST(Replication, ThreatsStillFlyingAtTheDurationSurvive) {
  Scenario s = two_threats();
  s.duration_s = 60.0;
  const RunResult r = run_replication(s, {});
  EXPECT_EQ(r.threats[0].outcome, Outcome::kSurvived);
  EXPECT_DOUBLE_EQ(r.threats[0].time_s, 60.0);
  EXPECT_DOUBLE_EQ(r.end_time_s, 60.0);
  EXPECT_EQ(std::get<RunEnded>(r.events.back().data).threats_flying, 2u);
}

double start_of(const RunResult& r, const std::string& id) {
  for (const auto& e : r.events) {
    if (const auto* c = std::get_if<EntityCreated>(&e.data); c && r.entities[c->entity].id == id)
      return e.time_s;
  }
  return -1;
}

// Start jitter comes from the stream "threat/<id>/start": another threat added to the raid
// leaves it unchanged; another seed or replicate changes it.
TEST(Replication, JitterDrawsDependOnlyOnTheirOwnStream) {
  Scenario s = two_threats();
  s.threats[0].start_jitter_s = 100.0;
  const double base = start_of(run_replication(s, {}), "in");
  EXPECT_GT(base, 0.0);
  EXPECT_LT(base, 100.0);
  Scenario more = s;
  more.threats.insert(more.threats.begin(), threat("extra", 38.0, 39.0, 150.0, scenario::RouteEnd::kExit));
  more.threats.front().start_jitter_s = 100.0;
  EXPECT_DOUBLE_EQ(start_of(run_replication(more, {}), "in"), base);
  RunOptions other_seed;
  other_seed.seed = 2;
  EXPECT_NE(start_of(run_replication(s, other_seed), "in"), base);
  RunOptions other_rep;
  other_rep.replicate = 1;
  EXPECT_NE(start_of(run_replication(s, other_rep), "in"), base);
}

struct CountingSink : EventSink {
  int count = 0;
  void on_event(const Event&) override { ++count; }
};

TEST(Replication, SinksHearEveryEvent) {
  CountingSink sink;
  RunOptions opt;
  opt.sinks.push_back(&sink);
  const RunResult r = run_replication(two_threats(), opt);
  EXPECT_EQ(std::size_t(sink.count), r.events.size());
}

}  // namespace
}  // namespace opensam::sim
