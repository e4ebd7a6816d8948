#pragma once
/// @file One radar in the world: its geometry, horizon, emission schedule and the physics of
/// one look at a target (signal, clutter, jamming, multipath, detection draw, measurement).
/// It reads truth: sensors do.

#include <array>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "opensam/core/rng.hpp"
#include "opensam/core/time_window.hpp"
#include "opensam/geo/frames.hpp"
#include "opensam/geo/horizon.hpp"
#include "opensam/geo/terrain.hpp"
#include "opensam/sensors/events.hpp"
#include "opensam/sensors/radar_type.hpp"

namespace opensam::sensors {

/// The air and ground a radar looks through.
struct Environment {
  double k_factor = 4.0 / 3.0;      ///< effective Earth radius factor (refraction)
  double clutter_gamma_db = -20.0;  ///< constant-gamma clutter of the surface
  double reflection = 0.3;          ///< surface reflection coefficient (multipath)
};

/// Where a point is as the radar sees it (true values).
struct RadarGeometry {
  double range_m = 0.0;
  double azimuth_rad = 0.0;  ///< from north, clockwise, [0, 2 pi)
  double elevation_rad = 0.0;
  double ground_range_m = 0.0;
  double range_rate_mps = 0.0;
  geo::Vec3 enu;  ///< target in the radar's east-north-up frame
};

/// A noise jammer as the radar's receiver meets it.
struct JammerView {
  EntityIndex entity;
  geo::Vec3 ecef;
  std::span<const JammerPod> pods;
  /// How long the jammer has heard the radar that looks (both on the air): a spot pod jams it
  /// after its reaction time.
  double heard_s = std::numeric_limits<double>::infinity();
};

/// A target at the moment of a look: truth state and signature.
struct TargetView {
  EntityIndex entity;
  geo::Vec3 ecef;
  geo::Vec3 velocity_ecef;
  geo::Lla lla;
  const Signature* signature;
};

/// The terms of one look, for tests and for reports.
struct LookBudget {
  RadarGeometry geometry;    ///< where the target is (true values)
  bool in_coverage = false;  ///< range, elevation and line of sight allow a look
  double rcs_m2 = 0.0;
  double aspect_az_rad = 0.0;  ///< the radar seen from the target, off its nose (-pi to pi)
  double aspect_el_rad = 0.0;  ///< and off its flight path
  double snr = 0.0;            ///< echo to noise, with atmosphere and multipath
  double cnr = 0.0;            ///< clutter to noise after MTI
  double jnr = 0.0;            ///< jamming to noise
  double sinr = 0.0;
  double pd = 0.0;
};

class Radar {
 public:
  Radar(EntityIndex entity, std::string id, const RadarType& type, const geo::Lla& antenna, double ground_m,
        double facing_rad, std::vector<core::TimeWindow> silent, const geo::Terrain& terrain,
        const Environment& env, core::RngStream bias,
        std::shared_ptr<const geo::HorizonProfile> horizon = nullptr);

  [[nodiscard]] EntityIndex entity() const { return entity_; }
  [[nodiscard]] const std::string& id() const { return id_; }
  [[nodiscard]] const RadarType& type() const { return type_; }
  [[nodiscard]] const geo::Lla& antenna() const { return antenna_; }
  [[nodiscard]] const geo::Vec3& antenna_ecef() const { return antenna_ecef_; }
  [[nodiscard]] double facing_rad() const { return facing_rad_; }
  [[nodiscard]] const std::vector<core::TimeWindow>& silent() const { return silent_; }
  [[nodiscard]] bool emitting(double time_s) const;

  [[nodiscard]] RadarGeometry geometry(const geo::Vec3& ecef, const geo::Vec3& velocity_ecef) const;
  /// Whether a point at `height_m` above the ellipsoid clears the terrain (or the bald Earth).
  [[nodiscard]] bool line_of_sight(const RadarGeometry& g, double height_m) const;

  /// The physics of one look at `target` with `jammers` on the air: no random draw.
  [[nodiscard]] LookBudget budget(const TargetView& target, std::span<const JammerView> jammers) const;

  /// One look: the budget, a detection draw from the (radar, target) stream `rng`, and the
  /// measurement with noise and this replicate's biases.
  [[nodiscard]] std::optional<Detection> look(const TargetView& target, std::span<const JammerView> jammers,
                                              core::RngStream& rng) const;

  /// A false alarm at a random cell of the coverage (range, azimuth within `sector`).
  [[nodiscard]] Detection false_alarm(core::RngStream& rng, double azimuth_lo_rad,
                                      double azimuth_width_rad) const;

  /// A jam strobe's bearing on a jammer at `g` with main-lobe J/N `jnr`: monopulse noise at
  /// that J/N plus the radar's alignment bias, and the whole error budget as its sigmas (as
  /// for a plot): azimuth, elevation, sigma azimuth, sigma elevation.
  [[nodiscard]] std::array<double, 4> strobe_bearing(const RadarGeometry& g, double jnr,
                                                     core::RngStream& rng) const;
  /// Jamming to noise of `jammer` in the main lobe, when the beam points at it and it is in
  /// sight; 0 otherwise.
  [[nodiscard]] double mainlobe_jnr(const JammerView& jammer) const { return jnr(jammer, nullptr); }
  /// The per-pulse SINR a dwell needs for Pd 0.5 (used for strobes).
  [[nodiscard]] double strobe_threshold() const { return strobe_threshold_; }
  /// A repeater pod's false echoes at this radar, received with relative gain `pattern`: their
  /// S/N per pulse, ERP G_r pattern lambda^2 / ((4 pi)^2 R^2 k T0 F B), the one-way equation of
  /// a deceptive jammer (Adamy, EW 101, ch. 9); 0 when the pod does not repeat this radar's
  /// pulses or the horizon hides it. An echo is reported from strobe_threshold() (Pd 0.5 on a
  /// steady target).
  [[nodiscard]] double repeater_snr(const JammerView& jammer, const JammerPod& pod, double pattern) const;
  /// A false target `behind_m` beyond the jammer: at its bearing (main lobe), or at azimuth
  /// `beam_azimuth_rad` when not null (through the sidelobes), measured at `snr`.
  [[nodiscard]] Detection false_target(const JammerView& jammer, double behind_m,
                                       const double* beam_azimuth_rad, double snr,
                                       core::RngStream& rng) const;
  /// Detection cells per scan: range cells times the beam positions the scan's time allows
  /// (scan period / dwell time), for the false-alarm count.
  [[nodiscard]] double cells_per_scan() const;
  /// False alarms per scan over the volume false_alarm() draws them from: range x scanned
  /// azimuth x elevation span (x 2000 m/s of range rate when measured), for JPDA.
  [[nodiscard]] double false_alarm_density() const;

 private:
  /// Jamming to noise of `jammer` in sight, through the pattern off the unit vector `beam`
  /// (east-north-up; the main lobe when null).
  /// One jammer's J/N with the beam toward `beam` (none: on boresight); `sidelobe` set when it
  /// comes in beyond the main lobe's first null.
  [[nodiscard]] double jnr(const JammerView& jammer, const geo::Vec3* beam, bool* sidelobe = nullptr) const;
  /// The jammers' J/N together with the beam toward `beam`, after the sidelobe canceller.
  [[nodiscard]] double jamming(std::span<const JammerView> jammers, const geo::Vec3& beam) const;
  [[nodiscard]] Detection measure(const RadarGeometry& g, EntityIndex target, double sinr,
                                  core::RngStream& rng) const;
  /// Whether the horizon leaves a line of sight to `ecef` at geometry `g`.
  [[nodiscard]] bool sees(const geo::Vec3& ecef, const RadarGeometry& g) const;

  EntityIndex entity_;
  std::string id_;
  RadarType type_;
  geo::Lla antenna_;
  double ground_m_;
  double facing_rad_;
  std::vector<core::TimeWindow> silent_;
  const geo::Terrain* terrain_;
  Environment env_;
  geo::EnuFrame frame_;
  geo::Vec3 antenna_ecef_;
  std::shared_ptr<const geo::HorizonProfile> horizon_;  ///< null over flat ground
  double threshold_;
  int detector_pulses_;   ///< pulses the threshold applies to (1 when coherent)
  double coherent_gain_;  ///< N when coherent, else 1
  double strobe_threshold_;
  JammingConstants jamming_;
  double range_bias_m_;
  double azimuth_bias_rad_;
  double elevation_bias_rad_;
};

/// The terrain horizon of a radar of `type` with its antenna at `antenna`: null over flat
/// ground. The same in every replicate, so computed once per scenario where it can be.
[[nodiscard]] std::shared_ptr<const geo::HorizonProfile> radar_horizon(const RadarType& type,
                                                                       const geo::Lla& antenna,
                                                                       const geo::Terrain& terrain,
                                                                       double k_factor);

}  // namespace opensam::sensors
