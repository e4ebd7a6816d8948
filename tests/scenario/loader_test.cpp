#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "opensam/core/units.hpp"
#include "opensam/physics/atmosphere.hpp"
#include "opensam/scenario/resolved.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/scenario/schema.hpp"

namespace opensam::scenario {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = OPENSAM_TEST_SOURCE_DIR;

LoadResult load_good() { return load((kSource / "tests/scenario/good/base.yaml").string()); }

TEST(Loader, ReadsEveryKeyInSiUnits) {
  const LoadResult r = load_good();
  ASSERT_TRUE(r.ok()) << r.errors.str();
  const Scenario& s = r.scenario;
  EXPECT_EQ(s.name, "loader-test");
  EXPECT_EQ(s.seed, 42u);
  EXPECT_DOUBLE_EQ(s.duration_s, 5400.0);
  ASSERT_EQ(s.assets.size(), 1u);
  EXPECT_DOUBLE_EQ(s.assets[0].radius_m, 3704.0);
  EXPECT_DOUBLE_EQ(s.assets[0].value_usd, 1.5e9);
  EXPECT_DOUBLE_EQ(s.assets[0].altitude.value_m, 900.0);
  EXPECT_EQ(s.assets[0].altitude.reference, AltitudeReference::kMsl);
}

TEST(Loader, ReadsTheCommandPostsTrackerWithDefaultsForTheRest) {
  const LoadResult r = load_good();
  ASSERT_TRUE(r.ok()) << r.errors.str();
  const TrackerSettings& t = r.scenario.tracker;
  EXPECT_EQ(t.config.filter, tracking::FilterKind::kUnscented);
  ASSERT_EQ(t.config.models.size(), 2u);
  EXPECT_EQ(t.config.models[1].kind, tracking::MotionKind::kCoordinatedTurn);
  EXPECT_EQ(t.config.models[1].axes, 3);
  EXPECT_DOUBLE_EQ(t.config.models[1].turn_rate_psd, 0.001);
  EXPECT_EQ(t.config.associator, tracking::Associator::kJpda);
  EXPECT_DOUBLE_EQ(t.config.delete_after_s, 60.0);
  EXPECT_DOUBLE_EQ(t.update_interval_s, 0.5);
  EXPECT_DOUBLE_EQ(t.gospa_c_m, 3000.0);
  EXPECT_DOUBLE_EQ(t.gospa_p, 1.0);
  EXPECT_EQ(t.config.confirm_hits, 3);
  // Without the key: the documented defaults.
  const LoadResult plain = load_from_string(
      "name: p\nduration: 1 min\nthreats:\n  - {id: t, type: f16c, route: [{position: [1, 1], altitude: 1 "
      "km}, "
      "{position: [1, 2]}]}\n",
      "p.yaml", ".");
  ASSERT_TRUE(plain.ok()) << plain.errors.str();
  EXPECT_DOUBLE_EQ(plain.scenario.tracker.update_interval_s, 1.0);
  EXPECT_DOUBLE_EQ(plain.scenario.tracker.gospa_c_m, 2000.0);
  EXPECT_EQ(plain.scenario.tracker.config.models.size(), 1u);
}

TEST(Loader, ReadsCoverageLayersWithTheDocumentedDefaults) {
  const std::string head = "name: p\nduration: 1 min\n";
  const std::string threats =
      "threats:\n  - {id: t, type: f16c, route: [{position: [1, 1], altitude: 1 km}, {position: [1, 2]}]}\n";
  const LoadResult plain = load_from_string(head + threats, "p.yaml", ".");
  ASSERT_TRUE(plain.ok()) << plain.errors.str();
  ASSERT_EQ(plain.scenario.coverage.size(), 2u);
  EXPECT_EQ(plain.scenario.coverage[0].altitude.reference, AltitudeReference::kAgl);
  EXPECT_DOUBLE_EQ(plain.scenario.coverage[0].altitude.value_m, 100.0);
  EXPECT_DOUBLE_EQ(plain.scenario.coverage[1].altitude.value_m, 10000.0);
  EXPECT_DOUBLE_EQ(plain.scenario.coverage[1].rcs_m2, 1.0);
  EXPECT_DOUBLE_EQ(plain.scenario.coverage[1].pd, 0.5);

  const LoadResult set = load_from_string(
      head + "coverage:\n  - {altitude: 30 m AGL, rcs: -20 dBsm, pd: 0.9, resolution: 500 m}\n" + threats,
      "p.yaml", ".");
  ASSERT_TRUE(set.ok()) << set.errors.str();
  ASSERT_EQ(set.scenario.coverage.size(), 1u);
  EXPECT_DOUBLE_EQ(set.scenario.coverage[0].altitude.value_m, 30.0);
  EXPECT_NEAR(set.scenario.coverage[0].rcs_m2, 0.01, 1e-12);
  EXPECT_DOUBLE_EQ(set.scenario.coverage[0].pd, 0.9);
  EXPECT_DOUBLE_EQ(set.scenario.coverage[0].resolution_m, 500.0);

  const LoadResult none = load_from_string(head + "coverage: []\n" + threats, "p.yaml", ".");
  ASSERT_TRUE(none.ok()) << none.errors.str();
  EXPECT_TRUE(none.scenario.coverage.empty());
  // The resolved file keeps the list, so an empty one stays empty.
  const LoadResult again = load_from_string(to_resolved_yaml(none.scenario, 1), "r.yaml", ".");
  ASSERT_TRUE(again.ok()) << again.errors.str();
  EXPECT_TRUE(again.scenario.coverage.empty());
}

TEST(Loader, AddsIncludedListsFirst) {
  const LoadResult r = load_good();
  ASSERT_TRUE(r.ok()) << r.errors.str();
  ASSERT_EQ(r.scenario.sites.size(), 2u);
  EXPECT_EQ(r.scenario.sites[0].id, "acq");
  EXPECT_EQ(r.scenario.sites[0].type, "s400/91N6E");
  EXPECT_EQ(r.scenario.sites[0].altitude.reference, AltitudeReference::kAgl);
  EXPECT_DOUBLE_EQ(r.scenario.sites[1].position.lat_deg, 40.02);
  EXPECT_EQ(r.scenario.sites[1].altitude.reference, AltitudeReference::kAgl);  // default 0 m AGL
}

TEST(Loader, FillsRouteDefaultsAndTheAimPoint) {
  const LoadResult r = load_good();
  ASSERT_TRUE(r.ok()) << r.errors.str();
  const Threat& cm = r.scenario.threats[0];
  EXPECT_DOUBLE_EQ(cm.start_time_s, 120.0);
  EXPECT_DOUBLE_EQ(cm.start_jitter_s, 30.0);
  ASSERT_EQ(cm.route.size(), 3u);  // two points, then the asset
  EXPECT_DOUBLE_EQ(cm.route[0].altitude.value_m, 150 * 0.3048);
  EXPECT_DOUBLE_EQ(cm.route[0].speed_mps, 880.0 / 3.6);              // the type's cruise speed
  EXPECT_DOUBLE_EQ(cm.route[1].altitude.value_m, 150 * 0.3048);      // carried over
  EXPECT_DOUBLE_EQ(cm.route[1].speed_mps, 500.0 * 1852.0 / 3600.0);  // 500 kt
  EXPECT_DOUBLE_EQ(cm.route[2].position.lat_deg, 40.079);
  EXPECT_DOUBLE_EQ(cm.route[2].altitude.value_m, 900.0);
  EXPECT_EQ(cm.end, RouteEnd::kAimPoint);
  EXPECT_EQ(r.scenario.threats[1].end, RouteEnd::kExit);
}

// A raid is `count` threats `<id>-1`...: launch points taken in turn, each followed by the
// route and the aim point; arrivals (or starts) one salvo interval apart.
TEST(Loader, ExpandsARaidIntoItsThreats) {
  const LoadResult r = load_good();
  ASSERT_TRUE(r.ok()) << r.errors.str();
  ASSERT_EQ(r.scenario.threats.size(), 5u);
  for (int k = 0; k < 3; ++k) {
    const Threat& t = r.scenario.threats[2 + std::size_t(k)];
    EXPECT_EQ(t.id, "salvo-" + std::to_string(k + 1));
    EXPECT_EQ(t.type, "shahed136");
    ASSERT_TRUE(t.arrival_s.has_value());
    EXPECT_DOUBLE_EQ(*t.arrival_s, 2400.0 + 30.0 * k);
    EXPECT_EQ(t.arrival_path, "raids[0].time_on_target");
    EXPECT_EQ(t.arrival_where.line, 43);
    EXPECT_DOUBLE_EQ(t.start_jitter_s, 10.0);
    EXPECT_DOUBLE_EQ(t.route_jitter_m, 500.0);
    EXPECT_EQ(t.target, "base");
    ASSERT_EQ(t.route.size(), 3u);  // launch point, route point, aim point
    EXPECT_DOUBLE_EQ(t.route[0].position.lat_deg, k == 1 ? 39.1 : 39.0);
    EXPECT_DOUBLE_EQ(t.route[1].position.lat_deg, 39.8);
    EXPECT_DOUBLE_EQ(t.route[2].position.lat_deg, 40.079);
  }
  // The second launcher's speed carries over to the route; the others fly the cruise speed.
  EXPECT_DOUBLE_EQ(r.scenario.threats[3].route[1].speed_mps, 150.0 / 3.6);
  EXPECT_DOUBLE_EQ(r.scenario.threats[4].route[1].speed_mps, 50.0);
}

// Mach uses the US Standard Atmosphere 1976 speed of sound at the point's altitude:
// 295.154 m/s at 11 km geometric altitude (Table I of the standard, 216.774 K).
TEST(Loader, ConvertsMachAtThePointsAltitude) {
  const LoadResult r = load_good();
  ASSERT_TRUE(r.ok()) << r.errors.str();
  const Threat& jet = r.scenario.threats[1];
  EXPECT_NEAR(jet.route[0].speed_mps, 0.9 * 295.154, 0.01);
  EXPECT_DOUBLE_EQ(jet.route[1].speed_mps, jet.route[0].speed_mps);
}

TEST(Loader, ReadsLibraryTypesWithTheirSources) {
  const LoadResult r = load_good();
  ASSERT_TRUE(r.ok()) << r.errors.str();
  const ThreatType& t = r.scenario.threat_types.at("tomahawk");
  EXPECT_EQ(t.kind, ThreatKind::kCruiseMissile);
  EXPECT_DOUBLE_EQ(t.figures.at("cruise_speed").value, 880.0 / 3.6);
  EXPECT_FALSE(t.figures.at("cruise_speed").source.empty());
  EXPECT_TRUE(t.figures.at("rcs").estimate);
  const SiteType& radar = r.scenario.site_types.at("s400/91N6E");
  EXPECT_EQ(radar.kind, SiteKind::kRadar);
  EXPECT_DOUBLE_EQ(radar.figures.at("instrumented_range").value, 600000.0);
  // The typed type holds what the file gives, and the table's defaults for what it does not.
  EXPECT_DOUBLE_EQ(radar.radar.radar.parameters.instrumented_range_m, 600000.0);
  EXPECT_EQ(radar.radar.radar.scan, sensors::ScanKind::kRotating);
  EXPECT_FALSE(radar.figures.contains("fire_channels"));
  EXPECT_EQ(radar.radar.fire_channels, 0);
  EXPECT_DOUBLE_EQ(t.signature.rcs.for_frequency(3e9).rcs_m2(0.0, 0.0), t.figures.at("rcs").value);
}

// Every file of the library loads without error: each figure has a value, a unit and a source.
TEST(Library, EveryDataFileLoads) {
  int count = 0;
  for (const char* part : {"systems", "threats"}) {
    const fs::path root = kSource / "data" / part;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.path().extension() != ".yaml") continue;
      fs::path rel = fs::relative(entry.path(), root);
      rel.replace_extension();
      const bool site = std::string(part) == "systems";
      std::ostringstream text;
      text << "name: library\nduration: 1 min\n";
      // A missile is loaded on a launcher; a launcher needs a missile.
      const auto kind =
          site ? std::optional(load_site_type(rel.generic_string(), "test").site->kind) : std::nullopt;
      if (kind == SiteKind::kMissile) {
        text << "sites:\n  - {id: s, type: s400/5P85SE2, missile: " << rel.generic_string()
             << ", position: [0, 0]}\n";
      } else if (kind == SiteKind::kLauncher) {
        text << "sites:\n  - {id: s, type: " << rel.generic_string()
             << ", missile: s400/48N6E2, position: [0, 0]}\n";
      } else if (site) {
        text << "sites:\n  - {id: s, type: " << rel.generic_string() << ", position: [0, 0]}\n";
      }
      text << "threats:\n  - id: t\n    type: " << (site ? "f16c" : rel.generic_string())
           << "\n    route: [{position: [0, 0], altitude: 1 km}, {position: [0, 1]}]\n";
      const LoadResult r = load_from_string(text.str(), "library.yaml", kSource.string());
      EXPECT_TRUE(r.ok()) << rel << ":\n" << r.errors.str();
      ++count;
    }
  }
  EXPECT_GE(count, 9);
}

TEST(Loader, ReportsSeveralErrorsAtOnce) {
  const LoadResult r = load_from_string(
      "name: x\nduration: -1 s\nthreats:\n  - id: a\n    type: f16c\n    speed: 3\n    route: []\n",
      "inline.yaml", kSource.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors.str(),
            "inline.yaml:2:11: duration: '-1 s' must be > 0 s\n"
            "inline.yaml:6:5: threats[0].speed: unknown key 'speed'\n"
            "inline.yaml:7:12: threats[0].route: a route needs at least one point\n");
}

// The resolved scenario loads again and resolves to itself.
TEST(Resolved, LoadsAgainAsTheSameScenario) {
  const LoadResult r = load_good();
  ASSERT_TRUE(r.ok()) << r.errors.str();
  const std::string once = to_resolved_yaml(r.scenario, 42);
  const LoadResult again = load_from_string(once, "resolved.yaml", kSource.string());
  ASSERT_TRUE(again.ok()) << again.errors.str() << once;
  EXPECT_EQ(to_resolved_yaml(again.scenario, 42), once);
  EXPECT_EQ(again.scenario.threats[0].route.size(), 3u);
  EXPECT_DOUBLE_EQ(again.scenario.threats[1].route[0].speed_mps, r.scenario.threats[1].route[0].speed_mps);
}

// The command post's modelling choices are scenario keys with their defaults, and go through the
// resolved copy.
TEST(Loader, ReadsTheCommandPostsEvaluationParameters) {
  const std::string text =
      "name: e\nduration: 1 min\ndefence:\n  evaluation: {drone_speed: 90 m/s, urgency_time: 5 min}\n"
      "threats:\n  - {id: t, type: f16c, route: [{position: [1, 0], altitude: 1 km}, {position: [0, 0]}]}\n";
  const LoadResult r = load_from_string(text, "e.yaml", kSource.string());
  ASSERT_TRUE(r.ok()) << r.errors.str();
  const c2::EvaluationParameters& p = r.scenario.defence.evaluation;
  EXPECT_DOUBLE_EQ(p.drone_speed_mps, 90.0);
  EXPECT_DOUBLE_EQ(p.urgency_time_s, 300.0);
  EXPECT_DOUBLE_EQ(p.ballistic_speed_mps, c2::EvaluationParameters{}.ballistic_speed_mps);  // default
  const LoadResult again = load_from_string(to_resolved_yaml(r.scenario, 1), "again.yaml", kSource.string());
  ASSERT_TRUE(again.ok()) << again.errors.str();
  EXPECT_DOUBLE_EQ(again.scenario.defence.evaluation.drone_speed_mps, 90.0);
  EXPECT_DOUBLE_EQ(again.scenario.defence.evaluation.planning_miss_m, 5.0);
  const LoadResult bad = load_from_string(
      "name: e\nduration: 1 min\ndefence: {evaluation: {drone_sped: 90 m/s}}\nthreats:\n  - {id: t, type: "
      "f16c, "
      "route: [{position: [1, 0], altitude: 1 km}, {position: [0, 0]}]}\n",
      "bad.yaml", kSource.string());
  EXPECT_EQ(bad.errors.str(),
            "bad.yaml:3:24: defence.evaluation.drone_sped: unknown key 'drone_sped' (did you mean "
            "'drone_speed'?)\n");
}

// The defaults the format reference shows for defence.evaluation are those a scenario without the
// section runs with (the struct's), key by key.
TEST(Schema, EvaluationDefaultsInTheReferenceAreTheRunsDefaults) {
  const c2::EvaluationParameters defaults;
  ASSERT_FALSE(kEvaluationSection.fields.empty());
  for (const FieldSpec& f : kEvaluationSection.fields) {
    ASSERT_NE(f.get_value, nullptr) << f.key;
    const core::QuantityParse q = core::parse_quantity(f.default_text, f.dim);
    ASSERT_TRUE(q.quantity) << f.key << ": " << q.error;
    EXPECT_DOUBLE_EQ(q.quantity->value, f.get_value(&defaults)) << f.key;
  }
}

// docs/scenario-format.md is the generated reference, so the docs cannot drift from the loader.
TEST(Schema, DocsMatchTheGeneratedReference) {
  std::ifstream in(kSource / "docs/scenario-format.md");
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), format_reference())
      << "regenerate with: build/release/bin/opensam help format > docs/scenario-format.md";
}

// Each library type file is read against the table of its kind, which declares every key once:
// a default is in the key's unit and range (the loader applies it as if written), a key another
// kind takes is refused, and a figure the models read has somewhere to go.
TEST(Schema, EachKindsTableDeclaresItsKeysOnce) {
  const Section* tables[] = {&kRadarTypeSection,
                             &kLauncherTypeSection,
                             &kMissileTypeSection,
                             &kCommandPostTypeSection,
                             &kAircraftTypeSection,
                             &kCruiseMissileTypeSection,
                             &kBallisticMissileTypeSection,
                             &kDroneTypeSection,
                             &kArmTypeSection,
                             &kDecoyTypeSection};
  for (const Section* s : tables) {
    std::vector<std::string_view> keys;
    for (const FieldSpec& f : s->fields) {
      EXPECT_EQ(std::count(keys.begin(), keys.end(), f.key), 0) << s->name << ": " << f.key << " twice";
      keys.push_back(f.key);
      if (f.kind == FieldKind::kChoice && f.key != "kind") {
        EXPECT_NE(f.set_choice, nullptr) << s->name << ": " << f.key;
      }
      if (f.kind != FieldKind::kFigure || f.default_text.empty()) continue;
      const core::QuantityParse q = core::parse_quantity(f.default_text, f.dim);
      ASSERT_TRUE(q.quantity.has_value()) << s->name << ": " << f.key << ": " << q.error;
      EXPECT_FALSE(q.quantity->mach);
      EXPECT_GE(q.quantity->value, f.min) << s->name << ": " << f.key;
      EXPECT_LE(q.quantity->value, f.max) << s->name << ": " << f.key;
      EXPECT_NE(f.set_figure, nullptr) << s->name << ": " << f.key << " has a default but nowhere to put it";
    }
  }
  EXPECT_EQ(&type_section(SiteKind::kLauncher), &kLauncherTypeSection);
  EXPECT_EQ(&type_section(ThreatKind::kArm), &kArmTypeSection);
  // A launcher's figure on a radar type is refused, with the key named.
  const fs::path dir = fs::temp_directory_path() / ("opensam-kind-test-" + std::to_string(::getpid()));
  fs::create_directories(dir / "types");
  std::ofstream(dir / "types/radar.yaml") << "name: R\nkind: radar\ntubes: {value: 4, source: \"t\"}\n";
  std::ofstream(dir / "s.yaml")
      << "name: s\nduration: 1 min\nsites:\n  - {id: r, type: types/radar.yaml, "
         "position: [0, 0]}\nthreats:\n  - {id: t, type: f16c, route: [{position: [1, "
         "0], altitude: 1 km}, {position: [0, 0]}]}\n";
  const LoadResult r = load((dir / "s.yaml").string());
  EXPECT_NE(r.errors.str().find("types/radar.yaml:3:1: tubes: unknown key 'tubes'"), std::string::npos)
      << r.errors.str();
  fs::remove_all(dir);
}

// A figure the file does not give takes the table's default, visible in the format reference:
// the 5P85SE2's reaction time is given; a launcher without one reacts in 10 s.
TEST(Schema, AbsentFiguresTakeTheTablesDefault) {
  const TypeResult t = load_site_type("s400/5P85SE2", "test");
  ASSERT_TRUE(t.site) << t.errors.str();
  EXPECT_DOUBLE_EQ(t.site->launcher.reaction_time_s, t.site->figures.at("reaction_time").value);
  const fs::path dir = fs::temp_directory_path() / ("opensam-default-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "bare.yaml") << "name: Bare\nkind: launcher\n";
  const TypeResult bare = load_site_type((dir / "bare.yaml").string(), "test");
  ASSERT_TRUE(bare.site) << bare.errors.str();
  EXPECT_EQ(bare.site->launcher.tubes, 4);
  EXPECT_DOUBLE_EQ(bare.site->launcher.reaction_time_s, 10.0);
  EXPECT_DOUBLE_EQ(bare.site->launcher.ripple_interval_s, 4.0);
  EXPECT_DOUBLE_EQ(bare.site->launcher.reload_time_s, 1800.0);
  EXPECT_TRUE(bare.site->figures.empty());  // the provenance record holds what was given only
  const std::string reference = format_reference();
  EXPECT_NE(reference.find("| `reaction_time` | figure: time (s, ms, us, min, h) | `10 s` |"),
            std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace opensam::scenario
