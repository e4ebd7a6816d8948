#pragma once
/// @file A point-mass flight integrator: gravity (WGS-84 in rotating ECEF with Coriolis, or a
/// spherical Earth, or none), drag from a Cd(Mach) table in the 1976 standard atmosphere,
/// thrust and mass flow by phase, and lateral acceleration limited by lift and load factor.
/// Classical fourth-order Runge-Kutta with a fixed substep, split at motor phase ends. The
/// same code flies threats and interceptors (Zarchan 2012, ch. 1 and 9).

#include <Eigen/Core>
#include <limits>
#include <vector>

namespace opensam::physics {

/// Zero-lift drag coefficient against Mach: linear between points, flat beyond the ends.
struct CdTable {
  std::vector<double> mach;  ///< increasing
  std::vector<double> cd;
  [[nodiscard]] double at(double mach_number) const;
};

/// One phase of a motor: constant thrust and propellant flow for a time.
struct MotorPhase {
  double duration_s = 0.0;
  double thrust_n = 0.0;
  double mass_flow_kg_s = 0.0;
};

struct Airframe {
  double reference_area_m2 = 0.0;
  CdTable drag;
  /// Largest lift coefficient: lateral acceleration at most q S CL_max / m (so it falls with
  /// altitude); infinite for a vehicle not limited by lift.
  double cl_max = std::numeric_limits<double>::infinity();
  double max_load_factor = std::numeric_limits<double>::infinity();  ///< structural limit (g)
  /// Sine of the largest thrust deflection (jet vanes, gas-dynamic control): while the motor
  /// burns, T sin(delta) / m more lateral acceleration, which turns a slow missile over.
  double thrust_vector_sine = 0.0;
  std::vector<MotorPhase> motor;  ///< from ignition, in order
};

enum class EarthModel : unsigned char {
  kWgs84,      ///< rotating ECEF: WGS-84 normal gravity, Coriolis; air at rest in ECEF
  kSpherical,  ///< inertial frame, spherical Earth (GM / r^2, radius kSphereRadius_m for the air)
  kNone,       ///< no gravity, no air below the position's norm: for closed-form checks
};

inline constexpr double kSphereRadius_m = 6371000.0;

struct PointMass {
  Eigen::Vector3d position_m = Eigen::Vector3d::Zero();
  Eigen::Vector3d velocity_mps = Eigen::Vector3d::Zero();
  double mass_kg = 1.0;
  double time_s = 0.0;  ///< since ignition: selects the motor phase
};

/// What the guidance asks for: an acceleration across the velocity (the along-velocity part
/// is ignored), and where the motor points when the vehicle is at rest.
struct Steering {
  Eigen::Vector3d lateral_mps2 = Eigen::Vector3d::Zero();
  Eigen::Vector3d launch_direction = Eigen::Vector3d::Zero();  ///< unit; zero: local up
  /// Where the motor points (jet vanes, thrust vectoring, a held attitude in boost); zero:
  /// along the velocity.
  Eigen::Vector3d thrust_direction = Eigen::Vector3d::Zero();
};

/// The largest lateral acceleration (m/s^2) the airframe gives at `speed_mps` and
/// `altitude_m`, mass `mass_kg`, with the motor burning at `thrust_n` (0: not burning):
/// min(q S CL_max / m + T sin(delta) / m, n_max g0) (Fleeman, *Tactical Missile Design*, ch. 2:
/// thrust vector control).
[[nodiscard]] double lateral_limit_mps2(const Airframe& a, double speed_mps, double altitude_m,
                                        double mass_kg, double thrust_n = 0.0);

/// The state's derivative: acceleration (m/s^2) and mass flow (kg/s, negative).
struct Derivative {
  Eigen::Vector3d velocity_mps;
  Eigen::Vector3d acceleration_mps2;
  double mass_rate_kg_s;
};
[[nodiscard]] Derivative derivative(const PointMass& s, const Airframe& a, const Steering& c,
                                    EarthModel earth);

/// Advances `s` by `duration_s` in RK4 steps of at most `substep_s`, ending each step at a
/// motor phase boundary when one falls inside it. No allocation.
void advance(PointMass& s, const Airframe& a, const Steering& c, double duration_s, double substep_s,
             EarthModel earth);

}  // namespace opensam::physics
