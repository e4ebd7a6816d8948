#include "opensam/montecarlo/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace opensam::montecarlo {

namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
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

constexpr double kW = 640, kH = 260, kLeft = 56, kRight = 16, kTop = 16, kBottom = 64;

/// Leak probability (and raid annihilation) per sweep point with the 95 % band.
std::string probability_chart(const CampaignStats& s) {
  const std::size_t n = s.points.size();
  const double pw = kW - kLeft - kRight, ph = kH - kTop - kBottom;
  const double inset = 60.0;  // room for the outermost points' labels
  const auto x = [&](std::size_t i) {
    return kLeft + inset + (n == 1 ? (pw - 2 * inset) / 2 : (pw - 2 * inset) * double(i) / double(n - 1));
  };
  const auto y = [&](double p) { return kTop + ph * (1.0 - p); };
  std::string svg =
      fmt::format(R"(<svg viewBox="0 0 {} {}" width="{}" height="{}" role="img">)", kW, kH, kW, kH);
  for (int k = 0; k <= 4; ++k) {
    const double p = k / 4.0;
    svg += fmt::format(R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" class="grid"/>)", kLeft, kW - kRight,
                       y(p), y(p));
    svg += fmt::format(R"(<text x="{}" y="{:.1f}" class="tick" text-anchor="end">{:.2f}</text>)", kLeft - 6,
                       y(p) + 4, p);
  }
  const auto series = [&](auto get, const char* cls) {
    std::string band = "M", line = "M";
    for (std::size_t i = 0; i < n; ++i) {
      const Interval& iv = get(s.points[i]);
      band += fmt::format("{}{:.1f},{:.1f}", i ? " L" : "", x(i), y(iv.high));
      line += fmt::format("{}{:.1f},{:.1f}", i ? " L" : "", x(i), y(iv.mean));
    }
    for (std::size_t i = n; i-- > 0;) band += fmt::format(" L{:.1f},{:.1f}", x(i), y(get(s.points[i]).low));
    std::string out = fmt::format(R"(<path d="{} Z" class="band {}"/>)", band, cls);
    if (n > 1) out += fmt::format(R"(<path d="{}" class="line {}"/>)", line, cls);
    for (std::size_t i = 0; i < n; ++i) {
      const Interval& iv = get(s.points[i]);
      out += fmt::format(R"(<line x1="{0:.1f}" x2="{0:.1f}" y1="{1:.1f}" y2="{2:.1f}" class="err {3}"/>)",
                         x(i), y(iv.low), y(iv.high), cls);
      out += fmt::format(
          R"(<circle cx="{:.1f}" cy="{:.1f}" r="3.5" class="dot {}"><title>{:.3f} [{:.3f}, {:.3f}]</title></circle>)",
          x(i), y(iv.mean), cls, iv.mean, iv.low, iv.high);
    }
    return out;
  };
  svg += series([](const PointStats& p) -> const Interval& { return p.leak_probability; }, "leak");
  svg += series([](const PointStats& p) -> const Interval& { return p.raid_annihilation; }, "rap");
  for (std::size_t i = 0; i < n; ++i) {
    std::string label = s.points[i].label;
    if (label.size() > 28) label = label.substr(0, 27) + "…";
    svg += fmt::format(R"(<text x="{:.1f}" y="{}" class="tick" text-anchor="middle">{}</text>)", x(i),
                       kH - kBottom + 18, escape(label));
  }
  svg += fmt::format(R"(<text x="{}" y="{}" class="legend leak">● leak probability</text>)", kLeft, kH - 16);
  svg += fmt::format(R"(<text x="{}" y="{}" class="legend rap">● raid annihilation probability</text>)",
                     kLeft + 170, kH - 16);
  svg += fmt::format(R"(<text x="{}" y="{}" class="tick">shaded: Wilson 95 % interval</text>)", kLeft + 420,
                     kH - 16);
  return svg + "</svg>";
}

/// A histogram of `values` (NaN skipped) in `bins` equal bins, or one bin per whole number
/// when `whole` and the range is small.
std::string histogram(const std::vector<double>& values, const std::string& x_label, bool whole) {
  std::vector<double> v;
  for (double x : values)
    if (std::isfinite(x)) v.push_back(x);
  if (v.empty()) return "<p class=\"none\">No replicate defines it.</p>";
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
  const std::size_t top = *std::max_element(count.begin(), count.end());
  const double pw = kW - kLeft - kRight, ph = kH - kTop - kBottom, bw = pw / double(bins);
  std::string svg =
      fmt::format(R"(<svg viewBox="0 0 {} {}" width="{}" height="{}" role="img">)", kW, kH, kW, kH);
  for (std::size_t b = 0; b < bins; ++b) {
    const double h = ph * double(count[b]) / double(top);
    const double from = lo + (hi - lo) * double(b) / double(bins),
                 to = lo + (hi - lo) * double(b + 1) / double(bins);
    svg += fmt::format(
        R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" class="bar"><title>{:.4g} to {:.4g}: {}</title></rect>)",
        kLeft + bw * double(b) + 1, kTop + ph - h, std::max(bw - 2, 1.0), h, from, to, count[b]);
  }
  for (int k = 0; k <= 4; ++k) {
    const double xv = lo + (hi - lo) * k / 4.0;
    svg += fmt::format(R"(<text x="{:.1f}" y="{}" class="tick" text-anchor="middle">{:.4g}</text>)",
                       kLeft + pw * k / 4.0, kTop + ph + 16, whole ? std::round(xv) : xv);
  }
  svg += fmt::format(R"(<text x="{}" y="{:.1f}" class="tick" text-anchor="end">{}</text>)", kLeft - 6,
                     kTop + 10, top);
  svg += fmt::format(R"(<text x="{}" y="{}" class="tick" text-anchor="end">0</text>)", kLeft - 6, kTop + ph);
  svg += fmt::format(
      R"(<text x="{:.1f}" y="{}" class="axis" text-anchor="middle">{} (replicates per bin)</text>)",
      kLeft + pw / 2, kH - 24, escape(x_label));
  return svg + "</svg>";
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
.grid{stroke:#e3e7ee}.tick{font-size:11px;fill:#556}.axis{font-size:12px;fill:#334}
.band{stroke:none;opacity:.18}.line{fill:none;stroke-width:2}.err{stroke-width:1.5}
.leak{fill:#c0392b;stroke:#c0392b}.rap{fill:#2471a3;stroke:#2471a3}.legend{font-size:12px;stroke:none}
.bar{fill:#5d6d7e}.none{color:#889}
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
  h += probability_chart(s);

  h += "\n<h2>Cost</h2>\n<table><tr><th>sweep point</th><th>interceptor cost</th><th>cost per kill</th>"
       "<th>cost exchange (spent / destroyed)</th><th>spent / asset value</th><th>asset value "
       "lost</th></tr>\n";
  for (const PointStats& p : s.points)
    h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                     escape(p.label), spread_cell(p.cost_usd, money), spread_cell(p.cost_per_kill, money),
                     spread_cell(p.cost_exchange, plain),
                     spread_cell(p.cost_to_asset_value, [](double x) { return fmt::format("{:.4f}", x); }),
                     spread_cell(p.asset_value_lost_usd, money));
  h += fmt::format(
      "</table><p class=\"meta\">Defended asset value: {}. The cost exchange divides the interceptors' "
      "cost by the unit cost of the threats they destroyed.</p>\n",
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
    h += histogram(fired, "interceptors fired", true);
    h += histogram(exchange, "cost exchange ratio", false);
    h += "\n";
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
  return h + "</body></html>\n";
}

}  // namespace opensam::montecarlo
