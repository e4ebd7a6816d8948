#include "opensam/geo/frames.hpp"

#include <gtest/gtest.h>

#include <GeographicLib/LocalCartesian.hpp>

namespace opensam::geo {
namespace {

// GeographicLib CartConvert(1) manual, EXAMPLES:
//   echo 33.3 44.4 6000 | CartConvert            => 3816209.60 3737108.55 3485109.57
//   echo 33.3 44.4 6000 | CartConvert -l 33 44 20 => 37288.97 33374.29 5783.64
//   echo 30000 30000 0 | CartConvert -r           => 6.483 45 -6335709.73
constexpr double kPrinted = 0.006;  // metres: the manual prints two decimals

TEST(Frames, GeodeticToEcefMatchesCartConvertExample) {
  const Vec3 p = lla_to_ecef({33.3, 44.4, 6000.0});
  EXPECT_NEAR(p.x(), 3816209.60, kPrinted);
  EXPECT_NEAR(p.y(), 3737108.55, kPrinted);
  EXPECT_NEAR(p.z(), 3485109.57, kPrinted);
}

TEST(Frames, EcefToGeodeticMatchesCartConvertExample) {
  const Lla p = ecef_to_lla({30000.0, 30000.0, 0.0});
  EXPECT_NEAR(p.lat_deg, 6.483, 5e-4);
  EXPECT_NEAR(p.lon_deg, 45.0, 1e-12);
  EXPECT_NEAR(p.alt_m, -6335709.73, kPrinted);
}

// The manual prints z = 5783.64 where GeographicLib 2.1 computes 5783.6466 (the manual's
// digits are truncated), so the manual is checked to 1 cm and LocalCartesian to 1 micrometre.
TEST(Frames, LocalEnuMatchesCartConvertExample) {
  const EnuFrame f({33.0, 44.0, 20.0});
  const Vec3 enu = f.point_from_lla({33.3, 44.4, 6000.0});
  EXPECT_NEAR(enu.x(), 37288.97, 0.01);
  EXPECT_NEAR(enu.y(), 33374.29, 0.01);
  EXPECT_NEAR(enu.z(), 5783.64, 0.01);
  double x = 0, y = 0, z = 0;
  GeographicLib::LocalCartesian(33.0, 44.0, 20.0).Forward(33.3, 44.4, 6000.0, x, y, z);
  EXPECT_LT((enu - Vec3(x, y, z)).norm(), 1e-6);
}

TEST(Frames, RoundTripsToTheMillimetre) {
  const Lla p{39.95, 32.69, 12345.6};
  const Lla q = ecef_to_lla(lla_to_ecef(p));
  EXPECT_NEAR(q.lat_deg, p.lat_deg, 1e-11);
  EXPECT_NEAR(q.lon_deg, p.lon_deg, 1e-11);
  EXPECT_NEAR(q.alt_m, p.alt_m, 1e-6);
  const EnuFrame f({40.0, 32.5, 900.0});
  const Vec3 local(12000.0, -5000.0, 300.0);
  EXPECT_LT((f.point_from_ecef(f.point_to_ecef(local)) - local).norm(), 1e-6);
}

TEST(Frames, EnuAxesPointEastNorthUp) {
  // At (0, 0): east is +y ECEF, north is +z, up is +x.
  const EnuFrame f({0.0, 0.0, 0.0});
  EXPECT_LT((f.vector_to_ecef({1, 0, 0}) - Vec3(0, 1, 0)).norm(), 1e-15);
  EXPECT_LT((f.vector_to_ecef({0, 1, 0}) - Vec3(0, 0, 1)).norm(), 1e-15);
  EXPECT_LT((f.vector_to_ecef({0, 0, 1}) - Vec3(1, 0, 0)).norm(), 1e-15);
  EXPECT_LT((f.vector_from_ecef(f.vector_to_ecef({3, 4, 5})) - Vec3(3, 4, 5)).norm(), 1e-12);
}

}  // namespace
// A point's height above the WGS-84 ellipsoid (a = 6,378,137 m, 1 / f = 298.257223563; NIMA
// TR8350.2) lies within the cheap bounds (its distance from the centre less the ellipse's
// radius at its geocentric latitude, 10 m and a thousandth of the height either side), at
// every latitude and longitude from 1 km under the surface to 1,000 km above it.
TEST(Frames, HeightBoundsBracketTheGeodeticHeight) {
  double widest_near_ground = 0.0;
  for (double lat = -90.0; lat <= 90.0; lat += 2.5) {
    for (const double lon : {-170.0, 0.0, 33.0, 120.0}) {
      for (const double h : {-1000.0, 0.0, 300.0, 10e3, 35e3, 120e3, 1000e3}) {
        const Vec3 p = lla_to_ecef({lat, lon, h});
        const HeightBounds b = height_bounds(p);
        EXPECT_LE(b.low_m, h) << lat << " " << h;
        EXPECT_GE(b.high_m, h) << lat << " " << h;
        if (h <= 10e3) widest_near_ground = std::max(widest_near_ground, b.high_m - b.low_m);
      }
    }
  }
  EXPECT_LT(widest_near_ground, 2.0 * (10.0 + 10.0) + 0.01);
}

}  // namespace opensam::geo
