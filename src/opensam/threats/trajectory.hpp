#pragma once
/// @file A flown path, sampled: position and velocity in ECEF at a fixed interval from the
/// start, the last sample at the exact end. Planners (waypoint flight, ballistic flight)
/// write it once; the simulation reads it at any instant in constant time, and splices a new
/// tail onto it when a threat changes its plan in flight.

#include <cstdint>
#include <vector>

#include "opensam/core/names.hpp"
#include "opensam/geo/frames.hpp"

namespace opensam::threats {

/// Position and velocity of a mover at one instant.
struct KinematicState {
  geo::Lla lla;
  geo::Vec3 position_ecef_m = geo::Vec3::Zero();
  geo::Vec3 velocity_ecef_mps = geo::Vec3::Zero();
};

/// Something a planner notes on the way, reported as an event when the flight gets there.
enum class MarkKind : std::uint8_t {
  kWaypoint,          ///< `detail`: index of the route point reached
  kBurnout,           ///< the motor stops
  kApogee,            ///< highest point of a ballistic flight
  kPullUp,            ///< a quasi-ballistic missile starts its aerodynamic glide
  kTerminal,          ///< terminal phase: dive onto the aim point, terminal manoeuvre
  kLoiter,            ///< starts orbiting a route point
  kBreakTurn,         ///< scripted break turn
  kWeave,             ///< scripted weave
  kReaction,          ///< turns away and descends from an engagement radar
  kGuidanceLost,      ///< an anti-radiation missile's radar stopped emitting
  kGuidanceRegained,  ///< it emits again
};

/// As written in the event logs.
constexpr auto names(MarkKind) {
  return std::to_array<core::Named<MarkKind>>({{MarkKind::kWaypoint, "waypoint"},
                                               {MarkKind::kBurnout, "burnout"},
                                               {MarkKind::kApogee, "apogee"},
                                               {MarkKind::kPullUp, "pull_up"},
                                               {MarkKind::kTerminal, "terminal"},
                                               {MarkKind::kLoiter, "loiter"},
                                               {MarkKind::kBreakTurn, "break_turn"},
                                               {MarkKind::kWeave, "weave"},
                                               {MarkKind::kReaction, "reaction"},
                                               {MarkKind::kGuidanceLost, "guidance_lost"},
                                               {MarkKind::kGuidanceRegained, "guidance_regained"}});
}

struct Mark {
  double time_s;
  MarkKind kind;
  std::uint32_t detail = 0;
};

/// Where a flyer is and how it moves, in ECEF.
struct Motion {
  geo::Vec3 position_ecef_m;
  geo::Vec3 velocity_ecef_mps;
};

class Trajectory {
 public:
  Trajectory() = default;
  /// An empty path starting at `start_time_s`, sampled every `step_s` (> 0).
  Trajectory(double start_time_s, double step_s);

  /// Room for `samples` samples without reallocation.
  void reserve(std::size_t samples) {
    position_.reserve(samples);
    velocity_.reserve(samples);
  }
  /// Appends the next grid sample (at start + size() * step).
  void push(const geo::Vec3& position_ecef_m, const geo::Vec3& velocity_ecef_mps);
  /// Appends the final sample at `time_s`, within one step after the last grid sample.
  void finish(double time_s, const geo::Vec3& position_ecef_m, const geo::Vec3& velocity_ecef_mps);
  void mark(double time_s, MarkKind kind, std::uint32_t detail = 0) {
    marks_.push_back({time_s, kind, detail});
  }

  [[nodiscard]] double start_time_s() const { return start_s_; }
  [[nodiscard]] double end_time_s() const { return end_s_; }
  [[nodiscard]] double step_s() const { return step_s_; }
  [[nodiscard]] std::size_t size() const { return position_.size(); }
  [[nodiscard]] bool empty() const { return position_.empty(); }
  [[nodiscard]] double sample_time_s(std::size_t i) const;
  [[nodiscard]] const geo::Vec3& sample_position(std::size_t i) const { return position_[i]; }
  [[nodiscard]] const geo::Vec3& sample_velocity(std::size_t i) const { return velocity_[i]; }
  [[nodiscard]] const std::vector<Mark>& marks() const { return marks_; }

  /// Position at `t_s`, linear between samples, clamped to [start, end]. No allocation.
  [[nodiscard]] geo::Vec3 position_at(double t_s) const;
  /// Position, velocity (linear between samples) and geodetic position at `t_s`, clamped.
  [[nodiscard]] KinematicState state_at(double t_s) const;
  /// Position and velocity at `t_s` as state_at() gives them, without the geodetic conversion.
  [[nodiscard]] Motion motion_at(double t_s) const;

  /// Moves the whole path (samples and marks) later by `dt_s`.
  void shift(double dt_s);
  /// Index of the first grid sample at or after `t_s` (the point a new plan can start from).
  [[nodiscard]] std::size_t sample_at_or_after(double t_s) const;
  /// Keeps the samples up to grid sample `i` and the marks before its time, then appends
  /// `tail`, which must start at that sample's time with the same step (its first sample
  /// replaces sample `i`).
  void splice(std::size_t i, const Trajectory& tail);

 private:
  struct Span {
    std::size_t i;  ///< sample before
    double frac;    ///< of the way to the next
  };
  [[nodiscard]] Span locate(double t_s) const;

  double start_s_ = 0.0;
  double step_s_ = 1.0;
  double end_s_ = 0.0;
  std::vector<geo::Vec3> position_;
  std::vector<geo::Vec3> velocity_;
  std::vector<Mark> marks_;
};

}  // namespace opensam::threats
