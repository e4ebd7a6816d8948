#include "opensam/sensors/iff.hpp"

#include <algorithm>

namespace opensam::sensors {

bool iff_answers(const threats::Movers& threats, const geo::Vec3& position_m, double sigma_m,
                 threats::IffMode mode) {
  if (mode == threats::IffMode::kNone) return false;
  const int i = threats.nearest(position_m, std::max(1000.0, 3.0 * sigma_m));
  return i >= 0 && !threats.external(std::size_t(i)) && threats.friendly(std::size_t(i)) &&
         threats.transponder(std::size_t(i)) == mode;
}

}  // namespace opensam::sensors
