#pragma once
/// @file What every replicate of one scenario shares, computed once: the terrain, each radar's
/// terrain horizon, the flight of each threat whose route has no jitter, and the missile types
/// with their flyout tables. Read-only once
/// built, so the replicates of a campaign share one on any number of threads.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "opensam/c2/command_post.hpp"
#include "opensam/core/diagnostic.hpp"
#include "opensam/geo/horizon.hpp"
#include "opensam/geo/terrain.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/threat_flight.hpp"
#include "opensam/threats/trajectory.hpp"
#include "opensam/weapons/missile.hpp"

namespace opensam::sim {

class Prepared {
 public:
  /// Throws std::runtime_error when the terrain cannot be read. `sc` must outlive it.
  explicit Prepared(const scenario::Scenario& sc);

  [[nodiscard]] const scenario::Scenario& scenario() const { return sc_; }
  [[nodiscard]] const geo::Terrain& terrain() const { return terrain_; }
  /// Site `site`'s terrain horizon: null unless it is a radar over terrain.
  [[nodiscard]] const std::shared_ptr<const geo::HorizonProfile>& horizon(std::size_t site) const {
    return horizons_[site];
  }
  /// Threat `threat`'s flight in one replicate, on `model` (with that replicate's route
  /// jitter), launched `delay_s` of start jitter late. A threat without route jitter flies the
  /// flight planned here, moved in time; the others are planned now.
  [[nodiscard]] threats::Trajectory flight(std::size_t threat, const FlightModel& model,
                                           double delay_s) const;
  /// The launchers' missile types, in the order of their first launcher, and their flyouts.
  [[nodiscard]] const std::vector<weapons::MissileType>& missiles() const { return missiles_; }
  [[nodiscard]] const std::vector<std::shared_ptr<const c2::FlyoutTable>>& flyouts() const {
    return flyouts_;
  }
  /// Index in missiles() of the type with id `id`, -1 when none.
  [[nodiscard]] int missile_index(const std::string& id) const;

 private:
  friend core::Diagnostics check_arrivals(const Prepared& prepared);
  /// A flight launched at 0 s, and when it reaches its last route point (if it does).
  struct Nominal {
    threats::Trajectory path;
    std::optional<double> arrival_s;
  };

  const scenario::Scenario& sc_;
  geo::Terrain terrain_;
  std::vector<std::shared_ptr<const geo::HorizonProfile>> horizons_;  ///< per site
  std::vector<std::optional<Nominal>> nominal_;                       ///< per threat
  std::vector<weapons::MissileType> missiles_;
  std::vector<std::shared_ptr<const c2::FlyoutTable>> flyouts_;
};

/// Every threat with a time on target that cannot make it without its route jitter, named at
/// its `time_on_target` key (one message per key).
[[nodiscard]] core::Diagnostics check_arrivals(const Prepared& prepared);

/// A scenario loaded, prepared for its replicates and its times on target checked; or every
/// error found, in the order found. `prepared` refers to `*scenario`.
struct LoadedScenario {
  std::unique_ptr<const scenario::Scenario> scenario;
  std::unique_ptr<const Prepared> prepared;
  core::Diagnostics errors;
  [[nodiscard]] bool ok() const { return errors.empty(); }
  /// "demo.yaml: 2 errors"
  [[nodiscard]] std::string error_count(const std::string& name) const;
};

/// Loads the scenario file `name` (or `text`, which stands for it, its includes relative to
/// `base_dir`) with `overrides` set, prepares it and checks its times on target: what the
/// command line, campaigns and Python all do before running it.
[[nodiscard]] LoadedScenario load_prepared(const std::string& name, const std::optional<std::string>& text,
                                           const std::string& base_dir,
                                           const std::vector<scenario::Override>& overrides = {});

}  // namespace opensam::sim
