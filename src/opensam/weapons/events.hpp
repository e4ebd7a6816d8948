#pragma once
/// @file What the launchers and interceptors of a run tell (launches, seeker locks, bursts and
/// their outcome, reloads, the state of each launcher), and the orders they take from the fire
/// control. The events that name a threat (`target`, `threat`) carry the truth behind a burst,
/// for analysis: the fire control never listens to them.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "opensam/core/entity.hpp"
#include "opensam/core/names.hpp"
#include "opensam/geo/frames.hpp"
#include "opensam/weapons/interceptor.hpp"

namespace opensam::weapons {

using core::EntityIndex;
using core::kNoEntity;

// What the launchers and interceptors tell.

/// An interceptor left its launcher at `where` (a new entity).
struct Fired {
  EntityIndex interceptor;
  EntityIndex launcher;
  std::uint64_t track;
  geo::Lla where;
};
struct Launched {
  EntityIndex interceptor;
  EntityIndex launcher;
  std::uint64_t track;
};
/// The engagement radar sent the interceptor the track's estimate (datalink).
struct MidcourseUpdate {
  EntityIndex interceptor;
  std::uint64_t track;
};
struct SeekerLock {
  EntityIndex interceptor;
};
/// The warhead burst: the closest approach to the object near it and the kill probability of
/// the fragments it put on it. `target` is truth, for analysis only.
struct Intercept {
  EntityIndex interceptor;
  EntityIndex target;
  double miss_m;
  double pk;
  geo::Lla where;
};
/// The burst destroyed it (the kill draw of the interceptor's stream).
struct Killed {
  EntityIndex threat;
  EntityIndex interceptor;
  bool fratricide;  ///< a friendly aircraft
};
/// The burst did not destroy it.
struct Missed {
  EntityIndex interceptor;
  EntityIndex target;
};
/// Out of energy, time or past its target.
struct SelfDestructed {
  EntityIndex interceptor;
  geo::Lla where;
};
/// It flew into the ground (terrain, or the ellipsoid without a raster) at `where`.
struct GroundImpact {
  EntityIndex interceptor;
  geo::Lla where;
};
/// A transloader refilled a launcher.
struct Reloaded {
  EntityIndex launcher;
  std::uint32_t rounds;
};
/// Where an interceptor truly is (at its launch, every truth interval of its flight, and its
/// burst or self-destruct point), for the truth log.
struct InterceptorTruth {
  EntityIndex interceptor;
  Vec3 position_m;
  Vec3 velocity_mps;
};

/// Launcher `launcher` (its index among the run's launchers) holds `rounds` and is free to take
/// an order from `ready_s`.
struct LauncherStatus {
  int launcher;
  int rounds;
  double ready_s;
};
/// A missile guided by radar `radar` at `track` ended (burst or self-destruct).
struct ShotEnded {
  std::uint64_t track;
  int radar;
};
/// A launch could not happen: the launcher was destroyed; the round stays in it.
struct LaunchAborted {
  std::uint64_t track;
  int radar;
};

// The fire control's orders.

/// `missiles` rounds of launcher `launcher` are committed to an order; it is free again from
/// `ready_s`.
struct Commit {
  int launcher;
  int missiles;
  double ready_s;
};
/// Launch one missile of `launcher` at `track`, guided by `radar`, on the track's `estimate`.
struct Launch {
  std::uint64_t track;
  int launcher;
  int radar;
  TargetEstimate estimate;
};
/// A committed round was not launched (its track was lost): it goes back to `launcher`.
struct Uncommit {
  int launcher;
};
/// The guiding radar's estimate of `track`, sent to its missiles in flight.
struct Uplink {
  std::uint64_t track;
  int radar;
  TargetEstimate estimate;
};
/// Every uplink of one command-post cycle (valid during the call).
struct Uplinks {
  std::span<const Uplink> uplinks;
};

/// What became of an interceptor. Names are part of the output format.
enum class ShotResult : std::uint8_t { kKilled, kMissed, kSelfDestructed, kGroundImpact, kFlying };
constexpr auto names(ShotResult) {
  return std::to_array<core::Named<ShotResult>>({{ShotResult::kKilled, "killed"},
                                                 {ShotResult::kMissed, "missed"},
                                                 {ShotResult::kSelfDestructed, "self_destructed"},
                                                 {ShotResult::kGroundImpact, "ground_impact"},
                                                 {ShotResult::kFlying, "flying"}});
}

/// One interceptor fired.
struct ShotRecord {
  EntityIndex interceptor = kNoEntity;
  EntityIndex launcher = kNoEntity;
  std::string missile;    ///< type, e.g. "s400/48N6E3"
  std::string battalion;  ///< the launcher's
  std::uint64_t track = 0;
  double launch_s = 0.0;
  double end_s = 0.0;
  ShotResult result = ShotResult::kFlying;
  EntityIndex target = kNoEntity;  ///< truth near its burst (or gone before it), for analysis only
  bool fratricide = false;
  double miss_m = 0.0;   ///< closest approach to its object over the flight; NaN when it met none
  double pk = 0.0;       ///< kill probability of its burst (fragments on the target's vulnerable area)
  double range_m = 0.0;  ///< from the launcher to the burst or self-destruct
  double cost_usd = 0.0;
};

}  // namespace opensam::weapons
