#pragma once
/// @file The tracker's configuration file (`opensam track --config`), read against
/// kTrackerSection with the same file:line errors as scenarios.

#include <string>
#include <string_view>
#include <vector>

#include "opensam/core/diagnostic.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/tracking/types.hpp"

namespace YAML {
class Node;
}

namespace opensam::scenario {

/// A sensor of a detections file: its name there, where it is, its default noise.
struct TrackSensorConfig {
  std::string name;
  Eigen::Vector3d position_m = Eigen::Vector3d::Zero();
  double sigma_position_m = 50.0;
  double sigma_range_m = 50.0;
  double sigma_azimuth_rad = 0.0034906585;  // 0.2 deg
  double sigma_elevation_rad = 0.0034906585;
  double sigma_range_rate_mps = 2.0;
  double max_range_m = tracking::kUnlimited;
  double clutter_density = 0.0;
};

struct TrackerConfigResult {
  TrackerSettings tracker;
  std::vector<TrackSensorConfig> sensors;
  core::Diagnostics errors;
  [[nodiscard]] bool ok() const { return errors.empty(); }
};

/// The names of the `model`, `filter` and `associator` choices.

/// The defaults of every key (what `opensam track` uses without --config).
[[nodiscard]] TrackerConfigResult default_tracker_config();
/// Reads a tracker file; `axes` (2 or 3) is the detections' spatial dimension.
[[nodiscard]] TrackerConfigResult load_tracker_config(const std::string& path, int axes);

struct ReadContext;
/// Reads a scenario's `tracker` map (3 axes, no `sensors`: a run's sensors are its radars).
void read_scenario_tracker(const ReadContext& ctx, const YAML::Node& node, TrackerSettings& out);

}  // namespace opensam::scenario
