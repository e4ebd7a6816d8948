#pragma once
/// @file The radars of a run as one component: each rotates or searches its sector frame by
/// frame, looks at each target in reach when its beam crosses it, holds what a sector radar
/// detects in track dwells up to its capacity, measures jam strobes, draws false alarms, and
/// emits or keeps silent (scheduled windows, silence against an anti-radiation missile,
/// destruction). It reads the threats' truth and reports to the air picture only what a radar
/// measures.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "opensam/core/engine.hpp"
#include "opensam/core/entity.hpp"
#include "opensam/core/rng.hpp"
#include "opensam/sensors/events.hpp"
#include "opensam/sensors/radar.hpp"
#include "opensam/threats/events.hpp"
#include "opensam/threats/movers.hpp"
#include "opensam/tracking/types.hpp"

namespace opensam::sensors {

/// What the command post receives of a detection: the measurement and its sigmas, not the
/// truth behind it.
[[nodiscard]] tracking::Detection plot_of(double time_s, const Detection& d);
/// What the command post receives of a jam strobe: its bearing and sigmas.
[[nodiscard]] tracking::Detection plot_of(double time_s, const JamStrobe& s);

/// A scripted change of one threat's pods (scenario `jamming`): what is given changes.
struct JamSwitch {
  std::uint32_t threat = 0;
  double at_s = 0.0;
  std::string pod;  ///< empty: every pod
  std::optional<bool> on;
  std::optional<JamTechnique> technique;
  std::optional<JamAim> aim;
  int aim_radar = -1;
  double aim_azimuth_rad = 0.0;
};

/// Applies a switch to a threat's pods.
void apply_switch(const JamSwitch& s, std::vector<JammerPod>& pods);

class RadarScheduler final : public threats::Emitters {
 public:
  /// A rotation or search frame begins.
  struct Scan {
    std::uint32_t radar;
  };
  /// The beam is on a target.
  struct Look {
    std::uint32_t radar;
    std::uint32_t threat;
  };
  /// A sector radar's track dwell on a held target.
  struct Dwell {
    std::uint32_t radar;
    std::uint32_t threat;
  };
  /// The beam is on a jammer.
  struct Strobe {
    std::uint32_t radar;
    std::uint32_t threat;
  };
  /// A noise crossing somewhere in the coverage.
  struct FalseAlarm {
    std::uint32_t radar;
  };
  /// A repeater's pulse comes in through the sidelobes while the beam points elsewhere.
  struct SidelobeFalseTarget {
    std::uint32_t radar;
    std::uint32_t threat;
    std::uint32_t pod;  ///< in the threat's jammers
  };
  /// A scheduled silence window begins (on = false) or ends.
  struct Window {
    std::uint32_t radar;
    bool on;
  };
  /// A radar silenced against an anti-radiation missile may emit again.
  struct SilenceEnd {
    std::uint32_t radar;
  };
  struct Switch {
    std::uint32_t index;  ///< into the script
  };
  using Event =
      std::variant<Scan, Look, Dwell, Strobe, FalseAlarm, SidelobeFalseTarget, Window, SilenceEnd, Switch>;

  /// `radars` in the order the run numbers them; `signatures` what they see of each threat of
  /// `threats`, and `external` of each entity of another simulation that joins.
  RadarScheduler(core::Engine& engine, const core::EntityTable& entities, const threats::Movers& threats,
                 std::vector<std::unique_ptr<Radar>> radars, std::vector<Signature> signatures,
                 Signature external);

  /// Schedules each radar's first scan and its silence windows.
  void start();
  /// Scripted changes of the threats' pods, applied at their times (those at 0 s before any
  /// look).
  void script(std::vector<JamSwitch> switches) { script_ = std::move(switches); }

  void on(const Event& e);
  void on(const SilenceOrder& m);
  void on(const core::SiteDestroyed& m);
  void on(const threats::ExternalAdded& m);

  [[nodiscard]] std::size_t size() const { return radars_.size(); }
  [[nodiscard]] const Radar& radar(std::size_t r) const { return *radars_[r].radar; }
  /// What the radars see of threat `i`: its RCS model and jammer.
  [[nodiscard]] const Signature& signature(std::size_t i) const { return signatures_[i]; }
  /// Calls `f(threat, position_ecef_m, signature)` for each threat whose jammer is on the air
  /// (it carries one and flies) at `time_s`, in threat order.
  template <class F>
  void for_each_jammer(double time_s, F&& f) const {
    for (std::size_t i = 0; i < threats_.size(); ++i) {
      const Signature& sig = signatures_[i];
      if (sig.jammers.empty() || !threats_.flying(i)) continue;
      f(i, threats_.path(i).position_at(time_s), sig);
    }
  }
  /// Emitting now: not destroyed, not in a silence window, not silenced against an ARM.
  [[nodiscard]] bool on_air(std::size_t r, double time_s) const;

  // threats::Emitters
  [[nodiscard]] bool emitting(std::size_t r, double time_s) const override { return on_air(r, time_s); }
  [[nodiscard]] bool destroyed(std::size_t r) const override { return radars_[r].destroyed; }
  [[nodiscard]] const geo::Lla& antenna(std::size_t r) const override { return radars_[r].radar->antenna(); }
  [[nodiscard]] const geo::Vec3& antenna_ecef(std::size_t r) const override {
    return radars_[r].radar->antenna_ecef();
  }
  [[nodiscard]] core::EntityIndex site(std::size_t r) const override { return radars_[r].radar->entity(); }

 private:
  struct State {
    std::unique_ptr<Radar> radar;
    double phase_rad = 0.0;  ///< where each rotation starts
    core::RngStream false_alarms;
    std::vector<core::RngStream> per_threat;  ///< one detection stream per (radar, threat)
    std::vector<std::uint8_t> misses;         ///< per threat: consecutive missed track dwells
    std::vector<std::uint8_t> held;           ///< per threat: in track dwells
    int held_count = 0;
    bool destroyed = false;
    double silenced_until_s = -1.0;  ///< emission control against an anti-radiation missile
    double on_since_s = 0.0;         ///< when it last came on the air
    double scan_start_s = 0.0;       ///< when the current scan began
    double scan_start_az = 0.0;      ///< where its beam pointed then
  };

  void run(const Scan& e);
  void run(const Look& e);
  void run(const Dwell& e);
  void run(const Strobe& e);
  void run(const FalseAlarm& e);
  void run(const SidelobeFalseTarget& e);
  void run(const Window& e);
  void run(const SilenceEnd& e);
  void run(const Switch& e);
  /// Points threat i's directional pods for its position `p` now.
  void aim(std::size_t i, const geo::Vec3& p);
  /// How long threat i's jammer has heard radar r: since both were last on the air.
  [[nodiscard]] double heard_s(std::uint32_t r, std::size_t i, double now_s) const;
  /// Radar r starts or stops emitting: the log hears it, the anti-radiation missiles listen again.
  void announce_emission(std::uint32_t r, bool on);
  void scan(std::uint32_t r);
  /// A search look, or (track = true) a track dwell on a held target.
  void look(std::uint32_t r, std::uint32_t i, bool track);
  void strobe(std::uint32_t r, std::uint32_t i);
  void false_alarm(std::uint32_t r);
  /// Publishes a false plot (no target) as the radar reports it.
  void publish_false(std::uint32_t r, const Detection& d);
  static void release(State& st, std::uint32_t i);
  /// Jammers on the air now; the vector is reused, no allocation once grown.
  std::span<const JammerView> jammers_now(std::uint32_t r);

  std::vector<JamSwitch> script_;
  core::Engine& engine_;
  const core::EntityTable& entities_;
  const threats::Movers& threats_;
  core::Timeline<Event> timeline_;
  std::vector<State> radars_;
  std::vector<Signature> signatures_;  ///< per threat
  Signature external_;
  std::vector<JammerView> jammers_;
};

}  // namespace opensam::sensors
