#include "opensam/sensors/radar_scheduler.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

#include "opensam/tracking/report.hpp"

namespace opensam::sensors {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

/// Track dwells on a target end after this many misses in a row.
constexpr std::uint8_t kTrackDropMisses = 3;

}  // namespace

tracking::Detection plot_of(double time_s, const Detection& d) {
  const bool rate = !std::isnan(d.range_rate_mps);
  tracking::Detection p{
      .time_s = time_s, .z = tracking::MeasVec(rate ? 4 : 3), .sigma = tracking::MeasVec(rate ? 4 : 3)};
  p.z.head(3) << d.range_m, d.azimuth_rad, d.elevation_rad;
  p.sigma.head(3) << d.sigma_range_m, d.sigma_azimuth_rad, d.sigma_elevation_rad;
  if (rate) p.z[3] = d.range_rate_mps, p.sigma[3] = d.sigma_range_rate_mps;
  return p;
}

tracking::Detection plot_of(double time_s, const JamStrobe& s) {
  tracking::Detection p{.time_s = time_s, .z = tracking::MeasVec(2), .sigma = tracking::MeasVec(2)};
  p.z << s.azimuth_rad, s.elevation_rad;
  p.sigma << s.sigma_azimuth_rad, s.sigma_elevation_rad;
  return p;
}

RadarScheduler::RadarScheduler(core::Engine& engine, const core::EntityTable& entities,
                               const threats::Movers& threats, std::vector<std::unique_ptr<Radar>> radars,
                               std::vector<Signature> signatures, Signature external)
    : engine_(engine),
      entities_(entities),
      threats_(threats),
      timeline_(engine, *this),
      signatures_(std::move(signatures)),
      external_(std::move(external)) {
  for (auto& radar : radars) {
    const std::string& id = radar->id();
    State st{
        std::move(radar), 0.0, engine.stream("radar/" + id + "/false_alarms"), {}, {}, {}, 0, false, -1.0};
    st.phase_rad = engine.stream("radar/" + id + "/phase").uniform(0.0, kTwoPi);
    for (std::size_t i = 0; i < threats.size(); ++i)
      st.per_threat.push_back(engine.stream("radar/" + id + "/" + entities[threats.entity(i)].id));
    st.misses.assign(threats.size(), 0);
    st.held.assign(threats.size(), 0);
    radars_.push_back(std::move(st));
  }
}

void apply_switch(const JamSwitch& s, std::vector<JammerPod>& pods) {
  for (JammerPod& pod : pods) {
    if (!s.pod.empty() && pod.name != s.pod) continue;
    if (s.on) pod.on = *s.on;
    if (s.technique) pod.technique = *s.technique;
    if (s.aim) pod.aim = *s.aim, pod.aim_radar = s.aim_radar, pod.aim_azimuth_rad = s.aim_azimuth_rad;
  }
}

void RadarScheduler::start() {
  for (std::size_t k = 0; k < script_.size(); ++k) {
    if (script_[k].at_s <= 0.0)
      apply_switch(script_[k], signatures_[script_[k].threat].jammers);
    else
      timeline_.schedule_at(script_[k].at_s, Switch{std::uint32_t(k)});
  }
  for (std::size_t r = 0; r < radars_.size(); ++r) {
    timeline_.schedule_at(0.0, Scan{std::uint32_t(r)});
    for (const auto& w : radars_[r].radar->silent()) {
      timeline_.schedule_at(w.from_s, Window{std::uint32_t(r), false});
      timeline_.schedule_at(w.to_s, Window{std::uint32_t(r), true});
    }
  }
}

bool RadarScheduler::on_air(std::size_t r, double time_s) const {
  const State& st = radars_[r];
  return !st.destroyed && st.radar->emitting(time_s) && time_s >= st.silenced_until_s;
}

void RadarScheduler::on(const Event& event) {
  std::visit([this](const auto& e) { run(e); }, event);
}

void RadarScheduler::run(const Scan& e) { scan(e.radar); }
void RadarScheduler::run(const Look& e) { look(e.radar, e.threat, false); }
void RadarScheduler::run(const Dwell& e) { look(e.radar, e.threat, true); }
void RadarScheduler::run(const Strobe& e) { strobe(e.radar, e.threat); }
void RadarScheduler::run(const FalseAlarm& e) { false_alarm(e.radar); }

// A repeater heard through the sidelobes: its echoes at the beam's azimuth, unless the sidelobe
// blanker's guard channel hears the pulse louder and blanks it (Schleher, Electronic Warfare in
// the Information Age, ch. 9).
void RadarScheduler::run(const SidelobeFalseTarget& e) {
  State& st = radars_[e.radar];
  const Radar& radar = *st.radar;
  const RadarType& type = radar.type();
  const double now = engine_.now_s();
  if (!threats_.flying(e.threat) || !on_air(e.radar, now)) return;
  const bool rotating = type.scan == ScanKind::kRotating;
  const double width = rotating ? kTwoPi : type.sector_width_rad;
  double beam = std::fmod(st.scan_start_az + width * (now - st.scan_start_s) / type.scan_period_s, kTwoPi);
  if (beam < 0.0) beam += kTwoPi;
  const auto state = threats_.path(e.threat).motion_at(now);
  aim(e.threat, state.position_ecef_m);
  const Signature& sig = signatures_[e.threat];
  const JammerView j{threats_.entity(e.threat), state.position_ecef_m, sig.jammers,
                     heard_s(e.radar, e.threat, now)};
  const double off = std::abs(
      std::remainder(radar.geometry(state.position_ecef_m, geo::Vec3::Zero()).azimuth_rad - beam, kTwoPi));
  const RadarParameters& p = type.parameters;
  if (!in_sidelobes(off, p.azimuth_beamwidth_rad)) return;  // the main lobe's are the strobe look's
  core::RngStream& rng = st.per_threat[e.threat];
  const JammerPod& pod = sig.jammers[e.pod];
  const double snr =
      radar.repeater_snr(j, pod, antenna_pattern(off, p.azimuth_beamwidth_rad, p.sidelobe_level_db));
  if (snr < radar.strobe_threshold() || rng.uniform() < type.blanker_probability) return;
  // One of its echoes, at random.
  const int k = 1 + int(rng.uniform() * pod.false_targets) % pod.false_targets;
  publish_false(e.radar, radar.false_target(j, k * pod.false_target_spacing_m, &beam, snr, rng));
}

void RadarScheduler::run(const Window& e) {
  if (radars_[e.radar].destroyed) return;
  announce_emission(e.radar, e.on);
}

void RadarScheduler::run(const SilenceEnd& e) {
  if (!on_air(e.radar, engine_.now_s())) return;
  announce_emission(e.radar, true);
}

void RadarScheduler::run(const Switch& e) {
  const JamSwitch& s = script_[e.index];
  apply_switch(s, signatures_[s.threat].jammers);
}

void RadarScheduler::aim(std::size_t i, const geo::Vec3& p) {
  for (JammerPod& pod : signatures_[i].jammers) {
    if (pod.beamwidth_rad <= 0.0) continue;
    geo::Vec3 d = geo::Vec3::Zero();
    if (pod.aim == JamAim::kRadar && pod.aim_radar >= 0 && std::size_t(pod.aim_radar) < radars_.size()) {
      d = radars_[std::size_t(pod.aim_radar)].radar->antenna_ecef() - p;
    } else if (pod.aim == JamAim::kAzimuth) {
      // The local horizontal at the platform (spherical Earth: ample for a sector's centre).
      const geo::Vec3 up = p.normalized();
      const geo::Vec3 east = geo::Vec3(-p.y(), p.x(), 0.0).normalized();
      const geo::Vec3 north = up.cross(east);
      d = std::cos(pod.aim_azimuth_rad) * north + std::sin(pod.aim_azimuth_rad) * east;
    } else {
      double best = std::numeric_limits<double>::infinity();
      const double now = engine_.now_s();
      for (std::size_t r = 0; r < radars_.size(); ++r) {
        if (!on_air(r, now)) continue;
        const geo::Vec3 to = radars_[r].radar->antenna_ecef() - p;
        if (to.squaredNorm() < best) best = to.squaredNorm(), d = to;
      }
    }
    if (d.squaredNorm() <= 0.0) continue;  // nothing to point at: keeps its last direction
    d.normalize();
    pod.boresight = {d.x(), d.y(), d.z()};
  }
}

double RadarScheduler::heard_s(std::uint32_t r, std::size_t i, double now_s) const {
  return now_s - std::max(radars_[r].on_since_s, threats_.path(i).start_time_s());
}

void RadarScheduler::announce_emission(std::uint32_t r, bool on) {
  if (on) radars_[r].on_since_s = engine_.now_s();
  engine_.publish(RadarEmission{radars_[r].radar->entity(), on});
  engine_.publish(threats::EmittersChanged{});
}

void RadarScheduler::on(const SilenceOrder& m) {
  const auto r = std::uint32_t(m.radar);
  State& st = radars_[r];
  const double now = engine_.now_s();
  if (st.destroyed) return;
  const bool was = on_air(r, now);
  st.silenced_until_s = std::max(st.silenced_until_s, m.until_s);
  if (was) announce_emission(r, false);
  timeline_.schedule_at(m.until_s, SilenceEnd{r});
}

void RadarScheduler::on(const core::SiteDestroyed& m) {
  for (State& st : radars_) {
    if (st.radar->entity() == m.site) st.destroyed = true;
  }
}

void RadarScheduler::on(const threats::ExternalAdded& m) {
  signatures_.push_back(external_);
  for (State& st : radars_) {
    st.per_threat.push_back(engine_.stream("radar/" + st.radar->id() + "/" + m.name));
    st.misses.push_back(0);
    st.held.push_back(0);
  }
}

std::span<const JammerView> RadarScheduler::jammers_now(std::uint32_t r) {
  jammers_.clear();
  const double now = engine_.now_s();
  for_each_jammer(now, [&](std::size_t i, const geo::Vec3& p, const Signature& sig) {
    aim(i, p);
    jammers_.push_back({threats_.entity(i), p, sig.jammers, heard_s(r, i, now)});
  });
  return jammers_;
}

// A rotation or frame begins: schedule a look at each target in reach when the beam crosses
// it, a strobe look at each jammer, and this scan's false alarms.
void RadarScheduler::scan(std::uint32_t r) {
  State& st = radars_[r];
  const Radar& radar = *st.radar;
  const RadarType& type = radar.type();
  const double now = engine_.now_s();
  const double period = type.scan_period_s;
  timeline_.schedule_at(now + period, Scan{r});
  // The command post counts a scan without a detection as a miss, also when the radar is
  // silent or destroyed: its tracks then coast and drop.
  if (now > 0.0) engine_.publish(tracking::RadarScanEnd{r, now});
  if (!on_air(r, now)) return;
  const bool rotating = type.scan == ScanKind::kRotating;
  const double start_az = rotating ? st.phase_rad : radar.facing_rad() - type.sector_width_rad / 2.0;
  const double width = rotating ? kTwoPi : type.sector_width_rad;
  st.scan_start_s = now;
  st.scan_start_az = start_az;
  // Offset into the scan at which the beam points at azimuth `az`; none outside a sector.
  auto offset = [&](double az) -> std::optional<double> {
    double d = std::fmod(az - start_az, kTwoPi);
    if (d < 0.0) d += kTwoPi;
    if (d > width) return std::nullopt;
    return period * d / width;
  };
  for (std::size_t i = 0; i < threats_.size(); ++i) {
    if (!threats_.flying(i)) continue;
    const threats::Trajectory& path = threats_.path(i);
    const auto state = path.motion_at(now);
    const RadarGeometry g = radar.geometry(state.position_ecef_m, state.velocity_ecef_mps);
    // Reach: instrumented range plus a scan's flight.
    if (g.range_m > type.parameters.instrumented_range_m + period * state.velocity_ecef_mps.norm()) continue;
    auto when = offset(g.azimuth_rad);
    if (!when) continue;
    // Refine once with the target's azimuth at that time.
    const auto later = path.motion_at(now + *when);
    when = offset(radar.geometry(later.position_ecef_m, later.velocity_ecef_mps).azimuth_rad);
    if (!when) continue;
    const bool jammer = !signatures_[i].jammers.empty();
    if (st.held[i] == 0) timeline_.schedule_at(now + *when, Look{r, std::uint32_t(i)});
    if (jammer) timeline_.schedule_at(now + *when, Strobe{r, std::uint32_t(i)});
    // A repeater's pulses come in through the sidelobes too: each of its echoes once a scan, at
    // a random moment of it (a blanker that blanks every one needs none).
    if (type.blanker_probability >= 1.0) continue;
    const auto& pods = signatures_[i].jammers;
    for (std::size_t q = 0; q < pods.size(); ++q) {
      if (pods[q].technique != JamTechnique::kFalseTargets) continue;
      for (int k = 0; k < pods[q].false_targets; ++k)
        timeline_.schedule_at(now + period * st.per_threat[i].uniform(),
                              SidelobeFalseTarget{r, std::uint32_t(i), std::uint32_t(q)});
    }
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

void RadarScheduler::look(std::uint32_t r, std::uint32_t i, bool track) {
  State& st = radars_[r];
  const RadarType& type = st.radar->type();
  const double now = engine_.now_s();
  const bool can_look = threats_.flying(i) && on_air(r, now);
  if (!can_look) {
    if (track) release(st, i);
    return;
  }
  const auto state = threats_.path(i).state_at(now);
  const TargetView target{threats_.entity(i), state.position_ecef_m, state.velocity_ecef_mps, state.lla,
                          &signatures_[i]};
  const auto d = st.radar->look(target, jammers_now(r), st.per_threat[i]);
  if (d) {
    engine_.publish(*d);
    engine_.publish(tracking::RadarPlot{r, plot_of(now, *d)});
  }
  if (type.track_revisit_s <= 0.0) return;
  // Sector radars hold what they detect in track dwells, up to their capacity; three misses
  // in a row, or the target leaving the field of view, end the dwells.
  const auto azimuth = [&] {
    return st.radar->geometry(state.position_ecef_m, state.velocity_ecef_mps).azimuth_rad;
  };
  if (track) {
    st.misses[i] = d ? 0 : static_cast<std::uint8_t>(st.misses[i] + 1);
    if (st.misses[i] >= kTrackDropMisses ||
        std::abs(std::remainder(azimuth() - st.radar->facing_rad(), kTwoPi)) > type.sector_width_rad / 2.0) {
      release(st, i);
      return;
    }
  } else if (d && st.held_count < type.track_capacity) {
    st.held[i] = 1;
    st.misses[i] = 0;
    ++st.held_count;
    engine_.publish(threats::HeldInTrack{i, azimuth()});
  } else {
    return;
  }
  timeline_.schedule_at(now + type.track_revisit_s, Dwell{r, i});
}

void RadarScheduler::release(State& st, std::uint32_t i) {
  if (st.held[i] == 0) return;
  st.held[i] = 0;
  --st.held_count;
}

void RadarScheduler::strobe(std::uint32_t r, std::uint32_t i) {
  State& st = radars_[r];
  const double now = engine_.now_s();
  if (!threats_.flying(i) || !on_air(r, now)) return;
  const auto state = threats_.path(i).motion_at(now);
  aim(i, state.position_ecef_m);
  const Signature& sig = signatures_[i];
  const JammerView j{threats_.entity(i), state.position_ecef_m, sig.jammers, heard_s(r, i, now)};
  // A repeater in the main lobe: its echoes at its bearing, spaced behind it; no blanker helps.
  for (const JammerPod& pod : sig.jammers) {
    if (pod.technique != JamTechnique::kFalseTargets) continue;
    const double snr = st.radar->repeater_snr(j, pod, 1.0);
    if (snr < st.radar->strobe_threshold()) continue;
    for (int k = 1; k <= pod.false_targets; ++k)
      publish_false(
          r, st.radar->false_target(j, k * pod.false_target_spacing_m, nullptr, snr, st.per_threat[i]));
  }
  const double jnr = st.radar->mainlobe_jnr(j);
  if (jnr < st.radar->strobe_threshold()) return;
  // The strobe's bearing is measured like a monopulse angle at the jamming-to-noise ratio.
  const RadarGeometry g = st.radar->geometry(state.position_ecef_m, state.velocity_ecef_mps);
  const auto [az, el, sigma_az, sigma_el] = st.radar->strobe_bearing(g, jnr, st.per_threat[i]);
  const JamStrobe strobe{st.radar->entity(), threats_.entity(i), az,      el,
                         ratio_to_db(jnr),   sigma_az,           sigma_el};
  engine_.publish(strobe);
  engine_.publish(tracking::RadarStrobe{r, plot_of(now, strobe)});
}

void RadarScheduler::false_alarm(std::uint32_t r) {
  State& st = radars_[r];
  const Radar& radar = *st.radar;
  const double now = engine_.now_s();
  if (!on_air(r, now)) return;
  const RadarType& type = radar.type();
  const bool rotating = type.scan == ScanKind::kRotating;
  const double lo = rotating ? 0.0 : radar.facing_rad() - type.sector_width_rad / 2.0;
  publish_false(r, radar.false_alarm(st.false_alarms, lo, rotating ? kTwoPi : type.sector_width_rad));
}

void RadarScheduler::publish_false(std::uint32_t r, const Detection& d) {
  engine_.publish(d);
  engine_.publish(tracking::RadarPlot{r, plot_of(engine_.now_s(), d)});
}

}  // namespace opensam::sensors
