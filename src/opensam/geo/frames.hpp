#pragma once
/// @file WGS-84 frames: geodetic (LLA), Earth-centred Earth-fixed (ECEF) and local
/// east-north-up (ENU), through GeographicLib (Karney, "Geodesics on an ellipsoid of
/// revolution", 2011, appendix B; accuracy a few nanometres).

#include <Eigen/Core>

namespace opensam::geo {

using Vec3 = Eigen::Vector3d;

/// Geodetic position: latitude and longitude in degrees, height above the WGS-84 ellipsoid
/// in metres. Scenario altitudes "MSL" are taken as ellipsoidal heights (geoid separation,
/// up to about 100 m, is not modelled).
struct Lla {
  double lat_deg = 0.0;
  double lon_deg = 0.0;
  double alt_m = 0.0;
};

/// Geodetic to ECEF (m).
[[nodiscard]] Vec3 lla_to_ecef(const Lla& p);
/// ECEF (m) to geodetic.
[[nodiscard]] Lla ecef_to_lla(const Vec3& ecef_m);
/// Bounds of a point's height above the WGS-84 ellipsoid without the geodetic conversion: its
/// distance from the centre less the ellipse's radius at its geocentric latitude, within 10 m
/// and a thousandth of the height.
struct HeightBounds {
  double low_m, high_m;
};
[[nodiscard]] HeightBounds height_bounds(const Vec3& ecef_m);

/// The rotation from local east-north-up components to ECEF at a geodetic latitude and
/// longitude (columns: east, north, up unit vectors). Pure trigonometry, no allocation.
[[nodiscard]] Eigen::Matrix3d enu_to_ecef_rotation(double lat_deg, double lon_deg);
/// An ECEF vector (a velocity) in the east, north, up components of the point `at`.
[[nodiscard]] Vec3 ecef_to_enu_vector(const Lla& at, const Vec3& v);

/// The local vertical (the ellipsoid normal, unit) at an ECEF point.
[[nodiscard]] Vec3 local_up(const Vec3& ecef_m);

/// A local east-north-up frame at a fixed origin; z along the ellipsoid normal, y north.
/// Construction costs one GeographicLib call; conversions are a rotation and a shift.
class EnuFrame {
 public:
  explicit EnuFrame(const Lla& origin);

  [[nodiscard]] const Lla& origin() const { return origin_; }
  /// ECEF point (m) to local ENU coordinates (m).
  [[nodiscard]] Vec3 point_from_ecef(const Vec3& ecef_m) const;
  /// Local ENU point (m) to ECEF (m).
  [[nodiscard]] Vec3 point_to_ecef(const Vec3& enu_m) const;
  /// ECEF vector (a velocity, say) to ENU components; no shift.
  [[nodiscard]] Vec3 vector_from_ecef(const Vec3& ecef) const;
  /// ENU vector to ECEF components; no shift.
  [[nodiscard]] Vec3 vector_to_ecef(const Vec3& enu) const;
  [[nodiscard]] Vec3 point_from_lla(const Lla& p) const { return point_from_ecef(lla_to_ecef(p)); }
  [[nodiscard]] Lla point_to_lla(const Vec3& enu_m) const { return ecef_to_lla(point_to_ecef(enu_m)); }

 private:
  Lla origin_;
  Vec3 origin_ecef_;
  Eigen::Matrix3d enu_to_ecef_;  ///< columns: east, north, up unit vectors in ECEF
};

}  // namespace opensam::geo
