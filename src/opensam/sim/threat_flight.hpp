#pragma once
/// @file From a scenario's threat to its flight model: its type's limits and motor, its route
/// with this replicate's jitter, its scripted manoeuvres.

#include <optional>

#include "opensam/core/diagnostic.hpp"
#include "opensam/core/rng.hpp"
#include "opensam/geo/terrain.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/threats/flight_model.hpp"

namespace opensam::sim {

using threats::FlightModel;
using threats::kFlightStep_s;

/// The type of `threat` in `sc`; an empty type when it names none (scenarios built in code).
[[nodiscard]] const scenario::ThreatType& threat_type_of(const scenario::Scenario& sc,
                                                         const scenario::Threat& threat);

/// The flight model of `threat`, its route points moved by this replicate's jitter drawn from
/// `route_rng`.
[[nodiscard]] FlightModel flight_model(const scenario::ThreatType& type, const scenario::Threat& threat,
                                       const geo::Terrain& terrain, core::RngStream& route_rng);

}  // namespace opensam::sim
