#pragma once
/// @file What a tracker is configured with (filter, motion models, gate, associator, track
/// management) and what it reports. Light to include (no solver, no spatial index).

#include <cstddef>
#include <cstdint>
#include <limits>
#include <numbers>
#include <string_view>
#include <vector>

#include "opensam/core/names.hpp"
#include "opensam/tracking/models.hpp"

namespace opensam::tracking {

enum class FilterKind : std::uint8_t {
  kKalman,     ///< Kalman (1960); linear motion and measurement models only
  kExtended,   ///< extended Kalman filter (Bar-Shalom et al. 2001, sec. 10.3)
  kUnscented,  ///< unscented Kalman filter (Julier & Uhlmann 1997; Wan & van der Merwe 2000)
};
constexpr auto names(FilterKind) {
  return std::to_array<core::Named<FilterKind>>({{FilterKind::kKalman, "kalman"},
                                                 {FilterKind::kExtended, "extended"},
                                                 {FilterKind::kUnscented, "unscented"}});
}

inline constexpr int kMaxModes = 4;
inline constexpr std::size_t kMaxSensors = 64;
inline constexpr double kUnlimited = std::numeric_limits<double>::infinity();

enum class Associator : std::uint8_t {
  kGnn,   ///< global nearest neighbour: optimal assignment per cluster
  kJpda,  ///< joint probabilistic data association per cluster
};
constexpr auto names(Associator) {
  return std::to_array<core::Named<Associator>>({{Associator::kGnn, "gnn"}, {Associator::kJpda, "jpda"}});
}

struct TrackerConfig {
  FilterKind filter = FilterKind::kExtended;
  /// One model: a single filter. Several: an interacting multiple model (Blom & Bar-Shalom
  /// 1988) over them.
  std::vector<MotionModel> models = {MotionModel{}};
  double imm_switch_per_s = 0.05;  ///< probability per second of leaving the current model
  double gate_probability = 0.99;  ///< chi-square gate: share of true measurements kept
  Associator associator = Associator::kGnn;
  double detection_probability = 0.9;  ///< JPDA's Pd
  int jpda_exact_max_tracks = 8;       ///< larger clusters use loopy belief propagation
  int jpda_iterations = 30;
  int confirm_hits = 3;    ///< M of ...
  int confirm_window = 5;  ///< ... N sensor scans confirm a track
  /// Scans in a row without update, from every sensor that held the track, that drop it.
  int delete_after_misses = 3;
  double delete_after_s = kUnlimited;        ///< time without update
  double max_position_sigma_m = kUnlimited;  ///< covariance growth limit (sqrt of the trace)
  double initial_velocity_sigma_mps = 300.0;
  /// Passive tracks: strobes that no track takes, from two radars, cross; crossings that agree
  /// over this many scans of fresh strobes start a confirmed jammer track (0: never).
  int strobe_crossings = 3;
  double strobe_window_s = 20.0;  ///< strobes this close in time cross; candidates live as long
  double strobe_min_angle_rad = 3.0 * std::numbers::pi / 180.0;  ///< narrower crossings locate too poorly
  double strobe_max_speed_mps = 350.0;                           ///< the jammer's motion between two strobes
  double strobe_max_sigma_m = 3000.0;  ///< crossings located worse than this are not used
};

/// One measurement. `z` and `sigma` have the sensor's measurement size.
struct Detection {
  double time_s = 0.0;
  MeasVec z;
  MeasVec sigma;
};

enum class TrackStatus : std::uint8_t { kTentative, kConfirmed, kCoasting };
constexpr auto names(TrackStatus) {
  return std::to_array<core::Named<TrackStatus>>({{TrackStatus::kTentative, "tentative"},
                                                  {TrackStatus::kConfirmed, "confirmed"},
                                                  {TrackStatus::kCoasting, "coasting"}});
}

enum class TrackEventKind : std::uint8_t { kInitiated, kConfirmed, kUpdated, kCoasting, kDropped };
/// As written in the run's logs.
constexpr auto names(TrackEventKind) {
  return std::to_array<core::Named<TrackEventKind>>({{TrackEventKind::kInitiated, "track_initiated"},
                                                     {TrackEventKind::kConfirmed, "track_confirmed"},
                                                     {TrackEventKind::kUpdated, "track_updated"},
                                                     {TrackEventKind::kCoasting, "track_coasting"},
                                                     {TrackEventKind::kDropped, "track_dropped"}});
}

struct TrackEvent {
  double time_s;
  std::uint64_t track;
  TrackEventKind kind;
};

}  // namespace opensam::tracking
