#pragma once
/// @file What the radars of a run tell: each detection and jam strobe with the truth behind it
/// (for analysis only: the command post receives the measurement alone, as a
/// tracking::Detection), and when a radar starts or stops emitting; and the orders they take.

#include <cstdint>
#include <limits>

#include "opensam/core/entity.hpp"
#include "opensam/geo/frames.hpp"

namespace opensam::sensors {

using core::EntityIndex;
using core::kNoEntity;

/// One detection: what the radar measured (range, angles in its own east-north-up frame,
/// range rate when it measures it) and how well. `target` names the truth behind it for
/// analysis (kNoEntity for a false alarm); models downstream must not read it.
struct Detection {
  EntityIndex radar;
  EntityIndex target;
  double snr_db;  ///< signal to noise, clutter and jamming of the dwell
  double range_m;
  double azimuth_rad;  ///< from north, clockwise
  double elevation_rad;
  double range_rate_mps;  ///< NaN when the radar does not measure it
  double sigma_range_m;
  double sigma_azimuth_rad;
  double sigma_elevation_rad;
  double sigma_range_rate_mps;  ///< NaN when not measured
  geo::Lla where;               ///< the measured position
  /// Truth behind the echo, for analysis only (NaN for a false alarm): the aspect of the radar
  /// seen from the target off its nose (azimuth, either side, 0 to 180 deg) and off its flight
  /// path (elevation, deg), and the RCS the radar saw at that aspect and band.
  float aspect_az_deg = std::numeric_limits<float>::quiet_NaN();
  float aspect_el_deg = std::numeric_limits<float>::quiet_NaN();
  float rcs_m2 = std::numeric_limits<float>::quiet_NaN();
};

/// A jammed radar's bearing-only strobe on a noise jammer.
struct JamStrobe {
  EntityIndex radar;
  EntityIndex jammer;  ///< truth, for analysis only
  double azimuth_rad;
  double elevation_rad;
  double jnr_db;  ///< jamming to noise in the main lobe
  double sigma_azimuth_rad;
  double sigma_elevation_rad;
};

/// A radar starts or stops emitting (emission control).
struct RadarEmission {
  EntityIndex radar;
  bool on;
};

/// Emission control against an anti-radiation missile: radar `radar` (index among the run's
/// radars) stops emitting until `until_s`.
struct SilenceOrder {
  int radar;
  double until_s;
};

}  // namespace opensam::sensors
