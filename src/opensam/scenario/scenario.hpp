#pragma once
/// @file A scenario as the simulation sees it: plain, validated data in SI units.
/// Built only by scenario::load(), which checks every field.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "opensam/c2/types.hpp"
#include "opensam/core/diagnostic.hpp"
#include "opensam/core/names.hpp"
#include "opensam/core/time_window.hpp"
#include "opensam/sensors/radar_type.hpp"
#include "opensam/threats/ballistic.hpp"
#include "opensam/threats/events.hpp"
#include "opensam/threats/flight.hpp"
#include "opensam/tracking/types.hpp"
#include "opensam/weapons/missile.hpp"

namespace opensam::scenario {

/// Is an altitude above mean sea level or above the ground below?
enum class AltitudeReference { kMsl, kAgl };

struct Altitude {
  double value_m = 0.0;
  AltitudeReference reference = AltitudeReference::kMsl;
};

struct GeoPoint {
  double lat_deg = 0.0;
  double lon_deg = 0.0;
};

/// A published or assumed figure from the system library, with its provenance.
struct Figure {
  double value = 0.0;  ///< SI, or a Mach number when `mach`
  bool mach = false;
  std::string source;
  bool estimate = false;
};

/// What a site element type is.
enum class SiteKind : std::uint8_t { kRadar, kLauncher, kCommandPost, kMissile };
constexpr auto names(SiteKind) {
  return std::to_array<core::Named<SiteKind>>({{SiteKind::kRadar, "radar"},
                                               {SiteKind::kLauncher, "launcher"},
                                               {SiteKind::kCommandPost, "command_post"},
                                               {SiteKind::kMissile, "missile"}});
}

/// A radar type: its radar model and what the fire control counts on it for.
struct RadarFigures {
  sensors::RadarType radar;
  int fire_channels = 0;    ///< targets engaged at once; 0: not an engagement radar
  int missiles_guided = 0;  ///< missiles in flight guided at once
};

/// A launcher type.
struct LauncherFigures {
  int tubes = 4;
  double reaction_time_s = 10.0;   ///< from the order to the first missile leaving the tube
  double ripple_interval_s = 4.0;  ///< between two launches from the same launcher
  double reload_time_s = 1800.0;   ///< for a transloader to reload an empty launcher
};

/// A missile type: the flyout's and the fire control's model, and the figures its motor and
/// drag curve are made of.
struct MissileFigures {
  weapons::MissileType missile;
  double burn_time_s = 0.0;
  double thrust_n = 0.0;
  double sustain_time_s = 0.0;
  double sustain_thrust_n = 0.0;
  double propellant_mass_kg = 0.0;
  double drag_coefficient = 0.0;  ///< at the transonic peak
  double warhead_mass_kg = 0.0;
  double fragment_mass_kg = 0.0;
  double charge_to_metal = 1.0;
};

/// A command post type.
struct CommandPostFigures {
  int max_targets = 0;  ///< targets engaged at once (for reference)
};

/// A site element type from data/systems: its typed figures (the member of its kind), and every
/// figure and choice as its file gave them, with their provenance.
struct SiteType {
  std::string id;    ///< library reference, e.g. "s400/91N6E"
  std::string name;  ///< e.g. "91N6E Big Bird acquisition radar"
  SiteKind kind = SiteKind::kRadar;
  std::string description;
  RadarFigures radar;
  LauncherFigures launcher;
  MissileFigures missile;
  CommandPostFigures command_post;
  double hardness_pa = 35e3;  ///< incident overpressure that puts a site of this type out of action
  std::map<std::string, Figure> figures;        ///< as given, by key, e.g. "instrumented_range"
  std::map<std::string, std::string> settings;  ///< choices as given, e.g. "scan" -> "rotating"
};

/// Radar cross section by aspect and band, in dBsm (a library table with its provenance).
struct RcsTable {
  std::vector<double> azimuth_rad;    ///< from the nose, increasing, 0..pi
  std::vector<double> elevation_rad;  ///< increasing, -pi/2..pi/2
  /// Band letter -> dBsm, row-major: elevation rows of azimuth columns.
  std::map<std::string, std::vector<double>> dbsm;
  std::string source;
  bool estimate = false;
};

/// What a threat type is.
enum class ThreatKind : std::uint8_t { kAircraft, kCruiseMissile, kBallisticMissile, kDrone, kArm, kDecoy };
constexpr auto names(ThreatKind) {
  return std::to_array<core::Named<ThreatKind>>({{ThreatKind::kAircraft, "aircraft"},
                                                 {ThreatKind::kCruiseMissile, "cruise_missile"},
                                                 {ThreatKind::kBallisticMissile, "ballistic_missile"},
                                                 {ThreatKind::kDrone, "drone"},
                                                 {ThreatKind::kArm, "arm"},
                                                 {ThreatKind::kDecoy, "decoy"}});
}

/// A threat type from data/threats: its typed figures, and every figure and choice as its file
/// gave them, with their provenance.
struct ThreatType {
  std::string id;  ///< library reference, e.g. "tomahawk"
  std::string name;
  ThreatKind kind = ThreatKind::kAircraft;
  std::string description;
  Figure cruise_speed;           ///< the default speed of its routes (m/s or Mach)
  double rcs_m2 = 1.0;           ///< nominal, where the table has no band
  sensors::Signature signature;  ///< what a radar sees of it, and its jammer
  double unit_cost_usd = 0.0;
  double vulnerability = 1.0;        ///< kill probability of a burst that puts many fragments on it
  double span_m = 10.0;              ///< wing span or largest dimension (seeker glint)
  double vulnerable_area_m2 = 2.0;   ///< presented area times the kill probability of one hit
  threats::Performance performance;  ///< aerodynamic flyers' limits
  double dive_angle_rad = 0.0;       ///< terminal dive onto the aim point; 0: none
  threats::BallisticType ballistic;  ///< ballistic missiles
  double burn_time_s = 0.0;          ///< ballistic missiles' boost, for their motor
  double thrust_n = 0.0;
  double propellant_mass_kg = 0.0;
  double drag_coefficient = 0.0;
  double seeker_accuracy_rad = 0.0;             ///< anti-radiation missiles' passive seeker
  double explosive_mass_kg = 0.0;               ///< TNT equivalent delivered where it lands; 0: no damage
  std::map<std::string, Figure> figures;        ///< as given: cruise_speed, max_speed, unit_cost_usd, ...
  std::map<std::string, std::string> settings;  ///< choices as given, e.g. "trajectory" -> "depressed"
  std::optional<RcsTable> rcs_table;
};

/// One point of a route; `speed_mps` is the speed of the leg that starts here.
struct Waypoint {
  GeoPoint position;
  Altitude altitude;
  double speed_mps = 0.0;
  double loiter_s = 0.0;  ///< orbit the point this long on reaching it
};

/// A scripted evasive manoeuvre, `at_s` after launch.
struct ScriptedManoeuvre {
  bool weave = false;  ///< else a break turn
  double at_s = 0.0;
  double duration_s = 0.0;
  double angle_rad = 0.0;  ///< break: off the course, + right; weave: amplitude
  double period_s = 20.0;
};

/// A scripted change of a threat's jammer pods, `at_s` after the start of the run: what is
/// given changes, the rest stays.
struct JamSetting {
  double at_s = 0.0;
  std::string pod;  ///< the pod's name; empty: every pod
  std::optional<bool> on;
  std::optional<sensors::JamTechnique> technique;
  std::string point_at;  ///< "nearest" or a radar site's id; empty: unchanged
  std::optional<double> point_azimuth_rad;
};

/// What an aircraft does when an engagement radar holds it in track.
struct Reaction {
  bool beam = false;  ///< put the radar abeam, else turn it to the tail
  std::optional<Altitude> altitude;
  double duration_s = 60.0;
};

/// How a route ends: at an aim point (arrival = the threat leaked) or leaving the area.
enum class RouteEnd { kAimPoint, kExit };
constexpr auto names(RouteEnd) {
  return std::to_array<core::Named<RouteEnd>>(
      {{RouteEnd::kAimPoint, "aim_point"}, {RouteEnd::kExit, "exit"}});
}

using core::TimeWindow;

struct Site {
  std::string id;
  std::string type;  ///< key into Scenario::site_types
  GeoPoint position;
  Altitude altitude;
  double facing_rad = 0.0;               ///< centre of a sector radar's search, from north
  std::vector<TimeWindow> silent;        ///< emission control: radar off in these windows
  std::optional<double> destroyed_at_s;  ///< a scripted strike puts it out of action
  std::string battalion;                 ///< empty: the one battalion
  // Launchers:
  std::string missile;  ///< key into Scenario::site_types (kind missile)
  int rounds = 0;       ///< ready at the start
  int reloads = 0;      ///< brought by a transloader
  double ready_s = 0.0;
};

/// A circle the fire control engages in, between two altitudes (MSL).
struct EngagementZone {
  GeoPoint position;
  double radius_m = 0.0;
  double min_altitude_m = -500.0;
  double max_altitude_m = 200000.0;
};

/// How the command post fights (the `defence` key).
struct Defence {
  c2::Roe roe = c2::Roe::kFree;
  c2::Doctrine doctrine = c2::Doctrine::kShootLookShoot;
  threats::IffMode iff = threats::IffMode::kRussian;  ///< the interrogators' mode
  bool engage_on_remote = false;
  double kill_assessment_s = 5.0;
  int max_missiles_per_target = 4;
  bool emcon_on_arm = false;
  double arm_silence_s = 60.0;
  std::vector<EngagementZone> zones;
  c2::EvaluationParameters evaluation;
};

/// What the ground is made of under low flyers.
enum class Surface { kLand, kSea };
constexpr auto names(Surface) {
  return std::to_array<core::Named<Surface>>({{Surface::kLand, "land"}, {Surface::kSea, "sea"}});
}

/// Terrain, refraction and surface (defaults: no terrain, 4/3 Earth, land).
struct Environment {
  std::string terrain_file;  ///< resolved path of the elevation raster, or empty
  std::string terrain_text;  ///< as written in the scenario (for the resolved copy)
  double k_factor = 4.0 / 3.0;
  Surface surface = Surface::kLand;
  double clutter_gamma_db = -20.0;
  double reflection = 0.3;
};

/// Something the battalion defends.
struct Asset {
  std::string id;
  GeoPoint position;
  Altitude altitude;
  double radius_m = 0.0;
  double value_usd = 0.0;
  double hardness_pa = 35e3;  ///< incident overpressure that destroys what it covers
};

struct Threat {
  std::string id;
  std::string type;  ///< key into Scenario::threat_types
  double start_time_s = 0.0;
  double start_jitter_s = 0.0;  ///< start drawn uniformly in [start, start + jitter]
  /// Time on target: reach the last route point then, instead of starting at `start_time_s`.
  std::optional<double> arrival_s;
  core::SourceLocation arrival_where;  ///< where the time on target was written, for messages
  std::string arrival_path;            ///< its key path, e.g. "raids[0].time_on_target"
  std::vector<Waypoint> route;         ///< at least two points; the asset's point is last with `target`
  RouteEnd end = RouteEnd::kAimPoint;
  std::string target;                 ///< asset id (a radar site's for anti-radiation missiles), or empty
  bool target_is_site = false;        ///< `target` names a site (an anti-radiation missile's radar)
  std::optional<double> clearance_m;  ///< terrain following
  std::optional<double> dive_angle_rad;
  double loiter_radius_m = 2000.0;
  std::vector<ScriptedManoeuvre> manoeuvres;
  std::vector<JamSetting> jamming;  ///< in time order
  std::optional<Reaction> reaction;
  double route_jitter_m = 0.0;
  double rcs_jitter_db = 0.0;
  bool friendly = false;
  threats::IffMode transponder = threats::IffMode::kNone;
};

/// The command post's tracker in a run (the `tracker` key) and how its picture is scored.
struct TrackerSettings {
  tracking::TrackerConfig config;
  double update_interval_s = 1.0;  ///< how often the command post processes what it received
  double gospa_c_m = 2000.0;       ///< GOSPA cut-off distance
  double gospa_p = 1.0;            ///< GOSPA order
};

/// A reference altitude at which a run draws the radars' coverage for the viewer and the KML
/// (the `coverage` key): where a target of `rcs_m2` is seen with single-look Pd >= `pd`.
struct CoverageLayer {
  Altitude altitude;
  double rcs_m2 = 1.0;
  double pd = 0.5;
  double resolution_m = 2000.0;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string file;  ///< the file it was loaded from, as given
  std::uint64_t seed = 1;
  double duration_s = 0.0;
  double truth_interval_s = 1.0;  ///< sample interval of truth.csv
  Environment environment;
  std::vector<Site> sites;
  std::vector<Asset> assets;
  std::vector<Threat> threats;
  TrackerSettings tracker;
  Defence defence;
  /// The library threat type entities of another simulation fly as (key into threat_types);
  /// empty without an `external` section.
  std::string external_type;
  /// Without a `coverage` key: low flyers (100 m AGL) and high flyers (10 km), 1 m2, Pd 0.5.
  std::vector<CoverageLayer> coverage = {{{100.0, AltitudeReference::kAgl}, 1.0, 0.5, 2000.0},
                                         {{10000.0, AltitudeReference::kMsl}, 1.0, 0.5, 2000.0}};
  std::map<std::string, SiteType> site_types;
  std::map<std::string, ThreatType> threat_types;
};

/// A scenario, or every error found in it.
struct LoadResult {
  Scenario scenario;
  core::Diagnostics errors;
  [[nodiscard]] bool ok() const { return errors.empty(); }
};

/// One library type, or every error found in it.
struct TypeResult {
  std::optional<SiteType> site;
  std::optional<ThreatType> threat;
  core::Diagnostics errors;
};

/// Loads the site or threat type `name` (a library reference or a path to a type file, as in
/// a scenario) for a command-line flag; messages name `flag` where they would name a file.
[[nodiscard]] TypeResult load_site_type(const std::string& name, const std::string& flag);
[[nodiscard]] TypeResult load_threat_type(const std::string& name, const std::string& flag);

/// A key of the scenario file set from the command line (a sweep point): `path` is a key path
/// into the file's own YAML (not its includes), e.g. `raids[0].terrain_following` or
/// `defence.doctrine`; `value` is YAML text (`50 m`, `[39.0, 33.0]`). Messages about it name
/// `origin` (e.g. `--sweep raids[0].terrain_following=50 m`) instead of a line of the file.
struct Override {
  std::string path;
  std::string value;
  std::string origin;
};

/// Reads and validates a scenario file, its includes and the library types it names.
[[nodiscard]] LoadResult load(const std::string& path);
/// The same with keys of the file replaced or added first.
[[nodiscard]] LoadResult load(const std::string& path, const std::vector<Override>& overrides);

/// `path` in the canonical form of messages (`raids[0].speed` for `raids.0.speed`), or empty
/// when it is not a key path.
[[nodiscard]] std::string canonical_key_path(const std::string& path);

/// The same, from text already in memory; `name` stands for the file in messages and
/// relative includes resolve against `base_dir` (empty: the working directory).
[[nodiscard]] LoadResult load_from_string(const std::string& text, const std::string& name,
                                          const std::string& base_dir,
                                          const std::vector<Override>& overrides = {});

}  // namespace opensam::scenario
