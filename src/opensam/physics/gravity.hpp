#pragma once
/// @file Gravity in Earth-centred Earth-fixed coordinates: WGS-84 normal gravity
/// (GeographicLib; NIMA TR8350.2, 2000, ch. 4) or a spherical point mass.

#include <Eigen/Core>

namespace opensam::physics {

/// WGS-84 constants (NIMA TR8350.2, 2000, table 3.1 and 3.3).
inline constexpr double kEarthGm_m3_s2 = 3.986004418e14;  ///< GM, with the atmosphere
inline constexpr double kEarthRotation_rad_s = 7.292115e-5;

/// Normal gravity of the WGS-84 ellipsoid at an ECEF point (m): gravitation plus the
/// centrifugal acceleration of the Earth's rotation, as a body at rest in ECEF feels it.
[[nodiscard]] Eigen::Vector3d normal_gravity_ecef(const Eigen::Vector3d& ecef_m);

/// Gravitation of a spherical Earth (GM / r^2 toward the centre), no rotation.
[[nodiscard]] Eigen::Vector3d spherical_gravitation(const Eigen::Vector3d& position_m);

}  // namespace opensam::physics
