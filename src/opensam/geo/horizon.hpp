#pragma once
/// @file Line of sight over terrain on a k-factor Earth. The ray march samples the terrain
/// along the geodesic from the radar (the reference, and the test oracle); a HorizonProfile
/// precomputes, per azimuth bin, the running maximum of the terrain's elevation slope against
/// range, so that a line-of-sight query is a binary search.

#include <vector>

#include "opensam/geo/frames.hpp"
#include "opensam/geo/terrain.hpp"

namespace opensam::geo {

/// Standard refraction: 4/3 Earth (Skolnik, Introduction to Radar Systems, 3rd ed., 8.2).
inline constexpr double kDefaultKFactor = 4.0 / 3.0;

/// Ground distance and azimuth (radians from north, clockwise) from `from` to `to` along the
/// WGS-84 geodesic (GeographicLib).
struct Bearing {
  double ground_range_m = 0.0;
  double azimuth_rad = 0.0;
};
[[nodiscard]] Bearing bearing(const Lla& from, const Lla& to);

/// Elevation slope of height `height_m` at ground range `range_m` from an antenna at
/// `antenna_m` (heights above the ellipsoid), on the k-factor Earth: (h - h_a) / d - d / (2 k a),
/// a = 6,371 km. Monotone in the elevation angle.
[[nodiscard]] double slope(double antenna_m, double range_m, double height_m, double k_factor);

/// Reference line of sight: marches the terrain in steps of `step_m` along the geodesic from
/// `radar` (antenna height in alt_m) to `target` and reports whether the target's slope
/// exceeds every terrain sample's before it.
[[nodiscard]] bool line_of_sight_march(const Terrain& terrain, const Lla& radar, const Lla& target,
                                       double k_factor, double step_m);

/// The highest terrain slope met before `range_m` along azimuth `azimuth_rad` (the march's
/// envelope), -infinity when none.
[[nodiscard]] double terrain_envelope_march(const Terrain& terrain, const Lla& radar, double azimuth_rad,
                                            double range_m, double k_factor, double step_m);

/// A fixed radar's horizon: per azimuth bin, the breakpoints (range, running maximum slope)
/// of the terrain envelope out to `max_range_m`, sampled every `step_m`.
class HorizonProfile {
 public:
  HorizonProfile() = default;
  HorizonProfile(const Terrain& terrain, const Lla& radar, double max_range_m, double k_factor,
                 int azimuth_bins, double step_m);

  /// The terrain envelope (highest slope before `range_m`) in the bin of `azimuth_rad`.
  [[nodiscard]] double envelope(double azimuth_rad, double range_m) const;
  /// Whether a point at `height_m` (above the ellipsoid), ground range and azimuth from the
  /// radar clears the terrain.
  [[nodiscard]] bool visible(double azimuth_rad, double range_m, double height_m) const;
  [[nodiscard]] int azimuth_bins() const { return bins_; }
  [[nodiscard]] std::size_t breakpoints() const { return range_m_.size(); }
  [[nodiscard]] double antenna_m() const { return antenna_m_; }

 private:
  int bins_ = 0;
  double antenna_m_ = 0.0;
  double k_factor_ = kDefaultKFactor;
  std::vector<std::size_t> offset_;  ///< bins + 1 offsets into the arrays below
  std::vector<float> range_m_;       ///< where the running maximum rises
  std::vector<float> slope_;         ///< the running maximum from there on
};

}  // namespace opensam::geo
