#include "opensam/tracking/reference.hpp"

#include <cmath>
#include <numbers>

#include "opensam/core/rng.hpp"

namespace opensam::tracking {

std::vector<ReferenceScan> generate_reference(const ReferenceScenario& p) {
  core::RngStream motion(p.seed, 0, "reference/truth"), sensing(p.seed, 0, "reference/detections");
  core::RngStream clutter(p.seed, 0, "reference/clutter");
  struct Target {
    Eigen::Vector2d x, v;
  };
  std::vector<Target> targets(std::size_t(p.targets));
  for (Target& t : targets) {
    t.x = {motion.uniform(0, p.area_m), motion.uniform(0, p.area_m)};
    const double speed = motion.uniform(p.min_speed_mps, p.max_speed_mps);
    const double heading = motion.uniform(0, 2 * std::numbers::pi);
    t.v = {speed * std::sin(heading), speed * std::cos(heading)};
  }
  // Exact discretisation of the constant-velocity model per axis: Q = q [T^3/3 T^2/2; T^2/2 T].
  const double T = p.interval_s, q = p.process_noise;
  const double s11 = std::sqrt(q * T * T * T / 3), c21 = q * T * T / 2 / s11;
  const double s22 = std::sqrt(std::max(q * T - c21 * c21, 0.0));
  const double lo = -(p.clutter_area_m - p.area_m) / 2, hi = lo + p.clutter_area_m;
  std::vector<ReferenceScan> scans(std::size_t(p.scans));
  for (int k = 0; k < p.scans; ++k) {
    ReferenceScan& s = scans[std::size_t(k)];
    s.time_s = k * T;
    if (k > 0)
      for (Target& t : targets)
        for (int a = 0; a < 2; ++a) {
          const double n1 = motion.normal(), n2 = motion.normal();
          t.x[a] += T * t.v[a] + s11 * n1;
          t.v[a] += c21 * n1 + s22 * n2;
        }
    for (std::size_t i = 0; i < targets.size(); ++i) {
      s.truths.push_back(targets[i].x);
      if (sensing.uniform() >= p.detection_probability) continue;
      s.detections.emplace_back(targets[i].x.x() + p.sigma_m * sensing.normal(),
                                targets[i].x.y() + p.sigma_m * sensing.normal());
      s.origin.push_back(int(i));
    }
    // Poisson count by exponential arrivals in one unit of time.
    for (double t = -std::log(1.0 - clutter.uniform()) / p.clutter_per_scan; t < 1.0;
         t += -std::log(1.0 - clutter.uniform()) / p.clutter_per_scan) {
      s.detections.emplace_back(clutter.uniform(lo, hi), clutter.uniform(lo, hi));
      s.origin.push_back(-1);
    }
  }
  return scans;
}

}  // namespace opensam::tracking
