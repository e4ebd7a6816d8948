#pragma once
/// @file What the interceptors' seekers and fuzes meet in a run: the threats' truth (where they
/// are, their signature at an aspect and band, their jammers, the terrain between) and whether
/// a guiding radar illuminates. A sensor's view: the guidance never sees it.

#include <vector>

#include "opensam/geo/terrain.hpp"
#include "opensam/sensors/radar_scheduler.hpp"
#include "opensam/threats/movers.hpp"
#include "opensam/weapons/battery.hpp"

namespace opensam::sim {

/// What the interceptors' seekers and fuzes meet (the threats' truth: where they are, their
/// signature, their jammers, the terrain between) and whether their guiding radar illuminates.
class SeekerScene final : public weapons::Scene {
 public:
  /// Per scenario threat, its span and vulnerable area; `external` for another simulation's.
  struct Body {
    double span_m = 10.0;
    double vulnerable_area_m2 = 2.0;
  };
  SeekerScene(const threats::Movers& threats, const sensors::RadarScheduler& radars,
              const geo::Terrain& terrain, std::vector<Body> bodies, Body external)
      : threats_(threats),
        radars_(radars),
        terrain_(terrain),
        bodies_(std::move(bodies)),
        external_(external) {}
  [[nodiscard]] int nearest(const weapons::Vec3& p_m, double gate_m) const override {
    return threats_.nearest(p_m, gate_m);
  }
  [[nodiscard]] bool present(int i) const override { return threats_.flying(std::size_t(i)); }
  [[nodiscard]] weapons::Vec3 position_at(int i, double t_s) const override {
    return threats_.path(std::size_t(i)).position_at(t_s);
  }
  [[nodiscard]] core::EntityIndex entity(int i) const override { return threats_.entity(std::size_t(i)); }
  [[nodiscard]] double rcs_m2(int i, const weapons::Vec3& from_m, double frequency_hz,
                              double t_s) const override;
  [[nodiscard]] double span_m(int i) const override { return body(i).span_m; }
  [[nodiscard]] double vulnerable_area_m2(int i) const override { return body(i).vulnerable_area_m2; }
  [[nodiscard]] double vulnerability(int i) const override { return threats_.vulnerability(std::size_t(i)); }
  [[nodiscard]] bool friendly(int i) const override {
    return !threats_.external(std::size_t(i)) && threats_.friendly(std::size_t(i));
  }
  void jammers(double frequency_hz, double t_s, std::vector<Jammer>& out) const override;
  [[nodiscard]] double own_jam_density_w_hz(int i, double frequency_hz) const override;
  [[nodiscard]] bool in_sight(const weapons::Vec3& from_m, const weapons::Vec3& to_m) const override;
  [[nodiscard]] double illuminator_range_m(int radar, const weapons::Vec3& p_m, double t_s) const override;
  [[nodiscard]] bool lit(int radar, const weapons::Vec3& p_m) const override;

 private:
  /// Terrain sampling step of a seeker's line of sight (m).
  static constexpr double kSightStep_m = 200.0;
  [[nodiscard]] const Body& body(int i) const {
    return std::size_t(i) < bodies_.size() ? bodies_[std::size_t(i)] : external_;
  }
  const threats::Movers& threats_;
  const sensors::RadarScheduler& radars_;
  const geo::Terrain& terrain_;
  std::vector<Body> bodies_;
  Body external_;
};

}  // namespace opensam::sim
