#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <numbers>
#include <set>
#include <sstream>
#include <string_view>
#include <variant>
#include <vector>

#include "opensam/core/text.hpp"
#include "opensam/geo/terrain.hpp"
#include "opensam/physics/atmosphere.hpp"
#include "opensam/scenario/library.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/scenario/tracker_config.hpp"
#include "opensam/scenario/types.hpp"
#include "opensam/scenario/yaml_reader.hpp"

namespace opensam::scenario {

namespace fs = std::filesystem;

namespace {
constexpr int kMaxIncludeDepth = 16;
constexpr std::size_t kMaxFileBytes = 16u << 20;  // a scenario is text; refuse anything huge
}  // namespace

std::optional<std::string> read_file(const fs::path& path, std::string& error) {
  // Regular files only, size checked before reading: an include of /dev/zero or a FIFO must
  // fail at once, not read forever.
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec) {
    error = ec.message();
    return std::nullopt;
  }
  if (!fs::is_regular_file(st)) {
    error = fs::is_directory(st) ? "is a directory, not a file" : "not a regular file";
    return std::nullopt;
  }
  if (fs::file_size(path, ec) > kMaxFileBytes || ec) {
    error = ec ? ec.message() : "file is larger than 16 MiB";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::optional<YAML::Node> parse_yaml(const std::string& text, const ReadContext& ctx) {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    ctx.errors->add({ctx.file, e.mark.line + 1, e.mark.column + 1}, "(syntax)", e.msg);
  } catch (const YAML::Exception& e) {
    ctx.errors->add({ctx.file, e.mark.line + 1, e.mark.column + 1}, "(syntax)", e.msg);
  }
  return std::nullopt;
}

namespace {

/// A scalar top-level key and the file that set it.
struct SetBy {
  core::SourceLocation where;
};

struct PendingTarget {
  std::size_t threat;
  core::SourceLocation where;
  std::string path;
};

/// A jammer pod pointed at a site, checked once every site is read.
struct PendingAim {
  std::string site;
  core::SourceLocation where;
  std::string path;
};

class Loader {
 public:
  LoadResult finish(const core::SourceLocation& root) {
    resolve_targets();
    for (const PendingAim& a : jam_aims_) {
      const auto site =
          std::find_if(sc_.sites.begin(), sc_.sites.end(), [&](const Site& x) { return x.id == a.site; });
      if (site == sc_.sites.end() || sc_.site_types.at(site->type).kind != SiteKind::kRadar)
        errors_.add(a.where, a.path, fmt::format("no radar site has the id '{}' (or use `nearest`)", a.site));
    }
    check_required(root);
    LoadResult r;
    r.scenario = std::move(sc_);
    r.errors = std::move(errors_);
    return r;
  }

  void load_text(const std::string& text, const std::string& display_name, const fs::path& base_dir,
                 int depth) {
    ReadContext ctx{display_name, &errors_};
    auto root = parse_yaml(text, ctx);
    if (!root) return;
    if (depth == 0) {
      root_location_ = location_of(ctx, *root);
      sc_.file = display_name;
      for (const Override& o : overrides_) apply_override(*root, o);
    }
    MapReader r(ctx, *root, kScenarioSection, "", /*check_required=*/false);
    if (!r.is_map()) {
      if (depth == 0) root_unreadable_ = true;
      return;
    }

    // Includes first: their lists come before this file's.
    const auto includes = r.string_list("include");
    for (std::size_t i = 0; i < includes.size(); ++i) {
      const YAML::Node inc = r.node("include");
      const YAML::Node item = inc.IsSequence() ? inc[i] : inc;
      include_file(ctx, item, fmt::format("include[{}]", i), includes[i], base_dir, depth);
    }

    set_scalar(r, "name", [&] {
      if (auto v = r.text("name")) sc_.name = *v;
    });
    set_scalar(r, "description", [&] {
      if (auto v = r.text("description")) sc_.description = *v;
    });
    set_scalar(r, "seed", [&] {
      if (auto v = r.whole_number("seed")) sc_.seed = *v;
    });
    set_scalar(r, "duration", [&] {
      if (auto v = r.quantity("duration")) sc_.duration_s = v->value;
    });
    set_scalar(r, "truth_interval", [&] {
      if (auto v = r.quantity("truth_interval")) sc_.truth_interval_s = v->value;
    });

    set_scalar(r, "coverage", [&] {
      sc_.coverage.clear();
      for (const auto& [node, path] : r.list("coverage")) read_coverage(ctx, node, path);
    });
    set_scalar(r, "environment", [&] { read_environment(ctx, r.node("environment"), base_dir); });
    set_scalar(r, "tracker", [&] { read_scenario_tracker(ctx, r.node("tracker"), sc_.tracker); });
    set_scalar(r, "defence", [&] { read_defence(ctx, r.node("defence")); });
    set_scalar(r, "external", [&] {
      MapReader e(ctx, r.node("external"), kExternalSection, "external");
      if (!e.is_map()) return;
      if (auto type = e.text("type")) {
        if (auto key = resolve_type(e, *type, LibraryPart::kThreats, base_dir)) sc_.external_type = *key;
      }
    });
    for (const auto& [node, path] : r.list("sites")) read_site(ctx, node, path, base_dir);
    for (const auto& [node, path] : r.list("assets")) read_asset(ctx, node, path);
    if (r.has("threats")) threats_key_ = r.where("threats");
    if (r.has("raids") && !threats_key_) threats_key_ = r.where("raids");
    for (const auto& [node, path] : r.list("threats")) {
      ++threat_entries_;
      read_threat(ctx, node, path, base_dir);
    }
    for (const auto& [node, path] : r.list("raids")) {
      ++threat_entries_;
      read_raid(ctx, node, path, base_dir);
    }
  }

  /// Loads one library type named on a command line; `flag` stands for the file in messages.
  TypeResult load_type(const std::string& name, LibraryPart part, const std::string& flag) {
    YAML::Node n;
    n["type"] = name;
    ReadContext ctx{flag, &errors_};
    MapReader r(ctx, n, part == LibraryPart::kSystems ? kSiteSection : kThreatSection, "", false);
    TypeResult out;
    if (auto key = resolve_type(r, name, part, fs::current_path())) {
      if (part == LibraryPart::kSystems)
        out.site = sc_.site_types.at(*key);
      else
        out.threat = sc_.threat_types.at(*key);
    }
    out.errors = std::move(errors_);
    return out;
  }

  /// Keys of the top file to replace before reading it.
  void set_overrides(std::vector<Override> overrides) { overrides_ = std::move(overrides); }

  /// The top file counts as included, so that it cannot include itself.
  void enter_root(const fs::path& file) {
    std::error_code ec;
    stack_.push_back(fs::weakly_canonical(file, ec));
  }

 private:
  /// Sets the key `o.path` of `root` to `o.value` (a new key of a mapping is added; a list
  /// item must exist).
  void apply_override(YAML::Node& root, const Override& o) {
    const std::string canonical = canonical_key_path(o.path);
    const core::SourceLocation where{o.origin, 0, 0};
    if (canonical.empty()) {
      errors_.add(where, o.path, "not a key path (write keys with dots, list items as [0])");
      return;
    }
    YAML::Node value;
    try {
      value = YAML::Load(o.value);
    } catch (const YAML::Exception& e) {
      errors_.add(where, canonical, fmt::format("value '{}' is not YAML: {}", o.value, e.msg));
      return;
    }
    // Steps: a key (a mapping's) or an index (a list's).
    std::vector<std::variant<std::string, std::size_t>> steps;
    for (std::size_t i = 0; i < canonical.size();) {
      if (canonical[i] == '[') {
        const std::size_t end = canonical.find(']', i);
        steps.emplace_back(std::size_t(std::stoull(canonical.substr(i + 1, end - i - 1))));
        i = end + 1;
      } else {
        if (canonical[i] == '.') ++i;
        const std::size_t end = std::min(canonical.find_first_of(".[", i), canonical.size());
        steps.emplace_back(canonical.substr(i, end - i));
        i = end;
      }
    }
    YAML::Node node;
    node.reset(root);
    std::string so_far;
    for (std::size_t k = 0; k < steps.size(); ++k) {
      const bool last = k + 1 == steps.size();
      if (const auto* key = std::get_if<std::string>(&steps[k])) {
        if (!node.IsMap()) {
          errors_.add(where, canonical,
                      fmt::format("'{}' is not a mapping", so_far.empty() ? "(document)" : so_far));
          return;
        }
        so_far += (so_far.empty() ? "" : ".") + *key;
        if (last) {
          node[*key] = value;
          return;
        }
        if (!node[*key]) {
          errors_.add(where, canonical, fmt::format("the scenario file has no key '{}'", so_far));
          return;
        }
        const YAML::Node next = node[*key];
        node.reset(next);
      } else {
        const std::size_t index = std::get<std::size_t>(steps[k]);
        if (!node.IsSequence() || index >= node.size()) {
          errors_.add(where, canonical,
                      node.IsSequence() ? fmt::format("'{}' has {} item{} in the scenario file", so_far,
                                                      node.size(), node.size() == 1 ? "" : "s")
                                        : fmt::format("'{}' is not a list", so_far));
          return;
        }
        so_far += fmt::format("[{}]", index);
        if (last) {
          node[index] = value;
          return;
        }
        const YAML::Node next = node[index];
        node.reset(next);
      }
    }
  }

  template <class F>
  void set_scalar(const MapReader& r, std::string_view key, F&& read) {
    if (!r.has(key)) return;
    const std::string k(key);
    if (auto it = set_by_.find(k); it != set_by_.end()) {
      r.error(key, fmt::format("already set at {}:{}:{}; a key may be set in one file only",
                               it->second.where.file, it->second.where.line, it->second.where.column));
      return;
    }
    set_by_[k] = SetBy{r.where(key)};
    read();
  }

  void include_file(const ReadContext& ctx, const YAML::Node& item, const std::string& path,
                    const std::string& name, const fs::path& base_dir, int depth) {
    const core::SourceLocation where = location_of(ctx, item);
    if (depth + 1 > kMaxIncludeDepth) {
      errors_.add(where, path, fmt::format("includes nest deeper than {} files", kMaxIncludeDepth));
      return;
    }
    const fs::path file = base_dir / name;
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(file, ec);
    if (std::find(stack_.begin(), stack_.end(), canonical) != stack_.end()) {
      errors_.add(where, path, fmt::format("'{}' includes itself (include cycle)", name));
      return;
    }
    std::string error;
    auto text = read_file(file, error);
    if (!text) {
      errors_.add(where, path, fmt::format("cannot read '{}': {}", name, error));
      return;
    }
    stack_.push_back(canonical);
    load_text(*text, (fs::path(ctx.file).parent_path() / name).generic_string(), file.parent_path(),
              depth + 1);
    stack_.pop_back();
  }

  /// `what` names a generated id in the message ("threat 2 of raid 'x'").
  bool claim_id(const MapReader& r, const std::string& id, const std::string& what) {
    if (auto it = ids_.find(id); it != ids_.end()) {
      const std::string first = fmt::format("{}:{}:{}", it->second.file, it->second.line, it->second.column);
      r.error("id", what.empty()
                        ? fmt::format("duplicate id '{}' (first used at {})", id, first)
                        : fmt::format("{} would be '{}', an id already used at {}", what, id, first));
      return false;
    }
    ids_[id] = r.where("id");
    return true;
  }

  /// Loads (once) the library type `type` referenced at `r`'s key "type"; its key or nothing.
  std::optional<std::string> resolve_type(const MapReader& r, const std::string& type, LibraryPart part,
                                          const fs::path& base_dir, std::string_view key = "type") {
    const auto file = find_type_file(type, part, base_dir);
    if (!file) {
      const auto known = available_types(part, base_dir);
      std::vector<std::string_view> names(known.begin(), known.end());
      std::string msg =
          fmt::format("unknown {} type '{}'", part == LibraryPart::kSystems ? "site" : "threat", type);
      if (auto near = core::closest_match(type, names))
        msg += fmt::format(" (did you mean '{}'?)", *near);
      else
        msg += fmt::format("; the library has: {}", fmt::join(names, ", "));
      r.error(key, msg);
      return std::nullopt;
    }
    const bool loaded =
        part == LibraryPart::kSystems ? sc_.site_types.contains(type) : sc_.threat_types.contains(type);
    if (loaded) return type;
    if (failed_types_.contains(type)) return std::nullopt;
    std::string error;
    auto text = read_file(*file, error);
    const std::string display =
        type.ends_with(".yaml")
            ? (fs::path(r.where(key).file).parent_path() / type).lexically_normal().generic_string()
            : display_library_path(*file, part);
    ReadContext ctx{display, &errors_};
    if (!text) {
      r.error(key, fmt::format("cannot read type file '{}': {}", display, error));
      return std::nullopt;
    }
    const std::size_t before = errors_.size();
    auto root = parse_yaml(*text, ctx);
    if (root) {
      if (part == LibraryPart::kSystems)
        read_site_type(ctx, *root, type);
      else
        read_threat_type(ctx, *root, type);
    }
    if (errors_.size() != before || !root) {
      failed_types_.insert(type);
      r.error(key, fmt::format("type '{}' has errors (reported above)", type));
      return std::nullopt;
    }
    return type;
  }

  /// Library files are named relative to their data folder ("data/threats/f16c.yaml").
  static std::string display_library_path(const fs::path& file, LibraryPart part) {
    const std::string_view folder = part == LibraryPart::kSystems ? "systems" : "threats";
    for (fs::path dir = file.parent_path(); dir.has_relative_path(); dir = dir.parent_path()) {
      if (dir.filename() == folder)
        return (fs::path("data") / fs::relative(file, dir.parent_path())).generic_string();
    }
    return file.generic_string();
  }

  void read_defence(const ReadContext& ctx, const YAML::Node& node) {
    MapReader r(ctx, node, kDefenceSection, "defence");
    if (!r.is_map()) return;
    Defence& d = sc_.defence;
    if (auto v = r.text("roe")) d.roe = *core::parse_name<c2::Roe>(*v);
    if (auto v = r.text("doctrine")) d.doctrine = *core::parse_name<c2::Doctrine>(*v);
    if (auto v = r.text("iff")) d.iff = *core::parse_name<threats::IffMode>(*v);
    d.engage_on_remote = r.boolean("engage_on_remote").value_or(false);
    d.emcon_on_arm = r.boolean("emcon_on_arm").value_or(false);
    if (auto q = r.quantity("kill_assessment")) d.kill_assessment_s = q->value;
    if (auto q = r.quantity("arm_silence")) d.arm_silence_s = q->value;
    if (auto n = r.whole_number("max_missiles_per_target")) d.max_missiles_per_target = int(*n);
    if (r.has("evaluation")) {
      MapReader e(ctx, r.node("evaluation"), kEvaluationSection, r.path("evaluation"));
      if (e.is_map()) read_parameters(e, kEvaluationSection, &d.evaluation);
    }
    for (const auto& [z, zpath] : r.list("zones")) {
      MapReader zr(ctx, z, kZoneSection, zpath);
      if (!zr.is_map()) continue;
      auto pos = zr.position("position");
      auto radius = zr.quantity("radius");
      auto lo = zr.quantity("min_altitude");
      auto hi = zr.quantity("max_altitude");
      if (!pos || !radius || !lo || !hi) continue;
      if (hi->value <= lo->value) {
        zr.error("max_altitude", "must be above min_altitude");
        continue;
      }
      d.zones.push_back({*pos, radius->value, lo->value, hi->value});
    }
  }

  void read_environment(const ReadContext& ctx, const YAML::Node& node, const fs::path& base_dir) {
    MapReader r(ctx, node, kEnvironmentSection, "environment");
    if (!r.is_map()) return;
    Environment& env = sc_.environment;
    if (auto t = r.text("terrain")) {
      env.terrain_text = *t;
      const fs::path file = base_dir / *t;
      std::error_code ec;
      std::string error;
      if (!fs::is_regular_file(file, ec)) {
        r.error("terrain", fmt::format("cannot read '{}': no such file", *t));
      } else if (!geo::Terrain::open(file.string(), geo::GeoBox{0.0, 0.0, 0.0, 0.0}, error)) {
        r.error("terrain", fmt::format("cannot read '{}' as an elevation raster: {}", *t, error));
      } else {
        env.terrain_file = file.generic_string();
      }
    }
    if (auto k = r.quantity("k_factor")) env.k_factor = k->value;
    if (auto surface = r.text("surface")) {
      env.surface = *core::parse_name<Surface>(*surface);
      env.clutter_gamma_db = env.surface == Surface::kSea ? -40.0 : -20.0;
      env.reflection = env.surface == Surface::kSea ? 0.9 : 0.3;
    }
    if (r.has("clutter_gamma")) {
      if (auto g = r.quantity("clutter_gamma")) env.clutter_gamma_db = g->value;
    }
    if (r.has("reflection")) {
      if (auto rho = r.quantity("reflection")) env.reflection = rho->value;
    }
  }

  void read_site_type(const ReadContext& ctx, const YAML::Node& root, const std::string& id) {
    if (auto t = scenario::read_site_type(ctx, root, id)) sc_.site_types.emplace(id, std::move(*t));
  }

  void read_threat_type(const ReadContext& ctx, const YAML::Node& root, const std::string& id) {
    if (auto t = scenario::read_threat_type(ctx, root, id)) sc_.threat_types.emplace(id, std::move(*t));
  }

  void read_site(const ReadContext& ctx, const YAML::Node& node, const std::string& path,
                 const fs::path& base_dir) {
    MapReader r(ctx, node, kSiteSection, path);
    if (!r.is_map()) return;
    Site s;
    bool ok = true;
    if (auto id = r.text("id")) {
      s.id = *id;
      ok &= claim_id(r, s.id, "");
    } else {
      ok = false;
    }
    if (auto type = r.text("type")) {
      auto key = resolve_type(r, *type, LibraryPart::kSystems, base_dir);
      ok &= key.has_value();
      if (key) s.type = *key;
    } else {
      ok = false;
    }
    auto pos = r.position("position");
    auto alt = r.altitude("altitude");
    auto facing = r.quantity("facing");
    for (const auto& [w, wpath] : r.list("silent")) {
      MapReader wr(ctx, w, kSilenceSection, wpath);
      if (!wr.is_map()) continue;
      auto from = wr.quantity("from");
      auto to = wr.quantity("to");
      if (!from || !to) continue;
      if (to->value <= from->value) {
        wr.error("to", "must be after `from`");
        continue;
      }
      s.silent.push_back({from->value, to->value});
    }
    if (r.has("destroyed_at")) {
      auto when = r.quantity("destroyed_at");
      if (!when) return;
      s.destroyed_at_s = when->value;
    }
    s.battalion = r.text("battalion").value_or("");
    ok &= read_launcher_keys(r, s, base_dir);
    if (!pos || !alt || !facing || !ok) return;
    s.position = *pos;
    s.altitude = *alt;
    s.facing_rad = facing->value;
    sc_.sites.push_back(std::move(s));
  }

  /// A launcher's missile and rounds; the other site elements take none of these keys.
  bool read_launcher_keys(const MapReader& r, Site& s, const fs::path& base_dir) {
    const auto type = sc_.site_types.find(s.type);
    if (type == sc_.site_types.end()) return false;
    const SiteKind kind = type->second.kind;
    if (kind == SiteKind::kMissile) {
      r.error("type", fmt::format("'{}' is a missile: load it on a launcher with `missile:`", s.type));
      return false;
    }
    if (kind != SiteKind::kLauncher) {
      for (std::string_view key : {"missile", "rounds", "reloads", "ready_at"}) {
        if (r.has(key)) {
          r.error(key,
                  fmt::format("only a launcher takes '{}'; '{}' is a {}", key, s.type, core::name_of(kind)));
          return false;
        }
      }
      return true;
    }
    const auto name = r.text("missile");
    if (!name) {
      if (!r.has("missile")) r.error("type", "a launcher needs `missile:`, the missile type it carries");
      return false;
    }
    const auto key = resolve_type(r, *name, LibraryPart::kSystems, base_dir, "missile");
    if (!key) return false;
    const SiteType& missile = sc_.site_types.at(*key);
    if (missile.kind != SiteKind::kMissile) {
      r.error("missile", fmt::format("'{}' is a {}, not a missile", *name, core::name_of(missile.kind)));
      return false;
    }
    s.missile = *key;
    const int capacity = type->second.launcher.tubes * missile.missile.missile.per_tube;
    s.rounds = capacity;
    if (auto n = r.whole_number("rounds")) {
      if (int(*n) > capacity) {
        r.error("rounds",
                fmt::format("{} rounds do not fit: the launcher holds {} of '{}'", *n, capacity, *name));
        return false;
      }
      s.rounds = int(*n);
    }
    if (auto n = r.whole_number("reloads")) s.reloads = int(*n);
    if (auto q = r.quantity("ready_at")) s.ready_s = q->value;
    return true;
  }

  void read_coverage(const ReadContext& ctx, const YAML::Node& node, const std::string& path) {
    MapReader r(ctx, node, kCoverageSection, path);
    if (!r.is_map()) return;
    auto alt = r.altitude("altitude");
    auto rcs = r.quantity("rcs");
    auto pd = r.quantity("pd");
    auto resolution = r.quantity("resolution");
    if (!alt || !rcs || !pd || !resolution) return;
    sc_.coverage.push_back({*alt, rcs->value, pd->value, resolution->value});
  }

  void read_asset(const ReadContext& ctx, const YAML::Node& node, const std::string& path) {
    MapReader r(ctx, node, kAssetSection, path);
    if (!r.is_map()) return;
    Asset a;
    auto id = r.text("id");
    const bool id_ok = id && claim_id(r, *id, "");
    auto pos = r.position("position");
    auto alt = r.altitude("altitude");
    auto radius = r.quantity("radius");
    auto value = r.quantity("value_usd");
    auto hardness = r.quantity("hardness");
    if (!id_ok || !pos || !alt || !radius || !value || !hardness) return;
    a.hardness_pa = hardness->value;
    a.id = *id;
    a.position = *pos;
    a.altitude = *alt;
    a.radius_m = radius->value;
    a.value_usd = value->value;
    sc_.assets.push_back(std::move(a));
  }

  /// A speed in m/s; Mach numbers use the standard-atmosphere speed of sound at `altitude_m`.
  std::optional<double> speed_at(const MapReader& r, std::string_view key, const core::Quantity& q,
                                 double altitude_m) {
    if (!q.mach) return q.value;
    const double mps = q.value * physics::speed_of_sound_mps(altitude_m);
    if (auto v = range_violation(*kWaypointSection.find("speed"), mps); !v.empty()) {
      r.error(key, fmt::format("Mach {} at {} m is {:.1f} m/s, which {}", q.value, altitude_m, mps, v));
      return std::nullopt;
    }
    return mps;
  }

  using Items = std::vector<std::pair<YAML::Node, std::string>>;

  void read_threat(const ReadContext& ctx, const YAML::Node& node, const std::string& path,
                   const fs::path& base_dir) {
    MapReader r(ctx, node, kThreatSection, path);
    if (!r.is_map()) return;
    Threat t;
    bool ok = false;
    if (auto id = r.text("id")) {
      t.id = *id;
      ok = claim_id(r, t.id, "");
    }
    const ThreatType* type = nullptr;
    ok &= read_threat_keys(ctx, r, base_dir, t, type);
    const Items points = r.list("route");
    if (points.empty() && r.has("route")) {
      r.error("route", "a route needs at least one point");
      ok = false;
    }
    ok &= read_route(ctx, points, false, type, t.route);
    if (t.route.empty()) ok = false;  // a missing route is reported as a missing key
    if (!ok || !check_route(r, t, t.route, type)) return;
    add_threat(r, std::move(t));
  }

  /// A raid: `count` threats alike but for their launch point and their place in the salvo.
  void read_raid(const ReadContext& ctx, const YAML::Node& node, const std::string& path,
                 const fs::path& base_dir) {
    MapReader r(ctx, node, kRaidSection, path);
    if (!r.is_map()) return;
    Threat t;
    std::string id;
    bool ok = false;
    if (auto v = r.text("id")) {
      id = *v;
      ok = claim_id(r, id, "");
    }
    const auto count = r.whole_number("count");
    const auto interval = r.quantity("salvo_interval");
    ok &= count && interval;
    const ThreatType* type = nullptr;
    ok &= read_threat_keys(ctx, r, base_dir, t, type);
    const Items launch = r.list("launch_points");
    const Items points = r.list("route");
    if (launch.empty() && r.has("launch_points")) {
      r.error("launch_points", "a raid needs at least one launch point, or no 'launch_points' key");
      ok = false;
    }
    if (points.empty() && r.has("route")) {
      r.error("route", "a route needs at least one point");
      ok = false;
    }
    if (!r.has("launch_points") && !r.has("route")) {
      r.error("route", "missing required key 'route' (or 'launch_points')");
      ok = false;
    }
    // One route per launch point; without launch points, from the route's first point.
    std::vector<std::vector<Waypoint>> routes;
    for (std::size_t i = 0; i < std::max<std::size_t>(launch.size(), 1); ++i) {
      Items items;
      if (!launch.empty()) items.push_back(launch[i]);
      items.insert(items.end(), points.begin(), points.end());
      routes.emplace_back();
      if (items.empty() || !read_route(ctx, items, !launch.empty(), type, routes.back())) {
        ok = false;
        break;
      }
    }
    if (!ok) return;
    for (const auto& route : routes) {
      if (!check_route(r, t, route, type)) return;
    }
    for (std::uint64_t k = 0; k < *count; ++k) {
      Threat m = t;
      m.id = fmt::format("{}-{}", id, k + 1);
      if (!claim_id(r, m.id, fmt::format("threat {} of raid '{}'", k + 1, id))) return;
      m.route = routes[k % routes.size()];
      const double offset_s = double(k) * interval->value;
      if (m.arrival_s)
        *m.arrival_s += offset_s;
      else
        m.start_time_s += offset_s;
      add_threat(r, std::move(m));
    }
  }

  /// A threat's keys but its id and route; `type` is set when the type loads.
  bool read_threat_keys(const ReadContext& ctx, const MapReader& r, const fs::path& base_dir, Threat& t,
                        const ThreatType*& type) {
    bool ok = true;
    if (auto name = r.text("type")) {
      if (auto key = resolve_type(r, *name, LibraryPart::kThreats, base_dir)) {
        t.type = *key;
        type = &sc_.threat_types.at(*key);
      } else {
        ok = false;
      }
    } else {
      ok = false;
    }
    t.friendly = r.boolean("friendly").value_or(false);
    if (auto v = r.text("transponder")) t.transponder = *core::parse_name<threats::IffMode>(*v);
    const auto start = r.quantity("start");
    const auto jitter = r.quantity("start_jitter");
    const auto end = r.text("end");
    if (start && jitter && end) {
      t.start_time_s = start->value;
      t.start_jitter_s = jitter->value;
      t.end = *core::parse_name<RouteEnd>(*end);
    } else {
      ok = false;
    }
    if (r.has("time_on_target")) {
      if (r.has("start")) {
        r.error("time_on_target", "give 'start' or 'time_on_target', not both");
        ok = false;
      } else if (auto q = r.quantity("time_on_target")) {
        t.arrival_s = q->value;
        t.arrival_where = r.where("time_on_target");
        t.arrival_path = r.path("time_on_target");
      } else {
        ok = false;
      }
    }
    if (r.has("target")) {
      if (auto target = r.text("target")) {
        t.target = *target;
        if (t.end == RouteEnd::kExit) {
          r.error("target", "a threat with a target ends at its aim point; remove 'end: exit'");
          ok = false;
        }
      } else {
        ok = false;
      }
    }
    ok &= read_flight_options(ctx, r, t);
    return ok;
  }

  /// Route points, altitude and speed carried over from the previous point; the first is a
  /// raid's launch point when `launch`. False after reporting any error.
  bool read_route(const ReadContext& ctx, const Items& points, bool launch, const ThreatType* type,
                  std::vector<Waypoint>& route) {
    bool ok = true;
    std::optional<Altitude> altitude;
    double speed_mps = 0.0;  // 0: not known yet
    if (type != nullptr) {
      if (!type->cruise_speed.mach) speed_mps = type->cruise_speed.value;
    }
    for (std::size_t i = 0; i < points.size(); ++i) {
      const auto& [pnode, ppath] = points[i];
      MapReader w(ctx, pnode, kWaypointSection, ppath);
      if (!w.is_map()) {
        ok = false;
        continue;
      }
      auto pos = w.position("position");
      if (w.has("altitude")) {
        altitude = w.altitude("altitude");
        if (!altitude) ok = false;
      } else if (i == 0) {
        w.error("altitude", launch ? "missing required key 'altitude' on a launch point"
                                   : "missing required key 'altitude' on the first point of a route");
        ok = false;
      }
      const double alt_m = altitude ? altitude->value_m : 0.0;
      if (i == 0 && type != nullptr && speed_mps == 0.0) {
        // A cruise speed in Mach applies at the first point's altitude.
        speed_mps = type->cruise_speed.value * physics::speed_of_sound_mps(alt_m);
      }
      if (w.has("speed")) {
        const auto q = w.quantity("speed");
        const auto v = q ? speed_at(w, "speed", *q, alt_m) : std::nullopt;
        speed_mps = v.value_or(0.0);
        if (!v) ok = false;
      }
      if (!pos || !altitude || speed_mps == 0.0) {
        ok = false;
        continue;
      }
      if (!route.empty()) {
        const Waypoint& prev = route.back();
        if (prev.position.lat_deg == pos->lat_deg && prev.position.lon_deg == pos->lon_deg &&
            prev.altitude.value_m == altitude->value_m) {
          w.error("position", fmt::format("same place as point {}: a leg must have a length", i - 1));
          ok = false;
        }
      }
      double loiter_s = 0.0;
      if (auto l = w.quantity("loiter")) {
        loiter_s = l->value;
      } else {
        ok = false;
      }
      route.push_back({*pos, *altitude, speed_mps, loiter_s});
    }
    return ok;
  }

  /// Checks that need the whole route and the target.
  bool check_route(const MapReader& r, const Threat& t, const std::vector<Waypoint>& route,
                   const ThreatType* type) {
    if (t.target.empty() && route.size() < 2) {
      r.error("route", "a route without a target needs at least two points");
      return false;
    }
    if (type != nullptr && type->kind == ThreatKind::kBallisticMissile && t.target.empty() &&
        route.size() != 2) {
      r.error("route",
              "a ballistic missile flies from its launch point to its aim point: give one "
              "point and a target, or two points");
      return false;
    }
    return true;
  }

  void add_threat(const MapReader& r, Threat t) {
    if (!t.target.empty()) targets_.push_back({sc_.threats.size(), r.where("target"), r.path("target")});
    sc_.threats.push_back(std::move(t));
  }

  /// Terrain following, dives, loiters, scripted manoeuvres, the reaction to an engagement
  /// radar and the per-replicate jitters of a threat.
  bool read_flight_options(const ReadContext& ctx, const MapReader& r, Threat& t) {
    bool ok = true;
    if (r.has("terrain_following")) {
      if (auto q = r.quantity("terrain_following"))
        t.clearance_m = q->value;
      else
        ok = false;
    }
    if (r.has("dive_angle")) {
      if (auto q = r.quantity("dive_angle"))
        t.dive_angle_rad = q->value;
      else
        ok = false;
    }
    const auto loiter = r.quantity("loiter_radius");
    const auto route_jitter = r.quantity("route_jitter");
    const auto rcs_jitter = r.quantity("rcs_jitter");
    if (!loiter || !route_jitter || !rcs_jitter) return false;
    t.loiter_radius_m = loiter->value;
    t.route_jitter_m = route_jitter->value;
    t.rcs_jitter_db = rcs_jitter->value;
    for (const auto& [node, path] : r.list("manoeuvres")) {
      MapReader m(ctx, node, kManoeuvreSection, path);
      if (!m.is_map()) {
        ok = false;
        continue;
      }
      const auto kind = m.text("manoeuvre");
      const auto at = m.quantity("at");
      const auto duration = m.quantity("duration");
      const auto angle = m.quantity("angle");
      const auto period = m.quantity("period");
      if (!kind || !at || !duration || !angle || !period) {
        ok = false;
        continue;
      }
      t.manoeuvres.push_back({*kind == "weave", at->value, duration->value, angle->value, period->value});
    }
    const auto type = sc_.threat_types.find(t.type);
    for (const auto& [node, path] : r.list("jamming")) {
      MapReader m(ctx, node, kJamSettingSection, path);
      if (!m.is_map()) {
        ok = false;
        continue;
      }
      JamSetting s;
      const auto at = m.quantity("at");
      if (!at) {
        ok = false;
        continue;
      }
      s.at_s = at->value;
      s.pod = m.text("pod").value_or("");
      s.on = m.boolean("on");
      if (auto q = m.text("technique")) s.technique = core::parse_name<sensors::JamTechnique>(*q);
      s.point_at = m.text("point_at").value_or("");
      if (auto q = m.quantity("point_azimuth")) s.point_azimuth_rad = q->value;
      if (type != sc_.threat_types.end()) {
        const auto& pods = type->second.signature.jammers;
        if (pods.empty()) {
          m.error("pod", fmt::format("threat type '{}' carries no jammer", t.type));
          ok = false;
        } else if (!s.pod.empty() && std::none_of(pods.begin(), pods.end(), [&](const sensors::JammerPod& p) {
                     return p.name == s.pod;
                   })) {
          m.error("pod", fmt::format("threat type '{}' has no pod '{}'", t.type, s.pod));
          ok = false;
        }
      }
      if (!s.point_at.empty() && s.point_azimuth_rad) {
        m.error("point_azimuth", "give `point_at` or `point_azimuth`, not both");
        ok = false;
      }
      if (!s.point_at.empty() && s.point_at != "nearest")
        jam_aims_.push_back({s.point_at, m.where("point_at"), m.path("point_at")});
      if (!t.jamming.empty() && s.at_s < t.jamming.back().at_s) {
        m.error("at", "the jamming changes must be in time order");
        ok = false;
      }
      t.jamming.push_back(std::move(s));
    }
    if (r.has("reaction")) {
      MapReader m(ctx, r.node("reaction"), kReactionSection, r.path("reaction"));
      if (!m.is_map()) return false;
      Reaction reaction;
      const auto turn = m.text("turn");
      const auto duration = m.quantity("duration");
      if (!turn || !duration) return false;
      reaction.beam = *turn == "beam";
      reaction.duration_s = duration->value;
      if (m.has("altitude")) {
        reaction.altitude = m.altitude("altitude");
        if (!reaction.altitude) return false;
      }
      t.reaction = reaction;
    }
    return ok;
  }

  void resolve_targets() {
    std::vector<std::string_view> asset_ids;
    for (const auto& a : sc_.assets) asset_ids.push_back(a.id);
    // The threats of a raid share one `target` key: each message once.
    std::set<std::string> reported;
    const auto report = [&](const PendingTarget& p, std::string msg) {
      if (reported.insert(p.path).second) errors_.add(p.where, p.path, std::move(msg));
    };
    for (const auto& p : targets_) {
      Threat& t = sc_.threats[p.threat];
      const auto it = std::find_if(sc_.assets.begin(), sc_.assets.end(),
                                   [&](const Asset& a) { return a.id == t.target; });
      const bool arm = sc_.threat_types.at(t.type).kind == ThreatKind::kArm;
      if (it == sc_.assets.end()) {
        // A threat may strike a site (an anti-radiation missile's target is a radar).
        const auto site =
            std::find_if(sc_.sites.begin(), sc_.sites.end(), [&](const Site& x) { return x.id == t.target; });
        if (site != sc_.sites.end() && (!arm || sc_.site_types.at(site->type).kind == SiteKind::kRadar)) {
          t.target_is_site = true;
          const Waypoint& last = t.route.back();
          if (last.position.lat_deg != site->position.lat_deg ||
              last.position.lon_deg != site->position.lon_deg ||
              last.altitude.value_m != site->altitude.value_m)
            t.route.push_back({site->position, site->altitude, last.speed_mps, 0.0});
          continue;
        }
        if (arm) {
          report(p, fmt::format("no asset or radar has the id '{}'", t.target));
          continue;
        }
        std::string msg = fmt::format("no asset or site has the id '{}'", t.target);
        if (auto near = core::closest_match(t.target, asset_ids))
          msg += fmt::format(" (did you mean '{}'?)", *near);
        report(p, msg);
        continue;
      }
      const Waypoint& last = t.route.back();
      if (last.position.lat_deg != it->position.lat_deg || last.position.lon_deg != it->position.lon_deg ||
          last.altitude.value_m != it->altitude.value_m) {  // else the route already ends on it
        t.route.push_back({it->position, it->altitude, last.speed_mps, 0.0});
      }
      if (sc_.threat_types.at(t.type).kind == ThreatKind::kBallisticMissile && t.route.size() != 2) {
        report(p,
               "a ballistic missile flies from its launch point to its aim point: give one route "
               "point and a target, or two points");
      }
    }
  }

  void check_required(const core::SourceLocation& root) {
    if (root_unreadable_ || (!errors_.empty() && root_location_.file.empty())) return;  // nothing was read
    const core::SourceLocation where = root_location_.file.empty() ? root : root_location_;
    if (!set_by_.contains("name")) errors_.add(where, "name", "missing required key 'name'");
    if (!set_by_.contains("duration")) errors_.add(where, "duration", "missing required key 'duration'");
    if (threat_entries_ == 0 && sc_.external_type.empty()) {
      errors_.add(threats_key_ ? *threats_key_ : where, "threats",
                  "no threats: give at least one under 'threats' or 'raids' (or an 'external' section "
                  "for threats from another simulation)");
    }
    // The command post's tracker takes two sensors per radar (skin and strobes).
    std::size_t radars = 0;
    for (std::size_t i = 0; i < sc_.sites.size(); ++i) {
      const auto type = sc_.site_types.find(sc_.sites[i].type);
      if (type == sc_.site_types.end() || type->second.kind != SiteKind::kRadar) continue;
      const auto at = ids_.find(sc_.sites[i].id);
      if (++radars == tracking::kMaxSensors / 2 + 1)
        errors_.add(at != ids_.end() ? at->second : where, fmt::format("sites[{}]", i),
                    fmt::format("the command post fuses at most {} radars", tracking::kMaxSensors / 2));
    }
  }

  Scenario sc_;
  core::Diagnostics errors_;
  std::map<std::string, SetBy> set_by_;
  std::map<std::string, core::SourceLocation> ids_;
  std::set<std::string> failed_types_;
  std::vector<fs::path> stack_;
  std::vector<PendingTarget> targets_;
  std::vector<PendingAim> jam_aims_;
  core::SourceLocation root_location_;
  std::optional<core::SourceLocation> threats_key_;
  std::size_t threat_entries_ = 0;
  bool root_unreadable_ = false;
  std::vector<Override> overrides_;
};

}  // namespace

LoadResult load_from_string(const std::string& text, const std::string& name, const std::string& base_dir,
                            const std::vector<Override>& overrides) {
  const std::string base = base_dir.empty() ? "." : base_dir;
  Loader loader;
  loader.set_overrides(overrides);
  loader.enter_root(fs::path(base) / fs::path(name).filename());
  loader.load_text(text, name, base, 0);
  LoadResult r = loader.finish({name, 1, 1});
  if (overrides.empty() || r.ok()) return r;
  // A message about a value set from the command line names where it was set.
  core::Diagnostics named;
  for (const core::Diagnostic& d : r.errors.items()) {
    core::SourceLocation where = d.where;
    for (const Override& o : overrides) {
      const std::string c = canonical_key_path(o.path);
      if (!c.empty() && d.path.starts_with(c) &&
          (d.path.size() == c.size() || d.path[c.size()] == '.' || d.path[c.size()] == '['))
        where = {o.origin, 0, 0};
    }
    named.add(where, d.path, d.message);
  }
  r.errors = std::move(named);
  return r;
}

TypeResult load_site_type(const std::string& name, const std::string& flag) {
  return Loader().load_type(name, LibraryPart::kSystems, flag);
}

TypeResult load_threat_type(const std::string& name, const std::string& flag) {
  return Loader().load_type(name, LibraryPart::kThreats, flag);
}

LoadResult load(const std::string& path) { return load(path, {}); }

LoadResult load(const std::string& path, const std::vector<Override>& overrides) {
  std::string error;
  auto text = read_file(path, error);
  if (!text) {
    LoadResult r;
    r.errors.add({path, 0, 0}, "(file)", fmt::format("cannot read: {}", error));
    return r;
  }
  return load_from_string(*text, path, fs::path(path).parent_path().string(), overrides);
}

std::string canonical_key_path(const std::string& path) {
  std::string out;
  std::size_t i = 0;
  while (i < path.size()) {
    const std::size_t end = std::min(path.find('.', i), path.size());
    std::string token = path.substr(i, end - i);
    i = end + 1;
    if (end == path.size())
      i = path.size();
    else if (i >= path.size())
      return {};  // a trailing dot
    // A token: digits (an index), or a key with optional [n] suffixes.
    if (!token.empty() && token.find_first_not_of("0123456789") == std::string::npos) {
      if (out.empty()) return {};
      out += "[" + token + "]";
      continue;
    }
    const std::size_t bracket = token.find('[');
    const std::string key = token.substr(0, bracket);
    if (key.empty() || key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
      return {};
    out += (out.empty() ? "" : ".") + key;
    for (std::size_t b = bracket; b != std::string::npos && b < token.size();) {
      const std::size_t close = token.find(']', b);
      if (token[b] != '[' || close == std::string::npos || close == b + 1) return {};
      const std::string digits = token.substr(b + 1, close - b - 1);
      if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 6) return {};
      out += "[" + digits + "]";
      b = close + 1;
    }
  }
  return out;
}

}  // namespace opensam::scenario
