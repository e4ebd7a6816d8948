#include "opensam/geo/terrain.hpp"

#include <cpl_conv.h>
#include <fmt/format.h>
#include <gdal.h>
#include <gdalwarper.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cmath>
#include <mutex>

namespace opensam::geo {

namespace {

void register_gdal() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    CPLSetConfigOption("CPL_LOG", "/dev/null");
  });
}

/// True when the dataset's coordinates are longitude/latitude degrees (or it has no CRS,
/// which we read as such: bare SRTM and DTED tiles are geographic).
bool is_geographic(GDALDatasetH ds) {
  const char* wkt = GDALGetProjectionRef(ds);
  if (wkt == nullptr || *wkt == '\0') return true;
  OGRSpatialReferenceH srs = OSRNewSpatialReference(wkt);
  const bool geographic = srs != nullptr && OSRIsGeographic(srs) != 0;
  if (srs != nullptr) OSRDestroySpatialReference(srs);
  return geographic;
}

}  // namespace

Terrain::Terrain(double north_deg, double west_deg, double dlat_deg, double dlon_deg, int rows, int cols,
                 std::vector<float> heights_m)
    : north_deg_(north_deg),
      west_deg_(west_deg),
      dlat_deg_(dlat_deg),
      dlon_deg_(dlon_deg),
      rows_(rows),
      cols_(cols),
      heights_(std::move(heights_m)) {
  for (const float h : heights_)
    if (h > max_height_m_) max_height_m_ = h;
}

std::optional<Terrain> Terrain::open(const std::string& path, const GeoBox& box, std::string& error,
                                     long max_cells) {
  register_gdal();
  CPLErrorReset();
  GDALDatasetH ds = GDALOpen(path.c_str(), GA_ReadOnly);
  if (ds == nullptr) {
    const char* msg = CPLGetLastErrorMsg();
    error = (msg != nullptr && *msg != '\0') ? msg : "not a raster GDAL can read";
    return std::nullopt;
  }
  auto t = from_dataset(ds, box, error, max_cells);
  GDALClose(ds);
  return t;
}

std::optional<Terrain> Terrain::from_dataset(GDALDatasetH dataset, const GeoBox& box, std::string& error,
                                             long max_cells) {
  register_gdal();
  if (GDALGetRasterCount(dataset) < 1) {
    error = "the raster has no band";
    return std::nullopt;
  }
  GDALDatasetH ds = dataset;
  GDALDatasetH warped = nullptr;
  if (!is_geographic(ds)) {
    OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(wgs84, 4326);
    OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER);
    char* wkt = nullptr;
    OSRExportToWkt(wgs84, &wkt);
    warped = GDALAutoCreateWarpedVRT(ds, nullptr, wkt, GRA_Bilinear, 0.125, nullptr);
    CPLFree(wkt);
    OSRDestroySpatialReference(wgs84);
    if (warped == nullptr) {
      error = "cannot reproject the raster to longitude/latitude";
      return std::nullopt;
    }
    ds = warped;
  }
  double gt[6];
  if (GDALGetGeoTransform(ds, gt) != CE_None || gt[2] != 0.0 || gt[4] != 0.0 || gt[1] <= 0.0 ||
      gt[5] >= 0.0) {
    if (warped != nullptr) GDALClose(warped);
    error = "the raster has no north-up georeference";
    return std::nullopt;
  }
  const int width = GDALGetRasterXSize(ds);
  const int height = GDALGetRasterYSize(ds);
  // The pixel window covering the box, one pixel of margin for bilinear sampling.
  const auto col = [&](double lon) { return (lon - gt[0]) / gt[1]; };
  const auto row = [&](double lat) { return (lat - gt[3]) / gt[5]; };
  const int x0 = std::clamp(static_cast<int>(std::floor(col(box.lon_min))) - 1, 0, width);
  const int x1 = std::clamp(static_cast<int>(std::ceil(col(box.lon_max))) + 1, 0, width);
  const int y0 = std::clamp(static_cast<int>(std::floor(row(box.lat_max))) - 1, 0, height);
  const int y1 = std::clamp(static_cast<int>(std::ceil(row(box.lat_min))) + 1, 0, height);
  if (x1 <= x0 || y1 <= y0) {
    if (warped != nullptr) GDALClose(warped);
    return Terrain();  // the raster does not reach the area: flat
  }
  const int wx = x1 - x0;
  const int wy = y1 - y0;
  // Decimate evenly when the window has more cells than allowed.
  const double factor =
      std::max(1.0, std::sqrt(static_cast<double>(wx) * wy / static_cast<double>(max_cells)));
  const int bx = std::max(1, static_cast<int>(wx / factor));
  const int by = std::max(1, static_cast<int>(wy / factor));
  std::vector<float> heights(static_cast<std::size_t>(bx) * by);
  GDALRasterBandH band = GDALGetRasterBand(ds, 1);
  GDALRasterIOExtraArg extra;
  INIT_RASTERIO_EXTRA_ARG(extra);
  extra.eResampleAlg = GRIORA_Bilinear;
  const CPLErr err =
      GDALRasterIOEx(band, GF_Read, x0, y0, wx, wy, heights.data(), bx, by, GDT_Float32, 0, 0, &extra);
  int has_nodata = 0;
  const double nodata = GDALGetRasterNoDataValue(band, &has_nodata);
  if (warped != nullptr) GDALClose(warped);
  if (err != CE_None) {
    error = fmt::format("cannot read the raster: {}", CPLGetLastErrorMsg());
    return std::nullopt;
  }
  for (float& h : heights) {
    if ((has_nodata != 0 && h == static_cast<float>(nodata)) || !std::isfinite(h) || h < -1000.0f ||
        h > 9000.0f)
      h = 0.0f;  // voids and fill values: sea level
  }
  const double dlon = gt[1] * wx / bx;
  const double dlat = -gt[5] * wy / by;
  return Terrain(gt[3] + y0 * gt[5], gt[0] + x0 * gt[1], dlat, dlon, by, bx, std::move(heights));
}

double Terrain::height_m(double lat_deg, double lon_deg) const {
  if (heights_.empty()) return 0.0;
  // Fractional position between cell centres.
  const double fr = (north_deg_ - lat_deg) / dlat_deg_ - 0.5;
  const double fc = (lon_deg - west_deg_) / dlon_deg_ - 0.5;
  if (!(fr >= -0.5 && fc >= -0.5 && fr <= rows_ - 0.5 && fc <= cols_ - 0.5)) return 0.0;
  const int r0 = std::clamp(static_cast<int>(std::floor(fr)), 0, rows_ - 1);
  const int c0 = std::clamp(static_cast<int>(std::floor(fc)), 0, cols_ - 1);
  const int r1 = std::min(r0 + 1, rows_ - 1);
  const int c1 = std::min(c0 + 1, cols_ - 1);
  const double wr = std::clamp(fr - r0, 0.0, 1.0);
  const double wc = std::clamp(fc - c0, 0.0, 1.0);
  const auto at = [&](int r, int c) {
    return static_cast<double>(heights_[static_cast<std::size_t>(r) * cols_ + c]);
  };
  const double top = at(r0, c0) * (1.0 - wc) + at(r0, c1) * wc;
  const double bottom = at(r1, c0) * (1.0 - wc) + at(r1, c1) * wc;
  return top * (1.0 - wr) + bottom * wr;
}

double Terrain::spacing_m() const { return heights_.empty() ? 0.0 : dlat_deg_ * kMetresPerDegree; }

GeoBox Terrain::bounds() const {
  return {north_deg_ - rows_ * dlat_deg_, north_deg_, west_deg_, west_deg_ + cols_ * dlon_deg_};
}

}  // namespace opensam::geo
