#include "opensam/sim/replication.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numbers>
#include <optional>
#include <span>
#include <stdexcept>
#include <variant>

#include "opensam/c2/command_post.hpp"
#include "opensam/core/engine.hpp"
#include "opensam/core/rng.hpp"
#include "opensam/geo/terrain.hpp"
#include "opensam/sim/air_picture.hpp"
#include "opensam/sim/prepared.hpp"
#include "opensam/sim/radar.hpp"
#include "opensam/sim/threat_flight.hpp"
#include "opensam/sim/weapon_setup.hpp"
#include "opensam/tracking/metrics.hpp"
#include "opensam/weapons/lethality.hpp"

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

std::string_view shot_result_name(ShotResult r) {
  switch (r) {
    case ShotResult::kKilled: return "killed";
    case ShotResult::kMissed: return "missed";
    case ShotResult::kSelfDestructed: return "self_destructed";
    case ShotResult::kFlying: return "flying";
  }
  return "unknown";
}

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

// The run's scheduled events, one struct each.
struct ThreatStart {
  std::uint32_t threat;
};
/// A threat reaches a point its flight plan marked (of its plan `generation`: marks of a
/// replaced plan are ignored).
struct ThreatMark {
  std::uint32_t threat;
  std::uint32_t mark;
  std::uint32_t generation;
};
/// A rotation or search frame begins.
struct RadarScan {
  std::uint32_t radar;
};
/// The beam is on a target.
struct RadarLook {
  std::uint32_t radar;
  std::uint32_t threat;
};
/// The beam is on a jammer.
struct StrobeLook {
  std::uint32_t radar;
  std::uint32_t threat;
};
/// A noise crossing somewhere in the coverage.
struct FalseAlarm {
  std::uint32_t radar;
};
/// A silence window begins (on = false) or ends.
struct EmissionWindow {
  std::uint32_t radar;
  bool on;
};
/// A sector radar's track dwell on a held target.
struct TrackDwell {
  std::uint32_t radar;
  std::uint32_t threat;
};
/// A scripted strike.
struct ScheduledStrike {
  std::uint32_t site;
};
/// The command post processes what its radars sent.
struct PictureUpdate {};
/// Record where every flying threat is.
struct TruthSample {};
/// A launcher fires a missile of an order.
struct LaunchDue {
  std::uint32_t pending;
};
/// Every flying interceptor takes a guidance step.
struct GuidanceStep {};
/// A transloader has refilled a launcher.
struct Reload {
  std::uint32_t launcher;
};
/// A radar silenced against an anti-radiation missile may emit again.
struct SilenceEnd {
  std::uint32_t radar;
};
/// The link to other simulations: movers out, entities and strikes in.
struct LiveTick {};

using SimEvent = std::variant<ThreatStart, ThreatMark, RadarScan, RadarLook, StrobeLook, FalseAlarm,
                              EmissionWindow, TrackDwell, ScheduledStrike, PictureUpdate, TruthSample,
                              LaunchDue, GuidanceStep, Reload, SilenceEnd, LiveTick>;

struct RadarState {
  std::unique_ptr<Radar> radar;
  double phase_rad = 0.0;  ///< where each rotation starts
  core::RngStream false_alarms;
  std::vector<core::RngStream> per_threat;  ///< one detection stream per (radar, threat)
  std::vector<std::uint8_t> misses;         ///< per threat: consecutive missed track dwells
  std::vector<std::uint8_t> held;           ///< per threat: in track dwells
  int held_count = 0;
  bool destroyed = false;
  double silenced_until_s = -1.0;  ///< emission control against an anti-radiation missile
};

/// Guidance step of the interceptors in a run.
constexpr double kGuidanceStep_s = 0.05;

/// A launcher in the run.
struct LauncherState {
  std::uint32_t site = 0;
  int battalion = 0;
  int missile = 0;
  int rounds = 0;
  int capacity = 0;
  int reloads = 0;
  double ready_s = 0.0;
  double reaction_s = 0.0;
  double ripple_s = 0.0;
  double reload_s = 0.0;
  geo::Vec3 position_m = geo::Vec3::Zero();
  double altitude_m = 0.0;  ///< of position_m above the ellipsoid
  int fired = 0;
  bool reloading = false;  ///< a transloader is on its way
};

/// A missile of an order waiting for its launch time.
struct PendingLaunch {
  std::uint64_t track = 0;
  int launcher = 0;
  int radar = 0;
};

/// An interceptor in flight and what it guides on.
struct Flight {
  weapons::Interceptor flyer;
  std::uint32_t shot;  ///< index into RunResult::shots
  int launcher;
  std::uint64_t track;
  int radar;
  int missile;
  int target = -1;  ///< the threat near what it guides on (for its seeker and fuze: sensors)
  weapons::TargetEstimate estimate;
  core::RngStream kill;
};

/// An entity of another simulation is dead-reckoned this far past the present, so that a scan can
/// look ahead at it as at a planned flight (longer than any scan period).
constexpr double kExternalLookahead_s = 15.0;

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
  double vulnerability = 1.0;    ///< kill probability of a burst at zero miss
  bool hears = true;
  bool external = false;    ///< an entity of another simulation, flown by its reports
  ExternalReport report{};  ///< its last report, dead-reckoned from
};

class World {
 public:
  World(const Prepared& prepared, const RunOptions& opt)
      : prepared_(prepared),
        sc_(prepared.scenario()),
        opt_(opt),
        terrain_(prepared.terrain()),
        engine_(opt.seed, opt.replicate),
        missiles_(prepared.missiles()) {
    const scenario::Scenario& sc = sc_;
    for (EventSink* s : opt.sinks) log_.subscribe(s);
    for (const auto& s : sc.sites) result_.entities.push_back({s.id, EntityKind::kSite, s.type});
    for (const auto& a : sc.assets) result_.entities.push_back({a.id, EntityKind::kAsset, {}});
    for (std::size_t k = 0; k < sc.threats.size(); ++k) {
      const scenario::Threat& t = sc.threats[k];
      const EntityIndex entity = EntityIndex(result_.entities.size());
      result_.entities.push_back({t.id, EntityKind::kThreat, t.type});
      // Each threat draws from its own stream: adding a threat never changes another's draws.
      core::RngStream start_rng(opt.seed, opt.replicate, fmt::format("threat/{}/start", t.id));
      const double delay = t.start_jitter_s > 0.0 ? start_rng.uniform(0.0, t.start_jitter_s) : 0.0;
      core::RngStream route_rng(opt.seed, opt.replicate, fmt::format("threat/{}/route", t.id));
      const scenario::ThreatType& type = threat_type_of(sc, t);
      ThreatState st;
      st.entity = entity;
      st.model = flight_model(type, t, terrain_, route_rng);
      st.path = prepared.flight(k, st.model, delay);
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
      st.vulnerability = figure_or(type.figures, "vulnerability", 1.0);
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
      RadarState st{make_radar(sc, i, terrain_, opt.seed, opt.replicate, prepared.horizon(i)),
                    0.0,
                    core::RngStream(opt.seed, opt.replicate, "radar/" + site.id + "/false_alarms"),
                    {},
                    {},
                    {},
                    0,
                    false,
                    -1.0};
      st.phase_rad =
          core::RngStream(opt.seed, opt.replicate, "radar/" + site.id + "/phase").uniform(0.0, kTwoPi);
      for (const auto& t : sc.threats)
        st.per_threat.emplace_back(opt.seed, opt.replicate, "radar/" + site.id + "/" + t.id);
      st.misses.assign(sc.threats.size(), 0);
      st.held.assign(sc.threats.size(), 0);
      radars_.push_back(std::move(st));
    }
    for (std::size_t i = 0; i < sc.sites.size(); ++i)
      site_ecef_.push_back(geo::lla_to_ecef(to_lla(sc.sites[i].position, sc.sites[i].altitude, terrain_)));
    site_down_.assign(sc.sites.size(), false);
    for (ThreatState& t : threats_) {
      for (std::size_t r = 0; r < radars_.size(); ++r) {
        if (t.target != kNoEntity && radars_[r].radar->entity() == t.target && t.model.plan.route.size() >= 2)
          t.arm_radar = int(r);
      }
    }
    build_picture();
    build_defence();
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
      timeline_.schedule_at(threats_[i].path.start_time_s(), ThreatStart{std::uint32_t(i)});
    }
    for (std::size_t i = 0; i < sc_.sites.size(); ++i) {
      if (sc_.sites[i].destroyed_at_s)
        timeline_.schedule_at(*sc_.sites[i].destroyed_at_s, ScheduledStrike{std::uint32_t(i)});
    }
    if (picture_) timeline_.schedule_at(sc_.tracker.update_interval_s, PictureUpdate{});
    if (opt_.record_truth) timeline_.schedule_at(0.0, TruthSample{});
    if (opt_.live != nullptr) timeline_.schedule_at(0.0, LiveTick{});
    for (std::size_t r = 0; r < radars_.size(); ++r) {
      timeline_.schedule_at(0.0, RadarScan{std::uint32_t(r)});
      for (const auto& w : radars_[r].radar->silent()) {
        timeline_.schedule_at(w.from_s, EmissionWindow{std::uint32_t(r), false});
        timeline_.schedule_at(w.to_s, EmissionWindow{std::uint32_t(r), true});
      }
    }
    engine_.run_until(sc_.duration_s);
    // Until every threat is settled, or the duration: whichever comes first.
    const double end = settled_ == threats_.size() || live_stopped_ ? engine_.now_s() : sc_.duration_s;
    engine_.advance_to(std::max(end, engine_.now_s()));
    // What arrived since the last update (unless the run ended on an update).
    if (result_.picture.empty() || result_.picture.back().time_s < engine_.now_s()) update_picture();

    for (const Flight& f : flights_) {
      if (f.flyer.flying()) result_.shots[f.shot].end_s = engine_.now_s();
    }
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
    // The confirmed and coasting tracks' states now, for the reports, the score and the
    // command post (each computed once).
    confirmed_.clear();
    for (const tracking::Track& t : tracks) {
      if (t.status == tracking::TrackStatus::kTentative) continue;
      const tracking::TrackState st = tracker.state_at(t, now);
      const geo::Vec3 ecef = picture_->frame().point_to_ecef(st.position);
      confirmed_.push_back({&t, st, ecef, geo::ecef_to_lla(ecef)});
    }
    reported_.clear();
    for (const tracking::TrackEvent& e : track_events_) {
      // One update report per track per command-post update.
      if (e.kind == tracking::TrackEventKind::kUpdated) {
        if (std::find(reported_.begin(), reported_.end(), e.track) != reported_.end()) continue;
        reported_.push_back(e.track);
      }
      TrackReport r{e.track, e.kind, tracking::TrackStatus::kTentative};
      if (const tracking::Track* t = find(e.track)) {
        const auto c = std::lower_bound(confirmed_.begin(), confirmed_.end(), t->id,
                                        [](const Confirmed& x, std::uint64_t v) { return x.track->id < v; });
        const bool cached = c != confirmed_.end() && c->track == t;
        const tracking::TrackState st = cached ? c->state : tracker.state_at(*t, now);
        r.status = t->status;
        r.has_estimate = true;
        r.position_m = st.position;
        r.velocity_mps = st.velocity;
        r.sigma_m = std::sqrt(std::max(st.position_covariance.trace(), 0.0));
        r.where = cached ? c->lla : picture_->frame().point_to_lla(st.position);
      }
      log_.add(now, r);
    }
    // Score: confirmed and coasting tracks against the threats flying within a live radar's
    // instrumented range and line of sight (what the radars could see, seen or not).
    truths_.clear();
    estimates_.clear();
    for (const ThreatState& t : threats_) {
      if (!flying(t)) continue;
      const geo::Vec3 position = t.path.position_at(now);
      double altitude_m = std::numeric_limits<double>::quiet_NaN();  // converted when first needed
      const auto visible = [&](const RadarState& st) {
        if (st.destroyed) return false;
        const RadarGeometry g = st.radar->geometry(position, geo::Vec3::Zero());
        if (g.range_m > st.radar->type().parameters.instrumented_range_m) return false;
        if (std::isnan(altitude_m)) altitude_m = geo::ecef_to_lla(position).alt_m;
        return st.radar->line_of_sight(g, altitude_m);
      };
      if (std::any_of(radars_.begin(), radars_.end(), visible))
        truths_.push_back(picture_->frame().point_from_ecef(position));
    }
    for (const Confirmed& c : confirmed_) estimates_.push_back(c.state.position);
    const tracking::GospaResult g =
        tracking::gospa(truths_, estimates_, sc_.tracker.gospa_c_m, sc_.tracker.gospa_p);
    result_.picture.push_back({now, g.distance, g.localisation, std::uint32_t(truths_.size()),
                               std::uint32_t(estimates_.size()), std::uint32_t(g.missed_count),
                               std::uint32_t(g.false_count)});
    if (command_) run_command_post();
  }

  void settle(ThreatState& t, Outcome outcome) {
    t.outcome = outcome;
    t.outcome_time_s = engine_.now_s();
    if (++settled_ == threats_.size() && !opt_.live_inbound) engine_.stop();
  }

  [[nodiscard]] bool flying(const ThreatState& t) const { return t.started && !t.outcome; }

  /// Jammers on the air now; the vector is reused, no allocation once grown.
  std::span<const JammerView> jammers_now() {
    jammers_.clear();
    for (std::size_t i = 0; i < threats_.size(); ++i) {
      const Signature& sig = signatures_[i];
      if (sig.jammer_erp_w <= 0.0 || !flying(threats_[i])) continue;
      const auto state = threats_[i].path.motion_at(engine_.now_s());
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
    timeline_.schedule_at(now + period, RadarScan{r});
    // The command post counts a scan without a detection as a miss, also when the radar is
    // silent or destroyed: its tracks then coast and drop.
    if (picture_ && now > 0.0) picture_->receive_scan_end(r, now);
    if (!on_air(r, now)) return;
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
      const auto state = t.path.motion_at(now);
      const RadarGeometry g = radar.geometry(state.position_ecef_m, state.velocity_ecef_mps);
      // Reach: instrumented range plus a scan's flight.
      if (g.range_m > type.parameters.instrumented_range_m + period * state.velocity_ecef_mps.norm())
        continue;
      auto when = offset(g.azimuth_rad);
      if (!when) continue;
      // Refine once with the target's azimuth at that time.
      const auto later = t.path.motion_at(now + *when);
      when = offset(radar.geometry(later.position_ecef_m, later.velocity_ecef_mps).azimuth_rad);
      if (!when) continue;
      const bool jammer = signatures_[i].jammer_erp_w > 0.0;
      if (st.held[i] == 0) timeline_.schedule_at(now + *when, RadarLook{r, std::uint32_t(i)});
      if (jammer) timeline_.schedule_at(now + *when, StrobeLook{r, std::uint32_t(i)});
    }
    // False alarms: Poisson in number (cells x Pfa), uniform in time and place.
    const double expected = radar.cells_per_scan() * type.parameters.pfa;
    double t_next = now;
    while (true) {
      t_next += -std::log(1.0 - st.false_alarms.uniform()) * period / std::max(expected, 1e-300);
      if (t_next >= now + period) break;
      timeline_.schedule_at(t_next, FalseAlarm{r});
    }
  }

  /// A search look, or (track = true) a track dwell on a held target.
  void look(std::uint32_t r, std::uint32_t i, bool track = false) {
    RadarState& st = radars_[r];
    ThreatState& t = threats_[i];
    const RadarType& type = st.radar->type();
    const bool can_look = flying(t) && on_air(r, engine_.now_s());
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
    timeline_.schedule_at(engine_.now_s() + type.track_revisit_s, TrackDwell{r, i});
  }

  static void release(RadarState& st, std::uint32_t i) {
    if (st.held[i] == 0) return;
    st.held[i] = 0;
    --st.held_count;
  }

  void destroy_site(std::uint32_t site) {
    if (site_down_[site]) return;
    site_down_[site] = true;
    log_.add(engine_.now_s(), SiteDestroyed{site});
    if (site == command_post_) {
      update_picture();  // the last picture; nobody fuses after that
      picture_.reset();
    }
    for (RadarState& st : radars_) {
      if (st.radar->entity() == site) st.destroyed = true;
    }
    for (LauncherState& l : launchers_) {
      if (l.site == site) l.rounds = l.reloads = 0;
    }
    for (std::size_t i = 0; i < threats_.size(); ++i) listen(std::uint32_t(i));
  }

  void strobe(std::uint32_t r, std::uint32_t i) {
    RadarState& st = radars_[r];
    ThreatState& t = threats_[i];
    if (!flying(t) || !on_air(r, engine_.now_s())) return;
    const auto state = t.path.motion_at(engine_.now_s());
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
    if (!on_air(r, engine_.now_s())) return;
    const RadarType& type = radar.type();
    const bool rotating = type.scan == ScanKind::kRotating;
    const double lo = rotating ? 0.0 : radar.facing_rad() - type.sector_width_rad / 2.0;
    const Detection d = radar.false_alarm(st.false_alarms, lo, rotating ? kTwoPi : type.sector_width_rad);
    log_.add(engine_.now_s(), d);
    if (picture_) picture_->receive_plot(r, plot_of(engine_.now_s(), d));
  }

 public:
  void on(const SimEvent& event) {
    std::visit([this](const auto& e) { run(e); }, event);
  }

 private:
  void run(const RadarScan& e) { scan(e.radar); }
  void run(const RadarLook& e) { look(e.radar, e.threat); }
  void run(const TrackDwell& e) { look(e.radar, e.threat, true); }
  void run(const ScheduledStrike& e) { destroy_site(e.site); }
  void run(const StrobeLook& e) { strobe(e.radar, e.threat); }
  void run(const FalseAlarm& e) { false_alarm(e.radar); }
  void run(const TruthSample&) {
    sample_truth();
    timeline_.schedule_at(engine_.now_s() + sc_.truth_interval_s, TruthSample{});
  }
  void run(const PictureUpdate&) {
    if (!picture_) return;
    update_picture();
    timeline_.schedule_at(engine_.now_s() + sc_.tracker.update_interval_s, PictureUpdate{});
  }
  void run(const LaunchDue& e) { launch(e.pending); }
  void run(const GuidanceStep&) { guide(); }
  void run(const Reload& e) { reload(e.launcher); }
  void run(const LiveTick&) { live_tick(); }
  void run(const SilenceEnd& e) {
    if (on_air(e.radar, engine_.now_s())) {
      log_.add(engine_.now_s(), RadarEmission{radars_[e.radar].radar->entity(), true});
      for (std::size_t i = 0; i < threats_.size(); ++i) listen(std::uint32_t(i));
    }
  }
  void run(const EmissionWindow& e) {
    if (!radars_[e.radar].destroyed) {
      log_.add(engine_.now_s(), RadarEmission{radars_[e.radar].radar->entity(), e.on});
      for (std::size_t i = 0; i < threats_.size(); ++i) listen(std::uint32_t(i));
    }
  }
  void run(const ThreatStart& e) {
    ThreatState& t = threats_[e.threat];
    t.started = true;
    log_.add(engine_.now_s(), EntityCreated{t.entity, t.path.state_at(engine_.now_s()).lla});
    listen(e.threat);
    schedule_marks(e.threat, engine_.now_s());
  }
  void run(const ThreatMark& e) {
    ThreatState& t = threats_[e.threat];
    if (e.generation == t.generation && flying(t)) reach_mark(e.threat, t.path.marks()[e.mark]);
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

  /// Where an interceptor truly is (its burst or self-destruct point once it has ended), for
  /// truth.csv and the replay.
  void sample_interceptor(const Flight& f, double now) {
    if (!opt_.record_truth) return;
    const geo::Vec3 ecef =
        f.flyer.flying() ? geo::Vec3(f.flyer.state().position_m) : f.flyer.end_position_m();
    const geo::Lla lla = geo::ecef_to_lla(ecef);
    const geo::Vec3 v =
        geo::enu_to_ecef_rotation(lla.lat_deg, lla.lon_deg).transpose() * f.flyer.state().velocity_mps;
    result_.truth.push_back({now, result_.shots[f.shot].interceptor, lla, v});
  }

  /// Schedules the marks of a threat's current plan from `from_s` on.
  void schedule_marks(std::uint32_t i, double from_s) {
    const ThreatState& t = threats_[i];
    const auto& marks = t.path.marks();
    for (std::size_t k = 0; k < marks.size(); ++k) {
      if (marks[k].time_s >= from_s)
        timeline_.schedule_at(marks[k].time_s, ThreatMark{i, std::uint32_t(k), t.generation});
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
    const bool hears = on_air(std::uint32_t(t.arm_radar), now);
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
    if (t.external) return;  // the other simulation flies it
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

  /// Emitting now: not destroyed, not in a silence window, not silenced against an ARM.
  [[nodiscard]] bool on_air(std::uint32_t r, double now) const {
    const RadarState& st = radars_[r];
    return !st.destroyed && st.radar->emitting(now) && now >= st.silenced_until_s;
  }

  int battalion_index(const std::string& name) {
    const auto it = std::find(battalions_.begin(), battalions_.end(), name);
    if (it != battalions_.end()) return int(it - battalions_.begin());
    battalions_.push_back(name);
    return int(battalions_.size()) - 1;
  }

  /// Launchers, their missile types and the command post that fights them.
  void build_defence() {
    for (std::size_t i = 0; i < sc_.sites.size(); ++i) {
      const scenario::Site& site = sc_.sites[i];
      const scenario::SiteType& type = sc_.site_types.at(site.type);
      if (type.kind != "launcher") continue;
      LauncherState l;
      l.missile = prepared_.missile_index(site.missile);
      l.site = std::uint32_t(i);
      l.battalion = battalion_index(site.battalion);
      l.rounds = site.rounds;
      l.capacity = int(figure_or(type.figures, "tubes", 4.0)) * missiles_[std::size_t(l.missile)].per_tube;
      l.reloads = site.reloads;
      l.ready_s = site.ready_s;
      l.reaction_s = figure_or(type.figures, "reaction_time", 10.0);
      l.ripple_s = figure_or(type.figures, "ripple_interval", 4.0);
      l.reload_s = figure_or(type.figures, "reload_time", 1800.0);
      l.position_m = geo::lla_to_ecef(to_lla(site.position, site.altitude, terrain_));
      l.altitude_m = geo::ecef_to_lla(l.position_m).alt_m;
      launchers_.push_back(l);
    }
    if (launchers_.empty() || !picture_) return;
    std::vector<c2::RadarUnit> units;
    for (const RadarState& st : radars_) {
      const scenario::Site& site = sc_.sites[st.radar->entity()];
      const auto& f = sc_.site_types.at(site.type).figures;
      units.push_back({st.radar->antenna_ecef(), battalion_index(site.battalion),
                       int(figure_or(f, "fire_channels", 0.0)), int(figure_or(f, "missiles_guided", 0.0)),
                       true});
    }
    std::vector<c2::Point> assets;
    for (const auto& a : sc_.assets)
      assets.push_back({geo::lla_to_ecef(to_lla(a.position, a.altitude, terrain_)), a.radius_m});
    const scenario::Defence& d = sc_.defence;
    c2::Settings set;
    set.roe = d.roe == "hold" ? c2::Roe::kHold : d.roe == "tight" ? c2::Roe::kTight : c2::Roe::kFree;
    set.doctrine = d.doctrine == "shoot_shoot" ? c2::Doctrine::kShootShoot : c2::Doctrine::kShootLookShoot;
    set.engage_on_remote = d.engage_on_remote;
    set.kill_assessment_s = d.kill_assessment_s;
    set.max_missiles_per_track = d.max_missiles_per_target;
    set.emcon_on_arm = d.emcon_on_arm;
    set.arm_silence_s = d.arm_silence_s;
    for (const auto& z : d.zones) {
      set.zones.push_back({geo::lla_to_ecef({z.position.lat_deg, z.position.lon_deg, 0.0}), z.radius_m,
                           z.min_altitude_m, z.max_altitude_m});
    }
    command_.emplace(std::move(set), missiles_, std::move(assets), std::move(units), prepared_.flyouts());
  }

  [[nodiscard]] const tracking::Track* find_track(std::uint64_t id) const {
    const auto& tracks = picture_->tracker().tracks();
    const auto it = std::lower_bound(tracks.begin(), tracks.end(), id,
                                     [](const tracking::Track& t, std::uint64_t v) { return t.id < v; });
    return it != tracks.end() && it->id == id ? &*it : nullptr;
  }

  /// The flying threat nearest `p_m` within `gate_m`, or -1: what a sensor pointed there finds.
  [[nodiscard]] int nearest_threat(const geo::Vec3& p_m, double gate_m) const {
    int best = -1;
    double best_d = gate_m;
    for (std::size_t i = 0; i < threats_.size(); ++i) {
      if (!flying(threats_[i])) continue;
      const double d = (threats_[i].path.position_at(engine_.now_s()) - p_m).norm();
      if (d < best_d) best_d = d, best = int(i);
    }
    return best;
  }

  /// The IFF interrogates where the track is: a friendly there answers when its transponder
  /// matches the defence's interrogators (the IFF is a sensor: it meets what is there).
  [[nodiscard]] bool iff_answers(const c2::TrackView& v) const {
    if (sc_.defence.iff == "none") return false;
    const int i = nearest_threat(v.position_m, std::max(1000.0, 3.0 * v.sigma_m));
    return i >= 0 && !threats_[std::size_t(i)].external && sc_.threats[std::size_t(i)].friendly &&
           sc_.threats[std::size_t(i)].transponder == sc_.defence.iff;
  }

  /// The command post's cycle on the picture just updated: identify, assess, assign, and
  /// send the missiles in flight their tracks.
  void run_command_post() {
    const double now = engine_.now_s();
    const geo::EnuFrame& frame = picture_->frame();
    views_.clear();
    iff_.clear();
    for (const auto& [track, st, ecef, lla] : confirmed_) {
      const tracking::Track& t = *track;
      c2::TrackView v;
      v.id = t.id;
      v.position_m = ecef;
      v.velocity_mps = frame.vector_to_ecef(st.velocity);
      v.altitude_m = lla.alt_m;
      // The command post's map of the ground (the scenario's terrain) under the estimate.
      v.height_m = lla.alt_m - terrain_.height_m(lla.lat_deg, lla.lon_deg);
      v.sigma_m = std::sqrt(std::max(st.position_covariance.trace(), 0.0));
      v.updated_s = t.time_s;
      for (std::size_t r = 0; r < radars_.size(); ++r) {
        if ((t.held_by >> (2 * r)) & 1U) v.held_by |= std::uint64_t{1} << r;
      }
      views_.push_back(v);
      iff_.push_back(iff_answers(v));
    }
    for (std::size_t r = 0; r < radars_.size(); ++r)
      command_->set_radar_up(int(r), on_air(std::uint32_t(r), now));
    launcher_units_.clear();
    for (const LauncherState& l : launchers_)
      launcher_units_.push_back(
          {l.position_m, l.battalion, l.missile, l.rounds, l.ready_s, l.reaction_s, l.altitude_m});
    const c2::Decisions& d = command_->decide(now, views_, iff_, launcher_units_);
    for (const c2::Evaluation& e : d.identified) {
      const auto it =
          std::find_if(views_.begin(), views_.end(), [&](const c2::TrackView& v) { return v.id == e.track; });
      const bool friend_ = iff_[std::size_t(it - views_.begin())];
      log_.add(now, Identified{e.track, e.type, friend_ ? c2::Identity::kFriend : c2::Identity::kUnknown,
                               e.time_to_asset_s});
    }
    for (const c2::Assessment& a : d.assessments) log_.add(now, KillAssessed{a.track, a.killed});
    for (const c2::Silence& q : d.silences) silence(std::uint32_t(q.radar), q.until_s);
    for (const c2::NotEngaged& n : d.not_engaged) log_.add(now, NotEngaged{n.track, n.reason});
    for (const c2::Order& o : d.orders) {
      LauncherState& l = launchers_[std::size_t(o.launcher)];
      if (o.reengagement) log_.add(now, ReEngaged{o.track});
      log_.add(now, Assigned{o.track, l.site, radars_[std::size_t(o.radar)].radar->entity(),
                             std::uint32_t(o.missiles), o.pk, o.time_of_flight_s});
      const double first = std::max(now, l.ready_s) + l.reaction_s;
      for (int k = 0; k < o.missiles; ++k) {
        pending_.push_back({o.track, o.launcher, o.radar});
        timeline_.schedule_at(first + k * l.ripple_s, LaunchDue{std::uint32_t(pending_.size() - 1)});
      }
      l.rounds -= o.missiles;
      l.ready_s = first + o.missiles * l.ripple_s;
    }
    for (Flight& f : flights_) {
      if (f.flyer.flying() && !f.flyer.seeker_locked() && uplink(f, now))
        log_.add(now, MidcourseUpdate{result_.shots[f.shot].interceptor, f.track});
    }
  }

  /// The guiding radar sends the missile its track's estimate, while it is on the air and
  /// holds the track; false when it cannot.
  bool uplink(Flight& f, double now) {
    if (!on_air(std::uint32_t(f.radar), now) || !picture_) return false;
    const tracking::Track* t = find_track(f.track);
    if (t == nullptr || ((t->held_by >> (2 * std::size_t(f.radar))) & 1U) == 0) return false;
    const tracking::TrackState st = picture_->tracker().state_at(*t, now);
    f.estimate = {picture_->frame().point_to_ecef(st.position), picture_->frame().vector_to_ecef(st.velocity),
                  now};
    // What the seeker and the fuze will meet: whatever flies near where the track says.
    f.target = nearest_threat(f.estimate.position_m, 5000.0);
    return true;
  }

  void launch(std::uint32_t k) {
    const PendingLaunch pl = pending_[k];
    LauncherState& l = launchers_[std::size_t(pl.launcher)];
    const double now = engine_.now_s();
    const std::string id = fmt::format("{}/{}", sc_.sites[l.site].id, l.fired + 1);
    Flight f{weapons::Interceptor(missiles_[std::size_t(l.missile)].flight, l.position_m, now),
             std::uint32_t(result_.shots.size()),
             pl.launcher,
             pl.track,
             pl.radar,
             l.missile,
             -1,
             {},
             core::RngStream(opt_.seed, opt_.replicate, "interceptor/" + id)};
    // The track must still be held by an engagement radar on the air, and the launcher alive.
    if (!picture_ || !uplink(f, now) || site_down_[l.site]) {
      ++l.rounds;
      command_->missile_cancelled(pl.track, pl.radar);
      return;
    }
    const weapons::MissileType& m = missiles_[std::size_t(l.missile)];
    const EntityIndex entity = EntityIndex(result_.entities.size());
    ++l.fired;
    result_.entities.push_back({id, EntityKind::kInterceptor, m.id});
    ShotRecord shot;
    shot.interceptor = entity;
    shot.launcher = l.site;
    shot.missile = m.id;
    shot.battalion = battalions_[std::size_t(l.battalion)];
    shot.track = pl.track;
    shot.launch_s = now;
    shot.cost_usd = m.unit_cost_usd;
    result_.shots.push_back(shot);
    log_.add(now, EntityCreated{entity, geo::ecef_to_lla(l.position_m)});
    log_.add(now, Launched{entity, l.site, pl.track});
    flights_.push_back(std::move(f));
    sample_interceptor(flights_.back(), now);
    if (l.rounds == 0 && l.reloads > 0 && !l.reloading) {
      timeline_.schedule_at(now + l.reload_s, Reload{std::uint32_t(pl.launcher)});
      l.reloading = true;
    }
    if (!guidance_scheduled_) {
      guidance_scheduled_ = true;
      timeline_.schedule_at(now + kGuidanceStep_s, GuidanceStep{});
    }
  }

  void reload(std::uint32_t i) {
    LauncherState& l = launchers_[i];
    l.reloading = false;
    if (l.reloads <= 0 || site_down_[l.site]) return;
    const int n = std::min(l.capacity - l.rounds, l.reloads);
    l.rounds += n;
    l.reloads -= n;
    l.ready_s = std::max(l.ready_s, engine_.now_s());
    log_.add(engine_.now_s(), Reloaded{l.site, std::uint32_t(n)});
  }

  /// Every flying interceptor flies to now, guiding on its estimate; its seeker and fuze meet
  /// the threat near it.
  void guide() {
    const double now = engine_.now_s();
    bool any = false;
    for (Flight& f : flights_) {
      if (!f.flyer.flying()) continue;
      const double from = f.flyer.time_s();
      if (now - from <= 0.0) {
        any = true;
        continue;
      }
      if (f.target >= 0 && !flying(threats_[std::size_t(f.target)])) {
        // Its threat is gone (the salvo's other missile, or it reached its target): the shot
        // still counts against it, and flies on to self-destruct.
        result_.shots[f.shot].target = threats_[std::size_t(f.target)].entity;
        f.target = -1;
      }
      const geo::Vec3 nowhere(1e9, 1e9, 1e9);
      const ThreatState* tgt = f.target >= 0 ? &threats_[std::size_t(f.target)] : nullptr;
      const geo::Vec3 a = tgt != nullptr ? tgt->path.position_at(from) : nowhere;
      const geo::Vec3 b = tgt != nullptr ? tgt->path.position_at(now) : nowhere;
      const bool was_locked = f.flyer.seeker_locked();
      // A semi-active (track-via-missile) seeker sees only while its radar illuminates.
      const bool sees =
          missiles_[std::size_t(f.missile)].active_seeker || on_air(std::uint32_t(f.radar), now);
      const weapons::InterceptorPhase phase = f.flyer.step(now - from, f.estimate, a, b, sees);
      ShotRecord& shot = result_.shots[f.shot];
      if (!was_locked && f.flyer.seeker_locked()) log_.add(now, SeekerLock{shot.interceptor});
      if (f.flyer.flying()) {
        if (std::floor(now / sc_.truth_interval_s) > std::floor(from / sc_.truth_interval_s))
          sample_interceptor(f, now);
        any = true;
        continue;
      }
      sample_interceptor(f, now);
      shot.end_s = now;
      shot.miss_m = f.flyer.miss_m();
      shot.range_m = (f.flyer.end_position_m() - launchers_[std::size_t(f.launcher)].position_m).norm();
      const geo::Lla where = geo::ecef_to_lla(f.flyer.end_position_m());
      if (phase == weapons::InterceptorPhase::kBurst && tgt != nullptr) {
        ThreatState& t = threats_[std::size_t(f.target)];
        shot.target = t.entity;
        log_.add(now, Intercept{shot.interceptor, t.entity, shot.miss_m, where});
        const double pk = weapons::kill_probability(
            shot.miss_m, missiles_[std::size_t(f.missile)].lethal_radius_m, t.vulnerability);
        if (f.kill.uniform() < pk) {
          shot.result = ShotResult::kKilled;
          shot.fratricide = !t.external && sc_.threats[std::size_t(f.target)].friendly;
          log_.add(now, Killed{t.entity, shot.interceptor, shot.fratricide});
          settle(t, Outcome::kKilled);
        } else {
          shot.result = ShotResult::kMissed;
          log_.add(now, Missed{shot.interceptor, t.entity});
        }
      } else {
        // Whatever it was guiding on when it gave up (passed, spent, in the ground) it was
        // fired at: the shot counts against that threat.
        if (tgt != nullptr) shot.target = tgt->entity;
        shot.result = ShotResult::kSelfDestructed;
        log_.add(now, SelfDestructed{shot.interceptor, where});
      }
      if (command_) command_->missile_ended(f.track, f.radar, now);
    }
    guidance_scheduled_ = any;
    if (any) timeline_.schedule_at(now + kGuidanceStep_s, GuidanceStep{});
  }

  /// Emission control against an anti-radiation missile: the radar stops emitting until
  /// `until_s`.
  void silence(std::uint32_t r, double until_s) {
    RadarState& st = radars_[r];
    const double now = engine_.now_s();
    if (st.destroyed) return;
    const bool was = on_air(r, now);
    st.silenced_until_s = std::max(st.silenced_until_s, until_s);
    if (was) {
      log_.add(now, RadarEmission{st.radar->entity(), false});
      for (std::size_t i = 0; i < threats_.size(); ++i) listen(std::uint32_t(i));
    }
    timeline_.schedule_at(until_s, SilenceEnd{r});
  }

  /// The link to other simulations: everything's position out; reports, time-outs and strikes in.
  void live_tick() {
    LiveLink& link = *opt_.live;
    const double now = engine_.now_s();
    movers_.clear();
    for (std::size_t i = 0; i < sc_.sites.size(); ++i)
      movers_.push_back({EntityIndex(i), EntityKind::kSite, &sc_.sites[i].id, &sc_.sites[i].type,
                         site_ecef_[i], geo::Vec3::Zero(), !site_down_[i]});
    for (std::size_t i = 0; i < threats_.size(); ++i) {
      const ThreatState& t = threats_[i];
      if (!t.started) continue;
      const threats::Motion m = t.path.motion_at(t.outcome ? t.outcome_time_s : now);
      movers_.push_back({t.entity, EntityKind::kThreat, &result_.entities[t.entity].id,
                         &result_.entities[t.entity].type, m.position_ecef_m, m.velocity_ecef_mps,
                         !t.outcome});
    }
    for (const Flight& f : flights_) {
      const ShotRecord& shot = result_.shots[f.shot];
      const bool flying = f.flyer.flying();
      movers_.push_back({shot.interceptor, EntityKind::kInterceptor, &result_.entities[shot.interceptor].id,
                         &shot.missile,
                         flying ? geo::Vec3(f.flyer.state().position_m) : f.flyer.end_position_m(),
                         f.flyer.state().velocity_mps, flying});
    }
    link.on_movers(now, movers_);
    inbound_.clear();
    if (!link.poll(now, inbound_)) {
      live_stopped_ = true;
      engine_.stop();
      return;
    }
    for (const ExternalReport& r : inbound_.reports) {
      const auto it = std::find(external_keys_.begin(), external_keys_.end(), r.key);
      if (it == external_keys_.end()) {
        add_external(r);
      } else {
        ThreatState& t = threats_[external_index_[std::size_t(it - external_keys_.begin())]];
        if (!flying(t)) continue;
        t.report = r;
        redo_external(t, std::max(r.time_s, now));
      }
    }
    for (std::uint64_t key : inbound_.timed_out) {
      const auto it = std::find(external_keys_.begin(), external_keys_.end(), key);
      if (it == external_keys_.end()) continue;
      ThreatState& t = threats_[external_index_[std::size_t(it - external_keys_.begin())]];
      if (!flying(t)) continue;
      log_.add(now, Exited{t.entity, t.path.state_at(now).lla});
      settle(t, Outcome::kNotEngaged);
    }
    for (EntityIndex site : inbound_.strikes) {
      if (site < sc_.sites.size()) destroy_site(site);
    }
    for (ThreatState& t : threats_) {
      if (t.external && flying(t) && t.path.end_time_s() < now + kExternalLookahead_s)
        redo_external(t, t.path.end_time_s());
    }
    timeline_.schedule_at(now + link.interval_s(), LiveTick{});
  }

  /// Dead reckoning of an external entity from its last report (IEEE 1278.1-2012, E.4:
  /// p + v dt + a dt^2 / 2).
  static threats::Motion reckon(const ExternalReport& r, double t_s) {
    const double dt = t_s - r.time_s;
    return {r.position_ecef_m + r.velocity_ecef_mps * dt + 0.5 * r.acceleration_ecef_mps2 * dt * dt,
            r.velocity_ecef_mps + r.acceleration_ecef_mps2 * dt};
  }

  /// Replaces an external entity's path from `from_s` on by its dead reckoning, to the lookahead.
  void redo_external(ThreatState& t, double from_s) {
    const double until = engine_.now_s() + kExternalLookahead_s;
    const std::size_t i = t.path.sample_at_or_after(from_s);
    if (i < t.path.size()) {
      threats::Trajectory tail(t.path.sample_time_s(i), kFlightStep_s);
      for (double ts = tail.start_time_s(); tail.empty() || ts <= until; ts += kFlightStep_s) {
        const threats::Motion m = reckon(t.report, ts);
        tail.push(m.position_ecef_m, m.velocity_ecef_mps);
      }
      t.path.splice(i, tail);
      return;
    }
    for (std::size_t k = t.path.size();; ++k) {
      const double ts = t.path.start_time_s() + double(k) * kFlightStep_s;
      if (ts > until && !t.path.empty()) break;
      const threats::Motion m = reckon(t.report, ts);
      t.path.push(m.position_ecef_m, m.velocity_ecef_mps);
    }
  }

  /// An entity of another simulation becomes a threat of this run, of the scenario's external type.
  void add_external(const ExternalReport& r) {
    const double now = engine_.now_s();
    const scenario::ThreatType& type = sc_.threat_types.at(sc_.external_type);
    const EntityIndex entity = EntityIndex(result_.entities.size());
    result_.entities.push_back({r.name, EntityKind::kThreat, sc_.external_type});
    ThreatState st;
    st.entity = entity;
    st.external = true;
    st.report = r;
    st.path = threats::Trajectory(now, kFlightStep_s);
    st.launch_s = now;
    st.started = true;
    st.vulnerability = figure_or(type.figures, "vulnerability", 1.0);
    redo_external(st, now);
    const std::uint32_t index = std::uint32_t(threats_.size());
    threats_.push_back(std::move(st));
    signatures_.push_back(signature(type));
    for (RadarState& rs : radars_) {
      rs.per_threat.emplace_back(opt_.seed, opt_.replicate, "radar/" + rs.radar->id() + "/" + r.name);
      rs.misses.push_back(0);
      rs.held.push_back(0);
    }
    external_keys_.push_back(r.key);
    external_index_.push_back(index);
    opt_.live->bound(r.key, entity);
    log_.add(now, EntityCreated{entity, threats_.back().path.state_at(now).lla});
  }

  const Prepared& prepared_;
  const scenario::Scenario& sc_;
  const RunOptions& opt_;
  const geo::Terrain& terrain_;
  core::Engine engine_;
  core::Timeline<SimEvent> timeline_{engine_, *this};
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
  struct Confirmed {
    const tracking::Track* track;
    tracking::TrackState state;
    geo::Vec3 ecef;
    geo::Lla lla;
  };
  std::vector<Confirmed> confirmed_;  ///< this update's confirmed and coasting tracks
  std::size_t settled_ = 0;
  std::vector<geo::Vec3> site_ecef_;
  std::vector<bool> site_down_;  ///< destroyed, by the scenario's schedule or a strike
  // The link to other simulations.
  std::vector<MoverState> movers_;
  Inbound inbound_;
  std::vector<std::uint64_t> external_keys_;
  std::vector<std::uint32_t> external_index_;  ///< into threats_, beside external_keys_
  bool live_stopped_ = false;
  RunResult result_;
  // The engagement.
  std::vector<weapons::MissileType> missiles_;  ///< fixed after construction: flights point into it
  std::vector<std::string> battalions_;
  std::vector<LauncherState> launchers_;
  std::optional<c2::CommandPost> command_;
  std::vector<PendingLaunch> pending_;
  std::vector<Flight> flights_;
  bool guidance_scheduled_ = false;
  std::vector<c2::TrackView> views_;
  std::vector<bool> iff_;
  std::vector<c2::LauncherUnit> launcher_units_;
};

}  // namespace

RunResult run_replication(const Prepared& prepared, const RunOptions& options) {
  World world(prepared, options);
  return world.run();
}

RunResult run_replication(const scenario::Scenario& scenario, const RunOptions& options) {
  return run_replication(Prepared(scenario), options);
}

}  // namespace opensam::sim
