#pragma once
/// @file The command post's air picture: every radar's detections and jam strobes, fused by
/// one tracker in the command post's east-north-up frame. It is handed measurements only
/// (tracking::Detection has no field for the truth behind a detection); what it holds is
/// what the defence believes.

#include <cstdint>
#include <span>
#include <vector>

#include "opensam/geo/frames.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/event_log.hpp"
#include "opensam/tracking/tracker.hpp"

namespace opensam::sim {

/// A radar as the command post knows it: where it stands and how it measures.
struct PictureRadar {
  geo::Lla antenna;
  bool range_rate = false;
  double max_range_m = tracking::kUnlimited;
  /// False detections per unit of range x azimuth x elevation (x range rate), for JPDA.
  double clutter_density = 0.0;
};

/// Radars a picture fuses at most: each is two tracker sensors (skin and strobe).
inline constexpr std::size_t kMaxPictureRadars = tracking::kMaxSensors / 2;

class AirPicture {
 public:
  /// The picture in the ENU frame at `origin` (the command post) fusing `radars`.
  AirPicture(const scenario::TrackerSettings& settings, const geo::Lla& origin,
             std::span<const PictureRadar> radars);

  /// A radar's detection: range, azimuth, elevation (and range rate) with their sigmas.
  void receive_plot(std::uint32_t radar, const tracking::Detection& plot);
  /// A radar's jam strobe: azimuth and elevation with their sigmas.
  void receive_strobe(std::uint32_t radar, const tracking::Detection& strobe);
  /// A radar finished a rotation or search frame at `time_s`.
  void receive_scan_end(std::uint32_t radar, double time_s);

  /// Processes everything received since the last update, in the order received (time
  /// order): consecutive reports of one radar form one batch. Tracker events in `events`.
  void update(std::vector<tracking::TrackEvent>& events);

  [[nodiscard]] const geo::EnuFrame& frame() const { return frame_; }
  [[nodiscard]] const tracking::Tracker& tracker() const { return tracker_; }

 private:
  enum class Kind : std::uint8_t { kPlot, kStrobe, kScanEnd };
  struct Item {
    Kind kind;
    std::uint32_t radar;
    tracking::Detection detection;
  };
  void flush();

  geo::EnuFrame frame_;
  tracking::Tracker tracker_;
  std::vector<Item> inbox_;
  std::vector<tracking::Detection> batch_;
  std::uint32_t batch_sensor_ = 0;
};

/// What the command post receives of a detection: the measurement and its sigmas, not the
/// truth behind it.
[[nodiscard]] tracking::Detection plot_of(double time_s, const Detection& d);
/// What the command post receives of a jam strobe: its bearing and sigmas.
[[nodiscard]] tracking::Detection plot_of(double time_s, const JamStrobe& s);

/// The tracker sensors of `radars` seen from the ENU frame at `origin`: radar i is sensor 2i
/// (range, azimuth, elevation, and range rate when it measures it) and sensor 2i + 1 (its
/// jam strobes, bearings only).
[[nodiscard]] std::vector<tracking::Sensor> picture_sensors(const geo::Lla& origin,
                                                            std::span<const PictureRadar> radars);

}  // namespace opensam::sim
