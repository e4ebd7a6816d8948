#include "opensam/weapons/guidance.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>

namespace opensam::weapons {

Vec3 los_rate_rad_s(const Relative& rel) {
  const double r2 = rel.position_m.squaredNorm();
  if (r2 <= 0.0) return Vec3::Zero();
  return rel.position_m.cross(rel.velocity_mps) / r2;
}

double closing_speed_mps(const Relative& rel) {
  const double r = rel.position_m.norm();
  if (r <= 0.0) return 0.0;
  return -rel.position_m.dot(rel.velocity_mps) / r;
}

Vec3 pn_command_mps2(const Relative& rel, double nav_ratio, const Vec3& target_accel_mps2) {
  const double r = rel.position_m.norm();
  if (r <= 0.0) return Vec3::Zero();
  const Vec3 los = rel.position_m / r;
  Vec3 a = nav_ratio * closing_speed_mps(rel) * los_rate_rad_s(rel).cross(los);
  // Augmented PN: half N' times the target's acceleration across the line of sight.
  const Vec3 across = target_accel_mps2 - target_accel_mps2.dot(los) * los;
  a += 0.5 * nav_ratio * across;
  return a;
}

ClosestApproach closest_approach(const Relative& rel, double duration_s) {
  const double v2 = rel.velocity_mps.squaredNorm();
  // d(t) = |r + v t|, least at t* = -r.v / |v|^2.
  const double t_star = v2 > 0.0 ? -rel.position_m.dot(rel.velocity_mps) / v2 : 0.0;
  const double t = std::clamp(t_star, 0.0, duration_s);
  return {t, (rel.position_m + rel.velocity_mps * t).norm(), t_star >= 0.0 && t_star <= duration_s};
}

}  // namespace opensam::weapons
