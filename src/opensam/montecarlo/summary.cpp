#include "opensam/montecarlo/summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace opensam::montecarlo {

using nlohmann::ordered_json;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ratio(double a, double b) { return b > 0.0 ? a / b : kNaN; }

PointStats point_stats(const CampaignInfo& info, const std::vector<const ReplicateRecord*>& rs,
                       std::string label) {
  PointStats s;
  s.label = std::move(label);
  s.replicates = rs.size();
  std::uint64_t any_leak = 0, annihilated = 0;
  std::vector<double> leakers, kills, fired, per_interceptor, cost, per_kill, exchange, to_asset, lost, first,
      fratricides, gospa, destroyed, saved, strikes_missed;
  const std::size_t n_threats = info.threat_ids.size();
  std::vector<std::uint64_t> leaks(n_threats), killed(n_threats);
  std::vector<double> shots_at(n_threats);
  std::map<std::string, std::pair<double, double>> missiles;
  for (const ReplicateRecord* r : rs) {
    if (r->leaked > 0) ++any_leak;
    if (r->hostile > 0 && r->killed == r->hostile) ++annihilated;
    leakers.push_back(r->leaked);
    kills.push_back(r->killed);
    fired.push_back(r->interceptors);
    per_interceptor.push_back(r->interceptors > 0 ? double(r->killed) / r->interceptors : kNaN);
    cost.push_back(r->cost_usd);
    per_kill.push_back(r->killed > 0 ? r->cost_usd / r->killed : kNaN);
    exchange.push_back(ratio(r->cost_usd, r->threat_value_killed_usd));
    to_asset.push_back(ratio(r->cost_usd, info.asset_value_usd));
    lost.push_back(r->asset_value_lost_usd);
    destroyed.push_back(r->threat_value_killed_usd);
    saved.push_back(info.asset_value_usd - r->asset_value_lost_usd);
    strikes_missed.push_back(r->strikes_missed);
    first.push_back(r->first_leak_s);
    fratricides.push_back(r->fratricides);
    gospa.push_back(r->gospa_mean_m);
    for (std::size_t i = 0; i < n_threats && i < r->threats.size(); ++i) {
      leaks[i] += r->threats[i].outcome == sim::Outcome::kLeaked;
      killed[i] += r->threats[i].outcome == sim::Outcome::kKilled;
      shots_at[i] += r->threats[i].interceptors;
    }
    for (const MissileSpend& m : r->missiles) {
      missiles[m.missile].first += m.fired;
      missiles[m.missile].second += m.cost_usd;
    }
  }
  const std::uint64_t n = rs.size();
  s.leak_probability = wilson(any_leak, n);
  s.raid_annihilation = wilson(annihilated, n);
  s.leakers = distribution(leakers);
  s.kills = distribution(kills);
  s.interceptors = distribution(fired);
  s.kills_per_interceptor = distribution(per_interceptor);
  s.cost_usd = distribution(cost);
  s.cost_per_kill = distribution(per_kill);
  s.cost_exchange = distribution(exchange);
  s.cost_exchange_total = ratio_of_totals(cost, destroyed, info.seed);
  s.cost_to_value_saved_total = ratio_of_totals(cost, saved, info.seed);
  s.asset_value_saved_usd = distribution(saved);
  s.strikes_missed = distribution(strikes_missed);
  s.cost_to_asset_value = distribution(to_asset);
  s.asset_value_lost_usd = distribution(lost);
  s.first_leak_s = distribution(first);
  s.fratricides = distribution(fratricides);
  s.gospa_m = distribution(gospa);
  for (std::size_t i = 0; i < n_threats; ++i) {
    s.threats.push_back({info.threat_ids[i], info.threat_types[i], bool(info.threat_friendly[i]),
                         wilson(leaks[i], n), wilson(killed[i], n), n > 0 ? shots_at[i] / double(n) : 0.0});
  }
  for (const auto& [missile, v] : missiles)
    s.missiles.push_back({missile, v.first / double(std::max<std::uint64_t>(n, 1)),
                          v.second / double(std::max<std::uint64_t>(n, 1))});
  return s;
}

ordered_json interval_json(const Interval& i) {
  return {{"mean", i.mean}, {"ci95_low", i.low}, {"ci95_high", i.high}};
}

ordered_json number(double x) { return std::isfinite(x) ? ordered_json(x) : ordered_json(); }

ordered_json distribution_json(const Distribution& d) {
  if (d.count == 0) return {{"count", 0}, {"mean", nullptr}};
  return {{"count", d.count}, {"mean", d.mean}, {"min", d.min}, {"p05", d.p05},
          {"p50", d.p50},     {"p95", d.p95},   {"max", d.max}};
}

ordered_json mean_or_null(const Distribution& d) { return d.count > 0 ? number(d.mean) : ordered_json(); }

ordered_json ratio_json(const RatioInterval& r) {
  return {{"ratio", number(r.ratio)}, {"ci95_low", number(r.low)}, {"ci95_high", number(r.high)}};
}

ordered_json point_json(const PointStats& s) {
  ordered_json threats = ordered_json::array();
  for (const ThreatStats& t : s.threats)
    threats.push_back({{"id", t.id},
                       {"type", t.type},
                       {"friendly", t.friendly},
                       {"leak_probability", interval_json(t.leak)},
                       {"kill_probability", interval_json(t.kill)},
                       {"interceptors_mean", t.interceptors_mean}});
  ordered_json missiles = ordered_json::array();
  for (const MissileStats& m : s.missiles)
    missiles.push_back(
        {{"type", m.missile}, {"fired_mean", m.fired_mean}, {"cost_mean_usd", m.cost_mean_usd}});
  return {{"label", s.label},
          {"replicates", s.replicates},
          {"leak_probability", interval_json(s.leak_probability)},
          {"raid_annihilation_probability", interval_json(s.raid_annihilation)},
          {"interceptors_fired_mean", mean_or_null(s.interceptors)},
          {"cost_per_kill_mean", mean_or_null(s.cost_per_kill)},
          {"cost_exchange_ratio_mean", mean_or_null(s.cost_exchange)},
          {"cost_exchange", ratio_json(s.cost_exchange_total)},
          {"cost_to_asset_value_saved", ratio_json(s.cost_to_value_saved_total)},
          {"leakers", distribution_json(s.leakers)},
          {"kills", distribution_json(s.kills)},
          {"interceptors_fired", distribution_json(s.interceptors)},
          {"kills_per_interceptor", distribution_json(s.kills_per_interceptor)},
          {"interceptor_cost_usd", distribution_json(s.cost_usd)},
          {"cost_per_kill_usd", distribution_json(s.cost_per_kill)},
          {"cost_exchange_ratio", distribution_json(s.cost_exchange)},
          {"cost_to_asset_value", distribution_json(s.cost_to_asset_value)},
          {"asset_value_lost_usd", distribution_json(s.asset_value_lost_usd)},
          {"asset_value_saved_usd", distribution_json(s.asset_value_saved_usd)},
          {"strikes_missed", distribution_json(s.strikes_missed)},
          {"first_leak_s", distribution_json(s.first_leak_s)},
          {"fratricides", distribution_json(s.fratricides)},
          {"gospa_mean_m", distribution_json(s.gospa_m)},
          {"missiles", missiles},
          {"threats", threats}};
}

std::string money(double usd) {
  if (!std::isfinite(usd)) return "-";
  if (std::abs(usd) >= 1e9) return fmt::format("${:.2f} B", usd / 1e9);
  if (std::abs(usd) >= 1e6) return fmt::format("${:.2f} M", usd / 1e6);
  if (std::abs(usd) >= 1e3) return fmt::format("${:.1f} k", usd / 1e3);
  return fmt::format("${:.0f}", usd);
}

std::string ratio_interval_text(const RatioInterval& r) {
  if (!std::isfinite(r.ratio)) return "-";
  return fmt::format("{:.3g}  [{:.3g}, {:.3g}]  (totals, bootstrap 95 %)", r.ratio, r.low, r.high);
}

std::string interval_text(const Interval& i) {
  return fmt::format("{:.3f}  [{:.3f}, {:.3f}]", i.mean, i.low, i.high);
}

std::string spread_text(const Distribution& d, const std::function<std::string(double)>& f) {
  if (d.count == 0) return "-";
  return fmt::format("{}  (5-95 %: {} to {})", f(d.mean), f(d.p05), f(d.p95));
}

}  // namespace

double CampaignStats::widest_half_width() const {
  double w = 0.0;
  for (const PointStats& p : points) {
    w = std::max({w, p.leak_probability.half_width(), p.raid_annihilation.half_width()});
    for (const ThreatStats& t : p.threats) w = std::max({w, t.leak.half_width(), t.kill.half_width()});
  }
  return w;
}

CampaignStats summarise(const CampaignInfo& info, const std::vector<ReplicateRecord>& records) {
  CampaignStats out;
  out.info = info;
  std::vector<std::vector<const ReplicateRecord*>> by_point(info.points.size());
  std::vector<const ReplicateRecord*> all;
  for (const ReplicateRecord& r : records) {
    if (r.point >= by_point.size()) continue;
    by_point[r.point].push_back(&r);
    all.push_back(&r);
  }
  const auto order = [](const ReplicateRecord* a, const ReplicateRecord* b) {
    return std::pair(a->point, a->replicate) < std::pair(b->point, b->replicate);
  };
  std::sort(all.begin(), all.end(), order);
  out.all = point_stats(info, all, info.points.size() == 1 ? info.points[0].label() : "every point");
  for (std::size_t p = 0; p < by_point.size(); ++p) {
    std::sort(by_point[p].begin(), by_point[p].end(), order);
    out.points.push_back(point_stats(info, by_point[p], info.points[p].label()));
  }
  return out;
}

ordered_json to_json(const CampaignStats& stats) {
  ordered_json j = point_json(stats.all);
  j.erase("label");
  ordered_json head = {{"scenario", stats.info.scenario_name},
                       {"scenario_hash", stats.info.scenario_hash},
                       {"opensam_version", stats.info.version},
                       {"seed", stats.info.seed}};
  head.update(j);
  ordered_json points = ordered_json::array();
  for (std::size_t i = 0; i < stats.points.size(); ++i) {
    ordered_json p = {{"point", i}};
    ordered_json settings = ordered_json::object();
    for (const auto& [k, v] : stats.info.points[i].settings) settings[k] = v;
    p["settings"] = settings;
    p.update(point_json(stats.points[i]));
    points.push_back(p);
  }
  head["points"] = points;
  return head;
}

std::string to_table(const CampaignStats& stats) {
  std::string out = fmt::format(
      "campaign of scenario {}, seed {}: {} replicates{}\n", stats.info.scenario_name, stats.info.seed,
      stats.all.replicates,
      stats.points.size() > 1 ? fmt::format(" over {} sweep points", stats.points.size()) : std::string());
  const auto count = [](double x) { return fmt::format("{:.2f}", x); };
  const auto ratio_text = [](double x) { return fmt::format("{:.2f}", x); };
  const auto seconds = [](double x) { return fmt::format("{:.0f} s", x); };
  for (const PointStats& p : stats.points) {
    out += fmt::format("\n  {} ({} replicates)\n", p.label, p.replicates);
    out += fmt::format("    {:<34} {}\n", "leak probability (any leaker)", interval_text(p.leak_probability));
    out +=
        fmt::format("    {:<34} {}\n", "raid annihilation probability", interval_text(p.raid_annihilation));
    out += fmt::format("    {:<34} {}\n", "leakers", spread_text(p.leakers, count));
    out += fmt::format("    {:<34} {}\n", "kills", spread_text(p.kills, count));
    out += fmt::format("    {:<34} {}\n", "interceptors fired", spread_text(p.interceptors, count));
    out += fmt::format("    {:<34} {}\n", "kills per interceptor",
                       spread_text(p.kills_per_interceptor, ratio_text));
    out += fmt::format("    {:<34} {}\n", "interceptor cost", spread_text(p.cost_usd, money));
    out += fmt::format("    {:<34} {}\n", "cost per kill", spread_text(p.cost_per_kill, money));
    out += fmt::format("    {:<34} {}\n", "cost exchange (spent / destroyed)",
                       ratio_interval_text(p.cost_exchange_total));
    out += fmt::format("    {:<34} {}\n", "  per replicate with a kill",
                       spread_text(p.cost_exchange, ratio_text));
    out += fmt::format("    {:<34} {}\n", "spent / asset value saved",
                       ratio_interval_text(p.cost_to_value_saved_total));
    out +=
        fmt::format("    {:<34} {}\n", "asset value destroyed", spread_text(p.asset_value_lost_usd, money));
    out += fmt::format("    {:<34} {}\n", "spent / defended asset value",
                       spread_text(p.cost_to_asset_value, [](double x) { return fmt::format("{:.4f}", x); }));
    out += fmt::format("    {:<34} {}\n", "first leak", spread_text(p.first_leak_s, seconds));
    if (p.fratricides.mean > 0.0)
      out += fmt::format("    {:<34} {}\n", "fratricides", spread_text(p.fratricides, count));
    out += fmt::format("    {:<34} {}\n", "air picture GOSPA (mean)",
                       spread_text(p.gospa_m, [](double x) { return fmt::format("{:.0f} m", x); }));
    std::size_t w = 6;
    for (const ThreatStats& t : p.threats) w = std::max(w, t.id.size());
    out += fmt::format("\n    {:<{}}  {:<10}  {:<26}  {:<26}  {}\n", "threat", w, "type", "P(leak) [95 % CI]",
                       "P(kill) [95 % CI]", "fired at it");
    for (const ThreatStats& t : p.threats)
      out += fmt::format("    {:<{}}  {:<10}  {:<26}  {:<26}  {:.2f}{}\n", t.id, w, t.type,
                         interval_text(t.leak), interval_text(t.kill), t.interceptors_mean,
                         t.friendly ? "  (friendly)" : "");
  }
  return out;
}

}  // namespace opensam::montecarlo
