#pragma once
/// @file The reference tracking scenario (2-D, N constant-velocity targets, Pd, Poisson
/// clutter): the same data can be fed to opensam and to other trackers to compare them.

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace opensam::tracking {

struct ReferenceScenario {
  int targets = 10;
  int scans = 50;
  double interval_s = 1.0;
  double area_m = 100e3;         ///< targets start uniform in [0, area]^2
  double min_speed_mps = 100.0;  ///< speed uniform in [min, max], heading uniform
  double max_speed_mps = 300.0;
  double process_noise = 1.0;  ///< constant-velocity q, m^2/s^3
  double sigma_m = 50.0;       ///< x and y measurement noise
  double detection_probability = 0.9;
  double clutter_per_scan = 20.0;  ///< Poisson mean, uniform over the clutter area
  double clutter_area_m = 120e3;   ///< [-(c - a) / 2, (c + a) / 2]^2
  std::uint64_t seed = 1;
};

struct ReferenceScan {
  double time_s = 0.0;
  std::vector<Eigen::Vector2d> detections;
  std::vector<int> origin;              ///< target index of each detection, -1 for clutter (analysis only)
  std::vector<Eigen::Vector2d> truths;  ///< target i's position, id i + 1
};

/// Generates the scans; a pure function of the parameters (counter-based random streams).
[[nodiscard]] std::vector<ReferenceScan> generate_reference(const ReferenceScenario& p);

}  // namespace opensam::tracking
