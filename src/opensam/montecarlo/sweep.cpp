#include "opensam/montecarlo/sweep.hpp"

#include <fmt/format.h>

#include "opensam/core/text.hpp"
#include "opensam/scenario/scenario.hpp"

namespace opensam::montecarlo {

namespace {
std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}
}  // namespace

std::optional<SweepAxis> parse_sweep(const std::string& flag, std::string& error) {
  const std::size_t eq = flag.find('=');
  if (eq == std::string::npos) {
    error = fmt::format("'{}': write KEY=VALUE,VALUE,... (e.g. raids[0].terrain_following=30 m,60 m)", flag);
    return std::nullopt;
  }
  SweepAxis axis;
  axis.flag = flag;
  axis.key = scenario::canonical_key_path(trim(flag.substr(0, eq)));
  if (axis.key.empty()) {
    error = fmt::format("'{}': '{}' is not a key path (keys with dots, list items as [0])", flag,
                        trim(flag.substr(0, eq)));
    return std::nullopt;
  }
  const std::string rest = flag.substr(eq + 1);
  int depth = 0;
  char quote = 0;
  std::string current;
  for (char c : rest) {
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == ',' && depth == 0) {
      axis.values.push_back(trim(current));
      current.clear();
      continue;
    }
    current += c;
  }
  axis.values.push_back(trim(current));
  for (const std::string& v : axis.values) {
    if (v.empty()) {
      error = fmt::format("'{}': an empty value", flag);
      return std::nullopt;
    }
  }
  if (depth != 0 || quote) {
    error = fmt::format("'{}': unbalanced brackets or quotes", flag);
    return std::nullopt;
  }
  return axis;
}

std::vector<SweepPoint> sweep_points(const std::vector<SweepAxis>& axes) {
  std::vector<SweepPoint> points(1);
  for (const SweepAxis& axis : axes) {
    std::vector<SweepPoint> next;
    for (const SweepPoint& p : points) {
      for (const std::string& v : axis.values) {
        SweepPoint q = p;
        q.settings.emplace_back(axis.key, v);
        next.push_back(std::move(q));
      }
    }
    points = std::move(next);
  }
  return points;
}

}  // namespace opensam::montecarlo
