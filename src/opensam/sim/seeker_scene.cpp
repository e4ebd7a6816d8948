#include "opensam/sim/seeker_scene.hpp"

#include <algorithm>

#include "opensam/geo/horizon.hpp"
#include "opensam/sensors/rcs.hpp"

namespace opensam::sim {

double SeekerScene::rcs_m2(int i, const weapons::Vec3& from_m, double frequency_hz, double t_s) const {
  const auto m = threats_.path(std::size_t(i)).motion_at(t_s);
  const sensors::Aspect a =
      sensors::aspect_of(geo::ecef_to_lla(m.position_ecef_m), m.position_ecef_m, m.velocity_ecef_mps, from_m);
  return radars_.signature(std::size_t(i))
      .rcs.for_frequency(frequency_hz)
      .rcs_m2(a.azimuth_rad, a.elevation_rad);
}

void SeekerScene::jammers(double frequency_hz, double t_s, std::vector<Jammer>& out) const {
  out.clear();
  radars_.for_each_jammer(t_s, [&](std::size_t i, const geo::Vec3& p, const sensors::Signature& sig) {
    // Only the pods whose coverage holds the seeker's frequency reach it.
    const double density = sensors::erp_density_w_hz(sig.jammers, frequency_hz);
    if (density > 0.0) out.push_back({int(i), p, density});
  });
}

double SeekerScene::own_jam_density_w_hz(int i, double frequency_hz) const {
  return sensors::erp_density_w_hz(radars_.signature(std::size_t(i)).jammers, frequency_hz);
}

bool SeekerScene::in_sight(const weapons::Vec3& from_m, const weapons::Vec3& to_m) const {
  if (terrain_.empty()) return true;
  return geo::line_of_sight_march(terrain_, geo::ecef_to_lla(from_m), geo::ecef_to_lla(to_m),
                                  geo::kDefaultKFactor, kSightStep_m);
}

double SeekerScene::illuminator_range_m(int radar, const weapons::Vec3& p_m, double t_s) const {
  if (!radars_.on_air(std::size_t(radar), t_s)) return 0.0;
  return (p_m - radars_.antenna_ecef(std::size_t(radar))).norm();
}

bool SeekerScene::lit(int radar, const weapons::Vec3& p_m) const {
  return in_sight(radars_.antenna_ecef(std::size_t(radar)), p_m);
}

}  // namespace opensam::sim
