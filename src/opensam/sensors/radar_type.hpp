#pragma once
/// @file A radar type as the run uses it (its radar-equation parameters, how it scans, its
/// biases and track dwells), and what a radar sees of a target type (its signature).

#include "opensam/core/names.hpp"
#include "opensam/sensors/radar_equation.hpp"
#include "opensam/sensors/rcs.hpp"

namespace opensam::sensors {

/// How a radar moves its beam.
enum class ScanKind { kRotating, kSector };
constexpr auto names(ScanKind) {
  return std::to_array<core::Named<ScanKind>>(
      {{ScanKind::kRotating, "rotating"}, {ScanKind::kSector, "sector"}});
}

struct RadarType {
  RadarParameters parameters;
  ScanKind scan = ScanKind::kRotating;
  double scan_period_s = 10.0;
  double sector_width_rad = 6.283185307179586;
  double min_elevation_rad = -0.02;
  double max_elevation_rad = 1.4;
  double range_bias_sd_m = 0.0;
  double angle_bias_sd_rad = 0.0;
  bool measures_range_rate = false;
  int track_capacity = 0;      ///< targets held in track dwells at once (sector radars)
  double track_revisit_s = 0;  ///< time between track dwells; 0 = no track dwells
  /// Electronic protection: a sidelobe canceller takes this much off the jamming of the
  /// strongest `canceller_channels` jammers that come in through the sidelobes (none in the
  /// main lobe).
  double canceller_db = 0.0;
  int canceller_channels = 0;
  /// Electronic protection: the probability that a sidelobe blanker blanks a pulse that comes
  /// in through the sidelobes (a guard channel hears it louder than the main one); 0: none.
  /// It removes a repeater's sidelobe false targets, not noise and not the main lobe's.
  double blanker_probability = 0.0;
  /// Electronic protection: the band the radar hops over from pulse to pulse (0: fixed); a
  /// spot jammer cannot follow it and must spread over it.
  double agility_hz = 0.0;
};

/// What a radar sees of a target type and what it jams with.
struct Signature {
  RcsModel rcs = RcsModel(1.0);
  Swerling swerling = Swerling::k1;
  std::vector<JammerPod> jammers;  ///< its noise jammers; none: it does not jam
};

}  // namespace opensam::sensors
