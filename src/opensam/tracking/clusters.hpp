#pragma once
/// @file Union-find over indices: the independent clusters of gated track-detection pairs and
/// of close truth-estimate pairs.

#include <algorithm>
#include <cstdint>
#include <vector>

namespace opensam::tracking {

/// The root of i's set, halving paths on the way.
inline std::uint32_t find_root(std::vector<std::uint32_t>& parent, std::uint32_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

/// Joins the sets of a and b; the smaller root wins, so roots do not depend on call order.
inline void unite(std::vector<std::uint32_t>& parent, std::uint32_t a, std::uint32_t b) {
  a = find_root(parent, a), b = find_root(parent, b);
  if (a != b) parent[std::max(a, b)] = std::min(a, b);
}

}  // namespace opensam::tracking
