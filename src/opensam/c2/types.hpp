#pragma once
/// @file The command post's vocabulary, shared with the event log: what a track is, what the
/// IFF made of it, how the command post fights and why it holds fire.

#include <cstdint>
#include <string_view>

#include "opensam/core/names.hpp"

namespace opensam::c2 {

/// What a track's kinematics say it is.
enum class TrackClass : std::uint8_t { kAircraft, kCruiseMissile, kBallisticMissile, kAntiRadiation, kDrone };
constexpr auto names(TrackClass) {
  return std::to_array<core::Named<TrackClass>>({{TrackClass::kAircraft, "aircraft"},
                                                 {TrackClass::kCruiseMissile, "cruise_missile"},
                                                 {TrackClass::kBallisticMissile, "ballistic_missile"},
                                                 {TrackClass::kAntiRadiation, "anti_radiation_missile"},
                                                 {TrackClass::kDrone, "drone"}});
}

/// What the IFF made of a track.
enum class Identity : std::uint8_t { kPending, kFriend, kUnknown };
constexpr auto names(Identity) {
  return std::to_array<core::Named<Identity>>(
      {{Identity::kPending, "pending"}, {Identity::kFriend, "friend"}, {Identity::kUnknown, "unknown"}});
}

/// Rules of engagement: engage every track that does not answer the IFF (free), only those
/// that threaten (tight), none (hold).
enum class Roe : std::uint8_t { kFree, kTight, kHold };
constexpr auto names(Roe) {
  return std::to_array<core::Named<Roe>>(
      {{Roe::kFree, "free"}, {Roe::kTight, "tight"}, {Roe::kHold, "hold"}});
}
enum class Doctrine : std::uint8_t { kShootLookShoot, kShootShoot };
constexpr auto names(Doctrine) {
  return std::to_array<core::Named<Doctrine>>(
      {{Doctrine::kShootLookShoot, "shoot_look_shoot"}, {Doctrine::kShootShoot, "shoot_shoot"}});
}

/// Why a track that is a candidate is not engaged now. Names are part of the output format.
enum class Reason : std::uint8_t { kRoe, kFriend, kOutsideZone, kOutOfEnvelope, kNoFireChannel, kNoMissile };
constexpr auto names(Reason) {
  return std::to_array<core::Named<Reason>>({{Reason::kRoe, "roe"},
                                             {Reason::kFriend, "friend"},
                                             {Reason::kOutsideZone, "outside_zone"},
                                             {Reason::kOutOfEnvelope, "out_of_envelope"},
                                             {Reason::kNoFireChannel, "no_fire_channel"},
                                             {Reason::kNoMissile, "no_missile"}});
}

/// How the command post reads a track's kinematics and weighs it: thresholds and weights that
/// are modelling choices, not published doctrine (docs/models/c2.md; scenario key
/// `defence.evaluation`, where each is declared with its default).
struct EvaluationParameters {
  double ballistic_speed_mps = 1200.0;  ///< faster: a ballistic missile
  double arm_speed_mps = 450.0;         ///< faster, heading for a radar: anti-radiation
  double arm_track_miss_m = 3000.0;     ///< its ground track passes this close to the radar
  double diving_speed_mps = 800.0;      ///< faster and ...
  double diving_rate_mps = 300.0;       ///< ... falling faster: a ballistic missile
  double drone_speed_mps = 70.0;        ///< slower: a drone
  double cruise_height_m = 300.0;       ///< lower above the ground and ...
  double cruise_speed_mps = 350.0;      ///< ... slower: a cruise missile
  double asset_margin_m = 1000.0;       ///< heads for an asset passing within its radius + this
  double urgency_time_s = 600.0;        ///< urgency T / (T + time to asset)
  double urgency_no_asset = 0.2;        ///< urgency of a track heading for no asset
  double weight_ballistic = 5.0;        ///< class weights of the priority
  double weight_cruise = 4.0;
  double weight_anti_radiation = 4.0;
  double weight_aircraft = 3.0;
  double weight_drone = 2.0;
  double remeasured_after_s = 0.5;  ///< kill assessment: measured this long after the burst = alive
  double planning_miss_m = 5.0;     ///< the miss expected of a guided missile, for the Pk estimate
};

}  // namespace opensam::c2
