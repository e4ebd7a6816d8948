#pragma once
/// @file Terrain heights from any raster GDAL reads (GeoTIFF, SRTM .hgt, DTED, VRT mosaics),
/// held in memory as a north-up latitude/longitude grid and sampled bilinearly.

#include <optional>
#include <string>
#include <vector>

typedef void* GDALDatasetH;  // NOLINT: GDAL's own opaque handle type

namespace opensam::geo {

/// Metres per degree of latitude on a sphere of the mean Earth radius (6,371 km), for grid
/// spacings and margins.
inline constexpr double kMetresPerDegree = 111195.0;

/// A latitude/longitude box, degrees.
struct GeoBox {
  double lat_min = -90.0;
  double lat_max = 90.0;
  double lon_min = -180.0;
  double lon_max = 180.0;
};

/// Heights (m) on a regular latitude/longitude grid; 0 m (sea level) outside it and where the
/// raster has no data. An empty Terrain is flat at 0 m.
class Terrain {
 public:
  Terrain() = default;
  /// A grid of `rows` x `cols` heights, row 0 northmost; cell centres at
  /// (north_deg - (r + 0.5) dlat, west_deg + (c + 0.5) dlon).
  Terrain(double north_deg, double west_deg, double dlat_deg, double dlon_deg, int rows, int cols,
          std::vector<float> heights_m);

  /// Reads the part of the raster at `path` that covers `box` (the whole raster when it is
  /// smaller), resampled to at most `max_cells` cells. Rasters in projected coordinates are
  /// warped to WGS-84 longitude/latitude first. On failure returns nothing and sets `error`.
  static std::optional<Terrain> open(const std::string& path, const GeoBox& box, std::string& error,
                                     long max_cells = 64L << 20);
  /// The same from a dataset already open (an in-memory MEM raster, say); does not close it.
  static std::optional<Terrain> from_dataset(GDALDatasetH dataset, const GeoBox& box, std::string& error,
                                             long max_cells = 64L << 20);

  [[nodiscard]] bool empty() const { return heights_.empty(); }
  /// Bilinear height (m) at a point; 0 outside the grid.
  [[nodiscard]] double height_m(double lat_deg, double lon_deg) const;
  /// The highest height the terrain returns anywhere (0 m when flat or below sea level): no
  /// bilinear sample exceeds it.
  [[nodiscard]] double max_height_m() const { return max_height_m_; }
  /// Spacing of the grid in metres along a meridian (about 111 km per degree); 0 when empty.
  [[nodiscard]] double spacing_m() const;
  [[nodiscard]] int rows() const { return rows_; }
  [[nodiscard]] int cols() const { return cols_; }
  [[nodiscard]] GeoBox bounds() const;

 private:
  double north_deg_ = 0.0;
  double west_deg_ = 0.0;
  double dlat_deg_ = 1.0;
  double dlon_deg_ = 1.0;
  int rows_ = 0;
  int cols_ = 0;
  std::vector<float> heights_;
  double max_height_m_ = 0.0;
};

}  // namespace opensam::geo
