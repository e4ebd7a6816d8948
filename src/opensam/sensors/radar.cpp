#include "opensam/sensors/radar.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>

namespace opensam::sensors {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Highest bald-Earth slope before ground range `d` from an antenna `h` above the surface
/// (the parabolic k-factor model of geo::slope): -h/x - x/(2ka) peaks at x = sqrt(2kah).
double bald_earth_envelope(double h, double d, double k) {
  h = std::max(h, 0.1);
  const double ka2 = 2.0 * k * kEarthRadiusM;
  const double peak = std::sqrt(ka2 * h);
  const double x = std::min(d, peak);
  return -h / x - x / ka2;
}

double wrap_two_pi(double a) {
  a = std::fmod(a, kTwoPi);
  return a < 0.0 ? a + kTwoPi : a;
}

}  // namespace

Radar::Radar(EntityIndex entity, std::string id, const RadarType& type, const geo::Lla& antenna,
             double ground_m, double facing_rad, std::vector<core::TimeWindow> silent,
             const geo::Terrain& terrain, const Environment& env, core::RngStream bias,
             std::shared_ptr<const geo::HorizonProfile> horizon)
    : entity_(entity),
      id_(std::move(id)),
      type_(type),
      antenna_(antenna),
      ground_m_(ground_m),
      facing_rad_(facing_rad),
      silent_(std::move(silent)),
      terrain_(&terrain),
      env_(env),
      frame_(antenna),
      antenna_ecef_(geo::lla_to_ecef(antenna)),
      horizon_(horizon ? std::move(horizon) : radar_horizon(type, antenna, terrain, env.k_factor)) {
  const RadarParameters& p = type_.parameters;
  const bool coherent = p.integration == Integration::kCoherent;
  detector_pulses_ = coherent ? 1 : p.pulses;
  coherent_gain_ = coherent ? p.pulses : 1.0;
  threshold_ = detection_threshold(p.pfa, detector_pulses_);
  strobe_threshold_ = required_snr(p, 0.5, Swerling::k0);
  jamming_ = jamming_constants(p);
  // Systematic errors, drawn once per replicate from the radar's own stream.
  range_bias_m_ = bias.normal(0.0, type_.range_bias_sd_m);
  azimuth_bias_rad_ = bias.normal(0.0, type_.angle_bias_sd_rad);
  elevation_bias_rad_ = bias.normal(0.0, type_.angle_bias_sd_rad);
}

bool Radar::emitting(double time_s) const { return !core::inside(silent_, time_s); }

RadarGeometry Radar::geometry(const geo::Vec3& ecef, const geo::Vec3& velocity_ecef) const {
  RadarGeometry g;
  g.enu = frame_.point_from_ecef(ecef);
  g.range_m = g.enu.norm();
  const double horizontal = std::hypot(g.enu.x(), g.enu.y());
  g.azimuth_rad = wrap_two_pi(std::atan2(g.enu.x(), g.enu.y()));
  g.elevation_rad = std::atan2(g.enu.z(), horizontal);
  const geo::Vec3 los = (ecef - antenna_ecef_) / std::max(g.range_m, 1e-9);
  g.range_rate_mps = los.dot(velocity_ecef);
  // Ground range: the arc of a sphere of mean radius under the point (exact on the sphere).
  g.ground_range_m = kEarthRadiusM * std::atan2(horizontal, kEarthRadiusM + g.enu.z());
  return g;
}

bool Radar::line_of_sight(const RadarGeometry& g, double height_m) const {
  if (g.ground_range_m <= 1.0) return true;
  const double target_slope = geo::slope(antenna_.alt_m, g.ground_range_m, height_m, env_.k_factor);
  if (horizon_) return target_slope > horizon_->envelope(g.azimuth_rad, g.ground_range_m);
  return target_slope > bald_earth_envelope(antenna_.alt_m, g.ground_range_m, env_.k_factor);
}

LookBudget Radar::budget(const TargetView& target, std::span<const JammerView> jammers) const {
  const RadarParameters& p = type_.parameters;
  LookBudget b;
  b.geometry = geometry(target.ecef, target.velocity_ecef);
  const RadarGeometry& g = b.geometry;
  if (g.range_m > p.instrumented_range_m || g.elevation_rad < type_.min_elevation_rad ||
      g.elevation_rad > type_.max_elevation_rad || !line_of_sight(g, target.lla.alt_m)) {
    return b;
  }
  b.in_coverage = true;

  const Aspect aspect = aspect_of(target.lla, target.ecef, target.velocity_ecef, antenna_ecef_);
  b.aspect_az_rad = aspect.azimuth_rad;
  b.aspect_el_rad = aspect.elevation_rad;
  b.rcs_m2 = target.signature->rcs.for_frequency(p.frequency_hz).rcs_m2(b.aspect_az_rad, b.aspect_el_rad);

  const double atmosphere_db =
      atmospheric_loss_db(p, g.range_m, antenna_.alt_m, std::max(g.elevation_rad, 0.0), env_.k_factor);
  b.snr = snr_free_space(p, g.range_m, b.rcs_m2, atmosphere_db);

  // Low targets: the surface reflection enters the main beam (two-ray lobing) and the
  // surface cell at the target's range returns clutter.
  const double target_ground = terrain_->height_m(target.lla.lat_deg, target.lla.lon_deg);
  const double radar_agl = std::max(antenna_.alt_m - ground_m_, 0.1);
  const double target_agl = std::max(target.lla.alt_m - target_ground, 0.0);
  if (g.elevation_rad < p.elevation_beamwidth_rad) {
    const double f = two_ray_factor(radar_agl, target_agl, std::max(g.ground_range_m, 1.0),
                                    wavelength_m(p.frequency_hz), env_.reflection);
    b.snr *= f * f * f * f;
  }
  const double grazing = grazing_angle_rad(radar_agl, std::max(g.ground_range_m, 1.0), env_.k_factor);
  if (grazing > 0.0) {
    const double pattern =
        antenna_pattern_ratio(g.elevation_rad + grazing, p.elevation_beamwidth_rad, jamming_.sidelobe_ratio);
    const double clutter_m2 = clutter_rcs_m2(env_.clutter_gamma_db, grazing, g.range_m,
                                             p.azimuth_beamwidth_rad, p.resolution_bandwidth_hz) *
                              pattern * pattern;
    b.cnr = snr_free_space(p, g.range_m, clutter_m2, atmosphere_db) / db_to_ratio(p.mti_improvement_db);
  }
  const geo::Vec3 to_target = g.enu / std::max(g.range_m, 1e-9);
  b.jnr = jamming(jammers, to_target);
  b.sinr = b.snr / (1.0 + b.cnr + b.jnr);
  b.pd = probability_of_detection_at_threshold(b.sinr * coherent_gain_, threshold_, detector_pulses_,
                                               target.signature->swerling);
  return b;
}

std::optional<Detection> Radar::look(const TargetView& target, std::span<const JammerView> jammers,
                                     core::RngStream& rng) const {
  const LookBudget b = budget(target, jammers);
  if (!b.in_coverage) return std::nullopt;
  // One uniform per look, drawn even when Pd is 0 or 1: the stream stays aligned.
  if (!(rng.uniform() < b.pd)) return std::nullopt;
  Detection d = measure(b.geometry, target.entity, b.sinr, rng);
  constexpr double kDeg = 180.0 / std::numbers::pi;
  d.aspect_az_deg = float(std::abs(b.aspect_az_rad) * kDeg);
  d.aspect_el_deg = float(b.aspect_el_rad * kDeg);
  d.rcs_m2 = float(b.rcs_m2);
  return d;
}

Detection Radar::measure(const RadarGeometry& g, EntityIndex target, double sinr,
                         core::RngStream& rng) const {
  const RadarParameters& p = type_.parameters;
  const MeasurementSigma s = measurement_sigma(p, sinr * p.pulses);
  Detection d{};
  d.radar = entity_;
  d.target = target;
  d.snr_db = ratio_to_db(sinr);
  d.range_m = std::max(0.0, g.range_m + range_bias_m_ + rng.normal(0.0, s.range_m));
  d.azimuth_rad = wrap_two_pi(g.azimuth_rad + azimuth_bias_rad_ + rng.normal(0.0, s.azimuth_rad));
  d.elevation_rad = g.elevation_rad + elevation_bias_rad_ + rng.normal(0.0, s.elevation_rad);
  // The accuracy reported with the plot is the whole error budget: the noise at this SNR
  // and the spread of the radar's alignment bias, which nobody downstream knows the sign of
  // (Barton, "Radar System Analysis and Modeling", 2005, ch. 9: bias and noise add in
  // quadrature). Without the bias a high-SNR plot claims centimetres and another radar's
  // plot of the same target falls outside its gate.
  d.sigma_range_m = std::hypot(s.range_m, type_.range_bias_sd_m);
  d.sigma_azimuth_rad = std::hypot(s.azimuth_rad, type_.angle_bias_sd_rad);
  d.sigma_elevation_rad = std::hypot(s.elevation_rad, type_.angle_bias_sd_rad);
  if (type_.measures_range_rate) {
    d.range_rate_mps = g.range_rate_mps + rng.normal(0.0, s.range_rate_mps);
    d.sigma_range_rate_mps = s.range_rate_mps;
  } else {
    d.range_rate_mps = kNaN;
    d.sigma_range_rate_mps = kNaN;
  }
  const double ce = std::cos(d.elevation_rad);
  d.where = frame_.point_to_lla(geo::Vec3(d.range_m * ce * std::sin(d.azimuth_rad),
                                          d.range_m * ce * std::cos(d.azimuth_rad),
                                          d.range_m * std::sin(d.elevation_rad)));
  return d;
}

std::array<double, 4> Radar::strobe_bearing(const RadarGeometry& g, double jnr, core::RngStream& rng) const {
  const MeasurementSigma s = measurement_sigma(type_.parameters, jnr * type_.parameters.pulses);
  const double az = wrap_two_pi(g.azimuth_rad + azimuth_bias_rad_ + rng.normal(0.0, s.azimuth_rad));
  const double el = g.elevation_rad + elevation_bias_rad_ + rng.normal(0.0, s.elevation_rad);
  return {az, el, std::hypot(s.azimuth_rad, type_.angle_bias_sd_rad),
          std::hypot(s.elevation_rad, type_.angle_bias_sd_rad)};
}

Detection Radar::false_alarm(core::RngStream& rng, double azimuth_lo_rad, double azimuth_width_rad) const {
  const RadarParameters& p = type_.parameters;
  RadarGeometry g;
  g.range_m = rng.uniform(1000.0, p.instrumented_range_m);
  g.azimuth_rad = wrap_two_pi(azimuth_lo_rad + rng.uniform(0.0, azimuth_width_rad));
  g.elevation_rad = rng.uniform(type_.min_elevation_rad, type_.max_elevation_rad);
  // Noise alone above the threshold: the threshold plus an exponential overshoot.
  const double level = (threshold_ - std::log(1.0 - rng.uniform())) / detector_pulses_;
  return measure(g, kNoEntity, level / coherent_gain_, rng);
}

double Radar::jnr(const JammerView& jammer, const geo::Vec3* beam, bool* sidelobe) const {
  const RadarParameters& p = type_.parameters;
  if (sidelobe != nullptr) *sidelobe = false;
  // Only what the pods put inside the receiver's band jams it.
  double in_band_erp_w =
      erp_in_band_w(jammer.pods, p.frequency_hz, p.noise_bandwidth_hz, type_.agility_hz, jammer.heard_s);
  if (in_band_erp_w <= 0.0) return 0.0;
  const RadarGeometry g = geometry(jammer.ecef, geo::Vec3::Zero());
  // Directional pods: each pod's ERP toward this radar through its own beam.
  if (std::any_of(jammer.pods.begin(), jammer.pods.end(),
                  [](const JammerPod& q) { return q.beamwidth_rad > 0.0; })) {
    const geo::Vec3 u = (antenna_ecef_ - jammer.ecef).normalized();
    in_band_erp_w = 0.0;
    for (const JammerPod& pod : jammer.pods)
      in_band_erp_w += pod_gain(pod, {u.x(), u.y(), u.z()}) *
                       erp_in_band_w(std::span(&pod, 1), p.frequency_hz, p.noise_bandwidth_hz,
                                     type_.agility_hz, jammer.heard_s);
  }
  if (!sees(jammer.ecef, g)) return 0.0;
  double pattern = 1.0;
  if (beam != nullptr) {
    const double separation = std::acos(std::clamp(beam->dot(g.enu / std::max(g.range_m, 1e-9)), -1.0, 1.0));
    pattern = antenna_pattern_ratio(separation, p.azimuth_beamwidth_rad, jamming_.sidelobe_ratio);
    if (sidelobe != nullptr) *sidelobe = in_sidelobes(separation, p.azimuth_beamwidth_rad);
  }
  return jam_to_noise(jamming_, in_band_erp_w, std::max(g.range_m, 1.0), pattern);
}

bool Radar::sees(const geo::Vec3& ecef, const RadarGeometry& g) const {
  // The line of sight rises with the height: bounds of it decide most cases without the
  // geodetic conversion.
  const geo::HeightBounds h = geo::height_bounds(ecef);
  return line_of_sight(g, h.low_m) ||
         (line_of_sight(g, h.high_m) && line_of_sight(g, geo::ecef_to_lla(ecef).alt_m));
}

double Radar::repeater_snr(const JammerView& jammer, const JammerPod& pod, double pattern) const {
  double erp_w = repeater_erp_w(pod, type_.parameters.frequency_hz);
  if (erp_w <= 0.0) return 0.0;
  const RadarGeometry g = geometry(jammer.ecef, geo::Vec3::Zero());
  if (!sees(jammer.ecef, g)) return 0.0;
  const geo::Vec3 u = (antenna_ecef_ - jammer.ecef).normalized();
  erp_w *= pod_gain(pod, {u.x(), u.y(), u.z()});
  return jam_to_noise(jamming_, erp_w, std::max(g.range_m, 1.0), pattern);
}

Detection Radar::false_target(const JammerView& jammer, double behind_m, const double* beam_azimuth_rad,
                              double snr, core::RngStream& rng) const {
  RadarGeometry g = geometry(jammer.ecef, geo::Vec3::Zero());
  g.range_m += behind_m;
  if (beam_azimuth_rad != nullptr) g.azimuth_rad = *beam_azimuth_rad;
  return measure(g, kNoEntity, snr, rng);
}

// The sidelobe canceller's auxiliary channels null the strongest jammers that come in through
// the sidelobes, one each; a jammer in the main lobe is beyond it (Schleher, Electronic Warfare
// in the Information Age, ch. 9; Skolnik, ch. 24).
double Radar::jamming(std::span<const JammerView> jammers, const geo::Vec3& beam) const {
  double total = 0.0;
  // Sidelobe jammers' J/N, strongest first once the canceller needs them (few: no allocation).
  constexpr std::size_t kMax = 16;
  std::array<double, kMax> side{};
  std::size_t n_side = 0;
  for (const JammerView& j : jammers) {
    bool sidelobe = false;
    const double x = jnr(j, &beam, &sidelobe);
    total += x;
    if (sidelobe && x > 0.0 && n_side < kMax) side[n_side++] = x;
  }
  const int channels = std::min<int>(type_.canceller_channels, int(n_side));
  if (channels <= 0 || type_.canceller_db <= 0.0) return total;
  std::partial_sort(side.begin(), side.begin() + channels, side.begin() + std::ptrdiff_t(n_side),
                    std::greater<>());
  const double kept = 1.0 / db_to_ratio(type_.canceller_db);
  for (int k = 0; k < channels; ++k) total -= side[std::size_t(k)] * (1.0 - kept);
  return std::max(total, 0.0);
}

double Radar::false_alarm_density() const {
  const RadarParameters& p = type_.parameters;
  const double width = type_.scan == ScanKind::kRotating ? 2.0 * std::numbers::pi : type_.sector_width_rad;
  const double volume = std::max(p.instrumented_range_m - 1000.0, 1.0) * width *
                        std::max(type_.max_elevation_rad - type_.min_elevation_rad, 1e-3) *
                        (type_.measures_range_rate ? 2000.0 : 1.0);
  return std::max(cells_per_scan() * p.pfa / volume, 1e-30);
}

double Radar::cells_per_scan() const {
  const RadarParameters& p = type_.parameters;
  const double range_cells = p.instrumented_range_m / (kSpeedOfLightMps / (2.0 * p.resolution_bandwidth_hz));
  // The time budget sets the number of beam positions: one dwell of `pulses` each per scan.
  const double dwell_s = p.pulses / p.prf_hz;
  return range_cells * std::max(1.0, std::floor(type_.scan_period_s / dwell_s));
}

std::shared_ptr<const geo::HorizonProfile> radar_horizon(const RadarType& type, const geo::Lla& antenna,
                                                         const geo::Terrain& terrain, double k_factor) {
  if (terrain.empty()) return nullptr;
  // 2,048 azimuth bins (0.18 deg); steps of the raster's spacing, at least 50 m.
  const double step = std::max(50.0, terrain.spacing_m());
  return std::make_shared<const geo::HorizonProfile>(
      terrain, antenna, std::min(type.parameters.instrumented_range_m, 1.2e6), k_factor, 2048, step);
}

}  // namespace opensam::sensors
