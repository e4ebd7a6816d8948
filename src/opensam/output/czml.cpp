// CZML for CesiumJS: packets as in the CZML guide (github.com/AnalyticalGraphicsInc/czml-writer,
// "CZML Structure" and "Packet"): a document packet first, then one packet per entity.
#include <fmt/format.h>

#include <array>
#include <nlohmann/json.hpp>

#include "opensam/output/replay.hpp"
#include "opensam/output/report.hpp"

namespace opensam::output {

namespace {

using Rgba = std::array<int, 4>;

std::string quoted(const std::string& s) { return nlohmann::json(s).dump(); }

/// A description for Cesium's info box: escaped, one line per fact.
std::string html(const std::string& text) {
  std::string out;
  for (const char c : markup_escape(text)) out += c == '\n' ? std::string("<br>") : std::string(1, c);
  return out;
}

std::string rgba(const Rgba& c) { return fmt::format(R"({{"rgba":[{},{},{},{}]}})", c[0], c[1], c[2], c[3]); }

std::string interval(double from_s, double to_s) {
  return quoted(scene::iso_time(from_s) + "/" + scene::iso_time(to_s));
}

std::string cartographic(const geo::Lla& p) {
  return fmt::format("[{:.7f},{:.7f},{:.1f}]", p.lon_deg, p.lat_deg, p.alt_m);
}

Rgba fixed_colour(const std::string& kind) {
  if (kind == "radar") return {0, 200, 255, 255};
  if (kind == "launcher") return {255, 160, 0, 255};
  if (kind == "asset") return {40, 200, 90, 255};
  return {255, 255, 255, 255};
}

Rgba moving_colour(scene::Kind k) {
  switch (k) {
    case scene::Kind::kThreat: return {235, 50, 50, 255};
    case scene::Kind::kFriendly: return {70, 130, 255, 255};
    case scene::Kind::kInterceptor: return {255, 255, 255, 255};
    case scene::Kind::kTrack: return {255, 220, 0, 255};
  }
  return {255, 255, 255, 255};
}

const char* parent_of(scene::Kind k) {
  switch (k) {
    case scene::Kind::kThreat:
    case scene::Kind::kFriendly: return "threats";
    case scene::Kind::kInterceptor: return "interceptors";
    case scene::Kind::kTrack: return "tracks";
  }
  return "threats";
}

Rgba marker_colour(const std::string& kind) {
  if (kind == "kill") return {0, 255, 0, 255};
  if (kind == "leak") return {255, 0, 255, 255};
  if (kind == "site_destroyed") return {255, 80, 0, 255};
  return {170, 170, 170, 255};
}

}  // namespace

std::string scenario_czml(const scenario::Scenario& sc, const sim::RunResult& run,
                          const std::vector<CoverageOverlay>& coverage) {
  const scene::Scene s = scene::build(sc, run);
  const double end = std::max(s.end_s, 1.0);
  std::string out = "[\n";
  out += fmt::format(
      R"({{"id":"document","name":{},"version":"1.0","clock":{{"interval":{},"currentTime":{},"multiplier":10,"range":"LOOP_STOP","step":"SYSTEM_CLOCK_MULTIPLIER"}}}})",
      quoted(sc.name), interval(0.0, end), quoted(scene::iso_time(0.0)));
  for (const char* parent : {"sites", "assets", "threats", "interceptors", "tracks", "events", "coverage"})
    out += fmt::format(",\n{{\"id\":\"{}\",\"name\":\"{}\"}}", parent, parent);

  for (const auto& f : s.fixed) {
    const Rgba c = fixed_colour(f.kind);
    out += fmt::format(R"(,
{{"id":{},"parent":"{}","name":{},"description":{},)",
                       quoted(f.id), f.kind == "asset" ? "assets" : "sites", quoted(f.name),
                       quoted(html(f.description)));
    if (f.until_s >= 0.0) out += fmt::format(R"("availability":{},)", interval(0.0, f.until_s));
    out += fmt::format(R"("position":{{"cartographicDegrees":{}}},)", cartographic(f.where));
    if (f.kind == "asset") {
      out += fmt::format(
          R"("ellipse":{{"semiMajorAxis":{:.1f},"semiMinorAxis":{:.1f},"material":{{"solidColor":{{"color":{}}}}},"outline":true,"outlineColor":{}}},)",
          f.radius_m, f.radius_m, rgba({c[0], c[1], c[2], 90}), rgba(c));
    }
    out += fmt::format(
        R"("point":{{"pixelSize":{},"color":{},"outlineColor":{{"rgba":[0,0,0,255]}},"outlineWidth":1}},"label":{{"text":{},"font":"12px sans-serif","pixelOffset":{{"cartesian2":[0,-16]}},"fillColor":{}}}}})",
        f.kind == "asset" ? 6 : 9, rgba(c), quoted(f.name), rgba(c));
  }

  for (const auto& m : s.moving) {
    const Rgba c = moving_colour(m.kind);
    const double t0 = m.points.front().t_s;
    const double t1 = m.points.back().t_s;
    std::string samples;
    for (const auto& p : m.points) {
      if (!samples.empty()) samples += ',';
      samples += fmt::format("{:.3f},{:.7f},{:.7f},{:.1f}", p.t_s - t0, p.where.lon_deg, p.where.lat_deg,
                             p.where.alt_m);
    }
    const double trail = m.kind == scene::Kind::kInterceptor ? 600.0
                         : m.kind == scene::Kind::kTrack     ? 120.0
                                                             : 300.0;
    out += fmt::format(
        R"(,
{{"id":{},"parent":"{}","name":{},"description":{},"availability":{},"position":{{"epoch":{},"cartographicDegrees":[{}]}},"point":{{"pixelSize":{},"color":{}}},"path":{{"leadTime":0,"trailTime":{:.0f},"width":{},"resolution":5,"material":{{"solidColor":{{"color":{}}}}}}})",
        quoted(m.id), parent_of(m.kind), quoted(m.name), quoted(html(m.description)), interval(t0, t1),
        quoted(scene::iso_time(t0)), samples, m.kind == scene::Kind::kInterceptor ? 5 : 7, rgba(c), trail,
        m.kind == scene::Kind::kTrack ? 1 : 2, rgba({c[0], c[1], c[2], 200}));
    if (m.kind != scene::Kind::kInterceptor && m.kind != scene::Kind::kTrack)
      out += fmt::format(
          R"(,"label":{{"text":{},"font":"11px sans-serif","pixelOffset":{{"cartesian2":[0,-14]}},"fillColor":{}}})",
          quoted(m.name), rgba(c));
    out += "}";
  }

  for (const auto& mk : s.markers) {
    const Rgba c = marker_colour(mk.kind);
    out += fmt::format(
        R"(,
{{"id":{},"parent":"events","name":{},"description":{},"availability":{},"properties":{{"kind":{},"time_s":{:.3f}}},"position":{{"cartographicDegrees":{}}},"point":{{"pixelSize":11,"color":{},"outlineColor":{{"rgba":[0,0,0,255]}},"outlineWidth":2}}}})",
        quoted(mk.id), quoted(mk.name), quoted(html(fmt::format("{}\nat {:.1f} s", mk.name, mk.t_s))),
        interval(mk.t_s, end), quoted(mk.kind), mk.t_s, cartographic(mk.where), rgba(c));
  }

  for (std::size_t k = 0; k < coverage.size(); ++k) {
    const auto& c = coverage[k];
    out += fmt::format(
        R"(,
{{"id":"coverage/{}","parent":"coverage","name":{},"rectangle":{{"show":{},"coordinates":{{"wsenDegrees":[{:.7f},{:.7f},{:.7f},{:.7f}]}},"material":{{"image":{{"image":{},"transparent":true}}}}}}}})",
        k, quoted(c.name), k == 0 ? "true" : "false", c.west_deg, c.south_deg, c.east_deg, c.north_deg,
        quoted(c.file));
  }
  out += "\n]\n";
  return out;
}

}  // namespace opensam::output
