#pragma once
/// @file Windows of simulation time, such as a radar's scheduled silences.

#include <algorithm>
#include <span>

namespace opensam::core {

/// A time window [from, to) in simulation seconds.
struct TimeWindow {
  double from_s = 0.0;
  double to_s = 0.0;
};

/// Whether `time_s` falls in one of `windows`.
[[nodiscard]] inline bool inside(std::span<const TimeWindow> windows, double time_s) {
  return std::any_of(windows.begin(), windows.end(),
                     [&](const TimeWindow& w) { return time_s >= w.from_s && time_s < w.to_s; });
}

}  // namespace opensam::core
