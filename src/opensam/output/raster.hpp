#pragma once
/// @file Coverage maps: a GeoTIFF of single-look Pd and a PNG picture of it over hillshaded
/// terrain, with range rings and the coverage outline. Both are written to a temporary file
/// and renamed into place: never half-written.

#include <string>

#include "opensam/sim/coverage.hpp"

namespace opensam::output {

/// Float32 GeoTIFF, EPSG:4326, one band of Pd (0..1). Returns an error message, empty on success.
[[nodiscard]] std::string write_coverage_geotiff(const std::string& path, const sim::CoverageGrid& grid);

/// RGB PNG: hillshade, Pd >= `pd` in green (weaker Pd fainter), its outline in dark blue,
/// rings every 100 km around each radar in red, radars in black.
[[nodiscard]] std::string write_coverage_png(const std::string& path, const sim::CoverageGrid& grid,
                                             double pd);

}  // namespace opensam::output
