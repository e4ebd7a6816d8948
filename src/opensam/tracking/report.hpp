#pragma once
/// @file What a radar reports to the air picture: each plot and jam strobe as a measurement
/// with its sigmas (never the truth behind it), and the end of each of its scans.

#include <cstdint>

#include "opensam/tracking/types.hpp"

namespace opensam::tracking {

/// A detection of radar `radar` (its index among the picture's radars): range, azimuth,
/// elevation and range rate when measured.
struct RadarPlot {
  std::uint32_t radar;
  Detection plot;
};

/// A jam strobe of radar `radar`: azimuth and elevation.
struct RadarStrobe {
  std::uint32_t radar;
  Detection strobe;
};

/// Radar `radar` finished a rotation or search frame at `time_s`.
struct RadarScanEnd {
  std::uint32_t radar;
  double time_s;
};

}  // namespace opensam::tracking
