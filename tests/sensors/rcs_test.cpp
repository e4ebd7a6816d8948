#include "opensam/sensors/rcs.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace opensam::sensors {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

// IEEE Std 521-2019 letter bands.
TEST(Band, IeeeLetters) {
  EXPECT_EQ(band_letter(1.3e9), "L");
  EXPECT_EQ(band_letter(3e9), "S");
  EXPECT_EQ(band_letter(5.5e9), "C");
  EXPECT_EQ(band_letter(10e9), "X");
  EXPECT_EQ(band_letter(15e9), "Ku");
  EXPECT_EQ(band_letter(150e6), "VHF");
  EXPECT_EQ(band_letter(100e9), "");
  EXPECT_NEAR(band_centre_hz("S"), std::sqrt(8e18), 1.0);
}

RcsModel table() {
  // Two elevations x three azimuths: 0 / -10 / 10 dBsm at the nose / beam / tail, +10 dB from
  // above; X and L bands differ by 20 dB.
  std::map<std::string, std::vector<double>> bands{{"X", {0, -10, 10, 10, 0, 20}},
                                                   {"L", {20, 10, 30, 30, 20, 40}}};
  return RcsModel({0.0, 90 * kDeg, 180 * kDeg}, {0.0, 30 * kDeg}, bands, 5.0);
}

TEST(Rcs, TablePointsBilinearInDbsmAndClamped) {
  const RcsModel m = table();
  const RcsPattern x = m.for_frequency(10e9);
  EXPECT_NEAR(x.rcs_m2(0.0, 0.0), 1.0, 1e-12);
  EXPECT_NEAR(x.rcs_m2(90 * kDeg, 0.0), 0.1, 1e-12);
  EXPECT_NEAR(x.rcs_m2(180 * kDeg, 30 * kDeg), 100.0, 1e-9);
  // Half-way in azimuth and in elevation: the mean of the four corners in dB, -5 + 5 = 0 dBsm.
  EXPECT_NEAR(x.rcs_m2(45 * kDeg, 15 * kDeg), 1.0, 1e-12);
  // Left is the mirror of right; beyond the table the edge value holds.
  EXPECT_NEAR(x.rcs_m2(-90 * kDeg, 0.0), 0.1, 1e-12);
  EXPECT_NEAR(x.rcs_m2(270 * kDeg, 0.0), 0.1, 1e-12);
  EXPECT_NEAR(x.rcs_m2(0.0, -45 * kDeg), 1.0, 1e-12);
  EXPECT_NEAR(x.rcs_m2(0.0, 80 * kDeg), 10.0, 1e-12);
}

TEST(Rcs, BandByLetterThenNearestAndConstantWithoutTable) {
  const RcsModel m = table();
  EXPECT_NEAR(m.for_frequency(1.3e9).rcs_m2(0.0, 0.0), 100.0, 1e-9);
  // S band is not in the table: L (1.41 GHz centre) is nearer in log-frequency than X.
  EXPECT_NEAR(m.for_frequency(2.5e9).rcs_m2(0.0, 0.0), 100.0, 1e-9);
  // Ku band: X is nearer.
  EXPECT_NEAR(m.for_frequency(14e9).rcs_m2(0.0, 0.0), 1.0, 1e-12);
  EXPECT_NEAR(RcsModel(0.5).for_frequency(3e9).rcs_m2(1.0, 0.2), 0.5, 1e-15);
}

}  // namespace
}  // namespace opensam::sensors
