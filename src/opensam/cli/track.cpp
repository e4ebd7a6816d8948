// `opensam track` and `opensam track-reference`.
#include "opensam/cli/track.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "opensam/cli/commands.hpp"
#include "opensam/cli/flags.hpp"
#include "opensam/core/text.hpp"
#include "opensam/output/run_folder.hpp"
#include "opensam/scenario/tracker_config.hpp"
#include "opensam/tracking/detections_file.hpp"
#include "opensam/tracking/metrics.hpp"
#include "opensam/tracking/reference.hpp"
#include "opensam/tracking/tracker.hpp"

namespace opensam::cli {
namespace {

namespace fs = std::filesystem;

int fail(const std::string& message) {
  std::cerr << "opensam track: " << message << "\n";
  return kExitBadInput;
}

}  // namespace

void add_track(CLI::App& app, TrackArgs& a, ReferenceArgs& r) {
  auto* c = app.add_subcommand("track", "Run the tracker on a detections file and score it against truth");
  c->add_option("--detections", a.detections, "Detections CSV")->required();
  c->add_option("--truth", a.truth, "Truth CSV: time,id,x,y[,z]");
  c->add_option("--config", a.config, "Tracker YAML (see `opensam help format`, Tracker files)");
  c->add_option("--out", a.out, "Output folder for tracks.csv (default out/track)");
  c->add_option("--format", a.format, "Metrics on stdout: table or json")
      ->check(CLI::IsMember({"table", "json"}));
  c->add_option("--gospa-c", a.gospa_c, "GOSPA and OSPA cut-off distance (default 500 m)");
  c->add_option("--gospa-p", a.gospa_p, "GOSPA and OSPA order p >= 1 (default 1)");
  c->add_option("--metrics-from", a.metrics_from,
                "First scan (1-based) averaged into the metrics (default 1)")
      ->check(CLI::PositiveNumber);
  c->footer(R"(
Detections CSV: a header row, then one row per detection in time order; rows of one scan
share time and sensor. Columns time,sensor,x,y[,z] (metres, local east-north-up) with
optional sx,sy[,sz] (noise per row), or time,sensor,range,azimuth,elevation[,range_rate]
(metres, degrees from north clockwise, degrees, m/s) for radars placed by --config.

Writes OUT/tracks.csv: time,track_id,x,y,z,vx,vy,vz,status per track per scan (status
tentative, confirmed or coasting). Prints scans, confirmed tracks, mean GOSPA and OSPA over
the scans with truth, SIAP figures and the tracker's milliseconds per scan.

Examples:
  opensam track-reference --out ref --targets 100
  opensam track --detections ref/detections.csv --truth ref/truth.csv --out ref/run
  opensam track --detections d.csv --config examples/tracker-jpda.yaml --format json)");
  a.command = c;

  auto* g =
      app.add_subcommand("track-reference", "Write the reference tracking scenario's detections and truth");
  g->add_option("--out", r.out, "Output folder for detections.csv and truth.csv")->required();
  g->add_option("--targets", r.targets, "Targets (default 10)")->check(CLI::Range(1, 1000000));
  g->add_option("--scans", r.scans, "Scans, one per second (default 50)")->check(CLI::Range(1, 100000));
  g->add_option("--clutter", r.clutter, "Mean false detections per scan (default 20)")
      ->check(CLI::Range(0.0, 1e6));
  g->add_option("--pd", r.pd, "Probability of detection (default 0.9)")->check(CLI::Range(0.0, 1.0));
  g->add_option("--sigma", r.sigma, "Measurement noise in x and y, m (default 50)")
      ->check(CLI::Range(0.001, 1e6));
  g->add_option("--seed", r.seed, "Seed (default 1)");
  g->footer(R"(
2-D constant-velocity targets (q = 1 m2/s3) uniform in 100 x 100 km at 100-300 m/s, random
headings; Poisson clutter uniform over 120 x 120 km; one scan per second. The same files feed
`opensam track` and any other tracker.)");
  r.command = g;
}

int reference_command(const ReferenceArgs& a) {
  tracking::ReferenceScenario sc;
  sc.targets = a.targets, sc.scans = a.scans, sc.clutter_per_scan = a.clutter;
  sc.detection_probability = a.pd, sc.sigma_m = a.sigma, sc.seed = a.seed;
  const auto scans = tracking::generate_reference(sc);
  std::string dets = "time,sensor,x,y\n", truth = "time,id,x,y\n";
  for (const auto& s : scans) {
    for (const auto& d : s.detections)
      dets += fmt::format("{:.1f},radar,{:.3f},{:.3f}\n", s.time_s, d.x(), d.y());
    for (std::size_t i = 0; i < s.truths.size(); ++i)
      truth += fmt::format("{:.1f},{},{:.3f},{:.3f}\n", s.time_s, i + 1, s.truths[i].x(), s.truths[i].y());
  }
  try {
    output::RunFolder folder(a.out);
    folder.write("detections.csv", dets);
    folder.write("truth.csv", truth);
    folder.commit();
  } catch (const std::exception& e) {
    std::cerr << "opensam track-reference: " << e.what() << "\n";
    return kExitFailure;
  }
  std::cout << fmt::format("wrote {0}/detections.csv and {0}/truth.csv ({1} scans, {2} targets)\n", a.out,
                           a.scans, a.targets);
  return kExitOk;
}

/// The tracker run over `scans`, its tracks per scan as CSV rows and its metrics against
/// `truth` from scan `metrics_from` on.
struct TrackRun {
  std::string tracks_csv = "time,track_id,x,y,z,vx,vy,vz,status\n";
  double ms_sum = 0, ms_max = 0, gospa_sum = 0, ospa_sum = 0;
  double loc_sum = 0, missed_sum = 0, false_sum = 0;
  int metric_scans = 0;
  std::uint64_t confirmed_ever = 0;
  int confirmed = 0;
  tracking::SiapAccumulator siap;
};

TrackRun run_tracker(const tracking::TrackerConfig& config, const std::vector<tracking::SensorSite>& sensors,
                     const tracking::DetectionsFile& file, const std::vector<tracking::Scan>& scans,
                     const std::map<double, tracking::TruthAt>& truth, double c, double p,
                     std::uint64_t metrics_from) {
  std::vector<tracking::Sensor> tracker_sensors;
  for (const auto& s : sensors) {
    tracking::Sensor ts;
    ts.model.kind = file.radar() ? tracking::MeasurementKind::kRadar : tracking::MeasurementKind::kPosition;
    ts.model.axes = file.axes();
    ts.model.range_rate = file.range_rate();
    ts.model.frame.origin_m = s.position_m;
    ts.max_range_m = s.max_range_m;
    ts.clutter_density = s.clutter_density;
    tracker_sensors.push_back(ts);
  }
  tracking::Tracker tracker(config, tracker_sensors);
  TrackRun run{.siap = tracking::SiapAccumulator(c)};
  std::vector<tracking::TrackEvent> events;
  for (std::size_t k = 0; k < scans.size(); ++k) {
    const tracking::Scan& s = scans[k];
    const auto t0 = std::chrono::steady_clock::now();
    tracker.process(s.sensor, s.detections);
    tracker.end_scan(s.sensor, s.time_s);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    run.ms_sum += ms, run.ms_max = std::max(run.ms_max, ms);
    events.clear();
    tracker.take_events(events);
    for (const auto& e : events) run.confirmed_ever += e.kind == tracking::TrackEventKind::kConfirmed;
    std::vector<std::uint64_t> ids;
    std::vector<Eigen::Vector3d> estimates;
    for (const auto& tr : tracker.tracks()) {
      const auto st = tracker.state_at(tr, s.time_s);
      run.tracks_csv += fmt::format("{},{},{:.3f},{:.3f},{:.3f},{:.3f},{:.3f},{:.3f},{}\n", s.time_s, tr.id,
                                    st.position.x(), st.position.y(), st.position.z(), st.velocity.x(),
                                    st.velocity.y(), st.velocity.z(), core::name_of(tr.status));
      if (tr.status != tracking::TrackStatus::kTentative)
        ids.push_back(tr.id), estimates.push_back(st.position);
    }
    // Metrics once per time step, after its last scan.
    const bool last_of_time = k + 1 == scans.size() || scans[k + 1].time_s != s.time_s;
    const auto it = truth.find(s.time_s);
    if (!last_of_time || it == truth.end() || k + 1 < metrics_from) continue;
    const auto g = tracking::gospa(it->second.positions, estimates, c, p);
    run.gospa_sum += g.distance, run.ospa_sum += g.ospa;
    run.loc_sum += g.localisation, run.missed_sum += g.missed, run.false_sum += g.false_tracks;
    run.siap.add(it->second.ids, it->second.positions, ids, estimates);
    ++run.metric_scans;
  }
  for (const auto& tr : tracker.tracks()) run.confirmed += tr.status != tracking::TrackStatus::kTentative;
  return run;
}

int track_command(const TrackArgs& a) {
  FlagValues flags;
  const auto c = flags.value("--gospa-c", a.gospa_c, core::Dimension::kLength, 0.0, 1e9, true);
  const auto p = flags.value("--gospa-p", a.gospa_p, core::Dimension::kNumber, 1.0, 100.0, false);
  if (!flags.error.empty()) return fail(flags.error);

  std::string error;
  const auto file = tracking::DetectionsFile::read(a.detections, error);
  if (!file) return fail(error);
  const int axes = file->axes();

  auto cfg =
      a.config.empty() ? scenario::default_tracker_config() : scenario::load_tracker_config(a.config, axes);
  if (!cfg.ok()) {
    std::cerr << cfg.errors.str();
    return kExitBadInput;
  }
  if (a.config.empty())
    for (auto& m : cfg.tracker.config.models) m.axes = axes;

  // Sensors: those of the config, or one per name in the file for position detections.
  std::vector<tracking::SensorSite> sensors = cfg.sensors;
  const auto scans = file->scans(sensors, a.config, error);
  if (!scans) return fail(error);

  std::map<double, tracking::TruthAt> truth;
  if (!a.truth.empty()) {
    auto read = tracking::read_truth_csv(a.truth, axes, error);
    if (!read) return fail(error);
    truth = std::move(*read);
  }

  const TrackRun run = run_tracker(cfg.tracker.config, sensors, *file, *scans, truth, *c, *p, a.metrics_from);

  try {
    output::RunFolder folder(a.out);
    folder.write("tracks.csv", run.tracks_csv);
    folder.commit();
  } catch (const std::exception& e) {
    std::cerr << "opensam track: " << e.what() << "\n";
    return kExitFailure;
  }

  const double n = std::max(run.metric_scans, 1);
  const double scans_n = std::max<double>(double(scans->size()), 1.0);
  nlohmann::ordered_json j;
  j["scans"] = scans->size();
  j["confirmed_tracks"] = run.confirmed;
  j["tracks_confirmed_total"] = run.confirmed_ever;
  j["metric_scans"] = run.metric_scans;
  if (run.metric_scans > 0) {
    j["gospa_mean"] = run.gospa_sum / n;
    j["gospa_localisation_mean"] = run.loc_sum / n;
    j["gospa_missed_mean"] = run.missed_sum / n;
    j["gospa_false_mean"] = run.false_sum / n;
    j["ospa_mean"] = run.ospa_sum / n;
    j["siap_completeness"] = run.siap.completeness();
    j["siap_ambiguity"] = run.siap.ambiguity();
    j["siap_spuriousness"] = run.siap.spuriousness();
    j["siap_track_id_changes"] = run.siap.track_id_changes();
  } else {
    j["gospa_mean"] = nullptr;
    j["ospa_mean"] = nullptr;
  }
  j["ms_per_scan_mean"] = run.ms_sum / scans_n;
  j["ms_per_scan_max"] = run.ms_max;
  j["tracks_csv"] = (fs::path(a.out) / "tracks.csv").generic_string();
  if (a.format == "json") {
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << fmt::format("scans                 {}\n", scans->size());
  std::cout << fmt::format("confirmed tracks      {} at the end, {} in all\n", run.confirmed,
                           run.confirmed_ever);
  if (run.metric_scans > 0) {
    std::cout << fmt::format(
        "GOSPA mean            {:.1f} m (c {} m, p {}; localisation {:.1f}, missed {:.1f}, false {:.1f})\n",
        run.gospa_sum / n, *c, *p, run.loc_sum / n, run.missed_sum / n, run.false_sum / n);
    std::cout << fmt::format("OSPA mean             {:.1f} m over {} scans with truth\n", run.ospa_sum / n,
                             run.metric_scans);
    std::cout << fmt::format(
        "SIAP                  completeness {:.3f}, ambiguity {:.3f}, spuriousness {:.3f}, "
        "track id changes {}\n",
        run.siap.completeness(), run.siap.ambiguity(), run.siap.spuriousness(), run.siap.track_id_changes());
  }
  std::cout << fmt::format("tracker ms per scan   mean {:.4f}, max {:.4f}\n", run.ms_sum / scans_n,
                           run.ms_max);
  std::cout << fmt::format("tracks                {}\n", (fs::path(a.out) / "tracks.csv").generic_string());
  return kExitOk;
}

}  // namespace opensam::cli
