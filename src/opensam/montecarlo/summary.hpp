#pragma once
/// @file A campaign's statistics per sweep point, from its stored replicates, and how they
/// are shown (JSON, a table). Computed in (point, replicate) order: the same store gives the
/// same bits whatever order the replicates were run in.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "opensam/montecarlo/record.hpp"
#include "opensam/montecarlo/statistics.hpp"
#include "opensam/montecarlo/store.hpp"

namespace opensam::montecarlo {

struct ThreatStats {
  std::string id;
  std::string type;
  bool friendly = false;
  Interval leak;  ///< P(this threat leaks)
  Interval kill;  ///< P(this threat is killed)
  double interceptors_mean = 0.0;
};

struct MissileStats {
  std::string missile;
  double fired_mean = 0.0;
  double cost_mean_usd = 0.0;
};

/// The statistics of one sweep point (or of every point pooled).
struct PointStats {
  std::string label;
  std::uint64_t replicates = 0;
  Interval leak_probability;   ///< P(at least one hostile threat leaks)
  Interval raid_annihilation;  ///< P(every hostile threat is killed)
  Distribution leakers;        ///< hostile threats that leaked
  Distribution kills;
  Distribution interceptors;  ///< fired
  Distribution kills_per_interceptor;
  Distribution cost_usd;       ///< of the interceptors fired
  Distribution cost_per_kill;  ///< interceptor cost / kills, replicates with a kill
  /// Interceptor cost / unit cost of the hostile threats destroyed, replicates with a kill (the
  /// per-replicate distribution; its mean is not the campaign's ratio).
  Distribution cost_exchange;
  /// The campaign's cost exchange: every replicate's interceptor dollars over every replicate's
  /// threat dollars destroyed, and over the asset value saved (asset value less what leakers
  /// destroyed), with bootstrap intervals.
  RatioInterval cost_exchange_total;
  RatioInterval cost_to_value_saved_total;
  Distribution asset_value_saved_usd;
  Distribution cost_to_asset_value;  ///< interceptor cost / value of the defended assets
  Distribution asset_value_lost_usd;
  Distribution first_leak_s;    ///< replicates with a leak
  Distribution strikes_missed;  ///< threats aimed at a site that missed it
  Distribution fratricides;
  Distribution gospa_m;  ///< mean GOSPA of the air picture per replicate
  std::vector<ThreatStats> threats;
  std::vector<MissileStats> missiles;
};

struct CampaignStats {
  CampaignInfo info;
  PointStats all;                  ///< every point pooled
  std::vector<PointStats> points;  ///< per sweep point, in sweep order
  /// The widest half-width of every interval above (per point, threats included).
  [[nodiscard]] double widest_half_width() const;
};

/// Statistics of `records`, in (point, replicate) order, of the campaign `info`.
[[nodiscard]] CampaignStats summarise(const CampaignInfo& info, const std::vector<ReplicateRecord>& records);

/// One JSON object: `replicates`, `leak_probability` {mean, ci95_low, ci95_high},
/// `interceptors_fired_mean`, `cost_per_kill_mean`, ... over every point, and `points`.
[[nodiscard]] nlohmann::ordered_json to_json(const CampaignStats& stats);
/// The same for people.
[[nodiscard]] std::string to_table(const CampaignStats& stats);

}  // namespace opensam::montecarlo
