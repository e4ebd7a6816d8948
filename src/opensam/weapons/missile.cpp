#include "opensam/weapons/missile.hpp"

namespace opensam::weapons {

physics::CdTable drag_table(double peak_cd) {
  physics::CdTable t{{0.0, 0.8, 1.0, 1.2, 1.5, 2.0, 3.0, 4.0, 6.0, 10.0},
                     {0.55, 0.6, 0.9, 1.0, 0.93, 0.8, 0.65, 0.56, 0.48, 0.45}};
  for (double& cd : t.cd) cd *= peak_cd;
  return t;
}

}  // namespace opensam::weapons
