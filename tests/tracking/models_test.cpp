// Motion and measurement models against closed forms: the transition matrices against the
// matrix exponential of their continuous models, process noise against the integral
// Q = int_0^T F(s) G q G' F(s)' ds (Bar-Shalom, Li & Kirubarajan 2001, eq. 6.2.2-12),
// Singer (1970) against its constant-acceleration limit, a coordinated turn around a full
// circle, vacuum ballistics against x = x0 + v t - g t^2 / 2, and the radar measurement's
// Jacobian against finite differences.
#include "opensam/tracking/models.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace opensam::tracking {
namespace {

/// exp(A t) by its Taylor series.
Eigen::MatrixXd expm(const Eigen::MatrixXd& A) {
  Eigen::MatrixXd out = Eigen::MatrixXd::Identity(A.rows(), A.cols()), term = out;
  for (int k = 1; k < 40; ++k) {
    term = term * A / k;
    out += term;
  }
  return out;
}

/// Q by Simpson's rule over the continuous model (A, G q G').
Eigen::MatrixXd integrated_noise(const Eigen::MatrixXd& A, const Eigen::MatrixXd& GqG, double T) {
  const int n = 2000;
  Eigen::MatrixXd Q = Eigen::MatrixXd::Zero(A.rows(), A.cols());
  for (int i = 0; i <= n; ++i) {
    const double s = T * i / n, w = (i == 0 || i == n) ? 1 : (i % 2 ? 4 : 2);
    const Eigen::MatrixXd F = expm(A * s);
    Q += w * F * GqG * F.transpose();
  }
  return Q * T / (3.0 * n);
}

/// One axis of a 1-D model (axes = 1 is not a layout the tracker uses, so take the x axis of 2).
Eigen::MatrixXd axis_block(const StateMat& M, int order) {
  Eigen::MatrixXd out(order, order);
  for (int r = 0; r < order; ++r)
    for (int c = 0; c < order; ++c) out(r, c) = M(r * 2, c * 2);
  return out;
}

TEST(MotionModel, ConstantVelocityAndAccelerationMatchTheirContinuousModels) {
  const double T = 2.5;
  for (const auto kind : {MotionKind::kConstantVelocity, MotionKind::kConstantAcceleration}) {
    const MotionModel m{.kind = kind, .axes = 2, .noise_psd = 3.0};
    const int order = kind == MotionKind::kConstantVelocity ? 2 : 3;
    StateMat F, Q;
    const StateVec x = StateVec::Zero(m.state_size());
    m.jacobian(x, T, F);
    m.process_noise(x, T, Q);
    Eigen::MatrixXd A = Eigen::MatrixXd::Zero(order, order), GqG = A;
    for (int i = 0; i + 1 < order; ++i) A(i, i + 1) = 1.0;
    GqG(order - 1, order - 1) = 3.0;
    EXPECT_TRUE(axis_block(F, order).isApprox(expm(A * T), 1e-12));
    EXPECT_TRUE(axis_block(Q, order).isApprox(integrated_noise(A, GqG, T), 1e-9));
  }
}

TEST(MotionModel, SingerMatchesItsContinuousModelAndTendsToConstantAcceleration) {
  const double T = 3.0, tau = 7.0, sigma = 4.0, alpha = 1.0 / tau;
  const MotionModel m{
      .kind = MotionKind::kSinger, .axes = 2, .singer_time_constant_s = tau, .singer_sigma_mps2 = sigma};
  StateMat F, Q;
  const StateVec x = StateVec::Zero(6);
  m.jacobian(x, T, F);
  m.process_noise(x, T, Q);
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(3, 3), GqG = A;
  A(0, 1) = A(1, 2) = 1.0;
  A(2, 2) = -alpha;
  GqG(2, 2) = 2 * alpha * sigma * sigma;  // Singer's driving noise
  EXPECT_TRUE(axis_block(F, 3).isApprox(expm(A * T), 1e-12));
  EXPECT_TRUE(axis_block(Q, 3).isApprox(integrated_noise(A, GqG, T), 1e-8));

  // tau -> infinity with 2 alpha sigma^2 = q held: the Wiener-acceleration model.
  const double q = 0.5, big_tau = 1e3;
  const MotionModel slow{.kind = MotionKind::kSinger,
                         .axes = 2,
                         .singer_time_constant_s = big_tau,
                         .singer_sigma_mps2 = std::sqrt(q * big_tau / 2)};
  const MotionModel ca{.kind = MotionKind::kConstantAcceleration, .axes = 2, .noise_psd = q};
  StateMat Qs, Qc;
  slow.process_noise(x, 1.0, Qs);
  ca.process_noise(x, 1.0, Qc);
  EXPECT_TRUE(Qs.isApprox(Qc, 1e-2));
}

TEST(MotionModel, CoordinatedTurnClosesACircleAndItsJacobianIsExact) {
  const double omega = 0.1;  // rad/s: a full turn in 2 pi / 0.1 s
  const MotionModel m{.kind = MotionKind::kCoordinatedTurn, .axes = 3};
  StateVec x(7);
  x << 1000, 2000, 500, 200, 0, 0, omega;
  StateVec y;
  m.transition(x, 2 * std::numbers::pi / omega, y);
  EXPECT_NEAR((y - x).norm(), 0.0, 1e-6);
  // Half a turn: velocity reversed, displaced by the diameter 2 v / omega to the north.
  m.transition(x, std::numbers::pi / omega, y);
  EXPECT_NEAR(y[0], 1000, 1e-6);
  EXPECT_NEAR(y[1], 2000 + 2 * 200 / omega, 1e-6);
  EXPECT_NEAR(y[3], -200, 1e-9);
  // Jacobian against central differences, also at omega ~ 0.
  for (double w : {0.05, 0.0}) {
    x[6] = w;
    StateMat F;
    m.jacobian(x, 4.0, F);
    for (int c = 0; c < 7; ++c) {
      const double h = c == 6 ? 1e-7 : 1e-3;
      StateVec xp = x, xm = x, yp, ym;
      xp[c] += h, xm[c] -= h;
      m.transition(xp, 4.0, yp);
      m.transition(xm, 4.0, ym);
      const StateVec fd = (yp - ym) / (2 * h);
      for (int r = 0; r < 7; ++r) EXPECT_NEAR(F(r, c), fd[r], 1e-4 * (1 + std::abs(fd[r]))) << r << "," << c;
    }
  }
}

TEST(MotionModel, BallisticInVacuumIsAParabolaAndDragBrakes) {
  MotionModel vacuum{.kind = MotionKind::kBallistic, .axes = 3, .ballistic_coefficient_kg_m2 = 1e30};
  StateVec x(6), y;
  x << 0, 0, 50000, 1000, 0, 800;
  const double t = 30.0;
  vacuum.transition(x, t, y);
  EXPECT_NEAR(y[0], 1000 * t, 1e-6);
  EXPECT_NEAR(y[2], 50000 + 800 * t - 0.5 * 9.80665 * t * t, 1e-6);
  EXPECT_NEAR(y[5], 800 - 9.80665 * t, 1e-9);
  // At terminal speed v_t = sqrt(2 beta g / rho), drag balances gravity: no acceleration.
  MotionModel drag{.kind = MotionKind::kBallistic, .axes = 3, .ballistic_coefficient_kg_m2 = 5000};
  const double rho = 1.225 * std::exp(-10000.0 / 7200.0);
  const double vt = std::sqrt(2 * 5000 * 9.80665 / rho);
  x << 0, 0, 10000, 0, 0, -vt;
  drag.transition(x, 0.01, y);
  EXPECT_NEAR((y[5] - x[5]) / 0.01, 0.0, 0.05);  // only the density change over 0.01 s remains
  // Jacobian against central differences.
  x << 0, 0, 20000, 900, 100, -600;
  StateMat F;
  drag.jacobian(x, 2.0, F);
  for (int c = 0; c < 6; ++c) {
    StateVec xp = x, xm = x, yp, ym;
    xp[c] += 1e-2, xm[c] -= 1e-2;
    drag.transition(xp, 2.0, yp);
    drag.transition(xm, 2.0, ym);
    const StateVec fd = (yp - ym) / 2e-2;
    for (int r = 0; r < 6; ++r) EXPECT_NEAR(F(r, c), fd[r], 2e-3 * (1 + std::abs(fd[r]))) << r << "," << c;
  }
}

/// The measurement Jacobian at x against central differences of h (step 1 cm, 1 cm/s).
void expect_jacobian_matches_differences(const MeasurementModel& m, const StateVec& x, double tolerance) {
  MeasStateMat H;
  m.jacobian(x, H);
  for (int c = 0; c < int(x.size()); ++c) {
    StateVec xp = x, xm = x;
    xp[c] += 1e-2, xm[c] -= 1e-2;
    MeasVec zp, zm;
    m.predict(xp, zp);
    m.predict(xm, zm);
    for (int r = 0; r < m.size(); ++r)
      EXPECT_NEAR(H(r, c), (zp[r] - zm[r]) / 2e-2, tolerance) << r << "," << c;
  }
}

TEST(MeasurementModel, RadarMeasuresInItsOwnFrame) {
  MeasurementModel m{.kind = MeasurementKind::kRadar, .axes = 3, .range_rate = true, .frame = {}};
  m.frame.origin_m = {1000, 0, 0};
  // The sensor's frame is turned 90 degrees about up from the command post's frame
  // (its north is the command post's east).
  m.frame.rotation << 0, -1, 0, 1, 0, 0, 0, 0, 1;
  StateVec x(6);
  x << 11000, 0, 1000, -100, 0, 0;  // 10 km east of the sensor, 1 km up, closing at 100 m/s
  MeasVec z;
  m.predict(x, z);
  EXPECT_NEAR(z[0], std::hypot(10000, 1000), 1e-9);
  EXPECT_NEAR(z[1], 0.0, 1e-12);  // straight ahead along the sensor's north
  EXPECT_NEAR(z[2], std::atan2(1000, 10000), 1e-12);
  EXPECT_NEAR(z[3], -100 * 10000 / std::hypot(10000, 1000), 1e-9);
  // Back to a position.
  Eigen::Vector3d p;
  Eigen::Matrix3d Pp;
  MeasMat R = MeasMat::Identity(4, 4) * 1e-6;
  m.to_position(z, R, p, Pp);
  EXPECT_NEAR((p - x.head(3)).norm(), 0.0, 1e-6);
  // Jacobian against central differences.
  x << 11000, 3000, 1000, -100, 40, 5;
  expect_jacobian_matches_differences(m, x, 1e-7);
  // Residuals wrap the azimuth through north.
  MeasVec a(4), b(4), d;
  a << 1, 0.01, 0, 0;
  b << 1, 2 * std::numbers::pi - 0.01, 0, 0;
  m.residual(a, b, d);
  EXPECT_NEAR(d[1], 0.02, 1e-12);
}

// A jam strobe is the radar's azimuth and elevation without range: the same angles (Blackman &
// Popoli 1999, section 1.5 spherical coordinates) and the same Jacobian rows.
TEST(MeasurementModel, BearingIsTheRadarsAnglesWithoutRange) {
  MeasurementModel radar{.kind = MeasurementKind::kRadar, .axes = 3, .range_rate = false, .frame = {}};
  radar.frame.origin_m = {-2000, 500, 30};
  const double cz = std::cos(0.3), sz = std::sin(0.3);
  radar.frame.rotation << cz, -sz, 0, sz, cz, 0, 0, 0, 1;
  MeasurementModel bearing = radar;
  bearing.kind = MeasurementKind::kBearing;
  ASSERT_EQ(bearing.size(), 2);
  EXPECT_FALSE(bearing.locates());
  StateVec x(6);
  x << 40000, -25000, 9000, 200, 10, 0;
  MeasVec zr, zb;
  radar.predict(x, zr);
  bearing.predict(x, zb);
  EXPECT_DOUBLE_EQ(zb[0], zr[1]);
  EXPECT_DOUBLE_EQ(zb[1], zr[2]);
  MeasStateMat Hr, Hb;
  radar.jacobian(x, Hr);
  bearing.jacobian(x, Hb);
  ASSERT_EQ(Hb.rows(), 2);
  EXPECT_TRUE(Hb.isApprox(Hr.middleRows(1, 2), 1e-15));
  expect_jacobian_matches_differences(bearing, x, 1e-10);
  MeasVec a(2), b(2), d;
  a << 0.01, 0.1;
  b << 2 * std::numbers::pi - 0.01, 0.1;
  bearing.residual(a, b, d);
  EXPECT_NEAR(d[0], 0.02, 1e-12);
}

TEST(MotionModel, ConversionKeepsKinematicsAndSeedsMissingExtras) {
  const MotionModel cv{.kind = MotionKind::kConstantVelocity, .axes = 2};
  const MotionModel ct{.kind = MotionKind::kCoordinatedTurn, .axes = 2, .initial_turn_rate_sigma_rad_s = 0.2};
  Gaussian g{StateVec::LinSpaced(4, 1, 4), StateMat::Identity(4, 4) * 9}, out, back;
  convert_state(g, cv, ct, out);
  ASSERT_EQ(out.x.size(), 5);
  EXPECT_EQ(out.x.head(4), g.x);
  EXPECT_EQ(out.x[4], 0.0);
  EXPECT_NEAR(out.P(4, 4), 0.04, 1e-15);
  convert_state(out, ct, cv, back);
  EXPECT_EQ(back.x, g.x);
  EXPECT_EQ(back.P, g.P);
}

}  // namespace
}  // namespace opensam::tracking
