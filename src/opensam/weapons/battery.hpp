#pragma once
/// @file The launchers and interceptors of a run as one component: magazines and reloads,
/// launches on the fire control's orders, interceptors flown every guidance step on the
/// uplinked estimate of their track, and the kill draw of each burst. The ledger of shots.
///
/// Its seekers and fuzes meet whatever flies where they look (the Scene, truth); its guidance
/// flies on the fire control's estimates only.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "opensam/core/engine.hpp"
#include "opensam/core/entity.hpp"
#include "opensam/weapons/events.hpp"
#include "opensam/weapons/interceptor.hpp"
#include "opensam/weapons/missile.hpp"

namespace opensam::weapons {

/// What an interceptor's seeker and fuze meet, and the illumination a track-via-missile seeker
/// needs (truth, wired by the run). Objects are numbered by the run; -1 is none.
class Scene {
 public:
  virtual ~Scene() = default;
  /// The object flying nearest `p_m` within `gate_m` now.
  [[nodiscard]] virtual int nearest(const Vec3& p_m, double gate_m) const = 0;
  [[nodiscard]] virtual bool present(int object) const = 0;
  [[nodiscard]] virtual Vec3 position_at(int object, double time_s) const = 0;
  [[nodiscard]] virtual EntityIndex entity(int object) const = 0;
  /// Its RCS seen from `from_m` at `frequency_hz` at `time_s` (its aspect then).
  [[nodiscard]] virtual double rcs_m2(int object, const Vec3& from_m, double frequency_hz,
                                      double time_s) const = 0;
  /// Its span (glint) and vulnerable area (fragment hits that kill).
  [[nodiscard]] virtual double span_m(int object) const = 0;
  [[nodiscard]] virtual double vulnerable_area_m2(int object) const = 0;
  /// Kill probability of a burst that puts many fragments on it (at most 1).
  [[nodiscard]] virtual double vulnerability(int object) const = 0;
  /// A friendly aircraft: killing it is a fratricide.
  [[nodiscard]] virtual bool friendly(int object) const = 0;
  /// A noise jammer on the air: where it is and the power density (W/Hz of ERP) it radiates
  /// at the frequency asked about.
  struct Jammer {
    int object;
    Vec3 position_m;
    double density_w_hz;
  };
  /// Every noise jammer on the air at `time_s` that covers `frequency_hz` (into `out`, cleared).
  virtual void jammers(double frequency_hz, double time_s, std::vector<Jammer>& out) const = 0;
  /// The power density (W/Hz of ERP) its own jammers radiate at `frequency_hz` that a seeker
  /// hears; 0 when it has nothing to home on.
  [[nodiscard]] virtual double own_jam_density_w_hz(int object, double frequency_hz) const = 0;
  /// Whether terrain leaves a line of sight from `from_m` to `to_m`.
  [[nodiscard]] virtual bool in_sight(const Vec3& from_m, const Vec3& to_m) const = 0;
  /// Range from guiding radar `radar` to `p_m` while it emits at `time_s`; 0 when it does not.
  [[nodiscard]] virtual double illuminator_range_m(int radar, const Vec3& p_m, double time_s) const = 0;
  /// Whether guiding radar `radar` sees `p_m` over the terrain, so that it can light it.
  [[nodiscard]] virtual bool lit(int radar, const Vec3& p_m) const = 0;
};

/// A launcher of the run.
struct LauncherSpec {
  EntityIndex site = kNoEntity;
  std::string site_id;    ///< names its interceptors: "<site>/<n>"
  std::string battalion;  ///< for the ledger
  int missile = 0;        ///< index into the missile types
  int rounds = 0;
  int capacity = 0;
  int reloads = 0;
  double ready_s = 0.0;
  double reload_s = 0.0;
  Vec3 position_m = Vec3::Zero();
};

struct BatterySettings {
  bool record_truth = true;       ///< tell InterceptorTruth
  double truth_interval_s = 1.0;  ///< how often in flight
};

class Battery {
 public:
  /// Every flying interceptor takes a guidance step.
  struct GuidanceStep {};
  /// A transloader has refilled a launcher.
  struct Reload {
    int launcher;
  };
  using Event = std::variant<GuidanceStep, Reload>;

  /// Guidance step of the interceptors in a run (s).
  static constexpr double kGuidanceStep_s = 0.05;

  /// `missiles` must outlive the battery (its interceptors fly on their types).
  Battery(core::Engine& engine, core::EntityTable& entities, const Scene& scene, BatterySettings settings,
          const std::vector<MissileType>& missiles, std::vector<LauncherSpec> launchers,
          const geo::Terrain* terrain = nullptr);

  void on(const Event& e);
  void on(const Commit& m);
  void on(const Uncommit& m);
  void on(const Launch& m);
  void on(const Uplinks& m);
  void on(const core::SiteDestroyed& m);

  /// Ends the shots still flying at the end of the run.
  void finish();
  [[nodiscard]] const std::vector<ShotRecord>& shots() const { return shots_; }
  [[nodiscard]] std::vector<ShotRecord> take_shots() { return std::move(shots_); }

  /// An interceptor as another simulation sees it.
  struct FlightView {
    EntityIndex interceptor;
    const std::string* missile;
    bool flying;
    Vec3 position_m;  ///< its burst or self-destruct point once ended
    Vec3 velocity_mps;
  };
  template <class F>
  void for_each_flight(F&& f) const {
    for (const Flight& x : flights_) {
      const bool flying = x.flyer.flying();
      f(FlightView{shots_[x.shot].interceptor, &shots_[x.shot].missile, flying, x.position_m(),
                   Vec3(x.flyer.state().velocity_mps)});
    }
  }

 private:
  struct Launcher {
    LauncherSpec spec;
    int rounds = 0;
    int reloads = 0;
    double ready_s = 0.0;
    int fired = 0;
    bool reloading = false;  ///< a transloader is on its way
    bool destroyed = false;
  };
  /// An interceptor in flight and what it guides on.
  struct Flight {
    Interceptor flyer;
    std::uint32_t shot;  ///< index into shots_
    int launcher;
    std::uint64_t track;
    int radar;
    int missile;
    int target = -1;  ///< the object near what it guides on (for its seeker and fuze)
    TargetEstimate estimate;
    core::RngStream kill;
    core::RngStream seeker;  ///< the seeker's noise and the fuze's timing
    bool in_sight = true;    ///< the last terrain check from the missile to its object
    double sight_checked_s = -1e9;
    bool lit = true;  ///< the last terrain check from the guiding radar to the object
    double lit_checked_s = -1e9;
    /// Where it is, or where it burst or self-destructed.
    [[nodiscard]] Vec3 position_m() const {
      return flyer.flying() ? Vec3(flyer.state().position_m) : flyer.end_position_m();
    }
  };

  void guide();
  /// What flight `f`'s seeker and fuze meet of `object` from `from_s` to now.
  [[nodiscard]] TargetTruth truth(Flight& f, int object, double from_s);
  void reload(int launcher);
  /// The burst or self-destruct of flight `f`, which ended at now in `phase`.
  void end(Flight& f, InterceptorPhase phase, int target);
  void status(int launcher);
  void sample(const Flight& f);

  core::Engine& engine_;
  core::EntityTable& entities_;
  const Scene& scene_;
  BatterySettings settings_;
  core::Timeline<Event> timeline_;
  const std::vector<MissileType>& missiles_;
  const geo::Terrain* terrain_;
  std::vector<Launcher> launchers_;
  std::vector<Flight> flights_;
  std::vector<ShotRecord> shots_;
  /// The jammers the seekers of one guidance step meet, asked once for all its missiles at a
  /// time and frequency, and asked again after anything the step publishes (a kill).
  std::vector<Scene::Jammer> jammers_;
  bool jammers_fresh_ = false;
  double jammers_time_s_ = 0.0;
  double jammers_frequency_hz_ = 0.0;
  bool guidance_scheduled_ = false;
};

}  // namespace opensam::weapons
