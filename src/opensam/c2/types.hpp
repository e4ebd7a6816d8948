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

}  // namespace opensam::c2
