#pragma once
/// @file Parameter sweeps: `--sweep key=a,b,c` flags and the sweep points they span.

#include <optional>
#include <string>
#include <vector>

#include "opensam/montecarlo/store.hpp"

namespace opensam::montecarlo {

/// One swept key and its values, as written.
struct SweepAxis {
  std::string key;  ///< canonical key path, e.g. `raids[0].terrain_following`
  std::vector<std::string> values;
  std::string flag;  ///< the whole flag, for messages
};

/// Parses `key=a,b,c`. Values split at commas outside brackets and quotes, so a value may be a
/// YAML list (`[39.0, 33.0]`). Returns nullopt and sets `error` when it is not a sweep.
[[nodiscard]] std::optional<SweepAxis> parse_sweep(const std::string& flag, std::string& error);

/// Every combination of the axes' values, the first axis varying slowest; one point without
/// settings when there is no axis.
[[nodiscard]] std::vector<SweepPoint> sweep_points(const std::vector<SweepAxis>& axes);

}  // namespace opensam::montecarlo
