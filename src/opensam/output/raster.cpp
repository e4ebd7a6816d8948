#include "opensam/output/raster.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <fmt/format.h>
#include <gdal.h>
#include <ogr_srs_api.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <numbers>
#include <vector>

namespace opensam::output {

namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

std::string wgs84_wkt() {
  OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
  OSRImportFromEPSG(srs, 4326);
  char* wkt = nullptr;
  OSRExportToWkt(srs, &wkt);
  std::string out = wkt != nullptr ? wkt : "";
  CPLFree(wkt);
  OSRDestroySpatialReference(srs);
  return out;
}

void georeference(GDALDatasetH ds, const sim::CoverageGrid& g) {
  double gt[6] = {g.west_deg, g.dlon_deg, 0.0, g.north_deg, 0.0, -g.dlat_deg};
  GDALSetGeoTransform(ds, gt);
  GDALSetProjection(ds, wgs84_wkt().c_str());
}

std::string temporary_for(const std::string& path) {
  const std::filesystem::path p(path);
  return (p.parent_path() /
          fmt::format(".{}.tmp-{}{}", p.stem().string(), ::getpid(), p.extension().string()))
      .string();
}

/// Creates `path` with `driver` as a copy of `src`, through a temporary file and a rename.
std::string copy_into_place(const char* driver, GDALDatasetH src, const std::string& path, char** options) {
  CPLErrorReset();
  const std::string tmp = temporary_for(path);
  GDALDatasetH out =
      GDALCreateCopy(GDALGetDriverByName(driver), tmp.c_str(), src, FALSE, options, nullptr, nullptr);
  if (out == nullptr) return fmt::format("cannot write '{}': {}", path, CPLGetLastErrorMsg());
  GDALClose(out);
  std::error_code ec;
  std::filesystem::remove(tmp + ".aux.xml", ec);
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return fmt::format("cannot write '{}': {}", path, ec.message());
  }
  return {};
}

}  // namespace

std::string write_coverage_geotiff(const std::string& path, const sim::CoverageGrid& g) {
  GDALAllRegister();
  GDALDatasetH mem = GDALCreate(GDALGetDriverByName("MEM"), "", g.cols, g.rows, 1, GDT_Float32, nullptr);
  georeference(mem, g);
  GDALRasterBandH band = GDALGetRasterBand(mem, 1);
  GDALSetDescription(band, "single-look probability of detection");
  std::vector<float> data = g.pd;
  const CPLErr err =
      GDALRasterIO(band, GF_Write, 0, 0, g.cols, g.rows, data.data(), g.cols, g.rows, GDT_Float32, 0, 0);
  char** options = CSLSetNameValue(nullptr, "COMPRESS", "DEFLATE");
  const std::string result =
      err != CE_None ? "cannot fill the raster" : copy_into_place("GTiff", mem, path, options);
  CSLDestroy(options);
  GDALClose(mem);
  return result;
}

std::string write_coverage_png(const std::string& path, const sim::CoverageGrid& g, double pd) {
  GDALAllRegister();
  const int rows = g.rows;
  const int cols = g.cols;
  std::vector<std::uint8_t> rgb(static_cast<std::size_t>(rows) * cols * 3);
  auto at = [&](int r, int c) { return static_cast<std::size_t>(r) * cols + c; };
  auto covered = [&](int r, int c) { return g.pd[at(r, c)] >= pd; };
  for (int r = 0; r < rows; ++r) {
    const double lat = g.north_deg - (r + 0.5) * g.dlat_deg;
    const double dx = g.dlon_deg * geo::kMetresPerDegree * std::cos(lat * kDegToRad);
    const double dy = g.dlat_deg * geo::kMetresPerDegree;
    for (int c = 0; c < cols; ++c) {
      // Hillshade (Horn's gradient, sun from the north-west at 45 deg).
      const auto h = [&](int rr, int cc) {
        return static_cast<double>(g.height[at(std::clamp(rr, 0, rows - 1), std::clamp(cc, 0, cols - 1))]);
      };
      const double gx = ((h(r - 1, c + 1) + 2 * h(r, c + 1) + h(r + 1, c + 1)) -
                         (h(r - 1, c - 1) + 2 * h(r, c - 1) + h(r + 1, c - 1))) /
                        (8.0 * dx);
      const double gy = ((h(r + 1, c - 1) + 2 * h(r + 1, c) + h(r + 1, c + 1)) -
                         (h(r - 1, c - 1) + 2 * h(r - 1, c) + h(r - 1, c + 1))) /
                        (8.0 * dy);
      const double slope = std::atan(std::hypot(gx, gy));
      const double aspect = std::atan2(gy, -gx);
      const double zenith = 45.0 * kDegToRad;
      const double azimuth = (360.0 - 315.0 + 90.0) * kDegToRad;
      double shade = std::cos(zenith) * std::cos(slope) +
                     std::sin(zenith) * std::sin(slope) * std::cos(azimuth - aspect);
      shade = std::clamp(shade, 0.0, 1.0);
      double red = 60 + 170 * shade;
      double green = red;
      double blue = red;
      if (h(r, c) <= 0.0) blue = std::min(255.0, blue + 25.0);  // sea level and below: bluish
      const double p = g.pd[at(r, c)];
      if (p > 0.05) {
        const double w = p >= pd ? 0.55 : 0.25 * p / pd;
        red = (1 - w) * red;
        green = (1 - w) * green + w * 200.0;
        blue = (1 - w) * blue;
      }
      if (covered(r, c) && ((r > 0 && !covered(r - 1, c)) || (r + 1 < rows && !covered(r + 1, c)) ||
                            (c > 0 && !covered(r, c - 1)) || (c + 1 < cols && !covered(r, c + 1)))) {
        red = 0;
        green = 0;
        blue = 160;
      }
      for (const auto& radar : g.radars) {
        const double lon = g.west_deg + (c + 0.5) * g.dlon_deg;
        const double e = (lon - radar.lon_deg) * geo::kMetresPerDegree * std::cos(radar.lat_deg * kDegToRad);
        const double n = (lat - radar.lat_deg) * geo::kMetresPerDegree;
        const double d = std::hypot(e, n);
        const double ring = std::fmod(d, 100e3);
        if (d > 1.0 && d <= radar.max_range_m + dy && (ring < 0.6 * dy || 100e3 - ring < 0.6 * dy)) {
          red = 200;
          green = 30;
          blue = 30;
        }
        if (d < 2.0 * dy) red = green = blue = 0;
      }
      const std::size_t i = at(r, c) * 3;
      rgb[i] = static_cast<std::uint8_t>(red);
      rgb[i + 1] = static_cast<std::uint8_t>(green);
      rgb[i + 2] = static_cast<std::uint8_t>(blue);
    }
  }
  GDALDatasetH mem = GDALCreate(GDALGetDriverByName("MEM"), "", cols, rows, 3, GDT_Byte, nullptr);
  georeference(mem, g);
  int bands[3] = {1, 2, 3};
  const CPLErr err = GDALDatasetRasterIO(mem, GF_Write, 0, 0, cols, rows, rgb.data(), cols, rows, GDT_Byte, 3,
                                         bands, 3, static_cast<GSpacing>(cols) * 3, 1);
  const std::string result =
      err != CE_None ? "cannot fill the picture" : copy_into_place("PNG", mem, path, nullptr);
  GDALClose(mem);
  return result;
}

std::string write_coverage_overlay_png(const std::string& path, const sim::CoverageGrid& g, double pd) {
  GDALAllRegister();
  const int rows = g.rows;
  const int cols = g.cols;
  std::vector<std::uint8_t> rgba(static_cast<std::size_t>(rows) * cols * 4, 0);
  auto at = [&](int r, int c) { return static_cast<std::size_t>(r) * cols + c; };
  auto covered = [&](int r, int c) { return g.pd[at(r, c)] >= pd; };
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      const double p = g.pd[at(r, c)];
      std::uint8_t* px = &rgba[at(r, c) * 4];
      if (covered(r, c) && ((r > 0 && !covered(r - 1, c)) || (r + 1 < rows && !covered(r + 1, c)) ||
                            (c > 0 && !covered(r, c - 1)) || (c + 1 < cols && !covered(r, c + 1)))) {
        px[0] = 0;
        px[1] = 40;
        px[2] = 200;
        px[3] = 230;
      } else if (p > 0.05) {
        px[0] = 30;
        px[1] = 220;
        px[2] = 60;
        px[3] = static_cast<std::uint8_t>(p >= pd ? 120 : 20 + 60 * p / pd);
      }
    }
  }
  GDALDatasetH mem = GDALCreate(GDALGetDriverByName("MEM"), "", cols, rows, 4, GDT_Byte, nullptr);
  georeference(mem, g);
  int bands[4] = {1, 2, 3, 4};
  const CPLErr err = GDALDatasetRasterIO(mem, GF_Write, 0, 0, cols, rows, rgba.data(), cols, rows, GDT_Byte,
                                         4, bands, 4, static_cast<GSpacing>(cols) * 4, 1);
  const std::string result =
      err != CE_None ? "cannot fill the picture" : copy_into_place("PNG", mem, path, nullptr);
  GDALClose(mem);
  return result;
}

std::string write_envelope_png(const std::string& path, const weapons::Envelope& env,
                               const std::string& title) {
  GDALAllRegister();
  constexpr int kSize = 600;
  double reach = 1.0;
  for (const auto& a : env.aspects) reach = std::max(reach, a.max_launch_range_m);
  const double scale = 1.1 * reach / (kSize / 2.0);  // metres per pixel
  const double ring = reach > 100e3 ? 50e3 : 10e3;
  // Launch range limits at an aspect (0..pi), linear between the computed aspects.
  auto limits = [&](double aspect, double& lo, double& hi) {
    const auto& a = env.aspects;
    lo = hi = 0.0;
    if (a.empty()) return;
    std::size_t k = 1;
    while (k < a.size() && a[k].aspect_rad < aspect) ++k;
    if (k >= a.size()) {
      lo = a.back().min_launch_range_m;
      hi = a.back().max_launch_range_m;
      return;
    }
    if (!a[k - 1].reachable || !a[k].reachable) return;
    const double f = (aspect - a[k - 1].aspect_rad) / (a[k].aspect_rad - a[k - 1].aspect_rad);
    lo = a[k - 1].min_launch_range_m + f * (a[k].min_launch_range_m - a[k - 1].min_launch_range_m);
    hi = a[k - 1].max_launch_range_m + f * (a[k].max_launch_range_m - a[k - 1].max_launch_range_m);
  };
  std::vector<std::uint8_t> rgb(std::size_t(kSize) * kSize * 3, 255);
  for (int r = 0; r < kSize; ++r) {
    for (int c = 0; c < kSize; ++c) {
      const double east = (c + 0.5 - kSize / 2.0) * scale;
      const double north = (kSize / 2.0 - r - 0.5) * scale;
      const double d = std::hypot(east, north);
      const double aspect = std::abs(std::atan2(east, north));  // 0: due north, head-on
      double lo = 0.0, hi = 0.0;
      limits(aspect, lo, hi);
      std::uint8_t px[3] = {255, 255, 255};
      if (d >= lo && d <= hi) {
        px[0] = 120;
        px[1] = 200;
        px[2] = 120;
      }
      if (std::abs(std::fmod(d, ring)) < 0.8 * scale || ring - std::fmod(d, ring) < 0.8 * scale) {
        px[0] = px[1] = px[2] = 170;
      }
      if (std::abs(d - env.no_escape_range_m) < 1.0 * scale) {
        px[0] = 200;
        px[1] = 30;
        px[2] = 30;
      }
      if (d < 3.0 * scale) px[0] = px[1] = px[2] = 0;
      const std::size_t i = (std::size_t(r) * kSize + c) * 3;
      std::copy(px, px + 3, rgb.begin() + std::ptrdiff_t(i));
    }
  }
  GDALDatasetH mem = GDALCreate(GDALGetDriverByName("MEM"), "", kSize, kSize, 3, GDT_Byte, nullptr);
  GDALSetMetadataItem(mem, "TITLE", title.c_str(), nullptr);
  int bands[3] = {1, 2, 3};
  const CPLErr err = GDALDatasetRasterIO(mem, GF_Write, 0, 0, kSize, kSize, rgb.data(), kSize, kSize,
                                         GDT_Byte, 3, bands, 3, static_cast<GSpacing>(kSize) * 3, 1);
  const std::string result =
      err != CE_None ? "cannot fill the picture" : copy_into_place("PNG", mem, path, nullptr);
  GDALClose(mem);
  return result;
}

}  // namespace opensam::output
