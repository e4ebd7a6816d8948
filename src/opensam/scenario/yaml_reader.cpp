#include "opensam/scenario/yaml_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string_view>
#include <vector>

#include "opensam/core/assert.hpp"
#include "opensam/core/text.hpp"
#include "opensam/geo/position.hpp"

namespace opensam::scenario {

core::SourceLocation location_of(const ReadContext& ctx, const YAML::Node& node) {
  const YAML::Mark m = node.Mark();
  if (m.line < 0) return {ctx.file, 0, 0};
  return {ctx.file, m.line + 1, m.column + 1};
}

std::string join_path(const std::string& path, std::string_view key) {
  if (path.empty()) return std::string(key);
  return fmt::format("{}.{}", path, key);
}

std::string range_violation(const FieldSpec& spec, double si) {
  const auto show = [&](double v) { return core::format_si(v, spec.dim); };
  if (spec.min_exclusive ? !(si > spec.min) : !(si >= spec.min)) {
    return fmt::format("must be {} {}", spec.min_exclusive ? ">" : ">=", show(spec.min));
  }
  if (!(si <= spec.max)) return fmt::format("must be <= {}", show(spec.max));
  return {};
}

namespace {

std::string_view node_kind(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "a value";
    case YAML::NodeType::Undefined: return "nothing";
  }
  return "something else";
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool valid_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

MapReader::MapReader(const ReadContext& ctx, const YAML::Node& node, const Section& section, std::string path,
                     bool check_required, bool check_unknown)
    : ctx_(ctx), node_(node), section_(section), path_(std::move(path)) {
  if (!node.IsMap()) {
    ctx_.errors->add(location_of(ctx_, node), path_.empty() ? "(document)" : path_,
                     fmt::format("expected a map of keys, found {}", node_kind(node)));
    return;
  }
  is_map_ = true;
  std::vector<std::string_view> keys;
  for (const auto& f : section_.fields) keys.push_back(f.key);
  std::vector<std::string> seen;
  for (const auto& kv : node) {
    if (!kv.first.IsScalar()) {
      ctx_.errors->add(location_of(ctx_, kv.first), path_, "keys must be plain words");
      continue;
    }
    const std::string key = kv.first.Scalar();
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      ctx_.errors->add(location_of(ctx_, kv.first), join_path(path_, key),
                       fmt::format("key '{}' appears twice in this map", key));
      continue;
    }
    seen.push_back(key);
    if (section_.find(key) != nullptr || !check_unknown) continue;
    std::string msg = fmt::format("unknown key '{}'", key);
    if (auto near = core::closest_match(key, keys)) msg += fmt::format(" (did you mean '{}'?)", *near);
    ctx_.errors->add(location_of(ctx_, kv.first), join_path(path_, key), msg);
  }
  if (check_required) {
    for (const auto& f : section_.fields) {
      if (f.required && !has(f.key)) {
        ctx_.errors->add(location_of(ctx_, node_), join_path(path_, f.key),
                         fmt::format("missing required key '{}'", f.key));
      }
    }
  }
}

const FieldSpec& MapReader::spec(std::string_view key) const {
  const FieldSpec* f = section_.find(key);
  OPENSAM_ASSERT(f != nullptr);  // the loader may read declared keys only
  return *f;
}

bool MapReader::has(std::string_view key) const {
  if (!is_map_) return false;
  const YAML::Node n = node_[std::string(key)];
  return n.IsDefined();
}

YAML::Node MapReader::node(std::string_view key) const {
  if (!is_map_) return YAML::Node(YAML::NodeType::Undefined);
  return node_[std::string(key)];
}

core::SourceLocation MapReader::where(std::string_view key) const {
  if (has(key)) return location_of(ctx_, node(key));
  return location_of(ctx_, node_);
}

void MapReader::error(std::string_view key, std::string message) const {
  ctx_.errors->add(where(key), path(key), std::move(message));
}

std::optional<std::string> MapReader::scalar(std::string_view key, const YAML::Node& n) const {
  if (!n.IsScalar()) {
    error(key, fmt::format("expected a value, found {}", node_kind(n)));
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<std::string> MapReader::value_or_default(std::string_view key) const {
  if (!has(key)) {
    const FieldSpec& f = spec(key);
    if (f.default_text.empty()) return std::nullopt;
    return std::string(f.default_text);
  }
  return scalar(key, node(key));
}

std::optional<std::string> MapReader::text(std::string_view key) const {
  const FieldSpec& f = spec(key);
  const auto given = value_or_default(key);
  if (!given) return std::nullopt;
  const std::string& value = *given;
  if (f.kind == FieldKind::kId && !valid_id(value)) {
    error(key, fmt::format("'{}' is not a valid id: use 1 to 64 letters, digits, '_', '-' or '.'", value));
    return std::nullopt;
  }
  if (f.kind == FieldKind::kString && value.empty()) {
    error(key, "must not be empty");
    return std::nullopt;
  }
  if (f.kind == FieldKind::kChoice) {
    std::vector<std::string_view> choices;
    std::string_view rest = f.choices;
    while (!rest.empty()) {
      const auto bar = rest.find('|');
      choices.push_back(rest.substr(0, bar));
      rest = bar == std::string_view::npos ? std::string_view{} : rest.substr(bar + 1);
    }
    for (auto c : choices) {
      if (c == value) return value;
    }
    std::string msg = fmt::format("'{}' is not one of: {}", value, fmt::join(choices, ", "));
    if (auto near = core::closest_match(value, choices)) msg += fmt::format(" (did you mean '{}'?)", *near);
    error(key, msg);
    return std::nullopt;
  }
  return value;
}

std::optional<std::uint64_t> MapReader::whole_number(std::string_view key) const {
  const auto given = value_or_default(key);
  if (!given) return std::nullopt;
  const std::string& value = *given;
  // Exact 64-bit parsing: seeds must survive a round trip through the resolved scenario.
  const std::string_view text = core::trim(value);
  std::uint64_t out = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) {
    error(key, fmt::format("'{}' is not a whole number from 0 to 18446744073709551615", value));
    return std::nullopt;
  }
  if (auto v = range_violation(spec(key), double(out)); !v.empty()) {
    error(key, fmt::format("'{}' {}", value, v));
    return std::nullopt;
  }
  return out;
}

std::optional<bool> MapReader::boolean(std::string_view key) const {
  const auto given = value_or_default(key);
  if (!given) return std::nullopt;
  const std::string& value = *given;
  if (value == "true") return true;
  if (value == "false") return false;
  error(key, fmt::format("'{}' is not true or false", value));
  return std::nullopt;
}

std::optional<core::Quantity> MapReader::quantity(std::string_view key) const {
  const FieldSpec& f = spec(key);
  const auto given = value_or_default(key);
  if (!given) return std::nullopt;
  const std::string& value = *given;
  const core::QuantityParse parsed = core::parse_quantity(value, f.dim);
  if (!parsed.quantity) {
    error(key, parsed.error);
    return std::nullopt;
  }
  if (parsed.quantity->mach) {
    if (!(parsed.quantity->value > 0.0) || parsed.quantity->value > 30.0) {
      error(key, fmt::format("'{}': a Mach number must be > 0 and <= 30", value));
      return std::nullopt;
    }
    return parsed.quantity;
  }
  if (auto v = range_violation(f, parsed.quantity->value); !v.empty()) {
    error(key, fmt::format("'{}' {}", value, v));
    return std::nullopt;
  }
  return parsed.quantity;
}

std::optional<GeoPoint> MapReader::position(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  const YAML::Node n = node(key);
  if (n.IsSequence()) {
    if (n.size() != 2 || !n[0].IsScalar() || !n[1].IsScalar()) {
      error(key, "a position list must be [lat, lon] in degrees");
      return std::nullopt;
    }
    const auto lat = core::parse_number(n[0].Scalar());
    const auto lon = core::parse_number(n[1].Scalar());
    if (!lat || !lon) {
      error(key, fmt::format("[{}, {}] is not [lat, lon] in decimal degrees", n[0].Scalar(), n[1].Scalar()));
      return std::nullopt;
    }
    if (auto err = geo::check_lat_lon(*lat, *lon); !err.empty()) {
      error(key, err);
      return std::nullopt;
    }
    return GeoPoint{*lat, *lon > 180.0 ? *lon - 360.0 : *lon};
  }
  auto s = scalar(key, n);
  if (!s) return std::nullopt;
  const geo::LatLonParse p = geo::parse_lat_lon(*s);
  if (!p.ok) {
    error(key, p.error);
    return std::nullopt;
  }
  return GeoPoint{p.value.lat_deg, p.value.lon_deg > 180.0 ? p.value.lon_deg - 360.0 : p.value.lon_deg};
}

std::optional<Altitude> MapReader::altitude(std::string_view key) const {
  const FieldSpec& f = spec(key);
  const auto given = value_or_default(key);
  if (!given) return std::nullopt;
  const std::string& value = *given;
  Altitude out;
  std::string_view body = core::trim(value);
  // "<number> [unit] [MSL|AGL]": a reference word is the last of three words, or the second
  // of two when it is not a unit.
  std::vector<std::string_view> words;
  for (std::string_view rest = body; !rest.empty();) {
    const auto space = rest.find(' ');
    if (space != 0) words.push_back(rest.substr(0, space));
    rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
  }
  const std::array<std::string_view, 2> refs{"MSL", "AGL"};
  const auto looks_like_reference = [&](std::string_view w) {
    return iequals(w, "MSL") || iequals(w, "AGL") || core::closest_match(w, refs).has_value();
  };
  const bool unit_word = words.size() == 2 && core::parse_quantity(body, core::Dimension::kLength).quantity;
  if (words.size() == 3 || (words.size() == 2 && !unit_word && looks_like_reference(words[1]))) {
    const std::string_view ref = words.back();
    if (iequals(ref, "AGL")) {
      out.reference = AltitudeReference::kAgl;
    } else if (!iequals(ref, "MSL")) {
      std::string msg = fmt::format("'{}': unknown altitude reference '{}'", value, ref);
      if (auto near = core::closest_match(ref, refs)) msg += fmt::format(" (did you mean '{}'?)", *near);
      error(key, msg + "; write MSL or AGL after the height");
      return std::nullopt;
    }
    body = core::trim(body.substr(0, std::size_t(ref.data() - body.data())));
  }
  const core::QuantityParse parsed = core::parse_quantity(body, core::Dimension::kLength);
  if (!parsed.quantity) {
    error(key, parsed.error + ", then MSL or AGL");
    return std::nullopt;
  }
  out.value_m = parsed.quantity->value;
  if (auto v = range_violation(f, out.value_m); !v.empty()) {
    error(key, fmt::format("'{}' {}", value, v));
    return std::nullopt;
  }
  return out;
}

std::vector<std::string> MapReader::string_list(std::string_view key) const {
  std::vector<std::string> out;
  if (!has(key)) return out;
  const YAML::Node n = node(key);
  if (n.IsScalar()) {
    out.push_back(n.Scalar());
    return out;
  }
  if (!n.IsSequence()) {
    error(key, fmt::format("expected a list of strings, found {}", node_kind(n)));
    return out;
  }
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (!n[i].IsScalar() || n[i].Scalar().empty()) {
      ctx_.errors->add(location_of(ctx_, n[i]), fmt::format("{}[{}]", path(key), i), "expected a string");
      continue;
    }
    out.push_back(n[i].Scalar());
  }
  return out;
}

std::vector<std::pair<YAML::Node, std::string>> MapReader::list(std::string_view key) const {
  std::vector<std::pair<YAML::Node, std::string>> out;
  if (!has(key)) return out;
  const YAML::Node n = node(key);
  if (n.IsNull()) return out;
  if (!n.IsSequence()) {
    error(key, fmt::format("expected a list, found {}", node_kind(n)));
    return out;
  }
  for (std::size_t i = 0; i < n.size(); ++i) out.emplace_back(n[i], fmt::format("{}[{}]", path(key), i));
  return out;
}

std::optional<Figure> MapReader::figure(std::string_view key) const {
  const FieldSpec& f = spec(key);
  if (!has(key)) return std::nullopt;
  if (!node(key).IsMap()) {
    error(key, fmt::format("a figure names its source: write {{value: {}, source: \"...\"}}",
                           node(key).IsScalar() ? node(key).Scalar() : std::string("...")));
    return std::nullopt;
  }
  MapReader fig(ctx_, node(key), kFigureSection, path(key));
  if (!fig.is_map()) return std::nullopt;
  Figure out;
  const auto source = fig.text("source");
  const auto estimate = fig.boolean("estimate");
  (void)fig.text("note");
  const auto value = fig.text("value");
  if (!source || !estimate || !value) return std::nullopt;
  if (core::trim(*source).empty()) {
    fig.error("source", "must name a public source or the reasoning behind the estimate");
    return std::nullopt;
  }
  const core::QuantityParse parsed = core::parse_quantity(*value, f.dim);
  if (!parsed.quantity) {
    fig.error("value", parsed.error);
    return std::nullopt;
  }
  if (!parsed.quantity->mach) {
    if (auto v = range_violation(f, parsed.quantity->value); !v.empty()) {
      fig.error("value", fmt::format("'{}' {}", *value, v));
      return std::nullopt;
    }
  }
  out.value = parsed.quantity->value;
  out.mach = parsed.quantity->mach;
  out.source = *source;
  out.estimate = *estimate;
  return out;
}

}  // namespace opensam::scenario
