#pragma once
/// @file The tracker's configuration file (`opensam track --config`), read against
/// kTrackerSection with the same file:line errors as scenarios.

#include <string>
#include <string_view>
#include <vector>

#include "opensam/core/diagnostic.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/tracking/detections_file.hpp"
#include "opensam/tracking/types.hpp"

namespace YAML {
class Node;
}

namespace opensam::scenario {

/// A sensor of a detections file: its name there, where it is, its default noise.
using TrackSensorConfig = tracking::SensorSite;

struct TrackerConfigResult {
  TrackerSettings tracker;
  std::vector<TrackSensorConfig> sensors;
  core::Diagnostics errors;
  [[nodiscard]] bool ok() const { return errors.empty(); }
};

/// The defaults of every key (what `opensam track` uses without --config).
[[nodiscard]] TrackerConfigResult default_tracker_config();
/// Reads a tracker file; `axes` (2 or 3) is the detections' spatial dimension.
[[nodiscard]] TrackerConfigResult load_tracker_config(const std::string& path, int axes);

struct ReadContext;
/// Reads a scenario's `tracker` map (3 axes, no `sensors`: a run's sensors are its radars).
void read_scenario_tracker(const ReadContext& ctx, const YAML::Node& node, TrackerSettings& out);

}  // namespace opensam::scenario
