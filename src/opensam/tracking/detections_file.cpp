#include "opensam/tracking/detections_file.hpp"

#include <fmt/format.h>

#include <cmath>
#include <numbers>

namespace opensam::tracking {

namespace {
constexpr double kDeg = std::numbers::pi / 180.0;
}  // namespace

std::optional<DetectionsFile> DetectionsFile::read(const std::string& path, std::string& error) {
  error.clear();
  auto csv = core::read_csv(path, error);
  if (!csv) return std::nullopt;
  core::CsvColumns cols(
      *csv,
      {"time", "sensor", "x", "y", "z", "sx", "sy", "sz", "range", "azimuth", "elevation", "range_rate"},
      error);
  if (!error.empty()) return std::nullopt;
  const auto fail = [&](std::string message) -> std::optional<DetectionsFile> {
    error = std::move(message);
    return std::nullopt;
  };
  for (const char* need : {"time", "sensor"})
    if (!cols.has(need)) return fail(fmt::format("{}:1: missing column '{}'", path, need));
  const bool radar = cols.has("range");
  if (radar) {
    for (const char* need : {"azimuth", "elevation"})
      if (!cols.has(need)) return fail(fmt::format("{}:1: radar detections need column '{}'", path, need));
    for (const char* bad : {"x", "y", "z", "sx", "sy", "sz"})
      if (cols.has(bad))
        return fail(fmt::format("{}:1: column '{}' does not go with range/azimuth/elevation", path, bad));
  } else {
    for (const char* need : {"x", "y"})
      if (!cols.has(need))
        return fail(fmt::format("{}:1: missing column '{}' (or give range,azimuth,elevation)", path, need));
    if (cols.has("sx") != cols.has("sy") || (cols.has("z") && cols.has("sx") != cols.has("sz")))
      return fail(fmt::format("{}:1: give the noise columns sx,sy{} together or not at all", path,
                              cols.has("z") ? ",sz" : ""));
  }
  return DetectionsFile(std::move(*csv), std::move(cols), radar);
}

std::optional<std::vector<Scan>> DetectionsFile::scans(std::vector<SensorSite>& sensors,
                                                       const std::string& config, std::string& error) const {
  const bool fixed = !sensors.empty();
  std::map<std::string, std::uint32_t> index;
  for (std::uint32_t i = 0; i < sensors.size(); ++i) index[sensors[i].name] = i;
  std::vector<Scan> scans;
  const int col_time = cols_.at("time"), col_sensor = cols_.at("sensor");
  for (std::size_t row = 0; row < csv_.rows.size(); ++row) {
    const auto t = core::csv_number(csv_, row, col_time, error);
    if (!t) return std::nullopt;
    const auto& fields = csv_.rows[row];
    const std::string name = std::size_t(col_sensor) < fields.size() ? fields[std::size_t(col_sensor)] : "";
    auto it = index.find(name);
    if (it == index.end()) {
      if (fixed || radar_ || name.empty()) {
        error = fmt::format(
            "{}:{}: sensor: '{}' is not a sensor of {}", csv_.file, csv_.lines[row], name,
            config.empty() ? "the configuration (radar detections need --config with sensors)" : config);
        return std::nullopt;
      }
      SensorSite s;
      s.name = name;
      it = index.emplace(name, std::uint32_t(sensors.size())).first;
      sensors.push_back(s);
    }
    if (!scans.empty() && *t < scans.back().time_s) {
      error = fmt::format("{}:{}: time: {} is earlier than the row before ({}): rows must be in time order",
                          csv_.file, csv_.lines[row], *t, scans.back().time_s);
      return std::nullopt;
    }
    if (scans.empty() || scans.back().time_s != *t || scans.back().sensor != it->second)
      scans.push_back({*t, it->second, {}});
    auto d = detection(row, *t, sensors[it->second], error);
    if (!d) return std::nullopt;
    scans.back().detections.push_back(std::move(*d));
  }
  return scans;
}

std::optional<Detection> DetectionsFile::detection(std::size_t row, double time_s, const SensorSite& s,
                                                   std::string& error) const {
  Detection d;
  d.time_s = time_s;
  if (radar_) {
    const int m = range_rate() ? 4 : 3;
    d.z.resize(m), d.sigma.resize(m);
    const char* names[] = {"range", "azimuth", "elevation", "range_rate"};
    const double scale[] = {1.0, kDeg, kDeg, 1.0};
    const double sig[] = {s.sigma_range_m, s.sigma_azimuth_rad, s.sigma_elevation_rad,
                          s.sigma_range_rate_mps};
    for (int k = 0; k < m; ++k) {
      const auto v = core::csv_number(csv_, row, cols_.at(names[k]), error);
      if (!v) return std::nullopt;
      d.z[k] = *v * scale[k];
      d.sigma[k] = sig[k];
    }
    if (d.z[0] <= 0) {
      error = fmt::format("{}:{}: range: must be > 0", csv_.file, csv_.lines[row]);
      return std::nullopt;
    }
    return d;
  }
  const int n = axes();
  d.z.resize(n), d.sigma.resize(n);
  const char* names[] = {"x", "y", "z"};
  const char* snames[] = {"sx", "sy", "sz"};
  for (int k = 0; k < n; ++k) {
    const auto v = core::csv_number(csv_, row, cols_.at(names[k]), error);
    if (!v) return std::nullopt;
    d.z[k] = *v;
    d.sigma[k] = s.sigma_position_m;
    if (cols_.has(snames[k])) {
      const auto sigma = core::csv_number(csv_, row, cols_.at(snames[k]), error);
      if (!sigma) return std::nullopt;
      if (*sigma <= 0) {
        error = fmt::format("{}:{}: {}: must be > 0", csv_.file, csv_.lines[row], snames[k]);
        return std::nullopt;
      }
      d.sigma[k] = *sigma;
    }
  }
  return d;
}

std::optional<std::map<double, TruthAt>> read_truth_csv(const std::string& path, int axes,
                                                        std::string& error) {
  error.clear();
  const auto csv = core::read_csv(path, error);
  if (!csv) return std::nullopt;
  const core::CsvColumns cols(*csv, {"time", "id", "x", "y", "z"}, error);
  if (!error.empty()) return std::nullopt;
  for (const char* need : {"time", "id", "x", "y"}) {
    if (!cols.has(need)) {
      error = fmt::format("{}:1: missing column '{}'", path, need);
      return std::nullopt;
    }
  }
  std::map<double, TruthAt> truth;
  for (std::size_t row = 0; row < csv->rows.size(); ++row) {
    std::optional<double> v[5];
    const char* names[] = {"time", "id", "x", "y", "z"};
    for (int k = 0; k < 5; ++k) {
      if (!cols.has(names[k])) continue;
      v[k] = core::csv_number(*csv, row, cols.at(names[k]), error);
      if (!v[k]) return std::nullopt;
    }
    if (*v[1] < 0 || *v[1] != std::floor(*v[1])) {
      error = fmt::format("{}:{}: id: must be a whole number", path, csv->lines[row]);
      return std::nullopt;
    }
    Eigen::Vector3d pos(*v[2], *v[3], v[4] ? *v[4] : 0.0);
    if (axes == 2) pos.z() = 0.0;
    auto& at = truth[*v[0]];
    at.ids.push_back(std::uint64_t(*v[1]));
    at.positions.push_back(pos);
  }
  return truth;
}

}  // namespace opensam::tracking
