// Two bearings crossing at an emitter against the geometric closed forms of triangulation
// (Poisel, Electronic Warfare Target Location Methods, two-station fix; ew-notes: the error
// along one line is R sigma_theta / sin(gamma) when only the other line errs).
#include "opensam/tracking/triangulation.hpp"

#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <cmath>

#include "opensam/core/rng.hpp"

namespace opensam::tracking {
namespace {

BearingRay toward(const Eigen::Vector3d& origin, const Eigen::Vector3d& target, double s_az, double s_el) {
  const Eigen::Vector3d d = target - origin;
  return {origin,
          Eigen::Matrix3d::Identity(),
          std::atan2(d.x(), d.y()),
          std::atan2(d.z(), d.head<2>().norm()),
          s_az,
          s_el};
}

// Radar A at the origin, radar B 60 km east, the emitter 120 km north of A at 9 km.
const Eigen::Vector3d kA(0, 0, 0), kB(60e3, 0, 0), kTarget(10e3, 120e3, 9e3);

TEST(Triangulation, ExactBearingsCrossAtTheEmitter) {
  const auto x = cross(toward(kA, kTarget, 1e-3, 1e-3), toward(kB, kTarget, 1e-3, 1e-3));
  ASSERT_TRUE(x);
  EXPECT_LT((x->position_m - kTarget).norm(), 1e-3);
  EXPECT_LT(x->chi2, 1e-9);
  const Eigen::Vector3d ua = (kTarget - kA).normalized(), ub = (kTarget - kB).normalized();
  EXPECT_NEAR(x->angle_rad, std::acos(ua.dot(ub)), 1e-12);
  EXPECT_NEAR(x->range_a_m, (kTarget - kA).norm(), 1e-3);
  // Lines that meet behind a radar, and parallel lines, cross nowhere.
  BearingRay away = toward(kB, kTarget, 1e-3, 1e-3);
  away.azimuth_rad += std::numbers::pi, away.elevation_rad = -away.elevation_rad;
  EXPECT_FALSE(cross(toward(kA, kTarget, 1e-3, 1e-3), away));
  EXPECT_FALSE(cross(toward(kA, kTarget, 1e-3, 1e-3),
                     toward(kA + Eigen::Vector3d(1, 0, 0), kTarget + Eigen::Vector3d(1, 0, 0), 1e-3, 1e-3)));
}

// Only A's azimuth errs (all in the horizontal plane): the fix slides along B's line by
// R_A sigma / sin(gamma), in the covariance and in 20,000 noisy crossings.
TEST(Triangulation, OneLineErringMovesTheFixAlongTheOtherByRSigmaOverSinGamma) {
  const double sigma = 2e-3, exact = 1e-7;
  const Eigen::Vector3d target(10e3, 120e3, 0.0);
  const Eigen::Vector3d ub = (target - kB).normalized();
  const double gamma = std::acos((target - kA).normalized().dot(ub));
  const double closed_form = (target - kA).norm() * sigma / std::sin(gamma);
  const auto x = cross(toward(kA, target, sigma, exact), toward(kB, target, exact, exact));
  ASSERT_TRUE(x);
  EXPECT_NEAR(std::sqrt(ub.dot(x->covariance_m2 * ub)), closed_form, 0.01 * closed_form);
  core::RngStream rng(5, 0, "bearings");
  double sum2 = 0.0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    BearingRay a = toward(kA, target, sigma, exact);
    a.azimuth_rad += sigma * rng.normal();
    const auto f = cross(a, toward(kB, target, exact, exact));
    ASSERT_TRUE(f);
    sum2 += std::pow((f->position_m - target).dot(ub), 2);
  }
  EXPECT_NEAR(std::sqrt(sum2 / n), closed_form, 0.03 * closed_form);
}

// Equal range errors s across both lines in a plane: the fix's error ellipse has variances
// s^2 / (1 - cos gamma) and s^2 / (1 + cos gamma) (the two-station fix), and the misses of two
// true bearings follow chi-square with one degree of freedom.
TEST(Triangulation, EqualErrorsGiveTheTwoStationEllipseAndAChiSquareMiss) {
  const Eigen::Vector3d a0(0, 0, 0), b0(60e3, 0, 0);
  // Equal horizontal ranges from both radars: place the target on the bisector.
  const Eigen::Vector3d on_bisector(30e3, 80e3, 0.0);
  const double sigma = 1e-3, r = (on_bisector - a0).norm();
  const auto x = cross(toward(a0, on_bisector, sigma, sigma), toward(b0, on_bisector, sigma, sigma));
  ASSERT_TRUE(x);
  const double c = (on_bisector - a0).normalized().dot((on_bisector - b0).normalized());
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> es(x->covariance_m2.topLeftCorner<2, 2>());
  const double s2 = r * r * sigma * sigma;
  EXPECT_NEAR(es.eigenvalues()[1], s2 / (1.0 - c), 1e-6 * s2 / (1.0 - c));
  EXPECT_NEAR(es.eigenvalues()[0], s2 / (1.0 + c), 1e-6 * s2 / (1.0 + c));
  core::RngStream rng(6, 0, "bearings");
  double chi2 = 0.0;
  const int n = 20000;
  const Eigen::Vector3d high(30e3, 80e3, 8e3);
  for (int i = 0; i < n; ++i) {
    BearingRay a = toward(a0, high, sigma, sigma), b = toward(b0, high, sigma, sigma);
    a.azimuth_rad += sigma * rng.normal(), a.elevation_rad += sigma * rng.normal();
    b.azimuth_rad += sigma * rng.normal(), b.elevation_rad += sigma * rng.normal();
    const auto f = cross(a, b);
    ASSERT_TRUE(f);
    chi2 += f->chi2;
  }
  EXPECT_NEAR(chi2 / n, 1.0, 0.05);
}

}  // namespace
}  // namespace opensam::tracking
