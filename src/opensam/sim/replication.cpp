#include "opensam/sim/replication.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "opensam/c2/air_picture.hpp"
#include "opensam/c2/fire_control.hpp"
#include "opensam/core/engine.hpp"
#include "opensam/sensors/iff.hpp"
#include "opensam/sensors/radar_scheduler.hpp"
#include "opensam/sim/prepared.hpp"
#include "opensam/sim/radar.hpp"
#include "opensam/sim/seeker_scene.hpp"
#include "opensam/sim/threat_flight.hpp"
#include "opensam/threats/damage.hpp"
#include "opensam/threats/movers.hpp"
#include "opensam/weapons/battery.hpp"

namespace opensam::sim {

namespace {

/// The sites of the run: scripted strikes, and each site put out of action once, whatever
/// asked for it.
class Sites {
 public:
  struct Strike {
    EntityIndex site;
  };
  Sites(core::Engine& engine, const scenario::Scenario& sc)
      : engine_(engine), sc_(sc), down_(sc.sites.size(), false), timeline_(engine, *this) {}
  void start() {
    for (std::size_t i = 0; i < sc_.sites.size(); ++i) {
      if (sc_.sites[i].destroyed_at_s)
        timeline_.schedule_at(*sc_.sites[i].destroyed_at_s, Strike{EntityIndex(i)});
    }
  }
  void on(const Strike& e) { on(core::DestroySite{e.site}); }
  void on(const core::DestroySite& m) {
    if (down_[m.site]) return;
    down_[m.site] = true;
    engine_.publish(SiteDestroyed{m.site});
  }

 private:
  core::Engine& engine_;
  const scenario::Scenario& sc_;
  std::vector<bool> down_;
  core::Timeline<Strike> timeline_;
};

/// The command post's own equipment: its radars on the air, its IFF interrogator.
class CommandPostEquipment final : public c2::Equipment {
 public:
  CommandPostEquipment(const sensors::RadarScheduler& radars, const threats::Movers& threats,
                       threats::IffMode iff_mode)
      : radars_(radars), threats_(threats), iff_mode_(iff_mode) {}
  [[nodiscard]] bool radar_up(int radar, double t_s) const override {
    return radars_.on_air(std::size_t(radar), t_s);
  }
  [[nodiscard]] bool answers_iff(const c2::TrackView& v) const override {
    return sensors::iff_answers(threats_, v.position_m, v.sigma_m, iff_mode_);
  }

 private:
  const sensors::RadarScheduler& radars_;
  const threats::Movers& threats_;
  threats::IffMode iff_mode_;
};

/// One replication: the components built from the scenario, wired, run and gathered.
class Run {
 public:
  Run(const Prepared& prepared, const RunOptions& opt)
      : prepared_(prepared),
        sc_(prepared.scenario()),
        opt_(opt),
        terrain_(prepared.terrain()),
        engine_(opt.seed, opt.replicate) {
    for (EventSink* s : opt.sinks) log_.subscribe(s);
    log_.listen(engine_);  // first: the log hears an event before what follows from it
    for (const auto& s : sc_.sites) {
      entities_.add({s.id, EntityKind::kSite, s.type});
      site_lla_.push_back(to_lla(s.position, s.altitude, terrain_));
    }
    for (const auto& a : sc_.assets) entities_.add({a.id, EntityKind::kAsset, {}});
    for (std::size_t i = 0; i < sc_.sites.size(); ++i) {
      if (sc_.site_types.at(sc_.sites[i].type).kind == scenario::SiteKind::kRadar)
        radar_sites_.push_back(EntityIndex(i));
    }
    build_threats();
    build_radars();
    build_picture();
    build_defence();
    sites_.emplace(engine_, sc_);
    if (opt.record_truth) recorder_.emplace(engine_, *movers_, sc_.truth_interval_s);
    std::vector<AssetLedger::Asset> assets;
    for (const auto& a : sc_.assets) assets.push_back({a.radius_m, a.value_usd});
    ledger_.emplace(engine_, EntityIndex(sc_.sites.size()), std::move(assets));
    if (opt.live != nullptr) build_live();
    wire();
  }

  RunResult run() {
    log_.add(0.0, RunStarted{opt_.seed, opt_.replicate});
    for (std::size_t i = 0; i < sc_.sites.size(); ++i)
      log_.add(0.0, EntityCreated{EntityIndex(i), site_lla_[i]});
    for (std::size_t i = 0; i < sc_.assets.size(); ++i) {
      log_.add(0.0, EntityCreated{EntityIndex(sc_.sites.size() + i),
                                  to_lla(sc_.assets[i].position, sc_.assets[i].altitude, terrain_)});
    }
    // The order of these first events is the order ties at one time are run in.
    movers_->start();
    sites_->start();
    if (picture_) picture_->start();
    if (recorder_) recorder_->start();
    if (bridge_) bridge_->start();
    radars_->start();
    engine_.run_until(sc_.duration_s);
    // Until every threat is settled, or the duration: whichever comes first.
    const bool over = movers_->all_settled() || (bridge_ && bridge_->stopped());
    engine_.advance_to(std::max(over ? engine_.now_s() : sc_.duration_s, engine_.now_s()));
    if (picture_) picture_->finish();
    if (battery_) battery_->finish();
    log_.add(engine_.now_s(), RunEnded{movers_->finish()});

    RunResult result;
    result.seed = opt_.seed;
    result.replicate = opt_.replicate;
    result.end_time_s = engine_.now_s();
    if (battery_) result.shots = battery_->take_shots();
    for (std::size_t i = 0; i < movers_->size(); ++i) {
      Outcome o = *movers_->outcome(i);
      // One that flew out at the end of its route after interceptors were fired at it was
      // engaged, and survived.
      const EntityIndex who = movers_->entity(i);
      if (o == Outcome::kNotEngaged &&
          std::ranges::any_of(result.shots, [&](const ShotRecord& s) { return s.target == who; }))
        o = Outcome::kSurvived;
      result.threats.push_back({who, o, movers_->outcome_time_s(i)});
    }
    result.entities = entities_.take();
    result.events = log_.take();
    if (score_) result.picture = score_->take();
    if (recorder_) result.truth = recorder_->take();
    result.asset_value_destroyed_usd = ledger_->take();
    return result;
  }

 private:
  /// Each threat with this replicate's draws: start and route jitter, an anti-radiation
  /// missile's seeker error, the signature's jitter. Each from its own stream: adding a threat
  /// never changes another's draws.
  void build_threats() {
    std::vector<threats::MoverSpec> specs;
    for (std::size_t k = 0; k < sc_.threats.size(); ++k) {
      const scenario::Threat& t = sc_.threats[k];
      const scenario::ThreatType& type = threat_type_of(sc_, t);
      threats::MoverSpec s;
      s.entity = entities_.add({t.id, EntityKind::kThreat, t.type});
      core::RngStream start_rng = engine_.stream(fmt::format("threat/{}/start", t.id));
      const double delay = t.start_jitter_s > 0.0 ? start_rng.uniform(0.0, t.start_jitter_s) : 0.0;
      core::RngStream route_rng = engine_.stream(fmt::format("threat/{}/route", t.id));
      s.model = flight_model(type, t, terrain_, route_rng);
      s.path = prepared_.flight(k, s.model, delay);
      // Its target, and the radius of its blast against the target's hardness.
      for (std::size_t i = 0; !t.target_is_site && i < sc_.assets.size(); ++i) {
        const scenario::Asset& a = sc_.assets[i];
        if (a.id != t.target) continue;
        s.target = EntityIndex(sc_.sites.size() + i);
        s.target_position_m = geo::lla_to_ecef(to_lla(a.position, a.altitude, terrain_));
        s.lethal_radius_m = threats::blast_lethal_radius_m(type.explosive_mass_kg, a.hardness_pa);
      }
      for (std::size_t i = 0; t.target_is_site && i < sc_.sites.size(); ++i) {
        if (sc_.sites[i].id != t.target) continue;
        s.target = EntityIndex(i);
        s.target_is_site = true;
        s.target_position_m = geo::lla_to_ecef(site_lla_[i]);
        s.lethal_radius_m = threats::blast_lethal_radius_m(type.explosive_mass_kg,
                                                           sc_.site_types.at(sc_.sites[i].type).hardness_pa);
      }
      if (type.kind == scenario::ThreatKind::kArm && t.target_is_site) {
        core::RngStream seeker = engine_.stream(fmt::format("threat/{}/seeker", t.id));
        s.seeker_north = seeker.normal(0.0, 1.0);
        s.seeker_east = seeker.normal(0.0, 1.0);
        s.seeker_accuracy_rad = type.seeker_accuracy_rad;
      }
      // An anti-radiation missile homes on its radar's emissions.
      for (std::size_t r = 0; type.kind == scenario::ThreatKind::kArm && r < radar_sites_.size(); ++r) {
        if (s.target != kNoEntity && radar_sites_[r] == s.target && s.model.plan.route.size() >= 2)
          s.arm_radar = int(r);
      }
      s.vulnerability = type.vulnerability;
      s.friendly = t.friendly;
      s.transponder = t.transponder;
      if (t.reaction) {
        const scenario::Reaction& r = *t.reaction;
        s.reaction = threats::ReactionPlan{r.beam, std::nullopt, false, r.duration_s};
        if (r.altitude) {
          s.reaction->altitude_m = r.altitude->value_m;
          s.reaction->altitude_agl = r.altitude->reference == scenario::AltitudeReference::kAgl;
        }
      }
      specs.push_back(std::move(s));
      for (const scenario::JamSetting& j : t.jamming) {
        sensors::JamSwitch js;
        js.threat = std::uint32_t(signatures_.size()), js.at_s = j.at_s, js.pod = j.pod;
        js.on = j.on, js.technique = j.technique;
        if (j.point_azimuth_rad) {
          js.aim = sensors::JamAim::kAzimuth, js.aim_azimuth_rad = *j.point_azimuth_rad;
        } else if (j.point_at == "nearest") {
          js.aim = sensors::JamAim::kNearest;
        } else if (!j.point_at.empty()) {
          js.aim = sensors::JamAim::kRadar;
          for (std::size_t r = 0; r < radar_sites_.size(); ++r)
            if (sc_.sites[radar_sites_[r]].id == j.point_at) js.aim_radar = int(r);
        }
        jam_script_.push_back(std::move(js));
      }
      sensors::Signature sig = type.signature;
      if (t.rcs_jitter_db > 0.0)
        sig.rcs.shift_db(engine_.stream(fmt::format("threat/{}/rcs", t.id)).normal(0.0, t.rcs_jitter_db));
      signatures_.push_back(std::move(sig));
    }
    threats::MoverSettings settings;
    settings.duration_s = sc_.duration_s;
    settings.stop_when_settled = !opt_.live_inbound;
    settings.external_type = sc_.external_type;
    if (!sc_.external_type.empty())
      settings.external_vulnerability = sc_.threat_types.at(sc_.external_type).vulnerability;
    movers_.emplace(engine_, entities_, terrain_, std::move(settings), std::move(specs));
  }

  void build_radars() {
    std::vector<std::unique_ptr<sensors::Radar>> radars;
    for (EntityIndex site : radar_sites_)
      radars.push_back(make_radar(sc_, site, terrain_, opt_.seed, opt_.replicate, prepared_.horizon(site)));
    const sensors::Signature external =
        sc_.external_type.empty() ? sensors::Signature{} : sc_.threat_types.at(sc_.external_type).signature;
    radars_.emplace(engine_, entities_, *movers_, std::move(radars), std::move(signatures_), external);
    radars_->script(std::move(jam_script_));
    movers_->listen_to(*radars_);
  }

  /// The command post's picture: in the frame of the first command post (or of the first radar
  /// when there is none), fusing every radar.
  void build_picture() {
    if (radars_->size() == 0) return;
    std::vector<c2::PictureRadar> radars;
    for (std::size_t r = 0; r < radars_->size(); ++r) {
      const sensors::Radar& radar = radars_->radar(r);
      const sensors::RadarType& type = radar.type();
      radars.push_back({radar.antenna(), type.measures_range_rate, type.parameters.instrumented_range_m,
                        radar.false_alarm_density()});
    }
    geo::Lla origin = radars.front().antenna;
    EntityIndex command_post = kNoEntity;
    for (std::size_t i = 0; i < sc_.sites.size(); ++i) {
      if (sc_.site_types.at(sc_.sites[i].type).kind != scenario::SiteKind::kCommandPost) continue;
      origin = site_lla_[i];
      command_post = EntityIndex(i);
      break;
    }
    picture_.emplace(engine_, sc_.tracker.config, sc_.tracker.update_interval_s, origin, command_post,
                     radars);
    score_.emplace(*movers_, *radars_, sc_.tracker.gospa_c_m, sc_.tracker.gospa_p);
  }

  int battalion_index(const std::string& name) {
    const auto it = std::find(battalions_.begin(), battalions_.end(), name);
    if (it != battalions_.end()) return int(it - battalions_.begin());
    battalions_.push_back(name);
    return int(battalions_.size()) - 1;
  }

  /// Launchers, their missile types and the command post that fights them.
  void build_defence() {
    const std::vector<weapons::MissileType>& missiles = prepared_.missiles();
    std::vector<weapons::LauncherSpec> launchers;
    std::vector<c2::FireUnit> units;
    for (std::size_t i = 0; i < sc_.sites.size(); ++i) {
      const scenario::Site& site = sc_.sites[i];
      const scenario::SiteType& type = sc_.site_types.at(site.type);
      if (type.kind != scenario::SiteKind::kLauncher) continue;
      weapons::LauncherSpec l;
      l.site = EntityIndex(i);
      l.site_id = site.id;
      l.battalion = site.battalion;
      l.missile = prepared_.missile_index(site.missile);
      l.rounds = site.rounds;
      l.capacity = type.launcher.tubes * missiles[std::size_t(l.missile)].per_tube;
      l.reloads = site.reloads;
      l.ready_s = site.ready_s;
      l.reload_s = type.launcher.reload_time_s;
      l.position_m = geo::lla_to_ecef(site_lla_[i]);
      c2::FireUnit u;
      u.unit = {l.position_m,
                battalion_index(site.battalion),
                l.missile,
                l.rounds,
                l.ready_s,
                type.launcher.reaction_time_s,
                geo::ecef_to_lla(l.position_m).alt_m};
      u.site = l.site;
      u.ripple_s = type.launcher.ripple_interval_s;
      launchers.push_back(std::move(l));
      units.push_back(u);
    }
    if (launchers.empty()) return;
    std::vector<SeekerScene::Body> bodies;
    for (const scenario::Threat& t : sc_.threats) {
      const scenario::ThreatType& type = threat_type_of(sc_, t);
      bodies.push_back({type.span_m, type.vulnerable_area_m2});
    }
    SeekerScene::Body external;
    if (!sc_.external_type.empty()) {
      const scenario::ThreatType& type = sc_.threat_types.at(sc_.external_type);
      external = {type.span_m, type.vulnerable_area_m2};
    }
    scene_.emplace(*movers_, *radars_, terrain_, std::move(bodies), external);
    battery_.emplace(engine_, entities_, *scene_,
                     weapons::BatterySettings{opt_.record_truth, sc_.truth_interval_s}, missiles,
                     std::move(launchers), &terrain_);
    if (!picture_) return;
    std::vector<c2::RadarUnit> radar_units;
    for (std::size_t r = 0; r < radar_sites_.size(); ++r) {
      const scenario::Site& site = sc_.sites[radar_sites_[r]];
      const scenario::RadarFigures& f = sc_.site_types.at(site.type).radar;
      radar_units.push_back({radars_->antenna_ecef(r), battalion_index(site.battalion), f.fire_channels,
                             f.missiles_guided, true});
    }
    std::vector<c2::Point> assets;
    for (const auto& a : sc_.assets)
      assets.push_back({geo::lla_to_ecef(to_lla(a.position, a.altitude, terrain_)), a.radius_m});
    const scenario::Defence& d = sc_.defence;
    c2::Settings set;
    set.roe = d.roe;
    set.doctrine = d.doctrine;
    set.engage_on_remote = d.engage_on_remote;
    set.kill_assessment_s = d.kill_assessment_s;
    set.max_missiles_per_track = d.max_missiles_per_target;
    set.emcon_on_arm = d.emcon_on_arm;
    set.arm_silence_s = d.arm_silence_s;
    set.evaluation = d.evaluation;
    for (const auto& z : d.zones) {
      set.zones.push_back({geo::lla_to_ecef({z.position.lat_deg, z.position.lon_deg, 0.0}), z.radius_m,
                           z.min_altitude_m, z.max_altitude_m});
    }
    equipment_.emplace(*radars_, *movers_, d.iff);
    fire_control_.emplace(engine_,
                          c2::CommandPost(std::move(set), missiles, std::move(assets), std::move(radar_units),
                                          prepared_.flyouts()),
                          *picture_, *equipment_, terrain_, std::move(units), radar_sites_);
  }

  void build_live() {
    std::vector<geo::Vec3> sites;
    for (const geo::Lla& s : site_lla_) sites.push_back(geo::lla_to_ecef(s));
    bridge_.emplace(engine_, *opt_.live, entities_, std::move(sites), *movers_,
                    battery_ ? &*battery_ : nullptr);
  }

  /// Who hears what, in the order they hear it.
  void wire() {
    core::Engine& e = engine_;
    e.subscribe<core::DestroySite>(*sites_);
    e.subscribe<threats::Leaked>(*ledger_);
    // A site destroyed: the picture's last update (its command post), the radars, the
    // launchers, then the anti-radiation missiles listening again.
    if (picture_) e.subscribe<SiteDestroyed>(*picture_);
    e.subscribe<SiteDestroyed>(*radars_);
    if (battery_) e.subscribe<SiteDestroyed>(*battery_);
    e.subscribe<SiteDestroyed>(*movers_);
    if (bridge_) e.subscribe<SiteDestroyed>(*bridge_);
    // The threats.
    e.subscribe<threats::HeldInTrack>(*movers_);
    e.subscribe<threats::EmittersChanged>(*movers_);
    e.subscribe<threats::ExternalReport>(*movers_);
    e.subscribe<threats::ExternalLost>(*movers_);
    e.subscribe<threats::ReckonExternals>(*movers_);
    e.subscribe_fn<weapons::Killed>(
        [&e](const weapons::Killed& k) { e.publish(threats::Destroyed{k.threat}); });
    e.subscribe<threats::Destroyed>(*movers_);
    e.subscribe<threats::ExternalAdded>(*radars_);
    if (bridge_) e.subscribe<threats::ExternalAdded>(*bridge_);
    // The radars' reports to the picture, the command post's orders to the radars.
    if (picture_) {
      e.subscribe<tracking::RadarPlot>(*picture_);
      e.subscribe<tracking::RadarStrobe>(*picture_);
      e.subscribe<tracking::RadarScanEnd>(*picture_);
      e.subscribe<c2::PictureUpdated>(*score_);
    }
    e.subscribe<sensors::SilenceOrder>(*radars_);
    e.subscribe_fn<c2::Silence>([&e](const c2::Silence& s) {
      e.publish(sensors::SilenceOrder{s.radar, s.until_s});
    });
    if (fire_control_) {
      e.subscribe<c2::PictureUpdated>(*fire_control_);
      e.subscribe<weapons::LauncherStatus>(*fire_control_);
      e.subscribe<weapons::ShotEnded>(*fire_control_);
      e.subscribe<weapons::LaunchAborted>(*fire_control_);
    }
    if (battery_) {
      e.subscribe<weapons::Commit>(*battery_);
      e.subscribe<weapons::Uncommit>(*battery_);
      e.subscribe<weapons::Launch>(*battery_);
      e.subscribe<weapons::Uplinks>(*battery_);
    }
    if (recorder_) e.subscribe<weapons::InterceptorTruth>(*recorder_);
  }

  const Prepared& prepared_;
  const scenario::Scenario& sc_;
  const RunOptions& opt_;
  const geo::Terrain& terrain_;
  core::Engine engine_;
  core::EntityTable entities_;
  EventLog log_;
  std::vector<geo::Lla> site_lla_;              ///< where each site stands
  std::vector<EntityIndex> radar_sites_;        ///< the radars' sites, in the order the run numbers them
  std::vector<sensors::Signature> signatures_;  ///< per threat, until the radars take them
  std::vector<sensors::JamSwitch> jam_script_;  ///< the threats' scripted pod changes, likewise
  std::vector<std::string> battalions_;
  std::optional<threats::Movers> movers_;
  std::optional<sensors::RadarScheduler> radars_;
  std::optional<c2::AirPicture> picture_;
  std::optional<PictureScore> score_;
  std::optional<SeekerScene> scene_;
  std::optional<weapons::Battery> battery_;
  std::optional<CommandPostEquipment> equipment_;
  std::optional<c2::FireControl> fire_control_;
  std::optional<Sites> sites_;
  std::optional<AssetLedger> ledger_;
  std::optional<TruthRecorder> recorder_;
  std::optional<LiveBridge> bridge_;
};

}  // namespace

RunResult run_replication(const Prepared& prepared, const RunOptions& options) {
  Run run(prepared, options);
  return run.run();
}

RunResult run_replication(const scenario::Scenario& scenario, const RunOptions& options) {
  return run_replication(Prepared(scenario), options);
}

}  // namespace opensam::sim
