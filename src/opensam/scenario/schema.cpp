#include "opensam/scenario/schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "opensam/core/names.hpp"
#include "opensam/scenario/scenario.hpp"

namespace opensam::scenario {

using core::Dimension;
using K = FieldKind;

const FieldSpec* Section::find(std::string_view key) const {
  for (const auto& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

namespace {

/// The setter and getter of member `M` (a double) of a parameter section's struct.
template <class C, class T>
C class_of(T C::*);
template <auto M>
void set_member(void* target, const Figure& f) {
  static_cast<decltype(class_of(M))*>(target)->*M = f.value;
}
template <auto M>
double get_member(const void* target) {
  return static_cast<const decltype(class_of(M))*>(target)->*M;
}

// Bounds shared by several fields.
constexpr double kMaxAltitudeM = 1.0e6;        // 1,000 km: above any threat this tool models
constexpr double kMaxDurationS = 7 * 86400.0;  // a week of simulated time
constexpr double kMaxSpeedMps = 10000.0;       // faster than any ballistic missile in scope

const std::array kWaypointFields{
    FieldSpec{.key = "position", .kind = K::kPosition, .doc = "Where the point is.", .required = true},
    FieldSpec{.key = "altitude",
              .kind = K::kAltitude,
              .doc = "Height of the point, MSL unless followed by AGL. Default: the previous "
                     "point's; required on the first point.",
              .min = -500.0,
              .max = kMaxAltitudeM},
    FieldSpec{.key = "speed",
              .kind = K::kQuantity,
              .doc = "Speed along the leg that starts here (Mach at this point's altitude). "
                     "Default: the previous point's; on the first point, the type's cruise_speed.",
              .dim = Dimension::kSpeed,
              .min = 0.0,
              .max = kMaxSpeedMps,
              .min_exclusive = true},
    FieldSpec{.key = "loiter",
              .kind = K::kQuantity,
              .doc = "Orbit the point this long on reaching it (loitering drones, holding aircraft).",
              .default_text = "0 s",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = kMaxDurationS},
};

const std::array kManoeuvreFields{
    FieldSpec{.key = "manoeuvre",
              .kind = K::kChoice,
              .doc = "`break`: turn `angle` off the course to the next point and hold it. "
                     "`weave`: swing `angle` either side of the course every `period`.",
              .required = true,
              .choices = "break|weave"},
    FieldSpec{.key = "at",
              .kind = K::kQuantity,
              .doc = "When it starts, after the threat's launch.",
              .required = true,
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = kMaxDurationS},
    FieldSpec{.key = "duration",
              .kind = K::kQuantity,
              .doc = "How long it lasts.",
              .required = true,
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = kMaxDurationS,
              .min_exclusive = true},
    FieldSpec{.key = "angle",
              .kind = K::kQuantity,
              .doc = "Break: heading off the course, positive to the right. Weave: amplitude.",
              .required = true,
              .dim = Dimension::kAngle,
              .min = -3.1416,
              .max = 3.1416},
    FieldSpec{.key = "period",
              .kind = K::kQuantity,
              .doc = "Weave: period of one full swing.",
              .default_text = "20 s",
              .dim = Dimension::kTime,
              .min = 1.0,
              .max = 3600.0},
};

const std::array kJamSettingFields{
    FieldSpec{.key = "at",
              .kind = K::kQuantity,
              .doc = "When it takes effect, from the start of the run (0: from the start).",
              .default_text = "0 s",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = kMaxDurationS},
    FieldSpec{.key = "pod",
              .kind = K::kString,
              .doc = "The pod it changes, by its name in the threat type's `jammers`; every pod when "
                     "absent."},
    FieldSpec{.key = "on", .kind = K::kBool, .doc = "Switch the pod on or off."},
    FieldSpec{.key = "technique",
              .kind = K::kChoice,
              .doc = "Change the pod's technique.",
              .choices = core::choices<sensors::JamTechnique>()},
    FieldSpec{.key = "point_at",
              .kind = K::kString,
              .doc = "Where a directional pod (one with a `beamwidth`) points: `nearest` (the nearest "
                     "radar on the air, the default) or a radar site's id."},
    FieldSpec{.key = "point_azimuth",
              .kind = K::kQuantity,
              .doc = "Point a directional pod at a fixed sector instead: the true bearing of its "
                     "centre from the platform.",
              .dim = Dimension::kAngle,
              .min = -6.2832,
              .max = 6.2832},
};

const std::array kReactionFields{
    FieldSpec{.key = "turn",
              .kind = K::kChoice,
              .doc = "`away`: turn the radar to the tail. `beam`: put it abeam (the Doppler notch).",
              .default_text = "away",
              .choices = "away|beam"},
    FieldSpec{.key = "altitude",
              .kind = K::kAltitude,
              .doc = "Descend (or climb) to this altitude; the route's altitude when absent.",
              .min = -500.0,
              .max = kMaxAltitudeM},
    FieldSpec{.key = "duration",
              .kind = K::kQuantity,
              .doc = "How long the reaction lasts before the threat resumes its route.",
              .default_text = "60 s",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = kMaxDurationS,
              .min_exclusive = true},
};

constexpr std::array kThreatFields{
    FieldSpec{.key = "id", .kind = K::kId, .doc = "Unique name of the threat.", .required = true},
    FieldSpec{.key = "type",
              .kind = K::kString,
              .doc = "Threat type from data/threats (e.g. `tomahawk`) or a path to a type file.",
              .required = true},
    FieldSpec{.key = "start",
              .kind = K::kQuantity,
              .doc = "When it appears at its first waypoint.",
              .default_text = "0 s",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = kMaxDurationS},
    FieldSpec{.key = "start_jitter",
              .kind = K::kQuantity,
              .doc = "Random delay added to start, uniform in [0, jitter], drawn per replicate "
                     "from the stream `threat/<id>/start`.",
              .default_text = "0 s",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = kMaxDurationS},
    FieldSpec{.key = "time_on_target",
              .kind = K::kQuantity,
              .doc = "When it reaches its aim point (or last point), instead of `start`: it "
                     "launches as late as its planned flight allows (as early as 0 s when the "
                     "route-jittered flight cannot make it), then `start_jitter` later.",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = kMaxDurationS,
              .min_exclusive = true},
    FieldSpec{.key = "route",
              .kind = K::kList,
              .doc = "Waypoints, flown along geodesics at constant speed per leg.",
              .required = true,
              .child = &kWaypointSection},
    FieldSpec{.key = "target",
              .kind = K::kId,
              .doc = "Id of an asset: its position becomes the last waypoint (the aim point)."},
    FieldSpec{.key = "end",
              .kind = K::kChoice,
              .doc = "`aim_point`: reaching the last waypoint means the threat leaked. `exit`: "
                     "the threat leaves the area there.",
              .default_text = "aim_point",
              .choices = core::choices<RouteEnd>()},
    FieldSpec{.key = "terrain_following",
              .kind = K::kQuantity,
              .doc = "Clearance held over the terrain along the whole route, within the type's "
                     "climb and dive rates; the route's altitudes are then ignored.",
              .dim = Dimension::kLength,
              .min = 0.0,
              .max = 10000.0,
              .min_exclusive = true},
    FieldSpec{.key = "dive_angle",
              .kind = K::kQuantity,
              .doc = "Terminal dive onto the aim point, below the horizon; the type's when absent.",
              .dim = Dimension::kAngle,
              .min = 0.0,
              .max = 1.5708,
              .min_exclusive = true},
    FieldSpec{.key = "loiter_radius",
              .kind = K::kQuantity,
              .doc = "Radius of loiter orbits (the turn radius when that is larger).",
              .default_text = "2 km",
              .dim = Dimension::kLength,
              .min = 0.0,
              .max = 1.0e5,
              .min_exclusive = true},
    FieldSpec{.key = "manoeuvres",
              .kind = K::kList,
              .doc = "Scripted evasive manoeuvres: break turns and weaves.",
              .child = &kManoeuvreSection},
    FieldSpec{.key = "jamming",
              .kind = K::kList,
              .doc = "Scripted changes of the threat's jammer pods over time: switch a pod on or off, "
                     "change its technique or where it points (docs/models/sensors.md).",
              .child = &kJamSettingSection},
    FieldSpec{.key = "reaction",
              .kind = K::kMap,
              .doc = "What an aircraft does when an engagement radar (one with track dwells) holds "
                     "it in track: once, at the first dwell.",
              .child = &kReactionSection},
    FieldSpec{.key = "route_jitter",
              .kind = K::kQuantity,
              .doc = "Per replicate, each route point but the first and the aim point moves by a "
                     "normal offset of this standard deviation north and east (stream "
                     "`threat/<id>/route`).",
              .default_text = "0 m",
              .dim = Dimension::kLength,
              .min = 0.0,
              .max = 1.0e5},
    FieldSpec{.key = "rcs_jitter",
              .kind = K::kQuantity,
              .doc = "Per replicate, the whole RCS shifts by a normal draw of this standard "
                     "deviation in dB (stream `threat/<id>/rcs`).",
              .default_text = "0 dB",
              .dim = Dimension::kDecibel,
              .min = 0.0,
              .max = 20.0},
    FieldSpec{.key = "friendly",
              .kind = K::kBool,
              .doc = "A friendly aircraft flying near the defence: engaging it is a fratricide.",
              .default_text = "false"},
    FieldSpec{.key = "transponder",
              .kind = K::kChoice,
              .doc = "Its IFF transponder: it answers the defence's interrogation only when this "
                     "matches `defence.iff`.",
              .default_text = "none",
              .choices = core::choices<threats::IffMode>()},
};

constexpr std::array kRaidOwnFields{
    FieldSpec{.key = "id",
              .kind = K::kId,
              .doc = "Name of the raid; its threats are `<id>-1` to `<id>-<count>`, each with its "
                     "own random streams.",
              .required = true},
    FieldSpec{.key = "count",
              .kind = K::kInteger,
              .doc = "How many threats the raid launches.",
              .required = true,
              .min = 1.0,
              .max = 1000.0},
    FieldSpec{.key = "salvo_interval",
              .kind = K::kQuantity,
              .doc = "Time between successive threats: threat k launches (or, with "
                     "`time_on_target`, arrives) (k - 1) intervals after the first.",
              .default_text = "0 s",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = 86400.0},
    FieldSpec{.key = "launch_points",
              .kind = K::kList,
              .doc = "Launchers, taken in turn: threat k starts at point (k - 1) mod n, then flies "
                     "`route` (which may then be left out when there is a `target`). Without "
                     "them, every threat starts at the route's first point.",
              .child = &kLaunchPointSection},
};

/// A raid takes every key of a threat but `id`, besides its own; its route is optional when
/// it has launch points.
constexpr auto raid_fields() {
  std::array<FieldSpec, kRaidOwnFields.size() + kThreatFields.size() - 1> out{};
  std::size_t n = 0;
  for (const FieldSpec& f : kRaidOwnFields) out[n++] = f;
  for (std::size_t i = 1; i < kThreatFields.size(); ++i) {
    FieldSpec f = kThreatFields[i];
    if (f.key == "route") {
      f.required = false;
      f.doc = "Waypoints after the launch point (with `launch_points`) or from it.";
    } else if (f.key == "start") {
      f.doc = "When the first threat appears at its launch point.";
    }
    out[n++] = f;
  }
  return out;
}
constexpr auto kRaidFields = raid_fields();

const std::array kSiteFields{
    FieldSpec{.key = "id", .kind = K::kId, .doc = "Unique name of the site element.", .required = true},
    FieldSpec{.key = "type",
              .kind = K::kString,
              .doc = "Element type from data/systems (e.g. `s400/91N6E`) or a path to a type file.",
              .required = true},
    FieldSpec{.key = "position", .kind = K::kPosition, .doc = "Where it stands.", .required = true},
    FieldSpec{.key = "altitude",
              .kind = K::kAltitude,
              .doc = "Height of the antenna or launcher.",
              .default_text = "0 m AGL",
              .min = -500.0,
              .max = 20000.0},
    FieldSpec{.key = "facing",
              .kind = K::kQuantity,
              .doc = "Azimuth (from north, clockwise) a sector radar's search is centred on.",
              .default_text = "0 deg",
              .dim = Dimension::kAngle,
              .min = -6.2832,
              .max = 6.2832},
    FieldSpec{.key = "silent",
              .kind = K::kList,
              .doc = "Times when a radar does not emit (emission control).",
              .child = &kSilenceSection},
    FieldSpec{.key = "destroyed_at",
              .kind = K::kQuantity,
              .doc = "When the element is put out of action (a scripted strike); a radar stops for good.",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = kMaxDurationS},
    FieldSpec{.key = "battalion",
              .kind = K::kId,
              .doc = "The battalion the element belongs to (default: one battalion for all): a "
                     "launcher fires under its own battalion's engagement radar (another's with "
                     "`defence.engage_on_remote`)."},
    FieldSpec{.key = "missile",
              .kind = K::kString,
              .doc = "Launchers: the missile type loaded (e.g. `s400/48N6E3`), required for a launcher."},
    FieldSpec{.key = "rounds",
              .kind = K::kInteger,
              .doc = "Launchers: missiles ready at the start (default: full, the launcher's tubes "
                     "times the missile's per_tube).",
              .min = 0.0,
              .max = 64.0},
    FieldSpec{.key = "reloads",
              .kind = K::kInteger,
              .doc = "Launchers: missiles a transloader brings, a launcher load at a time, each "
                     "after the launcher type's reload_time once the launcher is empty.",
              .default_text = "0",
              .min = 0.0,
              .max = 1000.0},
    FieldSpec{.key = "ready_at",
              .kind = K::kQuantity,
              .doc = "Launchers: when the launcher is ready to fire (after a march, 5 minutes).",
              .default_text = "0 s",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = kMaxDurationS},
};

const std::array kZoneFields{
    FieldSpec{.key = "position", .kind = K::kPosition, .doc = "Centre of the zone.", .required = true},
    FieldSpec{.key = "radius",
              .kind = K::kQuantity,
              .doc = "Radius of the zone.",
              .required = true,
              .dim = Dimension::kLength,
              .min = 0.0,
              .max = 1.0e6,
              .min_exclusive = true},
    FieldSpec{.key = "min_altitude",
              .kind = K::kQuantity,
              .doc = "Lowest intercept height in the zone, above the ground under the intercept point.",
              .default_text = "-500 m",
              .dim = Dimension::kLength,
              .min = -500.0,
              .max = 200000.0},
    FieldSpec{.key = "max_altitude",
              .kind = K::kQuantity,
              .doc = "Highest intercept height in the zone, above the ground under the intercept point.",
              .default_text = "200 km",
              .dim = Dimension::kLength,
              .min = -500.0,
              .max = 200000.0},
};

const std::array kEvaluationFields{
    FieldSpec{.key = "ballistic_speed",
              .kind = K::kQuantity,
              .doc = "A track faster than this is a ballistic missile.",
              .default_text = "1200 m/s",
              .dim = Dimension::kSpeed,
              .min = 0.0,
              .set_figure = set_member<&c2::EvaluationParameters::ballistic_speed_mps>,
              .get_value = get_member<&c2::EvaluationParameters::ballistic_speed_mps>},
    FieldSpec{
        .key = "arm_speed",
        .kind = K::kQuantity,
        .doc = "A track faster than this whose ground track passes within `arm_track_miss` of a radar ahead "
               "is an anti-radiation missile.",
        .default_text = "450 m/s",
        .dim = Dimension::kSpeed,
        .min = 0.0,
        .set_figure = set_member<&c2::EvaluationParameters::arm_speed_mps>,
        .get_value = get_member<&c2::EvaluationParameters::arm_speed_mps>},
    FieldSpec{.key = "arm_track_miss",
              .kind = K::kQuantity,
              .doc = "See `arm_speed`.",
              .default_text = "3 km",
              .dim = Dimension::kLength,
              .min = 0.0,
              .set_figure = set_member<&c2::EvaluationParameters::arm_track_miss_m>,
              .get_value = get_member<&c2::EvaluationParameters::arm_track_miss_m>},
    FieldSpec{.key = "diving_speed",
              .kind = K::kQuantity,
              .doc = "A track faster than this and falling faster than `diving_rate` is a ballistic missile.",
              .default_text = "800 m/s",
              .dim = Dimension::kSpeed,
              .min = 0.0,
              .set_figure = set_member<&c2::EvaluationParameters::diving_speed_mps>,
              .get_value = get_member<&c2::EvaluationParameters::diving_speed_mps>},
    FieldSpec{.key = "diving_rate",
              .kind = K::kQuantity,
              .doc = "See `diving_speed`.",
              .default_text = "300 m/s",
              .dim = Dimension::kSpeed,
              .min = 0.0,
              .set_figure = set_member<&c2::EvaluationParameters::diving_rate_mps>,
              .get_value = get_member<&c2::EvaluationParameters::diving_rate_mps>},
    FieldSpec{.key = "drone_speed",
              .kind = K::kQuantity,
              .doc = "A track slower than this is a drone.",
              .default_text = "70 m/s",
              .dim = Dimension::kSpeed,
              .min = 0.0,
              .set_figure = set_member<&c2::EvaluationParameters::drone_speed_mps>,
              .get_value = get_member<&c2::EvaluationParameters::drone_speed_mps>},
    FieldSpec{.key = "cruise_height",
              .kind = K::kQuantity,
              .doc = "A track lower than this above the command post's map of the ground, and slower than "
                     "`cruise_speed`, is a cruise missile (otherwise an aircraft).",
              .default_text = "300 m",
              .dim = Dimension::kLength,
              .min = 0.0,
              .set_figure = set_member<&c2::EvaluationParameters::cruise_height_m>,
              .get_value = get_member<&c2::EvaluationParameters::cruise_height_m>},
    FieldSpec{.key = "cruise_speed",
              .kind = K::kQuantity,
              .doc = "See `cruise_height`.",
              .default_text = "350 m/s",
              .dim = Dimension::kSpeed,
              .min = 0.0,
              .set_figure = set_member<&c2::EvaluationParameters::cruise_speed_mps>,
              .get_value = get_member<&c2::EvaluationParameters::cruise_speed_mps>},
    FieldSpec{.key = "asset_margin",
              .kind = K::kQuantity,
              .doc =
                  "A track heads for an asset when its straight-line motion passes within the asset's radius "
                  "plus this.",
              .default_text = "1 km",
              .dim = Dimension::kLength,
              .min = 0.0,
              .set_figure = set_member<&c2::EvaluationParameters::asset_margin_m>,
              .get_value = get_member<&c2::EvaluationParameters::asset_margin_m>},
    FieldSpec{.key = "urgency_time",
              .kind = K::kQuantity,
              .doc = "Priority urgency T / (T + time to the asset): a track T away counts half.",
              .default_text = "10 min",
              .dim = Dimension::kTime,
              .min = 0.0,
              .set_figure = set_member<&c2::EvaluationParameters::urgency_time_s>,
              .get_value = get_member<&c2::EvaluationParameters::urgency_time_s>},
    FieldSpec{.key = "urgency_no_asset",
              .kind = K::kQuantity,
              .doc = "Urgency of a track heading for no asset.",
              .default_text = "0.2",
              .dim = Dimension::kNumber,
              .min = 0.0,
              .set_figure = set_member<&c2::EvaluationParameters::urgency_no_asset>,
              .get_value = get_member<&c2::EvaluationParameters::urgency_no_asset>},
    FieldSpec{.key = "weight_ballistic",
              .kind = K::kQuantity,
              .doc = "Priority weight of a ballistic missile.",
              .default_text = "5",
              .dim = Dimension::kNumber,
              .min = 0.0,
              .set_figure = set_member<&c2::EvaluationParameters::weight_ballistic>,
              .get_value = get_member<&c2::EvaluationParameters::weight_ballistic>},
    FieldSpec{.key = "weight_cruise",
              .kind = K::kQuantity,
              .doc = "Priority weight of a cruise missile.",
              .default_text = "4",
              .dim = Dimension::kNumber,
              .min = 0.0,
              .set_figure = set_member<&c2::EvaluationParameters::weight_cruise>,
              .get_value = get_member<&c2::EvaluationParameters::weight_cruise>},
    FieldSpec{.key = "weight_anti_radiation",
              .kind = K::kQuantity,
              .doc = "Priority weight of an anti-radiation missile.",
              .default_text = "4",
              .dim = Dimension::kNumber,
              .min = 0.0,
              .set_figure = set_member<&c2::EvaluationParameters::weight_anti_radiation>,
              .get_value = get_member<&c2::EvaluationParameters::weight_anti_radiation>},
    FieldSpec{.key = "weight_aircraft",
              .kind = K::kQuantity,
              .doc = "Priority weight of an aircraft.",
              .default_text = "3",
              .dim = Dimension::kNumber,
              .min = 0.0,
              .set_figure = set_member<&c2::EvaluationParameters::weight_aircraft>,
              .get_value = get_member<&c2::EvaluationParameters::weight_aircraft>},
    FieldSpec{.key = "weight_drone",
              .kind = K::kQuantity,
              .doc = "Priority weight of a drone.",
              .default_text = "2",
              .dim = Dimension::kNumber,
              .min = 0.0,
              .set_figure = set_member<&c2::EvaluationParameters::weight_drone>,
              .get_value = get_member<&c2::EvaluationParameters::weight_drone>},
    FieldSpec{.key = "remeasured_after",
              .kind = K::kQuantity,
              .doc = "Kill assessment: a track measured this long after the last burst is alive (missed).",
              .default_text = "0.5 s",
              .dim = Dimension::kTime,
              .min = 0.0,
              .set_figure = set_member<&c2::EvaluationParameters::remeasured_after_s>,
              .get_value = get_member<&c2::EvaluationParameters::remeasured_after_s>},
    FieldSpec{
        .key = "planning_miss",
        .kind = K::kQuantity,
        .doc = "The miss the command post expects of a guided missile, for its kill estimate R^2 / (R^2 + 2 "
               "s^2) (Driels, ch. 9).",
        .default_text = "5 m",
        .dim = Dimension::kLength,
        .min = 0.0,
        .set_figure = set_member<&c2::EvaluationParameters::planning_miss_m>,
        .get_value = get_member<&c2::EvaluationParameters::planning_miss_m>},
};

const std::array kDefenceFields{
    FieldSpec{.key = "roe",
              .kind = K::kChoice,
              .doc = "Rules of engagement: `free` (engage every track the IFF does not call a friend), "
                     "`tight` (only tracks whose kinematics make them a threat: missiles, drones, "
                     "or aircraft heading for a defended asset), `hold` (engage nothing).",
              .default_text = "free",
              .choices = core::choices<c2::Roe>()},
    FieldSpec{.key = "doctrine",
              .kind = K::kChoice,
              .doc = "`shoot_look_shoot`: one missile, then a kill assessment, then another if "
                     "missed; `shoot_shoot`: a salvo of two from one launcher.",
              .default_text = "shoot_look_shoot",
              .choices = core::choices<c2::Doctrine>()},
    FieldSpec{.key = "iff",
              .kind = K::kChoice,
              .doc = "The battalions' IFF interrogators: a friendly answers only with a matching "
                     "transponder (`nato` models an S-400 wired into NATO identification).",
              .default_text = "russian",
              .choices = core::choices<threats::IffMode>()},
    FieldSpec{.key = "engage_on_remote",
              .kind = K::kBool,
              .doc = "A launcher may fire on a track held by another battalion's engagement radar, "
                     "which then guides the missile.",
              .default_text = "false"},
    FieldSpec{.key = "kill_assessment",
              .kind = K::kQuantity,
              .doc = "After the last missile of an engagement ends, how long the command post "
                     "watches the track before judging it killed (track lost) or missed.",
              .default_text = "5 s",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = 600.0},
    FieldSpec{.key = "max_missiles_per_target",
              .kind = K::kInteger,
              .doc = "Missiles fired at one track at most, over its engagements.",
              .default_text = "4",
              .min = 1.0,
              .max = 64.0},
    FieldSpec{.key = "emcon_on_arm",
              .kind = K::kBool,
              .doc = "Silence a radar when an anti-radiation missile is seen heading for it.",
              .default_text = "false"},
    FieldSpec{.key = "arm_silence",
              .kind = K::kQuantity,
              .doc = "How long a radar stays silent against an anti-radiation missile.",
              .default_text = "60 s",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = 3600.0,
              .min_exclusive = true},
    FieldSpec{.key = "zones",
              .kind = K::kList,
              .doc = "Engagement zones: the predicted intercept point must lie in one (none: anywhere "
                     "in the missiles' envelopes).",
              .child = &kZoneSection},
    FieldSpec{.key = "evaluation",
              .kind = K::kMap,
              .doc = "How the command post classifies and weighs tracks (modelling choices).",
              .child = &kEvaluationSection},
};

const std::array kSilenceFields{
    FieldSpec{.key = "from",
              .kind = K::kQuantity,
              .doc = "Start of the silence.",
              .required = true,
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = kMaxDurationS},
    FieldSpec{.key = "to",
              .kind = K::kQuantity,
              .doc = "End of the silence.",
              .required = true,
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = kMaxDurationS},
};

const std::array kAssetFields{
    FieldSpec{.key = "id", .kind = K::kId, .doc = "Unique name of the asset.", .required = true},
    FieldSpec{.key = "position", .kind = K::kPosition, .doc = "Centre of the asset.", .required = true},
    FieldSpec{.key = "altitude",
              .kind = K::kAltitude,
              .doc = "Height of the aim point.",
              .default_text = "0 m AGL",
              .min = -500.0,
              .max = 20000.0},
    FieldSpec{.key = "radius",
              .kind = K::kQuantity,
              .doc = "Radius of the defended area.",
              .default_text = "1 km",
              .dim = Dimension::kLength,
              .min = 0.0,
              .max = 1.0e6,
              .min_exclusive = true},
    FieldSpec{.key = "value_usd",
              .kind = K::kQuantity,
              .doc = "Value of the asset in US dollars, for cost-exchange figures.",
              .default_text = "0",
              .min = 0.0},
    FieldSpec{.key = "hardness",
              .kind = K::kQuantity,
              .doc = "Incident overpressure that destroys what a leaker's blast covers: each leaker "
                     "destroys the share of the asset's disc within its blast radius (35 kPa, 5 psi: "
                     "soft buildings and parked aircraft, a modelling assumption).",
              .default_text = "35 kPa",
              .dim = Dimension::kPressure,
              .min = 0.0,
              .min_exclusive = true},
};

const std::array kCoverageFields{
    FieldSpec{.key = "altitude",
              .kind = K::kAltitude,
              .doc = "Altitude of the target (MSL, or AGL: that height above the terrain everywhere).",
              .required = true,
              .min = -500.0,
              .max = 100000.0},
    FieldSpec{.key = "rcs",
              .kind = K::kQuantity,
              .doc = "Radar cross section of the target (Swerling 1).",
              .default_text = "1 m2",
              .dim = Dimension::kArea,
              .min = 0.0,
              .max = 1.0e6,
              .min_exclusive = true},
    FieldSpec{.key = "pd",
              .kind = K::kQuantity,
              .doc = "Single-look probability of detection that counts as covered (the outline).",
              .default_text = "0.5",
              .min = 0.01,
              .max = 0.99},
    FieldSpec{.key = "resolution",
              .kind = K::kQuantity,
              .doc = "Cell size of the coverage grid.",
              .default_text = "2 km",
              .dim = Dimension::kLength,
              .min = 100.0,
              .max = 50000.0},
};

const std::array kExternalFields{
    FieldSpec{.key = "type",
              .kind = K::kString,
              .doc = "Library threat type (its signature, vulnerability and cost) that aircraft and "
                     "missiles of another simulation fly as when they come in by DIS (`--dis-in`).",
              .required = true},
};

const std::array kEnvironmentFields{
    FieldSpec{.key = "terrain",
              .kind = K::kString,
              .doc = "Elevation raster any GDAL driver reads (GeoTIFF, SRTM .hgt, DTED, VRT), "
                     "relative to this file; heights in metres. Without it the ground is at 0 m."},
    FieldSpec{.key = "k_factor",
              .kind = K::kQuantity,
              .doc = "Effective Earth radius factor for refraction.",
              .default_text = "1.3333333333333333",
              .min = 0.5,
              .max = 10.0},
    FieldSpec{.key = "surface",
              .kind = K::kChoice,
              .doc = "Surface under low flyers: sets the clutter and multipath defaults.",
              .default_text = "land",
              .choices = core::choices<Surface>()},
    FieldSpec{.key = "clutter_gamma",
              .kind = K::kQuantity,
              .doc = "Constant-gamma clutter reflectivity. Default -20 dB over land, -40 dB over "
                     "sea (estimates; see docs/models/sensors.md).",
              .dim = Dimension::kDecibel,
              .min = -80.0,
              .max = 0.0},
    FieldSpec{.key = "reflection",
              .kind = K::kQuantity,
              .doc = "Magnitude of the surface reflection coefficient for two-ray multipath. "
                     "Default 0.3 over land, 0.9 over sea (estimates).",
              .min = 0.0,
              .max = 1.0},
};

const std::array kScenarioFields{
    FieldSpec{.key = "name",
              .kind = K::kId,
              .doc = "Name of the scenario; names the output folder. Required in the top file.",
              .required = true},
    FieldSpec{.key = "description", .kind = K::kText, .doc = "What the scenario is about."},
    FieldSpec{.key = "seed",
              .kind = K::kInteger,
              .doc = "Seed of every random stream; `--seed` overrides it.",
              .default_text = "1"},
    FieldSpec{.key = "duration",
              .kind = K::kQuantity,
              .doc = "Simulated time after which the run stops. Required in the top file.",
              .required = true,
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = kMaxDurationS,
              .min_exclusive = true},
    FieldSpec{.key = "truth_interval",
              .kind = K::kQuantity,
              .doc = "How often `truth.csv` records where every flying threat is.",
              .default_text = "1 s",
              .dim = Dimension::kTime,
              .min = 0.05,
              .max = 3600.0},
    FieldSpec{.key = "coverage",
              .kind = K::kList,
              .doc = "Reference altitudes at which a run draws the radars' combined coverage (in "
                     "`scenario.czml` and `scenario.kml`). Without the key: 100 m AGL and 10 km "
                     "for 1 m2; `coverage: []` draws none.",
              .child = &kCoverageSection},
    FieldSpec{.key = "include",
              .kind = K::kStringList,
              .doc = "Other scenario files, relative to this one; their lists are added before "
                     "this file's, and a key may be set in one file only."},
    FieldSpec{.key = "environment",
              .kind = K::kMap,
              .doc = "Terrain, refraction and surface.",
              .child = &kEnvironmentSection},
    FieldSpec{.key = "tracker",
              .kind = K::kMap,
              .doc = "The command post's tracker, which fuses every radar's detections and jam "
                     "strobes into one air picture (keys under Tracker files).",
              .child = &kTrackerSection},
    FieldSpec{.key = "external",
              .kind = K::kMap,
              .doc = "How entities of another simulation (DIS Entity State PDUs, `opensam run "
                     "--dis-in`) become threats in this one.",
              .child = &kExternalSection},
    FieldSpec{.key = "defence",
              .kind = K::kMap,
              .doc = "Rules of engagement, doctrine, identification and emission control.",
              .child = &kDefenceSection},
    FieldSpec{
        .key = "sites", .kind = K::kList, .doc = "Site elements of the defence.", .child = &kSiteSection},
    FieldSpec{.key = "assets", .kind = K::kList, .doc = "Defended assets.", .child = &kAssetSection},
    FieldSpec{.key = "threats",
              .kind = K::kList,
              .doc = "Single threats. With `raids`, at least one threat in all, unless there is an "
                     "`external` section.",
              .child = &kThreatSection},
    FieldSpec{.key = "raids",
              .kind = K::kList,
              .doc = "Groups of like threats: launch points, salvo spacing, time on target.",
              .child = &kRaidSection},
};

const std::array kFigureFields{
    FieldSpec{.key = "value", .kind = K::kString, .doc = "The figure, with its unit.", .required = true},
    FieldSpec{.key = "source",
              .kind = K::kText,
              .doc = "Public source of the figure, or the reasoning behind an estimate.",
              .required = true},
    FieldSpec{.key = "estimate",
              .kind = K::kBool,
              .doc = "True when the figure is a modelling assumption, not a published value.",
              .default_text = "false"},
    FieldSpec{.key = "note", .kind = K::kText, .doc = "Anything a reader should know."},
};

const std::array kJammerPodFields{
    FieldSpec{.key = "name",
              .kind = K::kString,
              .doc = "What the transmitter is (a pod, a band).",
              .required = true},
    FieldSpec{.key = "from",
              .kind = K::kQuantity,
              .doc = "Lowest frequency it covers.",
              .required = true,
              .dim = Dimension::kFrequency,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "to",
              .kind = K::kQuantity,
              .doc = "Highest frequency it covers; above `from`.",
              .required = true,
              .dim = Dimension::kFrequency,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "erp",
              .kind = K::kQuantity,
              .doc = "Effective radiated power. Barrage: spread evenly over its coverage, and a radar "
                     "meets the part that falls in its receiver's band. Spot: put on each radar it "
                     "hears inside its coverage. False targets: each echo at the whole ERP.",
              .required = true,
              .dim = Dimension::kPower,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "technique",
              .kind = K::kChoice,
              .doc = "barrage (noise over the whole coverage), spot (responsive noise on each radar's "
                     "frequency, after `reaction_time`, over `spot_bandwidth` or the radar's "
                     "`frequency_agility` band, whichever is wider) or false_targets (a repeater: "
                     "`false_targets` echoes of each pulse it hears, `false_target_spacing` apart "
                     "behind itself, at its full ERP; no noise).",
              .default_text = "barrage",
              .choices = core::choices<sensors::JamTechnique>()},
    FieldSpec{.key = "spot_bandwidth",
              .kind = K::kQuantity,
              .doc = "Spot: the band it concentrates its power on around a radar's frequency.",
              .default_text = "10 MHz",
              .dim = Dimension::kFrequency,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "false_targets",
              .kind = K::kInteger,
              .doc = "False targets: the echoes it repeats of each pulse it hears.",
              .default_text = "4",
              .min = 1.0,
              .max = 32.0},
    FieldSpec{.key = "false_target_spacing",
              .kind = K::kQuantity,
              .doc = "False targets: the range between successive echoes, the first one that far "
                     "behind the pod.",
              .default_text = "2 km",
              .dim = Dimension::kLength,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "reaction_time",
              .kind = K::kQuantity,
              .doc = "Spot: from when it first hears a radar (both on the air) to jamming it; a radar "
                     "that comes back on the air is heard anew.",
              .default_text = "2 s",
              .dim = Dimension::kTime,
              .min = 0.0},
    FieldSpec{.key = "beamwidth",
              .kind = K::kQuantity,
              .doc = "A directional pod's beamwidth: its ERP on the boresight, a (sin x / x)^2 main "
                     "lobe and `sidelobe` beyond, pointed as the scenario's `jamming` says (the "
                     "nearest radar by default). Absent: the same ERP in every direction.",
              .dim = Dimension::kAngle,
              .min = 0.0,
              .max = 3.1416,
              .min_exclusive = true},
    FieldSpec{.key = "sidelobe",
              .kind = K::kQuantity,
              .doc = "A directional pod's gain outside its main lobe, relative to the boresight.",
              .default_text = "-20 dB",
              .dim = Dimension::kDecibel,
              .min = -60.0,
              .max = 0.0},
    FieldSpec{.key = "source",
              .kind = K::kText,
              .doc = "Public source of its figures, or the reasoning behind them.",
              .required = true},
    FieldSpec{.key = "estimate",
              .kind = K::kBool,
              .doc = "True when its figures are modelling assumptions.",
              .default_text = "false"},
    FieldSpec{.key = "note", .kind = K::kText, .doc = "Anything a reader should know."},
};

const std::array kRcsTableFields{
    FieldSpec{.key = "source",
              .kind = K::kText,
              .doc = "Public source of the table, or the reasoning behind it.",
              .required = true},
    FieldSpec{.key = "estimate",
              .kind = K::kBool,
              .doc = "True when the table is a modelling assumption.",
              .default_text = "false"},
    FieldSpec{.key = "note", .kind = K::kText, .doc = "Anything a reader should know."},
    FieldSpec{.key = "azimuth",
              .kind = K::kStringList,
              .doc = "Aspect angles from the nose, increasing, 0 to 180 deg (left and right are "
                     "mirror images).",
              .required = true},
    FieldSpec{.key = "elevation",
              .kind = K::kStringList,
              .doc = "Aspect elevations, increasing, -90 to 90 deg (positive: seen from above).",
              .default_text = "[0 deg]"},
    FieldSpec{.key = "bands",
              .kind = K::kDbsmRows,
              .doc = "Per radar band letter (L, S, C, X, Ku, ...): dBsm values, one row per "
                     "elevation, one column per azimuth.",
              .required = true},
};

}  // namespace

const std::array kMotionModelFields{
    FieldSpec{.key = "model",
              .kind = K::kChoice,
              .doc = "Constant velocity, constant acceleration, Singer, coordinated turn (turn rate "
                     "estimated; horizontal) or ballistic (gravity and drag; 3 axes only).",
              .required = true,
              .choices = core::choices<tracking::MotionKind>()},
    FieldSpec{.key = "noise",
              .kind = K::kQuantity,
              .doc = "Power spectral density of the driving white noise: acceleration (m2/s3) for "
                     "cv, turn and ballistic; jerk (m2/s5) for ca.",
              .default_text = "1",
              .min = 0.0},
    FieldSpec{.key = "time_constant",
              .kind = K::kQuantity,
              .doc = "singer: manoeuvre correlation time.",
              .default_text = "20 s",
              .dim = Dimension::kTime,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "manoeuvre_sigma",
              .kind = K::kQuantity,
              .doc = "singer: standard deviation of the manoeuvre acceleration (m/s2).",
              .default_text = "10",
              .min = 0.0},
    FieldSpec{.key = "turn_rate_noise",
              .kind = K::kQuantity,
              .doc = "turn: power spectral density of the turn rate's random walk (rad2/s3).",
              .default_text = "0.0001",
              .min = 0.0},
    FieldSpec{.key = "ballistic_coefficient",
              .kind = K::kQuantity,
              .doc = "ballistic: m / (Cd A) in kg/m2.",
              .default_text = "5000",
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "initial_acceleration_sigma",
              .kind = K::kQuantity,
              .doc = "ca, singer: spread of the acceleration of a new track or of a state "
                     "coming from a model without acceleration (m/s2).",
              .default_text = "10",
              .min = 0.0},
    FieldSpec{.key = "initial_turn_rate_sigma",
              .kind = K::kQuantity,
              .doc = "turn: spread of the turn rate of a new track or of a state coming from "
                     "another model.",
              .default_text = "0.05 rad",
              .dim = Dimension::kAngle,
              .min = 0.0},
};

const std::array kTrackSensorFields{
    FieldSpec{.key = "name",
              .kind = K::kString,
              .doc = "The value of the `sensor` column of the detections file.",
              .required = true},
    FieldSpec{.key = "x",
              .kind = K::kQuantity,
              .doc = "Sensor east of the origin.",
              .default_text = "0",
              .dim = Dimension::kLength},
    FieldSpec{.key = "y",
              .kind = K::kQuantity,
              .doc = "Sensor north of the origin.",
              .default_text = "0",
              .dim = Dimension::kLength},
    FieldSpec{.key = "z",
              .kind = K::kQuantity,
              .doc = "Sensor above the origin.",
              .default_text = "0",
              .dim = Dimension::kLength},
    FieldSpec{.key = "sigma_position",
              .kind = K::kQuantity,
              .doc = "x, y, z noise when the file has no sx, sy, sz columns.",
              .default_text = "50 m",
              .dim = Dimension::kLength,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "sigma_range",
              .kind = K::kQuantity,
              .doc = "Range noise of a radar sensor.",
              .default_text = "50 m",
              .dim = Dimension::kLength,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "sigma_azimuth",
              .kind = K::kQuantity,
              .doc = "Azimuth noise of a radar sensor.",
              .default_text = "0.2 deg",
              .dim = Dimension::kAngle,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "sigma_elevation",
              .kind = K::kQuantity,
              .doc = "Elevation noise of a radar sensor.",
              .default_text = "0.2 deg",
              .dim = Dimension::kAngle,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "sigma_range_rate",
              .kind = K::kQuantity,
              .doc = "Range-rate noise of a radar sensor.",
              .default_text = "2 m/s",
              .dim = Dimension::kSpeed,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "max_range",
              .kind = K::kQuantity,
              .doc = "Tracks farther than this from the sensor count no miss from its scans. "
                     "Unlimited by default.",
              .dim = Dimension::kLength,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "clutter_density",
              .kind = K::kQuantity,
              .doc = "JPDA: false detections per unit measurement volume (per m2 for x, y; per "
                     "m3 for x, y, z; per m rad2 for a radar). 0 estimates it from each scan.",
              .default_text = "0",
              .min = 0.0},
};

const std::array kTrackerFields{
    FieldSpec{.key = "filter",
              .kind = K::kChoice,
              .doc = "kalman (linear models only), extended or unscented Kalman filter.",
              .default_text = "extended",
              .choices = core::choices<tracking::FilterKind>()},
    FieldSpec{.key = "models",
              .kind = K::kList,
              .doc = "Motion models: one gives a single filter, two to four an interacting "
                     "multiple model. Default: one cv with noise 1.",
              .child = &kMotionModelSection},
    FieldSpec{.key = "model_switch_rate",
              .kind = K::kQuantity,
              .doc = "IMM: probability per second of leaving the current model.",
              .default_text = "0.05",
              .min = 0.0,
              .max = 1.0},
    FieldSpec{.key = "gate_probability",
              .kind = K::kQuantity,
              .doc = "Chi-square gate: the share of true detections it keeps.",
              .default_text = "0.99",
              .min = 0.0,
              .max = 0.999999,
              .min_exclusive = true},
    FieldSpec{.key = "associator",
              .kind = K::kChoice,
              .doc = "gnn (optimal assignment per cluster) or jpda (joint probabilistic data "
                     "association per cluster).",
              .default_text = "gnn",
              .choices = core::choices<tracking::Associator>()},
    FieldSpec{.key = "detection_probability",
              .kind = K::kQuantity,
              .doc = "JPDA: probability that a target in reach is detected in a scan.",
              .default_text = "0.9",
              .min = 0.0,
              .max = 1.0,
              .min_exclusive = true},
    FieldSpec{.key = "jpda_exact_max_tracks",
              .kind = K::kInteger,
              .doc = "JPDA: clusters of more tracks use loopy belief propagation instead of exact "
                     "enumeration.",
              .default_text = "8",
              .max = 16.0},
    FieldSpec{.key = "confirm_hits",
              .kind = K::kInteger,
              .doc = "M of the M-of-N confirmation.",
              .default_text = "3",
              .min = 1.0,
              .max = 32.0},
    FieldSpec{.key = "confirm_window",
              .kind = K::kInteger,
              .doc = "N of the M-of-N confirmation, in scans.",
              .default_text = "5",
              .min = 1.0,
              .max = 32.0},
    FieldSpec{.key = "delete_after_misses",
              .kind = K::kInteger,
              .doc = "Consecutive scans without update that drop a track; 0: never.",
              .default_text = "3",
              .max = 1000.0},
    FieldSpec{.key = "delete_after",
              .kind = K::kQuantity,
              .doc = "Time without update that drops a track. Unlimited by default.",
              .dim = Dimension::kTime,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "max_position_sigma",
              .kind = K::kQuantity,
              .doc = "A track whose position spread (square root of the covariance trace) "
                     "grows past this is dropped. Unlimited by default.",
              .dim = Dimension::kLength,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "initial_velocity_sigma",
              .kind = K::kQuantity,
              .doc = "Velocity spread of a new track (along the line of sight the range rate's "
                     "noise when the radar measures it).",
              .default_text = "300 m/s",
              .dim = Dimension::kSpeed,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "strobe_crossings",
              .kind = K::kInteger,
              .doc = "Passive tracks: jam strobes that no track takes, from two radars, cross at the "
                     "jammer; crossings that agree over this many scans of fresh strobes start a "
                     "confirmed track. 0: strobes start no track.",
              .default_text = "3",
              .max = 32.0},
    FieldSpec{.key = "strobe_window",
              .kind = K::kQuantity,
              .doc = "Strobes at most this far apart in time cross; a candidate crossing not "
                     "continued within it is forgotten (a ghost that does not persist).",
              .default_text = "20 s",
              .dim = Dimension::kTime,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "strobe_min_angle",
              .kind = K::kQuantity,
              .doc = "Crossings of lines of sight closer to parallel than this are not used.",
              .default_text = "3 deg",
              .dim = Dimension::kAngle,
              .min = 0.0,
              .max = 1.5707963267948966},
    FieldSpec{.key = "strobe_max_speed",
              .kind = K::kQuantity,
              .doc = "How fast a jammer may fly between two strobes that cross (each line of "
                     "sight widens by half the distance) and between crossings.",
              .default_text = "350 m/s",
              .dim = Dimension::kSpeed,
              .min = 0.0},
    FieldSpec{.key = "strobe_max_sigma",
              .kind = K::kQuantity,
              .doc = "Crossings located worse than this (square root of the covariance trace) "
                     "are not used: radars too close together, or a jammer too far, give none.",
              .default_text = "3 km",
              .dim = Dimension::kLength,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "sensors",
              .kind = K::kList,
              .doc = "`opensam track` only: the sensors named in the detections file (in a run, "
                     "the sensors are the scenario's radars).",
              .child = &kTrackSensorSection},
    FieldSpec{.key = "update_interval",
              .kind = K::kQuantity,
              .doc = "Run only: how often the command post processes the detections and jam "
                     "strobes received since the last update, in time order.",
              .default_text = "1 s",
              .dim = Dimension::kTime,
              .min = 0.01,
              .max = 60.0},
    FieldSpec{.key = "gospa_c",
              .kind = K::kQuantity,
              .doc = "Run only: GOSPA cut-off distance of the air picture's score against truth.",
              .default_text = "2 km",
              .dim = Dimension::kLength,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "gospa_p",
              .kind = K::kQuantity,
              .doc = "Run only: GOSPA order p.",
              .default_text = "1",
              .min = 1.0,
              .max = 10.0},
};

const Section kWaypointSection{"threats[].route[]", "One point of a threat's route.", kWaypointFields};
const Section kThreatSection{"threats[]", "One threat.", kThreatFields};
const Section kRaidSection{"raids[]", "A group of threats of one type.", kRaidFields};
const Section kLaunchPointSection{"raids[].launch_points[]",
                                  "Where one launcher of a raid stands (a route point).", kWaypointFields};
const Section kManoeuvreSection{"threats[].manoeuvres[]", "A scripted evasive manoeuvre.", kManoeuvreFields};
const Section kJamSettingSection{"threats[].jamming[]", "A scripted change of a threat's jammer pods.",
                                 kJamSettingFields};
const Section kReactionSection{"threats[].reaction", "An aircraft's reaction to an engagement radar.",
                               kReactionFields};
const Section kSiteSection{"sites[]", "One element of the defence: radar, launcher, command post.",
                           kSiteFields};
const Section kAssetSection{"assets[]", "Something defended: a base, a city, a port.", kAssetFields};
const Section kCoverageSection{"coverage[]", "A reference altitude for the coverage drawn by a run.",
                               kCoverageFields};
const Section kSilenceSection{"sites[].silent[]", "A time window without emission.", kSilenceFields};
const Section kDefenceSection{"defence", "How the command post fights.", kDefenceFields};
const Section kExternalSection{"external", "Threats from another simulation.", kExternalFields};
const Section kZoneSection{"defence.zones[]", "An engagement zone.", kZoneFields};
const Section kEvaluationSection{
    "defence.evaluation",
    "How the command post reads a track's kinematics and weighs it (docs/models/c2.md). Every value "
    "is a modelling choice, not published doctrine: an estimate, and a candidate for sensitivity "
    "analysis.",
    kEvaluationFields};
const Section kEnvironmentSection{"environment", "Terrain, refraction and the surface under low flyers.",
                                  kEnvironmentFields};
const Section kMotionModelSection{"tracker.models[]", "One motion model of the tracker.", kMotionModelFields};
const Section kTrackSensorSection{"tracker.sensors[]", "A sensor of `opensam track`'s detections file.",
                                  kTrackSensorFields};
const Section kTrackerSection{"tracker",
                              "The tracker: the `tracker` key of a scenario, or the top of a "
                              "`--config` file of `opensam track`.",
                              kTrackerFields};
const Section kScenarioSection{"(top level)", "The keys of a scenario file.", kScenarioFields};
const Section kFigureSection{"figure", "A figure in a library file, with its provenance.", kFigureFields};
const Section kRcsTableSection{"rcs_table", "Radar cross section by aspect and band, bilinear in dBsm.",
                               kRcsTableFields};
const Section kJammerPodSection{"jammers[]", "A noise jammer's transmitter (a pod) of a threat type.",
                                kJammerPodFields};

namespace {

std::string kind_text(const FieldSpec& f) {
  switch (f.kind) {
    case K::kString: return "string";
    case K::kId: return "id";
    case K::kText: return "text";
    case K::kInteger:
      if (f.max < 1e300) return fmt::format("whole number, {:g} to {:g}", std::max(f.min, 0.0), f.max);
      return "whole number, 0 to 2^64 - 1";
    case K::kBool: return "true/false";
    case K::kQuantity:
      if (f.dim == Dimension::kNumber) return "number";
      return fmt::format("{} ({})", core::dimension_name(f.dim), core::dimension_units(f.dim));
    case K::kPosition: return "position";
    case K::kAltitude: return "altitude (m, km, ft, nmi; MSL or AGL)";
    case K::kChoice: {
      std::string s(f.choices);
      for (auto& c : s) {
        if (c == '|') c = ',';
      }
      return "one of: " + s;
    }
    case K::kStringList: return "list of strings";
    case K::kMap: return fmt::format("map `{}`", f.child->name);
    case K::kList: return fmt::format("list of `{}`", f.child->name);
    case K::kRcsTable: return "`rcs_table`";
    case K::kDbsmRows: return "map: band letter to rows of numbers (dBsm)";
    case K::kFigure:
      if (f.dim == Dimension::kNumber) return "figure: number";
      return fmt::format("figure: {} ({})", core::dimension_name(f.dim), core::dimension_units(f.dim));
  }
  return "";
}

void append_section(std::string& out, const Section& s) {
  out +=
      fmt::format("### `{}`\n\n{}\n\n| key | type | default | meaning |\n|---|---|---|---|\n", s.name, s.doc);
  for (const auto& f : s.fields) {
    const std::string def = f.required               ? std::string("required")
                            : f.default_text.empty() ? std::string("—")
                                                     : fmt::format("`{}`", f.default_text);
    out += fmt::format("| `{}` | {} | {} | {} |\n", f.key, kind_text(f), def, f.doc);
  }
  out += '\n';
}

}  // namespace

std::string format_reference() {
  std::string out =
      "# Scenario and library file format\n\n"
      "Generated by `opensam help format` from the tables that validate the files: "
      "it cannot drift from what the loader accepts.\n\n"
      "Values may carry units; a bare number is SI. Lengths: m, km, ft, nmi. Speeds: m/s, "
      "km/h, kt, `Mach N` (speed of sound of the US Standard Atmosphere 1976 at the point's "
      "altitude). Angles: rad, deg, mil. Times: s, ms, us, min, h. Frequencies: Hz to GHz. "
      "Powers: W, kW, MW, dBW, dBm. Areas and radar cross sections: m2, dBsm. Gains and "
      "losses: dB. Positions: `\"39.95N 32.69E\"` (also degrees-minutes-seconds such as "
      "`39d57'N`) or `[lat, lon]` in decimal degrees. Altitudes: a length, then `MSL` "
      "(default) or `AGL`, above the terrain of `environment.terrain` at that point (the ground "
      "is at 0 m without one). Heights are taken above the WGS-84 ellipsoid; elevation rasters "
      "are read as heights above it too.\n\n"
      "## Scenario files\n\n";
  for (const Section* s :
       {&kScenarioSection, &kEnvironmentSection, &kExternalSection, &kDefenceSection, &kZoneSection,
        &kEvaluationSection, &kSiteSection, &kSilenceSection, &kAssetSection, &kThreatSection,
        &kWaypointSection, &kManoeuvreSection, &kJamSettingSection, &kReactionSection, &kRaidSection,
        &kLaunchPointSection, &kCoverageSection}) {
    append_section(out, *s);
  }
  out +=
      "## Library files\n\n"
      "A `type:` names a file of the library: `s400/91N6E` is `systems/s400/91N6E.yaml`, "
      "`tomahawk` is `threats/tomahawk.yaml`, looked up in `$OPENSAM_DATA_DIR`, then in a "
      "`data/` folder beside the scenario, then in the installed data folder. A type ending "
      "in `.yaml` is a path relative to the scenario file. Every figure carries its source.\n\n";
  for (const Section* s :
       {&kRadarTypeSection, &kLauncherTypeSection, &kMissileTypeSection, &kCommandPostTypeSection,
        &kAircraftTypeSection, &kCruiseMissileTypeSection, &kBallisticMissileTypeSection, &kDroneTypeSection,
        &kArmTypeSection, &kDecoyTypeSection, &kFigureSection, &kRcsTableSection, &kJammerPodSection}) {
    append_section(out, *s);
  }
  out +=
      "## Tracker files\n\n"
      "`opensam track --config FILE` reads these keys at the top of FILE. Positions are metres "
      "in the local east-north-up frame of the detections file.\n\n";
  for (const Section* s : {&kTrackerSection, &kMotionModelSection, &kTrackSensorSection}) {
    append_section(out, *s);
  }
  return out;
}

}  // namespace opensam::scenario
