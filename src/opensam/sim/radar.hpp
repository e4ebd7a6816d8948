#pragma once
/// @file From a scenario's sites to radars: where a scenario point is over the terrain, the radar
/// of a site with this replicate's biases, and the terrain a scenario needs.

#include <memory>

#include "opensam/geo/terrain.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/sensors/radar.hpp"

namespace opensam::sim {

using sensors::Radar;

/// A scenario point as a geodetic position: AGL altitudes add the terrain's height there.
[[nodiscard]] geo::Lla to_lla(const scenario::GeoPoint& p, const scenario::Altitude& a,
                              const geo::Terrain& terrain);

/// The radar of site `site` of the scenario (a radar type), over `terrain`, with this
/// replicate's draws. `horizon`, when given, is its terrain horizon (see radar_horizon).
[[nodiscard]] std::unique_ptr<sensors::Radar> make_radar(
    const scenario::Scenario& sc, std::size_t site, const geo::Terrain& terrain, std::uint64_t seed,
    std::uint64_t replicate, std::shared_ptr<const geo::HorizonProfile> horizon = nullptr);

/// The scenario's environment as its radars look through it.
[[nodiscard]] sensors::Environment radar_environment(const scenario::Environment& env);

/// The terrain a scenario needs: its raster over every point of it, widened by the longest
/// radar range (flat without a raster). Throws std::runtime_error when the raster cannot be read.
[[nodiscard]] geo::Terrain scenario_terrain(const scenario::Scenario& sc);

}  // namespace opensam::sim
