// CZML and KML replays of a small run, checked against the structure CesiumJS reads (the CZML
// guide: a "document" packet first with the version and clock, unique packet ids, parents that
// exist, sampled positions as [t, lon, lat, h] quadruples from an epoch) and against KML 2.2 with
// gx:Track (as many <when> as <gx:coord>).
#include "opensam/output/replay.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

namespace opensam::output {
namespace {

struct Fixture {
  scenario::Scenario sc;
  sim::RunResult run;
};

Fixture small_run() {
  Fixture f;
  f.sc.name = "small <test>";
  scenario::Site radar;
  radar.id = "acq";
  radar.type = "s400/91N6E";
  f.sc.sites.push_back(radar);
  scenario::SiteType acq;
  acq.id = "s400/91N6E";
  acq.name = "91N6E";
  acq.kind = scenario::SiteKind::kRadar;
  f.sc.site_types["s400/91N6E"] = acq;
  scenario::Asset asset;
  asset.id = "base";
  asset.radius_m = 5000.0;
  f.sc.assets.push_back(asset);
  scenario::Threat a, b;
  a.id = "T-1";
  a.type = "tomahawk";
  b.id = "T-2";
  b.type = "tomahawk";
  f.sc.threats = {a, b};
  sim::RunResult& r = f.run;
  r.end_time_s = 40.0;
  r.entities = {{"acq", sim::EntityKind::kSite, "s400/91N6E"},
                {"base", sim::EntityKind::kAsset, ""},
                {"T-1", sim::EntityKind::kThreat, "tomahawk"},
                {"T-2", sim::EntityKind::kThreat, "tomahawk"},
                {"I-1", sim::EntityKind::kInterceptor, "s400/48N6E3"}};
  r.threats = {{2, sim::Outcome::kKilled, 20.0}, {3, sim::Outcome::kLeaked, 40.0}};
  const geo::Lla site{40.0, 32.0, 900.0};
  const auto report = [](std::uint64_t track, tracking::TrackEventKind kind, tracking::TrackStatus status,
                         geo::Lla where) {
    sim::TrackReport t{track, kind, status};
    t.has_estimate = true;
    t.where = where;
    return t;
  };
  r.events = {{0.0, sim::EntityCreated{0, site}},
              {0.0, sim::EntityCreated{1, {40.1, 32.1, 800.0}}},
              {5.0, report(7, tracking::TrackEventKind::kInitiated, tracking::TrackStatus::kTentative,
                           {40.5, 32.5, 50.0})},
              {6.0, report(7, tracking::TrackEventKind::kConfirmed, tracking::TrackStatus::kConfirmed,
                           {40.49, 32.49, 50.0})},
              {9.0, report(9, tracking::TrackEventKind::kInitiated, tracking::TrackStatus::kTentative,
                           {41.0, 33.0, 50.0})},
              {10.0, sim::Launched{4, 0, 7}},
              {20.0, sim::Intercept{4, 2, 3.5, 0.9, {40.3, 32.3, 60.0}}},
              {20.0, sim::Killed{2, 4, false}},
              {40.0, sim::Leaked{3, 1, 0.0, 0.0, {40.1, 32.1, 800.0}}}};
  for (int t = 0; t <= 20; t += 5)
    r.truth.push_back({double(t), 2, {40.5 - 0.01 * t, 32.5, 50.0}, geo::Vec3::Zero()});
  for (int t = 0; t <= 40; t += 10)
    r.truth.push_back({double(t), 3, {40.6 - 0.01 * t, 32.6, 50.0}, geo::Vec3::Zero()});
  for (int t = 10; t <= 20; t += 5)
    r.truth.push_back({double(t), 4, {40.0 + 0.03 * (t - 10), 32.0, 1e3 * (t - 10)}, geo::Vec3::Zero()});
  r.shots.push_back(
      {4, 0, "s400/48N6E3", "", 7, 10.0, 20.0, sim::ShotResult::kKilled, 2, false, 3.5, 40e3, 1e6});
  return f;
}

const std::vector<CoverageOverlay> kOverlays = {
    {"coverage-0.png", "1 m2, Pd 0.5 at 100 m AGL", 31.0, 39.0, 33.0, 41.0}};

TEST(Czml, FollowsThePacketStructureCesiumReads) {
  const Fixture f = small_run();
  const auto doc = nlohmann::json::parse(scenario_czml(f.sc, f.run, kOverlays));
  ASSERT_TRUE(doc.is_array());
  ASSERT_GE(doc.size(), 1u);
  EXPECT_EQ(doc[0]["id"], "document");
  EXPECT_EQ(doc[0]["version"], "1.0");
  EXPECT_EQ(doc[0]["name"], "small <test>");
  EXPECT_EQ(doc[0]["clock"]["interval"], "2000-01-01T00:00:00.000Z/2000-01-01T00:00:40.000Z");
  std::set<std::string> ids;
  for (const auto& p : doc) {
    ASSERT_TRUE(p.contains("id"));
    EXPECT_TRUE(ids.insert(p["id"].get<std::string>()).second) << "duplicate id " << p["id"];
  }
  for (const auto& p : doc) {
    if (p.contains("parent")) {
      EXPECT_TRUE(ids.count(p["parent"].get<std::string>())) << p["id"];
    }
    if (p.contains("position") && p["position"].contains("epoch")) {
      const auto& s = p["position"]["cartographicDegrees"];
      ASSERT_EQ(s.size() % 4, 0u) << p["id"];
      for (std::size_t k = 4; k < s.size(); k += 4) EXPECT_GT(s[k].get<double>(), s[k - 4].get<double>());
    }
  }
  const auto packet = [&](const std::string& id) {
    for (const auto& p : doc)
      if (p["id"] == id) return p;
    ADD_FAILURE() << "no packet " << id;
    return nlohmann::json();
  };
  // A threat's samples are its truth, from its own epoch, with a trail.
  const auto t1 = packet("threat/T-1");
  EXPECT_EQ(t1["parent"], "threats");
  EXPECT_EQ(t1["position"]["epoch"], "2000-01-01T00:00:00.000Z");
  EXPECT_EQ(t1["position"]["cartographicDegrees"].size(), 5u * 4u);
  EXPECT_EQ(t1["availability"], "2000-01-01T00:00:00.000Z/2000-01-01T00:00:20.000Z");
  EXPECT_TRUE(t1.contains("path"));
  // An interceptor flies from its launch.
  const auto i1 = packet("interceptor/I-1");
  EXPECT_EQ(i1["position"]["epoch"], "2000-01-01T00:00:10.000Z");
  EXPECT_EQ(i1["position"]["cartographicDegrees"][4], 5.0);        // second sample: 5 s after the epoch
  EXPECT_EQ(i1["position"]["cartographicDegrees"][7], 0.0 + 5e3);  // at 5 km
  // Only tracks that were confirmed appear, with every estimate reported.
  EXPECT_EQ(packet("track/7")["position"]["cartographicDegrees"].size(), 2u * 4u);
  EXPECT_EQ(ids.count("track/9"), 0u);
  // The kill and the leak are markers from their time to the end.
  int kills = 0, leaks = 0;
  for (const auto& p : doc) {
    if (p.value("parent", "") != "events") continue;
    const std::string kind = p["properties"]["kind"];
    kills += kind == "kill";
    leaks += kind == "leak";
  }
  EXPECT_EQ(kills, 1);
  EXPECT_EQ(leaks, 1);
  // The asset is a ground ellipse of its radius; the coverage an image rectangle.
  EXPECT_EQ(packet("asset/base")["ellipse"]["semiMajorAxis"], 5000.0);
  const auto cov = packet("coverage/0")["rectangle"];
  EXPECT_EQ(cov["coordinates"]["wsenDegrees"], nlohmann::json({31.0, 39.0, 33.0, 41.0}));
  EXPECT_EQ(cov["material"]["image"]["image"], "coverage-0.png");
}

TEST(Czml, IsTheSameForTheSameRun) {
  const Fixture f = small_run();
  EXPECT_EQ(scenario_czml(f.sc, f.run, kOverlays), scenario_czml(f.sc, f.run, kOverlays));
}

TEST(Kml, PairsEveryWhenWithACoordAndEscapesText) {
  const Fixture f = small_run();
  const std::string kml = scenario_kml(f.sc, f.run, kOverlays);
  EXPECT_NE(
      kml.find(
          "<kml xmlns=\"http://www.opengis.net/kml/2.2\" xmlns:gx=\"http://www.google.com/kml/ext/2.2\">"),
      std::string::npos);
  EXPECT_NE(kml.find("<name>small &lt;test&gt;</name>"), std::string::npos);
  const std::regex track("<gx:Track>(.*?)</gx:Track>");
  int tracks = 0;
  for (auto it = std::sregex_iterator(kml.begin(), kml.end(), track); it != std::sregex_iterator(); ++it) {
    const std::string body = (*it)[1];
    const auto count = [&](const std::string& tag) {
      std::size_t n = 0;
      for (auto p = body.find(tag); p != std::string::npos; p = body.find(tag, p + 1)) ++n;
      return n;
    };
    EXPECT_EQ(count("<when>"), count("<gx:coord>"));
    EXPECT_GE(count("<when>"), 2u);
    ++tracks;
  }
  EXPECT_EQ(tracks, 4);  // two threats, one interceptor, one confirmed track
  EXPECT_NE(kml.find("<LatLonBox><north>41.0000000</north><south>39.0000000</south>"), std::string::npos);
  EXPECT_NE(kml.find("<when>2000-01-01T00:00:40.000Z</when>"), std::string::npos);
}

TEST(ReplayTime, CountsFromTheNominalEpoch) {
  EXPECT_EQ(scene::iso_time(0.0), "2000-01-01T00:00:00.000Z");
  EXPECT_EQ(scene::iso_time(3723.4567), "2000-01-01T01:02:03.457Z");
  EXPECT_EQ(scene::iso_time(86400.0 + 1.0), "2000-01-02T00:00:01.000Z");
}

}  // namespace
}  // namespace opensam::output
