#pragma once
/// @file What the command post tells: changes in its air picture, identifications,
/// assignments, holds and kill assessments. Nothing here names a threat: the command post
/// knows tracks.

#include <cstdint>

#include "opensam/c2/types.hpp"
#include "opensam/core/entity.hpp"
#include "opensam/geo/frames.hpp"
#include "opensam/tracking/types.hpp"

namespace opensam::c2 {

using core::EntityIndex;

/// A change in the command post's air picture, with the track's estimate at the event's time
/// in the command post's east-north-up frame (no estimate when it is dropped).
struct TrackReport {
  std::uint64_t track;
  tracking::TrackEventKind kind;
  tracking::TrackStatus status;
  bool has_estimate = false;
  geo::Vec3 position_m = geo::Vec3::Zero();
  geo::Vec3 velocity_mps = geo::Vec3::Zero();
  double sigma_m = 0.0;  ///< square root of the position covariance's trace
  geo::Lla where = {};
  bool from_strobes = false;  ///< the track started from crossing jam strobes alone
};

/// The command post identified a new track: its class from kinematics and the IFF's answer.
struct Identified {
  std::uint64_t track;
  TrackClass type;
  Identity identity;
  double time_to_asset_s;  ///< infinite when not heading for an asset
};

/// The command post assigned a launcher (and the engagement radar that guides) to a track.
struct Assigned {
  std::uint64_t track;
  EntityIndex launcher;
  EntityIndex radar;
  std::uint32_t missiles;
  double pk;                ///< the command post's estimate per missile
  double time_of_flight_s;  ///< predicted
  bool on_strobes;          ///< the radar holds the track by its jammer's strobes (home-on-jam)
};

/// A track the command post judged missed after its engagement is engaged again.
struct ReEngaged {
  std::uint64_t track;
};

/// A candidate track the command post does not engage, and why (reported when the reason changes).
struct NotEngaged {
  std::uint64_t track = 0;
  Reason reason;
};

/// The command post's judgement of an engaged track: lost (killed) or still there (missed).
struct KillAssessed {
  std::uint64_t track;
  bool killed;
};

}  // namespace opensam::c2
