#include "opensam/output/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "opensam/output/writers.hpp"
#include "opensam/sensors/rcs.hpp"

namespace opensam::output {

std::string_view aspect_sector(double aspect_az_deg) {
  const double a = std::abs(aspect_az_deg);
  return a < 45.0 ? "nose" : a <= 135.0 ? "beam" : "tail";
}

double held_time_s(const std::vector<double>& times_s, double max_gap_s) {
  double held = 0.0;
  for (std::size_t k = 1; k < times_s.size(); ++k) {
    const double gap = times_s[k] - times_s[k - 1];
    if (gap <= max_gap_s) held += gap;
  }
  return held;
}

std::string markup_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string script_json(const nlohmann::ordered_json& j) {
  std::string s = j.dump();
  for (std::size_t p = s.find("</"); p != std::string::npos; p = s.find("</", p + 3)) s.replace(p, 2, "<\\/");
  return s;
}

namespace {

using nlohmann::ordered_json;
constexpr auto esc = markup_escape;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A number for a table cell, a dash when it is not finite.
std::string cell(double v, int decimals) {
  return std::isfinite(v) ? fmt::format("{:.{}f}", v, decimals) : "-";
}

ordered_json num(double v, int decimals) {
  if (!std::isfinite(v)) return nullptr;
  const double scale = std::pow(10.0, decimals);
  return std::round(v * scale) / scale;
}

/// The run read once for the report: per threat its first detection and first track, from
/// the analysis truth behind detections and a nearest-truth match of each confirmed track.
struct Facts {
  std::vector<double> first_detection_s, first_detection_range_m;
  std::vector<double> first_track_s, first_track_range_m;
  std::vector<geo::Lla> created;
  std::vector<std::size_t> radars;  ///< entity indices of radar sites
};

/// Where entity `e` truly was at `t_s`, linear between truth samples; false outside them.
bool truth_at(const std::vector<const sim::TruthSample*>& samples, double t_s, geo::Vec3& ecef) {
  if (samples.empty() || t_s < samples.front()->time_s || t_s > samples.back()->time_s) return false;
  const auto it = std::lower_bound(samples.begin(), samples.end(), t_s,
                                   [](const sim::TruthSample* s, double t) { return s->time_s < t; });
  const sim::TruthSample* b = *it;
  const sim::TruthSample* a = it == samples.begin() ? b : *(it - 1);
  const geo::Vec3 pa = geo::lla_to_ecef(a->where);
  const geo::Vec3 pb = geo::lla_to_ecef(b->where);
  const double f = b->time_s > a->time_s ? (t_s - a->time_s) / (b->time_s - a->time_s) : 0.0;
  ecef = pa + f * (pb - pa);
  return true;
}

Facts gather(const scenario::Scenario& sc, const sim::RunResult& run) {
  const std::size_t n = run.entities.size();
  Facts f;
  f.first_detection_s.assign(n, kNaN);
  f.first_detection_range_m.assign(n, kNaN);
  f.first_track_s.assign(n, kNaN);
  f.first_track_range_m.assign(n, kNaN);
  f.created.resize(n);
  for (std::size_t i = 0; i < sc.sites.size(); ++i)
    if (sc.site_types.at(sc.sites[i].type).kind == scenario::SiteKind::kRadar) f.radars.push_back(i);
  std::vector<std::vector<const sim::TruthSample*>> truth(n);
  for (const auto& s : run.truth) truth[s.entity].push_back(&s);
  for (const auto& e : run.events) {
    if (const auto* c = std::get_if<sim::EntityCreated>(&e.data)) {
      f.created[c->entity] = c->where;
    } else if (const auto* d = std::get_if<sim::Detection>(&e.data)) {
      if (d->target != sim::kNoEntity && std::isnan(f.first_detection_s[d->target])) {
        f.first_detection_s[d->target] = e.time_s;
        f.first_detection_range_m[d->target] = d->range_m;
      }
    } else if (const auto* r = std::get_if<sim::TrackReport>(&e.data)) {
      if (r->kind != tracking::TrackEventKind::kConfirmed || !r->has_estimate) continue;
      const geo::Vec3 est = geo::lla_to_ecef(r->where);
      std::size_t best = n;
      double best_m = sc.tracker.gospa_c_m;
      for (const auto& o : run.threats) {
        geo::Vec3 p;
        if (!truth_at(truth[o.entity], e.time_s, p)) continue;
        const double d_m = (p - est).norm();
        if (d_m < best_m) {
          best_m = d_m;
          best = o.entity;
        }
      }
      if (best == n || !std::isnan(f.first_track_s[best])) continue;
      geo::Vec3 p;
      truth_at(truth[best], e.time_s, p);
      double range = kNaN;
      for (std::size_t radar : f.radars) {
        const double d_m = (geo::lla_to_ecef(f.created[radar]) - p).norm();
        if (!(d_m >= range)) range = d_m;
      }
      f.first_track_s[best] = e.time_s;
      f.first_track_range_m[best] = range;
    }
  }
  return f;
}

const scenario::ThreatType* threat_type(const scenario::Scenario& sc, const std::string& type) {
  const auto it = sc.threat_types.find(type);
  return it == sc.threat_types.end() ? nullptr : &it->second;
}

constexpr const char* kStyle = R"(
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#1d2330;padding:0 16px}
h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:32px;border-bottom:1px solid #d6dae2}
table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}
th,td{padding:3px 9px;border-bottom:1px solid #e5e8ee;text-align:right}th{background:#f2f4f8}
td:first-child,th:first-child,td.l{text-align:left}.muted{color:#667}
.killed{color:#117a2a}.leaked{color:#b3121f}.not_engaged,.survived{color:#8a5a00}
.chart{position:relative;height:300px;margin:8px 0}.tall{height:420px}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{background:#f2f4f8;border-radius:6px;padding:8px 14px}
.card b{display:block;font-size:20px}
)";

/// The summary cards.
void summary_cards(std::string& h, const ordered_json& totals, double cost, double gospa_mean_m) {
  // Summary cards.
  h += "<h2 id=\"summary\">Summary</h2><div class=\"cards\">";
  const auto card = [&](std::string_view label, const std::string& value) {
    h += fmt::format("<div class=\"card\"><b>{}</b>{}</div>", esc(value), esc(label));
  };
  card("threats", fmt::format("{}", totals["threats"].get<int>()));
  card("killed", fmt::format("{}", totals["killed"].get<int>()));
  card("leaked", fmt::format("{}", totals["leaked"].get<int>()));
  card("not engaged", fmt::format("{}", totals["not_engaged"].get<int>()));
  card("still flying", fmt::format("{}", totals["survived"].get<int>()));
  card("interceptors fired", fmt::format("{}", totals["interceptors_fired"].get<int>()));
  card("interceptor cost", fmt::format("${:.1f} M", cost / 1e6));
  card("fratricides", fmt::format("{}", totals["fratricides"].get<int>()));
  card("detections", fmt::format("{}", totals["detections"].get<int>()));
  card("false alarms", fmt::format("{}", totals["false_alarms"].get<int>()));
  card("mean GOSPA", cell(gospa_mean_m, 0) + " m");
  h += "</div>\n";
}

/// Per threat: its outcome, first detection and track, interceptors and best miss.
void threats_table(std::string& h, const scenario::Scenario& sc, const sim::RunResult& run,
                   const ordered_json& summary, const Facts& facts) {
  // Per-threat outcomes.
  h += "<h2 id=\"threats\">Threats</h2><table><tr><th>threat</th><th>type</th><th>outcome</th><th>at (s)</th>"
       "<th>first detected (s)</th><th>at (km)</th><th>first track (s)</th><th>at (km)</th>"
       "<th>interceptors</th><th>killed by</th><th>best miss (m)</th></tr>\n";
  std::vector<double> best_miss(run.entities.size(), kNaN);
  std::vector<int> fired_at(run.entities.size(), 0);
  for (const auto& s : run.shots) {
    if (s.target == sim::kNoEntity) continue;
    ++fired_at[s.target];
    if (std::isfinite(s.miss_m) && !(s.miss_m >= best_miss[s.target])) best_miss[s.target] = s.miss_m;
  }
  for (std::size_t k = 0; k < run.threats.size(); ++k) {
    const auto& o = run.threats[k];
    const sim::Entity& ent = run.entities[o.entity];
    const scenario::ThreatType* type = threat_type(sc, ent.type);
    const std::string outcome(core::name_of(o.outcome));
    const auto& killer = summary["threats"][k]["killed_by"];
    h += fmt::format(
        "<tr><td>{}</td><td class=\"l\">{}</td><td class=\"l "
        "{}\">{}</td><td>{:.1f}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td><td>{}</td><td class=\"l\">{}</td><td>{}</td></tr>\n",
        esc(ent.id), esc(type ? type->name : ent.type), outcome, outcome, o.time_s,
        cell(facts.first_detection_s[o.entity], 1), cell(facts.first_detection_range_m[o.entity] / 1e3, 1),
        cell(facts.first_track_s[o.entity], 1), cell(facts.first_track_range_m[o.entity] / 1e3, 1),
        fired_at[o.entity], killer.is_null() ? "-" : esc(killer.get<std::string>()),
        cell(best_miss[o.entity], 1));
  }
  h += "</table>\n";
}

/// The engagement timeline's data: per threat its first detection, first track, launches, bursts and outcome.
void timeline(std::string& h, ordered_json& data, const sim::RunResult& run, const Facts& facts) {
  // Timeline data: per threat its first detection, first track, launches, bursts and outcome.
  ordered_json labels = ordered_json::array();
  ordered_json detect = ordered_json::array(), track = ordered_json::array(), launch = ordered_json::array(),
               burst = ordered_json::array(), killed = ordered_json::array(), leaked = ordered_json::array();
  for (const auto& o : run.threats) {
    const std::string& id = run.entities[o.entity].id;
    labels.push_back(id);
    if (std::isfinite(facts.first_detection_s[o.entity]))
      detect.push_back({{"x", num(facts.first_detection_s[o.entity], 1)}, {"y", id}});
    if (std::isfinite(facts.first_track_s[o.entity]))
      track.push_back({{"x", num(facts.first_track_s[o.entity], 1)}, {"y", id}});
    if (o.outcome == sim::Outcome::kKilled) killed.push_back({{"x", num(o.time_s, 1)}, {"y", id}});
    if (o.outcome == sim::Outcome::kLeaked) leaked.push_back({{"x", num(o.time_s, 1)}, {"y", id}});
  }
  for (const auto& s : run.shots) {
    if (s.target == sim::kNoEntity) continue;
    const std::string& id = run.entities[s.target].id;
    launch.push_back({{"x", num(s.launch_s, 1)}, {"y", id}});
    if (s.result == sim::ShotResult::kKilled || s.result == sim::ShotResult::kMissed)
      burst.push_back({{"x", num(s.end_s, 1)}, {"y", id}});
  }
  data["timeline"] = {{"labels", labels}, {"detect", detect}, {"track", track},  {"launch", launch},
                      {"burst", burst},   {"killed", killed}, {"leaked", leaked}};
  h += "<h2 id=\"timeline\">Engagement timeline</h2><p class=\"muted\">Per threat: first detection, first "
       "confirmed track, each interceptor's launch and burst, and the kill or leak.</p>"
       "<div class=\"chart tall\"><canvas id=\"chart-timeline\"></canvas></div>\n";
}

/// Interceptors fired and their cost, by missile type.
void expenditure(std::string& h, ordered_json& data, const sim::RunResult& run, double cost) {
  // Expenditure by missile type.
  struct Spend {
    int fired = 0, killed = 0, missed = 0, other = 0;
    double cost = 0.0;
  };
  std::map<std::string, Spend> spend;
  for (const auto& s : run.shots) {
    Spend& x = spend[s.missile];
    ++x.fired;
    x.cost += s.cost_usd;
    if (s.result == sim::ShotResult::kKilled)
      ++x.killed;
    else if (s.result == sim::ShotResult::kMissed)
      ++x.missed;
    else
      ++x.other;
  }
  h += "<h2 id=\"expenditure\">Interceptors and cost</h2>";
  if (spend.empty()) {
    h += "<p>No interceptor was fired.</p>\n";
  } else {
    h += "<table><tr><th>missile</th><th>fired</th><th>killed</th><th>missed</th><th>self-destructed or "
         "flying</th><th>cost ($ M)</th></tr>\n";
    ordered_json names = ordered_json::array(), k = ordered_json::array(), m = ordered_json::array(),
                 o = ordered_json::array();
    for (const auto& [type, x] : spend) {
      h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.2f}</td></tr>\n",
                       esc(type), x.fired, x.killed, x.missed, x.other, x.cost / 1e6);
      names.push_back(type);
      k.push_back(x.killed);
      m.push_back(x.missed);
      o.push_back(x.other);
    }
    h += fmt::format("<tr><th>total</th><th>{}</th><th></th><th></th><th></th><th>{:.2f}</th></tr></table>\n",
                     run.shots.size(), cost / 1e6);
    data["spend"] = {{"labels", names}, {"killed", k}, {"missed", m}, {"other", o}};
    h += "<div class=\"chart\"><canvas id=\"chart-spend\"></canvas></div>\n";
  }
}

/// Detection and first-track ranges per threat type.
void ranges_table(std::string& h, ordered_json& data, const scenario::Scenario& sc, const sim::RunResult& run,
                  const Facts& facts) {
  // Detection and first-track ranges per threat type.
  struct Ranges {
    int count = 0, detected = 0, tracked = 0;
    double det_sum = 0.0, det_min = kNaN, det_max = kNaN, trk_sum = 0.0;
  };
  std::map<std::string, Ranges> ranges;
  for (const auto& o : run.threats) {
    Ranges& r = ranges[run.entities[o.entity].type];
    ++r.count;
    const double d = facts.first_detection_range_m[o.entity];
    if (std::isfinite(d)) {
      ++r.detected;
      r.det_sum += d;
      if (!(d >= r.det_min)) r.det_min = d;
      if (!(d <= r.det_max)) r.det_max = d;
    }
    const double t = facts.first_track_range_m[o.entity];
    if (std::isfinite(t)) {
      ++r.tracked;
      r.trk_sum += t;
    }
  }
  h += "<h2 id=\"ranges\">Detection and first-track ranges</h2><p class=\"muted\">First detection: the "
       "radar's "
       "range at the first detection of the threat. First track: its distance to the nearest radar when the "
       "command post first confirmed a track on it (the track matched to the nearest truth within the GOSPA "
       "cut-off).</p><table><tr><th>threat type</th><th>threats</th><th>detected</th><th>min (km)</th>"
       "<th>mean (km)</th><th>max (km)</th><th>tracked</th><th>mean first-track range (km)</th></tr>\n";
  ordered_json rl = ordered_json::array(), rd = ordered_json::array(), rt = ordered_json::array();
  for (const auto& [type, r] : ranges) {
    const scenario::ThreatType* tt = threat_type(sc, type);
    const double det_mean = r.detected ? r.det_sum / r.detected : kNaN;
    const double trk_mean = r.tracked ? r.trk_sum / r.tracked : kNaN;
    h += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td></tr>\n",
        esc(tt ? tt->name : type), r.count, r.detected, cell(r.det_min / 1e3, 1), cell(det_mean / 1e3, 1),
        cell(r.det_max / 1e3, 1), r.tracked, cell(trk_mean / 1e3, 1));
    rl.push_back(tt ? tt->name : type);
    rd.push_back(num(det_mean / 1e3, 1));
    rt.push_back(num(trk_mean / 1e3, 1));
  }
  h += "</table><div class=\"chart\"><canvas id=\"chart-ranges\"></canvas></div>\n";
  data["ranges"] = {{"labels", rl}, {"detection", rd}, {"track", rt}};
}

/// Miss distances of the bursts.
void miss_distances(std::string& h, ordered_json& data, const sim::RunResult& run) {
  // Miss distances: 10 m bins to 100 m, then one bin beyond.
  std::vector<int> bins(11, 0);
  int bursts = 0;
  for (const auto& s : run.shots) {
    if (!std::isfinite(s.miss_m)) continue;
    ++bursts;
    ++bins[std::min<std::size_t>(10, static_cast<std::size_t>(s.miss_m / 10.0))];
  }
  ordered_json bl = ordered_json::array();
  for (int b = 0; b < 10; ++b) bl.push_back(fmt::format("{}-{}", 10 * b, 10 * (b + 1)));
  bl.push_back(">= 100");
  data["miss"] = {{"labels", bl}, {"counts", bins}};
  h += fmt::format(
      "<h2 id=\"miss\">Miss distances</h2><p class=\"muted\">Closest approach of each of the {} "
      "interceptors that met an object to it (m), whether its fuze burst the warhead or not.</p><div "
      "class=\"chart\"><canvas id=\"chart-miss\"></canvas>"
      "</div>\n",
      bursts);
}

/// The air picture's GOSPA over the run.
void track_accuracy(std::string& h, ordered_json& data, const scenario::Scenario& sc,
                    const sim::RunResult& run, double gospa_mean_m) {
  // Track accuracy.
  ordered_json gt = ordered_json::array(), gv = ordered_json::array(), gn = ordered_json::array(),
               gk = ordered_json::array();
  for (const auto& p : run.picture) {
    gt.push_back(num(p.time_s, 1));
    gv.push_back(num(p.gospa_m, 1));
    gn.push_back(p.truths);
    gk.push_back(p.tracks);
  }
  data["gospa"] = {{"t", gt}, {"gospa", gv}, {"truths", gn}, {"tracks", gk}};
  h += fmt::format(
      "<h2 id=\"gospa\">Track accuracy</h2><p class=\"muted\">GOSPA (c = {:g} m, p = {:g}, alpha = 2; "
      "Rahmathullah, García-Fernández and Svensson 2017) between the threats in a radar's reach and "
      "the confirmed tracks, at every command-post update; mean {} m.</p><div class=\"chart\">"
      "<canvas id=\"chart-gospa\"></canvas></div>\n",
      sc.tracker.gospa_c_m, sc.tracker.gospa_p, cell(gospa_mean_m, 0));
}

/// Signature exposure of each aircraft to each radar.
void exposure(std::string& h, const scenario::Scenario& sc, const sim::RunResult& run, const Facts& facts) {
  // Signature exposure of each aircraft to each radar.
  std::map<std::pair<sim::EntityIndex, sim::EntityIndex>, std::vector<const sim::Detection*>> seen;
  std::map<std::pair<sim::EntityIndex, sim::EntityIndex>, std::vector<double>> seen_t;
  for (const auto& e : run.events) {
    const auto* d = std::get_if<sim::Detection>(&e.data);
    if (d == nullptr || d->target == sim::kNoEntity) continue;
    const scenario::ThreatType* tt = threat_type(sc, run.entities[d->target].type);
    if (tt == nullptr || tt->kind != scenario::ThreatKind::kAircraft) continue;
    seen[{d->target, d->radar}].push_back(d);
    seen_t[{d->target, d->radar}].push_back(e.time_s);
  }
  h += "<h2 id=\"exposure\">Signature exposure</h2><p class=\"muted\">For each aircraft and radar: how long "
       "the "
       "radar held it (detections at most 2.5 scan periods apart), the aspect it showed (the radar off the "
       "aircraft's nose: nose under 45 deg, beam 45 to 135 deg, tail beyond), the radar's band (IEEE Std "
       "521-2019) and the mean RCS it saw there.</p>";
  bool any_aircraft = false;
  for (const auto& o : run.threats) {
    const scenario::ThreatType* tt = threat_type(sc, run.entities[o.entity].type);
    any_aircraft = any_aircraft || (tt != nullptr && tt->kind == scenario::ThreatKind::kAircraft);
  }
  if (!any_aircraft) {
    h += "<p>No aircraft in this scenario.</p>\n";
  } else {
    h += "<table><tr><th>aircraft</th><th>type</th><th>radar</th><th>band</th><th>held (s)</th>"
         "<th>detections</th><th>first (s)</th><th>last (s)</th><th>nose</th><th>beam</th><th>tail</th>"
         "<th>mean RCS (dBsm)</th></tr>\n";
    for (const auto& o : run.threats) {
      const sim::Entity& ent = run.entities[o.entity];
      const scenario::ThreatType* tt = threat_type(sc, ent.type);
      if (tt == nullptr || tt->kind != scenario::ThreatKind::kAircraft) continue;
      bool row = false;
      for (std::size_t radar : facts.radars) {
        const auto it = seen.find({o.entity, sim::EntityIndex(radar)});
        if (it == seen.end()) continue;
        const sensors::RadarType& radar_kind = sc.site_types.at(sc.sites[radar].type).radar.radar;
        const auto& times = seen_t.at(it->first);
        Exposure x;
        x.detections = static_cast<int>(it->second.size());
        x.held_s = held_time_s(times, 2.5 * radar_kind.scan_period_s);
        x.first_s = times.front();
        x.last_s = times.back();
        double rcs_sum = 0.0;
        for (const sim::Detection* d : it->second) {
          const std::string_view sector = aspect_sector(d->aspect_az_deg);
          x.nose += sector == "nose";
          x.beam += sector == "beam";
          x.tail += sector == "tail";
          rcs_sum += 10.0 * std::log10(double(d->rcs_m2));
        }
        x.mean_rcs_dbsm = rcs_sum / x.detections;
        h += fmt::format(
            "<tr><td>{}</td><td class=\"l\">{}</td><td class=\"l\">{}</td><td class=\"l\">{}</td>"
            "<td>{:.0f}</td><td>{}</td><td>{:.1f}</td><td>{:.1f}</td><td>{}</td><td>{}</td><td>{}</td>"
            "<td>{:.1f}</td></tr>\n",
            esc(ent.id), esc(tt->name), esc(sc.sites[radar].id),
            esc(sensors::band_letter(radar_kind.parameters.frequency_hz)), x.held_s, x.detections, x.first_s,
            x.last_s, x.nose, x.beam, x.tail, x.mean_rcs_dbsm);
        row = true;
      }
      if (!row)
        h += fmt::format(
            "<tr><td>{}</td><td class=\"l\">{}</td><td class=\"l\" colspan=\"10\">never "
            "detected</td></tr>\n",
            esc(ent.id), esc(tt->name));
    }
    h += "</table>\n";
  }
}

/// The charts: Chart.js inlined and the page's data.
void charts(std::string& h, const ordered_json& data) {
  h += "<script>";
  h += chart_js();
  h += "</script>\n<script>const DATA=" + script_json(data) + ";\n";
  h += R"JS(
(function(){
  const charts=[];
  const make=(id,config)=>{const el=document.getElementById(id);if(!el)return;
    config.options=Object.assign({responsive:true,maintainAspectRatio:false,animation:false},config.options||{});
    charts.push(new Chart(el,config));};
  const T=DATA.timeline;
  const pts=(d,label,color,style)=>({label,data:d,backgroundColor:color,borderColor:color,pointStyle:style,pointRadius:6});
  make('chart-timeline',{type:'scatter',data:{datasets:[
    pts(T.detect,'first detection','#2f7bd8','circle'),pts(T.track,'first track','#e0a800','rect'),
    pts(T.launch,'launch','#555','triangle'),pts(T.burst,'burst','#999','crossRot'),
    pts(T.killed,'killed','#117a2a','star'),pts(T.leaked,'leaked','#b3121f','rectRot')]},
    options:{scales:{x:{title:{display:true,text:'time (s)'}},y:{type:'category',labels:T.labels,reverse:false}}}});
  if(DATA.spend)make('chart-spend',{type:'bar',data:{labels:DATA.spend.labels,datasets:[
    {label:'killed',data:DATA.spend.killed,backgroundColor:'#117a2a'},
    {label:'missed',data:DATA.spend.missed,backgroundColor:'#b3121f'},
    {label:'self-destructed or flying',data:DATA.spend.other,backgroundColor:'#999'}]},
    options:{scales:{x:{stacked:true},y:{stacked:true,title:{display:true,text:'interceptors'}}}}});
  make('chart-ranges',{type:'bar',data:{labels:DATA.ranges.labels,datasets:[
    {label:'mean first detection range (km)',data:DATA.ranges.detection,backgroundColor:'#2f7bd8'},
    {label:'mean first-track range (km)',data:DATA.ranges.track,backgroundColor:'#e0a800'}]},
    options:{scales:{y:{title:{display:true,text:'km'}}}}});
  make('chart-miss',{type:'bar',data:{labels:DATA.miss.labels,datasets:[
    {label:'bursts',data:DATA.miss.counts,backgroundColor:'#555'}]},
    options:{scales:{x:{title:{display:true,text:'miss distance (m)'}},y:{title:{display:true,text:'bursts'}}}}});
  const G=DATA.gospa;
  const xy=v=>G.t.map((t,i)=>({x:t,y:v[i]}));
  make('chart-gospa',{type:'line',data:{datasets:[
    {label:'GOSPA (m)',data:xy(G.gospa),borderColor:'#2f7bd8',pointRadius:0,yAxisID:'y'},
    {label:'threats in reach',data:xy(G.truths),borderColor:'#b3121f',pointRadius:0,stepped:true,yAxisID:'n'},
    {label:'confirmed tracks',data:xy(G.tracks),borderColor:'#e0a800',pointRadius:0,stepped:true,yAxisID:'n'}]},
    options:{scales:{x:{type:'linear',title:{display:true,text:'time (s)'}},y:{title:{display:true,text:'m'}},
      n:{position:'right',grid:{drawOnChartArea:false},title:{display:true,text:'count'}}}}});
  window.opensamReport={ready:true,charts:charts.length};
})();
</script>
</body></html>
)JS";
}

}  // namespace

std::string run_report_html(const scenario::Scenario& sc, const sim::RunResult& run) {
  const ordered_json summary = summary_json(sc, run);
  const Facts facts = gather(sc, run);
  const auto& totals = summary["totals"];
  double cost = 0.0;
  for (const auto& s : run.shots) cost += s.cost_usd;
  const double gospa_mean_m =
      summary["tracking"].is_object() ? summary["tracking"]["gospa_mean_m"].get<double>() : kNaN;

  std::string h = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>opensam report: {}</title>"
      "<meta name=\"viewport\" "
      "content=\"width=device-width,initial-scale=1\"><style>{}</style></head><body>\n",
      esc(sc.name), kStyle);
  h += fmt::format("<h1>{}</h1><p class=\"muted\">{}</p>\n", esc(sc.name), esc(sc.description));
  h += fmt::format("<p class=\"muted\">seed {}, replicate {}, ended at {:.1f} s, scenario file {}</p>\n",
                   run.seed, run.replicate, run.end_time_s, esc(sc.file));

  summary_cards(h, totals, cost, gospa_mean_m);
  threats_table(h, sc, run, summary, facts);
  ordered_json data;
  timeline(h, data, run, facts);
  expenditure(h, data, run, cost);
  ranges_table(h, data, sc, run, facts);
  miss_distances(h, data, run);
  track_accuracy(h, data, sc, run, gospa_mean_m);
  exposure(h, sc, run, facts);
  charts(h, data);
  return h;
}

}  // namespace opensam::output
