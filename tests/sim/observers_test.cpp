// The air picture in a run, scored against truth by its observer (GOSPA), and its death with the
// command post.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numbers>

#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/replication.hpp"

namespace opensam::sim {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = OPENSAM_TEST_SOURCE_DIR;

scenario::Scenario load(const std::string& text) {
  auto r = scenario::load_from_string(text, "air_picture_test.yaml", (kSource / "tests/sim").string());
  EXPECT_TRUE(r.ok()) << r.errors.str();
  return r.scenario;
}

const char* kInbound = R"(
name: inbound
duration: 40 min
sites:
  - {id: cp, type: s400/55K6E, position: "39.0N 32.9E"}
  - {id: acq, type: s400/91N6E, position: "39.0N 33.0E", altitude: 20 m}
threats:
  - id: f16
    type: f16c
    jamming: [{on: false}]  # its skin alone: its self-protection jammer stays off
    route:
      - {position: "43.5N 33.0E", altitude: 10 km, speed: 250 m/s}
      - {position: "39.2N 33.0E"}
    end: exit
)";

// An F-16 inbound on a 91N6E: the picture confirms one track on the third detection (M of N
// 3 of 5) and from then on scores it within the radar's accuracy: GOSPA (Rahmathullah et al.
// 2017) with one truth and one track within c is the localisation error alone.
TEST(AirPicture, ARunConfirmsTheInboundFighterAndScoresItAgainstTruth) {
  const RunResult r = run_replication(load(kInbound), {});
  double first_detection = -1, confirmed = -1;
  int detections = 0;
  for (const auto& e : r.events) {
    if (const auto* d = std::get_if<Detection>(&e.data); d && d->target != kNoEntity) {
      if (first_detection < 0) first_detection = e.time_s;
      ++detections;
    }
    if (const auto* t = std::get_if<TrackReport>(&e.data);
        t && t->kind == tracking::TrackEventKind::kConfirmed && confirmed < 0)
      confirmed = e.time_s;
  }
  ASSERT_GT(detections, 50);
  ASSERT_GT(confirmed, first_detection);
  EXPECT_LT(confirmed - first_detection, 60.0);  // three hits within five 10 s scans, Pd ~0.9
  ASSERT_FALSE(r.picture.empty());
  EXPECT_DOUBLE_EQ(r.picture.front().time_s, 1.0);  // every update_interval (1 s)
  // Over the last ten minutes: one truth, held, within c.
  int held = 0, samples = 0;
  double worst = 0;
  for (const PictureSample& g : r.picture) {
    if (g.time_s < r.end_time_s - 600 || g.time_s >= r.end_time_s) continue;  // the threat exits at the end
    ++samples;
    EXPECT_EQ(g.truths, 1u);
    if (g.missed == 0 && g.false_tracks == 0) {
      ++held;
      EXPECT_NEAR(g.gospa_m, g.localisation, 1e-9);  // p = 1: GOSPA is the localisation
      worst = std::max(worst, g.localisation);
    }
  }
  EXPECT_GT(held, 0.95 * samples);
  EXPECT_LT(worst, 1000.0);
}

// The picture lives in the command post: when it is destroyed, nothing is fused or scored.
TEST(AirPicture, StopsWhenTheCommandPostIsDestroyed) {
  std::string text = kInbound;
  text.replace(text.find("32.9E\"}"), 7, "32.9E\", destroyed_at: 20 min}");
  const RunResult r = run_replication(load(text), {});
  ASSERT_FALSE(r.picture.empty());
  EXPECT_LE(r.picture.back().time_s, 1200.0);
  for (const auto& e : r.events) {
    if (std::holds_alternative<TrackReport>(e.data)) {
      EXPECT_LE(e.time_s, 1200.0);
    }
  }
}

}  // namespace
}  // namespace opensam::sim
