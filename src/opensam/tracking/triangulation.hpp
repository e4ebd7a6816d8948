#pragma once
/// @file Passive location from bearings: two jam strobes (azimuth and elevation from two
/// radars a baseline apart) cross at the jammer. The fix is the weighted least-squares point
/// of the two lines of sight, its covariance the inverse of their information across the
/// lines; its cross-range error grows as R sigma_theta / sin(gamma) with the crossing angle
/// gamma (Adamy, EW 101, emitter location; Poisel, Electronic Warfare Target Location Methods).
#include <Eigen/Core>
#include <optional>

namespace opensam::tracking {

/// One bearing: the sensor's position and its rotation from the common frame to the sensor's
/// east-north-up frame, and the measured azimuth (from north, clockwise) and elevation there.
struct BearingRay {
  Eigen::Vector3d origin_m = Eigen::Vector3d::Zero();
  Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();
  double azimuth_rad = 0.0;
  double elevation_rad = 0.0;
  double sigma_azimuth_rad = 0.0;
  double sigma_elevation_rad = 0.0;
};

struct Crossing {
  Eigen::Vector3d position_m = Eigen::Vector3d::Zero();
  Eigen::Matrix3d covariance_m2 = Eigen::Matrix3d::Zero();
  /// Squared, normalised misses of the two lines at the fix: chi-square with one degree of
  /// freedom when both bearings see the same emitter.
  double chi2 = 0.0;
  double angle_rad = 0.0;  ///< the acute angle between the two lines of sight
  double range_a_m = 0.0;  ///< from each sensor to the fix
  double range_b_m = 0.0;
};

/// The crossing of two bearings, or nothing when the lines cross behind either sensor or are
/// parallel. `extra_sigma_m` widens both lines (the emitter's motion between the two bearings).
[[nodiscard]] std::optional<Crossing> cross(const BearingRay& a, const BearingRay& b,
                                            double extra_sigma_m = 0.0);

}  // namespace opensam::tracking
