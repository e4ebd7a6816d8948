#include "opensam/sim/radar.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace opensam::sim {

geo::Lla to_lla(const scenario::GeoPoint& p, const scenario::Altitude& a, const geo::Terrain& terrain) {
  const double ground =
      a.reference == scenario::AltitudeReference::kAgl ? terrain.height_m(p.lat_deg, p.lon_deg) : 0.0;
  return {p.lat_deg, p.lon_deg, a.value_m + ground};
}

std::unique_ptr<Radar> make_radar(const scenario::Scenario& sc, std::size_t site, const geo::Terrain& terrain,
                                  std::uint64_t seed, std::uint64_t replicate,
                                  std::shared_ptr<const geo::HorizonProfile> horizon) {
  const scenario::Site& s = sc.sites[site];
  return std::make_unique<Radar>(
      core::EntityIndex(site), s.id, sc.site_types.at(s.type).radar.radar,
      to_lla(s.position, s.altitude, terrain), terrain.height_m(s.position.lat_deg, s.position.lon_deg),
      s.facing_rad, s.silent, terrain, radar_environment(sc.environment),
      core::RngStream(seed, replicate, "radar/" + s.id + "/bias"), std::move(horizon));
}

sensors::Environment radar_environment(const scenario::Environment& env) {
  return {env.k_factor, env.clutter_gamma_db, env.reflection};
}

geo::Terrain scenario_terrain(const scenario::Scenario& sc) {
  if (sc.environment.terrain_file.empty()) return {};
  geo::GeoBox box{90.0, -90.0, 180.0, -180.0};
  auto extend = [&](const scenario::GeoPoint& p, double margin_m) {
    const double dlat = margin_m / 111000.0;
    const double dlon = dlat / std::max(0.05, std::cos(p.lat_deg * std::numbers::pi / 180.0));
    box.lat_min = std::min(box.lat_min, std::max(-90.0, p.lat_deg - dlat));
    box.lat_max = std::max(box.lat_max, std::min(90.0, p.lat_deg + dlat));
    box.lon_min = std::min(box.lon_min, p.lon_deg - dlon);
    box.lon_max = std::max(box.lon_max, p.lon_deg + dlon);
  };
  for (const auto& s : sc.sites) {
    const auto& type = sc.site_types.at(s.type);
    extend(s.position, type.kind == scenario::SiteKind::kRadar
                           ? std::min(type.radar.radar.parameters.instrumented_range_m, 1.2e6)
                           : 1000.0);
  }
  for (const auto& a : sc.assets) extend(a.position, 1000.0);
  for (const auto& t : sc.threats) {
    for (const auto& w : t.route) extend(w.position, 1000.0);
  }
  std::string error;
  auto terrain = geo::Terrain::open(sc.environment.terrain_file, box, error);
  if (!terrain)
    throw std::runtime_error("cannot read terrain '" + sc.environment.terrain_file + "': " + error);
  return std::move(*terrain);
}

}  // namespace opensam::sim
