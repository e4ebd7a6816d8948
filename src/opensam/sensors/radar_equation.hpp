#pragma once
/// @file The radar range equation and what it adds up: propagation (atmosphere, horizon,
/// two-ray multipath), surface clutter, noise jamming, antenna pattern and measurement
/// accuracy. Pure functions of plain parameters; linear power ratios unless named `_db`.

#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <string>

#include "opensam/core/names.hpp"
#include "opensam/sensors/detection.hpp"

namespace opensam::sensors {

inline constexpr double kSpeedOfLightMps = 299792458.0;
inline constexpr double kBoltzmannJPerK = 1.380649e-23;
inline constexpr double kReferenceTemperatureK = 290.0;  ///< T0 of the noise figure (IEEE)
inline constexpr double kEarthRadiusM = 6371000.0;       ///< mean radius (IUGG)
inline constexpr double kStandardKFactor = 4.0 / 3.0;    ///< standard refraction (Skolnik 8.2)

/// One radar's transmitter, antenna, receiver and signal processing, SI units.
struct RadarParameters {
  double frequency_hz = 3e9;
  double peak_power_w = 1e6;
  double gain_db = 35.0;                 ///< antenna gain, transmit and receive
  double noise_bandwidth_hz = 1e6;       ///< matched-filter noise bandwidth, 1 / (uncompressed) pulse width
  double resolution_bandwidth_hz = 1e6;  ///< signal bandwidth after compression: range resolution
  double noise_figure_db = 3.0;
  double losses_db = 6.0;            ///< system losses, two-way, beside the atmosphere
  double attenuation_db_per_km = 0;  ///< two-way atmospheric attenuation at sea level
  int pulses = 1;                    ///< pulses per dwell (per look at a target)
  Integration integration = Integration::kNoncoherent;
  double pfa = 1e-6;
  double azimuth_beamwidth_rad = 0.02;
  double elevation_beamwidth_rad = 0.02;
  double sidelobe_level_db = -30.0;    ///< one-way, relative to the peak of the main lobe
  double mti_improvement_db = 0.0;     ///< clutter attenuation of MTI / Doppler processing
  double prf_hz = 1000.0;              ///< sets the dwell time, pulses / PRF
  double instrumented_range_m = 1e30;  ///< no detection reported beyond this
};

[[nodiscard]] double wavelength_m(double frequency_hz);

/// Mean noise power at the receiver, k T0 F B.
[[nodiscard]] double noise_power_w(const RadarParameters& radar);

/// What the jamming formulas take from a radar's parameters, worked out once per radar (the
/// same values the formulas compute from the parameters).
struct JammingConstants {
  double wavelength_m = 0.0;
  double gain_ratio = 1.0;      ///< G_r
  double noise_w = 1.0;         ///< noise_power_w
  double sidelobe_ratio = 0.0;  ///< the sidelobe level as a power ratio
};
[[nodiscard]] JammingConstants jamming_constants(const RadarParameters& radar);

/// Two-way atmospheric loss (dB) along a path of slant `range_m` leaving the radar at
/// `radar_height_m` with elevation `elevation_rad`: the sea-level attenuation scaled by air
/// density (US Standard Atmosphere 1976) along the ray on the k-factor Earth.
[[nodiscard]] double atmospheric_loss_db(const RadarParameters& radar, double range_m, double radar_height_m,
                                         double elevation_rad, double k_factor = kStandardKFactor);

/// Per-pulse SNR of a target of `rcs_m2` at `range_m` in free space (Skolnik, Introduction to
/// Radar Systems, 3rd ed., eq. 2.61): P G^2 lambda^2 sigma / ((4 pi)^3 R^4 k T0 F B L),
/// further reduced by `extra_loss_db` (atmosphere, for instance).
[[nodiscard]] double snr_free_space(const RadarParameters& radar, double range_m, double rcs_m2,
                                    double extra_loss_db = 0.0);

/// The range at which the free-space SNR equals `snr` (the inverse of snr_free_space with
/// no extra loss): R = [P G^2 lambda^2 sigma / ((4 pi)^3 k T0 F B L snr)]^(1/4).
[[nodiscard]] double range_for_snr_m(const RadarParameters& radar, double rcs_m2, double snr);

/// The SNR per pulse the radar needs for `pd` on its own dwell (pulses, integration, Pfa).
[[nodiscard]] double required_snr(const RadarParameters& radar, double pd, Swerling swerling);

/// Radar horizon over a smooth k-factor Earth (Skolnik 8.2):
/// d = sqrt(2 k a h_r) + sqrt(2 k a h_t); 4.12 (sqrt(h_r) + sqrt(h_t)) km for h in m at k = 4/3.
[[nodiscard]] double horizon_range_m(double radar_height_m, double target_height_m,
                                     double k_factor = kStandardKFactor);

/// Elevation slope of a point at ground distance `ground_range_m` and height `height_m` seen
/// from height `radar_height_m` on the k-factor Earth (the parabolic approximation behind the
/// horizon formula): (h - h_r) / d - d / (2 k a). A point is visible when its slope exceeds
/// every terrain point's slope before it.
[[nodiscard]] double elevation_slope(double radar_height_m, double ground_range_m, double height_m,
                                     double k_factor = kStandardKFactor);

/// One-way antenna power pattern relative to the peak at `off_axis_rad` from boresight:
/// (sin x / x)^2 with the given 3 dB beamwidth inside the first null, the sidelobe level
/// beyond it (and never below it).
[[nodiscard]] double antenna_pattern(double off_axis_rad, double beamwidth_rad, double sidelobe_level_db);
/// The same with the sidelobe level as a power ratio.
[[nodiscard]] double antenna_pattern_ratio(double off_axis_rad, double beamwidth_rad, double sidelobe_ratio);

/// Whether `off_axis_rad` is beyond the first null of that pattern: in the sidelobes.
[[nodiscard]] bool in_sidelobes(double off_axis_rad, double beamwidth_rad);

/// Two-ray (flat surface) propagation factor F, amplitude: |1 + rho e^(-j(2 pi delta / lambda))|
/// with path difference delta = 2 h_r h_t / R and reflection rho = -reflection_magnitude
/// (horizontal polarisation, grazing incidence). SNR scales by F^4 (Skolnik 8.2;
/// Blake, Radar Range-Performance Analysis, ch. 6). F = 2 at the lobe peaks for a perfect mirror.
[[nodiscard]] double two_ray_factor(double radar_height_m, double target_height_m, double ground_range_m,
                                    double wavelength_m, double reflection_magnitude);

/// Grazing angle at the surface cell at `ground_range_m` seen from `radar_height_m` on the
/// k-factor Earth; zero or negative beyond the horizon (no surface visible there).
[[nodiscard]] double grazing_angle_rad(double radar_height_m, double ground_range_m,
                                       double k_factor = kStandardKFactor);

/// Constant-gamma surface clutter RCS of the resolution cell (Barton, Radar Equations for
/// Modern Radar, 2013, ch. 9; Skolnik 7.2): sigma0 = gamma sin(psi), cell area
/// R theta_az (c / 2B) sec(psi), so sigma_c = gamma R theta_az (c / 2B) tan(psi), B the
/// resolution bandwidth.
[[nodiscard]] double clutter_rcs_m2(double gamma_db, double grazing_rad, double range_m,
                                    double azimuth_beamwidth_rad, double resolution_bandwidth_hz);

/// A noise jammer's transmitter (a pod): barrage noise of effective radiated power `erp_w`
/// spread evenly over its coverage, `from_hz` to `to_hz`.
/// How a pod spreads its noise: evenly over its whole coverage (barrage), or on the frequency
/// of each radar it has heard for its reaction time (spot, responsive noise).
enum class JamTechnique : std::uint8_t { kBarrage, kSpot, kFalseTargets };
constexpr auto names(JamTechnique) {
  return std::to_array<core::Named<JamTechnique>>({{JamTechnique::kBarrage, "barrage"},
                                                   {JamTechnique::kSpot, "spot"},
                                                   {JamTechnique::kFalseTargets, "false_targets"}});
}

/// Where a directional pod points its beam.
enum class JamAim : std::uint8_t { kNearest, kRadar, kAzimuth };

struct JammerPod {
  std::string name;
  double from_hz = 0.0;
  double to_hz = 0.0;
  double erp_w = 0.0;  ///< on its boresight
  JamTechnique technique = JamTechnique::kBarrage;
  double spot_bandwidth_hz = 10e6;         ///< spot: the band it concentrates on around a radar
  double reaction_s = 2.0;                 ///< spot: from hearing a radar to jamming it
  int false_targets = 4;                   ///< false targets: echoes it repeats per pulse it hears
  double false_target_spacing_m = 2000.0;  ///< false targets: range between them, behind itself
  double beamwidth_rad = 0.0;              ///< 0: it radiates its ERP in every direction
  double sidelobe_db = -20.0;              ///< outside its main lobe
  // What the scenario sets, and may switch over time.
  bool on = true;
  JamAim aim = JamAim::kNearest;
  int aim_radar = -1;                 ///< JamAim::kRadar: the radar's index in the run
  double aim_azimuth_rad = 0.0;       ///< JamAim::kAzimuth: true bearing of a fixed sector's centre
  std::array<double, 3> boresight{};  ///< unit vector (ECEF) of the beam now; zero: not yet aimed
};

/// A directional pod's gain toward a direction (unit vector, ECEF) relative to its boresight:
/// the (sin x / x)^2 main lobe down to its sidelobe level; 1 for an omnidirectional or not yet
/// aimed pod.
[[nodiscard]] double pod_gain(const JammerPod& pod, const std::array<double, 3>& toward);

/// A false-target pod's ERP on a radar at `frequency_hz`: all of it when the radar is inside its
/// coverage (a repeater sends the radar's own pulse back, so neither the receiver's band nor
/// frequency agility dilutes it), else none; none when it is off or not a repeater.
[[nodiscard]] double repeater_erp_w(const JammerPod& pod, double frequency_hz);

/// The part of the pods' ERP that falls inside a receiver `bandwidth_hz` wide centred on
/// `frequency_hz` that hops over `agility_hz` (0: a fixed frequency), for pods that have heard
/// the radar for `heard_s`. Barrage: ERP |overlap| / B_j, Adamy's ERP B_r / B_j for a barrage
/// covering the receiver and nothing for one that misses its band (Adamy, EW 101, ch. 9); over
/// an agile radar the overlap with its hopping band W, times B_r / W. Spot: ERP B_r / max(B_s,
/// W) once the reaction time has passed, on a radar inside its coverage: it cannot follow
/// pulse-to-pulse hops, so agility spreads it over the hopping band (Schleher, Electronic
/// Warfare in the Information Age, ch. 9).
[[nodiscard]] double erp_in_band_w(std::span<const JammerPod> pods, double frequency_hz, double bandwidth_hz,
                                   double agility_hz = 0.0,
                                   double heard_s = std::numeric_limits<double>::infinity());

/// The pods' ERP per hertz at `frequency_hz` (W/Hz): what a receiver narrower than any pod's
/// coverage meets.
[[nodiscard]] double erp_density_w_hz(std::span<const JammerPod> pods, double frequency_hz);

/// Jamming-to-noise ratio of noise jamming whose ERP inside the receiver's band is
/// `in_band_erp_w` (erp_in_band_w), at `range_m`, received with relative antenna gain `pattern`
/// (1 on boresight): ERP_in G_r pattern lambda^2 / ((4 pi)^2 R^2) / (k T0 F B) (Adamy, EW 101,
/// ch. 9).
[[nodiscard]] double jam_to_noise(const RadarParameters& radar, double in_band_erp_w, double range_m,
                                  double pattern);
[[nodiscard]] double jam_to_noise(const JammingConstants& radar, double in_band_erp_w, double range_m,
                                  double pattern);

/// Self-screening burn-through range (Adamy, EW 101, ch. 9): where the target's echo reaches
/// `signal_to_jam` over the jamming of its own jammer, noise and losses neglected. From
/// S/J = P G sigma / (4 pi R^2 ERP_in) with ERP_in the ERP inside the receiver's band
/// (ERP B_r / B_j for a barrage that covers it): R = sqrt(P G sigma / (4 pi ERP_in (S/J))).
[[nodiscard]] double burnthrough_range_m(const RadarParameters& radar, double rcs_m2, double in_band_erp_w,
                                         double signal_to_jam);

/// Slant range at which the radar's SNR toward a target of `rcs_m2` at `target_height_m` falls to
/// `snr`: the free-space equation (snr_free_space) less the two-way atmospheric loss along the ray
/// (atmospheric_loss_db) and, with `jam_in_band_erp_w` > 0, the self-screening jamming
/// (jam_to_noise), solved by TOMS 748 on log range over 1 m to 100 000 km (0 when not even 1 m
/// reaches `snr`).
[[nodiscard]] double detection_range_m(const RadarParameters& radar, double rcs_m2, double snr,
                                       double radar_height_m, double target_height_m,
                                       double k_factor = kStandardKFactor, double jam_in_band_erp_w = 0.0);

/// Standard deviations of one measurement at SNR `snr_total` (after integration):
/// range c / (2 B sqrt(2 SNR)) with B the resolution bandwidth, angle theta_3dB / (1.6 sqrt(2 SNR))
/// (monopulse slope 1.6), range rate lambda / (2 T sqrt(2 SNR)) with T the dwell time (Barton and Ward,
/// Handbook of Radar Measurement, 1969; Skolnik 6.3).
struct MeasurementSigma {
  double range_m = 0.0;
  double azimuth_rad = 0.0;
  double elevation_rad = 0.0;
  double range_rate_mps = 0.0;
};
[[nodiscard]] MeasurementSigma measurement_sigma(const RadarParameters& radar, double snr_total);

}  // namespace opensam::sensors
