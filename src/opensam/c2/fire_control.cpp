#include "opensam/c2/fire_control.hpp"

#include <algorithm>
#include <cmath>

#include "opensam/c2/events.hpp"

namespace opensam::c2 {

FireControl::FireControl(core::Engine& engine, CommandPost command, const AirPicture& picture,
                         const Equipment& equipment, const geo::Terrain& terrain,
                         std::vector<FireUnit> launchers, std::vector<core::EntityIndex> radar_sites)
    : engine_(engine),
      command_(std::move(command)),
      picture_(picture),
      equipment_(equipment),
      terrain_(terrain),
      timeline_(engine, *this),
      launchers_(std::move(launchers)),
      radar_sites_(std::move(radar_sites)) {
  command_.use_map(terrain_);
}

void FireControl::on(const weapons::LauncherStatus& m) {
  LauncherUnit& u = launchers_[std::size_t(m.launcher)].unit;
  u.rounds = m.rounds;
  u.ready_s = m.ready_s;
}

void FireControl::on(const weapons::ShotEnded& m) {
  command_.missile_ended(m.track, m.radar, engine_.now_s());
}

void FireControl::on(const weapons::LaunchAborted& m) { command_.missile_cancelled(m.track, m.radar); }

// The command post's cycle on the picture just updated: identify, assess, assign, and send the
// missiles in flight their tracks.
void FireControl::on(const PictureUpdated& m) {
  const double now = m.time_s;
  views_.clear();
  iff_.clear();
  for (const PictureTrack& c : m.tracks) {
    const tracking::Track& t = *c.track;
    TrackView v;
    v.id = t.id;
    v.position_m = c.ecef;
    v.velocity_mps = m.frame->vector_to_ecef(c.state.velocity);
    v.altitude_m = c.lla.alt_m;
    // The command post's map of the ground (the scenario's terrain) under the estimate.
    v.height_m = c.lla.alt_m - terrain_.height_m(c.lla.lat_deg, c.lla.lon_deg);
    v.sigma_m = c.state.position_sigma_m();
    v.updated_s = t.time_s;
    v.held_by = c.held_by;
    v.strobed_by = c.strobed_by;
    views_.push_back(v);
    iff_.push_back(equipment_.answers_iff(v));
  }
  for (std::size_t r = 0; r < radar_sites_.size(); ++r)
    command_.set_radar_up(int(r), equipment_.radar_up(int(r), now));
  units_.clear();
  for (const FireUnit& l : launchers_) units_.push_back(l.unit);
  const Decisions& d = command_.decide(now, views_, iff_, units_);
  for (const Evaluation& e : d.identified) {
    const auto it =
        std::find_if(views_.begin(), views_.end(), [&](const TrackView& v) { return v.id == e.track; });
    const bool friend_ = iff_[std::size_t(it - views_.begin())];
    engine_.publish(
        Identified{e.track, e.type, friend_ ? Identity::kFriend : Identity::kUnknown, e.time_to_asset_s});
  }
  for (const Assessment& a : d.assessments) engine_.publish(KillAssessed{a.track, a.killed});
  for (const Silence& q : d.silences) engine_.publish(q);
  for (const NotEngaged& n : d.not_engaged) engine_.publish(n);
  for (const Order& o : d.orders) order(o, now);
  uplink(now);
}

void FireControl::order(const Order& o, double now_s) {
  const FireUnit& l = launchers_[std::size_t(o.launcher)];
  if (o.reengagement) engine_.publish(ReEngaged{o.track});
  engine_.publish(Assigned{o.track, l.site, radar_sites_[std::size_t(o.radar)], std::uint32_t(o.missiles),
                           o.pk, o.time_of_flight_s, o.on_strobes});
  const double first = std::max(now_s, l.unit.ready_s) + l.unit.reaction_s;
  for (int k = 0; k < o.missiles; ++k)
    timeline_.schedule_at(first + k * l.ripple_s, LaunchDue{o.track, o.launcher, o.radar});
  engine_.publish(weapons::Commit{o.launcher, o.missiles, first + o.missiles * l.ripple_s});
}

std::optional<weapons::TargetEstimate> FireControl::guidance(std::uint64_t track, int radar, double now_s,
                                                             bool home_on_jam) const {
  if (!equipment_.radar_up(radar, now_s)) return std::nullopt;
  return picture_.estimate(track, radar, now_s, home_on_jam);
}

void FireControl::uplink(double now_s) {
  uplinks_.clear();
  command_.for_each_engagement_in_flight([&](std::uint64_t track, int radar, bool home_on_jam) {
    if (const auto e = guidance(track, radar, now_s, home_on_jam)) uplinks_.push_back({track, radar, *e});
  });
  engine_.publish(weapons::Uplinks{uplinks_});
}

// The track must still be held by its engagement radar on the air when the missile leaves.
void FireControl::on(const LaunchDue& e) {
  const double now = engine_.now_s();
  const int missile = launchers_[std::size_t(e.launcher)].unit.missile;
  const bool home_on_jam = command_.missiles()[std::size_t(missile)].flight.seeker.home_on_jam;
  const auto estimate = guidance(e.track, e.radar, now, home_on_jam);
  if (!estimate) {
    command_.missile_cancelled(e.track, e.radar);
    engine_.publish(weapons::Uncommit{e.launcher});
    return;
  }
  engine_.publish(weapons::Launch{e.track, e.launcher, e.radar, *estimate});
}

}  // namespace opensam::c2
