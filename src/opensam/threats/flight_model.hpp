#pragma once
/// @file How one threat of a run flies: its route and limits (or its ballistic missile), and its
/// flight planned from launch, to a time on target, or again from where it is when it reacts
/// (an aircraft turning away from an engagement radar, an anti-radiation missile losing its
/// radar).

#include <optional>

#include "opensam/geo/terrain.hpp"
#include "opensam/threats/ballistic.hpp"
#include "opensam/threats/flight.hpp"
#include "opensam/threats/trajectory.hpp"

namespace opensam::threats {

/// Sample interval of every threat's flight path (s).
inline constexpr double kFlightStep_s = 0.25;

struct FlightModel {
  bool ballistic = false;
  FlightPlan plan;  ///< the route (launch and aim point for ballistic missiles)
  Performance perf;
  BallisticType missile;
};

/// The whole flight from `launch_time_s` until it ends or `end_time_s`.
[[nodiscard]] Trajectory plan_flight(const FlightModel& model, const geo::Terrain& terrain,
                                     double launch_time_s, double end_time_s);

/// The time `path` reaches the last point of `model`'s route, if it does.
[[nodiscard]] std::optional<double> arrival_time_s(const Trajectory& path, const FlightModel& model);

/// The flight that reaches its last route point at `arrival_s` (time on target), then `delay_s`
/// later (start jitter); launched at `delay_s` when it cannot arrive by then launching at 0 s.
[[nodiscard]] Trajectory plan_arrival(const FlightModel& model, const geo::Terrain& terrain, double arrival_s,
                                      double delay_s, double end_time_s);

/// Flies an aerodynamic threat's plan again from the first sample at or after `now_s`,
/// replacing the rest of `path`; returns that sample's time. `mark`, when given, is noted there.
/// A plan of fewer than two route points cannot be flown: nothing changes and the result is
/// empty.
[[nodiscard]] std::optional<double> replan(Trajectory& path, const FlightModel& model,
                                           const geo::Terrain& terrain, double launch_time_s, double now_s,
                                           double end_time_s, std::optional<MarkKind> mark);

}  // namespace opensam::threats
