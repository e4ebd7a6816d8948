// `opensam track` and `opensam track-reference`.
#include "opensam/cli/track.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <numbers>
#include <optional>
#include <sstream>

#include "opensam/cli/commands.hpp"
#include "opensam/cli/flags.hpp"
#include "opensam/core/text.hpp"
#include "opensam/output/run_folder.hpp"
#include "opensam/scenario/tracker_config.hpp"
#include "opensam/tracking/metrics.hpp"
#include "opensam/tracking/reference.hpp"
#include "opensam/tracking/tracker.hpp"

namespace opensam::cli {
namespace {

namespace fs = std::filesystem;
using tracking::MeasVec;

constexpr double kDeg = std::numbers::pi / 180.0;

/// A CSV file read whole: header names and rows of fields, with line numbers.
struct Csv {
  std::string file;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) out.push_back(std::string(core::trim(field)));
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

std::optional<Csv> read_csv(const std::string& path, std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = fmt::format("{}: cannot read", path);
    return std::nullopt;
  }
  Csv csv{path, {}, {}, {}};
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (core::trim(line).empty() || line[0] == '#') continue;
    if (csv.header.empty()) {
      csv.header = split(line);
      continue;
    }
    csv.rows.push_back(split(line));
    csv.lines.push_back(n);
  }
  if (csv.header.empty()) {
    error = fmt::format("{}: no header row", path);
    return std::nullopt;
  }
  return csv;
}

/// Column positions by name, checked against the names a file may have.
class Columns {
 public:
  Columns(const Csv& csv, std::initializer_list<std::string_view> known, std::string& error) {
    for (std::size_t i = 0; i < csv.header.size(); ++i) {
      const std::string& h = csv.header[i];
      bool ok = false;
      for (auto k : known) ok = ok || k == h;
      if (!ok) {
        const std::vector<std::string_view> names(known.begin(), known.end());
        const auto hint = core::closest_match(h, names);
        error = fmt::format("{}:1: unknown column '{}'{}", csv.file, h,
                            hint ? fmt::format(" (did you mean '{}'?)", *hint) : std::string());
        return;
      }
      if (index_.count(h)) {
        error = fmt::format("{}:1: column '{}' appears twice", csv.file, h);
        return;
      }
      index_[h] = int(i);
    }
  }
  [[nodiscard]] bool has(const std::string& n) const { return index_.count(n) != 0; }
  [[nodiscard]] int at(const std::string& n) const { return index_.at(n); }

 private:
  std::map<std::string, int> index_;
};

/// A number from a CSV field, or an error naming file, line and column.
std::optional<double> field(const Csv& csv, std::size_t row, int col, std::string& error) {
  const auto& r = csv.rows[row];
  if (std::size_t(col) >= r.size()) {
    error = fmt::format("{}:{}: {}: missing value", csv.file, csv.lines[row], csv.header[std::size_t(col)]);
    return std::nullopt;
  }
  const auto v = core::parse_number(r[std::size_t(col)]);
  if (!v || !std::isfinite(*v)) {
    error = fmt::format("{}:{}: {}: '{}' is not a number", csv.file, csv.lines[row],
                        csv.header[std::size_t(col)], r[std::size_t(col)]);
    return std::nullopt;
  }
  return v;
}

int fail(const std::string& message) {
  std::cerr << "opensam track: " << message << "\n";
  return kExitBadInput;
}

struct Scan {
  double time_s;
  std::uint32_t sensor;
  std::vector<tracking::Detection> detections;
};

struct TruthAt {
  std::vector<std::uint64_t> ids;
  std::vector<Eigen::Vector3d> positions;
};

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

int track_command(const TrackArgs& a) {
  FlagValues flags;
  const auto c = flags.value("--gospa-c", a.gospa_c, core::Dimension::kLength, 0.0, 1e9, true);
  const auto p = flags.value("--gospa-p", a.gospa_p, core::Dimension::kNumber, 1.0, 100.0, false);
  if (!flags.error.empty()) return fail(flags.error);

  std::string error;
  const auto csv = read_csv(a.detections, error);
  if (!csv) return fail(error);
  const Columns cols(
      *csv,
      {"time", "sensor", "x", "y", "z", "sx", "sy", "sz", "range", "azimuth", "elevation", "range_rate"},
      error);
  if (!error.empty()) return fail(error);
  for (const char* need : {"time", "sensor"})
    if (!cols.has(need)) return fail(fmt::format("{}:1: missing column '{}'", a.detections, need));
  const bool radar = cols.has("range");
  if (radar) {
    for (const char* need : {"azimuth", "elevation"})
      if (!cols.has(need))
        return fail(fmt::format("{}:1: radar detections need column '{}'", a.detections, need));
    for (const char* bad : {"x", "y", "z", "sx", "sy", "sz"})
      if (cols.has(bad))
        return fail(
            fmt::format("{}:1: column '{}' does not go with range/azimuth/elevation", a.detections, bad));
  } else {
    for (const char* need : {"x", "y"})
      if (!cols.has(need))
        return fail(
            fmt::format("{}:1: missing column '{}' (or give range,azimuth,elevation)", a.detections, need));
    if (cols.has("sx") != cols.has("sy") || (cols.has("z") && cols.has("sx") != cols.has("sz")))
      return fail(fmt::format("{}:1: give the noise columns sx,sy{} together or not at all", a.detections,
                              cols.has("z") ? ",sz" : ""));
  }
  const bool range_rate = cols.has("range_rate");
  const int axes = (radar || cols.has("z")) ? 3 : 2;

  auto cfg =
      a.config.empty() ? scenario::default_tracker_config() : scenario::load_tracker_config(a.config, axes);
  if (!cfg.ok()) {
    std::cerr << cfg.errors.str();
    return kExitBadInput;
  }
  if (a.config.empty())
    for (auto& m : cfg.tracker.config.models) m.axes = axes;

  // Sensors: those of the config, or one per name in the file for position detections.
  std::vector<scenario::TrackSensorConfig> sensors = cfg.sensors;
  std::map<std::string, std::uint32_t> sensor_index;
  for (std::uint32_t i = 0; i < sensors.size(); ++i) sensor_index[sensors[i].name] = i;

  std::vector<Scan> scans;
  const int col_time = cols.at("time"), col_sensor = cols.at("sensor");
  for (std::size_t row = 0; row < csv->rows.size(); ++row) {
    const auto t = field(*csv, row, col_time, error);
    if (!t) return fail(error);
    const auto& fields = csv->rows[row];
    const std::string name = std::size_t(col_sensor) < fields.size() ? fields[std::size_t(col_sensor)] : "";
    auto it = sensor_index.find(name);
    if (it == sensor_index.end()) {
      if (!cfg.sensors.empty() || radar || name.empty())
        return fail(fmt::format(
            "{}:{}: sensor: '{}' is not a sensor of {}", a.detections, csv->lines[row], name,
            a.config.empty() ? "the configuration (radar detections need --config with sensors)" : a.config));
      scenario::TrackSensorConfig s;
      s.name = name;
      it = sensor_index.emplace(name, std::uint32_t(sensors.size())).first;
      sensors.push_back(s);
    }
    if (!scans.empty() && *t < scans.back().time_s)
      return fail(
          fmt::format("{}:{}: time: {} is earlier than the row before ({}): rows must be in time order",
                      a.detections, csv->lines[row], *t, scans.back().time_s));
    if (scans.empty() || scans.back().time_s != *t || scans.back().sensor != it->second)
      scans.push_back({*t, it->second, {}});
    const auto& sc = sensors[it->second];
    tracking::Detection d;
    d.time_s = *t;
    if (radar) {
      const int m = range_rate ? 4 : 3;
      d.z.resize(m), d.sigma.resize(m);
      const char* names[] = {"range", "azimuth", "elevation", "range_rate"};
      const double scale[] = {1.0, kDeg, kDeg, 1.0};
      const double sig[] = {sc.sigma_range_m, sc.sigma_azimuth_rad, sc.sigma_elevation_rad,
                            sc.sigma_range_rate_mps};
      for (int k = 0; k < m; ++k) {
        const auto v = field(*csv, row, cols.at(names[k]), error);
        if (!v) return fail(error);
        d.z[k] = *v * scale[k];
        d.sigma[k] = sig[k];
      }
      if (d.z[0] <= 0) return fail(fmt::format("{}:{}: range: must be > 0", a.detections, csv->lines[row]));
    } else {
      d.z.resize(axes), d.sigma.resize(axes);
      const char* names[] = {"x", "y", "z"};
      const char* snames[] = {"sx", "sy", "sz"};
      for (int k = 0; k < axes; ++k) {
        const auto v = field(*csv, row, cols.at(names[k]), error);
        if (!v) return fail(error);
        d.z[k] = *v;
        d.sigma[k] = sc.sigma_position_m;
        if (cols.has(snames[k])) {
          const auto s = field(*csv, row, cols.at(snames[k]), error);
          if (!s) return fail(error);
          if (*s <= 0)
            return fail(fmt::format("{}:{}: {}: must be > 0", a.detections, csv->lines[row], snames[k]));
          d.sigma[k] = *s;
        }
      }
    }
    scans.back().detections.push_back(d);
  }

  // Truth by time.
  std::map<double, TruthAt> truth;
  if (!a.truth.empty()) {
    const auto tcsv = read_csv(a.truth, error);
    if (!tcsv) return fail(error);
    const Columns tc(*tcsv, {"time", "id", "x", "y", "z"}, error);
    if (!error.empty()) return fail(error);
    for (const char* need : {"time", "id", "x", "y"})
      if (!tc.has(need)) return fail(fmt::format("{}:1: missing column '{}'", a.truth, need));
    for (std::size_t row = 0; row < tcsv->rows.size(); ++row) {
      Eigen::Vector3d pos = Eigen::Vector3d::Zero();
      std::optional<double> v[5];
      const char* names[] = {"time", "id", "x", "y", "z"};
      for (int k = 0; k < 5; ++k) {
        if (!tc.has(names[k])) continue;
        v[k] = field(*tcsv, row, tc.at(names[k]), error);
        if (!v[k]) return fail(error);
      }
      if (*v[1] < 0 || *v[1] != std::floor(*v[1]))
        return fail(fmt::format("{}:{}: id: must be a whole number", a.truth, tcsv->lines[row]));
      pos = {*v[2], *v[3], v[4] ? *v[4] : 0.0};
      if (axes == 2) pos.z() = 0.0;
      auto& at = truth[*v[0]];
      at.ids.push_back(std::uint64_t(*v[1]));
      at.positions.push_back(pos);
    }
  }

  std::vector<tracking::Sensor> tracker_sensors;
  for (const auto& s : sensors) {
    tracking::Sensor ts;
    ts.model.kind = radar ? tracking::MeasurementKind::kRadar : tracking::MeasurementKind::kPosition;
    ts.model.axes = axes;
    ts.model.range_rate = range_rate;
    ts.model.frame.origin_m = s.position_m;
    ts.max_range_m = s.max_range_m;
    ts.clutter_density = s.clutter_density;
    tracker_sensors.push_back(ts);
  }
  tracking::Tracker tracker(cfg.tracker.config, tracker_sensors);

  std::string tracks_csv = "time,track_id,x,y,z,vx,vy,vz,status\n";
  double ms_sum = 0, ms_max = 0, gospa_sum = 0, ospa_sum = 0;
  double loc_sum = 0, missed_sum = 0, false_sum = 0;
  int metric_scans = 0;
  std::uint64_t confirmed_ever = 0;
  std::vector<tracking::TrackEvent> events;
  tracking::SiapAccumulator siap(*c);
  for (std::size_t k = 0; k < scans.size(); ++k) {
    const Scan& s = scans[k];
    const auto t0 = std::chrono::steady_clock::now();
    tracker.process(s.sensor, s.detections);
    tracker.end_scan(s.sensor, s.time_s);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    ms_sum += ms, ms_max = std::max(ms_max, ms);
    events.clear();
    tracker.take_events(events);
    for (const auto& e : events) confirmed_ever += e.kind == tracking::TrackEventKind::kConfirmed;
    std::vector<std::uint64_t> ids;
    std::vector<Eigen::Vector3d> estimates;
    for (const auto& tr : tracker.tracks()) {
      const auto st = tracker.state_at(tr, s.time_s);
      tracks_csv += fmt::format("{},{},{:.3f},{:.3f},{:.3f},{:.3f},{:.3f},{:.3f},{}\n", s.time_s, tr.id,
                                st.position.x(), st.position.y(), st.position.z(), st.velocity.x(),
                                st.velocity.y(), st.velocity.z(), core::name_of(tr.status));
      if (tr.status != tracking::TrackStatus::kTentative)
        ids.push_back(tr.id), estimates.push_back(st.position);
    }
    // Metrics once per time step, after its last scan.
    const bool last_of_time = k + 1 == scans.size() || scans[k + 1].time_s != s.time_s;
    const auto it = truth.find(s.time_s);
    if (!last_of_time || it == truth.end() || k + 1 < a.metrics_from) continue;
    const auto g = tracking::gospa(it->second.positions, estimates, *c, *p);
    gospa_sum += g.distance, ospa_sum += g.ospa;
    loc_sum += g.localisation, missed_sum += g.missed, false_sum += g.false_tracks;
    siap.add(it->second.ids, it->second.positions, ids, estimates);
    ++metric_scans;
  }
  int confirmed = 0;
  for (const auto& tr : tracker.tracks()) confirmed += tr.status != tracking::TrackStatus::kTentative;

  try {
    output::RunFolder folder(a.out);
    folder.write("tracks.csv", tracks_csv);
    folder.commit();
  } catch (const std::exception& e) {
    std::cerr << "opensam track: " << e.what() << "\n";
    return kExitFailure;
  }

  const double n = std::max(metric_scans, 1);
  const double scans_n = std::max<double>(double(scans.size()), 1.0);
  nlohmann::ordered_json j;
  j["scans"] = scans.size();
  j["confirmed_tracks"] = confirmed;
  j["tracks_confirmed_total"] = confirmed_ever;
  j["metric_scans"] = metric_scans;
  if (metric_scans > 0) {
    j["gospa_mean"] = gospa_sum / n;
    j["gospa_localisation_mean"] = loc_sum / n;
    j["gospa_missed_mean"] = missed_sum / n;
    j["gospa_false_mean"] = false_sum / n;
    j["ospa_mean"] = ospa_sum / n;
    j["siap_completeness"] = siap.completeness();
    j["siap_ambiguity"] = siap.ambiguity();
    j["siap_spuriousness"] = siap.spuriousness();
    j["siap_track_id_changes"] = siap.track_id_changes();
  } else {
    j["gospa_mean"] = nullptr;
    j["ospa_mean"] = nullptr;
  }
  j["ms_per_scan_mean"] = ms_sum / scans_n;
  j["ms_per_scan_max"] = ms_max;
  j["tracks_csv"] = (fs::path(a.out) / "tracks.csv").generic_string();
  if (a.format == "json") {
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << fmt::format("scans                 {}\n", scans.size());
  std::cout << fmt::format("confirmed tracks      {} at the end, {} in all\n", confirmed, confirmed_ever);
  if (metric_scans > 0) {
    std::cout << fmt::format(
        "GOSPA mean            {:.1f} m (c {} m, p {}; localisation {:.1f}, missed {:.1f}, false {:.1f})\n",
        gospa_sum / n, *c, *p, loc_sum / n, missed_sum / n, false_sum / n);
    std::cout << fmt::format("OSPA mean             {:.1f} m over {} scans with truth\n", ospa_sum / n,
                             metric_scans);
    std::cout << fmt::format(
        "SIAP                  completeness {:.3f}, ambiguity {:.3f}, spuriousness {:.3f}, "
        "track id changes {}\n",
        siap.completeness(), siap.ambiguity(), siap.spuriousness(), siap.track_id_changes());
  }
  std::cout << fmt::format("tracker ms per scan   mean {:.4f}, max {:.4f}\n", ms_sum / scans_n, ms_max);
  std::cout << fmt::format("tracks                {}\n", (fs::path(a.out) / "tracks.csv").generic_string());
  return kExitOk;
}

}  // namespace opensam::cli
