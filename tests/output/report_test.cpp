// report.html of a run: its sections, its self-containment, and the exposure arithmetic.
#include "opensam/output/report.hpp"

#include <gtest/gtest.h>

namespace opensam::output {
namespace {

TEST(Exposure, HeldTimeSumsTheGapsNoLongerThanTheLimit) {
  // Detections every 10 s from 0 to 60 s, a 100 s gap, then 170 and 180 s: held 60 + 10 s.
  EXPECT_DOUBLE_EQ(held_time_s({0, 10, 20, 30, 40, 50, 60, 160, 170}, 25.0), 70.0);
  EXPECT_DOUBLE_EQ(held_time_s({5.0}, 25.0), 0.0);
  EXPECT_DOUBLE_EQ(held_time_s({}, 25.0), 0.0);
  EXPECT_DOUBLE_EQ(held_time_s({0, 25}, 25.0), 25.0);  // a gap of exactly the limit counts
}

TEST(Exposure, AspectSectorsSplitAt45And135Degrees) {
  EXPECT_EQ(aspect_sector(0.0), "nose");
  EXPECT_EQ(aspect_sector(44.9), "nose");
  EXPECT_EQ(aspect_sector(45.0), "beam");
  EXPECT_EQ(aspect_sector(-90.0), "beam");
  EXPECT_EQ(aspect_sector(135.0), "beam");
  EXPECT_EQ(aspect_sector(135.1), "tail");
  EXPECT_EQ(aspect_sector(180.0), "tail");
}

sim::RunResult run_with_an_aircraft(scenario::Scenario& sc) {
  sc.name = "exposure";
  scenario::Site radar;
  radar.id = "acq";
  radar.type = "s400/91N6E";
  sc.sites.push_back(radar);
  scenario::SiteType st;
  st.id = "s400/91N6E";
  st.name = "91N6E";
  st.kind = scenario::SiteKind::kRadar;
  st.radar.radar.parameters.frequency_hz = 3.0e9;  // S band (IEEE Std 521-2019: 2-4 GHz)
  st.radar.radar.scan_period_s = 10.0;
  sc.site_types[st.id] = st;
  scenario::ThreatType f16;
  f16.id = "f16";
  f16.name = "F-16C";
  f16.kind = scenario::ThreatKind::kAircraft;
  sc.threat_types["f16"] = f16;
  scenario::Threat t;
  t.id = "f16-1";
  t.type = "f16";
  sc.threats.push_back(t);
  sim::RunResult r;
  r.end_time_s = 100.0;
  r.entities = {{"acq", sim::EntityKind::kSite, "s400/91N6E"}, {"f16-1", sim::EntityKind::kThreat, "f16"}};
  r.threats = {{1, sim::Outcome::kLeaked, 100.0}};
  r.events.push_back({0.0, sim::EntityCreated{0, {40.0, 32.0, 800.0}}});
  // Seen nose-on at 0, 10, 20 s (0 dBsm), then beam-on at 30 s (10 dBsm): held 30 s, mean 2.5 dBsm.
  const double aspects[] = {10.0, 20.0, 30.0, 100.0};
  const float rcs[] = {1.0f, 1.0f, 1.0f, 10.0f};
  for (int k = 0; k < 4; ++k) {
    sim::Detection d{0, 1, 20.0, 100e3, 0, 0, std::nan(""), 50, 0.01, 0.01, std::nan(""), {40.5, 32.0, 5000}};
    d.aspect_az_deg = static_cast<float>(aspects[k]);
    d.rcs_m2 = rcs[k];
    r.events.push_back({10.0 * k, d});
  }
  return r;
}

TEST(RunReport, IsSelfContainedWithEverySection) {
  scenario::Scenario sc;
  const sim::RunResult run = run_with_an_aircraft(sc);
  const std::string html = run_report_html(sc, run);
  for (const char* id :
       {"summary", "threats", "timeline", "expenditure", "ranges", "miss", "gospa", "exposure"})
    EXPECT_NE(html.find(std::string("id=\"") + id + "\""), std::string::npos) << id;
  EXPECT_NE(html.find(std::string(chart_js()).substr(0, 200)), std::string::npos);
  EXPECT_GT(chart_js().size(), 100000u);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
  // The exposure row: radar acq in S band, held 30 s, 4 detections, 3 nose and 1 beam, 2.5 dBsm.
  EXPECT_NE(
      html.find("<td>f16-1</td><td class=\"l\">F-16C</td><td class=\"l\">acq</td><td class=\"l\">S</td>"
                "<td>30</td><td>4</td><td>0.0</td><td>30.0</td><td>3</td><td>1</td><td>0</td><td>2.5</td>"),
      std::string::npos)
      << html.substr(html.find("id=\"exposure\""), 2000);
}

}  // namespace
}  // namespace opensam::output
