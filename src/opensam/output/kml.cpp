// KML 2.2 (OGC 07-147r2) with the Google extension gx:Track for moving objects
// (developers.google.com/kml/documentation/kmlreference#gxtrack).
#include <fmt/format.h>

#include <GeographicLib/Geodesic.hpp>
#include <algorithm>

#include "opensam/output/replay.hpp"
#include "opensam/output/report.hpp"

namespace opensam::output {

namespace {

constexpr auto xml = markup_escape;

/// KML colours are aabbggrr.
std::string style(const char* id, const char* aabbggrr, double width, double scale) {
  return fmt::format(
      "<Style id=\"{}\"><IconStyle><color>{}</color><scale>{}</scale></IconStyle>"
      "<LineStyle><color>{}</color><width>{}</width></LineStyle>"
      "<PolyStyle><color>{}</color></PolyStyle></Style>\n",
      id, aabbggrr, scale, aabbggrr, width, std::string("5a") + (aabbggrr + 2));
}

const char* moving_style(scene::Kind k) {
  switch (k) {
    case scene::Kind::kThreat: return "#threat";
    case scene::Kind::kFriendly: return "#friendly";
    case scene::Kind::kInterceptor: return "#interceptor";
    case scene::Kind::kTrack: return "#track";
  }
  return "#threat";
}

/// A circle on the ground as a closed ring of 72 points, each on the WGS84 geodesic from the centre.
std::string ring(const geo::Lla& centre, double radius_m) {
  std::string out;
  for (int k = 0; k <= 72; ++k) {
    double lat = 0.0, lon = 0.0;
    GeographicLib::Geodesic::WGS84().Direct(centre.lat_deg, centre.lon_deg, 5.0 * (k % 72), radius_m, lat,
                                            lon);
    out += fmt::format("{:.7f},{:.7f},0 ", lon, lat);
  }
  out.pop_back();
  return out;
}

}  // namespace

std::string scenario_kml(const scenario::Scenario& sc, const sim::RunResult& run,
                         const std::vector<CoverageOverlay>& coverage) {
  const scene::Scene s = scene::build(sc, run);
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<kml xmlns=\"http://www.opengis.net/kml/2.2\" xmlns:gx=\"http://www.google.com/kml/ext/2.2\">\n"
      "<Document>\n";
  out += fmt::format("<name>{}</name>\n<description>{}</description>\n", xml(sc.name), xml(sc.description));
  out += style("radar", "ffffc800", 1, 1.0) + style("launcher", "ff00a0ff", 1, 1.0) +
         style("command_post", "ffffffff", 1, 1.0) + style("asset", "ff5ac828", 2, 0.8) +
         style("threat", "ff3232eb", 2, 0.6) + style("friendly", "ffff8246", 2, 0.6) +
         style("interceptor", "ffffffff", 1, 0.4) + style("track", "ff00dcff", 1, 0.4) +
         style("kill", "ff00ff00", 1, 1.0) + style("miss", "ffaaaaaa", 1, 0.8) +
         style("leak", "ffff00ff", 1, 1.0) + style("site_destroyed", "ff0050ff", 1, 1.0);

  out += "<Folder><name>Sites</name>\n";
  for (const auto& f : s.fixed) {
    if (f.kind == "asset") continue;
    out += fmt::format(
        "<Placemark id=\"{}\"><name>{}</name><description>{}</description><styleUrl>#{}</styleUrl>",
        xml(f.id), xml(f.name), xml(f.description),
        f.kind == "radar" || f.kind == "launcher" ? f.kind : "command_post");
    if (f.until_s >= 0.0)
      out += fmt::format("<TimeSpan><begin>{}</begin><end>{}</end></TimeSpan>", scene::iso_time(0.0),
                         scene::iso_time(f.until_s));
    out += fmt::format(
        "<Point><altitudeMode>absolute</altitudeMode><coordinates>{:.7f},{:.7f},{:.1f}</coordinates>"
        "</Point></Placemark>\n",
        f.where.lon_deg, f.where.lat_deg, f.where.alt_m);
  }
  out += "</Folder>\n<Folder><name>Assets</name>\n";
  for (const auto& f : s.fixed) {
    if (f.kind != "asset") continue;
    out += fmt::format(
        "<Placemark id=\"{}\"><name>{}</name><description>{}</description><styleUrl>#asset</styleUrl>"
        "<Polygon><altitudeMode>clampToGround</altitudeMode><outerBoundaryIs><LinearRing><coordinates>{}"
        "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>\n",
        xml(f.id), xml(f.name), xml(f.description), ring(f.where, f.radius_m));
  }
  out += "</Folder>\n";

  const std::pair<const char*, std::vector<scene::Kind>> folders[] = {
      {"Threats", {scene::Kind::kThreat, scene::Kind::kFriendly}},
      {"Interceptors", {scene::Kind::kInterceptor}},
      {"Tracks", {scene::Kind::kTrack}}};
  for (const auto& [folder, kinds] : folders) {
    out += fmt::format("<Folder><name>{}</name>\n", folder);
    for (const auto& m : s.moving) {
      if (std::find(kinds.begin(), kinds.end(), m.kind) == kinds.end()) continue;
      out += fmt::format(
          "<Placemark id=\"{}\"><name>{}</name><description>{}</description><styleUrl>{}</styleUrl>"
          "<gx:Track><altitudeMode>absolute</altitudeMode>",
          xml(m.id), xml(m.name), xml(m.description), moving_style(m.kind));
      for (const auto& p : m.points) out += fmt::format("<when>{}</when>", scene::iso_time(p.t_s));
      for (const auto& p : m.points)
        out += fmt::format("<gx:coord>{:.7f} {:.7f} {:.1f}</gx:coord>", p.where.lon_deg, p.where.lat_deg,
                           p.where.alt_m);
      out += "</gx:Track></Placemark>\n";
    }
    out += "</Folder>\n";
  }

  out += "<Folder><name>Events</name>\n";
  for (const auto& mk : s.markers) {
    out += fmt::format(
        "<Placemark id=\"{}\"><name>{}</name><styleUrl>#{}</styleUrl><TimeStamp><when>{}</when></TimeStamp>"
        "<Point><altitudeMode>absolute</altitudeMode><coordinates>{:.7f},{:.7f},{:.1f}</coordinates></Point>"
        "</Placemark>\n",
        xml(mk.id), xml(mk.name), mk.kind, scene::iso_time(mk.t_s), mk.where.lon_deg, mk.where.lat_deg,
        mk.where.alt_m);
  }
  out += "</Folder>\n<Folder><name>Coverage</name>\n";
  for (std::size_t k = 0; k < coverage.size(); ++k) {
    const auto& c = coverage[k];
    out += fmt::format(
        "<GroundOverlay id=\"coverage/{}\"><name>{}</name><visibility>{}</visibility><color>b4ffffff</color>"
        "<Icon><href>{}</href></Icon><LatLonBox><north>{:.7f}</north><south>{:.7f}</south><east>{:.7f}</east>"
        "<west>{:.7f}</west></LatLonBox></GroundOverlay>\n",
        k, xml(c.name), k == 0 ? 1 : 0, xml(c.file), c.north_deg, c.south_deg, c.east_deg, c.west_deg);
  }
  out += "</Folder>\n</Document>\n</kml>\n";
  return out;
}

}  // namespace opensam::output
