#pragma once
/// @file What the threats of a run tell (their flights' milestones and outcomes) and what they
/// hear (an engagement radar holding them, radars falling silent, a burst that kills them,
/// reports of entities of another simulation).

#include <cstdint>
#include <string>
#include <string_view>

#include "opensam/core/entity.hpp"
#include "opensam/core/names.hpp"
#include "opensam/geo/frames.hpp"
#include "opensam/threats/trajectory.hpp"

namespace opensam::threats {

using core::EntityIndex;
using core::kNoEntity;

/// An IFF transponder's mode, or an interrogator's: a transponder answers an interrogator of its
/// own mode only.
enum class IffMode : std::uint8_t { kNone, kNato, kRussian };
constexpr auto names(IffMode) {
  return std::to_array<core::Named<IffMode>>(
      {{IffMode::kNone, "none"}, {IffMode::kNato, "nato"}, {IffMode::kRussian, "russian"}});
}

/// What became of a threat. Names are part of the output format: never renamed.
enum class Outcome : std::uint8_t {
  kKilled,      ///< destroyed by the defence
  kLeaked,      ///< reached its aim point
  kNotEngaged,  ///< left the area at the end of its route without being engaged
  kSurvived,    ///< still flying (or not yet launched) when the run ended, or left after being fired at
  kMissed,      ///< reached its aim point, a site, but landed outside its blast radius of it
};
constexpr auto names(Outcome) {
  return std::to_array<core::Named<Outcome>>({{Outcome::kKilled, "killed"},
                                              {Outcome::kLeaked, "leaked"},
                                              {Outcome::kNotEngaged, "not_engaged"},
                                              {Outcome::kSurvived, "survived"},
                                              {Outcome::kMissed, "missed"}});
}

// What the threats tell.

/// A threat is launched (or an entity of another simulation appears) at `where`.
struct Appeared {
  EntityIndex threat;
  geo::Lla where;
};
struct WaypointReached {
  EntityIndex threat;
  std::uint32_t waypoint;  ///< index in the resolved route
  geo::Lla where;
};
/// A threat reached its target: a defended asset, or a site within its blast radius (the site
/// is then destroyed). `miss_m`: from its impact to the target's centre (a radar's antenna).
struct Leaked {
  EntityIndex threat;
  EntityIndex target;  ///< the asset or site aimed at
  double miss_m;
  double lethal_radius_m;  ///< its blast's radius against the target's hardness
  geo::Lla where;
};
/// A threat aimed at a site landed outside its blast radius of it.
struct StrikeMissed {
  EntityIndex threat;
  EntityIndex target;
  double miss_m;
  geo::Lla where;
};
/// A threat left the area at the end of its route.
struct Exited {
  EntityIndex threat;
  geo::Lla where;
};
/// A threat changes phase: burnout, apogee, pull-up, terminal, loiter, a scripted or reactive
/// manoeuvre, an anti-radiation missile losing or regaining its radar.
struct ThreatPhase {
  EntityIndex threat;
  MarkKind phase;
  geo::Lla where;
};
/// A threat's change of plan could not be flown (a broken route): it flies on as planned.
struct ReplanFailed {
  EntityIndex threat;
  std::string reason;
};
/// An entity of another simulation became threat `threat` (its index among the threats).
struct ExternalAdded {
  std::uint32_t threat;
  EntityIndex entity;
  std::uint64_t key;
  std::string name;
};

// What the threats hear.

/// An engagement radar holds threat `threat` in track dwells; the radar sees it at
/// `azimuth_rad` (from north, in the radar's frame).
struct HeldInTrack {
  std::uint32_t threat;
  double azimuth_rad;
};
/// A radar started or stopped emitting: anti-radiation missiles listen again.
struct EmittersChanged {};
/// A burst destroyed the threat whose entity is `threat`.
struct Destroyed {
  EntityIndex threat;
};

/// An entity of another simulation where it last said it was: dead-reckoned from there with a
/// constant velocity and acceleration (ECEF) until its next report.
struct ExternalReport {
  std::uint64_t key;  ///< the other simulation's id for it, unique
  std::string name;   ///< what the run calls it (its entity id in the logs)
  double time_s;      ///< simulation time of the report
  geo::Vec3 position_ecef_m;
  geo::Vec3 velocity_ecef_mps;
  geo::Vec3 acceleration_ecef_mps2;
};
/// The other simulation no longer reports the entity `key`: it left.
struct ExternalLost {
  std::uint64_t key;
};
/// The link to other simulations ticked: entities it flies are reckoned ahead of the present.
struct ReckonExternals {};

}  // namespace opensam::threats
