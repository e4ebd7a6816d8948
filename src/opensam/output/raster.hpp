#pragma once
/// @file Coverage maps: a GeoTIFF of single-look Pd and a PNG picture of it over hillshaded
/// terrain, with range rings and the coverage outline. Both are written to a temporary file
/// and renamed into place: never half-written.

#include <string>

#include "opensam/sim/coverage.hpp"
#include "opensam/weapons/envelope.hpp"

namespace opensam::output {

/// Float32 GeoTIFF, EPSG:4326, one band of Pd (0..1). Returns an error message, empty on success.
[[nodiscard]] std::string write_coverage_geotiff(const std::string& path, const sim::CoverageGrid& grid);

/// RGB PNG: hillshade, Pd >= `pd` in green (weaker Pd fainter), its outline in dark blue,
/// rings every 100 km around each radar in red, radars in black.
[[nodiscard]] std::string write_coverage_png(const std::string& path, const sim::CoverageGrid& grid,
                                             double pd);

/// RGBA PNG to lay over a map (a CZML rectangle, a KML GroundOverlay): transparent where Pd is
/// under 5 %, green where Pd >= `pd` (weaker Pd fainter), its outline in dark blue.
[[nodiscard]] std::string write_coverage_overlay_png(const std::string& path, const sim::CoverageGrid& grid,
                                                     double pd);

/// RGB PNG of a launch-acceptable region seen from above, the launcher at the centre and the
/// target flying down the picture (south): launch positions that lead to an intercept in
/// green, the no-escape circle in red, rings every 50 km (every 10 km under 100 km) in grey.
[[nodiscard]] std::string write_envelope_png(const std::string& path, const weapons::Envelope& envelope,
                                             const std::string& title);

}  // namespace opensam::output
