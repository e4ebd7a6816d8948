// The command post's air picture as a component: its sensor frames against the radars' own
// geometry, and a track held by jam strobes once its skin return is gone.
#include "opensam/c2/air_picture.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "opensam/core/engine.hpp"
#include "opensam/core/rng.hpp"
#include "opensam/sensors/events.hpp"

namespace opensam::c2 {
namespace {

// What the command post is handed has no field for the truth behind it: the picture cannot
// read truth, by construction.
template <typename T>
concept CarriesTruth = requires(T t) {
  t.target;
};
static_assert(CarriesTruth<sensors::Detection>, "the sensor-side detection names its target, for analysis");
static_assert(!CarriesTruth<tracking::Detection>, "the command post's input must not");
static_assert(!CarriesTruth<tracking::RadarPlot>, "nor the radar's report that carries it");

/// One radar flying a target past the picture: plots for five scans, then (with `strobes`)
/// bearings only, one scan every 10 s, each reported 5 s before the picture's update.
struct Radar {
  Radar(core::Engine& e, const AirPicture& picture, bool strobes)
      : engine(e), timeline(e, *this), sensor(picture.tracker().sensors()[0]), strobes_(strobes) {}
  void on(int scan) {
    const double t = 10.0 * scan;
    tracking::StateVec x(6);
    x << 20e3 + 100 * t, 150e3 - 200 * t, 9e3, 100, -200, 0;
    tracking::MeasVec z;
    sensor.model.predict(x, z);
    if (scan < 5) {
      tracking::MeasVec sigma(3);
      sigma << 100, 0.003, 0.003;
      for (int i = 0; i < 3; ++i) z[i] += sigma[i] * rng.normal();
      engine.publish(tracking::RadarPlot{0, {t, z, sigma}});
    } else if (strobes_) {
      tracking::MeasVec bearing(2), sigma(2);
      sigma << 0.003, 0.003;
      bearing << z[1] + 0.003 * rng.normal(), z[2] + 0.003 * rng.normal();
      engine.publish(tracking::RadarStrobe{0, {t, bearing, sigma}});
    }
    engine.publish(tracking::RadarScanEnd{0, t + 10.0});
    if (scan < 19) timeline.schedule_in(10.0, scan + 1);
  }
  core::Engine& engine;
  core::Timeline<int> timeline;
  tracking::Sensor sensor;
  core::RngStream rng{4, 0, "picture"};

 private:
  bool strobes_;
};

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
    core::Engine engine(4, 0);
    // The picture updates every 10 s; the radar reports each scan 5 s before.
    AirPicture picture(engine, {}, 10.0, cp, core::kNoEntity, std::span<const PictureRadar>(&radar, 1));
    Radar feeder(engine, picture, strobes);
    engine.subscribe<tracking::RadarPlot>(picture);
    engine.subscribe<tracking::RadarStrobe>(picture);
    engine.subscribe<tracking::RadarScanEnd>(picture);
    picture.start();
    feeder.timeline.schedule_at(5.0, 0);
    engine.run_until(200.0);
    return picture.tracker().tracks().size();
  };
  EXPECT_EQ(run(true), 1u);
  EXPECT_EQ(run(false), 0u);
}

}  // namespace
}  // namespace opensam::c2
