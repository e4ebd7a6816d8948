#include "opensam/c2/command_post.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "opensam/geo/frames.hpp"
#include "opensam/weapons/lethality.hpp"

namespace opensam::c2 {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// The closest approach to `point` of a straight-line motion from `p` at `v`, from now on.
weapons::ClosestApproach approach(const Vec3& p, const Vec3& v, const Vec3& point) {
  return weapons::closest_approach({point - p, -v}, kInf);
}

}  // namespace

TrackClass classify(double speed_mps, double climb_mps, double height_m, bool heading_for_radar,
                    const EvaluationParameters& p) {
  if (speed_mps > p.ballistic_speed_mps) return TrackClass::kBallisticMissile;
  if (speed_mps > p.arm_speed_mps && heading_for_radar) return TrackClass::kAntiRadiation;
  if (speed_mps > p.diving_speed_mps && climb_mps < -p.diving_rate_mps) return TrackClass::kBallisticMissile;
  if (speed_mps < p.drone_speed_mps) return TrackClass::kDrone;
  if (height_m < p.cruise_height_m && speed_mps < p.cruise_speed_mps) return TrackClass::kCruiseMissile;
  return TrackClass::kAircraft;
}

double priority(TrackClass c, double time_to_asset_s, const EvaluationParameters& p) {
  // Missiles that will hit something first, then aircraft, then slow drones; a threat a minute
  // from its asset counts nine tenths, ten minutes out half (T = 600 s).
  double weight = p.weight_aircraft;
  switch (c) {
    case TrackClass::kBallisticMissile: weight = p.weight_ballistic; break;
    case TrackClass::kCruiseMissile: weight = p.weight_cruise; break;
    case TrackClass::kAntiRadiation: weight = p.weight_anti_radiation; break;
    case TrackClass::kAircraft: weight = p.weight_aircraft; break;
    case TrackClass::kDrone: weight = p.weight_drone; break;
  }
  const double urgency = std::isfinite(time_to_asset_s)
                             ? p.urgency_time_s / (p.urgency_time_s + time_to_asset_s)
                             : p.urgency_no_asset;
  return weight * urgency;
}

bool roe_permits(Roe roe, const Evaluation& e) {
  const bool threatening = e.type != TrackClass::kAircraft || std::isfinite(e.time_to_asset_s);
  return roe == Roe::kFree || (roe == Roe::kTight && threatening);
}

int salvo_size(Doctrine doctrine, int rounds) {
  return std::min(doctrine == Doctrine::kShootShoot ? 2 : 1, rounds);
}

double planned_pk(double lethal_radius_m, double planning_miss_m) {
  const double r2 = lethal_radius_m * lethal_radius_m;
  const double s2 = planning_miss_m * planning_miss_m;
  return r2 > 0.0 ? r2 / (r2 + 2.0 * s2) : 0.0;
}

FlyoutTable::FlyoutTable(const weapons::InterceptorType& type) {
  // One flight at a fixed point 1,000 km away at 10 km: the missile flies its lofted
  // midcourse until its energy is spent; record how far from the launcher it got and when.
  const Vec3 launch = geo::lla_to_ecef({45.0, 30.0, 0.0});
  const Vec3 far = geo::lla_to_ecef({45.0 + 9.0, 30.0, 10000.0});
  weapons::Interceptor m(type, launch, 0.0);
  constexpr double kStep = 0.5;
  distance_m_.push_back(0.0);
  time_s_.push_back(0.0);
  while (m.flying()) {
    m.step(kStep, {far, Vec3::Zero(), m.time_s()}, nullptr, nullptr);
    const double d = (m.state().position_m - launch).norm();
    if (d > distance_m_.back()) {
      distance_m_.push_back(d);
      time_s_.push_back(m.time_s());
    }
  }
}

double FlyoutTable::time_s(double distance_m) const {
  if (distance_m > distance_m_.back()) return -1.0;
  const auto hi = std::lower_bound(distance_m_.begin(), distance_m_.end(), distance_m);
  if (hi == distance_m_.begin()) return time_s_.front();
  const std::size_t i = std::size_t(hi - distance_m_.begin());
  const double f = (distance_m - distance_m_[i - 1]) / (distance_m_[i] - distance_m_[i - 1]);
  return time_s_[i - 1] + f * (time_s_[i] - time_s_[i - 1]);
}

CommandPost::CommandPost(Settings settings, std::vector<weapons::MissileType> missiles,
                         std::vector<Point> assets, std::vector<RadarUnit> radars,
                         std::vector<std::shared_ptr<const FlyoutTable>> flyouts)
    : settings_(std::move(settings)),
      missiles_(std::move(missiles)),
      flyouts_(std::move(flyouts)),
      assets_(std::move(assets)),
      radars_(std::move(radars)),
      channels_used_(radars_.size(), 0),
      missiles_in_flight_(radars_.size(), 0) {
  if (flyouts_.empty()) {
    for (const auto& m : missiles_) flyouts_.push_back(std::make_shared<const FlyoutTable>(m.flight));
  }
  for (const Zone& z : settings_.zones) zone_altitude_m_.push_back(geo::ecef_to_lla(z.centre_m).alt_m);
}

Evaluation CommandPost::evaluate(const TrackView& t) const {
  const EvaluationParameters& p = settings_.evaluation;
  Evaluation e;
  e.track = t.id;
  const double speed = t.velocity_mps.norm();
  const Vec3 up = geo::local_up(t.position_m);
  const double climb = t.velocity_mps.dot(up);
  // The radar it heads for, if any: its ground track passes close (an anti-radiation missile
  // cruises high and dives onto the radar at the end).
  double radar_time = kInf;
  const Vec3 ground_velocity = t.velocity_mps - t.velocity_mps.dot(up) * up;
  for (std::size_t r = 0; r < radars_.size(); ++r) {
    const Vec3 to_radar = radars_[r].position_m - t.position_m;
    const auto a = approach(Vec3::Zero(), ground_velocity, to_radar - to_radar.dot(up) * up);
    if (a.miss_m < p.arm_track_miss_m && a.time_s > 0.0 && a.time_s < radar_time) {
      radar_time = a.time_s;
      e.radar_targeted = int(r);
    }
  }
  e.type = classify(speed, climb, t.height_m, e.radar_targeted >= 0, p);
  if (e.type != TrackClass::kAntiRadiation) e.radar_targeted = -1;
  e.time_to_asset_s = e.type == TrackClass::kAntiRadiation ? radar_time : kInf;
  for (const Point& a : assets_) {
    const auto ap = approach(t.position_m, t.velocity_mps, a.position_m);
    if (ap.miss_m <= a.radius_m + p.asset_margin_m)
      e.time_to_asset_s = std::min(e.time_to_asset_s, ap.time_s);
  }
  e.value = priority(e.type, e.time_to_asset_s, p);
  return e;
}

CommandPost::Engagement& CommandPost::engagement(std::uint64_t track) {
  auto it = std::lower_bound(engagements_.begin(), engagements_.end(), track,
                             [](const Engagement& e, std::uint64_t id) { return e.track < id; });
  if (it == engagements_.end() || it->track != track)
    it = engagements_.insert(it, Engagement{.track = track});
  return *it;
}

bool CommandPost::intercept(const TrackView& t, const Evaluation& e, const LauncherUnit& l, double now_s,
                            Order& o, Reason& why) const {
  const weapons::MissileType& m = missiles_[std::size_t(l.missile)];
  const FlyoutTable& table = *flyouts_[std::size_t(l.missile)];
  const double launch_in = std::max(l.ready_s, now_s) - now_s + l.reaction_s;
  // Fixed point of the collision triangle: where the target is when the missile gets there.
  const Vec3 start = t.position_m + t.velocity_mps * (now_s - t.updated_s + launch_in);
  double tof = table.time_s((start - l.position_m).norm());
  for (int k = 0; k < 6 && tof >= 0.0; ++k)
    tof = table.time_s((start + t.velocity_mps * tof - l.position_m).norm());
  why = Reason::kOutOfEnvelope;
  if (tof < 0.0 || tof > m.flight.max_flight_time_s) return false;
  const Vec3 pip = start + t.velocity_mps * tof;
  const double slant = (pip - l.position_m).norm();
  // The checks that need no geodetic conversion first (ground range <= slant range).
  if (slant < m.min_range_m || t.velocity_mps.norm() > m.max_target_speed_mps) return false;
  const geo::Lla at = geo::ecef_to_lla(pip);
  const double rise = at.alt_m - l.altitude_m;
  const double ground = std::sqrt(std::max(0.0, slant * slant - rise * rise));
  const double max_range = e.type == TrackClass::kBallisticMissile ? m.max_range_ballistic_m : m.max_range_m;
  if (ground > max_range || ground < m.min_range_m) return false;
  // The engagement altitudes are heights above the ground under the intercept point (the
  // command post's map).
  const double agl = at.alt_m - (map_ != nullptr ? map_->height_m(at.lat_deg, at.lon_deg) : 0.0);
  if (agl > m.max_altitude_m || agl < m.min_altitude_m) return false;
  if (!settings_.zones.empty()) {
    bool inside = false;
    for (std::size_t i = 0; i < settings_.zones.size() && !inside; ++i) {
      const Zone& z = settings_.zones[i];
      const Vec3 d = pip - z.centre_m;
      const double dz = at.alt_m - zone_altitude_m_[i];
      inside = std::sqrt(std::max(0.0, d.squaredNorm() - dz * dz)) <= z.radius_m && agl >= z.min_altitude_m &&
               agl <= z.max_altitude_m;
    }
    if (!inside) {
      why = Reason::kOutsideZone;
      return false;
    }
  }
  o.time_of_flight_s = tof;
  o.intercept_m = pip;
  o.pk = planned_pk(m.lethal_radius_m, settings_.evaluation.planning_miss_m);
  return true;
}

const Decisions& CommandPost::decide(double now_s, const std::vector<TrackView>& tracks,
                                     const std::vector<bool>& iff_friend,
                                     const std::vector<LauncherUnit>& launchers) {
  // Buffers kept from one cycle to the next: no allocation once grown.
  out_.identified.clear();
  out_.orders.clear();
  out_.not_engaged.clear();
  out_.assessments.clear();
  out_.silences.clear();
  assess_kills(now_s, tracks);
  select_candidates(now_s, tracks, iff_friend);
  assign(now_s, tracks, launchers);
  allocate(tracks, int(launchers.size()));
  return out_;
}

// Kill assessment, the assessment time after the last missile ended: a track measured again
// after the burst was missed (re-engaged while it lasts; one that went on to its target and
// vanished is a miss too); one never measured again was killed. The judgement is a perception:
// a track judged killed (it dropped behind terrain, say) that is measured again is alive, and
// engaged again.
void CommandPost::assess_kills(double now_s, const std::vector<TrackView>& tracks) {
  for (const TrackView& t : tracks) engagement(t.id).updated_s = t.updated_s;
  for (Engagement& g : engagements_) {
    if (g.assessed_kill && g.updated_s > g.assessed_s + settings_.evaluation.remeasured_after_s) {
      g.assessed_kill = false;
      g.reengage = true;
      out_.assessments.push_back({g.track, false});
      continue;
    }
    if (g.in_flight > 0 || g.last_end_s < 0.0 || g.assessed_kill ||
        now_s < g.last_end_s + settings_.kill_assessment_s)
      continue;
    const bool alive = g.updated_s > g.last_end_s + settings_.evaluation.remeasured_after_s;
    if (alive) {
      g.reengage = true;
    } else {
      g.assessed_kill = true;
      g.assessed_s = now_s;
    }
    g.last_end_s = -1.0;
    out_.assessments.push_back({g.track, !alive});
  }
}

void CommandPost::select_candidates(double now_s, const std::vector<TrackView>& tracks,
                                    const std::vector<bool>& iff_friend) {
  evals_.clear();
  rows_.clear();
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    const TrackView& t = tracks[i];
    const Evaluation e = evaluate(t);
    Engagement& g = engagement(t.id);
    g.type = e.type;
    if (g.identity == Identity::kPending) {
      g.identity = i < iff_friend.size() && iff_friend[i] ? Identity::kFriend : Identity::kUnknown;
      out_.identified.push_back(e);
    }
    if (settings_.emcon_on_arm && e.type == TrackClass::kAntiRadiation && e.radar_targeted >= 0 &&
        g.fired == 0 && !g.silenced) {
      out_.silences.push_back({e.radar_targeted, now_s + settings_.arm_silence_s});
      g.silenced = true;  // once per track
    }
    if (g.assessed_kill || g.in_flight > 0 || g.fired >= settings_.max_missiles_per_track) continue;
    if (g.fired > 0 && !g.reengage) continue;  // waiting for the kill assessment
    if (g.identity == Identity::kFriend) {
      report(g, Reason::kFriend);
      continue;
    }
    if (!roe_permits(settings_.roe, e)) {
      report(g, Reason::kRoe);
      continue;
    }
    evals_.push_back(e);
    rows_.push_back(i);
  }
}

int CommandPost::guiding_radar(const TrackView& t, const LauncherUnit& l, int n, bool hoj,
                               bool& on_strobes) const {
  // A radar that hears only the track's jammer measures its angle, not its range: it can guide a
  // missile whose seeker homes on the jammer, on the picture's estimate of the rest.
  for (int pass = 0; pass < 4; ++pass) {
    const bool remote = pass % 2 == 1;
    on_strobes = pass >= 2;
    if ((remote && !settings_.engage_on_remote) || (on_strobes && !hoj)) continue;
    const std::uint64_t holding = on_strobes ? t.strobed_by : t.held_by;
    for (std::size_t k = 0; k < radars_.size(); ++k) {
      const RadarUnit& u = radars_[k];
      const bool own = u.battalion == l.battalion;
      if (u.fire_channels <= 0 || !u.up || own == remote) continue;
      if ((holding >> k & 1U) == 0) continue;
      if (channels_used_[k] >= u.fire_channels || missiles_in_flight_[k] + n > u.missiles_guided) continue;
      return int(k);
    }
  }
  return -1;
}

// Weapon-target assignment: rows are candidate tracks, columns the launchers and then one "hold
// fire" column per track; the cost is minus the expected value destroyed.
void CommandPost::assign(double now_s, const std::vector<TrackView>& tracks,
                         const std::vector<LauncherUnit>& launchers) {
  const int n_rows = int(rows_.size());
  const int n_launchers = int(launchers.size());
  const int n_cols = n_launchers + n_rows;
  cost_.assign(std::size_t(n_rows) * std::size_t(n_cols), kInf);
  candidates_.assign(std::size_t(n_rows) * std::size_t(n_launchers), Order{});
  why_not_.assign(std::size_t(n_rows), Reason::kNoMissile);
  for (int r = 0; r < n_rows; ++r) {
    const TrackView& t = tracks[rows_[std::size_t(r)]];
    const Evaluation& e = evals_[std::size_t(r)];
    cost_[std::size_t(r) * std::size_t(n_cols) + std::size_t(n_launchers + r)] = 0.0;
    Reason best_why = Reason::kNoMissile;
    for (int c = 0; c < n_launchers; ++c) {
      const LauncherUnit& l = launchers[std::size_t(c)];
      if (l.rounds <= 0) continue;
      Order o;
      Reason why = Reason::kOutOfEnvelope;
      if (!intercept(t, e, l, now_s, o, why)) {
        if (best_why == Reason::kNoMissile || why == Reason::kOutsideZone) best_why = why;
        continue;
      }
      const int n = salvo_size(settings_.doctrine, l.rounds);
      const bool hoj = missiles_[std::size_t(l.missile)].flight.seeker.home_on_jam;
      bool on_strobes = false;
      const int radar = guiding_radar(t, l, n, hoj, on_strobes);
      if (radar < 0) {
        best_why = Reason::kNoFireChannel;
        continue;
      }
      o.track = t.id;
      o.launcher = c;
      o.radar = radar;
      o.on_strobes = on_strobes;
      o.home_on_jam = hoj;
      o.missiles = n;
      const double salvo_pk = weapons::salvo_kill_probability(o.pk, n);
      const double price = missiles_[std::size_t(l.missile)].unit_cost_usd * n;
      // Ties go to the cheaper shot, then the sooner one.
      cost_[std::size_t(r) * std::size_t(n_cols) + std::size_t(c)] =
          -e.value * salvo_pk + 1e-10 * price + 1e-7 * o.time_of_flight_s;
      candidates_[std::size_t(r) * std::size_t(n_launchers) + std::size_t(c)] = o;
    }
    why_not_[std::size_t(r)] = best_why;
  }
  col_for_row_.assign(std::size_t(n_rows), -1);
  if (n_rows > 0) tracking::solve_assignment(n_rows, n_cols, cost_, col_for_row_, ws_);
}

// Orders, most valuable first; a radar's channels are checked again as they fill.
void CommandPost::allocate(const std::vector<TrackView>& tracks, int n_launchers) {
  const int n_rows = int(rows_.size());
  const int n_cols = n_launchers + n_rows;
  order_rows_.resize(std::size_t(n_rows));
  for (int r = 0; r < n_rows; ++r) order_rows_[std::size_t(r)] = r;
  std::stable_sort(order_rows_.begin(), order_rows_.end(),
                   [&](int a, int b) { return evals_[std::size_t(a)].value > evals_[std::size_t(b)].value; });
  for (int r : order_rows_) {
    const int c = col_for_row_[std::size_t(r)];
    Engagement& g = engagement(tracks[rows_[std::size_t(r)]].id);
    Reason why = why_not_[std::size_t(r)];
    if (c >= 0 && c < n_launchers) {
      Order o = candidates_[std::size_t(r) * std::size_t(n_launchers) + std::size_t(c)];
      const RadarUnit& u = radars_[std::size_t(o.radar)];
      const std::size_t k = std::size_t(o.radar);
      if (channels_used_[k] < u.fire_channels && missiles_in_flight_[k] + o.missiles <= u.missiles_guided) {
        ++channels_used_[k];
        missiles_in_flight_[k] += o.missiles;
        o.reengagement = g.reengage;
        g.in_flight += o.missiles;
        g.fired += o.missiles;
        g.radar = o.radar;
        g.home_on_jam = o.home_on_jam;
        g.reengage = false;
        g.reported = 0;
        out_.orders.push_back(o);
        continue;
      }
      why = Reason::kNoFireChannel;
    } else if (c >= n_launchers) {
      // Held fire although a launcher could shoot: another target was worth more.
      bool any = false;
      for (int l = 0; l < n_launchers; ++l)
        any |= std::isfinite(cost_[std::size_t(r) * std::size_t(n_cols) + std::size_t(l)]);
      if (any) why = Reason::kNoMissile;
    }
    report(g, why);
  }
}

void CommandPost::report(Engagement& g, Reason why) {
  // Each reason once per track between orders: a flickering radar hold would otherwise report
  // the same two reasons turn about.
  if ((g.reported >> int(why) & 1U) == 0) out_.not_engaged.push_back({g.track, why});
  g.reported |= 1U << int(why);
}

void CommandPost::missile_ended(std::uint64_t track, int radar, double time_s) {
  Engagement& g = engagement(track);
  g.in_flight = std::max(0, g.in_flight - 1);
  missiles_in_flight_[std::size_t(radar)] = std::max(0, missiles_in_flight_[std::size_t(radar)] - 1);
  if (g.in_flight == 0) {
    channels_used_[std::size_t(radar)] = std::max(0, channels_used_[std::size_t(radar)] - 1);
    g.last_end_s = time_s;
  }
}

void CommandPost::missile_cancelled(std::uint64_t track, int radar) {
  Engagement& g = engagement(track);
  g.fired = std::max(0, g.fired - 1);
  g.in_flight = std::max(0, g.in_flight - 1);
  missiles_in_flight_[std::size_t(radar)] = std::max(0, missiles_in_flight_[std::size_t(radar)] - 1);
  if (g.in_flight == 0) {
    channels_used_[std::size_t(radar)] = std::max(0, channels_used_[std::size_t(radar)] - 1);
    if (g.fired > 0) g.last_end_s = -1.0, g.reengage = true;
  }
}

}  // namespace opensam::c2
