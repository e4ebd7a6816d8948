#include "opensam/geo/frames.hpp"

#include <GeographicLib/Constants.hpp>
#include <GeographicLib/Geocentric.hpp>
#include <cmath>
#include <numbers>

namespace opensam::geo {

Vec3 lla_to_ecef(const Lla& p) {
  Vec3 out;
  GeographicLib::Geocentric::WGS84().Forward(p.lat_deg, p.lon_deg, p.alt_m, out.x(), out.y(), out.z());
  return out;
}

Lla ecef_to_lla(const Vec3& ecef_m) {
  Lla out;
  GeographicLib::Geocentric::WGS84().Reverse(ecef_m.x(), ecef_m.y(), ecef_m.z(), out.lat_deg, out.lon_deg,
                                             out.alt_m);
  return out;
}

HeightBounds height_bounds(const Vec3& ecef_m) {
  static const double a = GeographicLib::Constants::WGS84_a();
  static const double b = a * (1.0 - GeographicLib::Constants::WGS84_f());
  // The ellipse's radius at the point's geocentric latitude psi, ab / sqrt((b cos psi)^2 + (a
  // sin psi)^2): the point's foot on the ellipsoid lies at nearly the same psi (5e-6 rad per
  // 10 km of height) and the normal within 0.2 deg of the radius, so |p| - r(psi) is the
  // height to within centimetres per 10 km; 10 m and a thousandth of it bound the rest.
  const double r = ecef_m.norm();
  if (r < 1.0) return {-a, -b};
  const double s = ecef_m.z() / r, c2 = std::max(0.0, 1.0 - s * s);
  const double surface = a * b / std::sqrt(b * b * c2 + a * a * s * s);
  const double h = r - surface;
  const double margin = 10.0 + 1e-3 * std::abs(h);
  return {h - margin, h + margin};
}

Eigen::Matrix3d enu_to_ecef_rotation(double lat_deg, double lon_deg) {
  // Geodetic latitude: the up axis is the ellipsoid normal (GeographicLib's Geocentric::Rotation).
  constexpr double kDeg = std::numbers::pi / 180.0;
  const double sp = std::sin(lat_deg * kDeg), cp = std::cos(lat_deg * kDeg);
  const double sl = std::sin(lon_deg * kDeg), cl = std::cos(lon_deg * kDeg);
  Eigen::Matrix3d m;
  m << -sl, -sp * cl, cp * cl,  //
      cl, -sp * sl, cp * sl,    //
      0.0, cp, sp;
  return m;
}

Vec3 ecef_to_enu_vector(const Lla& at, const Vec3& v) {
  return enu_to_ecef_rotation(at.lat_deg, at.lon_deg).transpose() * v;
}

Vec3 local_up(const Vec3& ecef_m) {
  const Lla p = ecef_to_lla(ecef_m);
  return enu_to_ecef_rotation(p.lat_deg, p.lon_deg).col(2);
}

EnuFrame::EnuFrame(const Lla& origin)
    : origin_(origin),
      origin_ecef_(lla_to_ecef(origin)),
      enu_to_ecef_(enu_to_ecef_rotation(origin.lat_deg, origin.lon_deg)) {}

Vec3 EnuFrame::point_from_ecef(const Vec3& ecef_m) const {
  return enu_to_ecef_.transpose() * (ecef_m - origin_ecef_);
}

Vec3 EnuFrame::point_to_ecef(const Vec3& enu_m) const { return origin_ecef_ + enu_to_ecef_ * enu_m; }

Vec3 EnuFrame::vector_from_ecef(const Vec3& ecef) const { return enu_to_ecef_.transpose() * ecef; }

Vec3 EnuFrame::vector_to_ecef(const Vec3& enu) const { return enu_to_ecef_ * enu; }

}  // namespace opensam::geo
