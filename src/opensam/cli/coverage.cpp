// `opensam coverage`: a GeoTIFF and a PNG of single-look Pd, and a JSON summary.
#include "opensam/cli/coverage.hpp"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "opensam/cli/commands.hpp"
#include "opensam/cli/flags.hpp"
#include "opensam/core/text.hpp"
#include "opensam/core/units.hpp"
#include "opensam/output/raster.hpp"
#include "opensam/sim/coverage.hpp"
#include "opensam/sim/radar.hpp"

namespace opensam::cli {

namespace {

int fail(const std::string& message) {
  std::cerr << "opensam coverage: " << message << "\n";
  return kExitBadInput;
}

double round_to(double v, double step) { return std::round(v / step) * step; }

}  // namespace

void add_coverage(CLI::App& app, CoverageArgs& a) {
  auto* c = app.add_subcommand("coverage", "Map where the radars detect a target at an altitude");
  c->add_option("file", a.file, "Scenario file (YAML)")->required();
  c->add_option("--rcs", a.rcs, "Radar cross section of the target (\"0.01 m2\", \"-20 dBsm\")")->required();
  c->add_option("--alt", a.alt, "Altitude of the target (MSL, or AGL with --agl)")->required();
  c->add_flag("--agl", a.agl, "Altitude above the terrain");
  c->add_option("--pd", a.pd, "Single-look Pd that counts as covered (default 0.5)");
  c->add_option("--radar", a.radar, "Only this radar site (default: every radar)");
  c->add_option("--resolution", a.resolution, "Grid spacing (default 1 km)");
  c->add_option("--swerling", a.swerling, "Swerling case of the target, 0-4 (default 1)");
  c->add_option("--out", a.out, "GeoTIFF to write; the PNG goes beside it")->required();
  c->footer(R"(
Examples:
  opensam coverage examples/demo.yaml --rcs "0.1 m2" --alt "50 m" --agl --out cov.tif
  opensam coverage examples/demo.yaml --rcs "-23 dBsm" --alt "10 km" --radar acq --out f35.tif

Writes OUT (Float32 GeoTIFF of single-look Pd, EPSG:4326) and OUT with .png (hillshaded
terrain, coverage in green, its outline in blue, 100 km rings in red); prints a JSON summary
with max_range_m and min_range_m (farthest covered ground range over azimuth, largest and
smallest) and area_km2.)");
  a.command = c;
}

int coverage_command(const CoverageArgs& a) {
  FlagValues flags;
  const auto rcs = flags.value("--rcs", a.rcs, core::Dimension::kArea, 0.0, 1e6, true);
  const auto pd = flags.value("--pd", a.pd, core::Dimension::kNumber, 0.0, 0.999999, true);
  const auto resolution =
      flags.value("--resolution", a.resolution, core::Dimension::kLength, 10.0, 100e3, true);
  const auto alt = flags.value("--alt", a.alt, core::Dimension::kLength, -1e300, 1e300);
  const auto swerling = flags.swerling(a.swerling);
  if (!flags.error.empty()) return fail(flags.error);

  auto loaded = scenario::load(a.file);
  if (!loaded.ok()) {
    std::cerr << loaded.errors.str();
    std::cerr << fmt::format("{}: {} error{}\n", a.file, loaded.errors.size(),
                             loaded.errors.size() == 1 ? "" : "s");
    return kExitBadInput;
  }
  const scenario::Scenario& sc = loaded.scenario;
  sim::CoverageRequest req;
  req.rcs_m2 = *rcs;
  req.swerling = *swerling;
  req.altitude_m = *alt;
  req.agl = a.agl;
  req.pd = *pd;
  req.resolution_m = *resolution;
  std::vector<std::string_view> radar_ids;
  for (std::size_t i = 0; i < sc.sites.size(); ++i) {
    if (sc.site_types.at(sc.sites[i].type).kind != scenario::SiteKind::kRadar) continue;
    radar_ids.push_back(sc.sites[i].id);
    if (a.radar.empty() || sc.sites[i].id == a.radar) req.sites.push_back(i);
  }
  if (req.sites.empty()) {
    if (a.radar.empty()) return fail(fmt::format("'{}' has no radar", a.file));
    std::string msg = fmt::format("--radar: no radar site '{}' in '{}'", a.radar, a.file);
    if (auto near = core::closest_match(a.radar, radar_ids))
      msg += fmt::format(" (did you mean '{}'?)", *near);
    return fail(msg);
  }
  const double max_range = [&] {
    double m = 0.0;
    for (std::size_t i : req.sites)
      m = std::max(m, sc.site_types.at(sc.sites[i].type).radar.radar.parameters.instrumented_range_m);
    return m;
  }();
  const double cells =
      std::pow(2.0 * max_range / req.resolution_m, 2.0) * static_cast<double>(req.sites.size());
  if (cells > 4e8) return fail(fmt::format("--resolution: {} cells; use a coarser grid", cells));

  geo::Terrain terrain;
  try {
    terrain = sim::scenario_terrain(sc);
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  const sim::CoverageGrid grid = sim::compute_coverage(sc, terrain, req);
  std::filesystem::path png(a.out);
  png.replace_extension(".png");
  if (auto e = output::write_coverage_geotiff(a.out, grid); !e.empty()) {
    std::cerr << "opensam coverage: " << e << "\n";
    return kExitFailure;
  }
  if (auto e = output::write_coverage_png(png.string(), grid, req.pd); !e.empty()) {
    std::filesystem::remove(a.out);
    std::cerr << "opensam coverage: " << e << "\n";
    return kExitFailure;
  }
  nlohmann::ordered_json j;
  const sim::RadarReach& first = grid.reach.front();
  j["max_range_m"] = round_to(first.max_range_m, 1.0);
  j["min_range_m"] = round_to(first.min_range_m, 1.0);
  j["area_km2"] = round_to(grid.area_km2, 0.1);
  j["radar"] = first.id;
  j["radars"] = nlohmann::ordered_json::array();
  for (const auto& r : grid.reach) {
    j["radars"].push_back({{"id", r.id},
                           {"max_range_m", round_to(r.max_range_m, 1.0)},
                           {"min_range_m", round_to(r.min_range_m, 1.0)}});
  }
  j["pd"] = req.pd;
  j["rcs_m2"] = req.rcs_m2;
  j["altitude_m"] = req.altitude_m;
  j["agl"] = req.agl;
  j["resolution_m"] = req.resolution_m;
  j["rows"] = grid.rows;
  j["cols"] = grid.cols;
  j["geotiff"] = a.out;
  j["png"] = png.string();
  std::cout << j.dump(2) << "\n";
  return kExitOk;
}

}  // namespace opensam::cli
