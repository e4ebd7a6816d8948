#pragma once
/// @file State, motion and measurement models of the tracker. States live in the command
/// post's east-north-up frame, laid out [position, velocity, extras] with 2 or 3 spatial
/// axes; measurements are positions in that frame or a radar's range, azimuth, elevation
/// (and range rate) in the radar's own frame. Fixed maximum sizes: no heap allocation.

#include <Eigen/Core>
#include <array>
#include <cstdint>

#include "opensam/core/names.hpp"

namespace opensam::tracking {

inline constexpr int kMaxState = 9;
inline constexpr int kMaxMeasurement = 4;

using StateVec = Eigen::Matrix<double, Eigen::Dynamic, 1, Eigen::ColMajor, kMaxState, 1>;
using StateMat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor, kMaxState, kMaxState>;
using MeasVec = Eigen::Matrix<double, Eigen::Dynamic, 1, Eigen::ColMajor, kMaxMeasurement, 1>;
using MeasMat =
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor, kMaxMeasurement, kMaxMeasurement>;
/// Measurement rows by state columns (H).
using MeasStateMat =
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor, kMaxMeasurement, kMaxState>;
/// State rows by measurement columns (gain, cross covariance).
using StateMeasMat =
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor, kMaxState, kMaxMeasurement>;

/// A Gaussian state estimate.
struct Gaussian {
  StateVec x;
  StateMat P;
};

enum class MotionKind : std::uint8_t {
  kConstantVelocity,      ///< white-noise acceleration (Bar-Shalom et al. 2001, sec. 6.2.2)
  kConstantAcceleration,  ///< Wiener-process acceleration (ibid., sec. 6.2.3)
  kSinger,                ///< exponentially correlated acceleration (Singer 1970)
  kCoordinatedTurn,       ///< horizontal turn at an estimated rate (Bar-Shalom et al. 2001, sec. 11.7)
  kBallistic,             ///< gravity and drag with a known ballistic coefficient (Zarchan 2012, ch. 9)
};
constexpr auto names(MotionKind) {
  return std::to_array<core::Named<MotionKind>>({{MotionKind::kConstantVelocity, "cv"},
                                                 {MotionKind::kConstantAcceleration, "ca"},
                                                 {MotionKind::kSinger, "singer"},
                                                 {MotionKind::kCoordinatedTurn, "turn"},
                                                 {MotionKind::kBallistic, "ballistic"}});
}

/// What follows position and velocity in a state.
enum class Extras : std::uint8_t { kNone, kAcceleration, kTurnRate };

/// A motion model: the state's layout, its transition over dt and its process noise.
struct MotionModel {
  MotionKind kind = MotionKind::kConstantVelocity;
  int axes = 3;  ///< spatial axes: 2 (x, y) or 3 (x, y, z east-north-up)
  /// Power spectral density of the driving white noise: acceleration (m^2/s^3) for constant
  /// velocity, turn and ballistic; jerk (m^2/s^5) for constant acceleration.
  double noise_psd = 1.0;
  double singer_time_constant_s = 20.0;         ///< manoeuvre correlation time
  double singer_sigma_mps2 = 10.0;              ///< manoeuvre acceleration standard deviation
  double turn_rate_psd = 1e-4;                  ///< rad^2/s^3, random walk of the turn rate
  double ballistic_coefficient_kg_m2 = 5000.0;  ///< m / (Cd A)
  /// Spread given to extras this model has and another model's state lacks (IMM mixing,
  /// initiation): acceleration (m/s^2) and turn rate (rad/s).
  double initial_acceleration_sigma_mps2 = 10.0;
  double initial_turn_rate_sigma_rad_s = 0.05;

  [[nodiscard]] Extras extras() const;
  [[nodiscard]] int state_size() const;
  /// True when the transition is linear (the Kalman filter applies exactly).
  [[nodiscard]] bool linear() const;

  /// x(t + dt) without noise.
  void transition(const StateVec& x, double dt_s, StateVec& out) const;
  /// d transition / d x at x.
  void jacobian(const StateVec& x, double dt_s, StateMat& F) const;
  /// Process noise covariance over dt.
  void process_noise(const StateVec& x, double dt_s, StateMat& Q) const;
  /// Constant velocity: the process noise block of one axis over dt, row by row.
  [[nodiscard]] std::array<double, 4> cv_noise_block(double dt_s) const;
};

/// Rewrites a Gaussian laid out for `from` into the layout of `to`: position and velocity
/// are kept, shared extras copied, missing extras get zero mean and `to`'s initial spread
/// (the state conversion of IMMs over unlike models).
void convert_state(const Gaussian& in, const MotionModel& from, const MotionModel& to, Gaussian& out);

/// Where a sensor is and how it is turned, relative to the command post's frame.
struct SensorFrame {
  Eigen::Vector3d origin_m = Eigen::Vector3d::Zero();
  /// Rotation from command-post ENU components to the sensor's own ENU components.
  Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();
};

enum class MeasurementKind : std::uint8_t {
  kPosition,  ///< x, y (and z) in the command post's frame
  kRadar,     ///< range, azimuth from north clockwise, elevation (and range rate) in the sensor's frame
  kBearing,   ///< azimuth and elevation only, in the sensor's frame: a jam strobe
};

/// h(x) and its Jacobian for one sensor.
struct MeasurementModel {
  MeasurementKind kind = MeasurementKind::kPosition;
  int axes = 3;             ///< state's spatial axes (position measurements have as many)
  bool range_rate = false;  ///< radar: the fourth component
  SensorFrame frame;

  [[nodiscard]] int size() const;
  [[nodiscard]] bool linear() const { return kind == MeasurementKind::kPosition; }
  /// Whether one measurement names a position (bearings do not: they start no track).
  [[nodiscard]] bool locates() const { return kind != MeasurementKind::kBearing; }
  void predict(const StateVec& x, MeasVec& z) const;
  void jacobian(const StateVec& x, MeasStateMat& H) const;
  /// z - z_pred with the azimuth wrapped to (-pi, pi].
  void residual(const MeasVec& z, const MeasVec& z_pred, MeasVec& out) const;
  /// The position in the command post's frame that a measurement names, and its covariance
  /// (first-order), for initiation and spatial gating. Only when locates().
  void to_position(const MeasVec& z, const MeasMat& R, Eigen::Vector3d& p, Eigen::Matrix3d& Pp) const;
};

/// Azimuth difference wrapped to (-pi, pi].
[[nodiscard]] double wrap_angle(double a_rad);

}  // namespace opensam::tracking
