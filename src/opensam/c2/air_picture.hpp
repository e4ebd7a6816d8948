#pragma once
/// @file The command post's air picture: every radar's plots and jam strobes, fused by one
/// tracker in the command post's east-north-up frame at each update. It is handed
/// measurements only (tracking::Detection has no field for the truth behind a detection); what
/// it holds is what the defence believes. It dies with the command post.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "opensam/core/engine.hpp"
#include "opensam/core/entity.hpp"
#include "opensam/geo/frames.hpp"
#include "opensam/tracking/report.hpp"
#include "opensam/tracking/tracker.hpp"
#include "opensam/weapons/interceptor.hpp"

namespace opensam::c2 {

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

/// The tracker sensors of `radars` seen from the ENU frame at `origin`: radar i is sensor 2i
/// (range, azimuth, elevation, and range rate when it measures it) and sensor 2i + 1 (its
/// jam strobes, bearings only).
[[nodiscard]] std::vector<tracking::Sensor> picture_sensors(const geo::Lla& origin,
                                                            std::span<const PictureRadar> radars);

/// A confirmed or coasting track at an update: its state then in the command post's frame, in
/// ECEF and geodetic, the radars (bit r) whose plots keep it and those whose jam strobes do.
struct PictureTrack {
  const tracking::Track* track;
  tracking::TrackState state;
  geo::Vec3 ecef;
  geo::Lla lla;
  std::uint64_t held_by;
  std::uint64_t strobed_by;
};

/// The picture was updated at `time_s` (valid during the call).
struct PictureUpdated {
  double time_s;
  std::span<const PictureTrack> tracks;  ///< confirmed and coasting, in id order
  const geo::EnuFrame* frame;            ///< the command post's
};

class AirPicture {
 public:
  /// The command post processes what its radars sent.
  struct Update {};

  /// The picture in the ENU frame at `origin` (the command post, site `command_post`, or
  /// kNoEntity when the picture stands at a radar) fusing `radars`, updated every
  /// `update_interval_s`.
  AirPicture(core::Engine& engine, const tracking::TrackerConfig& config, double update_interval_s,
             const geo::Lla& origin, core::EntityIndex command_post, std::span<const PictureRadar> radars);

  /// Schedules the first update.
  void start();
  /// What arrived since the last update, at the end of the run (unless it ended on an update).
  void finish();

  void on(const Update&);
  void on(const tracking::RadarPlot& m);
  void on(const tracking::RadarStrobe& m);
  void on(const tracking::RadarScanEnd& m);
  /// The command post destroyed: one last update, then nobody fuses.
  void on(const core::SiteDestroyed& m);

  [[nodiscard]] bool alive() const { return alive_; }
  [[nodiscard]] const geo::EnuFrame& frame() const { return frame_; }
  [[nodiscard]] const tracking::Tracker& tracker() const { return tracker_; }
  /// The estimate now of `track` held by radar `radar`, for the guiding radar to uplink; none
  /// when the track is gone, the radar no longer holds it (by its plots, or by its jam strobes
  /// when `on_strobes`: a missile that homes on jam), or the picture is dead.
  [[nodiscard]] std::optional<weapons::TargetEstimate> estimate(std::uint64_t track, int radar, double time_s,
                                                                bool on_strobes) const;

 private:
  enum class Kind : std::uint8_t { kPlot, kStrobe, kScanEnd };
  struct Item {
    Kind kind;
    std::uint32_t radar;
    tracking::Detection detection;
  };
  /// Processes everything received since the last update, in the order received (time
  /// order: consecutive reports of one radar form one batch), reports what changed and tells
  /// the picture's listeners.
  void update();
  void flush();
  [[nodiscard]] const tracking::Track* find(std::uint64_t id) const;

  core::Engine& engine_;
  core::Timeline<Update> timeline_;
  double update_interval_s_;
  core::EntityIndex command_post_;
  std::size_t radars_;
  geo::EnuFrame frame_;
  tracking::Tracker tracker_;
  bool alive_ = true;
  std::optional<double> last_update_s_;
  std::vector<Item> inbox_;
  std::vector<tracking::Detection> batch_;
  std::uint32_t batch_sensor_ = 0;
  std::vector<tracking::TrackEvent> track_events_;  ///< reused per update
  std::vector<std::uint64_t> reported_;
  std::vector<PictureTrack> confirmed_;  ///< this update's confirmed and coasting tracks
};

}  // namespace opensam::c2
