#include "opensam/sim/event_log.hpp"

#include "opensam/core/names.hpp"

namespace opensam::sim {

namespace {
struct NameOf {
  std::string_view operator()(const RunStarted&) const { return "run_started"; }
  std::string_view operator()(const EntityCreated&) const { return "entity_created"; }
  std::string_view operator()(const WaypointReached&) const { return "waypoint_reached"; }
  std::string_view operator()(const Leaked&) const { return "leaked"; }
  std::string_view operator()(const StrikeMissed&) const { return "strike_missed"; }
  std::string_view operator()(const AssetDamaged&) const { return "asset_damaged"; }
  std::string_view operator()(const ThreatPhase&) const { return "threat_phase"; }
  std::string_view operator()(const Exited&) const { return "exited"; }
  std::string_view operator()(const RunEnded&) const { return "run_ended"; }
  std::string_view operator()(const SiteDestroyed&) const { return "site_destroyed"; }
  std::string_view operator()(const RadarEmission& e) const { return e.on ? "emission_on" : "emission_off"; }
  std::string_view operator()(const Detection&) const { return "detection"; }
  std::string_view operator()(const JamStrobe&) const { return "jam_strobe"; }
  std::string_view operator()(const Identified&) const { return "identified"; }
  std::string_view operator()(const Assigned&) const { return "assigned"; }
  std::string_view operator()(const ReEngaged&) const { return "re_engaged"; }
  std::string_view operator()(const NotEngaged&) const { return "not_engaged"; }
  std::string_view operator()(const Launched&) const { return "launched"; }
  std::string_view operator()(const MidcourseUpdate&) const { return "midcourse_update"; }
  std::string_view operator()(const SeekerLock&) const { return "seeker_lock"; }
  std::string_view operator()(const Intercept&) const { return "intercept"; }
  std::string_view operator()(const Killed& e) const { return e.fratricide ? "fratricide" : "killed"; }
  std::string_view operator()(const Missed&) const { return "missed"; }
  std::string_view operator()(const SelfDestructed&) const { return "self_destructed"; }
  std::string_view operator()(const GroundImpact&) const { return "ground_impact"; }
  std::string_view operator()(const KillAssessed&) const { return "kill_assessed"; }
  std::string_view operator()(const Reloaded&) const { return "reloaded"; }
  std::string_view operator()(const ReplanFailed&) const { return "replan_failed"; }
  std::string_view operator()(const TrackReport& e) const { return core::name_of(e.kind); }
};
}  // namespace

std::string_view event_name(const EventData& e) { return std::visit(NameOf{}, e); }

void EventLog::add(double time_s, EventData data) {
  events_.push_back({time_s, std::move(data)});
  for (EventSink* s : sinks_) s->on_event(events_.back());
}

template <class T>
void EventLog::hear(core::Engine& engine) {
  engine.subscribe_fn<T>([this, &engine](const T& e) { add(engine.now_s(), e); });
}

void EventLog::listen(core::Engine& engine) {
  // The events the components tell as the log writes them.
  hear<SiteDestroyed>(engine);
  hear<RadarEmission>(engine);
  hear<Detection>(engine);
  hear<JamStrobe>(engine);
  hear<TrackReport>(engine);
  hear<WaypointReached>(engine);
  hear<Leaked>(engine);
  hear<StrikeMissed>(engine);
  hear<AssetDamaged>(engine);
  hear<Exited>(engine);
  hear<ThreatPhase>(engine);
  hear<ReplanFailed>(engine);
  hear<Identified>(engine);
  hear<Assigned>(engine);
  hear<ReEngaged>(engine);
  hear<NotEngaged>(engine);
  hear<KillAssessed>(engine);
  hear<MidcourseUpdate>(engine);
  hear<SeekerLock>(engine);
  hear<Intercept>(engine);
  hear<Killed>(engine);
  hear<Missed>(engine);
  hear<SelfDestructed>(engine);
  hear<GroundImpact>(engine);
  hear<Reloaded>(engine);
  // Those it writes in its own words: a new entity, then what it did.
  engine.subscribe_fn<threats::Appeared>([this, &engine](const threats::Appeared& e) {
    add(engine.now_s(), EntityCreated{e.threat, e.where});
  });
  engine.subscribe_fn<weapons::Fired>([this, &engine](const weapons::Fired& e) {
    add(engine.now_s(), EntityCreated{e.interceptor, e.where});
    add(engine.now_s(), Launched{e.interceptor, e.launcher, e.track});
  });
}

}  // namespace opensam::sim
