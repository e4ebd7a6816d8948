#pragma once
/// @file How each threat of a scenario flies: its type's limits and motor, its route with
/// this replicate's jitter, its scripted manoeuvres. Planned once at launch; planned again from
/// where it is when it reacts (an aircraft turning away from an engagement radar, an
/// anti-radiation missile losing its radar).

#include <optional>

#include "opensam/core/diagnostic.hpp"
#include "opensam/core/rng.hpp"
#include "opensam/geo/terrain.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/threats/ballistic.hpp"
#include "opensam/threats/flight.hpp"

namespace opensam::sim {

/// Sample interval of every threat's flight path (s).
inline constexpr double kFlightStep_s = 0.25;

struct FlightModel {
  bool ballistic = false;
  threats::FlightPlan plan;  ///< the route (launch and aim point for ballistic missiles)
  threats::Performance perf;
  threats::BallisticType missile;
};

/// The type of `threat` in `sc`; an empty type when it names none (scenarios built in code).
[[nodiscard]] const scenario::ThreatType& threat_type_of(const scenario::Scenario& sc,
                                                         const scenario::Threat& threat);

/// The flight model of `threat`, its route points moved by this replicate's jitter drawn from
/// `route_rng`.
[[nodiscard]] FlightModel flight_model(const scenario::ThreatType& type, const scenario::Threat& threat,
                                       const geo::Terrain& terrain, core::RngStream& route_rng);

/// The whole flight from `launch_time_s` until it ends or `end_time_s`.
[[nodiscard]] threats::Trajectory plan_flight(const FlightModel& model, const geo::Terrain& terrain,
                                              double launch_time_s, double end_time_s);

/// The time `path` reaches the last point of `model`'s route, if it does.
[[nodiscard]] std::optional<double> arrival_time_s(const threats::Trajectory& path, const FlightModel& model);

/// The flight that reaches its last route point at `arrival_s` (time on target), then `delay_s`
/// later (start jitter); launched at `delay_s` when it cannot arrive by then launching at 0 s.
[[nodiscard]] threats::Trajectory plan_arrival(const FlightModel& model, const geo::Terrain& terrain,
                                               double arrival_s, double delay_s, double end_time_s);

/// Flies an aerodynamic threat's plan again from the first sample at or after `now_s`,
/// replacing the rest of `path`; returns that sample's time. `mark`, when given, is noted there.
double replan(threats::Trajectory& path, const FlightModel& model, const geo::Terrain& terrain,
              double launch_time_s, double now_s, double end_time_s, std::optional<threats::MarkKind> mark);

}  // namespace opensam::sim
