#pragma once
/// @file A missile's radar seeker: what it measures of the target (the line of sight, with
/// thermal noise from its own radar equation, glint and a noise floor), when it can acquire
/// and hold it, and the filter that turns its measurements into a line-of-sight rate for
/// proportional navigation. The seeker is a sensor: it meets the target as it is.

#include <Eigen/Core>

#include "opensam/core/rng.hpp"

namespace opensam::weapons {

using Vec3 = Eigen::Vector3d;

/// How a missile homes at the end.
enum class Homing : unsigned char {
  kCommand,          ///< on the fire-control radar's track to the end (no seeker)
  kActive,           ///< its own radar seeker
  kTrackViaMissile,  ///< a semi-active seeker in the guiding radar's illumination
};

/// A seeker type's figures (from data/systems).
struct SeekerType {
  Homing homing = Homing::kCommand;
  /// Acquisition range against 1 m2 (track-via-missile: with the illuminating radar
  /// kIlluminatorReference_m from the target): where the SNR reaches kAcquisitionSnr.
  double acquisition_range_m = 0.0;
  double field_of_regard_rad = 0.5;  ///< gimbal limit: half angle around the velocity
  double beamwidth_rad = 0.1;        ///< 3 dB beamwidth of its antenna
  double frequency_hz = 10e9;
  double noise_figure_db = 5.0;
  double noise_floor_rad = 1e-3;  ///< boresight error and radome refraction, any range
  double sidelobe_db = -25.0;     ///< its antenna's gain outside the main lobe, against the peak
  double filter_time_s = 0.1;     ///< time constant of the line-of-sight filter
  /// Homes on the target's own noise jammer, angle only, when jamming denies it the echo (no
  /// illumination needed).
  bool home_on_jam = false;
};

/// SNR at which a seeker acquires: 13 dB, Pd 0.9 at Pfa 1e-6 on one look of a steady target
/// (Albersheim, Proc. IEEE 69(7), 1981; reference data section 6).
inline constexpr double kAcquisitionSnr = 19.95;
/// A seeker holds lock down to 6 dB under the acquisition SNR (a modelling assumption: a
/// tracking gate needs less SNR than a search decision).
inline constexpr double kHoldSnr = kAcquisitionSnr / 4.0;
/// The illuminator-to-target range at which a track-via-missile seeker's acquisition range is
/// given.
inline constexpr double kIlluminatorReference_m = 100e3;

/// Seeker SNR on the target's echo at `range_m` from a target of `rcs_m2`, with `jnr` of noise
/// jamming in its receiver. Active: SNR_acq sigma (R_acq / R)^4 (the monostatic radar equation,
/// Skolnik ch. 2); track-via-missile: SNR_acq sigma (R_acq / R)^2 (R_ref / R_illum)^2 (the
/// bistatic one, the illuminator at `illuminator_range_m`).
[[nodiscard]] double seeker_snr(const SeekerType& s, double range_m, double rcs_m2,
                                double illuminator_range_m, double jnr);

/// The range at which the SNR reaches `snr` (the inverse of seeker_snr): R_acq (sigma / (1 +
/// jnr))^(1/4) for an active seeker at the acquisition SNR.
[[nodiscard]] double seeker_range_m(const SeekerType& s, double rcs_m2, double illuminator_range_m,
                                    double jnr, double snr = kAcquisitionSnr);

/// Jamming to noise in the seeker from a noise power flux density `flux_w_m2_hz` (W/m2/Hz, all
/// jammers in view): flux A_e / (k T0 F), with the aperture A_e = lambda^2 / theta^2 of a
/// pencil beam of width theta (G = 4 pi / theta^2; Skolnik ch. 9).
[[nodiscard]] double seeker_jnr(const SeekerType& s, double flux_w_m2_hz);

/// The seeker antenna's gain toward a source `off_boresight_rad` off where it looks, against its
/// peak: 1 inside the main lobe (half the beamwidth), its sidelobe level outside.
[[nodiscard]] double seeker_pattern(const SeekerType& s, double off_boresight_rad);

/// Thermal angle noise, one axis: theta_3dB / (k_m sqrt(2 SNR)), monopulse slope k_m = 1.6
/// (Barton and Ward, Handbook of Radar Measurement, 1969; Zarchan ch. 6-7).
[[nodiscard]] double thermal_angle_sigma_rad(double beamwidth_rad, double snr);

/// Glint: the apparent centre wanders with a standard deviation of a quarter of the target's
/// span (between the sixth and the third usually quoted, Zarchan ch. 7; Garnell, Guided Weapon
/// Control Systems), seen at `range_m`.
[[nodiscard]] double glint_sigma_rad(double span_m, double range_m);
/// Correlation time of glint (a modelling assumption: a 10 rad/s glint bandwidth).
inline constexpr double kGlintCorrelation_s = 0.1;

/// What a seeker sees of its target now (truth: the seeker is a sensor).
struct SeekerView {
  Vec3 los_m = Vec3::Zero();  ///< target minus missile
  double rcs_m2 = 1.0;        ///< toward the missile, in the seeker's band
  double span_m = 0.0;
  double jnr_others = 0.0;           ///< noise jamming from other platforms
  double jnr_own = 0.0;              ///< the target's own jammer (home-on-jam)
  double illuminator_range_m = 0.0;  ///< track-via-missile: radar to target; 0: not illuminated
  bool in_sight = true;              ///< not behind terrain
};

/// A seeker in flight: lock, measurements and its line-of-sight filter.
class Seeker {
 public:
  explicit Seeker(const SeekerType& type) : type_(&type) {}

  /// One look `dt_s` after the previous one, the missile flying `velocity_mps`; `noise`
  /// null: a perfect seeker (the envelope's). Returns whether it holds the target.
  bool look(const SeekerView& v, const Vec3& velocity_mps, double dt_s, core::RngStream* noise,
            const Vec3& prior_los_rate_rad_s);

  [[nodiscard]] bool locked() const { return locked_; }
  /// Home-on-jam: locked on the target's own jammer, measuring angle only.
  [[nodiscard]] bool home_on_jam() const { return hoj_; }
  /// The filtered line-of-sight unit vector and its rate (1/s).
  [[nodiscard]] const Vec3& los() const { return u_; }
  [[nodiscard]] const Vec3& los_rate() const { return u_dot_; }
  /// The last look's one-axis angle noise (rad) and its measured line of sight (unit vector).
  [[nodiscard]] double sigma_rad() const { return sigma_rad_; }
  [[nodiscard]] const Vec3& measurement() const { return z_; }
  void drop() { locked_ = hoj_ = false; }

 private:
  const SeekerType* type_;
  bool locked_ = false;
  bool hoj_ = false;
  Vec3 u_ = Vec3::Zero();
  Vec3 u_dot_ = Vec3::Zero();
  Vec3 z_ = Vec3::Zero();
  Eigen::Vector2d glint_ = Eigen::Vector2d::Zero();  ///< unit-variance Markov state, two axes
  double sigma_rad_ = 0.0;
};

}  // namespace opensam::weapons
