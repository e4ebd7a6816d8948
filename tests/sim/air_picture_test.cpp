#include "opensam/sim/air_picture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numbers>

#include "opensam/core/rng.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/radar.hpp"
#include "opensam/sim/replication.hpp"

namespace opensam::sim {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = OPENSAM_TEST_SOURCE_DIR;

// What the command post is handed has no field for the truth behind it: the picture cannot
// read truth, by construction.
template <typename T>
concept CarriesTruth = requires(T t) {
  t.target;
};
static_assert(CarriesTruth<Detection>, "the sensor-side detection names its target, for analysis");
static_assert(!CarriesTruth<tracking::Detection>, "the command post's input must not");

TEST(AirPicture, PlotsCarryTheMeasurementAndItsSigmasOnly) {
  Detection d{};
  d.target = 7;
  d.range_m = 1e5, d.azimuth_rad = 1.0, d.elevation_rad = 0.1, d.range_rate_mps = -200;
  d.sigma_range_m = 50, d.sigma_azimuth_rad = 0.002, d.sigma_elevation_rad = 0.003,
  d.sigma_range_rate_mps = 2;
  const tracking::Detection p = plot_of(12.5, d);
  EXPECT_EQ(p.time_s, 12.5);
  ASSERT_EQ(p.z.size(), 4);
  EXPECT_EQ(p.z, (tracking::MeasVec(4) << 1e5, 1.0, 0.1, -200).finished());
  EXPECT_EQ(p.sigma, (tracking::MeasVec(4) << 50, 0.002, 0.003, 2).finished());
  d.range_rate_mps = std::nan("");
  EXPECT_EQ(plot_of(0, d).z.size(), 3);
  const JamStrobe s{0, 7, 2.0, 0.05, 20.0, 0.01, 0.02};
  EXPECT_EQ(plot_of(1, s).z, (tracking::MeasVec(2) << 2.0, 0.05).finished());
  EXPECT_EQ(plot_of(1, s).sigma, (tracking::MeasVec(2) << 0.01, 0.02).finished());
}

// A radar 60 km from the command post measures in its own east-north-up frame; the tracker
// predicts those measurements from a state in the command post's frame. Both must agree with
// the radar's own geometry (GeographicLib's exact WGS-84 frames) to well under a sensor's
// noise: a 300 km target is predicted within a millimetre and a microradian.
TEST(AirPicture, SensorFramesReproduceTheRadarsOwnGeometry) {
  const geo::Lla cp{40.0, 32.5, 900.0}, antenna{40.3, 33.1, 1100.0};
  const PictureRadar radar{antenna, true, 600e3, 0.0};
  const auto sensors = picture_sensors(cp, std::span<const PictureRadar>(&radar, 1));
  ASSERT_EQ(sensors.size(), 2u);
  EXPECT_EQ(sensors[0].model.kind, tracking::MeasurementKind::kRadar);
  EXPECT_EQ(sensors[1].model.kind, tracking::MeasurementKind::kBearing);
  const geo::EnuFrame cp_frame(cp), radar_frame(antenna);
  const geo::Lla target{42.4, 34.0, 9000.0};
  const geo::Vec3 ecef = geo::lla_to_ecef(target);
  const geo::Vec3 velocity_ecef = cp_frame.vector_to_ecef(geo::Vec3(-150.0, -220.0, 5.0));
  // Truth in the radar's frame.
  const geo::Vec3 rel = radar_frame.point_from_ecef(ecef);
  const geo::Vec3 v = radar_frame.vector_from_ecef(velocity_ecef);
  const double range = rel.norm();
  // State in the command post's frame, predicted by the tracker's sensor model.
  tracking::StateVec x(6);
  x << cp_frame.point_from_ecef(ecef), cp_frame.vector_from_ecef(velocity_ecef);
  tracking::MeasVec z, b;
  sensors[0].model.predict(x, z);
  sensors[1].model.predict(x, b);
  EXPECT_NEAR(z[0], range, 1e-3);
  EXPECT_NEAR(z[1], std::atan2(rel.x(), rel.y()), 1e-6);
  EXPECT_NEAR(z[2], std::atan2(rel.z(), std::hypot(rel.x(), rel.y())), 1e-6);
  EXPECT_NEAR(z[3], rel.dot(v) / range, 1e-6);
  EXPECT_NEAR(b[0], z[1], 1e-12);
  EXPECT_NEAR(b[1], z[2], 1e-12);
}

// Plots of one radar start and confirm a track (3 of 5 scans); strobes alone then hold it
// while the skin return is jammed, where without them it would drop after 3 missed scans.
TEST(AirPicture, StrobesHoldATrackTheSkinReturnNoLongerUpdates) {
  const geo::Lla cp{40.0, 32.5, 900.0};
  const PictureRadar radar{cp, false, 600e3, 0.0};
  const auto run = [&](bool strobes) {
    AirPicture picture({}, cp, std::span<const PictureRadar>(&radar, 1));
    const tracking::Sensor s = picture.tracker().sensors()[0];
    core::RngStream rng(4, 0, "picture");
    std::vector<tracking::TrackEvent> events;
    for (int scan = 0; scan < 20; ++scan) {
      const double t = 10.0 * scan;
      tracking::StateVec x(6);
      x << 20e3 + 100 * t, 150e3 - 200 * t, 9e3, 100, -200, 0;
      tracking::MeasVec z;
      s.model.predict(x, z);
      if (scan < 5) {
        tracking::MeasVec sigma(3);
        sigma << 100, 0.003, 0.003;
        for (int i = 0; i < 3; ++i) z[i] += sigma[i] * rng.normal();
        picture.receive_plot(0, {t, z, sigma});
      } else if (strobes) {
        tracking::MeasVec bearing(2), sigma(2);
        sigma << 0.003, 0.003;
        bearing << z[1] + 0.003 * rng.normal(), z[2] + 0.003 * rng.normal();
        picture.receive_strobe(0, {t, bearing, sigma});
      }
      picture.receive_scan_end(0, t + 10.0);
      picture.update(events);
    }
    return picture.tracker().tracks().size();
  };
  EXPECT_EQ(run(true), 1u);
  EXPECT_EQ(run(false), 0u);
}

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
