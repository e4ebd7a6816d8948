#pragma once
/// @file The threats of a run as one component: each flies its planned path (a function of
/// time), reaches its marks, turns away from an engagement radar that holds it, homes on its
/// radar (an anti-radiation missile) or flies on to where it last heard it, and ends killed,
/// leaked or gone. Entities of another simulation join as threats flown by dead reckoning.
///
/// It is the truth of the run's threats: sensors, seekers and the scoring observers read it
/// (position, velocity, signature-independent attributes); decision-making code never does.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "opensam/core/engine.hpp"
#include "opensam/core/entity.hpp"
#include "opensam/geo/frames.hpp"
#include "opensam/geo/terrain.hpp"
#include "opensam/threats/events.hpp"
#include "opensam/threats/flight_model.hpp"
#include "opensam/threats/trajectory.hpp"

namespace opensam::threats {

/// The radars as an anti-radiation missile's seeker meets them: where each stands and whether
/// it emits (truth; implemented by the radars' component).
class Emitters {
 public:
  virtual ~Emitters() = default;
  [[nodiscard]] virtual bool emitting(std::size_t radar, double time_s) const = 0;
  [[nodiscard]] virtual bool destroyed(std::size_t radar) const = 0;
  [[nodiscard]] virtual const geo::Lla& antenna(std::size_t radar) const = 0;
  [[nodiscard]] virtual const geo::Vec3& antenna_ecef(std::size_t radar) const = 0;
  [[nodiscard]] virtual EntityIndex site(std::size_t radar) const = 0;
};

/// What an aircraft does when an engagement radar holds it in track.
struct ReactionPlan {
  bool beam = false;  ///< put the radar abeam, else turn it to the tail
  std::optional<double> altitude_m;
  bool altitude_agl = false;  ///< altitude_m above the ground under it, else above the ellipsoid
  double duration_s = 60.0;
};

/// One threat of the scenario as the run flies it (built from the scenario by sim/).
struct MoverSpec {
  EntityIndex entity = kNoEntity;
  EntityIndex target = kNoEntity;  ///< the asset or site aimed at
  bool target_is_site = false;
  geo::Vec3 target_position_m = geo::Vec3::Zero();  ///< its centre (ECEF), for the miss distance
  FlightModel model;
  Trajectory path;     ///< planned, with this replicate's start and route jitter
  int arm_radar = -1;  ///< an anti-radiation missile's radar (index among the emitters)
  // An anti-radiation missile's seeker: its error direction (north, east; unit normal draws)
  // and accuracy.
  double seeker_north = 0.0;
  double seeker_east = 0.0;
  double seeker_accuracy_rad = 0.0;
  double lethal_radius_m = 0.0;  ///< its blast's radius against its target's hardness (0: no damage)
  double vulnerability = 1.0;    ///< kill probability of a burst that puts many fragments on it
  bool friendly = false;
  IffMode transponder = IffMode::kNone;
  std::optional<ReactionPlan> reaction;
};

struct MoverSettings {
  double duration_s = 0.0;        ///< flights are planned up to the end of the run
  bool stop_when_settled = true;  ///< end the run once every threat is settled
  /// Entities of another simulation: their type (the logs' type name) and vulnerability.
  std::string external_type;
  double external_vulnerability = 1.0;
};

class Movers {
 public:
  struct Start {
    std::uint32_t threat;
  };
  /// A threat reaches a point its plan marked (of its plan `generation`: marks of a replaced
  /// plan are ignored).
  struct Mark {
    std::uint32_t threat;
    std::uint32_t mark;
    std::uint32_t generation;
  };
  using Event = std::variant<Start, Mark>;

  Movers(core::Engine& engine, core::EntityTable& entities, const geo::Terrain& terrain,
         MoverSettings settings, std::vector<MoverSpec> threats);
  /// The radars an anti-radiation missile listens for (before start()).
  void listen_to(const Emitters& emitters) { emitters_ = &emitters; }
  /// Schedules every launch.
  void start();
  /// Settles the threats still flying (survived) at the end of the run; returns how many had
  /// started.
  std::uint32_t finish();

  void on(const Event& e);
  void on(const HeldInTrack& m);
  void on(const EmittersChanged&) { listen_all(); }
  void on(const core::SiteDestroyed&) { listen_all(); }
  void on(const Destroyed& m);
  void on(const ExternalReport& r);
  void on(const ExternalLost& m);
  /// Re-reckons entities of another simulation whose path ends within the lookahead.
  void on(const ReckonExternals&);

  // The truth of the threats, by index (scenario order, then entities of other simulations).
  [[nodiscard]] std::size_t size() const { return threats_.size(); }
  [[nodiscard]] bool flying(std::size_t i) const { return threats_[i].started && !threats_[i].outcome; }
  [[nodiscard]] bool started(std::size_t i) const { return threats_[i].started; }
  [[nodiscard]] bool external(std::size_t i) const { return threats_[i].external; }
  [[nodiscard]] EntityIndex entity(std::size_t i) const { return threats_[i].entity; }
  [[nodiscard]] const Trajectory& path(std::size_t i) const { return threats_[i].path; }
  [[nodiscard]] std::optional<Outcome> outcome(std::size_t i) const { return threats_[i].outcome; }
  [[nodiscard]] double outcome_time_s(std::size_t i) const { return threats_[i].outcome_time_s; }
  [[nodiscard]] double vulnerability(std::size_t i) const { return threats_[i].vulnerability; }
  [[nodiscard]] bool friendly(std::size_t i) const { return threats_[i].friendly; }
  [[nodiscard]] IffMode transponder(std::size_t i) const { return threats_[i].transponder; }
  [[nodiscard]] bool all_settled() const { return settled_ == threats_.size(); }
  /// The flying threat nearest `p_m` within `gate_m` now, or -1: what a sensor pointed there finds.
  [[nodiscard]] int nearest(const geo::Vec3& p_m, double gate_m) const;

 private:
  /// A threat as the run flies it: its spec, and what happened to it so far.
  struct State : MoverSpec {
    State() = default;
    explicit State(MoverSpec spec) : MoverSpec(std::move(spec)), launch_s(path.start_time_s()) {}
    double launch_s = 0.0;
    std::uint32_t generation = 0;
    std::optional<Outcome> outcome;
    double outcome_time_s = 0.0;
    bool started = false;
    bool reacted = false;
    bool hears = true;
    bool external = false;    ///< an entity of another simulation, flown by its reports
    ExternalReport report{};  ///< its last report, dead-reckoned from
  };

  void settle(State& t, Outcome outcome);
  void schedule_marks(std::uint32_t i, double from_s);
  void reach_mark(std::uint32_t i, const threats::Mark& mark);
  void listen(std::uint32_t i);
  void listen_all();
  /// Flies threat i's plan again from now; a plan that cannot be flown is reported and the
  /// threat flies on as it was.
  void replan_now(std::uint32_t i, std::optional<MarkKind> mark);
  void add_external(const ExternalReport& r);
  void redo_external(State& t, double from_s);
  [[nodiscard]] State* find_external(std::uint64_t key);
  [[nodiscard]] std::uint32_t index_of(EntityIndex entity) const;

  core::Engine& engine_;
  core::EntityTable& entities_;
  const geo::Terrain& terrain_;
  MoverSettings settings_;
  core::Timeline<Event> timeline_;
  const Emitters* emitters_ = nullptr;
  std::vector<State> threats_;
  std::size_t settled_ = 0;
  std::vector<std::uint64_t> external_keys_;
  std::vector<std::uint32_t> external_index_;  ///< into threats_, beside external_keys_
};

/// An entity of another simulation is dead-reckoned this far past the present, so that a scan can
/// look ahead at it as at a planned flight (longer than any scan period).
inline constexpr double kExternalLookahead_s = 15.0;

/// Dead reckoning of an entity from its last report (IEEE 1278.1-2012, E.4: p + v dt + a dt^2 / 2).
[[nodiscard]] Motion reckon(const ExternalReport& r, double t_s);

}  // namespace opensam::threats
