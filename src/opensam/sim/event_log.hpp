#pragma once
/// @file The run's log: every event the components tell, typed and in time order, and the sinks
/// that listen to it (writers, DIS, the viewer). Components publish events on the engine's bus;
/// the log hears them and never the other way round.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "opensam/c2/events.hpp"
#include "opensam/core/engine.hpp"
#include "opensam/core/entity.hpp"
#include "opensam/geo/frames.hpp"
#include "opensam/sensors/events.hpp"
#include "opensam/threats/events.hpp"
#include "opensam/weapons/events.hpp"

namespace opensam::sim {

using core::Entity;
using core::EntityIndex;
using core::EntityKind;
using core::kNoEntity;
using core::SiteDestroyed;

/// What a leaker's blast destroyed of a defended asset: the share of the asset's disc within
/// its blast radius, and that share of what was left of its value.
struct AssetDamaged {
  EntityIndex asset;
  EntityIndex threat;
  double share;
  double value_destroyed_usd;
};

struct RunStarted {
  std::uint64_t seed;
  std::uint64_t replicate;
};
struct EntityCreated {
  EntityIndex entity;
  geo::Lla where;
};
struct RunEnded {
  std::uint32_t threats_flying;
};

// The components' events, by the names the outputs know them.
using c2::Assigned;
using c2::Identified;
using c2::KillAssessed;
using c2::NotEngaged;
using c2::ReEngaged;
using c2::TrackReport;
using sensors::Detection;
using sensors::JamStrobe;
using sensors::RadarEmission;
using threats::Exited;
using threats::Leaked;
using threats::ReplanFailed;
using threats::StrikeMissed;
using threats::ThreatPhase;
using threats::WaypointReached;
using weapons::GroundImpact;
using weapons::Intercept;
using weapons::Killed;
using weapons::Launched;
using weapons::MidcourseUpdate;
using weapons::Missed;
using weapons::Reloaded;
using weapons::SeekerLock;
using weapons::SelfDestructed;

using EventData = std::variant<RunStarted, EntityCreated, WaypointReached, Leaked, Exited, RunEnded,
                               SiteDestroyed, RadarEmission, Detection, JamStrobe, TrackReport, ThreatPhase,
                               Identified, Assigned, ReEngaged, NotEngaged, Launched, MidcourseUpdate,
                               SeekerLock, Intercept, Killed, Missed, SelfDestructed, GroundImpact,
                               KillAssessed, Reloaded, ReplanFailed, StrikeMissed, AssetDamaged>;

struct Event {
  double time_s;
  EventData data;
};

/// "run_started", "entity_created", ... as written in the logs.
[[nodiscard]] std::string_view event_name(const EventData& e);

/// Listens to events as they happen.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void on_event(const Event& e) = 0;
};

/// Every event of a run, in the order they happened; forwards each to its sinks.
class EventLog {
 public:
  void add(double time_s, EventData data);
  void subscribe(EventSink* sink) { sinks_.push_back(sink); }
  /// Hears every event the components publish on `engine`'s bus, at the engine's time. Call
  /// before any component subscribes: the log comes first, then what follows from it.
  void listen(core::Engine& engine);
  [[nodiscard]] const std::vector<Event>& events() const { return events_; }
  [[nodiscard]] std::vector<Event> take() { return std::move(events_); }

 private:
  template <class T>
  void hear(core::Engine& engine);
  std::vector<Event> events_;
  std::vector<EventSink*> sinks_;
};

}  // namespace opensam::sim
