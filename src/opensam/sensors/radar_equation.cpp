#include "opensam/sensors/radar_equation.hpp"

#include <algorithm>
#include <boost/math/quadrature/gauss.hpp>
#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <numbers>

#include "opensam/physics/atmosphere.hpp"

namespace opensam::sensors {

namespace {
constexpr double kPi = std::numbers::pi;
constexpr double kFourPiCubed = 64.0 * kPi * kPi * kPi;
}  // namespace

double wavelength_m(double frequency_hz) { return kSpeedOfLightMps / frequency_hz; }

double noise_power_w(const RadarParameters& radar) {
  return kBoltzmannJPerK * kReferenceTemperatureK * db_to_ratio(radar.noise_figure_db) *
         radar.noise_bandwidth_hz;
}

JammingConstants jamming_constants(const RadarParameters& radar) {
  return {.wavelength_m = wavelength_m(radar.frequency_hz),
          .gain_ratio = db_to_ratio(radar.gain_db),
          .noise_w = noise_power_w(radar),
          .sidelobe_ratio = db_to_ratio(radar.sidelobe_level_db)};
}

double atmospheric_loss_db(const RadarParameters& radar, double range_m, double radar_height_m,
                           double elevation_rad, double k_factor) {
  if (radar.attenuation_db_per_km <= 0.0 || range_m <= 0.0) return 0.0;
  static const double rho0 = physics::standard_atmosphere(0.0).density_kg_m3;
  const double sin_el = std::sin(elevation_rad);
  const double cos_el = std::cos(elevation_rad);
  const double ka2 = 2.0 * k_factor * kEarthRadiusM;
  auto density_ratio = [&](double s) {
    const double h = radar_height_m + s * sin_el + s * s * cos_el * cos_el / ka2;
    return physics::standard_atmosphere(std::max(h, 0.0)).density_kg_m3 / rho0;
  };
  const double effective_m =
      boost::math::quadrature::gauss<double, 20>::integrate(density_ratio, 0.0, range_m);
  return radar.attenuation_db_per_km * effective_m / 1000.0;
}

double snr_free_space(const RadarParameters& radar, double range_m, double rcs_m2, double extra_loss_db) {
  const double lambda = wavelength_m(radar.frequency_hz);
  const double gain = db_to_ratio(radar.gain_db);
  const double r2 = range_m * range_m;
  const double signal =
      radar.peak_power_w * gain * gain * lambda * lambda * rcs_m2 / (kFourPiCubed * r2 * r2);
  return signal / (noise_power_w(radar) * db_to_ratio(radar.losses_db + extra_loss_db));
}

double range_for_snr_m(const RadarParameters& radar, double rcs_m2, double snr) {
  return std::pow(snr_free_space(radar, 1.0, rcs_m2) / snr, 0.25);
}

double required_snr(const RadarParameters& radar, double pd, Swerling swerling) {
  return db_to_ratio(required_snr_db(pd, radar.pfa, radar.pulses, swerling, radar.integration));
}

double horizon_range_m(double radar_height_m, double target_height_m, double k_factor) {
  const double ka2 = 2.0 * k_factor * kEarthRadiusM;
  return std::sqrt(ka2 * std::max(radar_height_m, 0.0)) + std::sqrt(ka2 * std::max(target_height_m, 0.0));
}

double elevation_slope(double radar_height_m, double ground_range_m, double height_m, double k_factor) {
  return (height_m - radar_height_m) / ground_range_m - ground_range_m / (2.0 * k_factor * kEarthRadiusM);
}

namespace {
/// (sin x / x)^2 is at half power for x = 1.39156 and has its first null at x = pi.
double pattern_x(double off_axis_rad, double beamwidth_rad) {
  return 2.0 * 1.39156 * std::abs(off_axis_rad) / beamwidth_rad;
}
}  // namespace

bool in_sidelobes(double off_axis_rad, double beamwidth_rad) {
  return pattern_x(off_axis_rad, beamwidth_rad) >= kPi;
}

double antenna_pattern(double off_axis_rad, double beamwidth_rad, double sidelobe_level_db) {
  return antenna_pattern_ratio(off_axis_rad, beamwidth_rad, db_to_ratio(sidelobe_level_db));
}

double antenna_pattern_ratio(double off_axis_rad, double beamwidth_rad, double floor) {
  const double x = pattern_x(off_axis_rad, beamwidth_rad);
  if (x >= kPi) return floor;
  if (x < 1e-9) return 1.0;
  const double sinc = std::sin(x) / x;
  return std::max(sinc * sinc, floor);
}

double two_ray_factor(double radar_height_m, double target_height_m, double ground_range_m,
                      double wavelength_m, double reflection_magnitude) {
  const double phase = 2.0 * kPi * (2.0 * radar_height_m * target_height_m / ground_range_m) / wavelength_m;
  const double rho = reflection_magnitude;
  // |1 - rho e^(-j phase)|
  return std::sqrt(1.0 + rho * rho - 2.0 * rho * std::cos(phase));
}

double grazing_angle_rad(double radar_height_m, double ground_range_m, double k_factor) {
  return std::atan(radar_height_m / ground_range_m - ground_range_m / (2.0 * k_factor * kEarthRadiusM));
}

double clutter_rcs_m2(double gamma_db, double grazing_rad, double range_m, double azimuth_beamwidth_rad,
                      double resolution_bandwidth_hz) {
  if (grazing_rad <= 0.0) return 0.0;
  const double range_resolution_m = kSpeedOfLightMps / (2.0 * resolution_bandwidth_hz);
  return db_to_ratio(gamma_db) * range_m * azimuth_beamwidth_rad * range_resolution_m * std::tan(grazing_rad);
}

double erp_in_band_w(std::span<const JammerPod> pods, double frequency_hz, double bandwidth_hz,
                     double agility_hz, double heard_s) {
  // The band the radar's pulses fall in over a look, and the share of it one pulse hears.
  const double hop = std::max(bandwidth_hz, agility_hz);
  const double lo = frequency_hz - 0.5 * hop, hi = frequency_hz + 0.5 * hop;
  const double share = bandwidth_hz / hop;
  double erp = 0.0;
  for (const JammerPod& pod : pods) {
    if (!pod.on || pod.technique == JamTechnique::kFalseTargets) continue;  // no noise
    if (pod.technique == JamTechnique::kSpot) {
      if (heard_s >= pod.reaction_s && frequency_hz >= pod.from_hz && frequency_hz <= pod.to_hz)
        erp += pod.erp_w * std::min(1.0, bandwidth_hz / std::max(pod.spot_bandwidth_hz, hop));
      continue;
    }
    const double overlap = std::min(hi, pod.to_hz) - std::max(lo, pod.from_hz);
    if (overlap > 0.0) erp += pod.erp_w * overlap / (pod.to_hz - pod.from_hz) * share;
  }
  return erp;
}

double pod_gain(const JammerPod& pod, const std::array<double, 3>& toward) {
  const auto& b = pod.boresight;
  if (pod.beamwidth_rad <= 0.0 || (b[0] == 0.0 && b[1] == 0.0 && b[2] == 0.0)) return 1.0;
  const double c = b[0] * toward[0] + b[1] * toward[1] + b[2] * toward[2];
  return antenna_pattern(std::acos(std::clamp(c, -1.0, 1.0)), pod.beamwidth_rad, pod.sidelobe_db);
}

double repeater_erp_w(const JammerPod& pod, double frequency_hz) {
  const bool heard = frequency_hz >= pod.from_hz && frequency_hz <= pod.to_hz;
  return pod.on && pod.technique == JamTechnique::kFalseTargets && heard ? pod.erp_w : 0.0;
}

double erp_density_w_hz(std::span<const JammerPod> pods, double frequency_hz) {
  double density = 0.0;
  for (const JammerPod& pod : pods) {
    // Spot pods follow the ground radars they hear, not a missile's seeker.
    if (pod.on && pod.technique == JamTechnique::kBarrage && frequency_hz >= pod.from_hz &&
        frequency_hz <= pod.to_hz)
      density += pod.erp_w / (pod.to_hz - pod.from_hz);
  }
  return density;
}

double jam_to_noise(const RadarParameters& radar, double in_band_erp_w, double range_m, double pattern) {
  return jam_to_noise(jamming_constants(radar), in_band_erp_w, range_m, pattern);
}

double jam_to_noise(const JammingConstants& radar, double in_band_erp_w, double range_m, double pattern) {
  const double lambda = radar.wavelength_m;
  const double received =
      in_band_erp_w * radar.gain_ratio * pattern * lambda * lambda / (16.0 * kPi * kPi * range_m * range_m);
  return received / radar.noise_w;
}

double burnthrough_range_m(const RadarParameters& radar, double rcs_m2, double in_band_erp_w,
                           double signal_to_jam) {
  return std::sqrt(radar.peak_power_w * db_to_ratio(radar.gain_db) * rcs_m2 /
                   (4.0 * kPi * in_band_erp_w * signal_to_jam));
}

MeasurementSigma measurement_sigma(const RadarParameters& radar, double snr_total) {
  const double root = std::sqrt(2.0 * std::max(snr_total, 1e-12));
  const double dwell_s = radar.pulses / radar.prf_hz;
  return MeasurementSigma{
      .range_m = kSpeedOfLightMps / (2.0 * radar.resolution_bandwidth_hz * root),
      .azimuth_rad = radar.azimuth_beamwidth_rad / (1.6 * root),
      .elevation_rad = radar.elevation_beamwidth_rad / (1.6 * root),
      .range_rate_mps = wavelength_m(radar.frequency_hz) / (2.0 * dwell_s * root),
  };
}

double detection_range_m(const RadarParameters& radar, double rcs_m2, double snr, double radar_height_m,
                         double target_height_m, double k_factor, double jam_in_band_erp_w) {
  const double ka = k_factor * kEarthRadiusM;
  auto margin_db = [&](double log_r) {
    const double r = std::exp(log_r);
    const double sin_el = std::clamp((target_height_m - radar_height_m) / r - r / (2.0 * ka), -1.0, 1.0);
    const double atm = atmospheric_loss_db(radar, r, radar_height_m, std::asin(sin_el), k_factor);
    // In dB, so that a huge atmospheric loss stays finite.
    double m = ratio_to_db(snr_free_space(radar, r, rcs_m2) / snr) - atm;
    if (jam_in_band_erp_w > 0.0) m -= ratio_to_db(1.0 + jam_to_noise(radar, jam_in_band_erp_w, r, 1.0));
    return m;
  };
  const double lo = std::log(1.0);
  const double hi = std::log(1e8);
  if (margin_db(lo) < 0.0) return 0.0;
  if (margin_db(hi) > 0.0) return std::exp(hi);
  std::uintmax_t iterations = 200;
  const auto [a, b] = boost::math::tools::toms748_solve(
      margin_db, lo, hi, boost::math::tools::eps_tolerance<double>(40), iterations);
  return std::exp(0.5 * (a + b));
}

}  // namespace opensam::sensors
