#pragma once
/// @file Where the scenario's radars detect a given target at a given altitude: single-look
/// Pd on a latitude/longitude grid over the terrain, from the same look physics as a run.

#include <string>
#include <vector>

#include "opensam/geo/terrain.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/sensors/detection.hpp"

namespace opensam::sim {

struct CoverageRequest {
  double rcs_m2 = 1.0;
  sensors::Swerling swerling = sensors::Swerling::k1;
  double altitude_m = 100.0;
  bool agl = false;  ///< altitude above the terrain rather than above sea level
  double pd = 0.5;   ///< the Pd that counts as covered
  double resolution_m = 1000.0;
  std::vector<std::size_t> sites;  ///< radar sites to use (indices into Scenario::sites)
};

/// Per radar, along 360 rays one degree apart (sampled at the grid's resolution): the farthest
/// covered ground range.
struct RadarReach {
  std::string id;
  double max_range_m = 0.0;  ///< over azimuth
  double min_range_m = 0.0;  ///< over azimuth (0 when some direction has no coverage)
};

struct CoverageGrid {
  double north_deg = 0.0;
  double west_deg = 0.0;
  double dlat_deg = 0.0;
  double dlon_deg = 0.0;
  int rows = 0;
  int cols = 0;
  std::vector<float> pd;      ///< combined single-look Pd of the radars, row-major, row 0 north
  std::vector<float> height;  ///< terrain height of each cell (m)
  double area_km2 = 0.0;      ///< cells with Pd >= the request's pd
  std::vector<RadarReach> reach;
  struct Site {
    double lat_deg, lon_deg, max_range_m;  ///< the reach
  };
  std::vector<Site> radars;
};

/// Computes the grid over the union of the radars' reach (rows in parallel; each cell is
/// independent, so the result does not depend on the thread count). A radar's reach is its
/// instrumented range or, when shorter, the range beyond which the single-look Pd stays under
/// 1 % even at the peak of two-ray lobing; the grid ends there.
[[nodiscard]] CoverageGrid compute_coverage(const scenario::Scenario& sc, const geo::Terrain& terrain,
                                            const CoverageRequest& request);

}  // namespace opensam::sim
