#include "opensam/geo/horizon.hpp"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace opensam::geo {

namespace {

constexpr double kEarthRadiusM = 6371000.0;  // mean radius (IUGG), as the horizon formula
constexpr double kRadToDeg = 180.0 / std::numbers::pi;
constexpr double kKnotSpacingM = 5000.0;  // geodesic points between which positions are interpolated

const GeographicLib::Geodesic& wgs84() { return GeographicLib::Geodesic::WGS84(); }

/// Calls visit(range_m, terrain height) every `step_m` out to `range_m` (exclusive) along the
/// geodesic leaving `origin` at `azimuth_rad`, for the samples from `first_m` on. Latitude and
/// longitude are interpolated linearly between exact geodesic points 5 km apart (metres of
/// error at most); a sample's position does not depend on `first_m`.
template <class Visit>
void march(const Terrain& terrain, const Lla& origin, double azimuth_rad, double range_m, double step_m,
           Visit&& visit, double first_m = 0.0) {
  const GeographicLib::GeodesicLine line(wgs84(), origin.lat_deg, origin.lon_deg, azimuth_rad * kRadToDeg);
  double knot_s = 0.0;
  bool knots_known = false;
  double lat0 = 0.0;
  double lon0 = 0.0;
  double lat1 = 0.0;
  double lon1 = 0.0;
  for (double s = step_m; s < range_m; s += step_m) {
    while (s > knot_s + kKnotSpacingM) {
      knot_s += kKnotSpacingM;
      if (knots_known) {
        lat0 = lat1;
        lon0 = lon1;
        line.Position(knot_s + kKnotSpacingM, lat1, lon1);
      }
    }
    if (s < first_m) continue;
    if (!knots_known) {
      knots_known = true;
      if (knot_s == 0.0) {
        lat0 = origin.lat_deg;
        lon0 = origin.lon_deg;
      } else {
        line.Position(knot_s, lat0, lon0);
      }
      line.Position(knot_s + kKnotSpacingM, lat1, lon1);
    }
    const double w = (s - knot_s) / kKnotSpacingM;
    double dlon = lon1 - lon0;
    if (dlon > 180.0) dlon -= 360.0;
    if (dlon < -180.0) dlon += 360.0;
    visit(s, terrain.height_m(lat0 + w * (lat1 - lat0), lon0 + w * dlon));
  }
}

}  // namespace

Bearing bearing(const Lla& from, const Lla& to) {
  double s12 = 0.0;
  double azi1 = 0.0;
  double azi2 = 0.0;
  wgs84().Inverse(from.lat_deg, from.lon_deg, to.lat_deg, to.lon_deg, s12, azi1, azi2);
  return {s12, azi1 / kRadToDeg};
}

double slope(double antenna_m, double range_m, double height_m, double k_factor) {
  return (height_m - antenna_m) / range_m - range_m / (2.0 * k_factor * kEarthRadiusM);
}

double terrain_envelope_march(const Terrain& terrain, const Lla& radar, double azimuth_rad, double range_m,
                              double k_factor, double step_m) {
  double best = -std::numeric_limits<double>::infinity();
  march(terrain, radar, azimuth_rad, range_m, step_m,
        [&](double s, double h) { best = std::max(best, slope(radar.alt_m, s, h, k_factor)); });
  return best;
}

bool line_of_sight_march(const Terrain& terrain, const Lla& radar, const Lla& target, double k_factor,
                         double step_m) {
  const Bearing b = bearing(radar, target);
  if (b.ground_range_m <= 0.0) return true;
  const double target_slope = slope(radar.alt_m, b.ground_range_m, target.alt_m, k_factor);
  // A sample at s blocks only where the ray's height a + s t + s^2 / (2 k a_e) is not above the
  // terrain's highest point: a closed interval of s (the ray is a convex parabola). Only that
  // interval, widened by a step and a metre, is marched; the answer is the full march's.
  const double c = 1.0 / (2.0 * k_factor * kEarthRadiusM);
  const double gap_m = radar.alt_m - (terrain.max_height_m() + 1.0);
  const double disc = target_slope * target_slope - 4.0 * c * gap_m;
  if (!(disc >= 0.0)) return std::isnan(disc) ? false : true;
  const double root = std::sqrt(disc);
  const double first_m = (-target_slope - root) / (2.0 * c) - step_m;
  const double last_m = (-target_slope + root) / (2.0 * c) + step_m;
  if (last_m <= 0.0) return true;
  const double until_m = std::min(b.ground_range_m, last_m);
  bool clear = true;
  march(
      terrain, radar, b.azimuth_rad, until_m, step_m,
      [&](double s, double h) { clear = clear && target_slope > slope(radar.alt_m, s, h, k_factor); },
      first_m);
  return clear;
}

HorizonProfile::HorizonProfile(const Terrain& terrain, const Lla& radar, double max_range_m, double k_factor,
                               int azimuth_bins, double step_m)
    : bins_(azimuth_bins), antenna_m_(radar.alt_m), k_factor_(k_factor) {
  offset_.reserve(static_cast<std::size_t>(bins_) + 1);
  offset_.push_back(0);
  for (int i = 0; i < bins_; ++i) {
    const double az = 2.0 * std::numbers::pi * i / bins_;
    double best = -std::numeric_limits<double>::infinity();
    march(terrain, radar, az, max_range_m, step_m, [&](double s, double h) {
      const double sl = slope(radar.alt_m, s, h, k_factor);
      if (sl > best) {
        best = sl;
        range_m_.push_back(static_cast<float>(s));
        slope_.push_back(static_cast<float>(sl));
      }
    });
    offset_.push_back(range_m_.size());
  }
}

double HorizonProfile::envelope(double azimuth_rad, double range_m) const {
  if (bins_ == 0) return -std::numeric_limits<double>::infinity();
  double turns = azimuth_rad / (2.0 * std::numbers::pi);
  turns -= std::floor(turns);
  const int bin = static_cast<int>(std::lround(turns * bins_)) % bins_;
  const auto first = range_m_.begin() + static_cast<std::ptrdiff_t>(offset_[bin]);
  const auto last = range_m_.begin() + static_cast<std::ptrdiff_t>(offset_[bin + 1]);
  // The last breakpoint strictly before range_m.
  const auto it = std::lower_bound(first, last, static_cast<float>(range_m));
  if (it == first) return -std::numeric_limits<double>::infinity();
  return slope_[static_cast<std::size_t>(it - range_m_.begin()) - 1];
}

bool HorizonProfile::visible(double azimuth_rad, double range_m, double height_m) const {
  if (range_m <= 0.0) return true;
  return slope(antenna_m_, range_m, height_m, k_factor_) > envelope(azimuth_rad, range_m);
}

}  // namespace opensam::geo
