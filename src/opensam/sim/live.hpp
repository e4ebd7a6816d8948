#pragma once
/// @file A run's link to other simulations while it runs (DIS): it sees where every site, threat
/// and interceptor is at a fixed interval (truth: what the other side would see of them), it
/// paces the clock, and it brings in entities and strikes from elsewhere. The models never know
/// whether a link is there.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "opensam/geo/frames.hpp"
#include "opensam/sim/event_log.hpp"

namespace opensam::sim {

/// Where something of the run is, at one instant.
struct MoverState {
  EntityIndex entity;
  EntityKind kind;
  const std::string* name;  ///< its id in the logs; valid during the call
  const std::string* type;  ///< library type (empty for assets); valid during the call
  geo::Vec3 position_ecef_m;
  geo::Vec3 velocity_ecef_mps;
  bool alive;  ///< false once destroyed (a site) or ended (a threat, an interceptor)
};

/// An entity of another simulation where it last said it was: dead-reckoned from there with a
/// constant velocity and acceleration (ECEF) until its next report.
struct ExternalReport {
  std::uint64_t key;  ///< the other simulation's id for it, unique
  std::string name;   ///< what the run calls it (its entity id in the logs)
  double time_s;      ///< simulation time of the report
  geo::Vec3 position_ecef_m;
  geo::Vec3 velocity_ecef_mps;
  geo::Vec3 acceleration_ecef_mps2;
};

/// What came in since the last poll.
struct Inbound {
  std::vector<ExternalReport> reports;
  std::vector<std::uint64_t> timed_out;  ///< keys of entities no longer reported
  std::vector<EntityIndex> strikes;      ///< our sites a weapon of another simulation destroyed
  void clear() {
    reports.clear();
    timed_out.clear();
    strikes.clear();
  }
};

class LiveLink {
 public:
  virtual ~LiveLink() = default;
  /// Simulation time between calls (s).
  [[nodiscard]] virtual double interval_s() const = 0;
  /// Every interval from 0 s: where everything is. Sites come every time, ended movers once.
  virtual void on_movers(double now_s, std::span<const MoverState> movers) = 0;
  /// After on_movers: waits for the wall clock when paced (and while the exercise is frozen),
  /// then fills `in`. False: the exercise was stopped, end the run now.
  virtual bool poll(double now_s, Inbound& in) = 0;
  /// The run made the entity `key` of a report into threat `entity`.
  virtual void bound(std::uint64_t key, EntityIndex entity) = 0;
};

}  // namespace opensam::sim
