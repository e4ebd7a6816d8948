#include "opensam/threats/flight_model.hpp"

namespace opensam::threats {

Trajectory plan_flight(const FlightModel& model, const geo::Terrain& terrain, double launch_time_s,
                       double end_time_s) {
  if (model.ballistic) {
    return fly_ballistic(model.missile, model.plan.route.front().lla, model.plan.route.back().lla,
                         launch_time_s, kFlightStep_s, end_time_s);
  }
  return fly(model.plan, model.perf, terrain, start_of(model.plan, launch_time_s), kFlightStep_s, end_time_s);
}

std::optional<double> arrival_time_s(const Trajectory& path, const FlightModel& model) {
  for (const Mark& m : path.marks()) {
    if (m.kind == MarkKind::kWaypoint && m.detail + 1 == model.plan.route.size()) return m.time_s;
  }
  return std::nullopt;
}

Trajectory plan_arrival(const FlightModel& model, const geo::Terrain& terrain, double arrival_s,
                        double delay_s, double end_time_s) {
  // Manoeuvres are timed from launch, so the flight is the same whenever it launches.
  Trajectory path = plan_flight(model, terrain, 0.0, arrival_s + kFlightStep_s);
  const std::optional<double> took_s = arrival_time_s(path, model);
  if (!took_s || *took_s > arrival_s) return plan_flight(model, terrain, delay_s, end_time_s);
  path.shift(arrival_s - *took_s + delay_s);
  return path;
}

std::optional<double> replan(Trajectory& path, const FlightModel& model, const geo::Terrain& terrain,
                             double launch_time_s, double now_s, double end_time_s,
                             std::optional<MarkKind> mark) {
  if (model.plan.route.size() < 2) return std::nullopt;  // nothing to fly to
  const std::size_t k = path.sample_at_or_after(now_s);
  if (k + 1 >= path.size()) return path.end_time_s();  // too late to change anything
  const double at = path.sample_time_s(k);
  // The route point being flown to: one past the last one reached.
  std::size_t next = 1;
  for (const Mark& m : path.marks()) {
    if (m.kind == MarkKind::kWaypoint && m.time_s < at) next = std::max<std::size_t>(next, m.detail + 1);
  }
  next = std::min(next, model.plan.route.size() - 1);
  const KinematicState state{geo::ecef_to_lla(path.sample_position(k)), path.sample_position(k),
                             path.sample_velocity(k)};
  Trajectory tail = fly(model.plan, model.perf, terrain, resume_from(state, at, launch_time_s, next),
                        kFlightStep_s, end_time_s);
  if (mark) tail.mark(at, *mark);
  path.splice(k, tail);
  return at;
}

}  // namespace opensam::threats
