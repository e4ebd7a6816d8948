#include "opensam/sensors/rcs.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace opensam::sensors {

namespace {

struct BandEdge {
  std::string_view letter;
  double lo_hz;
  double hi_hz;
};

// IEEE Std 521-2019, Standard Letter Designations for Radar-Frequency Bands.
constexpr BandEdge kBands[] = {
    {"HF", 3e6, 30e6}, {"VHF", 30e6, 300e6}, {"UHF", 300e6, 1e9}, {"L", 1e9, 2e9},   {"S", 2e9, 4e9},
    {"C", 4e9, 8e9},   {"X", 8e9, 12e9},     {"Ku", 12e9, 18e9},  {"K", 18e9, 27e9}, {"Ka", 27e9, 40e9},
};

/// Index i and weight w with x between grid[i] and grid[i + 1] (w = 0 at grid[i]); clamped.
std::pair<std::size_t, double> locate(const std::vector<double>& grid, double x) {
  if (grid.size() < 2 || x <= grid.front()) return {0, 0.0};
  if (x >= grid.back()) return {grid.size() - 2, 1.0};
  const auto it = std::upper_bound(grid.begin(), grid.end(), x);
  const auto i = static_cast<std::size_t>(it - grid.begin()) - 1;
  return {i, (x - grid[i]) / (grid[i + 1] - grid[i])};
}

}  // namespace

Aspect aspect_of(const geo::Lla& target, const geo::Vec3& target_ecef_m,
                 const geo::Vec3& target_velocity_ecef_mps, const geo::Vec3& observer_ecef_m) {
  // The observer against the target's heading and flight-path angle, in its east-north-up.
  const Eigen::Matrix3d to_enu = geo::enu_to_ecef_rotation(target.lat_deg, target.lon_deg).transpose();
  const geo::Vec3 v = to_enu * target_velocity_ecef_mps;
  const geo::Vec3 d = to_enu * (observer_ecef_m - target_ecef_m);
  const double heading = std::atan2(v.x(), v.y());
  const double climb = std::atan2(v.z(), std::hypot(v.x(), v.y()));
  return {std::remainder(std::atan2(d.x(), d.y()) - heading, 2.0 * std::numbers::pi),
          std::atan2(d.z(), std::hypot(d.x(), d.y())) - climb};
}

std::string_view band_letter(double frequency_hz) {
  for (const auto& b : kBands) {
    if (frequency_hz >= b.lo_hz && frequency_hz < b.hi_hz) return b.letter;
  }
  return "";
}

double band_centre_hz(std::string_view band) {
  for (const auto& b : kBands) {
    if (b.letter == band) return std::sqrt(b.lo_hz * b.hi_hz);
  }
  return 0.0;
}

double RcsPattern::rcs_m2(double azimuth_rad, double elevation_rad) const {
  if (dbsm_ == nullptr) return constant_m2_;
  // Left and right are mirror images: fold the azimuth into [0, pi].
  double az = std::remainder(azimuth_rad, 2.0 * std::numbers::pi);
  az = std::abs(az);
  const std::size_t n_az = azimuth_->size();
  const auto [i, wa] = locate(*azimuth_, az);
  const auto [j, we] = locate(*elevation_, elevation_rad);
  const auto at = [&](std::size_t row, std::size_t col) { return (*dbsm_)[row * n_az + col]; };
  const std::size_t i1 = std::min(i + 1, n_az - 1);
  const std::size_t j1 = std::min(j + 1, elevation_->size() - 1);
  const double lower = at(j, i) * (1.0 - wa) + at(j, i1) * wa;
  const double upper = at(j1, i) * (1.0 - wa) + at(j1, i1) * wa;
  const double db = lower * (1.0 - we) + upper * we;
  return std::pow(10.0, db / 10.0);
}

RcsModel::RcsModel(std::vector<double> azimuth_rad, std::vector<double> elevation_rad,
                   std::map<std::string, std::vector<double>> dbsm_by_band, double constant_m2)
    : constant_m2_(constant_m2),
      azimuth_(std::move(azimuth_rad)),
      elevation_(std::move(elevation_rad)),
      dbsm_(std::move(dbsm_by_band)) {}

RcsPattern RcsModel::for_frequency(double frequency_hz) const {
  if (dbsm_.empty()) return RcsPattern(constant_m2_);
  if (auto it = dbsm_.find(std::string(band_letter(frequency_hz))); it != dbsm_.end())
    return RcsPattern(&azimuth_, &elevation_, &it->second);
  const std::vector<double>* best = nullptr;
  double best_distance = 1e300;
  for (const auto& [band, values] : dbsm_) {
    const double d = std::abs(std::log(band_centre_hz(band) / frequency_hz));
    if (d < best_distance) {
      best_distance = d;
      best = &values;
    }
  }
  return RcsPattern(&azimuth_, &elevation_, best);
}

void RcsModel::shift_db(double db) {
  constant_m2_ *= std::pow(10.0, db / 10.0);
  for (auto& [band, values] : dbsm_) {
    for (double& v : values) v += db;
  }
}

}  // namespace opensam::sensors
