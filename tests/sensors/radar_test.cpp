// One radar's look at a target: the radar equation, Swerling detection, measurement noise and
// bias, jamming through the main lobe and the sidelobes.
#include "opensam/sensors/radar.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace opensam::sensors {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

RadarType test_radar() {
  RadarType t;
  sensors::RadarParameters& p = t.parameters;
  p.frequency_hz = 3e9;
  p.peak_power_w = 100e3;
  p.gain_db = 35.0;
  p.noise_bandwidth_hz = 1e5;
  p.resolution_bandwidth_hz = 1e6;
  p.noise_figure_db = 3.0;
  p.losses_db = 6.0;
  p.pulses = 4;
  p.pfa = 1e-6;
  p.prf_hz = 400.0;
  p.azimuth_beamwidth_rad = 2.0 * kDeg;
  p.elevation_beamwidth_rad = 2.0 * kDeg;
  p.instrumented_range_m = 400e3;
  t.scan_period_s = 10.0;
  t.range_bias_sd_m = 0.0;
  return t;
}

struct Fixture {
  geo::Terrain flat;
  Environment env;
  Signature sig;
  Radar radar;
  explicit Fixture(const RadarType& type)
      : radar(0, "r", type, {39.0, 33.0, 20.0}, 0.0, 0.0, {}, flat, env,
              core::RngStream(1, 0, "radar/r/bias")) {
    sig.rcs = sensors::RcsModel(1.0);
    sig.swerling = sensors::Swerling::k1;
  }
  /// A target `range_m` north of the radar at 30 deg elevation, flying east.
  TargetView target(double range_m) const {
    const geo::EnuFrame f(radar.antenna());
    const geo::Vec3 enu(0.0, range_m * std::cos(30 * kDeg), range_m * std::sin(30 * kDeg));
    const geo::Vec3 ecef = f.point_to_ecef(enu);
    return {1, ecef, f.vector_to_ecef(geo::Vec3(200.0, 0.0, 0.0)), geo::ecef_to_lla(ecef), &sig};
  }
};

// Above the beam and without atmosphere, the look's SNR is the radar equation's (Skolnik
// eq. 2.61), and its Pd the exact Swerling 1 value for the radar's dwell.
TEST(RadarLook, SnrAndPdAreTheRadarEquationAndSwerling) {
  Fixture f(test_radar());
  const TargetView t = f.target(100e3);
  const LookBudget b = f.radar.budget(t, {});
  ASSERT_TRUE(b.in_coverage);
  const double range = f.radar.geometry(t.ecef, t.velocity_ecef).range_m;
  EXPECT_NEAR(b.snr / sensors::snr_free_space(test_radar().parameters, range, 1.0), 1.0, 1e-12);
  EXPECT_EQ(b.cnr, 0.0);  // the surface at that range is below the radar horizon
  EXPECT_NEAR(b.pd, sensors::probability_of_detection(b.sinr, 1e-6, 4, sensors::Swerling::k1), 1e-12);
}

// Each look is one Bernoulli draw with the budget's Pd: over 20,000 looks the detection
// fraction is within 4 sigma of it (binomial), and range errors have the stated sigma
// (Barton and Ward's c / (2 B sqrt(2 SNR))).
TEST(RadarLook, DetectionFrequencyAndNoiseMatchTheBudget) {
  Fixture f(test_radar());
  // Where Pd is about one half.
  const sensors::RadarParameters& p = test_radar().parameters;
  const TargetView t =
      f.target(sensors::range_for_snr_m(p, 1.0, sensors::required_snr(p, 0.5, sensors::Swerling::k1)));
  const LookBudget b = f.radar.budget(t, {});
  ASSERT_GT(b.pd, 0.2);
  ASSERT_LT(b.pd, 0.8);
  core::RngStream rng(1, 0, "test");
  const int n = 20000;
  int hits = 0;
  double sum = 0.0;
  double sum2 = 0.0;
  double sigma = 0.0;
  const double range = f.radar.geometry(t.ecef, t.velocity_ecef).range_m;
  for (int i = 0; i < n; ++i) {
    if (auto d = f.radar.look(t, {}, rng)) {
      ++hits;
      sum += d->range_m - range;
      sum2 += (d->range_m - range) * (d->range_m - range);
      sigma = d->sigma_range_m;
      EXPECT_EQ(d->target, 1u);
    }
  }
  EXPECT_NEAR(static_cast<double>(hits) / n, b.pd, 4.0 * std::sqrt(b.pd * (1 - b.pd) / n));
  const double mean = sum / hits;
  EXPECT_NEAR(mean, 0.0, 4.0 * sigma / std::sqrt(hits));
  EXPECT_NEAR(std::sqrt(sum2 / hits - mean * mean) / sigma, 1.0, 0.03);
}

// The reported sigma is the whole error budget (Barton 2005, ch. 9: noise and bias in
// quadrature). At high SNR the noise is centimetres and the bias dominates: across 2,000
// replicates, each with its own bias draw, the errors over the reported sigma have unit spread.
TEST(RadarLook, ReportedSigmaHoldsTheBias) {
  RadarType type = test_radar();
  type.range_bias_sd_m = 30.0;
  type.angle_bias_sd_rad = 0.05 * kDeg;
  const int n = 2000;
  double sum2_range = 0.0, sum2_azimuth = 0.0;
  for (int r = 0; r < n; ++r) {
    const Fixture f(type);
    const Radar radar(0, "r", type, {39.0, 33.0, 20.0}, 0.0, 0.0, {}, f.flat, f.env,
                      core::RngStream(1, std::uint64_t(r), "radar/r/bias"));
    const TargetView t = f.target(20e3);
    const RadarGeometry g = radar.geometry(t.ecef, t.velocity_ecef);
    core::RngStream rng(1, std::uint64_t(r), "test");
    const std::optional<Detection> look = radar.look(t, {}, rng);
    ASSERT_TRUE(look.has_value());  // 1 m^2 at 20 km: an SNR of about 60 dB
    const Detection& d = *look;
    EXPECT_GE(d.sigma_range_m, 30.0);
    EXPECT_LT(d.sigma_range_m, 30.1);
    sum2_range += std::pow((d.range_m - g.range_m) / d.sigma_range_m, 2);
    sum2_azimuth += std::pow(
        std::remainder(d.azimuth_rad - g.azimuth_rad, 2 * std::numbers::pi) / d.sigma_azimuth_rad, 2);
  }
  // The sample variance of n unit normals is within 4 sqrt(2 / n) of 1.
  EXPECT_NEAR(sum2_range / n, 1.0, 4.0 * std::sqrt(2.0 / n));
  EXPECT_NEAR(sum2_azimuth / n, 1.0, 4.0 * std::sqrt(2.0 / n));
}

// A self-screening jammer drowns the echo; the same jammer 10 deg off the beam comes in
// through the -30 dB sidelobes only.
TEST(RadarLook, JammingInTheMainLobeAndTheSidelobes) {
  Fixture f(test_radar());
  const TargetView t = f.target(100e3);
  // 100 W over 100 MHz around the radar's frequency.
  const double f0 = test_radar().parameters.frequency_hz;
  const JammerPod pod{"barrage", f0 - 50e6, f0 + 50e6, 100.0};
  const JammerView on_target{1, t.ecef, std::span(&pod, 1)};
  const LookBudget clean = f.radar.budget(t, {});
  const LookBudget jammed = f.radar.budget(t, std::span(&on_target, 1));
  const double jnr = sensors::jam_to_noise(
      test_radar().parameters,
      sensors::erp_in_band_w(std::span(&pod, 1), f0, test_radar().parameters.noise_bandwidth_hz),
      f.radar.geometry(t.ecef, t.velocity_ecef).range_m, 1.0);
  EXPECT_NEAR(jammed.jnr / jnr, 1.0, 1e-9);
  EXPECT_NEAR(jammed.sinr, clean.snr / (1.0 + jnr), 1e-9 * clean.snr);
  const geo::EnuFrame frame(f.radar.antenna());
  const geo::Vec3 off = frame.point_to_ecef(geo::Vec3(100e3 * std::sin(10 * kDeg) * std::cos(30 * kDeg),
                                                      100e3 * std::cos(10 * kDeg) * std::cos(30 * kDeg),
                                                      100e3 * std::sin(30 * kDeg)));
  const JammerView aside{2, off, std::span(&pod, 1)};
  EXPECT_NEAR(f.radar.budget(t, std::span(&aside, 1)).jnr / jnr, 1e-3, 1e-4);
}

// Electronic protection (Schleher, Electronic Warfare in the Information Age, ch. 9; Skolnik,
// ch. 24): a sidelobe canceller of 25 dB with one auxiliary channel takes 25 dB off a jammer in
// the sidelobes, nothing off one in the main lobe, and with two sidelobe jammers only off the
// stronger.
TEST(RadarLook, SidelobeCancellerHelpsAgainstSidelobeJammersNotInTheMainLobe) {
  RadarType plain = test_radar();
  RadarType protected_type = plain;
  protected_type.canceller_db = 25.0;
  protected_type.canceller_channels = 1;
  Fixture a(plain), b(protected_type);
  const TargetView t = a.target(100e3);
  const double f0 = plain.parameters.frequency_hz;
  const JammerPod pod{"barrage", f0 - 50e6, f0 + 50e6, 100.0};
  const geo::EnuFrame frame(a.radar.antenna());
  auto at = [&](double off_deg, double range_m) {
    return frame.point_to_ecef(geo::Vec3(range_m * std::sin(off_deg * kDeg) * std::cos(30 * kDeg),
                                         range_m * std::cos(off_deg * kDeg) * std::cos(30 * kDeg),
                                         range_m * std::sin(30 * kDeg)));
  };
  const JammerView main_lobe{1, t.ecef, std::span(&pod, 1)};
  const JammerView side[] = {{2, at(10.0, 100e3), std::span(&pod, 1)},
                             {3, at(20.0, 200e3), std::span(&pod, 1)}};
  EXPECT_NEAR(
      b.radar.budget(t, std::span(&main_lobe, 1)).jnr / a.radar.budget(t, std::span(&main_lobe, 1)).jnr, 1.0,
      1e-12);
  const double near_side = a.radar.budget(t, std::span(side, 1)).jnr;
  EXPECT_NEAR(b.radar.budget(t, std::span(side, 1)).jnr / near_side, std::pow(10.0, -2.5), 1e-9);
  // The farther one (200 km: 6 dB weaker) keeps all of its jamming.
  const double far_side = a.radar.budget(t, std::span(side + 1, 1)).jnr;
  EXPECT_NEAR(far_side / near_side, 0.25, 1e-6);
  EXPECT_NEAR(b.radar.budget(t, std::span(side, 2)).jnr, near_side * std::pow(10.0, -2.5) + far_side,
              1e-9 * near_side);
}

}  // namespace
}  // namespace opensam::sensors
