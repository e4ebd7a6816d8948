#pragma once
/// @file Radar cross section by aspect and band: sigma(azimuth, elevation, band), bilinear in
/// dBsm between the table's points, clamped at its edges.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "opensam/geo/frames.hpp"

namespace opensam::sensors {

/// Where an observer at `observer_ecef_m` is seen from a target at `target` (`target_ecef_m`)
/// flying `target_velocity_ecef_mps`: azimuth off its nose (-pi to pi, positive to the right)
/// and elevation off its flight path (positive: the observer is above).
struct Aspect {
  double azimuth_rad = 0.0;
  double elevation_rad = 0.0;
};
[[nodiscard]] Aspect aspect_of(const geo::Lla& target, const geo::Vec3& target_ecef_m,
                               const geo::Vec3& target_velocity_ecef_mps, const geo::Vec3& observer_ecef_m);

/// IEEE Std 521-2019 letter band of a frequency: HF, VHF, UHF, L, S, C, X, Ku, K, Ka, or ""
/// outside 3 MHz - 40 GHz.
[[nodiscard]] std::string_view band_letter(double frequency_hz);

/// Geometric centre of a letter band (Hz), 0 for an unknown letter.
[[nodiscard]] double band_centre_hz(std::string_view band);

/// One band's table, or a constant: what one radar sees of one target type.
class RcsPattern {
 public:
  RcsPattern() = default;
  explicit RcsPattern(double constant_m2) : constant_m2_(constant_m2) {}
  RcsPattern(const std::vector<double>* azimuth_rad, const std::vector<double>* elevation_rad,
             const std::vector<double>* dbsm)
      : azimuth_(azimuth_rad), elevation_(elevation_rad), dbsm_(dbsm) {}

  /// RCS (m2) seen from aspect azimuth `azimuth_rad` off the nose (either side) and aspect
  /// elevation `elevation_rad` (positive: the radar is above the target).
  [[nodiscard]] double rcs_m2(double azimuth_rad, double elevation_rad) const;

 private:
  double constant_m2_ = 1.0;
  const std::vector<double>* azimuth_ = nullptr;
  const std::vector<double>* elevation_ = nullptr;
  const std::vector<double>* dbsm_ = nullptr;
};

/// A target type's signature: a table per band, or a constant when it has none.
class RcsModel {
 public:
  explicit RcsModel(double constant_m2 = 1.0) : constant_m2_(constant_m2) {}
  RcsModel(std::vector<double> azimuth_rad, std::vector<double> elevation_rad,
           std::map<std::string, std::vector<double>> dbsm_by_band, double constant_m2);

  /// The table of the radar's band; the band nearest in log-frequency when the table lacks it.
  /// The pattern refers into this model: keep the model alive and in place.
  [[nodiscard]] RcsPattern for_frequency(double frequency_hz) const;

  /// Raises (or lowers) every value by `db` decibels: a per-replicate draw of the signature.
  void shift_db(double db);

 private:
  double constant_m2_;
  std::vector<double> azimuth_;
  std::vector<double> elevation_;
  std::map<std::string, std::vector<double>> dbsm_;
};

}  // namespace opensam::sensors
