#include "opensam/weapons/lethality.hpp"

#include <algorithm>
#include <cmath>

namespace opensam::weapons {

double kill_probability(double miss_m, double lethal_radius_m, double vulnerability) {
  if (lethal_radius_m <= 0.0) return 0.0;
  const double x = miss_m / lethal_radius_m;
  return std::clamp(vulnerability, 0.0, 1.0) * std::exp(-x * x);
}

double salvo_kill_probability(double sspk, int shots) {
  if (shots <= 0) return 0.0;
  return 1.0 - std::pow(1.0 - std::clamp(sspk, 0.0, 1.0), shots);
}

}  // namespace opensam::weapons
