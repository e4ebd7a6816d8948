#pragma once
/// @file Writers of a run's results: event logs (CSV, JSON lines), the summary (JSON object
/// and a table for people). Output is byte-identical for the same run.

#include <nlohmann/json.hpp>
#include <string>

#include "opensam/output/table.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/replication.hpp"

namespace opensam::output {

/// The logs of a run as tables, each the columns of its CSV file below.
[[nodiscard]] Table events_table(const sim::RunResult& run);
[[nodiscard]] Table detections_table(const sim::RunResult& run);
[[nodiscard]] Table tracks_table(const sim::RunResult& run);
[[nodiscard]] Table gospa_table(const sim::RunResult& run);
[[nodiscard]] Table truth_table(const sim::RunResult& run);

/// events.csv: `time_s,event,entity,other,lat_deg,lon_deg,alt_m,detail`.
[[nodiscard]] std::string events_csv(const sim::RunResult& run);
/// events.jsonl: one JSON object per event, with its typed fields.
[[nodiscard]] std::string events_jsonl(const sim::RunResult& run);
/// detections.csv: every detection with its measurement, accuracy and measured position;
/// `target` is the truth behind it (empty for a false alarm), for analysis.
[[nodiscard]] std::string detections_csv(const sim::RunResult& run);
/// tracks.csv: the command post's air picture, one row per track report (initiated, updated
/// once per command-post update, confirmed, coasting, dropped): estimate at that time in the
/// command post's east-north-up frame (m, m/s), its spread and its geodetic position.
[[nodiscard]] std::string tracks_csv(const sim::RunResult& run);
/// gospa.csv: the air picture scored against truth at every command-post update.
[[nodiscard]] std::string gospa_csv(const sim::RunResult& run);
/// truth.csv: where each flying threat was, every truth_interval.
[[nodiscard]] std::string truth_csv(const sim::RunResult& run);
/// The run summary: {"scenario", "seed", "replicate", "end_time_s", "threats": [...], "totals": {...}}.
[[nodiscard]] nlohmann::ordered_json summary_json(const scenario::Scenario& sc, const sim::RunResult& run);
/// The run's ledger (the summary's `ledger`): interceptor dollars spent, hostile threat dollars
/// destroyed, friendly aircraft lost, the defended assets' value, destroyed and saved, and the
/// cost exchange ratio spent / destroyed (null without a kill).
[[nodiscard]] nlohmann::ordered_json ledger_json(const scenario::Scenario& sc, const sim::RunResult& run);
/// The summary as a table for a terminal.
[[nodiscard]] std::string summary_table(const scenario::Scenario& sc, const sim::RunResult& run);

}  // namespace opensam::output
