#include "opensam/sensors/radar_equation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace opensam::sensors {
namespace {

constexpr double kPi = std::numbers::pi;

RadarParameters lossless() {
  RadarParameters r;
  r.losses_db = 0.0;
  r.noise_figure_db = 0.0;
  return r;
}

// Worked example (radar-systems course, eq. 7-2 style): 1,000 W, 36 dB antenna gain,
// 5.65 GHz, a 1 m2 business jet at 75 nmi receives 6.0e-17 W.
TEST(RadarEquation, ReceivedPowerOfTheWorkedExample) {
  RadarParameters r = lossless();
  r.peak_power_w = 1000.0;
  r.gain_db = 36.0;
  r.frequency_hz = 5.65e9;
  const double received_w = snr_free_space(r, 75.0 * 1852.0, 1.0) * noise_power_w(r);
  EXPECT_NEAR(received_w / 6.0e-17, 1.0, 0.02);
}

// Reference section 6: R2 = R1 (sigma2 / sigma1)^(1/4): -10 dB of RCS gives x0.56 of the
// range, -30 dB x0.18, -40 dB x0.10.
TEST(RadarEquation, RangeScalesWithTheFourthRootOfRcs) {
  const RadarParameters r;
  const double snr = db_to_ratio(13.0);
  const double r1 = range_for_snr_m(r, 1.0, snr);
  EXPECT_NEAR(range_for_snr_m(r, 0.1, snr) / r1, 0.56, 0.005);
  EXPECT_NEAR(range_for_snr_m(r, 0.001, snr) / r1, 0.18, 0.005);
  EXPECT_NEAR(range_for_snr_m(r, 0.0001, snr) / r1, 0.10, 0.005);
  EXPECT_NEAR(snr_free_space(r, r1, 1.0), snr, 1e-9 * snr);
}

// With no atmospheric attenuation and no jammer, the solved detection range is the closed-form
// inverse of the range equation (Skolnik eq. 2.61); with attenuation it is shorter, and its
// SNR less the two-way loss along the ray is the one asked for.
TEST(RadarEquation, DetectionRangeSolvesTheRangeEquation) {
  RadarParameters r;
  const double snr = db_to_ratio(13.0);
  EXPECT_NEAR(detection_range_m(r, 1.0, snr, 0.0, 0.0) / range_for_snr_m(r, 1.0, snr), 1.0, 1e-9);
  r.attenuation_db_per_km = 0.02;
  const double range = detection_range_m(r, 1.0, snr, 10.0, 10.0);
  EXPECT_LT(range, range_for_snr_m(r, 1.0, snr));
  const double sin_el = (10.0 - 10.0) / range - range / (2.0 * kStandardKFactor * kEarthRadiusM);
  const double loss_db = atmospheric_loss_db(r, range, 10.0, std::asin(sin_el));
  EXPECT_NEAR(ratio_to_db(snr_free_space(r, range, 1.0)) - loss_db, 13.0, 1e-6);
  // Out of reach at 1 m: zero.
  EXPECT_EQ(detection_range_m(r, 1e-30, db_to_ratio(90.0), 0.0, 0.0), 0.0);
}

TEST(RadarEquation, NoisePowerIsKT0FB) {
  RadarParameters r;
  r.noise_figure_db = 3.0;
  r.noise_bandwidth_hz = 1e6;
  // -174 dBm/Hz + 60 dB + 3 dB = -111 dBm, with k T0 = 4.00e-21 W/Hz.
  EXPECT_NEAR(10.0 * std::log10(noise_power_w(r) / 1e-3), -174.0 + 60.0 + 3.0, 0.03);
}

// Reference section 6: d[km] ~ 4.12 (sqrt(h_r) + sqrt(h_t)): 25 m and 50 m give 50 km,
// a 10 m mast 42 km.
TEST(Horizon, FourPointOneTwoRule) {
  EXPECT_NEAR(horizon_range_m(25.0, 50.0), 4121.6 * (5.0 + std::sqrt(50.0)), 5.0);
  EXPECT_NEAR(horizon_range_m(25.0, 50.0) / 1000.0, 50.0, 0.5);
  EXPECT_NEAR(horizon_range_m(10.0, 50.0) / 1000.0, 42.0, 0.5);
  EXPECT_NEAR(horizon_range_m(0.0, 0.0), 0.0, 1e-9);
}

// The slope test used for terrain masking agrees with the horizon formula over a bald Earth:
// a target just inside the horizon is above every surface point before it, just beyond it
// is not.
TEST(Horizon, SlopeTestAgreesWithTheHorizonRange) {
  const double hr = 30.0;
  const double ht = 200.0;
  const double d = horizon_range_m(hr, ht);
  auto max_surface_slope = [&](double up_to) {
    double best = -1e9;
    for (double x = 10.0; x < up_to; x += 10.0) best = std::max(best, elevation_slope(hr, x, 0.0));
    return best;
  };
  EXPECT_GT(elevation_slope(hr, 0.99 * d, ht), max_surface_slope(0.99 * d));
  EXPECT_LT(elevation_slope(hr, 1.01 * d, ht), max_surface_slope(1.01 * d));
}

TEST(AntennaPattern, HalfPowerAtHalfBeamwidthAndSidelobeFloor) {
  const double bw = 0.02;
  EXPECT_NEAR(antenna_pattern(0.0, bw, -30.0), 1.0, 1e-12);
  EXPECT_NEAR(antenna_pattern(bw / 2.0, bw, -30.0), 0.5, 1e-4);
  EXPECT_NEAR(antenna_pattern(-bw / 2.0, bw, -30.0), 0.5, 1e-4);
  EXPECT_NEAR(antenna_pattern(5.0 * bw, bw, -30.0), 1e-3, 1e-15);
  EXPECT_GE(antenna_pattern(1.1 * bw, bw, -30.0), 1e-3);
}

// Two-ray lobing (Skolnik 8.2, Blake ch. 6): with a perfect mirror F = 2 |sin(pi delta /
// lambda)|: the first lobe peak (F = 2, SNR x16, +12 dB) at a path difference delta of
// lambda / 2, a null at lambda, sqrt(2) at lambda / 4, and far out F ~ 4 pi h_r h_t /
// (lambda R), so the echo falls as R^-8.
TEST(TwoRay, LobePeakNullAndFarField) {
  const double hr = 20.0;
  const double ht = 100.0;
  const double lambda = 0.1;
  const double quarter_r = 2.0 * hr * ht / (lambda / 4.0);
  const double r_max = 2.0 * hr * ht / (lambda / 2.0);
  EXPECT_NEAR(two_ray_factor(hr, ht, r_max, lambda, 1.0), 2.0, 1e-9);
  const double r_null = 2.0 * hr * ht / lambda;
  EXPECT_NEAR(two_ray_factor(hr, ht, r_null, lambda, 1.0), 0.0, 1e-9);
  EXPECT_NEAR(two_ray_factor(hr, ht, quarter_r, lambda, 1.0), std::sqrt(2.0), 1e-9);
  const double far = 1e7;
  EXPECT_NEAR(two_ray_factor(hr, ht, far, lambda, 1.0) / (4.0 * kPi * hr * ht / (lambda * far)), 1.0, 1e-3);
  // A rough surface (rho = 0.3) keeps the lobes shallow: between 0.7 and 1.3.
  EXPECT_NEAR(two_ray_factor(hr, ht, r_max, lambda, 0.3), 1.3, 1e-9);
  EXPECT_NEAR(two_ray_factor(hr, ht, r_null, lambda, 0.3), 0.7, 1e-9);
}

// Constant-gamma clutter (Barton 2013, ch. 9): sigma_c = gamma R theta (c / 2B) tan(psi).
// gamma -15 dB, psi 10 mrad, R 20 km, 1 deg beam, 1 MHz: 0.03162 * 20000 * 0.017453 *
// 149.90 * 0.0100003 = 16.55 m2.
TEST(Clutter, ConstantGammaCell) {
  EXPECT_NEAR(clutter_rcs_m2(-15.0, 0.01, 20000.0, kPi / 180.0, 1e6), 16.55, 0.01);
  EXPECT_EQ(clutter_rcs_m2(-15.0, -0.001, 20000.0, kPi / 180.0, 1e6), 0.0);
  // Grazing angle: h_r / R less the Earth's curvature, zero at the horizon.
  EXPECT_NEAR(grazing_angle_rad(30.0, 3000.0),
              std::atan(0.01 - 3000.0 / (2.0 * kStandardKFactor * 6371000.0)), 1e-12);
  EXPECT_NEAR(grazing_angle_rad(30.0, horizon_range_m(30.0, 0.0)), 0.0, 1e-9);
}

// Self-screening burn-through (Adamy, EW 101): at the burn-through range the echo over the
// jamming, computed from the radar equation and jam_to_noise separately, is the S/J asked for.
TEST(Jamming, BurnThroughRangeIsWhereSignalEqualsJamTimesRequirement) {
  RadarParameters r = lossless();
  r.peak_power_w = 1e6;
  r.gain_db = 38.0;
  r.noise_bandwidth_hz = 1e6;
  // A 100 W barrage over 100 MHz around the radar's frequency: B_j / B_r = 100.
  const JammerPod pod{"barrage", r.frequency_hz - 50e6, r.frequency_hz + 50e6, 100.0};
  const double in_band = erp_in_band_w(std::span(&pod, 1), r.frequency_hz, r.noise_bandwidth_hz);
  EXPECT_NEAR(in_band, 100.0 * 1e6 / 100e6, 1e-12);
  const double sj = 20.0;  // 13 dB required
  const double rcs = 5.0;
  const double rbt = burnthrough_range_m(r, rcs, in_band, sj);
  const double s_over_n = snr_free_space(r, rbt, rcs);
  const double j_over_n = jam_to_noise(r, in_band, rbt, 1.0);
  EXPECT_NEAR(s_over_n / j_over_n, sj, 1e-9 * sj);
  // Closed form by hand, B_j / B_r = 100: sqrt(1e6 * 6309.6 * 5 * 100 / (4 pi * 100 * 20)) = 11,205 m.
  EXPECT_NEAR(rbt, std::sqrt(1e6 * std::pow(10.0, 3.8) * 5.0 * 100.0 / (4.0 * kPi * 100.0 * 20.0)), 1e-6);
  // A jammer seen through a -30 dB sidelobe does 30 dB less.
  EXPECT_NEAR(jam_to_noise(r, in_band, 50e3, 1e-3) / jam_to_noise(r, in_band, 50e3, 1.0), 1e-3, 1e-15);
}

// Jamming enters only through the overlap of the bands (Adamy, EW 101, ch. 9: the B_r / B_j of
// a barrage that covers the receiver, nothing from one that misses it). A 2-6 GHz pod puts
// B_r / 4 GHz of its ERP into an S-band receiver, half that where its edge cuts the receiver's
// band in two, none into an X-band one, whose detection range it leaves unchanged; two pods
// add.
TEST(Jamming, OnlyTheOverlapOfTheBandsJams) {
  const JammerPod mid{"mid band", 2e9, 6e9, 1e6};
  const std::span<const JammerPod> one(&mid, 1);
  EXPECT_NEAR(erp_in_band_w(one, 3e9, 1e6), 1e6 * 1e6 / 4e9, 1e-9);
  EXPECT_NEAR(erp_in_band_w(one, 6e9, 1e6), 0.5 * 1e6 * 1e6 / 4e9, 1e-9);
  EXPECT_EQ(erp_in_band_w(one, 10e9, 1e6), 0.0);
  EXPECT_NEAR(erp_density_w_hz(one, 3e9), 1e6 / 4e9, 1e-15);
  EXPECT_EQ(erp_density_w_hz(one, 10e9), 0.0);
  const JammerPod both[] = {mid, {"high band", 6e9, 18e9, 3e6}};
  EXPECT_NEAR(erp_in_band_w(both, 10e9, 1e6), 3e6 * 1e6 / 12e9, 1e-9);
  EXPECT_NEAR(erp_in_band_w(both, 6e9, 1e6), 0.5 * 1e6 * 1e6 / 4e9 + 0.5 * 3e6 * 1e6 / 12e9, 1e-9);
  RadarParameters x = lossless();
  x.frequency_hz = 10e9;
  x.peak_power_w = 1e6;
  x.gain_db = 40.0;
  const double clean = detection_range_m(x, 1.0, 20.0, 10.0, 5000.0);
  EXPECT_EQ(detection_range_m(x, 1.0, 20.0, 10.0, 5000.0, kStandardKFactor, erp_in_band_w(one, 10e9, 1e6)),
            clean);
  EXPECT_LT(detection_range_m(x, 1.0, 20.0, 10.0, 5000.0, kStandardKFactor, erp_in_band_w(both, 10e9, 1e6)),
            0.5 * clean);
}

// Spot noise against barrage at equal power (Adamy, EW 101, ch. 9: the jamming in a receiver
// is ERP B_r / B_j): a spot of 10 MHz puts 4 GHz / 10 MHz = 400 times a 2-6 GHz barrage's
// power in a 1 MHz receiver, so burn-through comes 20 times closer; nothing before its
// reaction time or off its coverage. Frequency agility over 200 MHz (Schleher ch. 9) spreads
// the spot that cannot follow the hops, B_r / 200 MHz, and leaves a barrage covering the hops
// as it was; a barrage covering 150 MHz of the 200 jams 3/4 of the hops.
TEST(Jamming, SpotNoiseAgainstBarrageAtEqualPowerAndFrequencyAgility) {
  JammerPod barrage{"barrage", 2e9, 6e9, 1e3};
  JammerPod spot = barrage;
  spot.technique = JamTechnique::kSpot;
  spot.spot_bandwidth_hz = 10e6;
  spot.reaction_s = 2.0;
  const auto in_band = [](const JammerPod& p, double agility_hz = 0.0, double heard_s = 10.0) {
    return erp_in_band_w(std::span(&p, 1), 3e9, 1e6, agility_hz, heard_s);
  };
  EXPECT_NEAR(in_band(barrage), 1e3 * 1e6 / 4e9, 1e-12);
  EXPECT_NEAR(in_band(spot), 1e3 * 1e6 / 10e6, 1e-9);
  EXPECT_NEAR(in_band(spot) / in_band(barrage), 400.0, 1e-9);
  EXPECT_EQ(in_band(spot, 0.0, 1.9), 0.0);
  EXPECT_EQ(erp_in_band_w(std::span(&spot, 1), 8e9, 1e6, 0.0, 10.0), 0.0);
  EXPECT_EQ(erp_density_w_hz(std::span(&spot, 1), 3e9), 0.0);  // spot pods follow radars, not seekers
  EXPECT_NEAR(in_band(spot, 200e6), 1e3 * 1e6 / 200e6, 1e-9);
  EXPECT_NEAR(in_band(barrage, 200e6), in_band(barrage), 1e-15);
  const JammerPod narrow{"narrow", 2.9e9, 3.05e9, 1e3};
  EXPECT_NEAR(erp_in_band_w(std::span(&narrow, 1), 3e9, 1e6, 200e6), 0.75 * 1e3 * 1e6 / 150e6, 1e-9);
  EXPECT_NEAR(erp_in_band_w(std::span(&narrow, 1), 3e9, 1e6), 1e3 * 1e6 / 150e6, 1e-9);
  RadarParameters x = lossless();
  x.frequency_hz = 3e9;
  x.peak_power_w = 1e6;
  x.gain_db = 40.0;
  EXPECT_NEAR(
      burnthrough_range_m(x, 1.0, in_band(barrage), 10.0) / burnthrough_range_m(x, 1.0, in_band(spot), 10.0),
      20.0, 1e-9);
}

// Measurement accuracy (Barton and Ward 1969; Skolnik 6.3): at 2 SNR = 100 the range sigma
// is (c / 2B) / 10 and the angle sigma theta / 16.
TEST(Accuracy, ScalesWithResolutionOverRootTwoSnr) {
  RadarParameters r;
  r.resolution_bandwidth_hz = 1e6;
  r.azimuth_beamwidth_rad = 0.02;
  r.elevation_beamwidth_rad = 0.03;
  r.pulses = 10;
  r.prf_hz = 1000.0;
  r.frequency_hz = 10e9;
  const MeasurementSigma s = measurement_sigma(r, 50.0);
  EXPECT_NEAR(s.range_m, kSpeedOfLightMps / 2e6 / 10.0, 1e-9);
  EXPECT_NEAR(s.azimuth_rad, 0.02 / 16.0, 1e-12);
  EXPECT_NEAR(s.elevation_rad, 0.03 / 16.0, 1e-12);
  EXPECT_NEAR(s.range_rate_mps, wavelength_m(10e9) / (2.0 * 0.01 * 10.0), 1e-9);
}

// Atmospheric loss: alpha R for a short path at the ground; less than alpha R over a long
// path that climbs out of the dense air; more for a lower radar.
TEST(Atmosphere, LossFollowsAirDensityAlongTheRay) {
  RadarParameters r;
  r.attenuation_db_per_km = 0.02;
  EXPECT_NEAR(atmospheric_loss_db(r, 1000.0, 0.0, 0.0), 0.02, 1e-4);
  const double long_path = atmospheric_loss_db(r, 400e3, 10.0, 0.0);
  EXPECT_LT(long_path, 0.02 * 400.0);
  EXPECT_GT(long_path, 0.02 * 50.0);
  EXPECT_LT(atmospheric_loss_db(r, 100e3, 10.0, 0.5), atmospheric_loss_db(r, 100e3, 10.0, 0.0));
  r.attenuation_db_per_km = 0.0;
  EXPECT_EQ(atmospheric_loss_db(r, 400e3, 10.0, 0.0), 0.0);
}

}  // namespace
}  // namespace opensam::sensors
