#include "opensam/tracking/filter.hpp"

#include <cmath>
#include <numbers>

namespace opensam::tracking {
namespace {

using SigmaMat =
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor, kMaxState, 2 * kMaxState + 1>;
using MeasSigmaMat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor, kMaxMeasurement,
                                   2 * kMaxState + 1>;

// Scaled unscented transform (Wan & van der Merwe 2000) with alpha 1, beta 2, kappa 0:
// lambda = 0, so the centre point carries no mean weight and 2 in the covariance.
constexpr double kBeta = 2.0;

/// Sigma points x +- columns of sqrt(n P); false when P is not positive semi-definite.
bool sigma_points(const Gaussian& g, SigmaMat& X) {
  const int n = int(g.x.size());
  StateMat L;
  Eigen::LLT<StateMat> llt(g.P);
  if (llt.info() == Eigen::Success) {
    L = llt.matrixL();
  } else {
    Eigen::LDLT<StateMat> ldlt(g.P);
    if (ldlt.info() != Eigen::Success || (ldlt.vectorD().array() < -1e-9).any()) return false;
    StateVec d = ldlt.vectorD().cwiseMax(0.0).cwiseSqrt();
    L = ldlt.transpositionsP().transpose() * StateMat(ldlt.matrixL()) * d.asDiagonal();
  }
  L *= std::sqrt(double(n));
  X.resize(n, 2 * n + 1);
  X.col(0) = g.x;
  for (int i = 0; i < n; ++i) {
    X.col(1 + i) = g.x + L.col(i);
    X.col(1 + n + i) = g.x - L.col(i);
  }
  return true;
}

double mean_weight(int i, int n) { return i == 0 ? 0.0 : 1.0 / (2.0 * n); }
double cov_weight(int i, int n) { return i == 0 ? kBeta : 1.0 / (2.0 * n); }

void symmetrise(StateMat& P) { P = 0.5 * (P + P.transpose()).eval(); }

/// F P F' + Q, symmetrised, in fixed-size matrices of the state's size N (unrolled and
/// vectorised: the common 6- and 9-state models go several times faster than through the
/// run-time sized ones).
template <int N>
void propagate_fixed(const StateMat& F, const StateMat& P, const StateMat& Q, StateMat& out) {
  using Fixed = Eigen::Matrix<double, N, N>;
  const Fixed f = F, p = P;
  const Fixed fp = f * p;
  Fixed r = fp * f.transpose();
  r = 0.5 * (r + r.transpose()).eval();
  out = r + Q;
}

void propagate(const StateMat& F, const StateMat& P, const StateMat& Q, StateMat& out) {
  switch (P.rows()) {
    case 6: propagate_fixed<6>(F, P, Q, out); return;
    case 9: propagate_fixed<9>(F, P, Q, out); return;
    default:
      out.noalias() = F * P * F.transpose();
      out += Q;
      symmetrise(out);
  }
}

/// The constant-velocity prediction (x' = F x, P' = F P F' + Q with F = [I dt I; 0 I]) in
/// fixed-size matrices of A axes, taking only F's nonzero terms: each coefficient of F x and
/// F P F' is the sum of at most two nonzero products, so the dense products give the same bits.
template <int A>
void predict_cv(const MotionModel& model, const Gaussian& in, double dt_s, Gaussian& out) {
  using Mat = Eigen::Matrix<double, 2 * A, 2 * A>;
  const Mat P = in.P;
  Mat fp = P;
  fp.template topRows<A>() += dt_s * P.template bottomRows<A>();
  Mat r = fp;
  r.template leftCols<A>() += dt_s * fp.template rightCols<A>();
  r = 0.5 * (r + r.transpose()).eval();
  // + Q, whose only nonzero terms are each axis's block.
  const std::array<double, 4> q = model.cv_noise_block(dt_s);
  for (int a = 0; a < A; ++a) {
    r(a, a) += q[0], r(a, A + a) += q[1];
    r(A + a, a) += q[2], r(A + a, A + a) += q[3];
  }
  out.P = r;
  out.x = in.x;
  out.x.head(A) += dt_s * in.x.segment(A, A);
}

/// P H' and H P H' + R in fixed-size matrices of the state size N and measurement size M.
template <int N, int M>
void linearised_fixed(const StateMat& P_in, const MeasStateMat& H_in, const MeasMat& R, Innovation& out) {
  const Eigen::Matrix<double, N, N> P = P_in;
  const Eigen::Matrix<double, M, N> H = H_in;
  const Eigen::Matrix<double, N, M> Pxz = P * H.transpose();
  // H Pxz summed over the state in ascending order, as the run-time sized product does (the
  // fixed-size one sums in another order, which changes the last bits).
  Eigen::Matrix<double, M, M> S = H.col(0) * Pxz.row(0);
  for (int l = 1; l < N; ++l) S += H.col(l) * Pxz.row(l);
  S += R;
  out.Pxz = Pxz;
  out.S = S;
}

template <int N>
bool linearised(const StateMat& P, const MeasStateMat& H, const MeasMat& R, Innovation& out) {
  switch (H.rows()) {
    case 2: linearised_fixed<N, 2>(P, H, R, out); return true;
    case 3: linearised_fixed<N, 3>(P, H, R, out); return true;
    case 4: linearised_fixed<N, 4>(P, H, R, out); return true;
    default: return false;
  }
}

}  // namespace

void predict(FilterKind filter, const MotionModel& model, const Gaussian& in, double dt, Gaussian& out) {
  if (model.kind == MotionKind::kConstantVelocity) {
    if (model.axes == 3) return predict_cv<3>(model, in, dt, out);
    if (model.axes == 2) return predict_cv<2>(model, in, dt, out);
  }
  StateMat Q;
  model.process_noise(in.x, dt, Q);
  if (filter != FilterKind::kUnscented || model.linear()) {
    StateMat F;
    model.jacobian(in.x, dt, F);
    model.transition(in.x, dt, out.x);
    propagate(F, in.P, Q, out.P);
    return;
  }
  const int n = int(in.x.size());
  SigmaMat X, Y;
  if (!sigma_points(in, X)) return predict(FilterKind::kExtended, model, in, dt, out);
  Y.resize(n, 2 * n + 1);
  StateVec y;
  for (int i = 0; i < 2 * n + 1; ++i) {
    model.transition(X.col(i), dt, y);
    Y.col(i) = y;
  }
  out.x.setZero(n);
  for (int i = 0; i < 2 * n + 1; ++i) out.x += mean_weight(i, n) * Y.col(i);
  out.P = Q;
  for (int i = 0; i < 2 * n + 1; ++i) {
    const StateVec d = Y.col(i) - out.x;
    out.P += cov_weight(i, n) * d * d.transpose();
  }
  symmetrise(out.P);
}

bool innovate(FilterKind filter, const MeasurementModel& model, const Gaussian& prior, const MeasMat& R,
              Innovation& out) {
  const int m = model.size();
  if (filter != FilterKind::kUnscented || model.linear()) {
    MeasStateMat H;
    model.jacobian(prior.x, H);
    model.predict(prior.x, out.z_pred);
    const bool fixed = (prior.P.rows() == 6 && linearised<6>(prior.P, H, R, out)) ||
                       (prior.P.rows() == 9 && linearised<9>(prior.P, H, R, out));
    if (!fixed) {
      out.Pxz.noalias() = prior.P * H.transpose();
      out.S.noalias() = H * out.Pxz;
      out.S += R;
    }
  } else {
    const int n = int(prior.x.size());
    SigmaMat X;
    if (!sigma_points(prior, X)) return innovate(FilterKind::kExtended, model, prior, R, out);
    MeasSigmaMat Z(m, 2 * n + 1);
    MeasVec z, d;
    for (int i = 0; i < 2 * n + 1; ++i) {
      model.predict(X.col(i), z);
      Z.col(i) = z;
    }
    // Mean as the centre plus weighted wrapped differences, so azimuths near north average.
    const MeasVec centre = Z.col(0);
    out.z_pred = centre;
    for (int i = 1; i < 2 * n + 1; ++i) {
      model.residual(Z.col(i), centre, d);
      out.z_pred += mean_weight(i, n) * d;
    }
    out.S = R;
    out.Pxz.setZero(n, m);
    for (int i = 0; i < 2 * n + 1; ++i) {
      model.residual(Z.col(i), out.z_pred, d);
      out.S += cov_weight(i, n) * d * d.transpose();
      out.Pxz += cov_weight(i, n) * (X.col(i) - prior.x) * d.transpose();
    }
  }
  out.S = 0.5 * (out.S + out.S.transpose()).eval();
  return factor(out);
}

bool factor(Innovation& inn) {
  inn.S_llt.compute(inn.S);
  if (inn.S_llt.info() != Eigen::Success) return false;
  inn.log_det_S = 2.0 * inn.S_llt.matrixLLT().diagonal().array().log().sum();
  return true;
}

double mahalanobis_squared(const Innovation& inn, const MeasVec& nu) {
  const MeasVec w = inn.S_llt.matrixL().solve(nu);
  return w.squaredNorm();
}

double log_likelihood(const Innovation& inn, const MeasVec& nu) {
  const double m = double(nu.size());
  return -0.5 * (mahalanobis_squared(inn, nu) + inn.log_det_S + m * std::log(2 * std::numbers::pi));
}

void update(const Gaussian& prior, const Innovation& inn, const MeasVec& nu, Gaussian& post) {
  // K = Pxz S^-1, solved through the Cholesky factor of S.
  const StateMeasMat K = inn.S_llt.solve(inn.Pxz.transpose()).transpose();
  post.x = prior.x + K * nu;
  post.P = prior.P - K * inn.S * K.transpose();
  symmetrise(post.P);
}

void pda_update(const Gaussian& prior, const Innovation& inn, std::span<const MeasVec> nus,
                std::span<const double> betas, double beta_none, Gaussian& post) {
  const StateMeasMat K = inn.S_llt.solve(inn.Pxz.transpose()).transpose();
  const int m = int(inn.S.rows());
  MeasVec nu = MeasVec::Zero(m);
  MeasMat spread = MeasMat::Zero(m, m);
  for (std::size_t j = 0; j < nus.size(); ++j) {
    nu += betas[j] * nus[j];
    spread += betas[j] * nus[j] * nus[j].transpose();
  }
  spread -= nu * nu.transpose();
  post.x = prior.x + K * nu;
  // Bar-Shalom, Daum & Huang (2009), "The probabilistic data association filter", eq. 38-40.
  post.P = prior.P - (1.0 - beta_none) * K * inn.S * K.transpose() + K * spread * K.transpose();
  symmetrise(post.P);
}

}  // namespace opensam::tracking
