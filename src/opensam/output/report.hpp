#pragma once
/// @file report.html of a run: one self-contained page (Chart.js inlined, no server, no outside
/// request) with the summary, the per-threat outcomes, an engagement timeline, interceptor
/// expenditure and cost, detection and first-track ranges per threat type, miss distances,
/// GOSPA over time and the signature exposure of each aircraft to each radar.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/replication.hpp"

namespace opensam::output {

[[nodiscard]] std::string run_report_html(const scenario::Scenario& sc, const sim::RunResult& run);

/// Chart.js (chart.umd.min.js from npm), built into the program for self-contained reports.
[[nodiscard]] std::string_view chart_js();

/// Text for HTML or XML: & < > " as entities.
[[nodiscard]] std::string markup_escape(std::string_view text);

/// JSON text for a <script> element, where "</" cannot close it.
[[nodiscard]] std::string script_json(const nlohmann::ordered_json& j);

/// The aspect of a radar seen from a target, off its nose (0 to 180 deg): "nose" under 45 deg,
/// "beam" from 45 to 135 deg, "tail" beyond.
[[nodiscard]] std::string_view aspect_sector(double aspect_az_deg);

/// One aircraft as seen by one radar over the run.
struct Exposure {
  double held_s = 0.0;  ///< time between detections no more than 2.5 scan periods apart
  int detections = 0;
  int nose = 0, beam = 0, tail = 0;  ///< detections per aspect sector
  double first_s = 0.0;
  double last_s = 0.0;
  double mean_rcs_dbsm = 0.0;  ///< mean over detections of the RCS seen, in dBsm
};

/// Folds one radar's detection times of one target (in time order) into the time held: the sum
/// of the gaps between consecutive detections that are at most `max_gap_s` apart.
[[nodiscard]] double held_time_s(const std::vector<double>& times_s, double max_gap_s);

}  // namespace opensam::output
