#include "opensam/tracking/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "opensam/tracking/assignment.hpp"
#include "opensam/tracking/clusters.hpp"
#include "opensam/tracking/spatial_index.hpp"

namespace opensam::tracking {
GospaResult gospa(std::span<const Eigen::Vector3d> truths, std::span<const Eigen::Vector3d> estimates,
                  double c, double p) {
  GospaResult out;
  const std::size_t m = truths.size(), n = estimates.size();
  const double cp = std::pow(c, p);
  // Close pairs (d < c): every other pair costs c^p assigned or not, so it never matters.
  struct Close {
    std::uint32_t truth, estimate;
    double cost;
  };
  std::vector<Close> close;
  std::vector<Eigen::Vector3d> est(estimates.begin(), estimates.end());
  SpatialIndex index;
  index.build(est);
  for (std::uint32_t i = 0; i < m; ++i)
    index.within(truths[i], c, [&](std::size_t j) {
      close.push_back({i, std::uint32_t(j), std::pow((truths[i] - est[j]).norm(), p)});
    });
  std::vector<std::uint32_t> parent(m + n);
  std::iota(parent.begin(), parent.end(), 0u);
  for (const Close& k : close) unite(parent, k.truth, std::uint32_t(m + k.estimate));
  std::sort(close.begin(), close.end(), [&](const Close& x, const Close& y) {
    const auto rx = find_root(parent, x.truth), ry = find_root(parent, y.truth);
    return std::tie(rx, x.truth, x.estimate) < std::tie(ry, y.truth, y.estimate);
  });
  AssignmentWorkspace ws;
  std::vector<std::uint32_t> ts, es;
  std::vector<double> cost;
  std::vector<int> col;
  for (std::size_t b = 0; b < close.size();) {
    const std::uint32_t root = find_root(parent, close[b].truth);
    std::size_t e = b;
    ts.clear(), es.clear();
    for (; e < close.size() && find_root(parent, close[e].truth) == root; ++e)
      ts.push_back(close[e].truth), es.push_back(close[e].estimate);
    std::sort(ts.begin(), ts.end()), ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
    std::sort(es.begin(), es.end()), es.erase(std::unique(es.begin(), es.end()), es.end());
    const bool truth_rows = ts.size() <= es.size();
    const std::size_t R = truth_rows ? ts.size() : es.size(), C = truth_rows ? es.size() : ts.size();
    cost.assign(R * C, cp);
    for (std::size_t k = b; k < e; ++k) {
      const std::size_t ti = std::lower_bound(ts.begin(), ts.end(), close[k].truth) - ts.begin();
      const std::size_t ei = std::lower_bound(es.begin(), es.end(), close[k].estimate) - es.begin();
      cost[truth_rows ? ti * C + ei : ei * C + ti] = close[k].cost;
    }
    col.resize(R);
    solve_assignment(int(R), int(C), cost, col, ws);
    for (std::size_t r = 0; r < R; ++r) {
      const double x = cost[r * C + col[r]];
      if (x < cp) out.localisation += x, ++out.assigned;  // pairs at c^p count as missed + false
    }
    b = e;
  }
  out.missed_count = int(m) - out.assigned;
  out.false_count = int(n) - out.assigned;
  out.missed = cp / 2 * out.missed_count;
  out.false_tracks = cp / 2 * out.false_count;
  out.distance = std::pow(out.localisation + out.missed + out.false_tracks, 1.0 / p);
  // OSPA: the same optimal pairs, every unpaired slot of the smaller set at c^p.
  const std::size_t big = std::max(m, n), small = std::min(m, n);
  if (big > 0) {
    const double sum =
        out.localisation + cp * double(small - std::size_t(out.assigned)) + cp * double(big - small);
    out.ospa = std::pow(sum / double(big), 1.0 / p);
  }
  return out;
}

void SiapAccumulator::add(std::span<const std::uint64_t> truth_ids, std::span<const Eigen::Vector3d> truths,
                          std::span<const std::uint64_t> track_ids, std::span<const Eigen::Vector3d> tracks) {
  std::vector<Eigen::Vector3d> pts(truths.begin(), truths.end());
  SpatialIndex index;
  index.build(pts);
  std::vector<int> held(truths.size(), 0);
  std::vector<double> nearest_d(truths.size(), std::numeric_limits<double>::infinity());
  std::vector<std::uint64_t> nearest_track(truths.size(), 0);
  for (std::size_t k = 0; k < tracks.size(); ++k) {
    int best = -1;
    double best_d = std::numeric_limits<double>::infinity();
    index.within(tracks[k], distance_m_, [&](std::size_t i) {
      const double d = (pts[i] - tracks[k]).norm();
      if (d < best_d || (d == best_d && int(i) < best)) best_d = d, best = int(i);
    });
    if (best < 0) continue;
    ++tracks_associated_;
    ++held[best];
    if (best_d < nearest_d[best]) nearest_d[best] = best_d, nearest_track[best] = track_ids[k];
  }
  truths_ += truths.size();
  tracks_ += tracks.size();
  for (std::size_t i = 0; i < truths.size(); ++i) {
    if (!held[i]) continue;
    ++truths_held_;
    auto [it, fresh] = last_track_.try_emplace(truth_ids[i], nearest_track[i]);
    if (!fresh && it->second != nearest_track[i]) ++id_changes_, it->second = nearest_track[i];
  }
}

double SiapAccumulator::completeness() const {
  return truths_ ? double(truths_held_) / double(truths_) : 0.0;
}
double SiapAccumulator::ambiguity() const {
  return truths_held_ ? double(tracks_associated_) / double(truths_held_) : 0.0;
}
double SiapAccumulator::spuriousness() const {
  return tracks_ ? double(tracks_ - tracks_associated_) / double(tracks_) : 0.0;
}

}  // namespace opensam::tracking
