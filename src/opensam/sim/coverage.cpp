#include "opensam/sim/coverage.hpp"

#include <tbb/parallel_for.h>

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>
#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>

#include "opensam/sim/radar.hpp"

namespace opensam::sim {

using core::kNoEntity;
using sensors::LookBudget;
using sensors::Signature;
using sensors::TargetView;

namespace {
constexpr int kAzimuthBins = 360;
constexpr double kLowestPd = 0.01;
}  // namespace

CoverageGrid compute_coverage(const scenario::Scenario& sc, const geo::Terrain& terrain,
                              const CoverageRequest& request) {
  CoverageGrid g;
  std::vector<std::unique_ptr<Radar>> radars;
  for (std::size_t i : request.sites) {
    radars.push_back(make_radar(sc, i, terrain, sc.seed, 0));
    const geo::Lla& antenna = radars.back()->antenna();
    const sensors::RadarParameters& p = radars.back()->type().parameters;
    // Nothing beyond the range where even the peak of two-ray lobing (F = 1 + rho, SNR x F^4)
    // leaves the single-look Pd under 1 %: the grid stops there.
    const double reach_m =
        (1.0 + sc.environment.reflection) *
        sensors::range_for_snr_m(p, request.rcs_m2, sensors::required_snr(p, kLowestPd, request.swerling));
    g.radars.push_back({antenna.lat_deg, antenna.lon_deg, std::min(p.instrumented_range_m, reach_m)});
  }
  if (radars.empty()) return g;
  // The box around every radar's instrumented range.
  double north = -90.0, south = 90.0, west = 180.0, east = -180.0;
  double lat_sum = 0.0;
  for (const auto& r : g.radars) {
    const double dlat = r.max_range_m / geo::kMetresPerDegree;
    const double dlon = dlat / std::max(0.05, std::cos(r.lat_deg * std::numbers::pi / 180.0));
    north = std::max(north, std::min(89.0, r.lat_deg + dlat));
    south = std::min(south, std::max(-89.0, r.lat_deg - dlat));
    west = std::min(west, r.lon_deg - dlon);
    east = std::max(east, r.lon_deg + dlon);
    lat_sum += r.lat_deg;
  }
  const double mid_lat = lat_sum / static_cast<double>(g.radars.size());
  g.dlat_deg = request.resolution_m / geo::kMetresPerDegree;
  g.dlon_deg = g.dlat_deg / std::max(0.05, std::cos(mid_lat * std::numbers::pi / 180.0));
  g.north_deg = north;
  g.west_deg = west;
  g.rows = std::max(1, static_cast<int>(std::ceil((north - south) / g.dlat_deg)));
  g.cols = std::max(1, static_cast<int>(std::ceil((east - west) / g.dlon_deg)));
  const std::size_t cells = static_cast<std::size_t>(g.rows) * g.cols;
  g.pd.assign(cells, 0.0f);
  g.height.assign(cells, 0.0f);

  Signature sig;
  sig.rcs = sensors::RcsModel(request.rcs_m2);
  sig.swerling = request.swerling;
  tbb::parallel_for(0, g.rows, [&](int row) {
    const double lat = g.north_deg - (row + 0.5) * g.dlat_deg;
    for (int col = 0; col < g.cols; ++col) {
      const double lon = g.west_deg + (col + 0.5) * g.dlon_deg;
      const double ground = terrain.height_m(lat, lon);
      const std::size_t cell = static_cast<std::size_t>(row) * g.cols + col;
      g.height[cell] = static_cast<float>(ground);
      const geo::Lla where{lat, lon, request.altitude_m + (request.agl ? ground : 0.0)};
      if (where.alt_m < ground) continue;  // inside the terrain
      const geo::Vec3 ecef = geo::lla_to_ecef(where);
      double miss = 1.0;
      for (std::size_t r = 0; r < radars.size(); ++r) {
        const TargetView t{kNoEntity, ecef, geo::Vec3::Zero(), where, &sig};
        const LookBudget b = radars[r]->budget(t, {});
        if (!b.in_coverage) continue;
        miss *= 1.0 - b.pd;
      }
      g.pd[cell] = static_cast<float>(1.0 - miss);
    }
  });
  // Serial reductions in a fixed order: the same sums whatever the thread count.
  for (std::size_t cell = 0; cell < cells; ++cell) {
    if (g.pd[cell] >= request.pd) {
      const double lat = g.north_deg - (static_cast<double>(cell / g.cols) + 0.5) * g.dlat_deg;
      g.area_km2 += (g.dlat_deg * geo::kMetresPerDegree) *
                    (g.dlon_deg * geo::kMetresPerDegree * std::cos(lat * std::numbers::pi / 180.0)) / 1e6;
    }
  }
  // Reach: along the ray of each one-degree azimuth, in steps of the grid's resolution, the
  // farthest point covered. Rays, not grid cells: near the radar a degree is narrower than a
  // cell, and a direction would hold no cell at all.
  for (const auto& radar : radars) {
    const geo::Lla& antenna = radar->antenna();
    const double max_range = g.radars[std::size_t(&radar - radars.data())].max_range_m;
    std::vector<double> per_azimuth(kAzimuthBins, 0.0);
    tbb::parallel_for(0, kAzimuthBins, [&](int bin) {
      const GeographicLib::GeodesicLine line(GeographicLib::Geodesic::WGS84(), antenna.lat_deg,
                                             antenna.lon_deg, (bin + 0.5) * 360.0 / kAzimuthBins);
      for (double s = request.resolution_m; s <= max_range; s += request.resolution_m) {
        double lat = 0.0;
        double lon = 0.0;
        line.Position(s, lat, lon);
        const double ground = terrain.height_m(lat, lon);
        const geo::Lla where{lat, lon, request.altitude_m + (request.agl ? ground : 0.0)};
        if (where.alt_m < ground) continue;
        const TargetView t{kNoEntity, geo::lla_to_ecef(where), geo::Vec3::Zero(), where, &sig};
        if (radar->budget(t, {}).pd >= request.pd) per_azimuth[bin] = s;
      }
    });
    g.reach.push_back({radar->id(), *std::max_element(per_azimuth.begin(), per_azimuth.end()),
                       *std::min_element(per_azimuth.begin(), per_azimuth.end())});
  }
  return g;
}

}  // namespace opensam::sim
