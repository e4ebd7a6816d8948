#pragma once
/// @file The command post: threat evaluation, identification, rules of engagement,
/// weapon-target assignment under the fire units' limits, doctrine and kill assessment. It
/// sees the air picture's tracks, its IFF's replies and its own weapons' state, never truth:
/// nothing in this module can name a threat.

#include <cstdint>
#include <memory>
#include <vector>

#include "opensam/c2/events.hpp"
#include "opensam/c2/types.hpp"
#include "opensam/geo/terrain.hpp"
#include "opensam/tracking/assignment.hpp"
#include "opensam/weapons/envelope.hpp"
#include "opensam/weapons/missile.hpp"

namespace opensam::c2 {

using weapons::Vec3;

/// A track of the air picture as the command post sees it (ECEF).
struct TrackView {
  std::uint64_t id = 0;
  Vec3 position_m = Vec3::Zero();
  Vec3 velocity_mps = Vec3::Zero();
  double altitude_m = 0.0;       ///< above the ellipsoid
  double height_m = 0.0;         ///< above the ground under it (the command post's map)
  double sigma_m = 0.0;          ///< position uncertainty (root of the covariance's trace)
  double updated_s = 0.0;        ///< time of the last measurement
  std::uint64_t held_by = 0;     ///< radars (bit r) whose plots keep it
  std::uint64_t strobed_by = 0;  ///< radars (bit r) whose jam strobes keep it
};

/// A defended asset, or a radar an anti-radiation missile may go for.
struct Point {
  Vec3 position_m = Vec3::Zero();
  double radius_m = 0.0;
};

struct RadarUnit {
  Vec3 position_m = Vec3::Zero();
  int battalion = 0;
  int fire_channels = 0;  ///< 0: not an engagement radar
  int missiles_guided = 0;
  bool up = true;  ///< emitting and not destroyed
};

struct LauncherUnit {
  Vec3 position_m = Vec3::Zero();
  int battalion = 0;
  int missile = 0;  ///< index into the missile types
  int rounds = 0;
  double ready_s = 0.0;     ///< free to take an order from then (ripple, reload)
  double reaction_s = 0.0;  ///< from an order to the first launch
  double altitude_m = 0.0;  ///< of position_m above the ellipsoid
};

/// A circle the fire control engages in, between two altitudes.
struct Zone {
  Vec3 centre_m = Vec3::Zero();
  double radius_m = 0.0;
  double min_altitude_m = 0.0;
  double max_altitude_m = 1e9;
};

struct Settings {
  Roe roe = Roe::kFree;
  Doctrine doctrine = Doctrine::kShootLookShoot;
  bool engage_on_remote = false;
  double kill_assessment_s = 5.0;  ///< after the last missile's end, before judging the track
  int max_missiles_per_track = 4;
  std::vector<Zone> zones;    ///< empty: everywhere
  bool emcon_on_arm = false;  ///< silence a radar an anti-radiation missile goes for
  double arm_silence_s = 60.0;
  EvaluationParameters evaluation;
};

/// The command post's evaluation of a track.
struct Evaluation {
  std::uint64_t track = 0;
  TrackClass type = TrackClass::kAircraft;
  double time_to_asset_s = 0.0;  ///< until it reaches a defended asset; infinite when not heading for one
  double value = 0.0;            ///< priority
  int radar_targeted = -1;       ///< anti-radiation: the radar it heads for
};

/// What a track's kinematics say it is (step 2 of a cycle): `speed_mps`, `climb_mps` (up,
/// positive climbing), `height_m` above the ground, and whether its ground track passes within
/// `arm_track_miss_m` of a radar ahead.
[[nodiscard]] TrackClass classify(double speed_mps, double climb_mps, double height_m, bool heading_for_radar,
                                  const EvaluationParameters& p);
/// Priority: the class's weight times the urgency of reaching an asset in `time_to_asset_s`
/// (infinite: heading for none).
[[nodiscard]] double priority(TrackClass c, double time_to_asset_s, const EvaluationParameters& p);
/// Whether the rules of engagement let a track of `e` be engaged (step 4): `free` every track,
/// `tight` missiles, drones and aircraft heading for an asset, `hold` none.
[[nodiscard]] bool roe_permits(Roe roe, const Evaluation& e);
/// Missiles per order (step 6): two for shoot-shoot, one for shoot-look-shoot, at most `rounds`.
[[nodiscard]] int salvo_size(Doctrine doctrine, int rounds);
/// The command post's single-shot kill estimate: the Carleton damage function exp(-d^2/R^2)
/// averaged over a circular normal miss of sigma `planning_miss_m`, R^2 / (R^2 + 2 s^2) (Driels,
/// *Weaponeering*, 2nd ed., 2013, ch. 9).
[[nodiscard]] double planned_pk(double lethal_radius_m, double planning_miss_m);

/// Launch `missiles` from `launcher` at `track`, guided by `radar`.
struct Order {
  std::uint64_t track = 0;
  int launcher = 0;
  int radar = 0;
  int missiles = 1;
  bool home_on_jam = false;  ///< the missiles' seekers home on jam
  bool on_strobes = false;   ///< the radar holds the track by its jammer's strobes only
  double pk = 0.0;           ///< the command post's estimate per missile
  double time_of_flight_s = 0.0;
  Vec3 intercept_m = Vec3::Zero();  ///< predicted intercept point
  bool reengagement = false;
};

/// A track the command post judged after its engagement.
struct Assessment {
  std::uint64_t track = 0;
  bool killed = false;
};

struct Silence {
  int radar = 0;
  double until_s = 0.0;
};

/// What one command-post cycle decided.
struct Decisions {
  std::vector<Evaluation> identified;  ///< newly identified tracks (IFF answered or not)
  std::vector<Order> orders;
  std::vector<NotEngaged> not_engaged;  ///< when a track's reason changes
  std::vector<Assessment> assessments;
  std::vector<Silence> silences;
};

/// Time of flight against straight-line distance from the launcher, from one flyout of the type.
class FlyoutTable {
 public:
  explicit FlyoutTable(const weapons::InterceptorType& type);
  /// Time to fly `distance_m`; negative beyond the table (the missile never gets there).
  [[nodiscard]] double time_s(double distance_m) const;

 private:
  std::vector<double> distance_m_, time_s_;
};

class CommandPost {
 public:
  /// `flyouts` (one per missile type, shared between command posts of one scenario) are built
  /// here when empty.
  /// The ground under the intercept points (the command post's map): engagement altitudes are
  /// heights above it; without a map, above the ellipsoid.
  void use_map(const geo::Terrain& terrain) { map_ = &terrain; }

  CommandPost(Settings settings, std::vector<weapons::MissileType> missiles, std::vector<Point> assets,
              std::vector<RadarUnit> radars, std::vector<std::shared_ptr<const FlyoutTable>> flyouts = {});

  /// One cycle at `now_s`: `tracks` are the picture's confirmed tracks, `iff_friend` whether
  /// each answered the IFF (same order), `launchers` the fire units' state. Orders take their
  /// launcher's time to react; the caller launches and reports each missile's end.
  [[nodiscard]] const Decisions& decide(double now_s, const std::vector<TrackView>& tracks,
                                        const std::vector<bool>& iff_friend,
                                        const std::vector<LauncherUnit>& launchers);

  /// A radar comes up or goes down (silenced, destroyed).
  void set_radar_up(int radar, bool up) { radars_[std::size_t(radar)].up = up; }
  /// A missile guided by `radar` at `track` ended (burst or self-destruct) at `time_s`.
  void missile_ended(std::uint64_t track, int radar, double time_s);
  /// Missiles of an order that were not fired (the track was lost before launch).
  void missile_cancelled(std::uint64_t track, int radar);

  /// `f(track, radar, home_on_jam)` for each engagement with missiles in flight or about to
  /// launch, the radar guiding them, and whether their seekers home on jam (so that the radar's
  /// strobes of the track may guide them).
  template <class F>
  void for_each_engagement_in_flight(F&& f) const {
    for (const Engagement& g : engagements_) {
      if (g.in_flight > 0) f(g.track, g.radar, g.home_on_jam);
    }
  }

  [[nodiscard]] const Settings& settings() const { return settings_; }
  [[nodiscard]] const std::vector<weapons::MissileType>& missiles() const { return missiles_; }
  [[nodiscard]] const FlyoutTable& flyout(int missile) const { return *flyouts_[std::size_t(missile)]; }

  /// Classification, time to the nearest asset and priority of a track (Evaluation::track set).
  [[nodiscard]] Evaluation evaluate(const TrackView& t) const;

 private:
  struct Engagement {
    std::uint64_t track = 0;
    Identity identity = Identity::kPending;
    TrackClass type = TrackClass::kAircraft;
    int in_flight = 0;
    int fired = 0;
    int radar = -1;            ///< holding a fire channel while in flight
    bool home_on_jam = false;  ///< its missiles in flight home on jam
    double last_end_s = -1.0;
    bool assessed_kill = false;
    double assessed_s = -1.0;  ///< when it was judged killed
    bool reengage = false;
    std::uint32_t reported = 0;  ///< reasons (bit r) reported since its last order
    double updated_s = -1.0;     ///< its track's last measurement seen
    bool silenced = false;       ///< its radar was silenced against it
  };
  const geo::Terrain* map_ = nullptr;
  Engagement& engagement(std::uint64_t track);
  // The steps of a cycle (docs/models/c2.md), in order.
  /// 1. Kill assessment of the engagements whose missiles ended the assessment time ago; a
  /// track judged killed that is measured again is alive after all: judged again, engaged again.
  void assess_kills(double now_s, const std::vector<TrackView>& tracks);
  /// 2-4, 7. Each track evaluated, identified once, silenced against when it is an
  /// anti-radiation missile; the candidates for engagement kept (evals_, rows_).
  void select_candidates(double now_s, const std::vector<TrackView>& tracks,
                         const std::vector<bool>& iff_friend);
  /// 5. For each candidate and launcher with rounds: the predicted intercept and a guiding radar,
  /// and the value of the shot (cost_, candidates_, why_not_); then the assignment solved.
  void assign(double now_s, const std::vector<TrackView>& tracks, const std::vector<LauncherUnit>& launchers);
  /// 6, 8. Orders, most valuable first, as the radars' fire channels allow; the rest reported
  /// with why.
  void allocate(const std::vector<TrackView>& tracks, int n_launchers);
  /// An engagement radar that can guide `n` missiles of launcher `l` at track `t`: of the
  /// launcher's battalion, else (engage on remote) another's; one that holds the track by its
  /// plots first, else, for missiles that home on jam (`hoj`), by its jam strobes (`on_strobes`
  /// set); -1 when none.
  [[nodiscard]] int guiding_radar(const TrackView& t, const LauncherUnit& l, int n, bool hoj,
                                  bool& on_strobes) const;
  /// Reports `g`'s track not engaged for `why`, unless already reported since its last order.
  void report(Engagement& g, Reason why);
  /// Predicted intercept of `t` by a missile of `missile` from `from`, within its published
  /// zone; false when outside.
  bool intercept(const TrackView& t, const Evaluation& e, const LauncherUnit& l, double now_s, Order& o,
                 Reason& why) const;

  Settings settings_;
  std::vector<weapons::MissileType> missiles_;
  std::vector<std::shared_ptr<const FlyoutTable>> flyouts_;
  std::vector<Point> assets_;
  std::vector<RadarUnit> radars_;
  std::vector<int> channels_used_, missiles_in_flight_;  ///< per radar
  std::vector<double> zone_altitude_m_;                  ///< per zone, its centre's height
  std::vector<Engagement> engagements_;                  ///< by track id, kept sorted
  Decisions out_;
  tracking::AssignmentWorkspace ws_;
  std::vector<double> cost_;
  std::vector<int> col_for_row_;
  std::vector<Order> candidates_;  ///< per candidate track and launcher
  std::vector<Evaluation> evals_;  ///< per candidate track
  std::vector<std::size_t> rows_;  ///< candidate track -> index in the cycle's tracks
  std::vector<Reason> why_not_;    ///< per candidate track
  std::vector<int> order_rows_;
};

}  // namespace opensam::c2
