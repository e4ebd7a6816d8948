#include "opensam/output/writers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <vector>

#include "opensam/sim/threat_flight.hpp"

namespace opensam::output {

namespace {

using nlohmann::ordered_json;

constexpr double kRadToDeg = 180.0 / 3.14159265358979323846;

/// Rounds to a fixed number of decimals so that printed values do not carry noise digits.
double round_to(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(v * scale) / scale;
}

/// A number, or null when it is not finite (not measured, never).
ordered_json number_or_null(double v, int decimals) {
  return std::isfinite(v) ? ordered_json(round_to(v, decimals)) : ordered_json();
}

ordered_json lla_json(const geo::Lla& p) {
  return {{"lat_deg", round_to(p.lat_deg, 7)},
          {"lon_deg", round_to(p.lon_deg, 7)},
          {"alt_m", round_to(p.alt_m, 2)}};
}

/// The common columns of one event, for both writers.
struct Row {
  std::string entity;
  std::string other;
  const geo::Lla* where = nullptr;
  std::string detail;
  ordered_json fields = ordered_json::object();
};

/// Fills a row's columns from one event, by the event's type.
struct Describe {
  const sim::RunResult& run;
  Row& r;
  [[nodiscard]] std::string id(sim::EntityIndex i) const {
    return i == sim::kNoEntity ? std::string() : run.entities[i].id;
  }
  void operator()(const sim::RunStarted& d) const {
    r.detail = fmt::format("seed={};replicate={}", d.seed, d.replicate);
    r.fields = {{"seed", d.seed}, {"replicate", d.replicate}};
  }
  void operator()(const sim::EntityCreated& d) const {
    const sim::Entity& ent = run.entities[d.entity];
    r.entity = ent.id;
    r.where = &d.where;
    r.detail = fmt::format("kind={};type={}", core::name_of(ent.kind), ent.type);
    r.fields = {{"entity", ent.id},
                {"kind", core::name_of(ent.kind)},
                {"type", ent.type},
                {"position", lla_json(d.where)}};
  }
  void operator()(const sim::WaypointReached& d) const {
    r.entity = id(d.threat);
    r.where = &d.where;
    r.detail = fmt::format("waypoint={}", d.waypoint);
    r.fields = {{"threat", r.entity}, {"waypoint", d.waypoint}, {"position", lla_json(d.where)}};
  }
  void operator()(const sim::Leaked& d) const {
    r.entity = id(d.threat);
    r.other = id(d.target);
    r.where = &d.where;
    r.detail = fmt::format("miss_m={:.1f};blast_radius_m={:.1f}", d.miss_m, d.lethal_radius_m);
    r.fields = {{"threat", r.entity},
                {"target", r.other.empty() ? ordered_json() : ordered_json(r.other)},
                {"miss_m", round_to(d.miss_m, 1)},
                {"blast_radius_m", round_to(d.lethal_radius_m, 1)},
                {"position", lla_json(d.where)}};
  }
  void operator()(const sim::StrikeMissed& d) const {
    r.entity = id(d.threat);
    r.other = id(d.target);
    r.where = &d.where;
    r.detail = fmt::format("miss_m={:.1f}", d.miss_m);
    r.fields = {{"threat", r.entity},
                {"target", r.other},
                {"miss_m", round_to(d.miss_m, 1)},
                {"position", lla_json(d.where)}};
  }
  void operator()(const sim::AssetDamaged& d) const {
    r.entity = id(d.asset);
    r.other = id(d.threat);
    r.detail = fmt::format("share={:.4f};value_destroyed_usd={:.0f}", d.share, d.value_destroyed_usd);
    r.fields = {{"asset", r.entity},
                {"threat", r.other},
                {"share", round_to(d.share, 4)},
                {"value_destroyed_usd", round_to(d.value_destroyed_usd, 0)}};
  }
  void operator()(const sim::ThreatPhase& d) const {
    r.entity = id(d.threat);
    r.where = &d.where;
    r.detail = fmt::format("phase={}", core::name_of(d.phase));
    r.fields = {{"threat", r.entity}, {"phase", core::name_of(d.phase)}, {"position", lla_json(d.where)}};
  }
  void operator()(const sim::Exited& d) const {
    r.entity = id(d.threat);
    r.where = &d.where;
    r.fields = {{"threat", r.entity}, {"position", lla_json(d.where)}};
  }
  void operator()(const sim::RunEnded& d) const {
    r.detail = fmt::format("threats_flying={}", d.threats_flying);
    r.fields = {{"threats_flying", d.threats_flying}};
  }
  void operator()(const sim::SiteDestroyed& d) const {
    r.entity = id(d.site);
    r.fields = {{"site", r.entity}};
  }
  void operator()(const sim::RadarEmission& d) const {
    r.entity = id(d.radar);
    r.fields = {{"radar", r.entity}};
  }
  void operator()(const sim::Detection& d) const {
    r.entity = id(d.radar);
    r.other = id(d.target);
    r.where = &d.where;
    r.detail = fmt::format("snr_db={:.2f};range_m={:.1f};azimuth_deg={:.4f};elevation_deg={:.4f}", d.snr_db,
                           d.range_m, d.azimuth_rad * kRadToDeg, d.elevation_rad * kRadToDeg);
    r.fields = {{"radar", r.entity},
                {"target", r.other.empty() ? ordered_json() : ordered_json(r.other)},
                {"snr_db", round_to(d.snr_db, 2)},
                {"range_m", round_to(d.range_m, 1)},
                {"azimuth_deg", round_to(d.azimuth_rad * kRadToDeg, 4)},
                {"elevation_deg", round_to(d.elevation_rad * kRadToDeg, 4)},
                {"range_rate_mps",
                 std::isnan(d.range_rate_mps) ? ordered_json() : ordered_json(round_to(d.range_rate_mps, 2))},
                {"position", lla_json(d.where)}};
  }
  void operator()(const sim::TrackReport& d) const {
    r.entity = fmt::format("T{}", d.track);
    r.fields = {{"track", d.track}};
    if (d.has_estimate) {
      r.where = &d.where;
      r.detail = fmt::format("status={};sigma_m={:.1f}{}", core::name_of(d.status), d.sigma_m,
                             d.from_strobes ? ";from=strobes" : "");
      r.fields["status"] = core::name_of(d.status);
      if (d.from_strobes) r.fields["from_strobes"] = true;
      r.fields["sigma_m"] = round_to(d.sigma_m, 1);
      r.fields["position"] = lla_json(d.where);
      r.fields["velocity_enu_mps"] = {round_to(d.velocity_mps.x(), 2), round_to(d.velocity_mps.y(), 2),
                                      round_to(d.velocity_mps.z(), 2)};
    }
  }
  void operator()(const sim::Identified& d) const {
    r.entity = fmt::format("T{}", d.track);
    r.detail = fmt::format("class={};identity={}", core::name_of(d.type), core::name_of(d.identity));
    r.fields = {{"track", d.track},
                {"class", core::name_of(d.type)},
                {"identity", core::name_of(d.identity)},
                {"time_to_asset_s", number_or_null(d.time_to_asset_s, 1)}};
  }
  void operator()(const sim::Assigned& d) const {
    r.entity = fmt::format("T{}", d.track);
    r.other = id(d.launcher);
    r.detail = fmt::format("radar={};missiles={};pk={:.3f};time_of_flight_s={:.1f}{}", id(d.radar),
                           d.missiles, d.pk, d.time_of_flight_s, d.on_strobes ? ";on=strobes" : "");
    r.fields = {{"track", d.track},        {"launcher", r.other},
                {"radar", id(d.radar)},    {"missiles", d.missiles},
                {"pk", round_to(d.pk, 3)}, {"time_of_flight_s", round_to(d.time_of_flight_s, 1)}};
    if (d.on_strobes) r.fields["on_strobes"] = true;
  }
  void operator()(const sim::ReEngaged& d) const {
    r.entity = fmt::format("T{}", d.track);
    r.fields = {{"track", d.track}};
  }
  void operator()(const sim::NotEngaged& d) const {
    r.entity = fmt::format("T{}", d.track);
    r.detail = fmt::format("reason={}", core::name_of(d.reason));
    r.fields = {{"track", d.track}, {"reason", core::name_of(d.reason)}};
  }
  void operator()(const sim::Launched& d) const {
    r.entity = id(d.interceptor);
    r.other = id(d.launcher);
    r.detail = fmt::format("track=T{}", d.track);
    r.fields = {{"interceptor", r.entity}, {"launcher", r.other}, {"track", d.track}};
  }
  void operator()(const sim::MidcourseUpdate& d) const {
    r.entity = id(d.interceptor);
    r.detail = fmt::format("track=T{}", d.track);
    r.fields = {{"interceptor", r.entity}, {"track", d.track}};
  }
  void operator()(const sim::SeekerLock& d) const {
    r.entity = id(d.interceptor);
    r.fields = {{"interceptor", r.entity}};
  }
  void operator()(const sim::Intercept& d) const {
    r.entity = id(d.interceptor);
    r.other = id(d.target);
    r.where = &d.where;
    r.detail = fmt::format("miss_m={:.2f};pk={:.3f}", d.miss_m, d.pk);
    r.fields = {{"interceptor", r.entity},
                {"target", r.other.empty() ? ordered_json() : ordered_json(r.other)},
                {"miss_m", round_to(d.miss_m, 2)},
                {"pk", round_to(d.pk, 3)},
                {"position", lla_json(d.where)}};
  }
  void operator()(const sim::Killed& d) const {
    r.entity = id(d.threat);
    r.other = id(d.interceptor);
    r.fields = {{"threat", r.entity}, {"interceptor", r.other}};
  }
  void operator()(const sim::Missed& d) const {
    r.entity = id(d.interceptor);
    r.other = id(d.target);
    r.fields = {{"interceptor", r.entity},
                {"target", r.other.empty() ? ordered_json() : ordered_json(r.other)}};
  }
  void operator()(const sim::SelfDestructed& d) const {
    r.entity = id(d.interceptor);
    r.where = &d.where;
    r.fields = {{"interceptor", r.entity}, {"position", lla_json(d.where)}};
  }
  void operator()(const sim::GroundImpact& d) const {
    r.entity = id(d.interceptor);
    r.where = &d.where;
    r.fields = {{"interceptor", r.entity}, {"position", lla_json(d.where)}};
  }
  void operator()(const sim::KillAssessed& d) const {
    r.entity = fmt::format("T{}", d.track);
    r.detail = fmt::format("killed={}", d.killed);
    r.fields = {{"track", d.track}, {"killed", d.killed}};
  }
  void operator()(const sim::Reloaded& d) const {
    r.entity = id(d.launcher);
    r.detail = fmt::format("rounds={}", d.rounds);
    r.fields = {{"launcher", r.entity}, {"rounds", d.rounds}};
  }
  void operator()(const sim::ReplanFailed& d) const {
    r.entity = id(d.threat);
    r.detail = fmt::format("reason={}", d.reason);
    r.fields = {{"threat", r.entity}, {"reason", d.reason}};
  }
  void operator()(const sim::JamStrobe& d) const {
    r.entity = id(d.radar);
    r.other = id(d.jammer);
    r.detail = fmt::format("azimuth_deg={:.4f};elevation_deg={:.4f};jnr_db={:.2f}", d.azimuth_rad * kRadToDeg,
                           d.elevation_rad * kRadToDeg, d.jnr_db);
    r.fields = {{"radar", r.entity},
                {"jammer", r.other},
                {"azimuth_deg", round_to(d.azimuth_rad * kRadToDeg, 4)},
                {"elevation_deg", round_to(d.elevation_rad * kRadToDeg, 4)},
                {"jnr_db", round_to(d.jnr_db, 2)}};
  }
};

Row describe(const sim::RunResult& run, const sim::Event& e) {
  Row r;
  std::visit(Describe{run, r}, e.data);
  return r;
}

}  // namespace

Table events_table(const sim::RunResult& run) {
  Table t;
  const std::size_t time = t.add_real("time_s", 3), event = t.add_text("event"),
                    entity = t.add_text("entity"), other = t.add_text("other"),
                    lat = t.add_real("lat_deg", 7), lon = t.add_real("lon_deg", 7),
                    alt = t.add_real("alt_m", 2), detail = t.add_text("detail");
  t.reserve(run.events.size());
  const double nan = std::nan("");
  for (const auto& e : run.events) {
    const Row r = describe(run, e);
    t.push(time, e.time_s);
    t.push_text(event, sim::event_name(e.data));
    t.push_text(entity, r.entity);
    t.push_text(other, r.other);
    t.push(lat, r.where ? r.where->lat_deg : nan);
    t.push(lon, r.where ? r.where->lon_deg : nan);
    t.push(alt, r.where ? r.where->alt_m : nan);
    t.push_text(detail, r.detail);
  }
  return t;
}

Table detections_table(const sim::RunResult& run) {
  Table t;
  const std::size_t time = t.add_real("time_s", 3), radar = t.add_text("radar"),
                    target = t.add_text("target"), snr = t.add_real("snr_db", 2),
                    range = t.add_real("range_m", 1), az = t.add_real("azimuth_deg", 4),
                    el = t.add_real("elevation_deg", 4), rr = t.add_real("range_rate_mps", 2),
                    s_range = t.add_real("sigma_range_m", 2), s_az = t.add_real("sigma_azimuth_deg", 5),
                    s_el = t.add_real("sigma_elevation_deg", 5), s_rr = t.add_real("sigma_range_rate_mps", 3),
                    lat = t.add_real("lat_deg", 7), lon = t.add_real("lon_deg", 7),
                    alt = t.add_real("alt_m", 2), asp_az = t.add_real("aspect_az_deg", 1),
                    asp_el = t.add_real("aspect_el_deg", 1), rcs = t.add_real("rcs_dbsm", 2);
  for (const auto& e : run.events) {
    const auto* d = std::get_if<sim::Detection>(&e.data);
    if (d == nullptr) continue;
    t.push(time, e.time_s);
    t.push_text(radar, run.entities[d->radar].id);
    t.push_text(target, d->target == sim::kNoEntity ? std::string_view() : run.entities[d->target].id);
    t.push(snr, d->snr_db);
    t.push(range, d->range_m);
    t.push(az, d->azimuth_rad * kRadToDeg);
    t.push(el, d->elevation_rad * kRadToDeg);
    t.push(rr, d->range_rate_mps);
    t.push(s_range, d->sigma_range_m);
    t.push(s_az, d->sigma_azimuth_rad * kRadToDeg);
    t.push(s_el, d->sigma_elevation_rad * kRadToDeg);
    t.push(s_rr, d->sigma_range_rate_mps);
    t.push(lat, d->where.lat_deg);
    t.push(lon, d->where.lon_deg);
    t.push(alt, d->where.alt_m);
    t.push(asp_az, d->aspect_az_deg);
    t.push(asp_el, d->aspect_el_deg);
    t.push(rcs, 10.0 * std::log10(double(d->rcs_m2)));
  }
  return t;
}

Table tracks_table(const sim::RunResult& run) {
  Table t;
  const std::size_t time = t.add_real("time", 3), id = t.add_integer("track_id");
  std::array<std::size_t, 6> state{};
  for (std::size_t k = 0; k < 6; ++k)
    state[k] = t.add_real(std::array{"x", "y", "z", "vx", "vy", "vz"}[k], k < 3 ? 1 : 2);
  const std::size_t status = t.add_text("status"), event = t.add_text("event"),
                    sigma = t.add_real("sigma_m", 1), lat = t.add_real("lat_deg", 7),
                    lon = t.add_real("lon_deg", 7), alt = t.add_real("alt_m", 2);
  const double nan = std::nan("");
  for (const auto& e : run.events) {
    const auto* r = std::get_if<sim::TrackReport>(&e.data);
    if (r == nullptr) continue;
    t.push(time, e.time_s);
    t.push_integer(id, std::int64_t(r->track));
    for (std::size_t k = 0; k < 6; ++k)
      t.push(state[k], !r->has_estimate ? nan
                       : k < 3          ? r->position_m[Eigen::Index(k)]
                                        : r->velocity_mps[Eigen::Index(k - 3)]);
    t.push_text(status, r->has_estimate ? core::name_of(r->status) : "dropped");
    t.push_text(event, sim::event_name(e.data).substr(6));  // without "track_"
    t.push(sigma, r->has_estimate ? r->sigma_m : nan);
    t.push(lat, r->has_estimate ? r->where.lat_deg : nan);
    t.push(lon, r->has_estimate ? r->where.lon_deg : nan);
    t.push(alt, r->has_estimate ? r->where.alt_m : nan);
  }
  return t;
}

Table gospa_table(const sim::RunResult& run) {
  Table t;
  const std::size_t time = t.add_real("time_s", 3), gospa = t.add_real("gospa_m", 1),
                    loc = t.add_real("localisation", 1), truths = t.add_integer("truths"),
                    tracks = t.add_integer("tracks"), missed = t.add_integer("missed"),
                    false_tracks = t.add_integer("false_tracks");
  t.reserve(run.picture.size());
  for (const auto& g : run.picture) {
    t.push(time, g.time_s);
    t.push(gospa, g.gospa_m);
    t.push(loc, g.localisation);
    t.push_integer(truths, g.truths);
    t.push_integer(tracks, g.tracks);
    t.push_integer(missed, g.missed);
    t.push_integer(false_tracks, g.false_tracks);
  }
  return t;
}

Table truth_table(const sim::RunResult& run) {
  Table t;
  const std::size_t time = t.add_real("time_s", 3), id = t.add_text("id"), type = t.add_text("type"),
                    lat = t.add_real("lat_deg", 7), lon = t.add_real("lon_deg", 7),
                    alt = t.add_real("alt_m", 2), speed = t.add_real("speed_mps", 2),
                    ve = t.add_real("v_east_mps", 2), vn = t.add_real("v_north_mps", 2),
                    vu = t.add_real("v_up_mps", 2);
  t.reserve(run.truth.size());
  for (const auto& s : run.truth) {
    const sim::Entity& e = run.entities[s.entity];
    const geo::Vec3& v = s.velocity_enu_mps;
    t.push(time, s.time_s);
    t.push_text(id, e.id);
    t.push_text(type, e.type);
    t.push(lat, s.where.lat_deg);
    t.push(lon, s.where.lon_deg);
    t.push(alt, s.where.alt_m);
    t.push(speed, v.norm());
    t.push(ve, v.x());
    t.push(vn, v.y());
    t.push(vu, v.z());
  }
  return t;
}

std::string events_csv(const sim::RunResult& run) { return to_csv(events_table(run)); }
std::string detections_csv(const sim::RunResult& run) { return to_csv(detections_table(run)); }
std::string tracks_csv(const sim::RunResult& run) { return to_csv(tracks_table(run)); }
std::string gospa_csv(const sim::RunResult& run) { return to_csv(gospa_table(run)); }
std::string truth_csv(const sim::RunResult& run) { return to_csv(truth_table(run)); }

std::string events_jsonl(const sim::RunResult& run) {
  std::string out;
  for (const auto& e : run.events) {
    ordered_json j = {{"time_s", round_to(e.time_s, 3)}, {"event", sim::event_name(e.data)}};
    j.update(describe(run, e).fields);
    out += j.dump();
    out += '\n';
  }
  return out;
}

namespace {

struct DetectionCounts {
  std::vector<double> first_detection_s;  ///< per entity, NaN when never detected
  std::vector<double> first_detection_range_m;
  std::size_t detections = 0;
  std::size_t false_alarms = 0;
  std::size_t strobes = 0;
};

DetectionCounts count_detections(const sim::RunResult& run) {
  DetectionCounts c;
  c.first_detection_s.assign(run.entities.size(), std::nan(""));
  c.first_detection_range_m.assign(run.entities.size(), std::nan(""));
  for (const auto& e : run.events) {
    if (const auto* d = std::get_if<sim::Detection>(&e.data)) {
      if (d->target == sim::kNoEntity) {
        ++c.false_alarms;
        continue;
      }
      ++c.detections;
      if (std::isnan(c.first_detection_s[d->target])) {
        c.first_detection_s[d->target] = e.time_s;
        c.first_detection_range_m[d->target] = d->range_m;
      }
    } else if (std::holds_alternative<sim::JamStrobe>(e.data)) {
      ++c.strobes;
    }
  }
  return c;
}

/// The air picture over the run: track counts and GOSPA, with means over each `window_s`.
struct PictureTotals {
  std::size_t initiated = 0, confirmed = 0, dropped = 0, from_strobes = 0;
  double gospa_mean = 0.0, gospa_max = 0.0, missed_mean = 0.0, false_mean = 0.0;
  std::vector<std::pair<double, double>> series;  ///< (window end, mean GOSPA in it)
};

PictureTotals picture_totals(const sim::RunResult& run, double window_s) {
  PictureTotals p;
  for (const auto& e : run.events) {
    const auto* r = std::get_if<sim::TrackReport>(&e.data);
    if (r == nullptr) continue;
    p.initiated += r->kind == tracking::TrackEventKind::kInitiated;
    p.from_strobes += r->kind == tracking::TrackEventKind::kInitiated && r->from_strobes;
    p.confirmed += r->kind == tracking::TrackEventKind::kConfirmed;
    p.dropped += r->kind == tracking::TrackEventKind::kDropped;
  }
  if (run.picture.empty()) return p;
  double sum = 0.0, window_end = window_s;
  int in_window = 0;
  for (const auto& g : run.picture) {
    while (g.time_s > window_end + 1e-9) {
      if (in_window > 0) p.series.emplace_back(window_end, sum / in_window);
      sum = 0.0, in_window = 0, window_end += window_s;
    }
    sum += g.gospa_m, ++in_window;
    p.gospa_mean += g.gospa_m;
    p.gospa_max = std::max(p.gospa_max, g.gospa_m);
    p.missed_mean += g.missed;
    p.false_mean += g.false_tracks;
  }
  if (in_window > 0) p.series.emplace_back(std::min(window_end, run.end_time_s), sum / in_window);
  const double n = double(run.picture.size());
  p.gospa_mean /= n, p.missed_mean /= n, p.false_mean /= n;
  return p;
}

ordered_json tracking_json(const scenario::Scenario& sc, const sim::RunResult& run) {
  if (run.picture.empty()) return ordered_json();
  const PictureTotals p = picture_totals(run, 60.0);
  ordered_json series = ordered_json::array();
  for (const auto& [t, g] : p.series)
    series.push_back({{"time_s", round_to(t, 3)}, {"gospa_m", round_to(g, 1)}});
  return {{"tracks_initiated", p.initiated},
          {"tracks_confirmed", p.confirmed},
          {"tracks_from_strobes", p.from_strobes},
          {"tracks_dropped", p.dropped},
          {"gospa_c_m", sc.tracker.gospa_c_m},
          {"gospa_p", sc.tracker.gospa_p},
          {"gospa_samples", run.picture.size()},
          {"gospa_mean_m", round_to(p.gospa_mean, 1)},
          {"gospa_max_m", round_to(p.gospa_max, 1)},
          {"missed_truths_mean", round_to(p.missed_mean, 3)},
          {"false_tracks_mean", round_to(p.false_mean, 3)},
          {"gospa_per_minute", series}};
}

/// Interceptors fired at a threat (by the truth near their burst) and the one that killed it.
struct Engaged {
  std::vector<const sim::ShotRecord*> shots;
  const sim::ShotRecord* kill = nullptr;
};

std::vector<Engaged> engaged_by(const sim::RunResult& run) {
  std::vector<Engaged> out(run.entities.size());
  for (const auto& s : run.shots) {
    if (s.target == sim::kNoEntity) continue;
    out[s.target].shots.push_back(&s);
    if (s.result == sim::ShotResult::kKilled) out[s.target].kill = &s;
  }
  return out;
}

/// Missiles fired per battalion and type, with their cost.
ordered_json spending_json(const sim::RunResult& run) {
  std::map<std::string, std::map<std::string, std::pair<int, double>>> by;
  for (const auto& s : run.shots) {
    auto& cell = by[s.battalion.empty() ? "battalion" : s.battalion][s.missile];
    ++cell.first;
    cell.second += s.cost_usd;
  }
  ordered_json out = ordered_json::array();
  for (const auto& [battalion, types] : by) {
    ordered_json missiles = ordered_json::array();
    double total = 0.0;
    int count = 0;
    for (const auto& [type, cell] : types) {
      missiles.push_back({{"type", type}, {"fired", cell.first}, {"cost_usd", cell.second}});
      total += cell.second;
      count += cell.first;
    }
    out.push_back({{"battalion", battalion}, {"fired", count}, {"cost_usd", total}, {"missiles", missiles}});
  }
  return out;
}

/// The run's ledger: interceptor dollars spent, hostile threat dollars destroyed, friendly
/// aircraft lost, defended asset value destroyed and saved.
struct Ledger {
  double spent_usd = 0.0;
  double destroyed_usd = 0.0;
  double friendly_lost_usd = 0.0;
  double asset_value_usd = 0.0;
  double asset_destroyed_usd = 0.0;
};

/// Kill assessments that judged a track killed while the threat its missiles flew at was alive
/// (the threat was not killed by then): the command post's perception against truth.
int false_kill_assessments(const sim::RunResult& run) {
  std::map<sim::EntityIndex, const sim::ThreatOutcome*> outcome;
  for (const auto& t : run.threats) outcome[t.entity] = &t;
  int n = 0;
  for (const auto& e : run.events) {
    const auto* a = std::get_if<sim::KillAssessed>(&e.data);
    if (a == nullptr || !a->killed) continue;
    for (const auto& s : run.shots) {
      if (s.track != a->track || s.target == sim::kNoEntity) continue;
      const auto it = outcome.find(s.target);
      if (it == outcome.end()) continue;
      const sim::ThreatOutcome& o = *it->second;
      if (o.outcome != sim::Outcome::kKilled || o.time_s > e.time_s) {
        ++n;
        break;
      }
    }
  }
  return n;
}

Ledger ledger_of(const scenario::Scenario& sc, const sim::RunResult& run) {
  Ledger l;
  for (const auto& s : run.shots) l.spent_usd += s.cost_usd;
  for (std::size_t i = 0; i < run.threats.size() && i < sc.threats.size(); ++i) {
    if (run.threats[i].outcome != sim::Outcome::kKilled) continue;
    const double cost = sim::threat_type_of(sc, sc.threats[i]).unit_cost_usd;
    (sc.threats[i].friendly ? l.friendly_lost_usd : l.destroyed_usd) += cost;
  }
  for (const auto& a : sc.assets) l.asset_value_usd += a.value_usd;
  for (const double v : run.asset_value_destroyed_usd) l.asset_destroyed_usd += v;
  return l;
}

}  // namespace

ordered_json ledger_json(const scenario::Scenario& sc, const sim::RunResult& run) {
  const Ledger l = ledger_of(sc, run);
  return {{"interceptor_cost_usd", round_to(l.spent_usd, 0)},
          {"threat_value_destroyed_usd", round_to(l.destroyed_usd, 0)},
          {"friendly_value_lost_usd", round_to(l.friendly_lost_usd, 0)},
          {"asset_value_usd", round_to(l.asset_value_usd, 0)},
          {"asset_value_destroyed_usd", round_to(l.asset_destroyed_usd, 0)},
          {"asset_value_saved_usd", round_to(l.asset_value_usd - l.asset_destroyed_usd, 0)},
          {"cost_exchange_ratio",
           l.destroyed_usd > 0.0 ? ordered_json(l.spent_usd / l.destroyed_usd) : ordered_json()}};
}

ordered_json summary_json(const scenario::Scenario& sc, const sim::RunResult& run) {
  const std::vector<Engaged> engaged = engaged_by(run);
  std::array<int, 5> counts{};
  const DetectionCounts det = count_detections(run);
  ordered_json threats = ordered_json::array();
  for (const auto& t : run.threats) {
    const sim::Entity& ent = run.entities[t.entity];
    threats.push_back(
        {{"id", ent.id},
         {"type", ent.type},
         {"outcome", core::name_of(t.outcome)},
         {"time_s", round_to(t.time_s, 3)},
         {"first_detection_s", number_or_null(det.first_detection_s[t.entity], 3)},
         {"first_detection_range_m", number_or_null(det.first_detection_range_m[t.entity], 1)},
         {"interceptors", engaged[t.entity].shots.size()},
         {"killed_by", engaged[t.entity].kill
                           ? ordered_json(run.entities[engaged[t.entity].kill->interceptor].id)
                           : ordered_json()},
         {"kill_range_m", engaged[t.entity].kill ? ordered_json(round_to(engaged[t.entity].kill->range_m, 1))
                                                 : ordered_json()}});
    ++counts[std::size_t(t.outcome)];
  }
  return {{"scenario", sc.name},
          {"seed", run.seed},
          {"replicate", run.replicate},
          {"end_time_s", round_to(run.end_time_s, 3)},
          {"threats", threats},
          {"totals",
           {{"threats", run.threats.size()},
            {"killed", counts[std::size_t(sim::Outcome::kKilled)]},
            {"leaked", counts[std::size_t(sim::Outcome::kLeaked)]},
            {"not_engaged", counts[std::size_t(sim::Outcome::kNotEngaged)]},
            {"survived", counts[std::size_t(sim::Outcome::kSurvived)]},
            {"missed", counts[std::size_t(sim::Outcome::kMissed)]},
            {"events", run.events.size()},
            {"detections", det.detections},
            {"false_alarms", det.false_alarms},
            {"jam_strobes", det.strobes},
            {"interceptors_fired", run.shots.size()},
            {"fratricides", std::count_if(run.shots.begin(), run.shots.end(),
                                          [](const sim::ShotRecord& s) { return s.fratricide; })},
            {"false_kill_assessments", false_kill_assessments(run)}}},
          {"spending", spending_json(run)},
          {"ledger", ledger_json(sc, run)},
          {"tracking", tracking_json(sc, run)}};
}

std::string summary_table(const scenario::Scenario& sc, const sim::RunResult& run) {
  std::size_t w_id = 6, w_type = 4;
  for (const auto& t : run.threats) {
    w_id = std::max(w_id, run.entities[t.entity].id.size());
    w_type = std::max(w_type, run.entities[t.entity].type.size());
  }
  std::string out = fmt::format("scenario {}, seed {}: {:.1f} s simulated, {} events\n\n", sc.name, run.seed,
                                run.end_time_s, run.events.size());
  const std::vector<Engaged> engaged = engaged_by(run);
  out += fmt::format("  {:<{}}  {:<{}}  {:<11}  {:>10}  {:>14}  {:>10}  {}\n", "threat", w_id, "type", w_type,
                     "outcome", "time (s)", "detected (s)", "at (km)", "killed by");
  std::array<int, 5> counts{};
  const DetectionCounts det = count_detections(run);
  for (const auto& t : run.threats) {
    const sim::Entity& ent = run.entities[t.entity];
    const double first = det.first_detection_s[t.entity];
    const sim::ShotRecord* kill = engaged[t.entity].kill;
    out += fmt::format(
        "  {:<{}}  {:<{}}  {:<11}  {:>10.1f}  {:>14}  {:>10}  {}\n", ent.id, w_id, ent.type, w_type,
        core::name_of(t.outcome), t.time_s, std::isnan(first) ? "-" : fmt::format("{:.1f}", first),
        std::isnan(first) ? "-" : fmt::format("{:.1f}", det.first_detection_range_m[t.entity] / 1000.0),
        kill ? fmt::format("{} ({}, {:.1f} km, {} fired){}", run.entities[kill->interceptor].id,
                           kill->missile, kill->range_m / 1000.0, engaged[t.entity].shots.size(),
                           kill->fratricide ? ": FRATRICIDE" : "")
        : engaged[t.entity].shots.empty() ? "-"
                                          : fmt::format("- ({} fired)", engaged[t.entity].shots.size()));
    ++counts[std::size_t(t.outcome)];
  }
  out += fmt::format("\n  {} threats: {} killed, {} leaked, {} missed, {} not engaged, {} survived\n",
                     run.threats.size(), counts[0], counts[1], counts[4], counts[2], counts[3]);
  out += fmt::format("  {} detections, {} false alarms, {} jam strobes\n", det.detections, det.false_alarms,
                     det.strobes);
  for (const auto& b : spending_json(run)) {
    std::string line;
    for (const auto& m : b["missiles"])
      line += fmt::format("{}{} x {}", line.empty() ? "" : ", ", m["fired"].get<int>(),
                          m["type"].get<std::string>());
    out += fmt::format("  {}: {} interceptors fired ({}), ${:.1f} M\n", b["battalion"].get<std::string>(),
                       b["fired"].get<int>(), line, b["cost_usd"].get<double>() / 1e6);
  }
  const Ledger l = ledger_of(sc, run);
  out += fmt::format(
      "  ledger: ${:.1f} M spent, ${:.1f} M of threats destroyed{}; assets ${:.1f} M, ${:.1f} M destroyed, "
      "${:.1f} M saved\n",
      l.spent_usd / 1e6, l.destroyed_usd / 1e6,
      l.friendly_lost_usd > 0.0
          ? fmt::format(", ${:.1f} M of friendly aircraft lost", l.friendly_lost_usd / 1e6)
          : std::string(),
      l.asset_value_usd / 1e6, l.asset_destroyed_usd / 1e6,
      (l.asset_value_usd - l.asset_destroyed_usd) / 1e6);
  if (run.picture.empty()) return out;
  const PictureTotals p = picture_totals(run, 300.0);
  out += fmt::format(
      "  air picture: {} tracks started, {} confirmed; GOSPA (c {:g} m, p {:g}) mean {:.0f} m, "
      "max {:.0f} m; on average {:.2f} threats missed, {:.2f} false tracks\n",
      p.initiated, p.confirmed, sc.tracker.gospa_c_m, sc.tracker.gospa_p, p.gospa_mean, p.gospa_max,
      p.missed_mean, p.false_mean);
  out += "  GOSPA per 5 min (m):";
  for (const auto& [t, g] : p.series) out += fmt::format(" {:.0f}", g);
  out += "\n";
  return out;
}

}  // namespace opensam::output
