// The radars in whole runs: horizon, silence, streams per target, jamming and strobes, terrain
// masking, sector radars' track dwells, destruction.
#include "opensam/sim/radar.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>

#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/replication.hpp"
#include "ridge_raster.hpp"

namespace opensam::sim {
namespace {

namespace fs = std::filesystem;
constexpr double kDeg = std::numbers::pi / 180.0;
const fs::path kSource = OPENSAM_TEST_SOURCE_DIR;

scenario::Scenario load(const std::string& text, const fs::path& dir = kSource / "tests/sim") {
  auto r = scenario::load_from_string(text, "radar_test.yaml", dir.string());
  EXPECT_TRUE(r.ok()) << r.errors.str();
  return r.scenario;
}

std::vector<Detection> detections_of(const RunResult& r, const std::string& target) {
  std::vector<Detection> out;
  for (const auto& e : r.events) {
    if (const auto* d = std::get_if<Detection>(&e.data);
        d && d->target != kNoEntity && r.entities[d->target].id == target)
      out.push_back(*d);
  }
  return out;
}

std::vector<double> detection_times(const RunResult& r, const std::string& target) {
  std::vector<double> out;
  for (const auto& e : r.events) {
    if (const auto* d = std::get_if<Detection>(&e.data);
        d && d->target != kNoEntity && r.entities[d->target].id == target)
      out.push_back(e.time_s);
  }
  return out;
}

const char* kInbound = R"(
name: inbound
duration: 40 min
sites:
  - {id: acq, type: s400/91N6E, position: "39.0N 33.0E", altitude: 20 m}
threats:
  - id: f16
    type: f16c
    jamming: [{on: false}]  # its skin alone: its self-protection jammer stays off
    route:
      - {position: "43.5N 33.0E", altitude: 10 km, speed: 250 m/s}
      - {position: "39.2N 33.0E"}
    end: exit
)";

// An F-16 (2 m2 nose-on, Swerling 1) inbound at 10 km toward a 91N6E at 20 m: first seen
// near the radar horizon, 430 km (4.12 (sqrt 20 + sqrt 10000) km), since its Pd-0.5 range
// in free space is beyond it (600 km x (2/5)^(1/4) = 477 km); then one look per 10 s rotation.
TEST(RadarRun, RotatingRadarSeesAnInboundFighterFromTheHorizon) {
  const RunResult r = run_replication(load(kInbound), {});
  const auto dets = detections_of(r, "f16");
  ASSERT_GT(dets.size(), 50u);
  EXPECT_LT(dets.front().range_m, 432e3);
  EXPECT_GT(dets.front().range_m, 380e3);
  const auto times = detection_times(r, "f16");
  for (std::size_t i = 1; i < times.size(); ++i) {
    const double gap = times[i] - times[i - 1];
    // Whole rotations apart (missed looks make gaps of 20 s, 30 s ...), within the time the
    // beam takes to follow the target's small change of azimuth.
    EXPECT_NEAR(gap / 10.0, std::round(gap / 10.0), 0.01) << i;
  }
}

// Emission control: no detection while the radar is silent, and the switches are logged.
TEST(RadarRun, SilentRadarDetectsNothing) {
  std::string text = kInbound;
  text.replace(text.find("altitude: 20 m}"), 15, "altitude: 20 m, silent: [{from: 10 min, to: 20 min}]}");
  const RunResult r = run_replication(load(text), {});
  for (double t : detection_times(r, "f16")) EXPECT_FALSE(t >= 600.0 && t < 1200.0) << t;
  int switches = 0;
  for (const auto& e : r.events) {
    if (const auto* em = std::get_if<RadarEmission>(&e.data)) {
      EXPECT_EQ(e.time_s, em->on ? 1200.0 : 600.0);
      ++switches;
    }
  }
  EXPECT_EQ(switches, 2);
  EXPECT_FALSE(detection_times(r, "f16").empty());
}

// Streams per (radar, threat): adding a threat changes nothing in another's detections.
TEST(RadarRun, AddingAThreatLeavesTheOthersDetectionsAlone) {
  std::string two = kInbound;
  two += R"(  - id: uav
    type: shahed136
    route:
      - {position: "39.8N 34.0E", altitude: 500 m}
      - {position: "39.1N 33.1E"}
)";
  const RunResult a = run_replication(load(kInbound), {});
  const RunResult b = run_replication(load(two), {});
  const auto da = detections_of(a, "f16");
  const auto db = detections_of(b, "f16");
  ASSERT_EQ(da.size(), db.size());
  for (std::size_t i = 0; i < da.size(); ++i) {
    EXPECT_EQ(da[i].range_m, db[i].range_m);
    EXPECT_EQ(da[i].azimuth_rad, db[i].azimuth_rad);
  }
  EXPECT_FALSE(detections_of(b, "uav").empty());
}

/// A library file without its top-level entry `key` (and what is indented under it), to
/// append a test's own to.
std::string library_file_without(const std::string& file, const std::string& key) {
  std::ifstream in(kSource / "data" / file);
  std::string line, text;
  bool skip = false;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) == 0)
      skip = true;
    else if (!line.empty() && line[0] != ' ')
      skip = false;
    if (!skip) text += line + "\n";
  }
  return text;
}

/// The library EA-18G's file without its `jammers` list, to append test pods to.
std::string ea18g_without_jammers() { return library_file_without("threats/ea18g.yaml", "jammers"); }

// A stand-off jammer makes the rotating radar report bearing strobes on it; a self-screening
// jammer on an inbound aircraft delays its first detection against the same aircraft without
// one (burn-through). Jamming enters only through the overlap of the bands (Adamy, EW 101,
// ch. 9): with its high-band pod alone (6-18 GHz) the Growler leaves the S-band 91N6E's
// detections as they are without a jammer, and gives no strobe.
TEST(RadarRun, JammersGiveStrobesAndDelayDetection) {
  const fs::path dir = fs::temp_directory_path() / ("opensam-radar-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    const std::string text = ea18g_without_jammers();
    std::ofstream(dir / "quiet.yaml") << text;
    std::ofstream(dir / "high.yaml") << text
                                     << "jammers:\n  - {name: high band, from: 6 GHz, to: 18 GHz, erp: 6 MW, "
                                        "source: test}\n";
    // Responsive spot noise on the S-band 91N6E: set on 10 s after the jammer hears it, or
    // only after the run is over.
    for (const auto& [file, reaction] : {std::pair{"spot.yaml", "10 s"}, std::pair{"late.yaml", "3 h"}})
      std::ofstream(dir / file)
          << text
          << "jammers:\n  - {name: spot, from: 2 GHz, to: 4 GHz, erp: 1 kW, technique: spot, "
             "spot_bandwidth: 10 MHz, reaction_time: "
          << reaction << ", source: test}\n";
  }
  auto scenario_with = [&](const std::string& type) {
    return R"(
name: jam
duration: 40 min
sites:
  - {id: acq, type: s400/91N6E, position: "39.0N 33.0E", altitude: 20 m}
threats:
  - id: growler
    type: )" +
           type + R"(
    route:
      - {position: "43.5N 33.0E", altitude: 10 km, speed: 250 m/s}
      - {position: "39.2N 33.0E"}
    end: exit
)";
  };
  const RunResult jammed = run_replication(load(scenario_with("ea18g"), dir), {});
  const RunResult quiet = run_replication(load(scenario_with("quiet.yaml"), dir), {});
  const RunResult high = run_replication(load(scenario_with("high.yaml"), dir), {});
  int strobes = 0;
  for (const auto& e : jammed.events) strobes += std::holds_alternative<JamStrobe>(e.data) ? 1 : 0;
  EXPECT_GT(strobes, 10);
  const auto dj = detections_of(jammed, "growler");
  const auto dq = detections_of(quiet, "growler");
  ASSERT_FALSE(dq.empty());
  if (!dj.empty()) {
    EXPECT_LT(dj.front().range_m, 0.5 * dq.front().range_m);
  }
  const auto dh = detections_of(high, "growler");
  ASSERT_EQ(dh.size(), dq.size());
  EXPECT_EQ(dh.front().range_m, dq.front().range_m);
  for (const auto& e : high.events) EXPECT_FALSE(std::holds_alternative<JamStrobe>(e.data));
  // A spot jammer that has not yet reacted jams nothing; once set on, 1 kW in 10 MHz (with
  // the 91N6E's 150 MHz of agility, over 150 MHz) delays the first detection.
  const auto late = detections_of(run_replication(load(scenario_with("late.yaml"), dir), {}), "growler");
  ASSERT_EQ(late.size(), dq.size());
  EXPECT_EQ(late.front().range_m, dq.front().range_m);
  const auto spot = detections_of(run_replication(load(scenario_with("spot.yaml"), dir), {}), "growler");
  ASSERT_FALSE(spot.empty());
  EXPECT_LT(spot.front().range_m, 0.8 * dq.front().range_m);
  fs::remove_all(dir);
}

// A directional pod and a scripted switch: a 10 deg beam (sidelobes 40 dB down) midway between
// two radars 150 km apart, pointed at one, jams it 40 dB harder than the other, which it
// reaches through its sidelobes (the two lie 60 deg apart from the jammer); pointed at the
// other, the sides swap; switched off at 10 min, no strobe after it.
TEST(RadarRun, ADirectionalPodJamsTheRadarItPointsAtUntilSwitchedOff) {
  const fs::path dir = fs::temp_directory_path() / ("opensam-pod-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream(dir / "beam.yaml") << ea18g_without_jammers()
                                     << "jammers:\n  - {name: beam, from: 2 GHz, to: 4 GHz, erp: 20 kW, "
                                        "beamwidth: 10 deg, sidelobe: -40 dB, source: test}\n";
  }
  const auto strobes = [&](const std::string& jamming) {
    const std::string text = R"(
name: pod
duration: 20 min
sites:
  - {id: west, type: s400/91N6E, position: "39.0N 32.0E", altitude: 20 m}
  - {id: east, type: s400/91N6E, position: "39.0N 33.75E", altitude: 20 m}
threats:
  - id: growler
    type: beam.yaml
    route:
      - {position: "40.2N 32.875E", altitude: 10 km, speed: 200 m/s}
      - {position: "40.25N 32.875E", loiter: 30 min}
      - {position: "40.5N 32.875E"}
    end: exit
)" + jamming;
    const RunResult r = run_replication(load(text, dir), {});
    // Per radar (west, east): the strobes' mean J/N (dB), and how many came after 10 min.
    std::array<double, 2> jnr_db{};
    std::array<int, 2> count{}, late{};
    for (const auto& e : r.events)
      if (const auto* s = std::get_if<JamStrobe>(&e.data)) {
        const std::size_t side = r.entities[s->radar].id == "west" ? 0 : 1;
        jnr_db[side] += s->jnr_db, ++count[side];
        if (e.time_s > 600.0) ++late[side];
      }
    for (std::size_t k = 0; k < 2; ++k) jnr_db[k] /= std::max(count[k], 1);
    EXPECT_GT(count[0], 20);
    EXPECT_GT(count[1], 20);
    return std::pair{jnr_db, late};
  };
  const auto [west, west_late] = strobes("    jamming:\n      - {point_at: west}\n");
  EXPECT_NEAR(west[0] - west[1], 40.0, 1.0);
  EXPECT_GT(west_late[0], 10);
  const auto [east, east_late] = strobes("    jamming:\n      - {point_at: east}\n");
  EXPECT_NEAR(east[1] - east[0], 40.0, 1.0);
  const auto [off, off_late] =
      strobes("    jamming:\n      - {point_at: west}\n      - {at: 10 min, on: false}\n");
  EXPECT_NEAR(off[0] - off[1], 40.0, 1.0);
  EXPECT_EQ(off_late[0] + off_late[1], 0);
  fs::remove_all(dir);
}

// A repeater (false targets) 150 km north of a 91N6E: in the main lobe its echoes come at its
// bearing, 4 of them 2 km apart behind it, at the S/N of the one-way equation (Adamy, EW 101,
// ch. 9: ERP G lambda^2 / ((4 pi)^2 R^2 k T0 F B)); through the sidelobes, at the beam's
// bearing wherever it points, unless the sidelobe blanker blanks them; the blanker never
// removes the main lobe's. The radar type is the library's 91N6E with its blanker set to 0
// and to 1.
TEST(RadarRun, ARepeatersFalseTargetsComeThroughTheSidelobesUnlessBlanked) {
  const fs::path dir = fs::temp_directory_path() / ("opensam-repeater-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string radar = library_file_without("systems/s400/91N6E.yaml", "sidelobe_blanker");
  {
    for (const char* p : {"0", "1"})
      std::ofstream(dir / (std::string("blanker") + p + ".yaml"))
          << radar << "sidelobe_blanker: {value: \"" << p << "\", source: test}\n";
    std::ofstream(dir / "repeater.yaml") << ea18g_without_jammers()
                                         << "jammers:\n  - {name: drfm, from: 2 GHz, to: 4 GHz, erp: 10 W, "
                                            "technique: false_targets, false_targets: 4, "
                                            "false_target_spacing: 2 km, source: test}\n";
  }
  struct Seen {
    int main_lobe = 0, sidelobes = 0, strobes = 0;
    double worst_db = -1.0;  // how far the main lobe's echoes fall outside the closed form's span
  };
  const auto run = [&](const std::string& type, const std::string& jamming = "") -> Seen {
    const std::string text = R"(
name: repeater
duration: 10 min
sites:
  - {id: acq, type: )" + type +
                             R"(, position: "39.0N 33.0E", altitude: 20 m}
threats:
  - id: drfm
    type: repeater.yaml
    route:
      - {position: "40.35N 33.0E", altitude: 10 km, speed: 200 m/s}
      - {position: "40.36N 33.0E", loiter: 30 min}
      - {position: "40.5N 33.0E"}
    end: exit
)" + jamming;
    const scenario::Scenario sc = load(text, dir);
    const RunResult r = run_replication(sc, {});
    EXPECT_EQ(sc.site_types.size(), 1u);
    const sensors::RadarParameters& p = sc.site_types.begin()->second.radar.radar.parameters;
    const auto closed = [&](double range_m) {
      return sensors::ratio_to_db(sensors::jam_to_noise(p, 10.0, range_m, 1.0));
    };
    Seen seen;
    for (const auto& e : r.events) {
      seen.strobes += std::holds_alternative<JamStrobe>(e.data) ? 1 : 0;
      const auto* d = std::get_if<Detection>(&e.data);
      if (d == nullptr || d->target != kNoEntity || d->range_m < 145e3 || d->range_m > 165e3) continue;
      // Main-lobe echoes come 30 dB (the sidelobe level) above those through the sidelobes.
      if (d->snr_db < closed(150e3) - 15.0) {
        ++seen.sidelobes;
        continue;
      }
      ++seen.main_lobe;
      // The pod orbits 147.5-153 km out: its echoes' S/N lies within the closed form's there.
      seen.worst_db = std::max({seen.worst_db, closed(153e3) - d->snr_db, d->snr_db - closed(147.5e3)});
    }
    return seen;
  };
  const Seen open = run("blanker0.yaml"), blanked = run("blanker1.yaml");
  // The noise's own false alarms in that band, the same in every run (their own stream).
  const Seen off = run("blanker1.yaml", "    jamming: [{on: false}]\n");
  EXPECT_EQ(off.main_lobe, 0);
  // 60 rotations of 10 s: four echoes each in the main lobe, four through the sidelobes.
  EXPECT_NEAR(open.main_lobe, 240, 12);
  EXPECT_NEAR(open.sidelobes - off.sidelobes, 240, 24);
  EXPECT_LT(open.worst_db, 0.05);
  EXPECT_EQ(blanked.main_lobe, open.main_lobe);
  EXPECT_EQ(blanked.sidelobes, off.sidelobes);
  EXPECT_EQ(open.strobes + blanked.strobes, 0);  // a repeater sends no noise
  fs::remove_all(dir);
}

// Terrain masking in a run: a GeoTIFF with a 1,500 m ridge across the approach, 40 km north
// of the radar. A cruise missile at 100 m behind the ridge is hidden until it crosses it.
TEST(RadarRun, RidgeHidesALowFlyerUntilItCrosses) {
  const fs::path dir = fs::temp_directory_path() / ("opensam-ridge-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  ASSERT_TRUE(test_support::write_ridge_raster(dir / "ridge.tif", 39.36, 1500.0, 0.01));
  const std::string text = R"(
name: ridge
duration: 30 min
environment: {terrain: ridge.tif}
sites:
  - {id: low, type: s400/96L6E, position: "39.0N 33.0E", altitude: 20 m AGL}
threats:
  - id: cm
    type: tomahawk
    route:
      - {position: "40.1N 33.0E", altitude: 100 m AGL}
      - {position: "39.5N 33.0E", altitude: 100 m AGL}
      - {position: "39.30N 33.0E", altitude: 100 m AGL}
      - {position: "39.1N 33.0E", altitude: 100 m AGL}
    end: exit
)";
  const RunResult r = run_replication(load(text, dir), {});
  const auto dets = detections_of(r, "cm");
  ASSERT_FALSE(dets.empty());
  // Every detection is south of the ridge crest (39.36N), within its shadow's end.
  for (const auto& d : dets) EXPECT_LT(d.where.lat_deg, 39.37) << d.where.lat_deg;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace opensam::sim

namespace opensam::sim {
namespace {

const char* kSector = R"(
name: sector
duration: 20 min
sites:
  - {id: fcr, type: s400/92N6E, position: "39.0N 33.0E", altitude: 25 m, facing: 0 deg}
threats:
  - id: a
    type: f16c
    jamming: [{on: false}]
    route:
      - {position: "40.2N 33.0E", altitude: 8 km, speed: 250 m/s}
      - {position: "39.3N 33.0E"}
    end: exit
  - id: b
    type: f16c
    jamming: [{on: false}]
    route:
      - {position: "40.2N 33.2E", altitude: 8 km, speed: 250 m/s}
      - {position: "39.3N 33.2E"}
    end: exit
)";

// The 92N6E searches its sector once per 4 s frame and holds what it finds in track dwells
// every second (its `track_revisit`): after the first detection, looks come a second apart.
TEST(SectorRadar, HoldsDetectedTargetsInTrackDwells) {
  const RunResult r = run_replication(load(kSector), {});
  const auto times = detection_times(r, "a");
  ASSERT_GT(times.size(), 100u);
  int one_second = 0;
  for (std::size_t i = 1; i < times.size(); ++i)
    one_second += std::abs(times[i] - times[i - 1] - 1.0) < 1e-6 ? 1 : 0;
  EXPECT_GT(one_second, static_cast<int>(0.9 * static_cast<double>(times.size())));
}

// With room for one track only, the second target gets search looks (one per 4 s frame) and
// no dwells while the first is held.
TEST(SectorRadar, TrackCapacityLimitsTheDwells) {
  const fs::path dir = fs::temp_directory_path() / ("opensam-capacity-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ifstream in(kSource / "data/systems/s400/92N6E.yaml");
    std::ofstream out(dir / "one_track.yaml");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("  value: \"100\"", 0) == 0) line = "  value: \"1\"";
      out << line << "\n";
    }
  }
  std::string text = kSector;
  text.replace(text.find("s400/92N6E"), 10, "one_track.yaml");
  const RunResult r = run_replication(load(text, dir), {});
  const auto a = detection_times(r, "a");
  const auto b = detection_times(r, "b");
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  // One of them is held (1 s looks); the other is seen at most once per search frame.
  const auto& held = a.front() <= b.front() ? a : b;
  const auto& other = a.front() <= b.front() ? b : a;
  EXPECT_GT(held.size(), 2 * other.size());
  for (std::size_t i = 1; i < other.size(); ++i) EXPECT_GE(other[i] - other[i - 1], 3.0);
  fs::remove_all(dir);
}

// A scripted strike: the radar stops for good, and the event says when.
TEST(RadarRun, DestroyedRadarSeesNoMore) {
  std::string text = kInbound;
  text.replace(text.find("altitude: 20 m}"), 15, "altitude: 20 m, destroyed_at: 15 min}");
  const RunResult r = run_replication(load(text), {});
  const auto times = detection_times(r, "f16");
  ASSERT_FALSE(times.empty());
  EXPECT_LT(times.back(), 900.0);
  int destroyed = 0;
  for (const auto& e : r.events) {
    if (std::holds_alternative<SiteDestroyed>(e.data)) {
      EXPECT_EQ(e.time_s, 900.0);
      ++destroyed;
    }
    if (const auto* d = std::get_if<Detection>(&e.data)) {
      EXPECT_LT(e.time_s, 900.0) << "detection after destruction, target " << d->target;
    }
  }
  EXPECT_EQ(destroyed, 1);
}

}  // namespace
}  // namespace opensam::sim
