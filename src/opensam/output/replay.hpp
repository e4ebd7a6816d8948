#pragma once
/// @file Replays of a run for map and globe tools: CZML for CesiumJS (the viewer) and KML 2.2
/// for Google Earth and GIS tools. Both are byte-identical for the same run.

#include <string>
#include <vector>

#include "opensam/output/scene.hpp"

namespace opensam::output {

/// scenario.czml: a document packet with the run's clock; parents "sites", "assets",
/// "threats", "interceptors", "tracks", "events" and "coverage"; sites as points, assets as
/// ground ellipses, threats, interceptors and confirmed tracks as sampled positions with
/// trails, intercept and leak markers, and each coverage overlay as an image rectangle (the first one shown).
[[nodiscard]] std::string scenario_czml(const scenario::Scenario& sc, const sim::RunResult& run,
                                        const std::vector<CoverageOverlay>& coverage);

/// scenario.kml: folders of the same objects; moving ones as gx:Track, markers with a
/// TimeStamp, coverage overlays as GroundOverlay.
[[nodiscard]] std::string scenario_kml(const scenario::Scenario& sc, const sim::RunResult& run,
                                       const std::vector<CoverageOverlay>& coverage);

}  // namespace opensam::output
