#include "opensam/geo/terrain.hpp"

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include "opensam/geo/horizon.hpp"

namespace opensam::geo {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

// A 0.6 x 0.6 deg raster at 0.001 deg (about 111 m x 86 m) around 39.3N 33.3E, built in
// memory with GDAL's MEM driver: a 1,000 m north-south ridge along 33.45E, a 300 m deep
// valley around 33.15E, sea level elsewhere.
constexpr double kNorth = 39.6;
constexpr double kWest = 33.0;
constexpr double kStep = 0.001;
constexpr int kSize = 600;

double ridge_and_valley(double lat, double lon) {
  (void)lat;
  const double ridge = 1000.0 * std::exp(-std::pow((lon - 33.45) / 0.01, 2));
  const double valley = -300.0 * std::exp(-std::pow((lon - 33.15) / 0.03, 2));
  return ridge + valley;
}

template <class F>
GDALDatasetH mem_raster(F&& height, const char* srs_wkt = nullptr) {
  GDALAllRegister();
  GDALDriverH mem = GDALGetDriverByName("MEM");
  GDALDatasetH ds = GDALCreate(mem, "", kSize, kSize, 1, GDT_Float32, nullptr);
  double gt[6] = {kWest, kStep, 0.0, kNorth, 0.0, -kStep};
  EXPECT_EQ(GDALSetGeoTransform(ds, gt), CE_None);
  if (srs_wkt != nullptr) GDALSetProjection(ds, srs_wkt);
  std::vector<float> data(kSize * kSize);
  for (int r = 0; r < kSize; ++r) {
    for (int c = 0; c < kSize; ++c) {
      data[r * kSize + c] = static_cast<float>(height(kNorth - (r + 0.5) * kStep, kWest + (c + 0.5) * kStep));
    }
  }
  EXPECT_EQ(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Write, 0, 0, kSize, kSize, data.data(), kSize, kSize,
                         GDT_Float32, 0, 0),
            CE_None);
  return ds;
}

Terrain load(GDALDatasetH ds) {
  std::string error;
  auto t = Terrain::from_dataset(ds, GeoBox{}, error);
  EXPECT_TRUE(t.has_value()) << error;
  return t ? *t : Terrain();
}

TEST(Terrain, BilinearIsExactOnAPlane) {
  auto plane = [](double lat, double lon) { return 100.0 + 2000.0 * (lat - 39.0) - 500.0 * (lon - 33.0); };
  GDALDatasetH ds = mem_raster(plane);
  const Terrain t = load(ds);
  GDALClose(ds);
  for (double lat : {39.1234, 39.3, 39.5555}) {
    for (double lon : {33.0101, 33.3333, 33.5}) EXPECT_NEAR(t.height_m(lat, lon), plane(lat, lon), 1e-3);
  }
  EXPECT_EQ(t.height_m(10.0, 10.0), 0.0);  // outside: sea level
}

TEST(Terrain, RidgeMasksAndValleyDoesNot) {
  GDALDatasetH ds = mem_raster(ridge_and_valley);
  const Terrain t = load(ds);
  GDALClose(ds);
  const Lla radar{39.3, 33.30, 20.0};
  const double k = kDefaultKFactor;
  // East, beyond the ridge: low targets hidden, high ones seen.
  EXPECT_FALSE(line_of_sight_march(t, radar, {39.3, 33.60, 300.0}, k, 50.0));
  EXPECT_TRUE(line_of_sight_march(t, radar, {39.3, 33.60, 3000.0}, k, 50.0));
  // West, across the valley: the valley hides nothing beyond it; a target low in the valley
  // hides below its near rim, one at the rim's height does not.
  EXPECT_TRUE(line_of_sight_march(t, radar, {39.3, 33.02, 100.0}, k, 50.0));
  EXPECT_FALSE(line_of_sight_march(t, radar, {39.3, 33.15, -250.0}, k, 50.0));
  EXPECT_TRUE(line_of_sight_march(t, radar, {39.3, 33.15, 50.0}, k, 50.0));
  // The profile gives the same answers.
  const HorizonProfile p(t, radar, 60e3, k, 1440, 50.0);
  auto visible = [&](const Lla& target) {
    const Bearing b = bearing(radar, target);
    return p.visible(b.azimuth_rad, b.ground_range_m, target.alt_m);
  };
  EXPECT_FALSE(visible({39.3, 33.60, 300.0}));
  EXPECT_TRUE(visible({39.3, 33.60, 3000.0}));
  EXPECT_TRUE(visible({39.3, 33.02, 100.0}));
  EXPECT_FALSE(visible({39.3, 33.15, -250.0}));
  EXPECT_TRUE(visible({39.3, 33.15, 50.0}));
}

// Over a bald Earth the march agrees with the 4/3-Earth horizon formula (reference section 6:
// d = 4.12 (sqrt(h_r) + sqrt(h_t)) km): just inside the horizon seen, just beyond hidden.
TEST(Terrain, BaldEarthMatchesTheHorizonFormula) {
  const Terrain flat;
  const Lla radar{39.0, 33.0, 25.0};
  const double hr = 25.0;
  const double ht = 50.0;
  const double d = std::sqrt(2.0 * kDefaultKFactor * 6371000.0) * (std::sqrt(hr) + std::sqrt(ht));
  EXPECT_NEAR(d / 1000.0, 50.0, 0.5);
  double lat = 0.0;
  double lon = 0.0;
  auto north = [&](double s) {
    const double dlat = s / 111000.0;  // close enough to place the target; the march measures
    lat = radar.lat_deg + dlat;
    lon = radar.lon_deg;
    return Lla{lat, lon, ht};
  };
  // Distances from the geodesic inverse, so place and then measure.
  const Lla inside = north(0.985 * d);
  const Lla beyond = north(1.015 * d);
  const double d_inside = bearing(radar, inside).ground_range_m;
  const double d_beyond = bearing(radar, beyond).ground_range_m;
  ASSERT_LT(d_inside, d);
  ASSERT_GT(d_beyond, d);
  EXPECT_TRUE(line_of_sight_march(flat, radar, inside, kDefaultKFactor, 25.0));
  EXPECT_FALSE(line_of_sight_march(flat, radar, beyond, kDefaultKFactor, 25.0));
}

// The horizon profile (a lookup) against the ray march (the reference) on rough terrain:
// random targets, the same answer in at least 99 % of cases; where they differ, the target
// sits within a hair of the terrain envelope (bin width and sampling).
TEST(HorizonProfile, AgreesWithTheRayMarch) {
  std::mt19937_64 gen(7);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<std::array<double, 4>> bumps;
  for (int i = 0; i < 60; ++i) {
    bumps.push_back(
        {kNorth - 0.6 * u(gen), kWest + 0.6 * u(gen), 200.0 + 1200.0 * u(gen), 0.005 + 0.03 * u(gen)});
  }
  auto hills = [&](double lat, double lon) {
    double h = 0.0;
    for (const auto& b : bumps)
      h += b[2] * std::exp(-(std::pow(lat - b[0], 2) + std::pow(lon - b[1], 2)) / (b[3] * b[3]));
    return h;
  };
  GDALDatasetH ds = mem_raster(hills);
  const Terrain t = load(ds);
  GDALClose(ds);
  const Lla radar{39.3, 33.3, t.height_m(39.3, 33.3) + 30.0};
  const double k = kDefaultKFactor;
  const HorizonProfile p(t, radar, 35e3, k, 4096, 50.0);
  int agree = 0;
  int total = 0;
  for (int i = 0; i < 2000; ++i) {
    const double az = 2.0 * std::numbers::pi * u(gen);
    const double range = 1000.0 + 30000.0 * u(gen);
    const Lla target{radar.lat_deg + range * std::cos(az) / 111000.0,
                     radar.lon_deg + range * std::sin(az) / (111000.0 * std::cos(39.3 * kDeg)), 0.0};
    const double ground = t.height_m(target.lat_deg, target.lon_deg);
    const Lla aloft{target.lat_deg, target.lon_deg, ground + 30.0 + 1500.0 * u(gen)};
    const Bearing b = bearing(radar, aloft);
    const bool reference = line_of_sight_march(t, radar, aloft, k, 50.0);
    const bool fast = p.visible(b.azimuth_rad, b.ground_range_m, aloft.alt_m);
    ++total;
    if (reference == fast) {
      ++agree;
    } else {
      const double margin = slope(radar.alt_m, b.ground_range_m, aloft.alt_m, k) -
                            terrain_envelope_march(t, radar, b.azimuth_rad, b.ground_range_m, k, 50.0);
      EXPECT_LT(std::abs(margin), 0.01) << "az " << b.azimuth_rad << " range " << b.ground_range_m;
    }
  }
  EXPECT_GE(agree, 0.99 * total) << agree << " of " << total;
  EXPECT_GT(p.breakpoints(), 4096u);
}

// The line of sight marches only where the ray is not above the terrain's highest point; its
// answer is the full march's (target slope above the whole envelope, the definition) for every
// pair, low or high, near or far, and the highest point is the raster's.
TEST(Terrain, LineOfSightMarchesOnlyWhereTheRayCanMeetTheTerrain) {
  GDALDatasetH ds = mem_raster(ridge_and_valley);
  const Terrain t = load(ds);
  GDALClose(ds);
  EXPECT_NEAR(t.max_height_m(), 1000.0, 5.0);
  EXPECT_EQ(Terrain().max_height_m(), 0.0);
  std::mt19937_64 gen(11);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double k = kDefaultKFactor;
  int blocked = 0;
  for (int i = 0; i < 3000; ++i) {
    const Lla a{39.05 + 0.5 * u(gen), 33.02 + 0.56 * u(gen), -200.0 + 3000.0 * std::pow(u(gen), 3)};
    const Lla b{39.05 + 0.5 * u(gen), 33.02 + 0.56 * u(gen), -200.0 + 12000.0 * std::pow(u(gen), 3)};
    const Bearing bb = bearing(a, b);
    const bool full = slope(a.alt_m, bb.ground_range_m, b.alt_m, k) >
                      terrain_envelope_march(t, a, bb.azimuth_rad, bb.ground_range_m, k, 100.0);
    ASSERT_EQ(line_of_sight_march(t, a, b, k, 100.0), full) << i;
    blocked += full ? 0 : 1;
  }
  EXPECT_GT(blocked, 300);
  EXPECT_LT(blocked, 2700);
}

// A projected raster (UTM zone 36N) written as a GeoTIFF to GDAL's in-memory file system:
// opened by path, warped to longitude/latitude, heights where they belong.
TEST(Terrain, ReadsAProjectedGeoTiffByPath) {
  GDALAllRegister();
  OGRSpatialReferenceH utm = OSRNewSpatialReference(nullptr);
  OSRImportFromEPSG(utm, 32636);
  char* wkt = nullptr;
  OSRExportToWkt(utm, &wkt);
  GDALDriverH gtiff = GDALGetDriverByName("GTiff");
  const char* path = "/vsimem/utm.tif";
  GDALDatasetH ds = GDALCreate(gtiff, path, 200, 200, 1, GDT_Int16, nullptr);
  // 100 m pixels from (x 500000, y 4400000): around 39.75N 33.0E; height rises 1 m per
  // pixel eastward.
  double gt[6] = {500000.0, 100.0, 0.0, 4400000.0, 0.0, -100.0};
  GDALSetGeoTransform(ds, gt);
  GDALSetProjection(ds, wkt);
  std::vector<std::int16_t> data(200 * 200);
  for (int r = 0; r < 200; ++r) {
    for (int c = 0; c < 200; ++c) data[r * 200 + c] = static_cast<std::int16_t>(c);
  }
  ASSERT_EQ(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Write, 0, 0, 200, 200, data.data(), 200, 200, GDT_Int16,
                         0, 0),
            CE_None);
  GDALClose(ds);
  // The centre of pixel column 100 (x = 510,050 m), row 100 (y = 4,389,950 m), in lat/lon.
  OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(nullptr);
  OSRImportFromEPSG(wgs84, 4326);
  OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy(utm, OAMS_TRADITIONAL_GIS_ORDER);
  OGRCoordinateTransformationH to_ll = OCTNewCoordinateTransformation(utm, wgs84);
  double x = 510050.0;
  double y = 4389950.0;
  ASSERT_TRUE(OCTTransform(to_ll, 1, &x, &y, nullptr));
  std::string error;
  const auto t = Terrain::open(path, GeoBox{}, error);
  ASSERT_TRUE(t.has_value()) << error;
  EXPECT_NEAR(t->height_m(y, x), 100.0, 1.5);
  OCTDestroyCoordinateTransformation(to_ll);
  OSRDestroySpatialReference(wgs84);
  OSRDestroySpatialReference(utm);
  CPLFree(wkt);
  VSIUnlink(path);
}

// An SRTM-format tile (SRTMHGT driver: 1201 x 1201 big-endian int16, 3 arc-second), named as
// SRTM names them, read by path with voids (-32768) read as sea level.
TEST(Terrain, ReadsAnSrtmHgtTile) {
  GDALAllRegister();
  GDALDatasetH src = GDALCreate(GDALGetDriverByName("MEM"), "", 1201, 1201, 1, GDT_Int16, nullptr);
  const double step = 1.0 / 1200.0;
  double gt[6] = {33.0 - step / 2, step, 0.0, 40.0 + step / 2, 0.0, -step};
  GDALSetGeoTransform(src, gt);
  OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(nullptr);
  OSRImportFromEPSG(wgs84, 4326);
  char* wkt = nullptr;
  OSRExportToWkt(wgs84, &wkt);
  GDALSetProjection(src, wkt);
  std::vector<std::int16_t> data(1201 * 1201);
  for (int r = 0; r < 1201; ++r) {
    for (int c = 0; c < 1201; ++c)
      data[r * 1201 + c] = static_cast<std::int16_t>(r < 10 ? -32768 : 500 + r / 2);
  }
  ASSERT_EQ(GDALRasterIO(GDALGetRasterBand(src, 1), GF_Write, 0, 0, 1201, 1201, data.data(), 1201, 1201,
                         GDT_Int16, 0, 0),
            CE_None);
  const char* path = "/vsimem/N39E033.hgt";
  GDALDatasetH hgt =
      GDALCreateCopy(GDALGetDriverByName("SRTMHGT"), path, src, FALSE, nullptr, nullptr, nullptr);
  ASSERT_NE(hgt, nullptr);
  GDALClose(hgt);
  GDALClose(src);
  std::string error;
  const auto t = Terrain::open(path, GeoBox{39.2, 39.8, 33.2, 33.8}, error);
  ASSERT_TRUE(t.has_value()) << error;
  // Row r is at latitude 40 - r / 1200: 39.5N is row 600, height 800 m.
  EXPECT_NEAR(t->height_m(39.5, 33.5), 800.0, 0.6);
  // Only the window around the box was read.
  EXPECT_LT(t->rows(), 800);
  VSIUnlink(path);
  CPLFree(wkt);
  OSRDestroySpatialReference(wgs84);
}

TEST(Terrain, DecimatesLargeWindowsAndReportsUnreadableFiles) {
  GDALDatasetH ds =
      mem_raster([](double lat, double lon) { return 1000.0 * (lat - 39.0) + 100.0 * (lon - 33.0); });
  std::string error;
  const auto t = Terrain::from_dataset(ds, GeoBox{}, error, 10000);
  GDALClose(ds);
  ASSERT_TRUE(t.has_value()) << error;
  EXPECT_LE(static_cast<long>(t->rows()) * t->cols(), 10000);
  EXPECT_NEAR(t->height_m(39.3, 33.3), 330.0, 1.0);
  EXPECT_FALSE(Terrain::open("/nonexistent/dem.tif", GeoBox{}, error).has_value());
  EXPECT_FALSE(error.empty());
}

}  // namespace
}  // namespace opensam::geo
