#pragma once
/// @file The command post's fire control as a component of the run: at each update of its air
/// picture it runs its cycle (kill assessment, evaluation, identification, rules of
/// engagement, assignment, doctrine, emission control; c2/command_post.hpp), orders its
/// launchers, times each launch and sends the missiles in flight their tracks' estimates. It
/// knows its picture, its IFF's replies and its own equipment, never truth.

#include <cstdint>
#include <optional>
#include <vector>

#include "opensam/c2/air_picture.hpp"
#include "opensam/c2/command_post.hpp"
#include "opensam/core/engine.hpp"
#include "opensam/core/entity.hpp"
#include "opensam/geo/terrain.hpp"
#include "opensam/weapons/events.hpp"

namespace opensam::c2 {

/// What the command post learns from its own equipment beside the picture: whether each radar
/// is on the air, and whether a track answers its IFF interrogator (wired by the run).
class Equipment {
 public:
  virtual ~Equipment() = default;
  [[nodiscard]] virtual bool radar_up(int radar, double time_s) const = 0;
  [[nodiscard]] virtual bool answers_iff(const TrackView& track) const = 0;
};

/// A launcher as the fire control knows it: the unit the command post decides on, its site,
/// and its ripple.
struct FireUnit {
  LauncherUnit unit;
  core::EntityIndex site = core::kNoEntity;
  double ripple_s = 0.0;  ///< between two launches of one order
};

class FireControl {
 public:
  /// A launcher fires one missile of an order.
  struct LaunchDue {
    std::uint64_t track;
    int launcher;
    int radar;
  };

  /// `radar_sites` names each radar's site for the logs; `terrain` is the command post's map of
  /// the ground under the tracks.
  FireControl(core::Engine& engine, CommandPost command, const AirPicture& picture,
              const Equipment& equipment, const geo::Terrain& terrain, std::vector<FireUnit> launchers,
              std::vector<core::EntityIndex> radar_sites);

  void on(const PictureUpdated& m);
  void on(const LaunchDue& e);
  void on(const weapons::LauncherStatus& m);
  void on(const weapons::ShotEnded& m);
  void on(const weapons::LaunchAborted& m);

 private:
  void order(const Order& o, double now_s);
  /// What radar `radar` can guide a missile on: its picture's estimate of `track`, while the
  /// radar is on the air and holds the track (by its strobes too when the missile homes on jam).
  [[nodiscard]] std::optional<weapons::TargetEstimate> guidance(std::uint64_t track, int radar, double now_s,
                                                                bool home_on_jam) const;
  /// The guiding radars' estimates to the missiles in flight.
  void uplink(double now_s);

  core::Engine& engine_;
  CommandPost command_;
  const AirPicture& picture_;
  const Equipment& equipment_;
  const geo::Terrain& terrain_;
  core::Timeline<LaunchDue> timeline_;
  std::vector<FireUnit> launchers_;
  std::vector<core::EntityIndex> radar_sites_;
  // Buffers reused from one cycle to the next.
  std::vector<TrackView> views_;
  std::vector<bool> iff_;
  std::vector<LauncherUnit> units_;
  std::vector<weapons::Uplink> uplinks_;
};

}  // namespace opensam::c2
