#pragma once
/// @file From library types to sensor models: a radar type's figures become
/// sensors::RadarParameters, a threat type's signature an RCS model, Swerling case and jammer.

#include <string>

#include "opensam/scenario/scenario.hpp"
#include "opensam/sensors/radar_equation.hpp"
#include "opensam/sensors/rcs.hpp"

namespace opensam::sim {

/// How a radar moves its beam.
enum class ScanKind { kRotating, kSector };

/// A radar type as the sensors see it.
struct RadarType {
  sensors::RadarParameters parameters;
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
};

using scenario::figure_or;

/// A radar type from its library figures (the loader has checked the required ones).
[[nodiscard]] RadarType radar_type(const scenario::SiteType& type);

/// What a radar sees of a threat type and whether it jams.
struct Signature {
  sensors::RcsModel rcs = sensors::RcsModel(1.0);
  sensors::Swerling swerling = sensors::Swerling::k1;
  double jammer_erp_w = 0.0;  ///< 0: no jammer
  double jammer_bandwidth_hz = 0.0;
};

[[nodiscard]] Signature signature(const scenario::ThreatType& type);

}  // namespace opensam::sim
