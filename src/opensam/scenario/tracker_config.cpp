#include "opensam/scenario/tracker_config.hpp"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <string_view>

#include "opensam/scenario/schema.hpp"
#include "opensam/scenario/yaml_reader.hpp"

namespace opensam::scenario {
namespace {

using tracking::MotionKind;

/// The value named `text` (the schema has checked it), or `fallback` when the key is absent.
template <typename E>
E value_of(const std::optional<std::string>& text, E fallback) {
  return text ? core::parse_name<E>(*text).value_or(fallback) : fallback;
}

double number(const MapReader& r, std::string_view key, double fallback) {
  const auto q = r.quantity(key);
  return q ? q->value : fallback;
}

tracking::MotionModel read_model(const MapReader& r, int axes) {
  tracking::MotionModel m;
  m.axes = axes;
  m.kind = value_of(r.text("model"), MotionKind::kConstantVelocity);
  m.noise_psd = number(r, "noise", m.noise_psd);
  m.singer_time_constant_s = number(r, "time_constant", m.singer_time_constant_s);
  m.singer_sigma_mps2 = number(r, "manoeuvre_sigma", m.singer_sigma_mps2);
  m.turn_rate_psd = number(r, "turn_rate_noise", m.turn_rate_psd);
  m.ballistic_coefficient_kg_m2 = number(r, "ballistic_coefficient", m.ballistic_coefficient_kg_m2);
  m.initial_acceleration_sigma_mps2 =
      number(r, "initial_acceleration_sigma", m.initial_acceleration_sigma_mps2);
  m.initial_turn_rate_sigma_rad_s = number(r, "initial_turn_rate_sigma", m.initial_turn_rate_sigma_rad_s);
  if (m.kind == MotionKind::kBallistic && axes != 3)
    r.error("model", "ballistic needs 3-D detections (x, y, z or radar measurements)");
  if (m.kind == MotionKind::kCoordinatedTurn && axes < 2) r.error("model", "turn needs at least x and y");
  return m;
}

/// The tracker keys at `path` ("" at the top of a tracker file); the sensors of `opensam track`
/// into `sensors`, or an error when null.
void read_tracker(const ReadContext& ctx, const YAML::Node& root, const std::string& path, int axes,
                  TrackerSettings& settings, std::vector<TrackSensorConfig>* sensors) {
  MapReader r(ctx, root, kTrackerSection, path);
  if (!r.is_map()) return;
  tracking::TrackerConfig& c = settings.config;
  c.filter = value_of(r.text("filter"), tracking::FilterKind::kExtended);
  if (r.has("models")) {
    c.models.clear();
    const auto items = r.list("models");
    if (items.empty() || items.size() > std::size_t(tracking::kMaxModes))
      r.error("models", fmt::format("give 1 to {} motion models", tracking::kMaxModes));
    for (const auto& [node, item] : items) {
      MapReader m(ctx, node, kMotionModelSection, item);
      if (!m.is_map()) continue;
      c.models.push_back(read_model(m, axes));
      if (c.filter == tracking::FilterKind::kKalman && !c.models.back().linear())
        m.error("model", "the kalman filter needs linear models: use filter: extended or unscented");
    }
    if (c.models.size() > std::size_t(tracking::kMaxModes)) c.models.resize(tracking::kMaxModes);
    if (c.models.empty()) c.models.push_back({});
  }
  for (auto& m : c.models) m.axes = axes;
  c.imm_switch_per_s = number(r, "model_switch_rate", c.imm_switch_per_s);
  c.gate_probability = number(r, "gate_probability", c.gate_probability);
  c.associator = value_of(r.text("associator"), tracking::Associator::kGnn);
  c.detection_probability = number(r, "detection_probability", c.detection_probability);
  if (auto v = r.whole_number("jpda_exact_max_tracks")) c.jpda_exact_max_tracks = int(*v);
  if (auto v = r.whole_number("confirm_hits")) c.confirm_hits = int(*v);
  if (auto v = r.whole_number("confirm_window")) c.confirm_window = int(*v);
  if (c.confirm_hits > c.confirm_window)
    r.error("confirm_hits",
            fmt::format("{} hits cannot fit in a window of {} scans", c.confirm_hits, c.confirm_window));
  if (auto v = r.whole_number("delete_after_misses")) c.delete_after_misses = int(*v);
  c.delete_after_s = number(r, "delete_after", c.delete_after_s);
  c.max_position_sigma_m = number(r, "max_position_sigma", c.max_position_sigma_m);
  c.initial_velocity_sigma_mps = number(r, "initial_velocity_sigma", c.initial_velocity_sigma_mps);
  if (auto v = r.whole_number("strobe_crossings")) c.strobe_crossings = int(*v);
  c.strobe_window_s = number(r, "strobe_window", c.strobe_window_s);
  c.strobe_min_angle_rad = number(r, "strobe_min_angle", c.strobe_min_angle_rad);
  c.strobe_max_speed_mps = number(r, "strobe_max_speed", c.strobe_max_speed_mps);
  c.strobe_max_sigma_m = number(r, "strobe_max_sigma", c.strobe_max_sigma_m);
  settings.update_interval_s = number(r, "update_interval", settings.update_interval_s);
  settings.gospa_c_m = number(r, "gospa_c", settings.gospa_c_m);
  settings.gospa_p = number(r, "gospa_p", settings.gospa_p);
  if (sensors == nullptr) {
    if (r.has("sensors"))
      r.error("sensors",
              "a run's sensors are its radars: `sensors` belongs in a tracker file of `opensam track`");
    return;
  }
  for (const auto& [node, item] : r.list("sensors")) {
    MapReader s(ctx, node, kTrackSensorSection, item);
    if (!s.is_map()) continue;
    TrackSensorConfig t;
    t.name = s.text("name").value_or("");
    for (const auto& other : *sensors)
      if (other.name == t.name) s.error("name", fmt::format("sensor '{}' is named twice", t.name));
    t.position_m = {number(s, "x", 0.0), number(s, "y", 0.0), number(s, "z", 0.0)};
    t.sigma_position_m = number(s, "sigma_position", t.sigma_position_m);
    t.sigma_range_m = number(s, "sigma_range", t.sigma_range_m);
    t.sigma_azimuth_rad = number(s, "sigma_azimuth", t.sigma_azimuth_rad);
    t.sigma_elevation_rad = number(s, "sigma_elevation", t.sigma_elevation_rad);
    t.sigma_range_rate_mps = number(s, "sigma_range_rate", t.sigma_range_rate_mps);
    t.max_range_m = number(s, "max_range", t.max_range_m);
    t.clutter_density = number(s, "clutter_density", t.clutter_density);
    sensors->push_back(t);
  }
}

}  // namespace

TrackerConfigResult default_tracker_config() {
  TrackerConfigResult out;
  YAML::Node empty(YAML::NodeType::Map);
  read_tracker(ReadContext{"(defaults)", &out.errors}, empty, "", 3, out.tracker, &out.sensors);
  return out;
}

TrackerConfigResult load_tracker_config(const std::string& path, int axes) {
  TrackerConfigResult out;
  std::string error;
  const auto text = read_file(path, error);
  if (!text) {
    out.errors.add({path, 0, 0}, "(file)", fmt::format("cannot read: {}", error));
    return out;
  }
  const ReadContext ctx{path, &out.errors};
  if (auto root = parse_yaml(*text, ctx)) read_tracker(ctx, *root, "", axes, out.tracker, &out.sensors);
  return out;
}

void read_scenario_tracker(const ReadContext& ctx, const YAML::Node& node, TrackerSettings& out) {
  read_tracker(ctx, node, "tracker", 3, out, nullptr);
}

}  // namespace opensam::scenario
