#pragma once
/// @file From library types to sensor models: a radar type's figures become
/// sensors::RadarParameters, a threat type's signature an RCS model, Swerling case and jammer.

#include <string>

#include "opensam/scenario/scenario.hpp"
#include "opensam/sensors/radar_type.hpp"

namespace opensam::sim {

using sensors::RadarType;
using sensors::ScanKind;
using sensors::Signature;

using scenario::figure_or;

/// A radar type from its library figures (the loader has checked the required ones).
[[nodiscard]] RadarType radar_type(const scenario::SiteType& type);

/// What a radar sees of a threat type and whether it jams.
[[nodiscard]] Signature signature(const scenario::ThreatType& type);

}  // namespace opensam::sim
