#pragma once
/// @file The command post's vocabulary, shared with the event log: what a track is, what the
/// IFF made of it, how the command post fights and why it holds fire.

#include <cstdint>
#include <string_view>

namespace opensam::c2 {

/// What a track's kinematics say it is.
enum class TrackClass : std::uint8_t { kAircraft, kCruiseMissile, kBallisticMissile, kAntiRadiation, kDrone };
[[nodiscard]] std::string_view track_class_name(TrackClass c);

/// What the IFF made of a track.
enum class Identity : std::uint8_t { kPending, kFriend, kUnknown };
[[nodiscard]] std::string_view identity_name(Identity i);

enum class Roe : std::uint8_t { kFree, kTight, kHold };
enum class Doctrine : std::uint8_t { kShootLookShoot, kShootShoot };

/// Why a track that is a candidate is not engaged now. Names are part of the output format.
enum class Reason : std::uint8_t { kRoe, kFriend, kOutsideZone, kOutOfEnvelope, kNoFireChannel, kNoMissile };
[[nodiscard]] std::string_view reason_name(Reason r);

}  // namespace opensam::c2
