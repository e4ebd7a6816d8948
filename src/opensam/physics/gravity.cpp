#include "opensam/physics/gravity.hpp"

#include <GeographicLib/NormalGravity.hpp>

namespace opensam::physics {

Eigen::Vector3d normal_gravity_ecef(const Eigen::Vector3d& ecef_m) {
  Eigen::Vector3d g;
  GeographicLib::NormalGravity::WGS84().U(ecef_m.x(), ecef_m.y(), ecef_m.z(), g.x(), g.y(), g.z());
  return g;
}

Eigen::Vector3d spherical_gravitation(const Eigen::Vector3d& position_m) {
  const double r = position_m.norm();
  return -kEarthGm_m3_s2 / (r * r * r) * position_m;
}

}  // namespace opensam::physics
