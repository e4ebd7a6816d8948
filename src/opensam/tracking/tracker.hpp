#pragma once
/// @file The multi-sensor multi-target tracker: predictor and updater (filter.hpp), gater
/// (chi-square gates behind a k-d tree), associator (global nearest neighbour by optimal
/// assignment, or JPDA over independent clusters), initiator (one-point), M-of-N
/// confirmation and deleter. Detections from several sensors update the same tracks in
/// time order. The tracker sees measurements only, never truth.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "opensam/tracking/assignment.hpp"
#include "opensam/tracking/filter.hpp"
#include "opensam/tracking/models.hpp"
#include "opensam/tracking/spatial_index.hpp"
#include "opensam/tracking/triangulation.hpp"
#include "opensam/tracking/types.hpp"

namespace opensam::tracking {

/// A source of detections and how it measures.
struct Sensor {
  MeasurementModel model;
  double max_range_m = kUnlimited;  ///< tracks beyond it are not expected to be seen
  /// False detections per unit measurement volume (m^-2 for x, y; m^-1 rad^-2 for a radar);
  /// 0 estimates it from each scan's spread.
  double clutter_density = 0.0;
};

/// Marginal association probabilities of one cluster. Pair k links track row_of[k] and
/// detection col_of[k] with likelihood ratio w[k] (pairs of a track contiguous); w_none is
/// the weight of a track having no detection. Exact enumeration of the joint events, or loopy
/// belief propagation when `exact` is false. beta[k] per pair, beta_none per track.
void jpda_marginals(int rows, int cols, std::span<const int> row_of, std::span<const int> col_of,
                    std::span<const double> w, double w_none, bool exact, int iterations,
                    std::span<double> beta, std::span<double> beta_none);

struct Track {
  std::uint64_t id = 0;
  TrackStatus status = TrackStatus::kTentative;
  double time_s = 0.0;  ///< time of the estimate (last update)
  double initiated_s = 0.0;
  int modes = 1;
  std::array<Gaussian, kMaxModes> mode;
  std::array<double, kMaxModes> mode_probability{1.0};
  std::uint32_t history = 0;  ///< hit (1) or miss (0) per sensor scan, newest in bit 0
  int scans = 0;              ///< sensor scans counted so far (capped at 32)
  /// Scans in a row that missed it, from the holding sensor that saw it last.
  int consecutive_misses = 0;
  int updates = 0;
  std::uint64_t updated_by = 0;  ///< sensors that updated it since their last scan end
  /// Sensors that have updated it and not since missed it delete_after_misses scans in a row:
  /// only their scans count hits and misses, so a sensor that cannot see the target (out of
  /// its sector, behind terrain) never wears a track down.
  std::uint64_t held_by = 0;
  std::array<std::uint8_t, kMaxSensors> misses{};  ///< per sensor: scans in a row without update
  double quality = 0.0;                            ///< share of hits in the last confirm_window scans
  bool from_strobes = false;                       ///< started from crossing jam strobes alone
  /// The gater's cache: the combined position, the largest mode's position-covariance trace
  /// and the speed, predicted to reach_until_s; cleared when the track is updated.
  double reach_until_s = -kUnlimited;
  Eigen::Vector3d reach_centre = Eigen::Vector3d::Zero();
  double reach_trace_m2 = 0.0;
  double reach_speed_mps = 0.0;
};

/// Position and velocity of a track (IMM modes combined), 3 axes (z = 0 in 2-D).
struct TrackState {
  Eigen::Vector3d position;
  Eigen::Vector3d velocity;
  Eigen::Matrix3d position_covariance;
  /// Root of the covariance's trace: the radial position uncertainty (m).
  [[nodiscard]] double position_sigma_m() const {
    return std::sqrt(std::max(position_covariance.trace(), 0.0));
  }
};

class Tracker {
 public:
  Tracker(TrackerConfig config, std::vector<Sensor> sensors);

  /// Associates and applies one batch of detections from one sensor; detections may carry
  /// different times but none earlier than the tracks they update.
  void process(std::uint32_t sensor, std::span<const Detection> detections);
  /// Closes a scan of `sensor`: each live track within its reach counts a hit or a miss;
  /// confirmation and deletion follow.
  void end_scan(std::uint32_t sensor, double time_s);

  [[nodiscard]] const std::vector<Track>& tracks() const { return tracks_; }
  /// A track's combined state predicted to time_s.
  [[nodiscard]] TrackState state_at(const Track& t, double time_s) const;
  /// Appends the events since the last call to `out`, in order.
  void take_events(std::vector<TrackEvent>& out);
  [[nodiscard]] const TrackerConfig& config() const { return config_; }
  [[nodiscard]] const std::vector<Sensor>& sensors() const { return sensors_; }
  /// Tracks started from crossing strobes alone, so far.
  [[nodiscard]] int passive_initiations() const { return passive_initiations_; }

 private:
  struct Prediction;
  void predict_track(const Track& t, double time_s, Prediction& out) const;
  bool innovate_track(const Prediction& p, const Sensor& s, const MeasMat& R, Prediction& out) const;
  /// Whether a bearing `d` may gate on prediction `p` at its time, from a bound of the combined
  /// innovation's covariance that needs no Jacobian (extended and linear filters): false only
  /// when the squared distance is sure to exceed `gamma`.
  [[nodiscard]] bool bearing_may_gate(const Prediction& p, const Sensor& s, const Detection& d,
                                      double gamma) const;
  /// The same test at the strobe's time straight from the track's modes, when every mode is a
  /// constant-velocity one: their means and position traces predicted in closed form, without
  /// the full prediction (most strobes near a formation gate with none of its tracks).
  /// `direction` is the strobe's unit vector in the tracker's frame.
  [[nodiscard]] bool bearing_may_gate_cv(const Track& t, const Sensor& s, const Detection& d,
                                         const Eigen::Vector3d& direction, double gamma) const;
  /// A cheaper necessary condition for bearing_may_gate_cv from the unmixed modes' predicted
  /// positions (no mixing, no angles): false only when no mixture of them can gate.
  [[nodiscard]] bool bearing_may_gate_hull(const Track& t, const Sensor& s, const Detection& d,
                                           const Eigen::Vector3d& direction, double gamma,
                                           const std::array<Eigen::Vector3d, kMaxModes>& pos,
                                           const std::array<Eigen::Vector3d, kMaxModes>& vel,
                                           const std::array<double, kMaxModes>& block_trace) const;
  /// The test itself, from each mode's predicted position, position trace and probability.
  [[nodiscard]] bool bearing_bound(int modes, const std::array<Eigen::Vector3d, kMaxModes>& position,
                                   const std::array<double, kMaxModes>& trace_m2,
                                   const std::array<double, kMaxModes>& c, const Sensor& s,
                                   const Detection& d, double gamma) const;
  /// Probability of staying in a mode over dt (the IMM's Markov switching).
  [[nodiscard]] double stay_probability(double dt_s) const;
  /// The combined position and velocity of a prediction, and its largest mode's position trace
  /// plus the largest squared distance of a mode's position from the combined one.
  void summarise(const Prediction& p, Eigen::Vector3d& centre, Eigen::Vector3d& velocity,
                 double& trace) const;
  void gate(std::uint32_t sensor, std::span<const Detection> detections);
  /// Sorted distinct tracks and detections of the cluster starting at cluster_order_[b];
  /// returns where the next cluster starts.
  std::size_t next_cluster(std::size_t b, std::vector<std::uint32_t>& rows, std::vector<std::uint32_t>& cols);
  void associate_gnn(std::uint32_t sensor, std::span<const Detection> detections);
  void associate_jpda(std::uint32_t sensor, std::span<const Detection> detections);
  void apply_update(Track& t, const Detection& d, std::uint32_t sensor);
  void apply_pda(Track& t, std::span<const Detection> detections, std::span<const std::uint32_t> dets,
                 std::span<const double> betas, double beta_none, double lambda, std::uint32_t sensor);
  [[nodiscard]] double clutter_density(const Sensor& s, std::span<const Detection> detections) const;
  /// Starts a tentative track at each detection no track took (a locating sensor's only).
  void initiate(std::uint32_t sensor, std::span<const Detection> detections);
  /// Crosses the strobes of this batch that no track took with other radars' recent ones, and
  /// starts a track where crossings agree over several scans (docs/models/tracking.md).
  void triangulate(std::uint32_t sensor, std::span<const Detection> detections);
  void add_crossing(const Crossing& x, std::uint32_t sensor_a, double time_a_s, std::uint32_t sensor_b,
                    double time_b_s);
  /// A new track at p (covariance Pp) moving at v (Pv), updated by `sensors`; tentative, or
  /// confirmed when it comes from crossing strobes.
  void start_track(const Eigen::Vector3d& p, const Eigen::Matrix3d& Pp, const Eigen::Vector3d& v,
                   const Eigen::Matrix3d& Pv, double time_s, std::uint64_t sensors, bool from_strobes);

  TrackerConfig config_;
  std::vector<Sensor> sensors_;
  std::vector<Track> tracks_;
  std::vector<TrackEvent> events_;
  std::uint64_t next_id_ = 1;
  // Passive location: recent strobes no track took, and candidate fixes not yet tracks.
  struct Strobe {
    std::uint32_t sensor;
    double time_s;
    BearingRay ray;
  };
  struct Candidate {
    Eigen::Vector3d first_m, at_m;
    Eigen::Matrix3d first_cov, at_cov;
    double first_s, at_s;
    int crossings = 1;
    std::uint64_t sensors = 0;
    std::vector<std::pair<std::uint32_t, double>> newest;  ///< per sensor, its newest strobe used
  };
  std::vector<Strobe> strobes_;
  std::vector<Candidate> candidates_;
  int passive_initiations_ = 0;
  std::array<double, kMaxMeasurement + 1> gate_threshold_{};  ///< by measurement size

  // Per-batch workspace, reused.
  struct Pair {
    std::uint32_t track, detection;
    double d2;    ///< squared Mahalanobis distance
    double cost;  ///< d^2 + ln |S|
  };
  std::vector<Eigen::Vector3d> det_position_;
  std::vector<double> det_extent_;  ///< sqrt of the trace of each detection's position covariance
  std::vector<Pair> pairs_;
  std::vector<int> det_assigned_;
  std::vector<std::uint32_t> parent_;
  std::vector<std::uint32_t> cluster_order_;
  std::vector<double> cost_;
  std::vector<int> assignment_;
  std::vector<double> beta_;
  struct ClusterWork {
    std::vector<std::uint32_t> rows, cols;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> chosen_pairs;  ///< GNN: (track, detection)
    std::vector<std::uint32_t> chosen;
    std::vector<double> w, beta, beta_none, betas_row;
    std::vector<int> row_of, col_of;
  } work_;
  SpatialIndex index_;
  AssignmentWorkspace assign_ws_;
};

}  // namespace opensam::tracking
