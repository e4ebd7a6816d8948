#pragma once
/// @file What a campaign keeps of one replicate: outcomes, spending and picture quality, a
/// few hundred bytes instead of the whole run.

#include <cstdint>
#include <string>
#include <vector>

#include "opensam/output/table.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/replication.hpp"

namespace opensam::montecarlo {

/// What became of one threat in one replicate.
struct ThreatRecord {
  sim::Outcome outcome = sim::Outcome::kSurvived;
  double time_s = 0.0;
  std::string killed_by;           ///< the missile type of the killing shot, or empty
  std::uint32_t interceptors = 0;  ///< fired at it (including those that self-destructed)
};

/// Interceptors of one type fired in one replicate.
struct MissileSpend {
  std::string missile;
  std::uint32_t fired = 0;
  double cost_usd = 0.0;
};

/// One replicate of one sweep point. Counts are of hostile threats (friendly aircraft are not
/// leakers or kills); `threats` lists every threat in scenario order.
struct ReplicateRecord {
  std::uint32_t point = 0;
  std::uint64_t replicate = 0;
  double end_time_s = 0.0;
  std::uint32_t hostile = 0;
  std::uint32_t killed = 0;
  std::uint32_t leaked = 0;
  std::uint32_t not_engaged = 0;
  std::uint32_t survived = 0;
  std::uint32_t strikes_missed = 0;  ///< threats aimed at a site that landed outside their blast radius
  std::uint32_t interceptors = 0;
  double cost_usd = 0.0;                 ///< of the interceptors fired
  double threat_value_killed_usd = 0.0;  ///< unit cost of the hostile threats killed
  double asset_value_lost_usd = 0.0;     ///< value the leakers' blasts destroyed (AssetLedger)
  std::uint32_t fratricides = 0;         ///< friendly aircraft shot down
  double first_leak_s = 0.0;             ///< NaN without a leak
  double gospa_mean_m = 0.0;             ///< mean over the command post's updates (NaN: none)
  double missed_mean = 0.0;              ///< threats in radar reach without a track, mean
  double false_tracks_mean = 0.0;        ///< tracks without a threat, mean
  std::vector<ThreatRecord> threats;     ///< scenario order
  std::vector<MissileSpend> missiles;    ///< by missile type, in name order
};

/// The record of `run`, a replicate of `sc` at sweep point `point`.
[[nodiscard]] ReplicateRecord make_record(const scenario::Scenario& sc, const sim::RunResult& run,
                                          std::uint32_t point);

/// Records as tables, with the columns of the store's tables (store.cpp): `replicates`, one
/// row per record; `threat_outcomes`, one per threat of each (`threat`, `type` and `friendly`
/// from `threat_ids`, `threat_types` and `threat_friendly`, scenario order); `interceptors`,
/// one per missile type fired in each.
[[nodiscard]] output::Table replicates_table(const std::vector<ReplicateRecord>& records);
[[nodiscard]] output::Table threat_outcomes_table(const std::vector<ReplicateRecord>& records,
                                                  const std::vector<std::string>& threat_ids,
                                                  const std::vector<std::string>& threat_types,
                                                  const std::vector<bool>& threat_friendly);
[[nodiscard]] output::Table interceptors_table(const std::vector<ReplicateRecord>& records);

/// Records as bytes and back (CBOR), to move them between processes.
[[nodiscard]] std::vector<std::uint8_t> to_bytes(const std::vector<ReplicateRecord>& records);
/// Throws std::runtime_error on bytes that are not records.
[[nodiscard]] std::vector<ReplicateRecord> from_bytes(const std::vector<std::uint8_t>& bytes);

}  // namespace opensam::montecarlo
