#include "opensam/threats/trajectory.hpp"

#include <algorithm>
#include <cmath>

#include "opensam/core/assert.hpp"

namespace opensam::threats {

Trajectory::Trajectory(double start_time_s, double step_s)
    : start_s_(start_time_s), step_s_(step_s), end_s_(start_time_s) {
  OPENSAM_ASSERT(step_s > 0.0);
}

void Trajectory::push(const geo::Vec3& position_ecef_m, const geo::Vec3& velocity_ecef_mps) {
  end_s_ = start_s_ + double(position_.size()) * step_s_;
  position_.push_back(position_ecef_m);
  velocity_.push_back(velocity_ecef_mps);
}

void Trajectory::finish(double time_s, const geo::Vec3& position_ecef_m, const geo::Vec3& velocity_ecef_mps) {
  const double last = position_.empty() ? start_s_ : sample_time_s(position_.size() - 1);
  if (!position_.empty() && time_s <= last) {
    // Ends on a grid sample: that sample is the end.
    position_.back() = position_ecef_m;
    velocity_.back() = velocity_ecef_mps;
    end_s_ = last;
    return;
  }
  position_.push_back(position_ecef_m);
  velocity_.push_back(velocity_ecef_mps);
  end_s_ = std::min(time_s, last + step_s_);
}

double Trajectory::sample_time_s(std::size_t i) const {
  return i + 1 == position_.size() ? end_s_ : start_s_ + double(i) * step_s_;
}

Trajectory::Span Trajectory::locate(double t_s) const {
  const std::size_t n = position_.size();
  if (n < 2) return {0, 0.0};
  const double t = std::clamp(t_s, start_s_, end_s_);
  const std::size_t i = std::min(std::size_t((t - start_s_) / step_s_), n - 2);
  const double t0 = start_s_ + double(i) * step_s_;
  const double h = (i + 2 == n ? end_s_ : t0 + step_s_) - t0;
  return {i, h > 0.0 ? std::clamp((t - t0) / h, 0.0, 1.0) : 0.0};
}

geo::Vec3 Trajectory::position_at(double t_s) const {
  const Span s = locate(t_s);
  if (position_.size() < 2) return position_.front();
  return position_[s.i] + s.frac * (position_[s.i + 1] - position_[s.i]);
}

Motion Trajectory::motion_at(double t_s) const {
  if (position_.size() < 2) return {position_.front(), velocity_.front()};
  const Span sp = locate(t_s);
  return {position_[sp.i] + sp.frac * (position_[sp.i + 1] - position_[sp.i]),
          velocity_[sp.i] + sp.frac * (velocity_[sp.i + 1] - velocity_[sp.i])};
}

KinematicState Trajectory::state_at(double t_s) const {
  const Motion m = motion_at(t_s);
  KinematicState s;
  s.position_ecef_m = m.position_ecef_m;
  s.velocity_ecef_mps = m.velocity_ecef_mps;
  s.lla = geo::ecef_to_lla(s.position_ecef_m);
  return s;
}

void Trajectory::shift(double dt_s) {
  start_s_ += dt_s;
  end_s_ += dt_s;
  for (Mark& m : marks_) m.time_s += dt_s;
}

std::size_t Trajectory::sample_at_or_after(double t_s) const {
  const double k = std::ceil((t_s - start_s_) / step_s_ - 1e-9);
  return std::size_t(std::max(k, 0.0));
}

void Trajectory::splice(std::size_t i, const Trajectory& tail) {
  OPENSAM_ASSERT(i < position_.size() && !tail.empty());
  const double at = start_s_ + double(i) * step_s_;
  position_.resize(i);
  velocity_.resize(i);
  std::erase_if(marks_, [&](const Mark& m) { return m.time_s >= at; });
  for (std::size_t k = 0; k < tail.size(); ++k) {
    position_.push_back(tail.position_[k]);
    velocity_.push_back(tail.velocity_[k]);
  }
  end_s_ = at + (tail.end_s_ - tail.start_s_);
  marks_.insert(marks_.end(), tail.marks_.begin(), tail.marks_.end());
}

}  // namespace opensam::threats
