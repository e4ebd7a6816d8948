// Assignment and metrics on hand-computed cases: the Jonker-Volgenant solver against brute
// force, GOSPA with Stone Soup's conventions (alpha = 2, components as cost terms, d = c is
// cut off), OSPA (Schuhmacher, Vo & Vo 2008) and SIAP counts.
#include "opensam/tracking/metrics.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "opensam/core/rng.hpp"
#include "opensam/tracking/assignment.hpp"

namespace opensam::tracking {
namespace {

TEST(Assignment, MatchesBruteForceOnRandomRectangularMatrices) {
  core::RngStream rng(3, 0, "assignment");
  AssignmentWorkspace ws;
  for (int trial = 0; trial < 200; ++trial) {
    const int rows = 1 + int(rng.uniform() * 5), cols = rows + int(rng.uniform() * 3);
    std::vector<double> cost(std::size_t(rows * cols));
    for (double& c : cost)
      c = rng.uniform() < 0.2 ? std::numeric_limits<double>::infinity() : rng.uniform(0, 10);
    auto perm = std::vector<int>(std::size_t(cols));
    std::iota(perm.begin(), perm.end(), 0);
    double best = std::numeric_limits<double>::infinity();
    do {
      double s = 0;
      for (int r = 0; r < rows; ++r) s += cost[std::size_t(r * cols + perm[std::size_t(r)])];
      best = std::min(best, s);
    } while (std::next_permutation(perm.begin(), perm.end()));
    auto col = std::vector<int>(std::size_t(rows));
    const bool ok = solve_assignment(rows, cols, cost, col, ws);
    ASSERT_EQ(ok, std::isfinite(best));
    if (!ok) continue;
    double s = 0;
    for (int r = 0; r < rows; ++r) s += cost[std::size_t(r * cols + col[std::size_t(r)])];
    EXPECT_NEAR(s, best, 1e-9);
    std::sort(col.begin(), col.end());
    EXPECT_EQ(std::adjacent_find(col.begin(), col.end()), col.end());
  }
}

TEST(Assignment, ClassicThreeByThree) {
  // Min-cost 4 + 2 + 2? The optimum of [[4,1,3],[2,0,5],[3,2,2]] is 1 + 2 + 2 = 5.
  const std::vector<double> cost{4, 1, 3, 2, 0, 5, 3, 2, 2};
  std::vector<int> col(3);
  AssignmentWorkspace ws;
  ASSERT_TRUE(solve_assignment(3, 3, cost, col, ws));
  EXPECT_EQ(col, (std::vector<int>{1, 0, 2}));
}

std::vector<Eigen::Vector3d> pts(std::initializer_list<double> xs) {
  std::vector<Eigen::Vector3d> out;
  for (double x : xs) out.emplace_back(x, 0, 0);
  return out;
}

TEST(Gospa, HandComputedCases) {
  // One pair at 1 m, one truth missed, one false estimate; c = 5.
  const auto truths = pts({0, 10}), estimates = pts({1, 100});
  const GospaResult g1 = gospa(truths, estimates, 5.0, 1.0);
  EXPECT_DOUBLE_EQ(g1.localisation, 1.0);
  EXPECT_DOUBLE_EQ(g1.missed, 2.5);
  EXPECT_DOUBLE_EQ(g1.false_tracks, 2.5);
  EXPECT_DOUBLE_EQ(g1.distance, 6.0);
  EXPECT_EQ(g1.assigned, 1);
  EXPECT_DOUBLE_EQ(g1.ospa, 3.0);  // (1 + 5) / 2
  const GospaResult g2 = gospa(truths, estimates, 5.0, 2.0);
  EXPECT_DOUBLE_EQ(g2.localisation, 1.0);
  EXPECT_DOUBLE_EQ(g2.missed, 12.5);
  EXPECT_DOUBLE_EQ(g2.distance, std::sqrt(26.0));
  EXPECT_DOUBLE_EQ(g2.ospa, std::sqrt(13.0));
  // d == c is cut off: a missed truth and a false estimate.
  const GospaResult g3 = gospa(pts({0}), pts({5}), 5.0, 1.0);
  EXPECT_EQ(g3.assigned, 0);
  EXPECT_EQ(g3.missed_count, 1);
  EXPECT_DOUBLE_EQ(g3.distance, 5.0);
  // No estimates: every truth missed, OSPA = c.
  const GospaResult g4 = gospa(truths, {}, 5.0, 1.0);
  EXPECT_DOUBLE_EQ(g4.distance, 5.0);
  EXPECT_DOUBLE_EQ(g4.ospa, 5.0);
  // The optimal pairing, not the greedy one: truths 0, 3; estimates 2, 5 (c = 10):
  // greedy pairs 3-2 (1) and leaves 0-5 (5): 6; optimal 0-2 (2) + 3-5 (2) = 4.
  const GospaResult g5 = gospa(pts({0, 3}), pts({2, 5}), 10.0, 1.0);
  EXPECT_DOUBLE_EQ(g5.localisation, 4.0);
}

TEST(Siap, CountsCompletenessAmbiguitySpuriousnessAndIdChanges) {
  SiapAccumulator siap(10.0);
  const std::vector<std::uint64_t> truth_ids{1, 2};
  const auto truths = pts({0, 100});
  // Time 1: tracks 7 and 8 both on truth 1, track 9 on nothing; truth 2 unheld.
  siap.add(truth_ids, truths, std::vector<std::uint64_t>{7, 8, 9}, pts({1, 2, 50}));
  // Time 2: track 8 alone on truth 1 (id change 7 -> 8), track 10 on truth 2.
  siap.add(truth_ids, truths, std::vector<std::uint64_t>{8, 10}, pts({0.5, 101}));
  EXPECT_DOUBLE_EQ(siap.completeness(), 3.0 / 4.0);
  EXPECT_DOUBLE_EQ(siap.ambiguity(), 4.0 / 3.0);
  EXPECT_DOUBLE_EQ(siap.spuriousness(), 1.0 / 5.0);
  EXPECT_EQ(siap.track_id_changes(), 1u);
}

}  // namespace
}  // namespace opensam::tracking
