#include "opensam/sim/observers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "opensam/threats/damage.hpp"
#include "opensam/tracking/metrics.hpp"

namespace opensam::sim {

AssetLedger::AssetLedger(core::Engine& engine, core::EntityIndex first_asset, std::vector<Asset> assets)
    : engine_(engine), first_(first_asset), assets_(std::move(assets)), destroyed_usd_(assets_.size(), 0.0) {}

void AssetLedger::on(const threats::Leaked& m) {
  if (m.target < first_ || m.target >= first_ + assets_.size()) return;
  const std::size_t a = m.target - first_;
  const double share = threats::covered_share(m.lethal_radius_m, assets_[a].radius_m, m.miss_m);
  const double value = (assets_[a].value_usd - destroyed_usd_[a]) * share;
  destroyed_usd_[a] += value;
  engine_.publish(AssetDamaged{m.target, m.threat, share, value});
}

void PictureScore::on(const c2::PictureUpdated& m) {
  truths_.clear();
  estimates_.clear();
  for (std::size_t i = 0; i < threats_.size(); ++i) {
    if (!threats_.flying(i)) continue;
    const geo::Vec3 position = threats_.path(i).position_at(m.time_s);
    double altitude_m = std::numeric_limits<double>::quiet_NaN();  // converted when first needed
    bool visible = false;
    for (std::size_t r = 0; r < radars_.size() && !visible; ++r) {
      if (radars_.destroyed(r)) continue;
      const sensors::Radar& radar = radars_.radar(r);
      const sensors::RadarGeometry g = radar.geometry(position, geo::Vec3::Zero());
      if (g.range_m > radar.type().parameters.instrumented_range_m) continue;
      if (std::isnan(altitude_m)) altitude_m = geo::ecef_to_lla(position).alt_m;
      visible = radar.line_of_sight(g, altitude_m);
    }
    if (visible) truths_.push_back(m.frame->point_from_ecef(position));
  }
  for (const c2::PictureTrack& c : m.tracks) estimates_.push_back(c.state.position);
  const tracking::GospaResult g = tracking::gospa(truths_, estimates_, c_m_, p_);
  samples_.push_back({m.time_s, g.distance, g.localisation, std::uint32_t(truths_.size()),
                      std::uint32_t(estimates_.size()), std::uint32_t(g.missed_count),
                      std::uint32_t(g.false_count)});
}

void TruthRecorder::on(const Sample&) {
  const double now = engine_.now_s();
  for (std::size_t i = 0; i < threats_.size(); ++i) {
    if (!threats_.flying(i)) continue;
    const auto s = threats_.path(i).state_at(now);
    const geo::Vec3 v = geo::ecef_to_enu_vector(s.lla, s.velocity_ecef_mps);
    samples_.push_back({now, threats_.entity(i), s.lla, v});
  }
  timeline_.schedule_at(now + interval_s_, Sample{});
}

void TruthRecorder::on(const weapons::InterceptorTruth& m) {
  const geo::Lla lla = geo::ecef_to_lla(m.position_m);
  const geo::Vec3 v = geo::ecef_to_enu_vector(lla, m.velocity_mps);
  samples_.push_back({engine_.now_s(), m.interceptor, lla, v});
}

}  // namespace opensam::sim
