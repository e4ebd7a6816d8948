#include "opensam/montecarlo/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "opensam/output/report.hpp"

namespace opensam::montecarlo {

namespace {

using output::script_json;
constexpr auto escape = output::markup_escape;

/// Leak probability and raid annihilation per sweep point with their 95 % intervals.
nlohmann::ordered_json probability_data(const CampaignStats& s) {
  nlohmann::ordered_json labels = nlohmann::ordered_json::array();
  const auto series = [&](auto get) {
    nlohmann::ordered_json mean = nlohmann::ordered_json::array(), low = mean, high = mean;
    for (const PointStats& p : s.points) {
      const Interval& iv = get(p);
      mean.push_back(iv.mean);
      low.push_back(iv.low);
      high.push_back(iv.high);
    }
    return nlohmann::ordered_json{{"mean", mean}, {"low", low}, {"high", high}};
  };
  for (const PointStats& p : s.points) labels.push_back(p.label);
  return {{"labels", labels},
          {"leak", series([](const PointStats& p) -> const Interval& { return p.leak_probability; })},
          {"rap", series([](const PointStats& p) -> const Interval& { return p.raid_annihilation; })}};
}

/// A histogram of `values` (NaN skipped) in 20 equal bins, or one bin per whole number when
/// `whole` and the range is small; null when no value is finite.
nlohmann::ordered_json histogram(const std::vector<double>& values, const std::string& x_label, bool whole) {
  std::vector<double> v;
  for (double x : values)
    if (std::isfinite(x)) v.push_back(x);
  if (v.empty()) return nullptr;
  const auto [mn, mx] = std::minmax_element(v.begin(), v.end());
  double lo = *mn, hi = *mx;
  std::size_t bins = 20;
  if (whole && hi - lo <= 40) {
    lo -= 0.5;
    hi += 0.5;
    bins = std::size_t(hi - lo);
  } else if (hi == lo) {
    lo -= 0.5;
    hi += 0.5;
    bins = 1;
  }
  std::vector<std::size_t> count(bins);
  for (double x : v) ++count[std::min(bins - 1, std::size_t((x - lo) / (hi - lo) * double(bins)))];
  nlohmann::ordered_json labels = nlohmann::ordered_json::array();
  for (std::size_t b = 0; b < bins; ++b) {
    const double from = lo + (hi - lo) * double(b) / double(bins);
    const double to = lo + (hi - lo) * double(b + 1) / double(bins);
    labels.push_back(whole && bins == std::size_t(hi - lo) ? fmt::format("{:.0f}", from + 0.5)
                                                           : fmt::format("{:.3g}-{:.3g}", from, to));
  }
  return {{"label", x_label}, {"labels", labels}, {"counts", count}};
}

std::string money(double usd) {
  if (!std::isfinite(usd)) return "–";
  if (std::abs(usd) >= 1e9) return fmt::format("${:.2f} B", usd / 1e9);
  if (std::abs(usd) >= 1e6) return fmt::format("${:.2f} M", usd / 1e6);
  return fmt::format("${:.0f} k", usd / 1e3);
}

std::string interval_cell(const Interval& i) {
  return fmt::format("{:.3f} <small>[{:.3f}, {:.3f}]</small>", i.mean, i.low, i.high);
}

std::string ratio_cell(const RatioInterval& r) {
  if (!std::isfinite(r.ratio)) return "–";
  return fmt::format("{:.3g} <small>[{:.3g}, {:.3g}]</small>", r.ratio, r.low, r.high);
}

std::string spread_cell(const Distribution& d, std::string (*f)(double)) {
  if (d.count == 0) return "–";
  return fmt::format("{} <small>({} – {})</small>", f(d.mean), f(d.p05), f(d.p95));
}

std::string plain(double x) { return fmt::format("{:.2f}", x); }
std::string metres(double x) { return fmt::format("{:.0f} m", x); }

constexpr const char* kStyle = R"(
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1000px;color:#1d2430;padding:0 16px}
h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #d8dde6}
table{border-collapse:collapse;margin:8px 0}td,th{padding:3px 10px;border-bottom:1px solid #eceff4;text-align:right}
th:first-child,td:first-child{text-align:left}small{color:#667}.meta{color:#556}
.chart{position:relative;height:280px;margin:8px 0}.none{color:#889}
)";

}  // namespace

std::string report_html(const CampaignStats& s, const std::vector<ReplicateRecord>& records) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  h += fmt::format("<title>opensam campaign: {}</title><style>{}</style></head><body>\n",
                   escape(s.info.scenario_name), kStyle);
  h += fmt::format("<h1>Campaign: {}</h1>\n", escape(s.info.scenario_name));
  h += fmt::format(
      "<p class=\"meta\">{} replicates over {} sweep point{}, seed {}, opensam {}, scenario fingerprint {}. "
      "Replicate <i>i</i> of every point uses the same random streams (seed, <i>i</i>).</p>\n",
      s.all.replicates, s.points.size(), s.points.size() == 1 ? "" : "s", s.info.seed, escape(s.info.version),
      escape(s.info.scenario_hash));

  h += "<h2>Outcomes</h2>\n<table><tr><th>sweep point</th><th>replicates</th><th>P(any leaker)</th>"
       "<th>P(raid annihilated)</th><th>leakers</th><th>interceptors fired</th><th>kills per "
       "interceptor</th></tr>\n";
  for (const PointStats& p : s.points)
    h += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        escape(p.label), p.replicates, interval_cell(p.leak_probability), interval_cell(p.raid_annihilation),
        spread_cell(p.leakers, plain), spread_cell(p.interceptors, plain),
        spread_cell(p.kills_per_interceptor, plain));
  h +=
      "</table><p class=\"meta\">Probabilities with Wilson 95 % intervals; other figures as mean (5th – 95th "
      "percentile) over replicates.</p>\n";
  nlohmann::ordered_json data;
  data["probability"] = probability_data(s);
  data["histograms"] = nlohmann::ordered_json::array();
  h += "<div class=\"chart\"><canvas id=\"chart-probability\"></canvas></div>\n";

  h += "\n<h2>Cost</h2>\n<table><tr><th>sweep point</th><th>interceptor cost</th><th>cost per kill</th>"
       "<th>cost exchange (spent / destroyed)</th><th>per replicate with a kill</th><th>spent / asset "
       "value saved</th><th>spent / asset value</th><th>asset value lost</th></tr>\n";
  for (const PointStats& p : s.points)
    h += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        escape(p.label), spread_cell(p.cost_usd, money), spread_cell(p.cost_per_kill, money),
        ratio_cell(p.cost_exchange_total), spread_cell(p.cost_exchange, plain),
        ratio_cell(p.cost_to_value_saved_total),
        spread_cell(p.cost_to_asset_value, [](double x) { return fmt::format("{:.4f}", x); }),
        spread_cell(p.asset_value_lost_usd, money));
  h += fmt::format(
      "</table><p class=\"meta\">Defended asset value: {}. The cost exchange is the ratio of the totals "
      "over the replicates, the interceptors' cost over the unit cost of the threats they destroyed "
      "(and over the asset value saved), with a bootstrap 95 % interval; the mean of the per-replicate "
      "ratios counts only replicates with a kill and is biased (docs/montecarlo.md).</p>\n",
      money(s.info.asset_value_usd));

  // Histograms per point (the first few).
  for (std::size_t i = 0; i < s.points.size() && i < 6; ++i) {
    std::vector<double> fired, exchange;
    for (const ReplicateRecord& r : records) {
      if (r.point != i) continue;
      fired.push_back(r.interceptors);
      exchange.push_back(r.threat_value_killed_usd > 0 ? r.cost_usd / r.threat_value_killed_usd
                                                       : std::nan(""));
    }
    h += fmt::format("<h2>Spread: {}</h2>\n", escape(s.points[i].label));
    for (auto&& hist :
         {histogram(fired, "interceptors fired", true), histogram(exchange, "cost exchange ratio", false)}) {
      if (hist.is_null()) {
        h += "<p class=\"none\">No replicate defines it.</p>\n";
        continue;
      }
      h += fmt::format("<div class=\"chart\"><canvas id=\"chart-hist-{}\"></canvas></div>\n",
                       data["histograms"].size());
      data["histograms"].push_back(hist);
    }
  }

  h += "<h2>Threats</h2>\n";
  for (const PointStats& p : s.points) {
    if (s.points.size() > 1) h += fmt::format("<h3>{}</h3>\n", escape(p.label));
    h += "<table><tr><th>threat</th><th>type</th><th>P(leak)</th><th>P(kill)</th><th>interceptors at "
         "it</th></tr>\n";
    for (const ThreatStats& t : p.threats)
      h += fmt::format("<tr><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.2f}</td></tr>\n",
                       escape(t.id), t.friendly ? " <small>(friendly)</small>" : "", escape(t.type),
                       interval_cell(t.leak), interval_cell(t.kill), t.interceptors_mean);
    h += "</table>\n";
    h += "<table><tr><th>interceptor</th><th>fired (mean)</th><th>cost (mean)</th></tr>\n";
    for (const MissileStats& m : p.missiles)
      h += fmt::format("<tr><td>{}</td><td>{:.2f}</td><td>{}</td></tr>\n", escape(m.missile), m.fired_mean,
                       money(m.cost_mean_usd));
    h += fmt::format("</table><p class=\"meta\">Air picture: mean GOSPA per replicate {}.</p>\n",
                     spread_cell(p.gospa_m, metres));
  }
  h += "<script>";
  h += output::chart_js();
  h += "</script>\n<script>const DATA=" + script_json(data) + ";\n";
  h += R"JS(
(function(){
  const charts=[];
  const opts=(extra)=>Object.assign({responsive:true,maintainAspectRatio:false,animation:false},extra);
  const P=DATA.probability;
  const band=(s,label,color)=>[
    {label:label,data:s.mean,borderColor:color,backgroundColor:color,pointRadius:4},
    {label:label+' 95 % high',data:s.high,borderColor:'transparent',backgroundColor:color+'30',pointRadius:0,fill:'+1'},
    {label:label+' 95 % low',data:s.low,borderColor:'transparent',pointRadius:0,fill:false}];
  charts.push(new Chart(document.getElementById('chart-probability'),{type:'line',
    data:{labels:P.labels,datasets:band(P.leak,'leak probability','#c0392b').concat(band(P.rap,'raid annihilation probability','#2471a3'))},
    options:opts({scales:{y:{min:0,max:1,title:{display:true,text:'probability'}},x:{offset:true,title:{display:true,text:'sweep point'}}},
      plugins:{legend:{labels:{filter:(item)=>!item.text.includes('95 %')}}}})}));
  DATA.histograms.forEach((hst,k)=>charts.push(new Chart(document.getElementById('chart-hist-'+k),{type:'bar',
    data:{labels:hst.labels,datasets:[{label:'replicates',data:hst.counts,backgroundColor:'#5d6d7e'}]},
    options:opts({scales:{x:{title:{display:true,text:hst.label}},y:{title:{display:true,text:'replicates per bin'}}}})})));
  window.opensamReport={ready:true,charts:charts.length};
})();
</script>
)JS";
  return h + "</body></html>\n";
}

}  // namespace opensam::montecarlo
