#include "opensam/montecarlo/record.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace opensam::montecarlo {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// NaN does not survive JSON-like encodings: written as null.
nlohmann::json number(double x) { return std::isnan(x) ? nlohmann::json() : nlohmann::json(x); }
double number(const nlohmann::json& j) { return j.is_null() ? kNaN : j.get<double>(); }
}  // namespace

ReplicateRecord make_record(const scenario::Scenario& sc, const sim::RunResult& run, std::uint32_t point) {
  ReplicateRecord r;
  r.point = point;
  r.replicate = run.replicate;
  r.end_time_s = run.end_time_s;
  r.first_leak_s = kNaN;
  // Entity index -> threat index.
  std::vector<int> threat_of(run.entities.size(), -1);
  for (std::size_t i = 0; i < run.threats.size(); ++i) threat_of[run.threats[i].entity] = int(i);

  r.threats.resize(run.threats.size());
  std::map<std::string, MissileSpend> spend;
  for (const sim::ShotRecord& s : run.shots) {
    ++r.interceptors;
    r.cost_usd += s.cost_usd;
    MissileSpend& m = spend[s.missile];
    m.missile = s.missile;
    ++m.fired;
    m.cost_usd += s.cost_usd;
    if (s.target == sim::kNoEntity || threat_of[s.target] < 0) continue;
    ThreatRecord& t = r.threats[std::size_t(threat_of[s.target])];
    ++t.interceptors;
    if (s.result == sim::ShotResult::kKilled) t.killed_by = s.missile;
  }
  for (auto& [name, m] : spend) r.missiles.push_back(m);

  for (std::size_t i = 0; i < run.threats.size(); ++i) {
    const sim::ThreatOutcome& o = run.threats[i];
    const scenario::Threat& threat = sc.threats[i];
    ThreatRecord& t = r.threats[i];
    t.outcome = o.outcome;
    t.time_s = o.time_s;
    if (threat.friendly) {
      if (o.outcome == sim::Outcome::kKilled) ++r.fratricides;
      continue;
    }
    ++r.hostile;
    switch (o.outcome) {
      case sim::Outcome::kKilled:
        ++r.killed;
        r.threat_value_killed_usd += sc.threat_types.at(threat.type).unit_cost_usd;
        break;
      case sim::Outcome::kLeaked:
        ++r.leaked;
        if (std::isnan(r.first_leak_s) || o.time_s < r.first_leak_s) r.first_leak_s = o.time_s;
        break;
      case sim::Outcome::kNotEngaged: ++r.not_engaged; break;
      case sim::Outcome::kSurvived: ++r.survived; break;
      case sim::Outcome::kMissed: ++r.strikes_missed; break;
    }
  }
  for (const double v : run.asset_value_destroyed_usd) r.asset_value_lost_usd += v;

  if (run.picture.empty()) {
    r.gospa_mean_m = r.missed_mean = r.false_tracks_mean = kNaN;
  } else {
    double g = 0.0, missed = 0.0, false_tracks = 0.0;
    for (const sim::PictureSample& p : run.picture) {
      g += p.gospa_m;
      missed += p.missed;
      false_tracks += p.false_tracks;
    }
    const double n = double(run.picture.size());
    r.gospa_mean_m = g / n;
    r.missed_mean = missed / n;
    r.false_tracks_mean = false_tracks / n;
  }
  return r;
}

std::vector<std::uint8_t> to_bytes(const std::vector<ReplicateRecord>& records) {
  nlohmann::json all = nlohmann::json::array();
  for (const ReplicateRecord& r : records) {
    nlohmann::json threats = nlohmann::json::array();
    for (const ThreatRecord& t : r.threats)
      threats.push_back({int(t.outcome), t.time_s, t.killed_by, t.interceptors});
    nlohmann::json missiles = nlohmann::json::array();
    for (const MissileSpend& m : r.missiles) missiles.push_back({m.missile, m.fired, m.cost_usd});
    all.push_back({r.point,
                   r.replicate,
                   r.end_time_s,
                   r.hostile,
                   r.killed,
                   r.leaked,
                   r.not_engaged,
                   r.survived,
                   r.interceptors,
                   r.cost_usd,
                   r.threat_value_killed_usd,
                   r.asset_value_lost_usd,
                   r.fratricides,
                   number(r.first_leak_s),
                   number(r.gospa_mean_m),
                   number(r.missed_mean),
                   number(r.false_tracks_mean),
                   threats,
                   missiles,
                   r.strikes_missed});
  }
  return nlohmann::json::to_cbor(all);
}

std::vector<ReplicateRecord> from_bytes(const std::vector<std::uint8_t>& bytes) {
  std::vector<ReplicateRecord> out;
  try {
    const nlohmann::json all = nlohmann::json::from_cbor(bytes);
    for (const auto& j : all) {
      ReplicateRecord r;
      r.point = j.at(0).get<std::uint32_t>();
      r.replicate = j.at(1).get<std::uint64_t>();
      r.end_time_s = j.at(2).get<double>();
      r.hostile = j.at(3).get<std::uint32_t>();
      r.killed = j.at(4).get<std::uint32_t>();
      r.leaked = j.at(5).get<std::uint32_t>();
      r.not_engaged = j.at(6).get<std::uint32_t>();
      r.survived = j.at(7).get<std::uint32_t>();
      r.interceptors = j.at(8).get<std::uint32_t>();
      r.cost_usd = j.at(9).get<double>();
      r.threat_value_killed_usd = j.at(10).get<double>();
      r.asset_value_lost_usd = j.at(11).get<double>();
      r.fratricides = j.at(12).get<std::uint32_t>();
      r.first_leak_s = number(j.at(13));
      r.gospa_mean_m = number(j.at(14));
      r.missed_mean = number(j.at(15));
      r.false_tracks_mean = number(j.at(16));
      for (const auto& t : j.at(17))
        r.threats.push_back({sim::Outcome(t.at(0).get<int>()), t.at(1).get<double>(),
                             t.at(2).get<std::string>(), t.at(3).get<std::uint32_t>()});
      for (const auto& m : j.at(18))
        r.missiles.push_back(
            {m.at(0).get<std::string>(), m.at(1).get<std::uint32_t>(), m.at(2).get<double>()});
      r.strikes_missed = j.at(19).get<std::uint32_t>();
      out.push_back(std::move(r));
    }
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("not a list of replicate records: ") + e.what());
  }
  return out;
}

output::Table replicates_table(const std::vector<ReplicateRecord>& records) {
  output::Table t;
  const std::size_t point = t.add_integer("point"), replicate = t.add_integer("replicate"),
                    end = t.add_real("end_time_s", 3), hostile = t.add_integer("hostile"),
                    killed = t.add_integer("killed"), leaked = t.add_integer("leaked"),
                    not_engaged = t.add_integer("not_engaged"), survived = t.add_integer("survived"),
                    interceptors = t.add_integer("interceptors"), cost = t.add_real("cost_usd", 0),
                    value_killed = t.add_real("threat_value_killed_usd", 0),
                    value_lost = t.add_real("asset_value_lost_usd", 0),
                    fratricides = t.add_integer("fratricides"), first_leak = t.add_real("first_leak_s", 3),
                    gospa = t.add_real("gospa_mean_m", 2), missed = t.add_real("missed_mean", 4),
                    false_tracks = t.add_real("false_tracks_mean", 4),
                    strikes_missed = t.add_integer("strikes_missed");
  t.reserve(records.size());
  for (const ReplicateRecord& r : records) {
    t.push_integer(point, r.point);
    t.push_integer(replicate, std::int64_t(r.replicate));
    t.push(end, r.end_time_s);
    t.push_integer(hostile, r.hostile);
    t.push_integer(killed, r.killed);
    t.push_integer(leaked, r.leaked);
    t.push_integer(not_engaged, r.not_engaged);
    t.push_integer(survived, r.survived);
    t.push_integer(interceptors, r.interceptors);
    t.push(cost, r.cost_usd);
    t.push(value_killed, r.threat_value_killed_usd);
    t.push(value_lost, r.asset_value_lost_usd);
    t.push_integer(fratricides, r.fratricides);
    t.push(first_leak, r.first_leak_s);
    t.push(gospa, r.gospa_mean_m);
    t.push(missed, r.missed_mean);
    t.push(false_tracks, r.false_tracks_mean);
    t.push_integer(strikes_missed, r.strikes_missed);
  }
  return t;
}

output::Table threat_outcomes_table(const std::vector<ReplicateRecord>& records,
                                    const std::vector<std::string>& threat_ids,
                                    const std::vector<std::string>& threat_types,
                                    const std::vector<bool>& threat_friendly) {
  output::Table t;
  const std::size_t point = t.add_integer("point"), replicate = t.add_integer("replicate"),
                    threat = t.add_text("threat"), type = t.add_text("type"),
                    friendly = t.add_integer("friendly"), outcome = t.add_text("outcome"),
                    time = t.add_real("time_s", 3), killed_by = t.add_text("killed_by"),
                    interceptors = t.add_integer("interceptors");
  t.reserve(records.size() * threat_ids.size());
  for (const ReplicateRecord& r : records) {
    for (std::size_t i = 0; i < r.threats.size(); ++i) {
      const ThreatRecord& th = r.threats[i];
      t.push_integer(point, r.point);
      t.push_integer(replicate, std::int64_t(r.replicate));
      t.push_text(threat, i < threat_ids.size() ? threat_ids[i] : "");
      t.push_text(type, i < threat_types.size() ? threat_types[i] : "");
      t.push_integer(friendly, i < threat_friendly.size() && threat_friendly[i] ? 1 : 0);
      t.push_text(outcome, core::name_of(th.outcome));
      t.push(time, th.time_s);
      t.push_text(killed_by, th.killed_by);
      t.push_integer(interceptors, th.interceptors);
    }
  }
  return t;
}

output::Table interceptors_table(const std::vector<ReplicateRecord>& records) {
  output::Table t;
  const std::size_t point = t.add_integer("point"), replicate = t.add_integer("replicate"),
                    missile = t.add_text("missile"), fired = t.add_integer("fired"),
                    cost = t.add_real("cost_usd", 0);
  for (const ReplicateRecord& r : records) {
    for (const MissileSpend& m : r.missiles) {
      t.push_integer(point, r.point);
      t.push_integer(replicate, std::int64_t(r.replicate));
      t.push_text(missile, m.missile);
      t.push_integer(fired, m.fired);
      t.push(cost, m.cost_usd);
    }
  }
  return t;
}

}  // namespace opensam::montecarlo
