#include "opensam/weapons/warhead.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace opensam::weapons {

namespace {

/// sqrt(2E) of Composition B (Cooper, Explosives Engineering, ch. 27).
constexpr double kGurneyCompB_mps = 2700.0;

/// The direction a fragment must leave in, in the warhead's frame, to reach a target `d` away
/// (target minus burst) moving at `w` relative to the warhead (target minus missile velocity):
/// -w + V e = s d_hat, |e| = 1; returns false when no fragment catches it.
bool fragment_direction(const Vec3& d, const Vec3& w, double speed_mps, Vec3& e, double& s) {
  const double r = d.norm();
  if (r <= 0.0 || speed_mps <= 0.0) return false;
  const Vec3 dh = d / r;
  const double b = dh.dot(w);
  const double disc = b * b - w.squaredNorm() + speed_mps * speed_mps;
  if (disc < 0.0) return false;
  s = -b + std::sqrt(disc);
  if (s <= 0.0) return false;
  e = (s * dh + w) / speed_mps;
  return true;
}

/// Angle of the fragment that reaches the target off the beam's centre (rad), signed: negative
/// ahead of it (towards the nose); NaN when none reaches it.
double off_beam_rad(const Warhead& wh, const Vec3& d, const Vec3& w, const Vec3& axis) {
  Vec3 e;
  double s = 0.0;
  if (!fragment_direction(d, w, wh.fragment_speed_mps, e, s)) return std::numeric_limits<double>::quiet_NaN();
  return std::acos(std::clamp(e.dot(axis), -1.0, 1.0)) - wh.beam_angle_rad;
}

}  // namespace

double gurney_speed_mps(double charge_to_metal) {
  if (charge_to_metal <= 0.0) return 0.0;
  return kGurneyCompB_mps * std::sqrt(charge_to_metal / (1.0 + 0.5 * charge_to_metal));
}

double fragment_count(double warhead_mass_kg, double charge_to_metal, double fragment_mass_kg) {
  if (fragment_mass_kg <= 0.0 || charge_to_metal < 0.0) return 0.0;
  return warhead_mass_kg / (1.0 + charge_to_metal) / fragment_mass_kg;
}

double fragment_density_per_m2(const Warhead& wh, const Vec3& target_m, const Vec3& missile_velocity_mps,
                               const Vec3& target_velocity_mps, double span_m) {
  const double speed = missile_velocity_mps.norm();
  if (speed <= 0.0 || wh.fragments <= 0.0 || wh.beam_width_rad <= 0.0) return 0.0;
  const Vec3 axis = missile_velocity_mps / speed;
  const Vec3 w = target_velocity_mps - missile_velocity_mps;
  Vec3 e;
  double s = 0.0;
  if (!fragment_direction(target_m, w, wh.fragment_speed_mps, e, s)) return 0.0;
  const double theta = std::acos(std::clamp(e.dot(axis), -1.0, 1.0));
  // The target's half extent seen from the burst, and the share of it inside the beam.
  const double half = std::atan2(0.5 * span_m, target_m.norm());
  const double lo = wh.beam_angle_rad - 0.5 * wh.beam_width_rad;
  const double hi = wh.beam_angle_rad + 0.5 * wh.beam_width_rad;
  double share = 0.0;
  if (half > 0.0) {
    share = std::max(0.0, std::min(theta + half, hi) - std::max(theta - half, lo)) / (2.0 * half);
  } else {
    share = theta >= lo && theta <= hi ? 1.0 : 0.0;
  }
  if (share <= 0.0) return 0.0;
  // The fragment flew r = V t in the warhead's frame, t = |d| / s.
  const double r = wh.fragment_speed_mps * target_m.norm() / s;
  const double zone = 2.0 * std::numbers::pi * std::sin(wh.beam_angle_rad) * wh.beam_width_rad;
  return share * wh.fragments / (zone * r * r);
}

double fragment_kill_probability(double density_per_m2, double vulnerable_area_m2, double vulnerability) {
  const double hits = std::max(density_per_m2, 0.0) * std::max(vulnerable_area_m2, 0.0);
  return std::clamp(vulnerability, 0.0, 1.0) * (1.0 - std::exp(-hits));
}

double beam_burst_time_s(const Warhead& wh, const Vec3& target_m, const Vec3& relative_velocity_mps,
                         const Vec3& missile_velocity_mps, double duration_s) {
  const double speed = missile_velocity_mps.norm();
  if (speed <= 0.0 || duration_s <= 0.0) return -1.0;
  const Vec3 axis = missile_velocity_mps / speed;
  const Vec3& w = relative_velocity_mps;
  const auto at = [&](double t) { return Vec3(target_m + w * t); };
  // The target sweeps from ahead of the beam (negative) to behind it (positive) as it passes:
  // find the first sign change inside the fuze's range, then bisect it.
  constexpr int kSamples = 16;
  double t0 = 0.0;
  double f0 = off_beam_rad(wh, at(0.0), w, axis);
  for (int i = 1; i <= kSamples; ++i) {
    const double t1 = duration_s * i / kSamples;
    const double f1 = off_beam_rad(wh, at(t1), w, axis);
    if (std::isfinite(f0) && std::isfinite(f1) && f0 <= 0.0 && f1 > 0.0) {
      double lo = t0, hi = t1;
      for (int k = 0; k < 40; ++k) {
        const double mid = 0.5 * (lo + hi);
        const double fm = off_beam_rad(wh, at(mid), w, axis);
        if (std::isfinite(fm) && fm <= 0.0) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      const double t = 0.5 * (lo + hi);
      if (at(t).norm() <= wh.fuze_range_m) return t;
    }
    t0 = t1;
    f0 = f1;
  }
  return -1.0;
}

}  // namespace opensam::weapons
