#include "opensam/threats/damage.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace opensam::threats {

double blast_overpressure_pa(double tnt_kg, double range_m) {
  if (tnt_kg <= 0.0) return 0.0;
  const double z = std::max(range_m, 1e-6) / std::cbrt(tnt_kg);
  const auto sq = [](double x) { return x * x; };
  const double ratio = 808.0 * (1.0 + sq(z / 4.5)) /
                       std::sqrt((1.0 + sq(z / 0.048)) * (1.0 + sq(z / 0.32)) * (1.0 + sq(z / 1.35)));
  return ratio * kSeaLevelPressure_Pa;
}

double blast_lethal_radius_m(double tnt_kg, double hardness_pa) {
  if (tnt_kg <= 0.0 || hardness_pa <= 0.0) return 0.0;
  // The overpressure falls with the scaled distance: bisect Z on a log scale.
  double lo = 0.01, hi = 1000.0;
  const double w = std::cbrt(tnt_kg);
  if (blast_overpressure_pa(tnt_kg, lo * w) < hardness_pa) return 0.0;
  for (int i = 0; i < 100; ++i) {
    const double mid = std::sqrt(lo * hi);
    (blast_overpressure_pa(tnt_kg, mid * w) >= hardness_pa ? lo : hi) = mid;
  }
  return lo * w;
}

double covered_share(double lethal_radius_m, double target_radius_m, double offset_m) {
  const double r = lethal_radius_m, big = target_radius_m, d = std::abs(offset_m);
  if (r <= 0.0 || big <= 0.0 || d >= r + big) return 0.0;
  const double target_area = std::numbers::pi * big * big;
  if (d <= std::abs(big - r))
    return std::min(1.0, (std::numbers::pi * std::min(r, big) * std::min(r, big)) / target_area);
  // Two circles' lens: r^2 acos(.) + R^2 acos(.) - sqrt(.) / 2.
  const double a = r * r * std::acos(std::clamp((d * d + r * r - big * big) / (2.0 * d * r), -1.0, 1.0));
  const double b =
      big * big * std::acos(std::clamp((d * d + big * big - r * r) / (2.0 * d * big), -1.0, 1.0));
  const double c =
      0.5 * std::sqrt(std::max(0.0, (-d + r + big) * (d + r - big) * (d - r + big) * (d + r + big)));
  return std::clamp((a + b - c) / target_area, 0.0, 1.0);
}

}  // namespace opensam::threats
