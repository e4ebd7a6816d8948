#include "opensam/sim/replication.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>
#include <optional>
#include <span>
#include <stdexcept>

#include "opensam/core/rng.hpp"
#include "opensam/geo/terrain.hpp"
#include "opensam/sim/air_picture.hpp"
#include "opensam/sim/event_queue.hpp"
#include "opensam/sim/radar.hpp"
#include "opensam/sim/threat_flight.hpp"
#include "opensam/tracking/metrics.hpp"

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

constexpr double kTwoPi = 2.0 * std::numbers::pi;

enum class SimEventKind : std::uint8_t {
  kThreatStart,
  kThreatMark,  ///< a threat reaches a point its flight plan marked (b: mark, c: plan generation)
  kRadarScan,   ///< a rotation or search frame begins
  kRadarLook,   ///< the beam is on a target
  kStrobeLook,  ///< the beam is on a jammer
  kFalseAlarm,  ///< a noise crossing somewhere in the coverage
  kEmission,    ///< a silence window begins (b = 0) or ends (b = 1)
  kTrackDwell,  ///< a sector radar's track dwell on a held target
  kSiteDestroyed,
  kPictureUpdate,  ///< the command post processes what its radars sent
  kTruthSample,    ///< record where every flying threat is
};

struct SimEvent {
  SimEventKind kind;
  std::uint32_t a;      ///< threat, or radar for radar events
  std::uint32_t b;      ///< mark, or threat for looks
  std::uint32_t c = 0;  ///< a threat's plan generation: marks of a replaced plan are ignored
};

struct RadarState {
  std::unique_ptr<Radar> radar;
  double phase_rad = 0.0;  ///< where each rotation starts
  core::RngStream false_alarms;
  std::vector<core::RngStream> per_threat;  ///< one detection stream per (radar, threat)
  std::vector<std::uint8_t> misses;         ///< per threat: consecutive missed track dwells
  std::vector<std::uint8_t> held;           ///< per threat: in track dwells
  int held_count = 0;
  bool destroyed = false;
};

/// Track dwells on a target end after this many misses in a row.
constexpr std::uint8_t kTrackDropMisses = 3;

struct ThreatState {
  EntityIndex entity = kNoEntity;
  EntityIndex target = kNoEntity;
  FlightModel model;
  threats::Trajectory path;
  double launch_s = 0.0;
  std::uint32_t generation = 0;
  std::optional<Outcome> outcome;
  double outcome_time_s = 0.0;
  bool started = false;
  bool reacted = false;
  // Anti-radiation missiles: the radar homed on, the seeker's error direction (north, east;
  // unit normal draws) and whether it still hears the radar.
  int arm_radar = -1;
  double seeker_north = 0.0;
  double seeker_east = 0.0;
  double seeker_accuracy_rad = 0.0;
  double lethal_radius_m = 0.0;  ///< 0 (none given): the impact does no damage
  bool hears = true;
};

class World {
 public:
  World(const scenario::Scenario& sc, const RunOptions& opt)
      : sc_(sc), opt_(opt), terrain_(scenario_terrain(sc)) {
    for (EventSink* s : opt.sinks) log_.subscribe(s);
    for (const auto& s : sc.sites) result_.entities.push_back({s.id, EntityKind::kSite, s.type});
    for (const auto& a : sc.assets) result_.entities.push_back({a.id, EntityKind::kAsset, {}});
    for (const auto& t : sc.threats) {
      const EntityIndex entity = EntityIndex(result_.entities.size());
      result_.entities.push_back({t.id, EntityKind::kThreat, t.type});
      // Each threat draws from its own stream: adding a threat never changes another's draws.
      core::RngStream start_rng(opt.seed, opt.replicate, fmt::format("threat/{}/start", t.id));
      const double delay = t.start_jitter_s > 0.0 ? start_rng.uniform(0.0, t.start_jitter_s) : 0.0;
      core::RngStream route_rng(opt.seed, opt.replicate, fmt::format("threat/{}/route", t.id));
      static const scenario::ThreatType kUntyped;  // scenarios built in code may name no type
      const auto found = sc.threat_types.find(t.type);
      const scenario::ThreatType& type = found == sc.threat_types.end() ? kUntyped : found->second;
      ThreatState st;
      st.entity = entity;
      st.model = flight_model(type, t, terrain_, route_rng);
      st.path = t.arrival_s ? plan_arrival(st.model, terrain_, *t.arrival_s, delay, sc.duration_s)
                            : plan_flight(st.model, terrain_, t.start_time_s + delay, sc.duration_s);
      st.launch_s = st.path.start_time_s();
      for (std::size_t i = 0; i < sc.assets.size(); ++i) {
        if (sc.assets[i].id == t.target) st.target = EntityIndex(sc.sites.size() + i);
      }
      for (std::size_t i = 0; t.target_is_site && i < sc.sites.size(); ++i) {
        if (sc.sites[i].id == t.target) st.target = EntityIndex(i);
      }
      if (t.target_is_site) {
        core::RngStream seeker(opt.seed, opt.replicate, fmt::format("threat/{}/seeker", t.id));
        st.seeker_north = seeker.normal(0.0, 1.0);
        st.seeker_east = seeker.normal(0.0, 1.0);
        st.seeker_accuracy_rad = figure_or(type.figures, "seeker_accuracy", 0.0);
        st.lethal_radius_m = figure_or(type.figures, "lethal_radius", 0.0);
      }
      threats_.push_back(std::move(st));
      Signature sig = signature(type);
      if (t.rcs_jitter_db > 0.0)
        sig.rcs.shift_db(core::RngStream(opt.seed, opt.replicate, fmt::format("threat/{}/rcs", t.id))
                             .normal(0.0, t.rcs_jitter_db));
      signatures_.push_back(std::move(sig));
    }
    for (std::size_t i = 0; i < sc.sites.size(); ++i) {
      const scenario::Site& site = sc.sites[i];
      const scenario::SiteType& type = sc.site_types.at(site.type);
      if (type.kind != "radar") continue;
      RadarState st{make_radar(sc, i, terrain_, opt.seed, opt.replicate),
                    0.0,
                    core::RngStream(opt.seed, opt.replicate, "radar/" + site.id + "/false_alarms"),
                    {},
                    {},
                    {},
                    0,
                    false};
      st.phase_rad =
          core::RngStream(opt.seed, opt.replicate, "radar/" + site.id + "/phase").uniform(0.0, kTwoPi);
      for (const auto& t : sc.threats)
        st.per_threat.emplace_back(opt.seed, opt.replicate, "radar/" + site.id + "/" + t.id);
      st.misses.assign(sc.threats.size(), 0);
      st.held.assign(sc.threats.size(), 0);
      radars_.push_back(std::move(st));
    }
    for (ThreatState& t : threats_) {
      for (std::size_t r = 0; r < radars_.size(); ++r) {
        if (t.target != kNoEntity && radars_[r].radar->entity() == t.target && t.model.plan.route.size() >= 2)
          t.arm_radar = int(r);
      }
    }
    build_picture();
  }

  RunResult run() {
    log_.add(0.0, RunStarted{opt_.seed, opt_.replicate});
    for (std::size_t i = 0; i < sc_.sites.size(); ++i) {
      log_.add(0.0,
               EntityCreated{EntityIndex(i), to_lla(sc_.sites[i].position, sc_.sites[i].altitude, terrain_)});
    }
    for (std::size_t i = 0; i < sc_.assets.size(); ++i) {
      log_.add(0.0, EntityCreated{EntityIndex(sc_.sites.size() + i),
                                  to_lla(sc_.assets[i].position, sc_.assets[i].altitude, terrain_)});
    }
    for (std::size_t i = 0; i < threats_.size(); ++i) {
      engine_.schedule_at(threats_[i].path.start_time_s(), {SimEventKind::kThreatStart, std::uint32_t(i), 0});
    }
    for (std::size_t i = 0; i < sc_.sites.size(); ++i) {
      if (sc_.sites[i].destroyed_at_s)
        engine_.schedule_at(*sc_.sites[i].destroyed_at_s,
                            {SimEventKind::kSiteDestroyed, std::uint32_t(i), 0});
    }
    if (picture_) engine_.schedule_at(sc_.tracker.update_interval_s, {SimEventKind::kPictureUpdate, 0, 0});
    engine_.schedule_at(0.0, {SimEventKind::kTruthSample, 0, 0});
    for (std::size_t r = 0; r < radars_.size(); ++r) {
      engine_.schedule_at(0.0, {SimEventKind::kRadarScan, std::uint32_t(r), 0});
      for (const auto& w : radars_[r].radar->silent()) {
        engine_.schedule_at(w.from_s, {SimEventKind::kEmission, std::uint32_t(r), 0});
        engine_.schedule_at(w.to_s, {SimEventKind::kEmission, std::uint32_t(r), 1});
      }
    }
    engine_.run_until(sc_.duration_s, [this](const SimEvent& e) { dispatch(e); });
    // Until every threat is settled, or the duration: whichever comes first.
    const double end = settled_ == threats_.size() ? engine_.now_s() : sc_.duration_s;
    engine_.advance_to(std::max(end, engine_.now_s()));
    // What arrived since the last update (unless the run ended on an update).
    if (result_.picture.empty() || result_.picture.back().time_s < engine_.now_s()) update_picture();

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
  /// The command post's picture: in the frame of the first command post (or of the first
  /// radar when there is none), fusing every radar.
  void build_picture() {
    if (radars_.empty()) return;
    std::vector<PictureRadar> radars;
    for (const RadarState& st : radars_) {
      const RadarType& type = st.radar->type();
      radars.push_back({st.radar->antenna(), type.measures_range_rate, type.parameters.instrumented_range_m,
                        st.radar->false_alarm_density()});
    }
    geo::Lla origin = radars.front().antenna;
    for (std::size_t i = 0; i < sc_.sites.size(); ++i) {
      if (sc_.site_types.at(sc_.sites[i].type).kind != "command_post") continue;
      origin = to_lla(sc_.sites[i].position, sc_.sites[i].altitude, terrain_);
      command_post_ = EntityIndex(i);
      break;
    }
    picture_.emplace(sc_.tracker, origin, radars);
  }

  /// The command post processes what it received, reports what changed in the picture and
  /// scores it against truth.
  void update_picture() {
    if (!picture_) return;
    const double now = engine_.now_s();
    track_events_.clear();
    picture_->update(track_events_);
    const tracking::Tracker& tracker = picture_->tracker();
    const auto& tracks = tracker.tracks();  // in id order
    const auto find = [&](std::uint64_t id) -> const tracking::Track* {
      const auto it = std::lower_bound(tracks.begin(), tracks.end(), id,
                                       [](const tracking::Track& t, std::uint64_t v) { return t.id < v; });
      return it != tracks.end() && it->id == id ? &*it : nullptr;
    };
    reported_.clear();
    for (const tracking::TrackEvent& e : track_events_) {
      // One update report per track per command-post update.
      if (e.kind == tracking::TrackEventKind::kUpdated) {
        if (std::find(reported_.begin(), reported_.end(), e.track) != reported_.end()) continue;
        reported_.push_back(e.track);
      }
      TrackReport r{e.track, e.kind, tracking::TrackStatus::kTentative};
      if (const tracking::Track* t = find(e.track)) {
        const tracking::TrackState st = tracker.state_at(*t, now);
        r.status = t->status;
        r.has_estimate = true;
        r.position_m = st.position;
        r.velocity_mps = st.velocity;
        r.sigma_m = std::sqrt(std::max(st.position_covariance.trace(), 0.0));
        r.where = picture_->frame().point_to_lla(st.position);
      }
      log_.add(now, r);
    }
    // Score: confirmed and coasting tracks against the threats flying within a live radar's
    // instrumented range and line of sight (what the radars could see, seen or not).
    truths_.clear();
    estimates_.clear();
    for (const ThreatState& t : threats_) {
      if (!flying(t)) continue;
      const auto state = t.path.state_at(now);
      const auto visible = [&](const RadarState& st) {
        if (st.destroyed) return false;
        const RadarGeometry g = st.radar->geometry(state.position_ecef_m, geo::Vec3::Zero());
        return g.range_m <= st.radar->type().parameters.instrumented_range_m &&
               st.radar->line_of_sight(g, state.lla.alt_m);
      };
      if (std::any_of(radars_.begin(), radars_.end(), visible))
        truths_.push_back(picture_->frame().point_from_ecef(state.position_ecef_m));
    }
    for (const tracking::Track& t : tracks) {
      if (t.status != tracking::TrackStatus::kTentative)
        estimates_.push_back(tracker.state_at(t, now).position);
    }
    const tracking::GospaResult g =
        tracking::gospa(truths_, estimates_, sc_.tracker.gospa_c_m, sc_.tracker.gospa_p);
    result_.picture.push_back({now, g.distance, g.localisation, std::uint32_t(truths_.size()),
                               std::uint32_t(estimates_.size()), std::uint32_t(g.missed_count),
                               std::uint32_t(g.false_count)});
  }

  void settle(ThreatState& t, Outcome outcome) {
    t.outcome = outcome;
    t.outcome_time_s = engine_.now_s();
    if (++settled_ == threats_.size()) engine_.stop();
  }

  [[nodiscard]] bool flying(const ThreatState& t) const { return t.started && !t.outcome; }

  /// Jammers on the air now; the vector is reused, no allocation once grown.
  std::span<const JammerView> jammers_now() {
    jammers_.clear();
    for (std::size_t i = 0; i < threats_.size(); ++i) {
      const Signature& sig = signatures_[i];
      if (sig.jammer_erp_w <= 0.0 || !flying(threats_[i])) continue;
      const auto state = threats_[i].path.state_at(engine_.now_s());
      jammers_.push_back(
          {threats_[i].entity, state.position_ecef_m, sig.jammer_erp_w, sig.jammer_bandwidth_hz});
    }
    return jammers_;
  }

  /// A rotation or frame begins: schedule a look at each target in reach when the beam
  /// crosses it, a strobe look at each jammer, and this scan's false alarms.
  void scan(std::uint32_t r) {
    RadarState& st = radars_[r];
    const Radar& radar = *st.radar;
    const RadarType& type = radar.type();
    const double now = engine_.now_s();
    const double period = type.scan_period_s;
    engine_.schedule_at(now + period, {SimEventKind::kRadarScan, r, 0});
    // The command post counts a scan without a detection as a miss, also when the radar is
    // silent or destroyed: its tracks then coast and drop.
    if (picture_ && now > 0.0) picture_->receive_scan_end(r, now);
    if (st.destroyed || !radar.emitting(now)) return;
    const bool rotating = type.scan == ScanKind::kRotating;
    const double start_az = rotating ? st.phase_rad : radar.facing_rad() - type.sector_width_rad / 2.0;
    const double width = rotating ? kTwoPi : type.sector_width_rad;
    // Offset into the scan at which the beam points at azimuth `az`; none outside a sector.
    auto offset = [&](double az) -> std::optional<double> {
      double d = std::fmod(az - start_az, kTwoPi);
      if (d < 0.0) d += kTwoPi;
      if (d > width) return std::nullopt;
      return period * d / width;
    };
    for (std::size_t i = 0; i < threats_.size(); ++i) {
      const ThreatState& t = threats_[i];
      if (!flying(t)) continue;
      const auto state = t.path.state_at(now);
      const RadarGeometry g = radar.geometry(state.position_ecef_m, state.velocity_ecef_mps);
      // Reach: instrumented range plus a scan's flight.
      if (g.range_m > type.parameters.instrumented_range_m + period * state.velocity_ecef_mps.norm())
        continue;
      auto when = offset(g.azimuth_rad);
      if (!when) continue;
      // Refine once with the target's azimuth at that time.
      const auto later = t.path.state_at(now + *when);
      when = offset(radar.geometry(later.position_ecef_m, later.velocity_ecef_mps).azimuth_rad);
      if (!when) continue;
      const bool jammer = signatures_[i].jammer_erp_w > 0.0;
      if (st.held[i] == 0) engine_.schedule_at(now + *when, {SimEventKind::kRadarLook, r, std::uint32_t(i)});
      if (jammer) engine_.schedule_at(now + *when, {SimEventKind::kStrobeLook, r, std::uint32_t(i)});
    }
    // False alarms: Poisson in number (cells x Pfa), uniform in time and place.
    const double expected = radar.cells_per_scan() * type.parameters.pfa;
    double t_next = now;
    while (true) {
      t_next += -std::log(1.0 - st.false_alarms.uniform()) * period / std::max(expected, 1e-300);
      if (t_next >= now + period) break;
      engine_.schedule_at(t_next, {SimEventKind::kFalseAlarm, r, 0});
    }
  }

  /// A search look, or (track = true) a track dwell on a held target.
  void look(std::uint32_t r, std::uint32_t i, bool track = false) {
    RadarState& st = radars_[r];
    ThreatState& t = threats_[i];
    const RadarType& type = st.radar->type();
    const bool can_look = flying(t) && !st.destroyed && st.radar->emitting(engine_.now_s());
    if (!can_look) {
      if (track) release(st, i);
      return;
    }
    const auto state = t.path.state_at(engine_.now_s());
    const TargetView target{t.entity, state.position_ecef_m, state.velocity_ecef_mps, state.lla,
                            &signatures_[i]};
    const auto d = st.radar->look(target, jammers_now(), st.per_threat[i]);
    if (d) {
      log_.add(engine_.now_s(), *d);
      if (picture_) picture_->receive_plot(r, plot_of(engine_.now_s(), *d));
    }
    if (type.track_revisit_s <= 0.0) return;
    // Sector radars hold what they detect in track dwells, up to their capacity; three
    // misses in a row, or the target leaving the field of view, end the dwells.
    if (track) {
      st.misses[i] = d ? 0 : static_cast<std::uint8_t>(st.misses[i] + 1);
      const double azimuth = st.radar->geometry(state.position_ecef_m, state.velocity_ecef_mps).azimuth_rad -
                             st.radar->facing_rad();
      if (st.misses[i] >= kTrackDropMisses ||
          std::abs(std::remainder(azimuth, kTwoPi)) > type.sector_width_rad / 2.0) {
        release(st, i);
        return;
      }
    } else if (d && st.held_count < type.track_capacity) {
      st.held[i] = 1;
      st.misses[i] = 0;
      ++st.held_count;
      react(i, *st.radar);
    } else {
      return;
    }
    engine_.schedule_at(engine_.now_s() + type.track_revisit_s, {SimEventKind::kTrackDwell, r, i});
  }

  static void release(RadarState& st, std::uint32_t i) {
    if (st.held[i] == 0) return;
    st.held[i] = 0;
    --st.held_count;
  }

  void destroy_site(std::uint32_t site) {
    log_.add(engine_.now_s(), SiteDestroyed{site});
    if (site == command_post_) {
      update_picture();  // the last picture; nobody fuses after that
      picture_.reset();
    }
    for (RadarState& st : radars_) {
      if (st.radar->entity() == site) st.destroyed = true;
    }
    for (std::size_t i = 0; i < threats_.size(); ++i) listen(std::uint32_t(i));
  }

  void strobe(std::uint32_t r, std::uint32_t i) {
    RadarState& st = radars_[r];
    ThreatState& t = threats_[i];
    if (!flying(t) || st.destroyed || !st.radar->emitting(engine_.now_s())) return;
    const auto state = t.path.state_at(engine_.now_s());
    const Signature& sig = signatures_[i];
    const JammerView j{t.entity, state.position_ecef_m, sig.jammer_erp_w, sig.jammer_bandwidth_hz};
    const double jnr = st.radar->mainlobe_jnr(j);
    if (jnr < st.radar->strobe_threshold()) return;
    // The strobe's bearing is measured like a monopulse angle at the jamming-to-noise ratio.
    const RadarGeometry g = st.radar->geometry(state.position_ecef_m, state.velocity_ecef_mps);
    const sensors::MeasurementSigma s =
        sensors::measurement_sigma(st.radar->type().parameters, jnr * st.radar->type().parameters.pulses);
    core::RngStream& rng = st.per_threat[i];
    double az = std::fmod(g.azimuth_rad + rng.normal(0.0, s.azimuth_rad), kTwoPi);
    if (az < 0.0) az += kTwoPi;
    const JamStrobe strobe{st.radar->entity(),
                           t.entity,
                           az,
                           g.elevation_rad + rng.normal(0.0, s.elevation_rad),
                           sensors::ratio_to_db(jnr),
                           s.azimuth_rad,
                           s.elevation_rad};
    log_.add(engine_.now_s(), strobe);
    if (picture_) picture_->receive_strobe(r, plot_of(engine_.now_s(), strobe));
  }

  void false_alarm(std::uint32_t r) {
    RadarState& st = radars_[r];
    const Radar& radar = *st.radar;
    if (st.destroyed || !radar.emitting(engine_.now_s())) return;
    const RadarType& type = radar.type();
    const bool rotating = type.scan == ScanKind::kRotating;
    const double lo = rotating ? 0.0 : radar.facing_rad() - type.sector_width_rad / 2.0;
    const Detection d = radar.false_alarm(st.false_alarms, lo, rotating ? kTwoPi : type.sector_width_rad);
    log_.add(engine_.now_s(), d);
    if (picture_) picture_->receive_plot(r, plot_of(engine_.now_s(), d));
  }

  void dispatch(const SimEvent& e) {
    switch (e.kind) {
      case SimEventKind::kRadarScan: scan(e.a); return;
      case SimEventKind::kRadarLook: look(e.a, e.b); return;
      case SimEventKind::kTrackDwell: look(e.a, e.b, true); return;
      case SimEventKind::kSiteDestroyed: destroy_site(e.a); return;
      case SimEventKind::kStrobeLook: strobe(e.a, e.b); return;
      case SimEventKind::kFalseAlarm: false_alarm(e.a); return;
      case SimEventKind::kTruthSample:
        sample_truth();
        engine_.schedule_at(engine_.now_s() + sc_.truth_interval_s, {SimEventKind::kTruthSample, 0, 0});
        return;
      case SimEventKind::kPictureUpdate:
        if (!picture_) return;
        update_picture();
        engine_.schedule_at(engine_.now_s() + sc_.tracker.update_interval_s,
                            {SimEventKind::kPictureUpdate, 0, 0});
        return;
      case SimEventKind::kEmission:
        if (!radars_[e.a].destroyed) {
          log_.add(engine_.now_s(), RadarEmission{radars_[e.a].radar->entity(), e.b == 1});
          for (std::size_t i = 0; i < threats_.size(); ++i) listen(std::uint32_t(i));
        }
        return;
      default: break;
    }
    ThreatState& t = threats_[e.a];
    if (e.kind == SimEventKind::kThreatStart) {
      t.started = true;
      log_.add(engine_.now_s(), EntityCreated{t.entity, t.path.state_at(engine_.now_s()).lla});
      listen(e.a);
      schedule_marks(e.a, engine_.now_s());
    } else if (e.kind == SimEventKind::kThreatMark && e.c == t.generation && flying(t)) {
      reach_mark(e.a, t.path.marks()[e.b]);
    }
  }

  void sample_truth() {
    const double now = engine_.now_s();
    for (const ThreatState& t : threats_) {
      if (!flying(t)) continue;
      const auto s = t.path.state_at(now);
      const geo::Vec3 v =
          geo::enu_to_ecef_rotation(s.lla.lat_deg, s.lla.lon_deg).transpose() * s.velocity_ecef_mps;
      result_.truth.push_back({now, t.entity, s.lla, v});
    }
  }

  /// Schedules the marks of a threat's current plan from `from_s` on.
  void schedule_marks(std::uint32_t i, double from_s) {
    const ThreatState& t = threats_[i];
    const auto& marks = t.path.marks();
    for (std::size_t k = 0; k < marks.size(); ++k) {
      if (marks[k].time_s >= from_s)
        engine_.schedule_at(marks[k].time_s, {SimEventKind::kThreatMark, i, std::uint32_t(k), t.generation});
    }
  }

  void reach_mark(std::uint32_t i, const threats::Mark& mark) {
    ThreatState& t = threats_[i];
    const double now = engine_.now_s();
    const geo::Lla where = t.path.state_at(now).lla;
    if (mark.kind != threats::MarkKind::kWaypoint) {
      log_.add(now, ThreatPhase{t.entity, mark.kind, where});
      return;
    }
    if (mark.detail + 1 < t.model.plan.route.size()) {
      log_.add(now, WaypointReached{t.entity, mark.detail, where});
      return;
    }
    if (!t.model.plan.aim_point) {
      log_.add(now, Exited{t.entity, where});
      settle(t, Outcome::kNotEngaged);
      return;
    }
    log_.add(now, Leaked{t.entity, t.target, where});
    settle(t, Outcome::kLeaked);
    // An anti-radiation missile destroys its radar when it falls within its lethal radius.
    if (t.arm_radar >= 0) {
      RadarState& st = radars_[std::size_t(t.arm_radar)];
      const double miss = (t.path.position_at(now) - st.radar->antenna_ecef()).norm();
      if (!st.destroyed && t.lethal_radius_m > 0.0 && miss <= t.lethal_radius_m)
        destroy_site(st.radar->entity());
    }
  }

  /// An anti-radiation missile listens for its radar: when the radar falls silent (or is
  /// destroyed) it flies on to where its seeker last placed the radar, off by the seeker's
  /// angle error times the range; when the radar emits again it homes on it again.
  void listen(std::uint32_t i) {
    ThreatState& t = threats_[i];
    if (t.arm_radar < 0 || !flying(t)) return;
    const RadarState& st = radars_[std::size_t(t.arm_radar)];
    const double now = engine_.now_s();
    const bool hears = !st.destroyed && st.radar->emitting(now);
    if (hears == t.hears) return;
    t.hears = hears;
    geo::Lla aim = st.radar->antenna();
    if (!hears) {
      const double range = (t.path.position_at(now) - st.radar->antenna_ecef()).norm();
      const double error_m = range * t.seeker_accuracy_rad;
      aim.lat_deg += t.seeker_north * error_m / geo::kMetresPerDegree;
      aim.lon_deg += t.seeker_east * error_m /
                     (geo::kMetresPerDegree * std::cos(aim.lat_deg * std::numbers::pi / 180.0));
    }
    t.model.plan.route.back().lla = aim;
    const double at = replan(t.path, t.model, terrain_, t.launch_s, now, sc_.duration_s,
                             hears ? threats::MarkKind::kGuidanceRegained : threats::MarkKind::kGuidanceLost);
    ++t.generation;
    schedule_marks(i, std::min(at, now));
  }

  /// An aircraft held in track by an engagement radar turns away (or beams it) and changes
  /// altitude for a while, then resumes its route; once per flight.
  void react(std::uint32_t i, const Radar& radar) {
    ThreatState& t = threats_[i];
    const scenario::Threat& spec = sc_.threats[i];
    if (!spec.reaction || t.reacted || t.model.ballistic || !flying(t)) return;
    t.reacted = true;
    const double now = engine_.now_s();
    const auto state = t.path.state_at(now);
    const RadarGeometry g = radar.geometry(state.position_ecef_m, state.velocity_ecef_mps);
    double heading = g.azimuth_rad;  // away: the radar behind
    if (spec.reaction->beam) {
      const geo::Vec3 v = geo::enu_to_ecef_rotation(state.lla.lat_deg, state.lla.lon_deg).transpose() *
                          state.velocity_ecef_mps;
      const double now_heading = std::atan2(v.x(), v.y());
      const double left = heading - std::numbers::pi / 2.0, right = heading + std::numbers::pi / 2.0;
      heading = std::abs(std::remainder(left - now_heading, kTwoPi)) <
                        std::abs(std::remainder(right - now_heading, kTwoPi))
                    ? left
                    : right;
    }
    const double altitude = spec.reaction->altitude
                                ? to_lla(scenario::GeoPoint{state.lla.lat_deg, state.lla.lon_deg},
                                         *spec.reaction->altitude, terrain_)
                                      .alt_m
                                : std::numeric_limits<double>::quiet_NaN();
    t.model.plan.manoeuvres.push_back({threats::ManoeuvreKind::kReaction, now - t.launch_s + kFlightStep_s,
                                       spec.reaction->duration_s, heading, 0.0, altitude});
    const double at = replan(t.path, t.model, terrain_, t.launch_s, now, sc_.duration_s, std::nullopt);
    ++t.generation;
    schedule_marks(i, std::min(at, now));
  }

  const scenario::Scenario& sc_;
  const RunOptions& opt_;
  geo::Terrain terrain_;
  Engine<SimEvent> engine_;
  EventLog log_;
  std::vector<ThreatState> threats_;
  std::vector<Signature> signatures_;  ///< per threat
  std::vector<RadarState> radars_;
  std::vector<JammerView> jammers_;
  std::optional<AirPicture> picture_;
  EntityIndex command_post_ = kNoEntity;
  std::vector<tracking::TrackEvent> track_events_;  ///< reused per update
  std::vector<std::uint64_t> reported_;
  std::vector<Eigen::Vector3d> truths_, estimates_;
  std::size_t settled_ = 0;
  RunResult result_;
};

}  // namespace

RunResult run_replication(const scenario::Scenario& scenario, const RunOptions& options) {
  World world(scenario, options);
  return world.run();
}

}  // namespace opensam::sim
