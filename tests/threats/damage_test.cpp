// A threat's warhead where it lands: the Kinney-Graham free-air overpressure (Explosive Shocks
// in Air, 2nd ed., 1985, eq. 7.2) at hand-computed scaled distances, cube-root scaling, the
// lethal radius as its inverse, and the share of a disc covered by another (the lens area of
// two circles).
#include "opensam/threats/damage.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace opensam::threats {
namespace {

TEST(Damage, KinneyGrahamAtHandComputedScaledDistances) {
  // Z = 1 m/kg^(1/3): 808 (1 + 1/20.25) / sqrt((1 + 434.03) (1 + 9.766) (1 + 0.5487)) = 9.952.
  EXPECT_NEAR(blast_overpressure_pa(1.0, 1.0) / kSeaLevelPressure_Pa, 9.952, 0.005);
  // Z = 5: 808 (1 + 1.2346) / sqrt((1 + 10850.7) (1 + 244.14) (1 + 13.717)) = 0.2886.
  EXPECT_NEAR(blast_overpressure_pa(1.0, 5.0) / kSeaLevelPressure_Pa, 0.2886, 0.0005);
  // Cube-root scaling: 1,000 kg at 50 m is 1 kg at 5 m.
  EXPECT_NEAR(blast_overpressure_pa(1000.0, 50.0), blast_overpressure_pa(1.0, 5.0), 1e-6);
}

TEST(Damage, LethalRadiusInvertsTheOverpressure) {
  const double r = blast_lethal_radius_m(300.0, 35e3);
  EXPECT_NEAR(blast_overpressure_pa(300.0, r), 35e3, 1.0);
  EXPECT_GT(blast_lethal_radius_m(300.0, 10e3), r);  // softer: farther
  EXPECT_EQ(blast_lethal_radius_m(0.0, 35e3), 0.0);
}

TEST(Damage, CoveredShareOfTwoDiscs) {
  EXPECT_DOUBLE_EQ(covered_share(10.0, 100.0, 0.0), 0.01);   // (10/100)^2, inside
  EXPECT_DOUBLE_EQ(covered_share(200.0, 100.0, 50.0), 1.0);  // covers it
  EXPECT_EQ(covered_share(10.0, 100.0, 111.0), 0.0);         // apart
  // Equal discs of radius 1 a radius apart: lens 2 pi/3 - sqrt(3)/2, over pi.
  EXPECT_NEAR(covered_share(1.0, 1.0, 1.0),
              (2.0 * std::numbers::pi / 3.0 - std::sqrt(3.0) / 2.0) / std::numbers::pi, 1e-12);
}

}  // namespace
}  // namespace opensam::threats
