#pragma once
/// @file A run's link to other simulations while it runs (DIS): it sees where every site, threat
/// and interceptor is at a fixed interval (truth: what the other side would see of them), it
/// paces the clock, and it brings in entities and strikes from elsewhere. The models never know
/// whether a link is there.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "opensam/core/engine.hpp"
#include "opensam/geo/frames.hpp"
#include "opensam/sim/event_log.hpp"
#include "opensam/threats/movers.hpp"
#include "opensam/weapons/battery.hpp"

namespace opensam::sim {

/// Where something of the run is, at one instant.
struct MoverState {
  EntityIndex entity;
  EntityKind kind;
  const std::string* name;  ///< its id in the logs; valid during the call
  const std::string* type;  ///< library type (empty for assets); valid during the call
  geo::Vec3 position_ecef_m;
  geo::Vec3 velocity_ecef_mps;
  bool alive;  ///< false once destroyed (a site) or ended (a threat, an interceptor)
};

using threats::ExternalReport;

/// What came in since the last poll.
struct Inbound {
  std::vector<ExternalReport> reports;
  std::vector<std::uint64_t> timed_out;  ///< keys of entities no longer reported
  std::vector<EntityIndex> strikes;      ///< our sites a weapon of another simulation destroyed
  void clear() {
    reports.clear();
    timed_out.clear();
    strikes.clear();
  }
};

class LiveLink {
 public:
  virtual ~LiveLink() = default;
  /// Simulation time between calls (s).
  [[nodiscard]] virtual double interval_s() const = 0;
  /// Every interval from 0 s: where everything is. Sites come every time, ended movers once.
  virtual void on_movers(double now_s, std::span<const MoverState> movers) = 0;
  /// After on_movers: waits for the wall clock when paced (and while the exercise is frozen),
  /// then fills `in`. False: the exercise was stopped, end the run now.
  virtual bool poll(double now_s, Inbound& in) = 0;
  /// The run made the entity `key` of a report into threat `entity`.
  virtual void bound(std::uint64_t key, EntityIndex entity) = 0;
};

/// The run's side of a link: every `interval_s` it tells the link where every site, threat and
/// interceptor is (truth: what the other simulation would see of them), and turns what comes
/// back into events: reports of entities and their time-outs for the threats, strikes on our
/// sites. It stops the run when the link says so.
class LiveBridge {
 public:
  struct Tick {};
  /// `sites_ecef_m`: where each site stands, by its entity index (sites come first).
  LiveBridge(core::Engine& engine, LiveLink& link, const core::EntityTable& entities,
             std::vector<geo::Vec3> sites_ecef_m, const threats::Movers& threats,
             const weapons::Battery* battery)
      : engine_(engine),
        link_(link),
        entities_(entities),
        sites_ecef_m_(std::move(sites_ecef_m)),
        site_down_(sites_ecef_m_.size(), false),
        threats_(threats),
        battery_(battery),
        timeline_(engine, *this) {}
  void start() { timeline_.schedule_at(0.0, Tick{}); }
  [[nodiscard]] bool stopped() const { return stopped_; }

  void on(const Tick&);
  void on(const core::SiteDestroyed& m) { site_down_[m.site] = true; }
  void on(const threats::ExternalAdded& m) { link_.bound(m.key, m.entity); }

 private:
  core::Engine& engine_;
  LiveLink& link_;
  const core::EntityTable& entities_;
  std::vector<geo::Vec3> sites_ecef_m_;
  std::vector<bool> site_down_;
  const threats::Movers& threats_;
  const weapons::Battery* battery_;  ///< none without launchers
  core::Timeline<Tick> timeline_;
  std::vector<MoverState> movers_;
  Inbound inbound_;
  bool stopped_ = false;
};

}  // namespace opensam::sim
