#include "opensam/physics/point_mass.hpp"

#include <Eigen/Geometry>
#include <GeographicLib/Geocentric.hpp>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "opensam/physics/atmosphere.hpp"
#include "opensam/physics/gravity.hpp"

namespace opensam::physics {

namespace {
constexpr double kG0 = 9.80665;  // standard gravity (CGPM 1901), for load factors

/// The motor phase at `time_s` since ignition, or null once burnt out.
const MotorPhase* phase_at(const Airframe& a, double time_s, double* phase_end_s = nullptr) {
  double end = 0.0;
  for (const MotorPhase& p : a.motor) {
    end += p.duration_s;
    if (time_s < end) {
      if (phase_end_s != nullptr) *phase_end_s = end;
      return &p;
    }
  }
  return nullptr;
}

/// The altitude and gravity about a point, to first order in the displacement from it: within
/// one RK4 step (metres to a few kilometres) the surface's curvature moves the altitude by under
/// a metre and the second-order gravity terms are under 1e-6 of g, so each step reads the
/// geodetic library once rather than at every stage.
struct Surroundings {
  Eigen::Vector3d origin_m = Eigen::Vector3d::Zero();
  Eigen::Vector3d up = Eigen::Vector3d::Zero();
  double altitude_m = 0.0;
  Eigen::Vector3d gravity_mps2 = Eigen::Vector3d::Zero();
  /// d gravity / d position: the point-mass gradient GM / r^3 (3 r r' - I) (the J2 part of
  /// it is a thousandth of that).
  Eigen::Matrix3d gradient_per_s2 = Eigen::Matrix3d::Zero();

  [[nodiscard]] double altitude_at(const Eigen::Vector3d& p) const {
    return altitude_m + up.dot(p - origin_m);
  }
  [[nodiscard]] Eigen::Vector3d gravity_at(const Eigen::Vector3d& p) const {
    return gravity_mps2 + gradient_per_s2 * (p - origin_m);
  }
};

Surroundings surroundings(const Eigen::Vector3d& p, EarthModel earth) {
  Surroundings e;
  e.origin_m = p;
  switch (earth) {
    case EarthModel::kWgs84: {
      double lat = 0, lon = 0, h = 0;
      GeographicLib::Geocentric::WGS84().Reverse(p.x(), p.y(), p.z(), lat, lon, h);
      const double phi = lat * std::numbers::pi / 180.0, lam = lon * std::numbers::pi / 180.0;
      e.up = {std::cos(phi) * std::cos(lam), std::cos(phi) * std::sin(lam), std::sin(phi)};
      e.altitude_m = h;
      e.gravity_mps2 = normal_gravity_ecef(p);
      break;
    }
    case EarthModel::kSpherical:
      e.up = p.normalized();
      e.altitude_m = p.norm() - kSphereRadius_m;
      e.gravity_mps2 = spherical_gravitation(p);
      break;
    case EarthModel::kNone: return e;
  }
  const double r = p.norm();
  const Eigen::Vector3d u = p / r;
  e.gradient_per_s2 = kEarthGm_m3_s2 / (r * r * r) * (3.0 * u * u.transpose() - Eigen::Matrix3d::Identity());
  return e;
}

Derivative derivative_in(const PointMass& s, const Airframe& a, const Steering& c, EarthModel earth,
                         const Surroundings& env) {
  Derivative d{s.velocity_mps, Eigen::Vector3d::Zero(), 0.0};
  const double speed = s.velocity_mps.norm();
  const Eigen::Vector3d along = speed > 1e-9 ? Eigen::Vector3d(s.velocity_mps / speed)
                                : c.launch_direction.squaredNorm() > 0 ? c.launch_direction.normalized()
                                                                       : s.position_m.normalized();
  const bool air = earth != EarthModel::kNone && (a.reference_area_m2 > 0.0 || std::isfinite(a.cl_max));
  const double altitude = air ? env.altitude_at(s.position_m) : 0.0;
  // Drag along the velocity, from the air's density and speed of sound at the altitude.
  if (air && a.reference_area_m2 > 0.0 && speed > 0.0) {
    const AtmosphereState st = standard_atmosphere(altitude);
    if (!std::isnan(st.density_kg_m3)) {
      const double q = 0.5 * st.density_kg_m3 * speed * speed;
      d.acceleration_mps2 -=
          q * a.reference_area_m2 * a.drag.at(speed / st.speed_of_sound_mps) / s.mass_kg * along;
    }
  }
  const MotorPhase* motor = phase_at(a, s.time_s);
  if (motor != nullptr) {
    const Eigen::Vector3d pointing =
        c.thrust_direction.squaredNorm() > 0.0 ? Eigen::Vector3d(c.thrust_direction.normalized()) : along;
    d.acceleration_mps2 += motor->thrust_n / s.mass_kg * pointing;
    d.mass_rate_kg_s = -motor->mass_flow_kg_s;
  }
  // Steering across the velocity, within what lift and structure allow.
  Eigen::Vector3d lateral = c.lateral_mps2 - c.lateral_mps2.dot(along) * along;
  const double asked = lateral.norm();
  if (asked > 0.0) {
    const double limit =
        earth == EarthModel::kNone
            ? a.max_load_factor * kG0
            : lateral_limit_mps2(a, speed, altitude, s.mass_kg, motor != nullptr ? motor->thrust_n : 0.0);
    if (asked > limit) lateral *= limit / asked;
    d.acceleration_mps2 += lateral;
  }
  if (earth != EarthModel::kNone) d.acceleration_mps2 += env.gravity_at(s.position_m);
  if (earth == EarthModel::kWgs84) {
    const Eigen::Vector3d omega(0.0, 0.0, kEarthRotation_rad_s);
    d.acceleration_mps2 -= 2.0 * omega.cross(s.velocity_mps);
  }
  return d;
}
}  // namespace

double CdTable::at(double mach_number) const {
  if (cd.empty()) return 0.0;
  if (mach_number <= mach.front()) return cd.front();
  if (mach_number >= mach.back()) return cd.back();
  const auto hi = std::upper_bound(mach.begin(), mach.end(), mach_number);
  const std::size_t i = std::size_t(hi - mach.begin());
  const double f = (mach_number - mach[i - 1]) / (mach[i] - mach[i - 1]);
  return cd[i - 1] + f * (cd[i] - cd[i - 1]);
}

double lateral_limit_mps2(const Airframe& a, double speed_mps, double altitude_m, double mass_kg,
                          double thrust_n) {
  const double structure = a.max_load_factor * kG0;
  if (!std::isfinite(a.cl_max)) return structure;
  const AtmosphereState air = standard_atmosphere(altitude_m);
  const double rho = std::isnan(air.density_kg_m3) ? 0.0 : air.density_kg_m3;
  const double lift = 0.5 * rho * speed_mps * speed_mps * a.reference_area_m2 * a.cl_max / mass_kg;
  return std::min(structure, lift + thrust_n * a.thrust_vector_sine / mass_kg);
}

Derivative derivative(const PointMass& s, const Airframe& a, const Steering& c, EarthModel earth) {
  return derivative_in(s, a, c, earth, surroundings(s.position_m, earth));
}

void advance(PointMass& s, const Airframe& a, const Steering& c, double duration_s, double substep_s,
             EarthModel earth) {
  const double end = s.time_s + duration_s;
  while (s.time_s < end) {
    double h = std::min(substep_s, end - s.time_s);
    double phase_end = 0.0;
    if (phase_at(a, s.time_s, &phase_end) != nullptr) h = std::min(h, phase_end - s.time_s);
    if (h <= 1e-12) {  // rounding at a boundary: step over it
      s.time_s = std::min(end, s.time_s + 1e-12);
      continue;
    }
    const auto shifted = [&](const Derivative& k, double f) {
      PointMass m = s;
      m.position_m += f * k.velocity_mps;
      m.velocity_mps += f * k.acceleration_mps2;
      m.mass_kg += f * k.mass_rate_kg_s;
      m.time_s += f;
      return m;
    };
    // Phase-boundary steps evaluate the motor inside the phase: every stage sits before its end.
    const Surroundings env = surroundings(s.position_m, earth);
    const Derivative k1 = derivative_in(s, a, c, earth, env);
    const Derivative k2 = derivative_in(shifted(k1, h / 2), a, c, earth, env);
    const Derivative k3 = derivative_in(shifted(k2, h / 2), a, c, earth, env);
    PointMass last = shifted(k3, h);
    last.time_s = s.time_s + h * (1.0 - 1e-12);
    const Derivative k4 = derivative_in(last, a, c, earth, env);
    s.position_m += h / 6 * (k1.velocity_mps + 2 * k2.velocity_mps + 2 * k3.velocity_mps + k4.velocity_mps);
    s.velocity_mps +=
        h / 6 *
        (k1.acceleration_mps2 + 2 * k2.acceleration_mps2 + 2 * k3.acceleration_mps2 + k4.acceleration_mps2);
    s.mass_kg +=
        h / 6 * (k1.mass_rate_kg_s + 2 * k2.mass_rate_kg_s + 2 * k3.mass_rate_kg_s + k4.mass_rate_kg_s);
    s.time_s += h;
  }
}

}  // namespace opensam::physics
