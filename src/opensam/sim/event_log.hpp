#pragma once
/// @file Typed events of a run, in time order, and the sinks that listen to them (writers,
/// later DIS and the viewer). Models emit events; they never know who listens.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "opensam/c2/types.hpp"
#include "opensam/geo/frames.hpp"
#include "opensam/threats/trajectory.hpp"
#include "opensam/tracking/types.hpp"

namespace opensam::sim {

using EntityIndex = std::uint32_t;
inline constexpr EntityIndex kNoEntity = std::numeric_limits<EntityIndex>::max();

enum class EntityKind : std::uint8_t { kSite, kAsset, kThreat, kInterceptor };

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
/// A threat reached its aim point (an anti-radiation missile: impact near its radar).
struct Leaked {
  EntityIndex threat;
  EntityIndex target;  ///< the asset or radar aimed at, or kNoEntity
  geo::Lla where;
};
/// A threat left the area at the end of its route.
struct Exited {
  EntityIndex threat;
  geo::Lla where;
};
/// A threat changes phase: burnout, apogee, pull-up, terminal, loiter, a scripted or reactive
/// manoeuvre, an anti-radiation missile losing or regaining its radar.
struct ThreatPhase {
  EntityIndex threat;
  threats::MarkKind phase;
  geo::Lla where;
};
struct RunEnded {
  std::uint32_t threats_flying;
};

/// A site element is put out of action.
struct SiteDestroyed {
  EntityIndex site;
};

/// A radar starts or stops emitting (emission control).
struct RadarEmission {
  EntityIndex radar;
  bool on;
};

/// One detection: what the radar measured (range, angles in its own east-north-up frame,
/// range rate when it measures it) and how well. `target` names the truth behind it for
/// analysis (kNoEntity for a false alarm); models downstream must not read it.
struct Detection {
  EntityIndex radar;
  EntityIndex target;
  double snr_db;  ///< signal to noise, clutter and jamming of the dwell
  double range_m;
  double azimuth_rad;  ///< from north, clockwise
  double elevation_rad;
  double range_rate_mps;  ///< NaN when the radar does not measure it
  double sigma_range_m;
  double sigma_azimuth_rad;
  double sigma_elevation_rad;
  double sigma_range_rate_mps;  ///< NaN when not measured
  geo::Lla where;               ///< the measured position
  /// Truth behind the echo, for analysis only (NaN for a false alarm): the aspect of the radar
  /// seen from the target off its nose (azimuth, either side, 0 to 180 deg) and off its flight
  /// path (elevation, deg), and the RCS the radar saw at that aspect and band.
  float aspect_az_deg = std::numeric_limits<float>::quiet_NaN();
  float aspect_el_deg = std::numeric_limits<float>::quiet_NaN();
  float rcs_m2 = std::numeric_limits<float>::quiet_NaN();
};

/// A jammed radar's bearing-only strobe on a noise jammer.
struct JamStrobe {
  EntityIndex radar;
  EntityIndex jammer;  ///< truth, for analysis only
  double azimuth_rad;
  double elevation_rad;
  double jnr_db;  ///< jamming to noise in the main lobe
  double sigma_azimuth_rad;
  double sigma_elevation_rad;
};

/// A change in the command post's air picture, with the track's estimate at the event's time
/// in the command post's east-north-up frame (no estimate when it is dropped).
struct TrackReport {
  std::uint64_t track;
  tracking::TrackEventKind kind;
  tracking::TrackStatus status;
  bool has_estimate = false;
  geo::Vec3 position_m = geo::Vec3::Zero();
  geo::Vec3 velocity_mps = geo::Vec3::Zero();
  double sigma_m = 0.0;  ///< square root of the position covariance's trace
  geo::Lla where = {};
};

/// The command post identified a new track: its class from kinematics and the IFF's answer.
struct Identified {
  std::uint64_t track;
  c2::TrackClass type;
  c2::Identity identity;
  double time_to_asset_s;  ///< infinite when not heading for an asset
};

/// The command post assigned a launcher (and the engagement radar that guides) to a track.
struct Assigned {
  std::uint64_t track;
  EntityIndex launcher;
  EntityIndex radar;
  std::uint32_t missiles;
  double pk;                ///< the command post's estimate per missile
  double time_of_flight_s;  ///< predicted
};

/// A track the command post judged missed after its engagement is engaged again.
struct ReEngaged {
  std::uint64_t track;
};

/// A candidate track the command post does not engage, and why (reported when the reason changes).
struct NotEngaged {
  std::uint64_t track;
  c2::Reason reason;
};

struct Launched {
  EntityIndex interceptor;
  EntityIndex launcher;
  std::uint64_t track;
};

/// The engagement radar sent the interceptor the track's estimate (datalink).
struct MidcourseUpdate {
  EntityIndex interceptor;
  std::uint64_t track;
};

struct SeekerLock {
  EntityIndex interceptor;
};

/// The warhead burst: the closest approach to the object near it. `target` is truth, for
/// analysis only.
struct Intercept {
  EntityIndex interceptor;
  EntityIndex target;
  double miss_m;
  geo::Lla where;
};

/// The burst destroyed it (the kill draw of the interceptor's stream).
struct Killed {
  EntityIndex threat;
  EntityIndex interceptor;
  bool fratricide;  ///< a friendly aircraft
};

/// The burst did not destroy it.
struct Missed {
  EntityIndex interceptor;
  EntityIndex target;
};

/// Out of energy, time, past its target or in the ground.
struct SelfDestructed {
  EntityIndex interceptor;
  geo::Lla where;
};

/// The command post's judgement of an engaged track: lost (killed) or still there (missed).
struct KillAssessed {
  std::uint64_t track;
  bool killed;
};

/// A transloader refilled a launcher.
struct Reloaded {
  EntityIndex launcher;
  std::uint32_t rounds;
};

using EventData = std::variant<RunStarted, EntityCreated, WaypointReached, Leaked, Exited, RunEnded,
                               SiteDestroyed, RadarEmission, Detection, JamStrobe, TrackReport, ThreatPhase,
                               Identified, Assigned, ReEngaged, NotEngaged, Launched, MidcourseUpdate,
                               SeekerLock, Intercept, Killed, Missed, SelfDestructed, KillAssessed, Reloaded>;

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
