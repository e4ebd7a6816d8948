#include "opensam/tracking/models.hpp"

#include <cmath>
#include <numbers>

#include "opensam/core/assert.hpp"

namespace opensam::tracking {
namespace {

constexpr double kGravity_mps2 = 9.80665;  // standard gravity (CGPM 1901)
// Exponential atmosphere for the ballistic model: sea-level density of the US Standard
// Atmosphere 1976 and a 7.2 km scale height (modelling assumption, good to ~10 % below 30 km).
constexpr double kSeaLevelDensity_kg_m3 = 1.225;
constexpr double kScaleHeight_m = 7200.0;

double air_density(double altitude_m) {
  return kSeaLevelDensity_kg_m3 * std::exp(-std::max(altitude_m, -1000.0) / kScaleHeight_m);
}

/// Per-axis transition block (position, velocity[, acceleration]) placed on every axis.
void set_axis_blocks(int axes, int order, const double* f, StateMat& F) {
  for (int a = 0; a < axes; ++a)
    for (int r = 0; r < order; ++r)
      for (int c = 0; c < order; ++c) F(r * axes + a, c * axes + a) = f[r * order + c];
}

void cv_blocks(double dt, double q, double* f, double* qm) {
  f[0] = 1, f[1] = dt, f[2] = 0, f[3] = 1;
  qm[0] = q * dt * dt * dt / 3, qm[1] = qm[2] = q * dt * dt / 2, qm[3] = q * dt;
}

void ca_blocks(double dt, double q, double* f, double* qm) {
  const double t2 = dt * dt, t3 = t2 * dt, t4 = t3 * dt, t5 = t4 * dt;
  const double ff[9] = {1, dt, t2 / 2, 0, 1, dt, 0, 0, 1};
  const double qq[9] = {t5 / 20, t4 / 8, t3 / 6, t4 / 8, t3 / 3, t2 / 2, t3 / 6, t2 / 2, dt};
  for (int i = 0; i < 9; ++i) f[i] = ff[i], qm[i] = q * qq[i];
}

// Singer (1970), "Estimating optimal tracking filter performance for manned maneuvering
// targets", IEEE Trans. AES-6(4): transition and the closed-form process noise.
void singer_blocks(double dt, double tau, double sigma, double* f, double* qm) {
  const double a = 1.0 / tau, aT = a * dt, e1 = std::exp(-aT), e2 = std::exp(-2 * aT);
  const double ff[9] = {1, dt, (aT - 1 + e1) / (a * a), 0, 1, (1 - e1) / a, 0, 0, e1};
  const double a2 = a * a, a3 = a2 * a, a4 = a3 * a, a5 = a4 * a;
  const double q11 = (1 - e2 + 2 * aT + 2 * aT * aT * aT / 3 - 2 * aT * aT - 4 * aT * e1) / (2 * a5);
  const double q12 = (e2 + 1 - 2 * e1 + 2 * aT * e1 - 2 * aT + aT * aT) / (2 * a4);
  const double q13 = (1 - e2 - 2 * aT * e1) / (2 * a3);
  const double q22 = (4 * e1 - 3 - e2 + 2 * aT) / (2 * a3);
  const double q23 = (e2 + 1 - 2 * e1) / (2 * a2);
  const double q33 = (1 - e2) / (2 * a);
  const double s = 2 * a * sigma * sigma;
  const double qq[9] = {q11, q12, q13, q12, q22, q23, q13, q23, q33};
  for (int i = 0; i < 9; ++i) f[i] = ff[i], qm[i] = s * qq[i];
}

/// Continuous ballistic dynamics: d/dt [p, v] and its Jacobian A.
void ballistic_derivative(const double* x, double beta, double* dx, StateMat* A) {
  const Eigen::Vector3d v(x[3], x[4], x[5]);
  const double speed = v.norm(), rho = air_density(x[2]);
  const double k = rho / (2 * beta);
  for (int i = 0; i < 3; ++i) dx[i] = x[3 + i];
  for (int i = 0; i < 3; ++i) dx[3 + i] = -k * speed * v[i];
  dx[5] -= kGravity_mps2;
  if (A == nullptr) return;
  A->setZero(6, 6);
  for (int i = 0; i < 3; ++i) (*A)(i, 3 + i) = 1.0;
  if (speed > 0) {
    const Eigen::Matrix3d dv = -k * (speed * Eigen::Matrix3d::Identity() + v * v.transpose() / speed);
    A->block(3, 3, 3, 3) = dv;
    for (int i = 0; i < 3; ++i) (*A)(3 + i, 2) = k * speed * v[i] / kScaleHeight_m;
  }
}

constexpr double kBallisticStep_s = 0.25;

}  // namespace

double wrap_angle(double a) {
  a = std::remainder(a, 2 * std::numbers::pi);
  return a <= -std::numbers::pi ? a + 2 * std::numbers::pi : a;
}

Extras MotionModel::extras() const {
  switch (kind) {
    case MotionKind::kConstantAcceleration:
    case MotionKind::kSinger: return Extras::kAcceleration;
    case MotionKind::kCoordinatedTurn: return Extras::kTurnRate;
    default: return Extras::kNone;
  }
}

int MotionModel::state_size() const {
  switch (extras()) {
    case Extras::kAcceleration: return 3 * axes;
    case Extras::kTurnRate: return 2 * axes + 1;
    default: return 2 * axes;
  }
}

bool MotionModel::linear() const {
  return kind != MotionKind::kCoordinatedTurn && kind != MotionKind::kBallistic;
}

void MotionModel::jacobian(const StateVec& x, double dt, StateMat& F) const {
  const int n = state_size();
  F.setZero(n, n);
  double f[9], q[9];
  switch (kind) {
    case MotionKind::kConstantVelocity: cv_blocks(dt, 0, f, q), set_axis_blocks(axes, 2, f, F); return;
    case MotionKind::kConstantAcceleration: ca_blocks(dt, 0, f, q), set_axis_blocks(axes, 3, f, F); return;
    case MotionKind::kSinger:
      singer_blocks(dt, singer_time_constant_s, 0, f, q), set_axis_blocks(axes, 3, f, F);
      return;
    case MotionKind::kCoordinatedTurn: {
      cv_blocks(dt, 0, f, q), set_axis_blocks(axes, 2, f, F);
      const int w = 2 * axes, vx = axes, vy = axes + 1;
      const double om = x[w], s = std::sin(om * dt), c = std::cos(om * dt);
      const double ux = x[vx], uy = x[vy];
      double a, b, da, db;  // a = sin/om, b = (1 - cos)/om and their derivatives in om
      if (std::abs(om) < 1e-9) {
        a = dt, b = 0.5 * om * dt * dt, da = -om * dt * dt * dt / 3, db = 0.5 * dt * dt;
      } else {
        const double h = std::sin(0.5 * om * dt), one_minus_c = 2 * h * h;  // 1 - cos without cancellation
        a = s / om, b = one_minus_c / om;
        da = (dt * c * om - s) / (om * om), db = (dt * s * om - one_minus_c) / (om * om);
      }
      F(0, vx) = a, F(0, vy) = -b, F(1, vx) = b, F(1, vy) = a;
      F(vx, vx) = c, F(vx, vy) = -s, F(vy, vx) = s, F(vy, vy) = c;
      F(0, w) = ux * da - uy * db;
      F(1, w) = ux * db + uy * da;
      F(vx, w) = -dt * s * ux - dt * c * uy;
      F(vy, w) = dt * c * ux - dt * s * uy;
      F(w, w) = 1.0;
      return;
    }
    case MotionKind::kBallistic: {
      OPENSAM_ASSERT(axes == 3);
      F.setIdentity(6, 6);
      const int steps = std::max(1, int(std::ceil(std::abs(dt) / kBallisticStep_s)));
      const double h = dt / steps;
      StateVec s = x;
      StateMat A(6, 6), Phi(6, 6);
      StateVec nx(6);
      for (int i = 0; i < steps; ++i) {
        double d[6];
        ballistic_derivative(s.data(), ballistic_coefficient_kg_m2, d, &A);
        Phi = StateMat::Identity(6, 6) + A * h + A * A * (h * h / 2);
        F = Phi * F;
        transition(s, h, nx);
        s = nx;
      }
      return;
    }
  }
}

void MotionModel::transition(const StateVec& x, double dt, StateVec& out) const {
  if (kind == MotionKind::kBallistic) {
    // Classical fourth-order Runge-Kutta in fixed substeps.
    const int steps = std::max(1, int(std::ceil(std::abs(dt) / kBallisticStep_s)));
    const double h = dt / steps, beta = ballistic_coefficient_kg_m2;
    double s[6], k1[6], k2[6], k3[6], k4[6], t[6];
    for (int i = 0; i < 6; ++i) s[i] = x[i];
    for (int n = 0; n < steps; ++n) {
      ballistic_derivative(s, beta, k1, nullptr);
      for (int i = 0; i < 6; ++i) t[i] = s[i] + 0.5 * h * k1[i];
      ballistic_derivative(t, beta, k2, nullptr);
      for (int i = 0; i < 6; ++i) t[i] = s[i] + 0.5 * h * k2[i];
      ballistic_derivative(t, beta, k3, nullptr);
      for (int i = 0; i < 6; ++i) t[i] = s[i] + h * k3[i];
      ballistic_derivative(t, beta, k4, nullptr);
      for (int i = 0; i < 6; ++i) s[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
    out.resize(6);
    for (int i = 0; i < 6; ++i) out[i] = s[i];
    return;
  }
  if (kind == MotionKind::kCoordinatedTurn) {
    const int w = 2 * axes, vx = axes, vy = axes + 1;
    const double om = x[w], s = std::sin(om * dt), c = std::cos(om * dt);
    const double a = std::abs(om) < 1e-9 ? dt : s / om;
    const double h = std::sin(0.5 * om * dt);
    const double b = std::abs(om) < 1e-9 ? 0.5 * om * dt * dt : 2 * h * h / om;  // (1 - cos) / om
    out = x;
    out[0] = x[0] + a * x[vx] - b * x[vy];
    out[1] = x[1] + b * x[vx] + a * x[vy];
    out[vx] = c * x[vx] - s * x[vy];
    out[vy] = s * x[vx] + c * x[vy];
    if (axes == 3) out[2] = x[2] + dt * x[5];
    return;
  }
  StateMat F;
  jacobian(x, dt, F);
  out.noalias() = F * x;
}

void MotionModel::process_noise(const StateVec& /*x*/, double dt, StateMat& Q) const {
  const int n = state_size();
  Q.setZero(n, n);
  const double t = std::abs(dt);
  double f[9], q[9];
  switch (kind) {
    case MotionKind::kConstantAcceleration:
      ca_blocks(t, noise_psd, f, q), set_axis_blocks(axes, 3, q, Q);
      return;
    case MotionKind::kSinger:
      singer_blocks(t, singer_time_constant_s, singer_sigma_mps2, f, q), set_axis_blocks(axes, 3, q, Q);
      return;
    default:
      cv_blocks(t, noise_psd, f, q), set_axis_blocks(axes, 2, q, Q);
      if (kind == MotionKind::kCoordinatedTurn) Q(2 * axes, 2 * axes) = turn_rate_psd * t;
      return;
  }
}

std::array<double, 4> MotionModel::cv_noise_block(double dt_s) const {
  double f[4];
  std::array<double, 4> q{};
  cv_blocks(std::abs(dt_s), noise_psd, f, q.data());
  return q;
}

void convert_state(const Gaussian& in, const MotionModel& from, const MotionModel& to, Gaussian& out) {
  OPENSAM_ASSERT(from.axes == to.axes);
  const int n = to.state_size(), base = 2 * to.axes;
  if (from.extras() == to.extras()) {
    out = in;
    return;
  }
  out.x.setZero(n);
  out.P.setZero(n, n);
  out.x.head(base) = in.x.head(base);
  out.P.topLeftCorner(base, base) = in.P.topLeftCorner(base, base);
  const double s = to.extras() == Extras::kAcceleration ? to.initial_acceleration_sigma_mps2
                                                        : to.initial_turn_rate_sigma_rad_s;
  for (int i = base; i < n; ++i) out.P(i, i) = s * s;
}

int MeasurementModel::size() const {
  switch (kind) {
    case MeasurementKind::kPosition: return axes;
    case MeasurementKind::kBearing: return 2;
    case MeasurementKind::kRadar: break;
  }
  return range_rate ? 4 : 3;
}

void MeasurementModel::predict(const StateVec& x, MeasVec& z) const {
  if (kind == MeasurementKind::kPosition) {
    z = x.head(axes);
    return;
  }
  const Eigen::Vector3d rel = frame.rotation * (Eigen::Vector3d(x[0], x[1], x[2]) - frame.origin_m);
  const double ground = std::hypot(rel.x(), rel.y()), r = rel.norm();
  z.resize(size());
  if (kind == MeasurementKind::kBearing) {
    z[0] = std::atan2(rel.x(), rel.y());
    z[1] = std::atan2(rel.z(), ground);
    return;
  }
  z[0] = r;
  z[1] = std::atan2(rel.x(), rel.y());
  z[2] = std::atan2(rel.z(), ground);
  if (range_rate) {
    const Eigen::Vector3d w = frame.rotation * Eigen::Vector3d(x[3], x[4], x[5]);
    z[3] = r > 0 ? rel.dot(w) / r : 0.0;
  }
}

void MeasurementModel::jacobian(const StateVec& x, MeasStateMat& H) const {
  const int n = int(x.size());
  H.setZero(size(), n);
  if (kind == MeasurementKind::kPosition) {
    for (int i = 0; i < axes; ++i) H(i, i) = 1.0;
    return;
  }
  const Eigen::Matrix3d& R = frame.rotation;
  const Eigen::Vector3d rel = R * (Eigen::Vector3d(x[0], x[1], x[2]) - frame.origin_m);
  const double e = rel.x(), nn = rel.y(), u = rel.z();
  const double g2 = std::max(e * e + nn * nn, 1e-12), g = std::sqrt(g2), r2 = g2 + u * u, r = std::sqrt(r2);
  Eigen::Matrix<double, 3, 3> J;  // d(r, az, el) / d rel
  J.row(0) = rel.transpose() / r;
  J.row(1) << nn / g2, -e / g2, 0.0;
  J.row(2) << -e * u / (r2 * g), -nn * u / (r2 * g), g / r2;
  if (kind == MeasurementKind::kBearing) {
    H.block(0, 0, 2, 3) = J.bottomRows(2) * R;
    return;
  }
  H.block(0, 0, 3, 3) = J * R;
  if (range_rate) {
    const Eigen::Vector3d w = R * Eigen::Vector3d(x[3], x[4], x[5]);
    const double rr = rel.dot(w) / r;
    const Eigen::Vector3d d_rel = (w - rr * rel / r) / r;
    H.block(3, 0, 1, 3) = d_rel.transpose() * R;
    H.block(3, 3, 1, 3) = (rel / r).transpose() * R;
  }
}

void MeasurementModel::residual(const MeasVec& z, const MeasVec& z_pred, MeasVec& out) const {
  out = z - z_pred;
  if (kind == MeasurementKind::kRadar) out[1] = wrap_angle(out[1]);
  if (kind == MeasurementKind::kBearing) out[0] = wrap_angle(out[0]);
}

void MeasurementModel::to_position(const MeasVec& z, const MeasMat& R, Eigen::Vector3d& p,
                                   Eigen::Matrix3d& Pp) const {
  if (kind == MeasurementKind::kPosition) {
    p.setZero();
    Pp.setZero();
    p.head(axes) = z.head(axes);
    Pp.topLeftCorner(axes, axes) = R.topLeftCorner(axes, axes);
    return;
  }
  OPENSAM_ASSERT(locates());
  const double r = z[0], sa = std::sin(z[1]), ca = std::cos(z[1]), se = std::sin(z[2]), ce = std::cos(z[2]);
  const Eigen::Vector3d rel(r * ce * sa, r * ce * ca, r * se);
  Eigen::Matrix3d J;
  J.col(0) << ce * sa, ce * ca, se;
  J.col(1) << r * ce * ca, -r * ce * sa, 0.0;
  J.col(2) << -r * se * sa, -r * se * ca, r * ce;
  const Eigen::Matrix3d back = frame.rotation.transpose();
  p = frame.origin_m + back * rel;
  const Eigen::Matrix3d JB = back * J;
  Pp = JB * R.topLeftCorner(3, 3) * JB.transpose();
}

}  // namespace opensam::tracking
