#include "opensam/physics/atmosphere.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace opensam::physics {
namespace {

struct Row {
  double z_m, t_k, p_pa, rho, a_mps;
};

// U.S. Standard Atmosphere, 1976 (NOAA-S/T 76-1562), Table I, geometric altitudes, values
// as printed: temperature to 3 decimals, the rest to 5 significant figures.
constexpr Row kTable[] = {
    {0.0, 288.150, 1.01325e5, 1.2250, 340.29},      {1000.0, 281.651, 8.9876e4, 1.1117, 336.43},
    {5000.0, 255.676, 5.4048e4, 0.73643, 320.55},   {10000.0, 223.252, 2.6500e4, 0.41351, 299.53},
    {11000.0, 216.774, 2.2700e4, 0.36480, 295.15},  {20000.0, 216.650, 5.5293e3, 0.088910, 295.07},
    {30000.0, 226.509, 1.1970e3, 0.018410, 301.71}, {50000.0, 270.650, 7.9779e1, 1.0269e-3, 329.80},
};

TEST(StandardAtmosphere, MatchesThePublished1976Table) {
  for (const auto& r : kTable) {
    const AtmosphereState s = standard_atmosphere(r.z_m);
    EXPECT_NEAR(s.temperature_k, r.t_k, 2e-3) << r.z_m;
    EXPECT_NEAR(s.pressure_pa / r.p_pa, 1.0, 6e-5) << r.z_m;  // half a unit in the 5th digit
    EXPECT_NEAR(s.density_kg_m3 / r.rho, 1.0, 6e-5) << r.z_m;
    EXPECT_NEAR(s.speed_of_sound_mps, r.a_mps, 6e-3) << r.z_m;
  }
}

TEST(StandardAtmosphere, ContinuesIsothermallyAbove86Km) {
  const AtmosphereState a = standard_atmosphere(90000.0);
  const AtmosphereState b = standard_atmosphere(100000.0);
  EXPECT_NEAR(a.temperature_k, 186.946, 1e-9);
  EXPECT_NEAR(b.temperature_k, 186.946, 1e-9);
  EXPECT_LT(b.pressure_pa, a.pressure_pa);
  EXPECT_GT(b.pressure_pa, 0.0);
}

TEST(StandardAtmosphere, IsNaNBelowItsDomain) {
  EXPECT_TRUE(std::isnan(standard_atmosphere(-6000.0).pressure_pa));
  EXPECT_TRUE(std::isnan(speed_of_sound_mps(std::nan(""))));
  EXPECT_FALSE(std::isnan(standard_atmosphere(-5000.0).pressure_pa));
}

}  // namespace
}  // namespace opensam::physics
