#pragma once
/// @file The resolved scenario: includes expanded, defaults filled, targets turned into aim
/// points, Mach converted, every value in SI. It loads again as a scenario of its own.

#include <string>

#include "opensam/scenario/scenario.hpp"

namespace opensam::scenario {

/// The scenario as YAML, with `seed` set to the seed of the run.
[[nodiscard]] std::string to_resolved_yaml(const Scenario& scenario, std::uint64_t seed);

}  // namespace opensam::scenario
