#pragma once
/// @file A campaign's report: one self-contained HTML page (Chart.js inlined, no outside
/// requests) with the statistics of every sweep point.

#include <string>
#include <vector>

#include "opensam/montecarlo/record.hpp"
#include "opensam/montecarlo/summary.hpp"

namespace opensam::montecarlo {

/// The report of `stats`, computed from `records` (for the histograms).
[[nodiscard]] std::string report_html(const CampaignStats& stats,
                                      const std::vector<ReplicateRecord>& records);

}  // namespace opensam::montecarlo
