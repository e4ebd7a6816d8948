#pragma once
/// @file Reading one YAML map against its Section: unknown keys, types, units, ranges and
/// defaults, every problem recorded with file, line, column and field path.

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "opensam/core/diagnostic.hpp"
#include "opensam/core/units.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/scenario/schema.hpp"

namespace opensam::scenario {

/// The file being read and where its errors go.
struct ReadContext {
  std::string file;
  core::Diagnostics* errors;
};

/// Reads a whole regular file of at most 16 MiB; nothing and `error` set when it cannot.
[[nodiscard]] std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error);
/// Parses YAML text; on a syntax error records it and returns nothing.
[[nodiscard]] std::optional<YAML::Node> parse_yaml(const std::string& text, const ReadContext& ctx);

/// Location of a node (1-based), or line 0 when yaml-cpp has none.
[[nodiscard]] core::SourceLocation location_of(const ReadContext& ctx, const YAML::Node& node);

/// "path.key" or "key" at the top.
[[nodiscard]] std::string join_path(const std::string& path, std::string_view key);

/// The range a field allows, as a message fragment ("must be > 0 m/s"), or empty when `si`
/// is inside it.
[[nodiscard]] std::string range_violation(const FieldSpec& spec, double si);

/// Reads the keys of one map. Constructing it reports unknown keys (with "did you mean")
/// and missing required keys; each getter reports problems with its own key and returns
/// nothing when the key is absent without default or its value is bad.
class MapReader {
 public:
  /// `check_unknown` false: keys the section does not declare pass unremarked (a first look at
  /// some keys of a map read again later).
  MapReader(const ReadContext& ctx, const YAML::Node& node, const Section& section, std::string path,
            bool check_required = true, bool check_unknown = true);

  [[nodiscard]] bool is_map() const { return is_map_; }
  [[nodiscard]] bool has(std::string_view key) const;
  [[nodiscard]] YAML::Node node(std::string_view key) const;
  [[nodiscard]] std::string path(std::string_view key) const { return join_path(path_, key); }
  /// Where the key's value is, or where the map is when the key is absent.
  [[nodiscard]] core::SourceLocation where(std::string_view key) const;
  void error(std::string_view key, std::string message) const;

  [[nodiscard]] std::optional<std::string> text(std::string_view key) const;
  /// A whole number from 0 to 2^64 - 1, parsed exactly.
  [[nodiscard]] std::optional<std::uint64_t> whole_number(std::string_view key) const;
  [[nodiscard]] std::optional<bool> boolean(std::string_view key) const;
  /// SI value, or a Mach number; the range is checked here unless the value is in Mach.
  [[nodiscard]] std::optional<core::Quantity> quantity(std::string_view key) const;
  [[nodiscard]] std::optional<GeoPoint> position(std::string_view key) const;
  [[nodiscard]] std::optional<Altitude> altitude(std::string_view key) const;
  [[nodiscard]] std::vector<std::string> string_list(std::string_view key) const;
  /// The items of a list of maps, each with its path ("threats[3]").
  [[nodiscard]] std::vector<std::pair<YAML::Node, std::string>> list(std::string_view key) const;
  [[nodiscard]] std::optional<Figure> figure(std::string_view key) const;

 private:
  const FieldSpec& spec(std::string_view key) const;
  std::optional<std::string> scalar(std::string_view key, const YAML::Node& n) const;
  /// The key's scalar, or its declared default text; nothing when absent without default or
  /// not a scalar (reported).
  std::optional<std::string> value_or_default(std::string_view key) const;

  ReadContext ctx_;
  YAML::Node node_;
  const Section& section_;
  std::string path_;
  bool is_map_ = false;
};

}  // namespace opensam::scenario
