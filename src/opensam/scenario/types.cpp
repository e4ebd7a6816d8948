#include "opensam/scenario/types.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string_view>
#include <vector>

#include "opensam/core/assert.hpp"
#include "opensam/core/names.hpp"
#include "opensam/core/text.hpp"

namespace opensam::scenario {

namespace {

/// The kind a type file gives, read alone against the keys every file shares; nothing (the
/// problem reported) when it is missing or not a kind.
template <class Kind>
std::optional<Kind> read_kind(const ReadContext& ctx, const YAML::Node& root, const Section& head) {
  MapReader r(ctx, root, head, "", /*check_required=*/true, /*check_unknown=*/false);
  if (!r.is_map()) return std::nullopt;
  const auto kind = r.text("kind");
  return kind ? core::parse_name<Kind>(*kind) : std::nullopt;
}

/// Every figure and choice of `section` into `type` through the table's setters: the figures
/// given (kept in `figures` with their provenance), then the defaults of those absent; the
/// choices given or defaulted (kept in `settings`).
void read_declared(const MapReader& r, const Section& section, void* type,
                   std::map<std::string, Figure>& figures, std::map<std::string, std::string>& settings) {
  for (const FieldSpec& f : section.fields) {
    if (f.kind == FieldKind::kChoice && f.key != "kind") {
      if (auto v = r.text(f.key)) {
        settings.emplace(std::string(f.key), *v);
        if (f.set_choice != nullptr) f.set_choice(type, *v);
      }
      continue;
    }
    if (f.kind != FieldKind::kFigure) continue;
    if (auto fig = r.figure(f.key)) {
      if (f.set_figure != nullptr) f.set_figure(type, *fig);
      figures.emplace(std::string(f.key), std::move(*fig));
    } else if (!r.has(f.key) && !f.default_text.empty() && f.set_figure != nullptr) {
      const core::QuantityParse d = core::parse_quantity(f.default_text, f.dim);
      OPENSAM_ASSERT(d.quantity.has_value());  // a default of the table: tested
      Figure def;
      def.value = d.quantity->value;
      def.source = "the format's default";
      def.estimate = true;
      f.set_figure(type, def);
    }
  }
}

/// Figures that count things.
void check_whole(const MapReader& r, const std::map<std::string, Figure>& figures,
                 std::initializer_list<const char*> keys, std::string_view message) {
  for (const char* key : keys) {
    if (auto it = figures.find(key); it != figures.end() && it->second.value != std::floor(it->second.value))
      r.error(key, std::string(message));
  }
}

/// The checks a radar type needs beyond its table.
void check_radar(const MapReader& r, const SiteType& t) {
  check_whole(r, t.figures, {"pulses", "fire_channels", "missiles_guided", "sidelobe_canceller_channels"},
              "must be a whole number");
  if (t.radar.radar.scan == sensors::ScanKind::kSector && !t.figures.contains("sector_width") &&
      !r.has("sector_width"))
    r.error("scan", "a sector radar needs sector_width");
}

/// The checks a missile type needs beyond its table.
void check_missile(const MapReader& r, const SiteType& t) {
  check_whole(r, t.figures, {"per_tube"}, "must be a whole number");
  const auto value = [&](const char* key) {
    const auto it = t.figures.find(key);
    return it == t.figures.end() ? 0.0 : it->second.value;
  };
  if (value("propellant_mass") >= value("launch_mass") && t.figures.contains("launch_mass"))
    r.error("propellant_mass", "must be less than launch_mass");
  if (t.figures.contains("sustain_time") != t.figures.contains("sustain_thrust"))
    r.error(t.figures.contains("sustain_time") ? "sustain_time" : "sustain_thrust",
            "a sustain phase needs both sustain_time and sustain_thrust");
  if (t.missile.missile.flight.seeker.homing != weapons::Homing::kCommand &&
      !t.figures.contains("seeker_range"))
    r.error("homing", "a seeker needs seeker_range");
  if (value("min_range") >= value("max_range") && t.figures.contains("min_range"))
    r.error("min_range", "must be less than max_range");
  if (value("min_altitude") >= value("max_altitude") && t.figures.contains("min_altitude"))
    r.error("min_altitude", "must be less than max_altitude");
}

/// What follows from several figures of a site type.
void finish(SiteType& t) {
  if (t.kind == SiteKind::kRadar && t.radar.radar.scan != sensors::ScanKind::kSector) {
    // Track dwells are a sector radar's.
    t.radar.radar.track_revisit_s = 0.0;
    t.radar.radar.track_capacity = 0;
  }
  if (t.kind != SiteKind::kMissile) return;
  MissileFigures& m = t.missile;
  m.missile.id = t.id;
  m.missile.name = t.name;
  weapons::InterceptorType& f = m.missile.flight;
  f.airframe.drag = weapons::drag_table(m.drag_coefficient);
  // Boost and sustain burn the propellant at one specific impulse: mass flow in proportion to
  // thrust.
  const double impulse = m.thrust_n * m.burn_time_s + m.sustain_thrust_n * m.sustain_time_s;
  const double flow_per_n = impulse > 0.0 ? m.propellant_mass_kg / impulse : 0.0;
  f.airframe.motor = {{m.burn_time_s, m.thrust_n, m.thrust_n * flow_per_n}};
  if (m.sustain_time_s > 0.0)
    f.airframe.motor.push_back({m.sustain_time_s, m.sustain_thrust_n, m.sustain_thrust_n * flow_per_n});
  if (!t.figures.contains("max_range_ballistic")) m.missile.max_range_ballistic_m = m.missile.max_range_m;
  weapons::Warhead& w = f.warhead;
  w.fragments = weapons::fragment_count(m.warhead_mass_kg, m.charge_to_metal, m.fragment_mass_kg);
  w.fragment_speed_mps = weapons::gurney_speed_mps(m.charge_to_metal);
}

/// What follows from several figures of a threat type.
void finish(ThreatType& t) {
  t.signature.rcs = t.rcs_table ? sensors::RcsModel(t.rcs_table->azimuth_rad, t.rcs_table->elevation_rad,
                                                    t.rcs_table->dbsm, t.rcs_m2)
                                : sensors::RcsModel(t.rcs_m2);
  if (t.kind != ThreatKind::kBallisticMissile) return;
  threats::BallisticType& b = t.ballistic;
  b.airframe.drag = {{0.0}, {t.drag_coefficient}};
  b.airframe.max_load_factor = t.performance.max_load_factor;
  b.airframe.motor = {{t.burn_time_s, t.thrust_n, t.propellant_mass_kg / t.burn_time_s}};
}

/// An angle list ("0 deg", "45 deg", ...) under `key` of an rcs_table, checked increasing in
/// [lo, hi].
std::vector<double> read_angles(const ReadContext& ctx, const MapReader& r, std::string_view key, double lo,
                                double hi) {
  std::vector<double> out;
  const auto texts = r.string_list(key);
  const YAML::Node n = r.has(key) ? r.node(key) : YAML::Node();
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string item_path = fmt::format("{}[{}]", r.path(key), i);
    const core::SourceLocation where =
        n.IsSequence() ? location_of(ctx, n[i]) : (n ? location_of(ctx, n) : r.where(key));
    const auto q = core::parse_quantity(texts[i], core::Dimension::kAngle);
    if (!q.quantity) {
      ctx.errors->add(where, item_path, q.error);
      return {};
    }
    const double v = q.quantity->value;
    if (v < lo - 1e-9 || v > hi + 1e-9) {
      ctx.errors->add(where, item_path,
                      fmt::format("'{}' is outside {:g} to {:g} deg", texts[i], lo * 180.0 / std::numbers::pi,
                                  hi * 180.0 / std::numbers::pi));
      return {};
    }
    if (!out.empty() && v <= out.back()) {
      ctx.errors->add(where, item_path, "angles must increase");
      return {};
    }
    out.push_back(v);
  }
  return out;
}

std::optional<RcsTable> read_rcs_table(const ReadContext& ctx, const MapReader& parent) {
  MapReader r(ctx, parent.node("rcs_table"), kRcsTableSection, parent.path("rcs_table"));
  if (!r.is_map()) return std::nullopt;
  RcsTable t;
  const auto source = r.text("source");
  const auto estimate = r.boolean("estimate");
  (void)r.text("note");
  if (!source || !estimate) return std::nullopt;
  t.source = *source;
  t.estimate = *estimate;
  const std::size_t before = ctx.errors->size();
  t.azimuth_rad = read_angles(ctx, r, "azimuth", 0.0, std::numbers::pi);
  t.elevation_rad = r.has("elevation")
                        ? read_angles(ctx, r, "elevation", -std::numbers::pi / 2, std::numbers::pi / 2)
                        : std::vector{0.0};
  if (ctx.errors->size() != before || t.azimuth_rad.empty() || t.elevation_rad.empty()) return std::nullopt;
  const YAML::Node bands = r.has("bands") ? r.node("bands") : YAML::Node();
  if (!bands || !bands.IsMap() || bands.size() == 0) {
    r.error("bands", "expected a map from band letter (L, S, C, X, ...) to rows of dBsm values");
    return std::nullopt;
  }
  static constexpr std::string_view kBands[] = {"HF", "VHF", "UHF", "L", "S", "C", "X", "Ku", "K", "Ka"};
  for (const auto& kv : bands) {
    const std::string band = kv.first.Scalar();
    const std::string bpath = join_path(r.path("bands"), band);
    if (std::find(std::begin(kBands), std::end(kBands), band) == std::end(kBands)) {
      ctx.errors->add(location_of(ctx, kv.first), bpath,
                      fmt::format("unknown band '{}'; bands are HF, VHF, UHF, L, S, C, X, Ku, K, Ka", band));
      return std::nullopt;
    }
    const YAML::Node rows = kv.second;
    if (!rows.IsSequence() || rows.size() != t.elevation_rad.size()) {
      ctx.errors->add(location_of(ctx, rows), bpath,
                      fmt::format("expected {} row(s), one per elevation", t.elevation_rad.size()));
      return std::nullopt;
    }
    std::vector<double> values;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const YAML::Node row = rows[i];
      const std::string rpath = fmt::format("{}[{}]", bpath, i);
      if (!row.IsSequence() || row.size() != t.azimuth_rad.size()) {
        ctx.errors->add(location_of(ctx, row), rpath,
                        fmt::format("expected {} dBsm value(s), one per azimuth", t.azimuth_rad.size()));
        return std::nullopt;
      }
      for (std::size_t j = 0; j < row.size(); ++j) {
        const auto v = row[j].IsScalar() ? core::parse_number(row[j].Scalar()) : std::nullopt;
        if (!v || *v < -100.0 || *v > 100.0) {
          ctx.errors->add(location_of(ctx, row[j]), fmt::format("{}[{}]", rpath, j),
                          "expected a number of dBsm between -100 and 100");
          return std::nullopt;
        }
        values.push_back(*v);
      }
    }
    t.dbsm.emplace(band, std::move(values));
  }
  return t;
}

/// A threat type's jammers: each transmitter with its coverage and power.
std::vector<sensors::JammerPod> read_jammers(const ReadContext& ctx, const MapReader& parent) {
  std::vector<sensors::JammerPod> pods;
  for (const auto& [node, path] : parent.list("jammers")) {
    MapReader r(ctx, node, kJammerPodSection, path);
    if (!r.is_map()) continue;
    const auto name = r.text("name");
    const auto from = r.quantity("from");
    const auto to = r.quantity("to");
    const auto erp = r.quantity("erp");
    (void)r.boolean("estimate");
    (void)r.text("note");
    if (!r.text("source") || !name || !from || !to || !erp) continue;
    if (to->value <= from->value) {
      r.error("to", "must be above `from`");
      continue;
    }
    sensors::JammerPod pod{*name, from->value, to->value, erp->value};
    if (auto t = r.text("technique"))
      pod.technique = core::parse_name<sensors::JamTechnique>(*t).value_or(pod.technique);
    if (auto b = r.quantity("spot_bandwidth")) pod.spot_bandwidth_hz = b->value;
    if (auto t = r.quantity("reaction_time")) pod.reaction_s = t->value;
    if (auto n = r.whole_number("false_targets")) pod.false_targets = int(*n);
    if (auto d = r.quantity("false_target_spacing")) pod.false_target_spacing_m = d->value;
    if (auto b = r.quantity("beamwidth")) pod.beamwidth_rad = b->value;
    if (auto s = r.quantity("sidelobe")) pod.sidelobe_db = s->value;
    pods.push_back(pod);
  }
  return pods;
}

/// The checks a site type needs beyond its table.
void check(const ReadContext& /*ctx*/, const MapReader& r, SiteType& t) {
  switch (t.kind) {
    case SiteKind::kRadar: check_radar(r, t); break;
    case SiteKind::kMissile: check_missile(r, t); break;
    case SiteKind::kLauncher: check_whole(r, t.figures, {"tubes"}, "must be a whole number"); break;
    case SiteKind::kCommandPost: check_whole(r, t.figures, {"max_targets"}, "must be a whole number"); break;
  }
}

/// The checks a threat type needs beyond its table, and its RCS table.
void check(const ReadContext& ctx, const MapReader& r, ThreatType& t) {
  if (t.kind == ThreatKind::kBallisticMissile) {
    if (auto m = t.figures.find("launch_mass"), p = t.figures.find("propellant_mass");
        m != t.figures.end() && p != t.figures.end() && p->second.value >= m->second.value)
      r.error("propellant_mass", "must be less than launch_mass");
  }
  if (r.has("rcs_table")) t.rcs_table = read_rcs_table(ctx, r);
  check_whole(r, t.figures, {"swerling"}, "must be a whole number, 0 to 4");
  if (r.has("jammers")) t.signature.jammers = read_jammers(ctx, r);
}

/// A library type of either family: its kind read against the keys every file shares, then
/// the kind's table, the checks beyond it and what follows from several figures. Nothing
/// (the problems reported) when any check fails.
template <class Type>
std::optional<Type> read_type(const ReadContext& ctx, const YAML::Node& root, const std::string& id,
                              const Section& head) {
  const std::size_t before = ctx.errors->size();
  const auto kind = read_kind<decltype(Type::kind)>(ctx, root, head);
  if (!kind) return std::nullopt;
  const Section& section = type_section(*kind);
  MapReader r(ctx, root, section, "");
  Type t;
  t.id = id;
  t.kind = *kind;
  t.name = r.text("name").value_or("");
  t.description = r.text("description").value_or("");
  read_declared(r, section, &t, t.figures, t.settings);
  check(ctx, r, t);
  if (ctx.errors->size() != before) return std::nullopt;
  finish(t);
  return t;
}

}  // namespace

void read_parameters(const MapReader& r, const Section& section, void* target) {
  for (const FieldSpec& f : section.fields) {
    if (f.kind != FieldKind::kQuantity || f.set_figure == nullptr) continue;
    if (const auto q = r.quantity(f.key)) {
      Figure value;
      value.value = q->value;
      f.set_figure(target, value);
    }
  }
}

std::optional<SiteType> read_site_type(const ReadContext& ctx, const YAML::Node& root,
                                       const std::string& id) {
  return read_type<SiteType>(ctx, root, id, kSiteTypeHeadSection);
}

std::optional<ThreatType> read_threat_type(const ReadContext& ctx, const YAML::Node& root,
                                           const std::string& id) {
  return read_type<ThreatType>(ctx, root, id, kThreatTypeHeadSection);
}

}  // namespace opensam::scenario
