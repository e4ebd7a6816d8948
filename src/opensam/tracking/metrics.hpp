#pragma once
/// @file Multi-target tracking metrics: GOSPA (Rahmathullah, Garcia-Fernandez & Svensson
/// 2017, alpha = 2, components as Stone Soup's GOSPAMetric and MATLAB's trackGOSPAMetric),
/// OSPA (Schuhmacher, Vo & Vo 2008) and SIAP completeness, ambiguity, spuriousness and
/// track-number changes (Votruba 2001, as Stone Soup's SIAPMetrics).

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

namespace opensam::tracking {

struct GospaResult {
  double distance = 0.0;      ///< GOSPA
  double localisation = 0.0;  ///< sum of d^p over assigned pairs closer than c (not ^1/p)
  double missed = 0.0;        ///< c^p / 2 per missed truth
  double false_tracks = 0.0;  ///< c^p / 2 per false estimate
  int assigned = 0;
  int missed_count = 0;
  int false_count = 0;
  double ospa = 0.0;  ///< OSPA with the same c and p
};

/// GOSPA and OSPA of estimates against truths (positions), cut-off c (m) and order p.
/// Only pairs closer than c are costed (k-d tree), clusters solved apart: exact.
[[nodiscard]] GospaResult gospa(std::span<const Eigen::Vector3d> truths,
                                std::span<const Eigen::Vector3d> estimates, double c, double p);

/// SIAP sums over time (Stone Soup: numerators and denominators summed over timestamps).
class SiapAccumulator {
 public:
  explicit SiapAccumulator(double association_distance_m) : distance_m_(association_distance_m) {}
  /// One time: each track is associated with the nearest truth within the distance.
  void add(std::span<const std::uint64_t> truth_ids, std::span<const Eigen::Vector3d> truths,
           std::span<const std::uint64_t> track_ids, std::span<const Eigen::Vector3d> tracks);

  [[nodiscard]] double completeness() const;  ///< truths held by a track / truths
  [[nodiscard]] double ambiguity() const;     ///< associated tracks / truths held
  [[nodiscard]] double spuriousness() const;  ///< tracks held by no truth / tracks
  [[nodiscard]] std::uint64_t track_id_changes() const { return id_changes_; }

 private:
  double distance_m_;
  std::uint64_t truths_ = 0, truths_held_ = 0, tracks_ = 0, tracks_associated_ = 0, id_changes_ = 0;
  std::unordered_map<std::uint64_t, std::uint64_t> last_track_;  ///< truth id -> track id
};

}  // namespace opensam::tracking
