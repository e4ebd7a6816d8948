#pragma once
/// @file A synthetic terrain raster for run tests: flat ground with one ridge running east-west.

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <filesystem>
#include <vector>

namespace opensam::sim::test_support {

/// Writes a GeoTIFF over 39.0-40.2N, 32.4-33.6E (1,200 x 1,200 cells, EPSG:4326): ground at
/// 0 m with a ridge along `crest_lat_deg` of height h exp(-((lat - crest) / width)^2).
/// Returns whether GDAL wrote it.
inline bool write_ridge_raster(const std::filesystem::path& file, double crest_lat_deg, double height_m,
                               double width_deg) {
  GDALAllRegister();
  const int n = 1200;
  GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), file.c_str(), n, n, 1, GDT_Float32, nullptr);
  if (ds == nullptr) return false;
  double gt[6] = {32.4, 1.2 / n, 0.0, 40.2, 0.0, -1.2 / n};
  GDALSetGeoTransform(ds, gt);
  OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(nullptr);
  OSRImportFromEPSG(wgs84, 4326);
  char* wkt = nullptr;
  OSRExportToWkt(wgs84, &wkt);
  GDALSetProjection(ds, wkt);
  CPLFree(wkt);
  OSRDestroySpatialReference(wgs84);
  std::vector<float> h(std::size_t(n) * n);
  for (int r = 0; r < n; ++r) {
    const double lat = 40.2 - (r + 0.5) * 1.2 / n;
    const auto z = static_cast<float>(height_m * std::exp(-std::pow((lat - crest_lat_deg) / width_deg, 2)));
    for (int c = 0; c < n; ++c) h[std::size_t(r) * n + c] = z;
  }
  const bool ok = GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Write, 0, 0, n, n, h.data(), n, n, GDT_Float32, 0,
                               0) == CE_None;
  GDALClose(ds);
  return ok;
}

}  // namespace opensam::sim::test_support
