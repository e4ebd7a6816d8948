#include "opensam/sim/replication.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "opensam/core/rng.hpp"
#include "opensam/sim/event_queue.hpp"
#include "opensam/threats/waypoint_route.hpp"

namespace opensam::sim {

std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::kKilled: return "killed";
    case Outcome::kLeaked: return "leaked";
    case Outcome::kNotEngaged: return "not_engaged";
    case Outcome::kSurvived: return "survived";
  }
  return "unknown";
}

namespace {

/// Height above the ellipsoid of a scenario altitude. No terrain model yet: the ground is at
/// 0 m, so AGL and MSL coincide.
double height_m(const scenario::Altitude& a) { return a.value_m; }

geo::Lla to_lla(const scenario::GeoPoint& p, const scenario::Altitude& a) {
  return {p.lat_deg, p.lon_deg, height_m(a)};
}

enum class SimEventKind : std::uint8_t { kThreatStart, kWaypointArrival };

struct SimEvent {
  SimEventKind kind;
  std::uint32_t threat;  ///< index into the world's threat list
  std::uint32_t waypoint;
};

struct ThreatState {
  EntityIndex entity;
  EntityIndex target;
  scenario::RouteEnd end;
  threats::WaypointRoute route;
  std::optional<Outcome> outcome;
  double outcome_time_s = 0.0;
  bool started = false;
};

class World {
 public:
  World(const scenario::Scenario& sc, const RunOptions& opt) : sc_(sc), opt_(opt) {
    for (EventSink* s : opt.sinks) log_.subscribe(s);
    for (const auto& s : sc.sites) result_.entities.push_back({s.id, EntityKind::kSite, s.type});
    for (const auto& a : sc.assets) result_.entities.push_back({a.id, EntityKind::kAsset, {}});
    for (const auto& t : sc.threats) {
      const EntityIndex entity = EntityIndex(result_.entities.size());
      result_.entities.push_back({t.id, EntityKind::kThreat, t.type});
      // Each threat draws from its own stream: adding a threat never changes another's draws.
      core::RngStream start_rng(opt.seed, opt.replicate, fmt::format("threat/{}/start", t.id));
      const double start =
          t.start_time_s + (t.start_jitter_s > 0.0 ? start_rng.uniform(0.0, t.start_jitter_s) : 0.0);
      std::vector<threats::RoutePoint> points;
      points.reserve(t.route.size());
      for (const auto& w : t.route) points.push_back({to_lla(w.position, w.altitude), w.speed_mps});
      EntityIndex target = kNoEntity;
      for (std::size_t i = 0; i < sc.assets.size(); ++i) {
        if (sc.assets[i].id == t.target) target = EntityIndex(sc.sites.size() + i);
      }
      threats_.push_back(
          {entity, target, t.end, threats::WaypointRoute(points, start), std::nullopt, 0.0, false});
    }
  }

  RunResult run() {
    log_.add(0.0, RunStarted{opt_.seed, opt_.replicate});
    for (std::size_t i = 0; i < sc_.sites.size(); ++i) {
      log_.add(0.0, EntityCreated{EntityIndex(i), to_lla(sc_.sites[i].position, sc_.sites[i].altitude)});
    }
    for (std::size_t i = 0; i < sc_.assets.size(); ++i) {
      log_.add(0.0, EntityCreated{EntityIndex(sc_.sites.size() + i),
                                  to_lla(sc_.assets[i].position, sc_.assets[i].altitude)});
    }
    for (std::size_t i = 0; i < threats_.size(); ++i) {
      engine_.schedule_at(threats_[i].route.start_time_s(),
                          {SimEventKind::kThreatStart, std::uint32_t(i), 0});
    }
    engine_.run_until(sc_.duration_s, [this](const SimEvent& e) { dispatch(e); });
    // Until nothing is left, or the duration: whichever comes first.
    const double end = engine_.pending_count() == 0 ? engine_.now_s() : sc_.duration_s;
    engine_.advance_to(std::max(end, engine_.now_s()));

    std::uint32_t flying = 0;
    for (auto& t : threats_) {
      if (!t.outcome) {
        t.outcome = Outcome::kSurvived;
        t.outcome_time_s = engine_.now_s();
        flying += t.started ? 1 : 0;
      }
      result_.threats.push_back({t.entity, *t.outcome, t.outcome_time_s});
    }
    log_.add(engine_.now_s(), RunEnded{flying});
    result_.seed = opt_.seed;
    result_.replicate = opt_.replicate;
    result_.end_time_s = engine_.now_s();
    result_.events = log_.events();
    return std::move(result_);
  }

 private:
  void dispatch(const SimEvent& e) {
    ThreatState& t = threats_[e.threat];
    switch (e.kind) {
      case SimEventKind::kThreatStart:
        t.started = true;
        log_.add(engine_.now_s(), EntityCreated{t.entity, t.route.state_at(engine_.now_s()).lla});
        engine_.schedule_at(t.route.arrival_time_s(1), {SimEventKind::kWaypointArrival, e.threat, 1});
        break;
      case SimEventKind::kWaypointArrival: {
        const geo::Lla where = t.route.state_at(engine_.now_s()).lla;
        const bool last = e.waypoint + 1 == t.route.point_count();
        if (!last) {
          log_.add(engine_.now_s(), WaypointReached{t.entity, e.waypoint, where});
          engine_.schedule_at(t.route.arrival_time_s(e.waypoint + 1),
                              {SimEventKind::kWaypointArrival, e.threat, e.waypoint + 1});
        } else if (t.end == scenario::RouteEnd::kAimPoint) {
          log_.add(engine_.now_s(), Leaked{t.entity, t.target, where});
          t.outcome = Outcome::kLeaked;
          t.outcome_time_s = engine_.now_s();
        } else {
          log_.add(engine_.now_s(), Exited{t.entity, where});
          t.outcome = Outcome::kNotEngaged;
          t.outcome_time_s = engine_.now_s();
        }
        break;
      }
    }
  }

  const scenario::Scenario& sc_;
  const RunOptions& opt_;
  Engine<SimEvent> engine_;
  EventLog log_;
  std::vector<ThreatState> threats_;
  RunResult result_;
};

}  // namespace

RunResult run_replication(const scenario::Scenario& scenario, const RunOptions& options) {
  World world(scenario, options);
  return world.run();
}

}  // namespace opensam::sim
