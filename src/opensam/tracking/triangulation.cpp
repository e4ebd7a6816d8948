#include "opensam/tracking/triangulation.hpp"

#include <Eigen/LU>
#include <algorithm>
#include <array>
#include <cmath>

namespace opensam::tracking {

namespace {

/// A line of sight in the common frame: direction and the two unit vectors across it (along
/// increasing azimuth, along increasing elevation).
struct Line {
  Eigen::Vector3d u, across_az, across_el;
};

Line line_of(const BearingRay& r) {
  const double sa = std::sin(r.azimuth_rad), ca = std::cos(r.azimuth_rad);
  const double se = std::sin(r.elevation_rad), ce = std::cos(r.elevation_rad);
  const Eigen::Matrix3d back = r.rotation.transpose();
  return {back * Eigen::Vector3d(ce * sa, ce * ca, se), back * Eigen::Vector3d(ca, -sa, 0.0),
          back * Eigen::Vector3d(-se * sa, -se * ca, ce)};
}

}  // namespace

std::optional<Crossing> cross(const BearingRay& a, const BearingRay& b, double extra_sigma_m) {
  const std::array<const BearingRay*, 2> rays{&a, &b};
  const std::array<Line, 2> lines{line_of(a), line_of(b)};
  // Closest points of the two lines (their ranges from each sensor) to start.
  const double c = lines[0].u.dot(lines[1].u);
  const double denom = 1.0 - c * c;
  if (!(denom > 1e-12)) return std::nullopt;
  const Eigen::Vector3d w = a.origin_m - b.origin_m;
  const double d = lines[0].u.dot(w), e = lines[1].u.dot(w);
  std::array<double, 2> range{(c * e - d) / denom, (e - c * d) / denom};
  Crossing out;
  for (int pass = 0; pass < 2; ++pass) {
    if (!(range[0] > 0.0 && range[1] > 0.0)) return std::nullopt;
    // Information across each line: an azimuth error moves the point r cos(el) sigma_az
    // sideways, an elevation error r sigma_el up or down.
    Eigen::Matrix3d info = Eigen::Matrix3d::Zero();
    Eigen::Vector3d rhs = Eigen::Vector3d::Zero();
    std::array<Eigen::Matrix3d, 2> weight;
    for (int i = 0; i < 2; ++i) {
      const BearingRay& r = *rays[std::size_t(i)];
      const Line& l = lines[std::size_t(i)];
      const double extra2 = extra_sigma_m * extra_sigma_m;
      const double s_az = range[std::size_t(i)] * std::cos(r.elevation_rad) * r.sigma_azimuth_rad;
      const double s_el = range[std::size_t(i)] * r.sigma_elevation_rad;
      weight[std::size_t(i)] = l.across_az * l.across_az.transpose() / (s_az * s_az + extra2) +
                               l.across_el * l.across_el.transpose() / (s_el * s_el + extra2);
      info += weight[std::size_t(i)];
      rhs += weight[std::size_t(i)] * r.origin_m;
    }
    const Eigen::FullPivLU<Eigen::Matrix3d> lu(info);
    if (!lu.isInvertible()) return std::nullopt;
    out.position_m = lu.solve(rhs);
    out.covariance_m2 = lu.inverse();
    out.chi2 = 0.0;
    for (int i = 0; i < 2; ++i) {
      const Eigen::Vector3d off = out.position_m - rays[std::size_t(i)]->origin_m;
      out.chi2 += off.dot(weight[std::size_t(i)] * off);
      range[std::size_t(i)] = lines[std::size_t(i)].u.dot(off);
    }
  }
  if (!(range[0] > 0.0 && range[1] > 0.0)) return std::nullopt;
  out.angle_rad = std::acos(std::min(std::abs(c), 1.0));
  out.range_a_m = range[0];
  out.range_b_m = range[1];
  return out;
}

}  // namespace opensam::tracking
