#pragma once
/// @file Typed events of a run, in time order, and the sinks that listen to them (writers,
/// later DIS and the viewer). Models emit events; they never know who listens.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "opensam/geo/frames.hpp"

namespace opensam::sim {

using EntityIndex = std::uint32_t;
inline constexpr EntityIndex kNoEntity = std::numeric_limits<EntityIndex>::max();

enum class EntityKind : std::uint8_t { kSite, kAsset, kThreat };

/// Something in the world, by the id the scenario gave it.
struct Entity {
  std::string id;
  EntityKind kind;
  std::string type;  ///< library type, empty for assets
};

[[nodiscard]] std::string_view entity_kind_name(EntityKind k);

struct RunStarted {
  std::uint64_t seed;
  std::uint64_t replicate;
};
struct EntityCreated {
  EntityIndex entity;
  geo::Lla where;
};
struct WaypointReached {
  EntityIndex threat;
  std::uint32_t waypoint;  ///< index in the resolved route
  geo::Lla where;
};
/// A threat reached its aim point.
struct Leaked {
  EntityIndex threat;
  EntityIndex target;  ///< the asset aimed at, or kNoEntity
  geo::Lla where;
};
/// A threat left the area at the end of its route.
struct Exited {
  EntityIndex threat;
  geo::Lla where;
};
struct RunEnded {
  std::uint32_t threats_flying;
};

using EventData = std::variant<RunStarted, EntityCreated, WaypointReached, Leaked, Exited, RunEnded>;

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
  [[nodiscard]] const std::vector<Event>& events() const { return events_; }

 private:
  std::vector<Event> events_;
  std::vector<EventSink*> sinks_;
};

}  // namespace opensam::sim
