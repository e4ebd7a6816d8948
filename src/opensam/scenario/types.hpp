#pragma once
/// @file Reading one library type file into its typed type: the table of its kind checks every
/// key, stores each figure given (or the table's default) where the models read it, and the
/// checks that need several figures follow.

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

#include "opensam/scenario/scenario.hpp"
#include "opensam/scenario/yaml_reader.hpp"

namespace opensam::scenario {

/// Every quantity of a parameter section into `target` through the section's setters: the values
/// given, else their defaults.
void read_parameters(const MapReader& r, const Section& section, void* target);

/// The site type `id` from its file's root; nothing when it has errors (reported in `ctx`).
[[nodiscard]] std::optional<SiteType> read_site_type(const ReadContext& ctx, const YAML::Node& root,
                                                     const std::string& id);
/// The threat type `id` from its file's root; nothing when it has errors (reported in `ctx`).
[[nodiscard]] std::optional<ThreatType> read_threat_type(const ReadContext& ctx, const YAML::Node& root,
                                                         const std::string& id);

}  // namespace opensam::scenario
