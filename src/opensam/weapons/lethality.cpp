#include "opensam/weapons/lethality.hpp"

#include <algorithm>
#include <cmath>

namespace opensam::weapons {

double salvo_kill_probability(double sspk, int shots) {
  if (shots <= 0) return 0.0;
  return 1.0 - std::pow(1.0 - std::clamp(sspk, 0.0, 1.0), shots);
}

}  // namespace opensam::weapons
