#pragma once
/// @file One replication of a scenario: build the world, run the event loop, tell what
/// became of each threat. A replication is a function of (scenario, seed, replicate).

#include <cstdint>
#include <string_view>
#include <vector>

#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/event_log.hpp"
#include "opensam/sim/live.hpp"
#include "opensam/sim/observers.hpp"

namespace opensam::sim {

using threats::Outcome;

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

using weapons::ShotRecord;
using weapons::ShotResult;

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
  std::vector<ShotRecord> shots;                  ///< in launch order
  std::vector<double> asset_value_destroyed_usd;  ///< per asset, in scenario order
};

class Prepared;

/// Runs one replication until the scenario's duration or until no threat is left, on what
/// every replicate of the scenario shares.
[[nodiscard]] RunResult run_replication(const Prepared& prepared, const RunOptions& options);
/// The same, preparing the scenario first (for a single run).
[[nodiscard]] RunResult run_replication(const scenario::Scenario& scenario, const RunOptions& options);

}  // namespace opensam::sim
