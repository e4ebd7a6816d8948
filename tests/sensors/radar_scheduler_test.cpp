// What a radar reports to the command post: the measurement and its sigmas, never the truth
// behind them.
#include "opensam/sensors/radar_scheduler.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace opensam::sensors {
namespace {

TEST(RadarReport, PlotsCarryTheMeasurementAndItsSigmasOnly) {
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

}  // namespace
}  // namespace opensam::sensors
