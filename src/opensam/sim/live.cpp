#include "opensam/sim/live.hpp"

namespace opensam::sim {

void LiveBridge::on(const Tick&) {
  const double now = engine_.now_s();
  movers_.clear();
  for (std::size_t i = 0; i < sites_ecef_m_.size(); ++i) {
    const core::Entity& e = entities_[EntityIndex(i)];
    movers_.push_back({EntityIndex(i), EntityKind::kSite, &e.id, &e.type, sites_ecef_m_[i], geo::Vec3::Zero(),
                       !site_down_[i]});
  }
  for (std::size_t i = 0; i < threats_.size(); ++i) {
    if (!threats_.started(i)) continue;
    const auto outcome = threats_.outcome(i);
    const threats::Motion m = threats_.path(i).motion_at(outcome ? threats_.outcome_time_s(i) : now);
    const core::Entity& e = entities_[threats_.entity(i)];
    movers_.push_back({threats_.entity(i), EntityKind::kThreat, &e.id, &e.type, m.position_ecef_m,
                       m.velocity_ecef_mps, !outcome});
  }
  if (battery_ != nullptr) {
    battery_->for_each_flight([&](const weapons::Battery::FlightView& f) {
      movers_.push_back({f.interceptor, EntityKind::kInterceptor, &entities_[f.interceptor].id, f.missile,
                         f.position_m, f.velocity_mps, f.flying});
    });
  }
  link_.on_movers(now, movers_);
  inbound_.clear();
  if (!link_.poll(now, inbound_)) {
    stopped_ = true;
    engine_.stop();
    return;
  }
  for (const ExternalReport& r : inbound_.reports) engine_.publish(r);
  for (std::uint64_t key : inbound_.timed_out) engine_.publish(threats::ExternalLost{key});
  for (EntityIndex site : inbound_.strikes) {
    if (site < sites_ecef_m_.size()) engine_.publish(core::DestroySite{site});
  }
  engine_.publish(threats::ReckonExternals{});
  timeline_.schedule_at(now + link_.interval_s(), Tick{});
}

}  // namespace opensam::sim
