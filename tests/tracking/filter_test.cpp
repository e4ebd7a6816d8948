// Filters against closed forms: the steady-state alpha-beta gains of Kalata (1984), "The
// tracking index", IEEE Trans. AES-20(2); the chi-square consistency of the normalised
// estimation error squared (Bar-Shalom, Li & Kirubarajan 2001, sec. 5.4.2) for the
// Kalman, extended and unscented filters; PDA with one certain detection = Kalman; the
// fixed-size products equal the textbook dense ones (F P F' + Q, P H', H P H' + R) to the bit.
#include "opensam/tracking/filter.hpp"

#include <gtest/gtest.h>

#include <array>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>

#include "opensam/core/rng.hpp"

namespace opensam::tracking {
namespace {

TEST(Filter, KalmanReachesKalataSteadyStateGains) {
  // Discrete white-noise acceleration model; position measured with sigma_v.
  const double T = 2.0, sigma_w = 3.0, sigma_v = 50.0;
  StateMat F(2, 2), Q(2, 2);
  F << 1, T, 0, 1;
  Q << T * T * T * T / 4, T * T * T / 2, T * T * T / 2, T * T;
  Q *= sigma_w * sigma_w;
  const MeasurementModel h{.kind = MeasurementKind::kPosition, .axes = 1, .range_rate = false, .frame = {}};
  const MeasMat R = MeasMat::Constant(1, 1, sigma_v * sigma_v);
  Gaussian g{StateVec::Zero(2), StateMat::Identity(2, 2) * 1e6}, prior, post;
  Innovation inn;
  for (int k = 0; k < 500; ++k) {
    prior.x = F * g.x;
    prior.P = F * g.P * F.transpose() + Q;
    ASSERT_TRUE(innovate(FilterKind::kKalman, h, prior, R, inn));
    update(prior, inn, MeasVec::Zero(1), g);
  }
  const StateMeasMat K = inn.S_llt.solve(inn.Pxz.transpose()).transpose();
  const double lambda = sigma_w * T * T / sigma_v;
  const double root = std::sqrt(lambda * lambda + 8 * lambda);
  const double alpha = -(lambda * lambda + 8 * lambda - (lambda + 4) * root) / 8;
  const double beta = (lambda * lambda + 4 * lambda - lambda * root) / 4;
  EXPECT_NEAR(K(0, 0), alpha, 1e-9);
  EXPECT_NEAR(K(1, 0) * T, beta, 1e-9);
}

/// Mean NEES over runs of a 3-D constant-velocity target seen by a radar; the filter's
/// models are the truth's, so the NEES is chi-square with 6 degrees of freedom.
double mean_nees(FilterKind filter, int runs, int steps) {
  const MotionModel cv{.kind = MotionKind::kConstantVelocity, .axes = 3, .noise_psd = 0.5};
  MeasurementModel radar{.kind = MeasurementKind::kRadar, .axes = 3, .range_rate = true, .frame = {}};
  core::RngStream rng(7, 0, "nees");
  MeasVec sigma(4);
  sigma << 30.0, 0.002, 0.002, 2.0;
  const MeasMat R = sigma.array().square().matrix().asDiagonal();
  const double dt = 2.0;
  double total = 0.0;
  for (int run = 0; run < runs; ++run) {
    StateVec truth(6);
    truth << 40e3, 60e3, 5e3, -150, -200, 0;
    StateMat Q, F;
    cv.process_noise(truth, dt, Q);
    cv.jacobian(truth, dt, F);
    const StateMat Lq = Eigen::LLT<StateMat>(Q).matrixL();
    Gaussian est{truth, StateMat::Identity(6, 6)}, prior;
    est.P.diagonal() << 900, 900, 900, 400, 400, 400;
    for (int i = 0; i < 6; ++i) est.x[i] += std::sqrt(est.P(i, i)) * rng.normal();
    Innovation inn;
    for (int k = 0; k < steps; ++k) {
      StateVec w(6);
      for (int i = 0; i < 6; ++i) w[i] = rng.normal();
      truth = (F * truth + Lq * w).eval();
      MeasVec z, nu;
      radar.predict(truth, z);
      for (int i = 0; i < 4; ++i) z[i] += sigma[i] * rng.normal();
      predict(filter, cv, est, dt, prior);
      EXPECT_TRUE(innovate(filter, radar, prior, R, inn));
      radar.residual(z, inn.z_pred, nu);
      update(prior, inn, nu, est);
    }
    const StateVec e = truth - est.x;
    total += e.dot(est.P.ldlt().solve(e));
  }
  return total / runs;
}

TEST(Filter, ExtendedAndUnscentedFiltersAreConsistent) {
  const int runs = 300;
  const boost::math::chi_squared chi(6.0 * runs);
  const double lo = boost::math::quantile(chi, 0.001) / runs, hi = boost::math::quantile(chi, 0.999) / runs;
  for (auto f : {FilterKind::kExtended, FilterKind::kUnscented}) {
    const double nees = mean_nees(f, runs, 40);
    EXPECT_GT(nees, lo) << int(f);
    EXPECT_LT(nees, hi) << int(f);
  }
}

TEST(Filter, FixedSizeProductsGiveTheDenseProductsBitForBit) {
  // Predictions and innovations run in fixed-size matrices that skip F's zeros; a run's
  // outputs may not depend on that, so they must equal the run-time sized dense products
  // (Bar-Shalom et al. 2001, eq. 5.2.3-5 and 5.2.3-9) exactly, for random states.
  core::RngStream rng(11, 0, "fixed");
  const MeasurementModel radar{
      .kind = MeasurementKind::kRadar,
      .axes = 3,
      .range_rate = true,
      .frame = {.origin_m = {1e3, -2e3, 50.0}, .rotation = Eigen::Matrix3d::Identity()}};
  const MeasurementModel search{
      .kind = MeasurementKind::kRadar, .axes = 3, .range_rate = false, .frame = radar.frame};
  const MeasurementModel bearing{
      .kind = MeasurementKind::kBearing, .axes = 3, .range_rate = false, .frame = radar.frame};
  for (int axes : {2, 3}) {
    const MotionModel cv{.kind = MotionKind::kConstantVelocity, .axes = axes, .noise_psd = 7.0};
    const int n = 2 * axes;
    for (int k = 0; k < 200; ++k) {
      Gaussian in{StateVec(n), StateMat(n, n)}, out;
      StateMat A(n, n);
      for (int i = 0; i < n; ++i) {
        in.x[i] = (i < axes ? 5e4 : 300.0) * rng.normal();
        for (int j = 0; j < n; ++j) A(i, j) = 100.0 * rng.normal();
      }
      in.P = A * A.transpose();
      const double dt = 4.0 * rng.uniform() - 1.0;
      predict(FilterKind::kExtended, cv, in, dt, out);
      StateMat F, Q;
      cv.jacobian(in.x, dt, F);
      cv.process_noise(in.x, dt, Q);
      StateMat P = F * in.P * F.transpose();
      P = 0.5 * (P + P.transpose()).eval();
      P += Q;
      const StateVec x = F * in.x;
      ASSERT_TRUE((out.x.array() == x.array()).all()) << k;
      ASSERT_TRUE((out.P.array() == P.array()).all()) << k;
      if (axes != 3) continue;
      for (const MeasurementModel* h : std::array{&radar, &search, &bearing}) {
        const int m = h->size();
        const MeasMat R = MeasMat::Identity(m, m) * 1e-4;
        Innovation inn;
        ASSERT_TRUE(innovate(FilterKind::kExtended, *h, out, R, inn));
        MeasStateMat H;
        h->jacobian(out.x, H);
        StateMeasMat Pxz;
        Pxz.noalias() = out.P * H.transpose();
        MeasMat S;
        S.noalias() = H * Pxz;
        S += R;
        S = 0.5 * (S + S.transpose()).eval();
        ASSERT_TRUE((inn.Pxz.array() == Pxz.array()).all()) << k << " m " << m;
        ASSERT_TRUE((inn.S.array() == S.array()).all()) << k << " m " << m;
      }
    }
  }
}

TEST(Filter, PdaWithOneCertainDetectionIsTheKalmanUpdate) {
  Gaussian prior{StateVec::Zero(4), StateMat::Identity(4, 4) * 100}, a, b;
  prior.P(0, 2) = prior.P(2, 0) = 30;
  const MeasurementModel h{.kind = MeasurementKind::kPosition, .axes = 2, .range_rate = false, .frame = {}};
  Innovation inn;
  ASSERT_TRUE(innovate(FilterKind::kKalman, h, prior, MeasMat::Identity(2, 2) * 25, inn));
  MeasVec nu(2);
  nu << 7, -3;
  update(prior, inn, nu, a);
  const std::array<MeasVec, 1> nus{nu};
  const std::array<double, 1> betas{1.0};
  pda_update(prior, inn, nus, betas, 0.0, b);
  EXPECT_TRUE(a.x.isApprox(b.x, 1e-12));
  EXPECT_TRUE(a.P.isApprox(b.P, 1e-12));
  // With beta_none = 1 nothing changes.
  const std::array<double, 1> none{0.0};
  pda_update(prior, inn, nus, none, 1.0, b);
  EXPECT_TRUE(b.x.isApprox(prior.x));
  EXPECT_TRUE(b.P.isApprox(prior.P));
}

}  // namespace
}  // namespace opensam::tracking
