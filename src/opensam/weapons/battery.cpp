#include "opensam/weapons/battery.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>

namespace opensam::weapons {

namespace {
/// A sensor pointed at an estimate finds what flies within this distance of it (m).
constexpr double kSeekerGate_m = 5000.0;
/// How often a seeker's line of sight over terrain is checked again (s), and beyond which
/// range it is not (the seeker cannot see that far).
constexpr double kSightInterval_s = 0.5;
constexpr double kSightRange_m = 100e3;
/// No target's RCS is larger (m2): beyond the range a seeker would see it, nothing to look at.
constexpr double kLargestRcs_m2 = 1000.0;
}  // namespace

Battery::Battery(core::Engine& engine, core::EntityTable& entities, const Scene& scene,
                 BatterySettings settings, const std::vector<MissileType>& missiles,
                 std::vector<LauncherSpec> launchers, const geo::Terrain* terrain)
    : engine_(engine),
      entities_(entities),
      scene_(scene),
      settings_(settings),
      timeline_(engine, *this),
      missiles_(missiles),
      terrain_(terrain) {
  for (LauncherSpec& s : launchers) {
    Launcher l;
    l.rounds = s.rounds;
    l.reloads = s.reloads;
    l.ready_s = s.ready_s;
    l.spec = std::move(s);
    launchers_.push_back(std::move(l));
  }
}

void Battery::on(const Event& e) {
  if (std::holds_alternative<GuidanceStep>(e)) {
    guide();
  } else {
    reload(std::get<Reload>(e).launcher);
  }
}

void Battery::status(int launcher) {
  const Launcher& l = launchers_[std::size_t(launcher)];
  engine_.publish(LauncherStatus{launcher, l.rounds, l.ready_s});
}

void Battery::on(const Commit& m) {
  Launcher& l = launchers_[std::size_t(m.launcher)];
  l.rounds -= m.missiles;
  l.ready_s = m.ready_s;
  status(m.launcher);
}

void Battery::on(const Uncommit& m) {
  ++launchers_[std::size_t(m.launcher)].rounds;
  status(m.launcher);
}

void Battery::on(const core::SiteDestroyed& m) {
  for (std::size_t i = 0; i < launchers_.size(); ++i) {
    Launcher& l = launchers_[i];
    if (l.spec.site != m.site) continue;
    l.rounds = l.reloads = 0;
    l.destroyed = true;
    status(int(i));
  }
}

void Battery::on(const Uplinks& m) {
  for (Flight& f : flights_) {
    if (!f.flyer.flying() || f.flyer.homing()) continue;
    const auto u = std::find_if(m.uplinks.begin(), m.uplinks.end(),
                                [&](const Uplink& x) { return x.track == f.track && x.radar == f.radar; });
    if (u == m.uplinks.end()) continue;
    f.estimate = u->estimate;
    // What the seeker and the fuze will meet: whatever flies near where the track says.
    f.target = scene_.nearest(f.estimate.position_m, kSeekerGate_m);
    engine_.publish(MidcourseUpdate{shots_[f.shot].interceptor, f.track});
  }
}

void Battery::on(const Launch& m) {
  Launcher& l = launchers_[std::size_t(m.launcher)];
  const double now = engine_.now_s();
  if (l.destroyed) {
    ++l.rounds;
    status(m.launcher);
    engine_.publish(LaunchAborted{m.track, m.radar});
    return;
  }
  const std::string id = fmt::format("{}/{}", l.spec.site_id, l.fired + 1);
  const MissileType& type = missiles_[std::size_t(l.spec.missile)];
  const EntityIndex entity = entities_.add({id, core::EntityKind::kInterceptor, type.id});
  ++l.fired;
  ShotRecord shot;
  shot.interceptor = entity;
  shot.launcher = l.spec.site;
  shot.missile = type.id;
  shot.battalion = l.spec.battalion;
  shot.track = m.track;
  shot.launch_s = now;
  shot.cost_usd = type.unit_cost_usd;
  shots_.push_back(shot);
  engine_.publish(Fired{entity, l.spec.site, m.track, geo::ecef_to_lla(l.spec.position_m)});
  flights_.push_back(Flight{
      Interceptor(type.flight, l.spec.position_m, now, terrain_), std::uint32_t(shots_.size() - 1),
      m.launcher, m.track, m.radar, l.spec.missile, scene_.nearest(m.estimate.position_m, kSeekerGate_m),
      m.estimate, engine_.stream("interceptor/" + id), engine_.stream("interceptor/" + id + "/seeker")});
  sample(flights_.back());
  if (l.rounds == 0 && l.reloads > 0 && !l.reloading) {
    timeline_.schedule_at(now + l.spec.reload_s, Reload{m.launcher});
    l.reloading = true;
  }
  if (!guidance_scheduled_) {
    guidance_scheduled_ = true;
    timeline_.schedule_at(now + kGuidanceStep_s, GuidanceStep{});
  }
}

void Battery::reload(int launcher) {
  Launcher& l = launchers_[std::size_t(launcher)];
  l.reloading = false;
  if (l.reloads <= 0 || l.destroyed) return;
  const int n = std::min(l.spec.capacity - l.rounds, l.reloads);
  l.rounds += n;
  l.reloads -= n;
  l.ready_s = std::max(l.ready_s, engine_.now_s());
  engine_.publish(Reloaded{l.spec.site, std::uint32_t(n)});
  status(launcher);
}

void Battery::sample(const Flight& f) {
  if (!settings_.record_truth) return;
  engine_.publish(
      InterceptorTruth{shots_[f.shot].interceptor, f.position_m(), Vec3(f.flyer.state().velocity_mps)});
}

TargetTruth Battery::truth(Flight& f, int object, double from_s) {
  const double now = engine_.now_s();
  const MissileType& type = missiles_[std::size_t(f.missile)];
  const SeekerType& seeker = type.flight.seeker;
  const Vec3 missile = f.flyer.state().position_m;
  TargetTruth t;
  t.from_m = scene_.position_at(object, from_s);
  t.to_m = scene_.position_at(object, now);
  t.span_m = scene_.span_m(object);
  if (seeker.homing == Homing::kCommand) return t;
  if (seeker.homing == Homing::kTrackViaMissile)
    t.illuminator_range_m = scene_.illuminator_range_m(f.radar, t.from_m, now);
  // Beyond where the seeker could see even a 1,000 m2 target unjammed, it sees no echo: only a
  // seeker that homes on jam still listens.
  const double range = (t.from_m - missile).norm();
  const bool echo = range <= seeker_range_m(seeker, kLargestRcs_m2, t.illuminator_range_m, 0.0, kHoldSnr);
  if (!echo) {
    t.rcs_m2 = 0.0;
    if (!seeker.home_on_jam || scene_.own_jam_density_w_hz(object, seeker.frequency_hz) <= 0.0) return t;
  }
  // The guiding radar lights only what it sees over the terrain (looked at every half second).
  if (echo && t.illuminator_range_m > 0.0) {
    if (now - f.lit_checked_s >= kSightInterval_s) {
      f.lit = scene_.lit(f.radar, t.from_m);
      f.lit_checked_s = now;
    }
    if (!f.lit) t.illuminator_range_m = 0.0;
  }
  if (echo) t.rcs_m2 = scene_.rcs_m2(object, missile, seeker.frequency_hz, from_s);
  // Jamming enters through the seeker's pattern, looking at its object.
  if (!jammers_fresh_ || jammers_time_s_ != from_s || jammers_frequency_hz_ != seeker.frequency_hz) {
    scene_.jammers(seeker.frequency_hz, from_s, jammers_);
    jammers_fresh_ = true;
    jammers_time_s_ = from_s;
    jammers_frequency_hz_ = seeker.frequency_hz;
  }
  const Vec3 boresight = (t.from_m - missile).normalized();
  for (const Scene::Jammer& j : jammers_) {
    // A noise jammer's power flux density: ERP / (4 pi R^2 B_j) (Adamy, EW 101, ch. 9).
    const double r2 = std::max((j.position_m - missile).squaredNorm(), 1.0);
    const double flux_w_m2_hz = j.density_w_hz / (4.0 * std::numbers::pi * r2);
    if (j.object == object) {
      t.jam_own_w_m2_hz += flux_w_m2_hz;
      continue;
    }
    const double off = std::acos(std::clamp(boresight.dot((j.position_m - missile).normalized()), -1.0, 1.0));
    t.jam_others_w_m2_hz += flux_w_m2_hz * seeker_pattern(seeker, off);
  }
  // Terrain between the seeker and its object, looked at again every half second.
  if (range > kSightRange_m) {
    f.in_sight = false;
  } else if (now - f.sight_checked_s >= kSightInterval_s) {
    f.in_sight = scene_.in_sight(missile, t.from_m);
    f.sight_checked_s = now;
  }
  t.in_sight = f.in_sight;
  return t;
}

// Every flying interceptor flies to now, guiding on its estimate; its seeker and fuze meet the
// object near it.
void Battery::guide() {
  const double now = engine_.now_s();
  bool any = false;
  for (Flight& f : flights_) {
    if (!f.flyer.flying()) continue;
    const double from = f.flyer.time_s();
    if (now - from <= 0.0) {
      any = true;
      continue;
    }
    if (f.target >= 0 && !scene_.present(f.target)) {
      // Its object is gone (the salvo's other missile, or it reached its target): the shot
      // still counts against it, and flies on to self-destruct.
      shots_[f.shot].target = scene_.entity(f.target);
      f.target = -1;
    }
    const int target = f.target;
    std::optional<TargetTruth> seen;
    if (target >= 0) seen = truth(f, target, from);
    const bool was_locked = f.flyer.seeker_locked();
    const InterceptorPhase phase = f.flyer.step(now - from, f.estimate, seen ? &*seen : nullptr, &f.seeker);
    if (!was_locked && f.flyer.seeker_locked()) {
      jammers_fresh_ = false;
      engine_.publish(SeekerLock{shots_[f.shot].interceptor});
    }
    if (f.flyer.flying()) {
      if (std::floor(now / settings_.truth_interval_s) > std::floor(from / settings_.truth_interval_s))
        sample(f);
      any = true;
      continue;
    }
    jammers_fresh_ = false;
    end(f, phase, target);
  }
  jammers_fresh_ = false;
  guidance_scheduled_ = any;
  if (any) timeline_.schedule_at(now + kGuidanceStep_s, GuidanceStep{});
}

void Battery::end(Flight& f, InterceptorPhase phase, int target) {
  const double now = engine_.now_s();
  sample(f);
  ShotRecord& shot = shots_[f.shot];
  shot.end_s = now;
  shot.miss_m = std::isfinite(f.flyer.miss_m()) ? f.flyer.miss_m() : std::numeric_limits<double>::quiet_NaN();
  shot.range_m = (f.flyer.end_position_m() - launchers_[std::size_t(f.launcher)].spec.position_m).norm();
  const geo::Lla where = geo::ecef_to_lla(f.flyer.end_position_m());
  if (phase == InterceptorPhase::kBurst && target >= 0) {
    const EntityIndex threat = scene_.entity(target);
    shot.target = threat;
    // What the fragments did: hits on the target's vulnerable area, Poisson.
    shot.pk = fragment_kill_probability(f.flyer.fragment_density_per_m2(), scene_.vulnerable_area_m2(target),
                                        scene_.vulnerability(target));
    engine_.publish(Intercept{shot.interceptor, threat, shot.miss_m, shot.pk, where});
    if (f.kill.uniform() < shot.pk) {
      shot.result = ShotResult::kKilled;
      shot.fratricide = scene_.friendly(target);
      engine_.publish(Killed{threat, shot.interceptor, shot.fratricide});
    } else {
      shot.result = ShotResult::kMissed;
      engine_.publish(Missed{shot.interceptor, threat});
    }
  } else {
    // Whatever it was guiding on when it gave up (passed, spent, in the ground) it was fired
    // at: the shot counts against that object, or against the one it was fired at that is gone.
    if (target >= 0 && shot.target == kNoEntity) shot.target = scene_.entity(target);
    if (phase == InterceptorPhase::kGroundImpact) {
      shot.result = ShotResult::kGroundImpact;
      engine_.publish(GroundImpact{shot.interceptor, where});
    } else {
      shot.result = ShotResult::kSelfDestructed;
      engine_.publish(SelfDestructed{shot.interceptor, where});
    }
  }
  engine_.publish(ShotEnded{f.track, f.radar});
}

void Battery::finish() {
  for (const Flight& f : flights_) {
    if (f.flyer.flying()) shots_[f.shot].end_s = engine_.now_s();
  }
}

}  // namespace opensam::weapons
