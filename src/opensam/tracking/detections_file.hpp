#pragma once
/// @file Detections and truth from CSV files, for the tracker run on anyone's detections
/// (`opensam track`, Python): a header row, then one row per detection in time order; rows of
/// one scan share time and sensor. Columns `time,sensor,x,y[,z]` (metres, local
/// east-north-up) with optional `sx,sy[,sz]` (noise per row), or
/// `time,sensor,range,azimuth,elevation[,range_rate]` (metres, degrees from north clockwise,
/// degrees, m/s) from radars whose sites a tracker configuration gives. Truth is
/// `time,id,x,y[,z]`. Every error names the file, the line and the column.

#include <Eigen/Core>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "opensam/core/csv.hpp"
#include "opensam/tracking/types.hpp"

namespace opensam::tracking {

/// A sensor of a detections file: its name there, where it is, its default noise.
struct SensorSite {
  std::string name;
  Eigen::Vector3d position_m = Eigen::Vector3d::Zero();
  double sigma_position_m = 50.0;
  double sigma_range_m = 50.0;
  double sigma_azimuth_rad = 0.0034906585;  // 0.2 deg
  double sigma_elevation_rad = 0.0034906585;
  double sigma_range_rate_mps = 2.0;
  double max_range_m = kUnlimited;
  double clutter_density = 0.0;
};

/// The detections of one sensor at one time.
struct Scan {
  double time_s;
  std::uint32_t sensor;
  std::vector<Detection> detections;
};

/// A detections file read and its columns checked.
class DetectionsFile {
 public:
  /// The file at `path`; nothing and `error` when it cannot be read or its columns are wrong.
  [[nodiscard]] static std::optional<DetectionsFile> read(const std::string& path, std::string& error);

  /// Range, azimuth, elevation (else positions).
  [[nodiscard]] bool radar() const { return radar_; }
  [[nodiscard]] bool range_rate() const { return cols_.has("range_rate"); }
  /// Spatial axes of the detections: 3 for radars and x,y,z; 2 for x,y.
  [[nodiscard]] int axes() const { return radar_ || cols_.has("z") ? 3 : 2; }

  /// The rows as scans. A row's sensor is one of `sensors`, by name; when `sensors` holds none
  /// of the configuration's (`config` names it in messages, empty: no configuration), a position
  /// detection's new sensor name adds a sensor with the default noise. Nothing and `error` on a
  /// bad row.
  [[nodiscard]] std::optional<std::vector<Scan>> scans(std::vector<SensorSite>& sensors,
                                                       const std::string& config, std::string& error) const;

 private:
  DetectionsFile(core::CsvFile csv, core::CsvColumns cols, bool radar)
      : csv_(std::move(csv)), cols_(std::move(cols)), radar_(radar) {}
  /// Detection `row` of sensor `s`, or nothing and `error`.
  [[nodiscard]] std::optional<Detection> detection(std::size_t row, double time_s, const SensorSite& s,
                                                   std::string& error) const;

  core::CsvFile csv_;
  core::CsvColumns cols_;
  bool radar_;
};

/// Truth at one time: target ids and positions.
struct TruthAt {
  std::vector<std::uint64_t> ids;
  std::vector<Eigen::Vector3d> positions;
};

/// A truth file by time; positions flattened to z = 0 for 2-axis detections. Nothing and
/// `error` on a bad file.
[[nodiscard]] std::optional<std::map<double, TruthAt>> read_truth_csv(const std::string& path, int axes,
                                                                      std::string& error);

}  // namespace opensam::tracking
