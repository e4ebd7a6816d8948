#pragma once
/// @file What a replay shows, gathered once from a run for the CZML and KML writers: the fixed
/// sites and assets, every moving object's samples (threats and interceptors from truth, the
/// command post's tracks from its reports) and the markers of intercepts and leaks.

#include <string>
#include <vector>

#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/replication.hpp"

namespace opensam::output {

/// A coverage layer drawn into a picture of the run folder, and where it lies on the map.
struct CoverageOverlay {
  std::string file;  ///< e.g. "coverage-0.png", beside the CZML and KML
  std::string name;  ///< e.g. "1 m2, Pd 0.5 at 100 m AGL"
  double west_deg = 0.0, south_deg = 0.0, east_deg = 0.0, north_deg = 0.0;
};

/// The nominal date of simulation time zero in the replays (the scenario gives no date).
inline constexpr const char* kReplayEpoch = "2000-01-01T00:00:00Z";

namespace scene {

struct Point {
  double t_s;
  geo::Lla where;
};

enum class Kind { kThreat, kFriendly, kInterceptor, kTrack };

struct Moving {
  std::string id;  ///< unique in the replay, e.g. "threat/T-1", "track/12"
  std::string name;
  Kind kind;
  std::string description;  ///< plain text, one fact per line
  std::vector<Point> points;
};

struct Fixed {
  std::string id;  ///< "site/..." or "asset/..."
  std::string name;
  std::string kind;  ///< radar | launcher | command_post | asset
  std::string description;
  geo::Lla where;
  double radius_m = 0.0;  ///< an asset's
  double until_s = -1.0;  ///< destroyed then; negative: to the end
};

struct Marker {
  std::string id;
  std::string name;
  std::string kind;  ///< kill | miss | leak | site_destroyed
  double t_s;
  geo::Lla where;
};

struct Scene {
  double end_s = 0.0;
  std::vector<Fixed> fixed;
  std::vector<Moving> moving;
  std::vector<Marker> markers;
};

[[nodiscard]] Scene build(const scenario::Scenario& sc, const sim::RunResult& run);

/// ISO 8601 time of simulation time `t_s` after kReplayEpoch, to the millisecond.
[[nodiscard]] std::string iso_time(double t_s);

}  // namespace scene
}  // namespace opensam::output
