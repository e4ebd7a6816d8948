#include "opensam/physics/point_mass.hpp"

#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <cmath>
#include <numbers>

#include "opensam/physics/atmosphere.hpp"
#include "opensam/physics/gravity.hpp"

namespace opensam::physics {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kG0 = 9.80665;

// WGS-84 normal gravity on the ellipsoid: 9.7803253359 m/s^2 at the equator, 9.8321849378
// at the poles (NIMA TR8350.2, 2000, table 3.4).
TEST(Gravity, Wgs84NormalGravityAtTheEquatorAndThePole) {
  EXPECT_NEAR(normal_gravity_ecef({6378137.0, 0, 0}).norm(), 9.7803253359, 1e-9);
  EXPECT_NEAR(normal_gravity_ecef({0, 0, 6356752.3142}).norm(), 9.8321849378, 1e-9);
  // Points down (toward -x at the equator, along the normal there).
  EXPECT_LT(normal_gravity_ecef({6378137.0, 0, 0}).x(), 0.0);
  EXPECT_NEAR(spherical_gravitation({7e6, 0, 0}).norm(), kEarthGm_m3_s2 / 49e12, 1e-12);
}

/// Flies a vacuum trajectory over a spherical non-rotating Earth from the surface at speed v
/// and flight-path angle phi (from the horizontal) back to the surface; returns the range angle
/// and the largest radius.
std::pair<double, double> vacuum_flight(double v, double phi) {
  PointMass s;
  const double r0 = kSphereRadius_m;
  s.position_m = {r0, 0, 0};
  s.velocity_mps = {v * std::sin(phi), v * std::cos(phi), 0};
  const Airframe none;  // no area, no motor: gravity alone
  double apogee = r0;
  Eigen::Vector3d before = s.position_m;
  const double dt = 0.05;
  while (true) {
    before = s.position_m;
    advance(s, none, {}, dt, dt, EarthModel::kSpherical);
    apogee = std::max(apogee, s.position_m.norm());
    if (s.position_m.norm() < r0 && apogee > r0 + 1.0) break;
  }
  // Linear interpolation to the surface crossing inside the last step.
  const double f = (before.norm() - r0) / (before.norm() - s.position_m.norm());
  const Eigen::Vector3d cross = before + f * (s.position_m - before);
  return {std::atan2(cross.y(), cross.x()), apogee};
}

// The free-flight range equation and apogee of a Kepler ellipse (Bate, Mueller & White 1971,
// sec. 6.2): cos(Psi/2) = (1 - Q cos^2 phi) / sqrt(1 + Q (Q - 2) cos^2 phi), Q = v^2 r / GM;
// apogee a (1 + e), a = r / (2 - Q), e^2 = 1 + Q (Q - 2) cos^2 phi.
TEST(PointMass, VacuumFlightMatchesTheFreeFlightRangeEquationAndApogee) {
  for (const auto& [v, phi_deg] :
       {std::pair{3000.0, 40.0}, std::pair{2000.0, 30.0}, std::pair{4500.0, 25.0}}) {
    const double phi = phi_deg * kPi / 180, r = kSphereRadius_m;
    const double Q = v * v * r / kEarthGm_m3_s2, c2 = std::cos(phi) * std::cos(phi);
    const double psi = 2 * std::acos((1 - Q * c2) / std::sqrt(1 + Q * (Q - 2) * c2));
    const double apogee = r / (2 - Q) * (1 + std::sqrt(1 + Q * (Q - 2) * c2));
    const auto [range, top] = vacuum_flight(v, phi);
    EXPECT_NEAR(range, psi, 1e-7) << v;  // 0.6 m on the ground
    EXPECT_NEAR(top, apogee, 0.05) << v;
  }
}

// The minimum-energy (maximum-range) trajectory for a given burnout speed: sin(Psi/2) =
// Q / (2 - Q) at the flight-path angle phi* = 45 deg - Psi/4 (Bate, Mueller & White 1971,
// sec. 6.2). Three degrees either side fly shorter.
TEST(PointMass, MinimumEnergyAngleGivesTheLongestRange) {
  const double v = 3500.0, Q = v * v * kSphereRadius_m / kEarthGm_m3_s2;
  const double psi_max = 2 * std::asin(Q / (2 - Q));
  const double phi_star = kPi / 4 - psi_max / 4;
  EXPECT_NEAR(vacuum_flight(v, phi_star).first, psi_max, 1e-7);
  EXPECT_LT(vacuum_flight(v, phi_star - 3 * kPi / 180).first, psi_max - 1e-4);
  EXPECT_LT(vacuum_flight(v, phi_star + 3 * kPi / 180).first, psi_max - 1e-4);
}

// Tsiolkovsky: dv = (T / mdot) ln(m0 / m1) per phase, without gravity or drag; the integrator
// splits its steps at the phase boundary.
TEST(PointMass, ThrustAndMassFlowGiveTheRocketEquation) {
  Airframe a;
  a.motor = {{10.3, 24000.0, 10.0}, {40.0, 3000.0, 1.5}};  // boost 2400 m/s exhaust, sustain 2000 m/s
  PointMass s;
  s.position_m = {kSphereRadius_m, 0, 0};
  s.mass_kg = 400.0;
  s.velocity_mps = {1.0, 0, 0};
  advance(s, a, {}, 80.0, 0.07, EarthModel::kNone);
  const double m1 = 400.0 - 103.0, m2 = m1 - 60.0;
  const double dv = 2400.0 * std::log(400.0 / m1) + 2000.0 * std::log(m1 / m2);
  EXPECT_NEAR(s.mass_kg, m2, 1e-9);
  EXPECT_NEAR(s.velocity_mps.x(), 1.0 + dv, 1e-6);
  EXPECT_NEAR(s.time_s, 80.0, 1e-9);
}

// At terminal speed drag balances gravity: rho v^2 S Cd / 2 = m g (Zarchan 2012, ch. 9), with
// the 1976 atmosphere's density and WGS-84 gravity.
TEST(PointMass, DragBalancesGravityAtTerminalSpeed) {
  Airframe a;
  a.reference_area_m2 = 0.05;
  a.drag = {{0.0, 0.8, 1.2, 3.0}, {0.5, 0.5, 0.9, 0.6}};
  EXPECT_DOUBLE_EQ(a.drag.at(1.0), 0.7);
  EXPECT_DOUBLE_EQ(a.drag.at(5.0), 0.6);
  PointMass s;
  s.mass_kg = 10.0;
  s.position_m = {6378137.0 + 500.0, 0, 0};  // 500 m over the equator
  const double g = normal_gravity_ecef(s.position_m).norm();
  const double vt = std::sqrt(2 * s.mass_kg * g / (standard_atmosphere(500.0).density_kg_m3 * 0.5 * 0.05));
  s.velocity_mps = {-vt, 0, 0};  // falling
  const Derivative d = derivative(s, a, {}, EarthModel::kWgs84);
  EXPECT_NEAR(d.acceleration_mps2.x(), 0.0, 1e-9 * g);
  // What is left is Coriolis, -2 omega x v: eastward, 2 omega v_t, on a fall at the equator.
  EXPECT_NEAR(d.acceleration_mps2.y(), 2 * kEarthRotation_rad_s * vt, 1e-12);
  EXPECT_NEAR(d.acceleration_mps2.z(), 0.0, 1e-12);
}

// Lift limits the lateral acceleration to q S CL_max / m, so it falls with altitude as the
// density does (1976 table, geometric altitude: 0.73643 kg/m3 at 5 km, 0.088910 at 20 km).
TEST(PointMass, LiftLimitedTurnsFallWithAltitude) {
  Airframe a;
  a.reference_area_m2 = 0.1;
  a.cl_max = 1.2;
  a.max_load_factor = 40.0;
  const double v = 900.0, m = 150.0;
  const double at5 = 0.5 * 0.73643 * v * v * 0.1 * 1.2 / m, at20 = 0.5 * 0.088910 * v * v * 0.1 * 1.2 / m;
  EXPECT_NEAR(lateral_limit_mps2(a, v, 5000.0, m), std::min(at5, 40 * kG0), 2e-2);  // table digits
  EXPECT_NEAR(lateral_limit_mps2(a, v, 20000.0, m), at20, 2e-3);
  a.max_load_factor = 20.0;
  EXPECT_DOUBLE_EQ(lateral_limit_mps2(a, v, 5000.0, m), 20 * kG0);  // structure, not lift
  // Asked for 100 g across the velocity at 20 km, it gets the lift limit (plus gravity).
  PointMass s;
  s.mass_kg = m;
  s.position_m = {kSphereRadius_m + 20000.0, 0, 0};
  s.velocity_mps = {0, v, 0};
  Steering c;
  c.lateral_mps2 = {0, 0, 100 * kG0};
  const Derivative d = derivative(s, a, c, EarthModel::kSpherical);
  EXPECT_NEAR(d.acceleration_mps2.z(), at20, 2e-3);
}

// Deflected thrust turns a missile too slow for its fins: T sin(delta) / m across the
// velocity on top of the lift while the motor burns (Fleeman, Tactical Missile Design, ch. 2,
// thrust vector control), within the structural limit, and nothing once it has burnt out.
TEST(PointMass, DeflectedThrustTurnsAMissileTooSlowForItsFins) {
  Airframe a;
  a.reference_area_m2 = 0.2;
  a.cl_max = 6.0;
  a.max_load_factor = 20.0;
  a.thrust_vector_sine = std::sin(10.0 * kPi / 180.0);
  a.motor = {{12.0, 200e3, 90.0}};
  const double v = 40.0, m = 1800.0, thrust = 200e3;
  const double lift = 0.5 * 1.2250 * v * v * 0.2 * 6.0 / m;  // 1976 table at sea level
  const double vanes = thrust * std::sin(10.0 * kPi / 180.0) / m;
  EXPECT_NEAR(lateral_limit_mps2(a, v, 0.0, m), lift, 1e-6);  // without the motor
  EXPECT_NEAR(lateral_limit_mps2(a, v, 0.0, m, thrust), lift + vanes, 1e-6);
  EXPECT_DOUBLE_EQ(lateral_limit_mps2(a, 2000.0, 0.0, m, thrust), 20 * kG0);  // structure
  // In the integrator: asked for 10 g across a slow climb, it gets lift and vanes while the
  // motor burns, lift alone after burnout.
  PointMass s;
  s.mass_kg = m;
  s.position_m = {kSphereRadius_m, 0, 0};
  s.velocity_mps = {v, 0, 0};
  Steering c;
  c.lateral_mps2 = {0, 10 * kG0, 0};
  EXPECT_NEAR(derivative(s, a, c, EarthModel::kSpherical).acceleration_mps2.y(), lift + vanes, 1e-6);
  s.time_s = 13.0;
  EXPECT_NEAR(derivative(s, a, c, EarthModel::kSpherical).acceleration_mps2.y(), lift, 1e-6);
}

// A turn held at the load-factor limit is a circle of radius v^2 / (n g0): it closes after
// 2 pi r / v, and the speed does not change.
TEST(PointMass, ALimitedTurnIsACircleThatCloses) {
  Airframe a;
  a.max_load_factor = 5.0;
  PointMass s;
  s.position_m = {kSphereRadius_m, 0, 0};
  s.velocity_mps = {0, 300.0, 0};
  const double r = 300.0 * 300.0 / (5 * kG0), period = 2 * kPi * r / 300.0;
  const double dt = 0.01;
  const int steps = int(std::round(period / dt));
  for (int i = 0; i < steps; ++i) {
    Steering c;
    c.lateral_mps2 = 100 * kG0 * Eigen::Vector3d::UnitX().cross(s.velocity_mps.normalized());
    advance(s, a, c, i + 1 == steps ? period - (steps - 1) * dt : dt, dt, EarthModel::kNone);
  }
  EXPECT_NEAR(s.velocity_mps.norm(), 300.0, 1e-6);
  EXPECT_LT((s.position_m - Eigen::Vector3d(kSphereRadius_m, 0, 0)).norm(), 0.005 * r);
}

}  // namespace
}  // namespace opensam::physics
