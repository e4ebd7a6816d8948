#include "opensam/physics/atmosphere.hpp"

#include <array>
#include <cmath>
#include <limits>

namespace opensam::physics {
namespace {

// Constants of the 1976 standard (NOAA-S/T 76-1562, Table 2 and section 1.2).
constexpr double kG0 = 9.80665;           // m/s2, standard gravity
constexpr double kRStar = 8.31432;        // N m / (mol K), gas constant as the standard uses it
constexpr double kM0 = 28.9644e-3;        // kg/mol, sea-level mean molecular weight
constexpr double kEarthRadius = 6356766;  // m, r0 for geopotential altitude
constexpr double kGamma = 1.4;            // ratio of specific heats of air
constexpr double kR = kRStar / kM0;       // J / (kg K)

struct Layer {
  double base_h_m;   // geopotential altitude of the layer base
  double base_t_k;   // temperature at the base
  double lapse_k_m;  // temperature gradient in geopotential altitude
  double base_p_pa;  // pressure at the base (Table 4 of the standard)
};

constexpr std::array<Layer, 8> kLayers{{
    {0.0, 288.15, -0.0065, 101325.0},
    {11000.0, 216.65, 0.0, 22632.06},
    {20000.0, 216.65, 0.0010, 5474.889},
    {32000.0, 228.65, 0.0028, 868.0187},
    {47000.0, 270.65, 0.0, 110.9063},
    {51000.0, 270.65, -0.0028, 66.93887},
    {71000.0, 214.65, -0.0020, 3.956420},
    {84852.0, 186.946, 0.0, 0.3734},
}};

}  // namespace

AtmosphereState standard_atmosphere(double altitude_m) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (!(altitude_m >= -5000.0)) return {kNaN, kNaN, kNaN, kNaN};
  // Geopotential altitude (the standard's equation 18).
  const double h = kEarthRadius * altitude_m / (kEarthRadius + altitude_m);
  std::size_t i = kLayers.size() - 1;
  while (i > 0 && h < kLayers[i].base_h_m) --i;
  const Layer& l = kLayers[i];
  const double dh = h - l.base_h_m;
  const double t = l.base_t_k + l.lapse_k_m * dh;
  double p = 0.0;
  if (l.lapse_k_m == 0.0) {
    p = l.base_p_pa * std::exp(-kG0 * kM0 * dh / (kRStar * l.base_t_k));  // equation 33b
  } else {
    p = l.base_p_pa * std::pow(l.base_t_k / t, kG0 * kM0 / (kRStar * l.lapse_k_m));  // eq. 33a
  }
  const double rho = p / (kR * t);              // equation 42
  const double a = std::sqrt(kGamma * kR * t);  // equation 50
  return {t, p, rho, a};
}

double speed_of_sound_mps(double altitude_m) { return standard_atmosphere(altitude_m).speed_of_sound_mps; }

}  // namespace opensam::physics
