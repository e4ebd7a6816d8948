#pragma once
/// @file One replication of a scenario: build the world, run the event loop, tell what
/// became of each threat. A replication is a function of (scenario, seed, replicate).

#include <cstdint>
#include <string_view>
#include <vector>

#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/event_log.hpp"
#include "opensam/sim/live.hpp"

namespace opensam::sim {

/// What became of a threat. Names are part of the output format: never renamed.
enum class Outcome : std::uint8_t {
  kKilled,      ///< destroyed by the defence
  kLeaked,      ///< reached its aim point
  kNotEngaged,  ///< left the area at the end of its route without being engaged
  kSurvived,    ///< still flying (or not yet launched) when the run ended
};

[[nodiscard]] std::string_view outcome_name(Outcome o);

struct ThreatOutcome {
  EntityIndex entity;
  Outcome outcome;
  double time_s;  ///< when the outcome was settled (run end for kSurvived)
};

struct RunOptions {
  std::uint64_t seed = 1;
  std::uint64_t replicate = 0;
  std::vector<EventSink*> sinks;  ///< listeners besides the run's own log
  bool record_truth = true;       ///< fill RunResult::truth (a campaign does without)
  /// A link to other simulations (DIS), or none. With one that brings entities in, the run
  /// lasts the scenario's duration (or until the link stops it), whatever becomes of the threats.
  LiveLink* live = nullptr;
  bool live_inbound = false;
};

/// The air picture scored against truth at one command-post update: GOSPA (alpha 2, the
/// scenario's c and p) between the threats in reach of a radar and the confirmed tracks.
struct PictureSample {
  double time_s;
  double gospa_m;
  double localisation;  ///< sum of d^p over the assigned pairs (m^p)
  std::uint32_t truths;
  std::uint32_t tracks;
  std::uint32_t missed;        ///< truths without a track within c
  std::uint32_t false_tracks;  ///< tracks without a truth within c
};

/// Where a threat or an interceptor truly was: the simulation's ground truth, for analysis only.
struct TruthSample {
  double time_s;
  EntityIndex entity;
  geo::Lla where;
  geo::Vec3 velocity_enu_mps;  ///< east, north, up at `where`
};

/// What became of an interceptor. Names are part of the output format.
enum class ShotResult : std::uint8_t { kKilled, kMissed, kSelfDestructed, kFlying };
[[nodiscard]] std::string_view shot_result_name(ShotResult r);

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
  double miss_m = 0.0;
  double range_m = 0.0;  ///< from the launcher to the burst or self-destruct
  double cost_usd = 0.0;
};

struct RunResult {
  std::uint64_t seed = 0;
  std::uint64_t replicate = 0;
  double end_time_s = 0.0;
  std::vector<Entity> entities;        ///< sites, then assets, then threats, in scenario order
  std::vector<ThreatOutcome> threats;  ///< in scenario order
  std::vector<Event> events;
  std::vector<PictureSample> picture;  ///< one per command-post update, empty without radars
  /// Every flying threat every truth_interval, every interceptor at its launch, every
  /// truth_interval of its flight and its end; in time order.
  std::vector<TruthSample> truth;
  std::vector<ShotRecord> shots;  ///< in launch order
};

class Prepared;

/// Runs one replication until the scenario's duration or until no threat is left, on what
/// every replicate of the scenario shares.
[[nodiscard]] RunResult run_replication(const Prepared& prepared, const RunOptions& options);
/// The same, preparing the scenario first (for a single run).
[[nodiscard]] RunResult run_replication(const scenario::Scenario& scenario, const RunOptions& options);

}  // namespace opensam::sim
