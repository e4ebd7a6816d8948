#include "opensam/threats/movers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace opensam::threats {

namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;
}  // namespace

Motion reckon(const ExternalReport& r, double t_s) {
  const double dt = t_s - r.time_s;
  return {r.position_ecef_m + r.velocity_ecef_mps * dt + 0.5 * r.acceleration_ecef_mps2 * dt * dt,
          r.velocity_ecef_mps + r.acceleration_ecef_mps2 * dt};
}

Movers::Movers(core::Engine& engine, core::EntityTable& entities, const geo::Terrain& terrain,
               MoverSettings settings, std::vector<MoverSpec> threats)
    : engine_(engine),
      entities_(entities),
      terrain_(terrain),
      settings_(std::move(settings)),
      timeline_(engine, *this) {
  threats_.reserve(threats.size());
  for (MoverSpec& s : threats) threats_.emplace_back(std::move(s));
}

void Movers::start() {
  for (std::size_t i = 0; i < threats_.size(); ++i)
    timeline_.schedule_at(threats_[i].path.start_time_s(), Start{std::uint32_t(i)});
}

std::uint32_t Movers::finish() {
  std::uint32_t flying = 0;
  for (State& t : threats_) {
    if (t.outcome) continue;
    t.outcome = Outcome::kSurvived;
    t.outcome_time_s = engine_.now_s();
    flying += t.started ? 1 : 0;
  }
  return flying;
}

void Movers::on(const Event& e) {
  if (const auto* s = std::get_if<Start>(&e)) {
    State& t = threats_[s->threat];
    t.started = true;
    engine_.publish(Appeared{t.entity, t.path.state_at(engine_.now_s()).lla});
    listen(s->threat);
    schedule_marks(s->threat, engine_.now_s());
    return;
  }
  const Mark& m = std::get<Mark>(e);
  State& t = threats_[m.threat];
  if (m.generation == t.generation && flying(m.threat)) reach_mark(m.threat, t.path.marks()[m.mark]);
}

void Movers::settle(State& t, Outcome outcome) {
  t.outcome = outcome;
  t.outcome_time_s = engine_.now_s();
  if (++settled_ == threats_.size() && settings_.stop_when_settled) engine_.stop();
}

void Movers::schedule_marks(std::uint32_t i, double from_s) {
  const State& t = threats_[i];
  const auto& marks = t.path.marks();
  for (std::size_t k = 0; k < marks.size(); ++k) {
    if (marks[k].time_s >= from_s)
      timeline_.schedule_at(marks[k].time_s, Mark{i, std::uint32_t(k), t.generation});
  }
}

void Movers::reach_mark(std::uint32_t i, const threats::Mark& mark) {
  State& t = threats_[i];
  const double now = engine_.now_s();
  const geo::Lla where = t.path.state_at(now).lla;
  if (mark.kind != MarkKind::kWaypoint) {
    engine_.publish(ThreatPhase{t.entity, mark.kind, where});
    return;
  }
  if (mark.detail + 1 < t.model.plan.route.size()) {
    engine_.publish(WaypointReached{t.entity, mark.detail, where});
    return;
  }
  if (!t.model.plan.aim_point) {
    engine_.publish(Exited{t.entity, where});
    settle(t, Outcome::kNotEngaged);
    return;
  }
  // Where it landed against its target's centre (a radar's antenna).
  const geo::Vec3 centre =
      t.arm_radar >= 0 ? emitters_->antenna_ecef(std::size_t(t.arm_radar)) : t.target_position_m;
  const double miss = (t.path.position_at(now) - centre).norm();
  if (t.target_is_site && !(t.lethal_radius_m > 0.0 && miss <= t.lethal_radius_m)) {
    engine_.publish(StrikeMissed{t.entity, t.target, miss, where});
    settle(t, Outcome::kMissed);
    return;
  }
  engine_.publish(Leaked{t.entity, t.target, miss, t.lethal_radius_m, where});
  settle(t, Outcome::kLeaked);
  // A site within the blast's radius is out of action.
  if (t.target_is_site) engine_.publish(core::DestroySite{t.target});
}

void Movers::listen_all() {
  for (std::size_t i = 0; i < threats_.size(); ++i) listen(std::uint32_t(i));
}

// An anti-radiation missile listens for its radar: when the radar falls silent (or is
// destroyed) it flies on to where its seeker last placed the radar, off by the seeker's angle
// error times the range; when the radar emits again it homes on it again.
void Movers::listen(std::uint32_t i) {
  State& t = threats_[i];
  if (t.arm_radar < 0 || !flying(i)) return;
  const auto r = std::size_t(t.arm_radar);
  const double now = engine_.now_s();
  const bool hears = emitters_->emitting(r, now);
  if (hears == t.hears) return;
  t.hears = hears;
  geo::Lla aim = emitters_->antenna(r);
  if (!hears) {
    const double range = (t.path.position_at(now) - emitters_->antenna_ecef(r)).norm();
    const double error_m = range * t.seeker_accuracy_rad;
    aim.lat_deg += t.seeker_north * error_m / geo::kMetresPerDegree;
    aim.lon_deg +=
        t.seeker_east * error_m / (geo::kMetresPerDegree * std::cos(aim.lat_deg * std::numbers::pi / 180.0));
  }
  t.model.plan.route.back().lla = aim;
  replan_now(i, hears ? MarkKind::kGuidanceRegained : MarkKind::kGuidanceLost);
}

// An aircraft held in track by an engagement radar turns away (or beams it) and changes
// altitude for a while, then resumes its route; once per flight.
void Movers::on(const HeldInTrack& m) {
  State& t = threats_[m.threat];
  if (t.external) return;  // the other simulation flies it
  if (!t.reaction || t.reacted || t.model.ballistic || !flying(m.threat)) return;
  t.reacted = true;
  const ReactionPlan& plan = *t.reaction;
  const double now = engine_.now_s();
  const auto state = t.path.state_at(now);
  double heading = m.azimuth_rad;  // away: the radar behind
  if (plan.beam) {
    const geo::Vec3 v = geo::ecef_to_enu_vector(state.lla, state.velocity_ecef_mps);
    const double now_heading = std::atan2(v.x(), v.y());
    const double left = heading - std::numbers::pi / 2.0, right = heading + std::numbers::pi / 2.0;
    heading = std::abs(std::remainder(left - now_heading, kTwoPi)) <
                      std::abs(std::remainder(right - now_heading, kTwoPi))
                  ? left
                  : right;
  }
  double altitude = std::numeric_limits<double>::quiet_NaN();
  if (plan.altitude_m) {
    const double ground = plan.altitude_agl ? terrain_.height_m(state.lla.lat_deg, state.lla.lon_deg) : 0.0;
    altitude = *plan.altitude_m + ground;
  }
  t.model.plan.manoeuvres.push_back(
      {ManoeuvreKind::kReaction, now - t.launch_s + kFlightStep_s, plan.duration_s, heading, 0.0, altitude});
  replan_now(m.threat, std::nullopt);
}

void Movers::replan_now(std::uint32_t i, std::optional<MarkKind> mark) {
  State& t = threats_[i];
  const double now = engine_.now_s();
  const std::optional<double> at =
      replan(t.path, t.model, terrain_, t.launch_s, now, settings_.duration_s, mark);
  if (!at) {
    engine_.publish(ReplanFailed{t.entity, "its route has fewer than two points"});
    return;
  }
  ++t.generation;
  schedule_marks(i, std::min(*at, now));
}

void Movers::on(const Destroyed& m) { settle(threats_[index_of(m.threat)], Outcome::kKilled); }

std::uint32_t Movers::index_of(EntityIndex entity) const {
  for (std::size_t i = 0; i < threats_.size(); ++i) {
    if (threats_[i].entity == entity) return std::uint32_t(i);
  }
  OPENSAM_ASSERT(false);
  return 0;
}

int Movers::nearest(const geo::Vec3& p_m, double gate_m) const {
  int best = -1;
  double best_d = gate_m;
  for (std::size_t i = 0; i < threats_.size(); ++i) {
    if (!flying(i)) continue;
    const double d = (threats_[i].path.position_at(engine_.now_s()) - p_m).norm();
    if (d < best_d) best_d = d, best = int(i);
  }
  return best;
}

Movers::State* Movers::find_external(std::uint64_t key) {
  const auto it = std::find(external_keys_.begin(), external_keys_.end(), key);
  if (it == external_keys_.end()) return nullptr;
  return &threats_[external_index_[std::size_t(it - external_keys_.begin())]];
}

void Movers::on(const ExternalReport& r) {
  State* t = find_external(r.key);
  if (t == nullptr) {
    add_external(r);
    return;
  }
  if (!(t->started && !t->outcome)) return;
  t->report = r;
  redo_external(*t, std::max(r.time_s, engine_.now_s()));
}

void Movers::on(const ExternalLost& m) {
  State* t = find_external(m.key);
  if (t == nullptr || !(t->started && !t->outcome)) return;
  engine_.publish(Exited{t->entity, t->path.state_at(engine_.now_s()).lla});
  settle(*t, Outcome::kNotEngaged);
}

void Movers::on(const ReckonExternals&) {
  const double now = engine_.now_s();
  for (State& t : threats_) {
    if (t.external && t.started && !t.outcome && t.path.end_time_s() < now + kExternalLookahead_s)
      redo_external(t, t.path.end_time_s());
  }
}

// Replaces an external entity's path from `from_s` on by its dead reckoning, to the lookahead.
void Movers::redo_external(State& t, double from_s) {
  const double until = engine_.now_s() + kExternalLookahead_s;
  const std::size_t i = t.path.sample_at_or_after(from_s);
  if (i < t.path.size()) {
    Trajectory tail(t.path.sample_time_s(i), kFlightStep_s);
    for (double ts = tail.start_time_s(); tail.empty() || ts <= until; ts += kFlightStep_s) {
      const Motion m = reckon(t.report, ts);
      tail.push(m.position_ecef_m, m.velocity_ecef_mps);
    }
    t.path.splice(i, tail);
    return;
  }
  for (std::size_t k = t.path.size();; ++k) {
    const double ts = t.path.start_time_s() + double(k) * kFlightStep_s;
    if (ts > until && !t.path.empty()) break;
    const Motion m = reckon(t.report, ts);
    t.path.push(m.position_ecef_m, m.velocity_ecef_mps);
  }
}

// An entity of another simulation becomes a threat of this run, of the scenario's external type.
void Movers::add_external(const ExternalReport& r) {
  const double now = engine_.now_s();
  const EntityIndex entity = entities_.add({r.name, core::EntityKind::kThreat, settings_.external_type});
  State st;
  st.entity = entity;
  st.external = true;
  st.report = r;
  st.path = Trajectory(now, kFlightStep_s);
  st.launch_s = now;
  st.started = true;
  st.vulnerability = settings_.external_vulnerability;
  redo_external(st, now);
  const std::uint32_t index = std::uint32_t(threats_.size());
  threats_.push_back(std::move(st));
  external_keys_.push_back(r.key);
  external_index_.push_back(index);
  engine_.publish(ExternalAdded{index, entity, r.key, r.name});
  engine_.publish(Appeared{entity, threats_.back().path.state_at(now).lla});
}

}  // namespace opensam::threats
