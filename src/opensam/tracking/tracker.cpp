#include "opensam/tracking/tracker.hpp"

#include <algorithm>
#include <bit>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <numbers>
#include <numeric>

#include "opensam/core/assert.hpp"
#include "opensam/tracking/clusters.hpp"

namespace opensam::tracking {

struct Tracker::Prediction {
  double time_s = 0.0;
  int modes = 1;
  std::array<Gaussian, kMaxModes> mode;
  std::array<double, kMaxModes> c{};  ///< predicted mode probabilities
  std::array<Innovation, kMaxModes> inn;
  Innovation combined;
};

namespace {

/// How far ahead the gater's cached prediction of a track reaches.
constexpr double kReachHorizon_s = 2.0;
/// Batches up to this size are gated by direct distances rather than a k-d tree.
constexpr std::size_t kBruteForceDetections = 8;

MeasMat noise_of(const Detection& d) { return d.sigma.array().square().matrix().asDiagonal(); }

/// ln sum exp.
double log_sum(std::span<const double> v) {
  const double m = *std::max_element(v.begin(), v.end());
  double s = 0.0;
  for (double x : v) s += std::exp(x - m);
  return m + std::log(s);
}

}  // namespace

void jpda_marginals(int rows, int cols, std::span<const int> row_of, std::span<const int> col_of,
                    std::span<const double> w, double w_none, bool exact, int iterations,
                    std::span<double> beta, std::span<double> beta_none) {
  const std::size_t R = std::size_t(rows), K = w.size();
  std::fill(beta.begin(), beta.end(), 0.0);
  std::fill(beta_none.begin(), beta_none.end(), 0.0);
  if (exact) {
    // Every joint event (each detection to at most one track), enumerated depth first;
    // the pairs of one track are contiguous.
    std::vector<std::size_t> first(R + 1, K);
    for (std::size_t k = K; k-- > 0;) first[std::size_t(row_of[k])] = k;
    for (std::size_t r = R; r-- > 0;) first[r] = std::min(first[r], first[r + 1]);
    std::vector<char> used(std::size_t(cols), 0);
    std::vector<int> choice(R, -1);
    double total = 0.0;
    auto dfs = [&](auto&& self, std::size_t r, double weight) -> void {
      if (r == R) {
        total += weight;
        for (std::size_t q = 0; q < R; ++q) {
          if (choice[q] < 0)
            beta_none[q] += weight;
          else
            beta[std::size_t(choice[q])] += weight;
        }
        return;
      }
      choice[r] = -1;
      self(self, r + 1, weight * w_none);
      for (std::size_t k = first[r]; k < first[r + 1]; ++k) {
        const auto c = std::size_t(col_of[k]);
        if (used[c]) continue;
        used[c] = 1, choice[r] = int(k);
        self(self, r + 1, weight * w[k]);
        used[c] = 0;
      }
      choice[r] = -1;
    };
    dfs(dfs, 0, 1.0);
    for (double& x : beta) x /= total;
    for (double& x : beta_none) x /= total;
    return;
  }
  // Loopy belief propagation over the association graph (Williams & Lau 2014, "Approximate
  // evaluation of marginal association probabilities with belief propagation", IEEE Trans.
  // AES-50(4)), a bounded number of sweeps.
  std::vector<double> mu(K, 0.0), nu(K, 1.0), row_sum(R, 0.0), col_sum(std::size_t(cols), 0.0);
  for (int it = 0; it < iterations; ++it) {
    std::fill(row_sum.begin(), row_sum.end(), 0.0);
    for (std::size_t k = 0; k < K; ++k) row_sum[std::size_t(row_of[k])] += w[k] * nu[k];
    std::fill(col_sum.begin(), col_sum.end(), 0.0);
    for (std::size_t k = 0; k < K; ++k) {
      mu[k] = w[k] / (w_none + row_sum[std::size_t(row_of[k])] - w[k] * nu[k]);
      col_sum[std::size_t(col_of[k])] += mu[k];
    }
    double change = 0.0;
    for (std::size_t k = 0; k < K; ++k) {
      const double n = 1.0 / (1.0 + col_sum[std::size_t(col_of[k])] - mu[k]);
      change = std::max(change, std::abs(n - nu[k]));
      nu[k] = n;
    }
    if (change < 1e-10) break;
  }
  std::fill(row_sum.begin(), row_sum.end(), 0.0);
  for (std::size_t k = 0; k < K; ++k) row_sum[std::size_t(row_of[k])] += w[k] * nu[k];
  for (std::size_t k = 0; k < K; ++k) beta[k] = w[k] * nu[k] / (w_none + row_sum[std::size_t(row_of[k])]);
  for (std::size_t r = 0; r < R; ++r) beta_none[r] = w_none / (w_none + row_sum[r]);
}

Tracker::Tracker(TrackerConfig config, std::vector<Sensor> sensors)
    : config_(std::move(config)), sensors_(std::move(sensors)) {
  OPENSAM_ASSERT(!config_.models.empty() && int(config_.models.size()) <= kMaxModes);
  OPENSAM_ASSERT(sensors_.size() <= kMaxSensors);
  for (int m = 1; m <= kMaxMeasurement; ++m)
    gate_threshold_[m] = boost::math::quantile(boost::math::chi_squared(m), config_.gate_probability);
}

void Tracker::take_events(std::vector<TrackEvent>& out) {
  out.insert(out.end(), events_.begin(), events_.end());
  events_.clear();
}

namespace {
/// IMM mixing of `m` converted mode states with weights `w`, in fixed-size matrices of the
/// state size N (the same operations as the run-time sized loop, so the same bits).
template <int N>
void mix_fixed(const std::array<const Gaussian*, kMaxModes>& converted,
               const std::array<double, kMaxModes>& w, int m, Gaussian& mixed) {
  using V = Eigen::Matrix<double, N, 1>;
  using P = Eigen::Matrix<double, N, N>;
  V x = V::Zero();
  for (int i = 0; i < m; ++i) x += w[i] * Eigen::Map<const V>(converted[i]->x.data());
  P cov = P::Zero();
  for (int i = 0; i < m; ++i) {
    const V d = Eigen::Map<const V>(converted[i]->x.data()) - x;
    cov += w[i] * (Eigen::Map<const P>(converted[i]->P.data()) + d * d.transpose());
  }
  mixed.x = x;
  mixed.P = cov;
}
}  // namespace

double Tracker::stay_probability(double dt_s) const {
  return std::pow(1.0 - config_.imm_switch_per_s, std::abs(dt_s));
}

void Tracker::predict_track(const Track& t, double time_s, Prediction& out) const {
  const double dt = time_s - t.time_s;
  out.time_s = time_s;
  out.modes = t.modes;
  if (t.modes == 1) {
    out.c[0] = 1.0;
    predict(config_.filter, config_.models[0], t.mode[0], dt, out.mode[0]);
    return;
  }
  // IMM interaction (Blom & Bar-Shalom 1988): Markov switching over dt, then mixing.
  const int M = t.modes;
  const double stay = stay_probability(dt);
  const double move = (1.0 - stay) / (M - 1);
  Gaussian mixed, conv;
  for (int j = 0; j < M; ++j) {
    double cj = 0.0;
    for (int i = 0; i < M; ++i) cj += (i == j ? stay : move) * t.mode_probability[i];
    out.c[j] = cj;
    const MotionModel& mj = config_.models[j];
    // Modes laid out as mj's are mixed as they stand; the others converted first.
    std::array<Gaussian, kMaxModes> converted;
    std::array<const Gaussian*, kMaxModes> as_mj{};
    std::array<double, kMaxModes> w{};
    for (int i = 0; i < M; ++i) {
      w[i] = (i == j ? stay : move) * t.mode_probability[i] / std::max(cj, 1e-300);
      as_mj[i] = &t.mode[i];
      if (config_.models[i].extras() != mj.extras()) {
        convert_state(t.mode[i], config_.models[i], mj, converted[i]);
        as_mj[i] = &converted[i];
      }
    }
    if (mj.state_size() == 6) {
      mix_fixed<6>(as_mj, w, M, mixed);
    } else if (mj.state_size() == 9) {
      mix_fixed<9>(as_mj, w, M, mixed);
    } else {
      mixed.x.setZero(mj.state_size());
      mixed.P.setZero(mj.state_size(), mj.state_size());
      for (int i = 0; i < M; ++i) mixed.x += w[i] * as_mj[i]->x;
      for (int i = 0; i < M; ++i) {
        const StateVec d = as_mj[i]->x - mixed.x;
        mixed.P += w[i] * (as_mj[i]->P + d * d.transpose());
      }
    }
    predict(config_.filter, mj, mixed, dt, out.mode[j]);
  }
}

bool Tracker::innovate_track(const Prediction& p, const Sensor& s, const MeasMat& R, Prediction& out) const {
  for (int j = 0; j < p.modes; ++j)
    if (!innovate(config_.filter, s.model, p.mode[j], R, out.inn[j])) return false;
  if (p.modes == 1) {
    out.combined = out.inn[0];
    return true;
  }
  const int m = s.model.size();
  MeasVec zbar = out.inn[0].z_pred, d;
  for (int j = 1; j < p.modes; ++j) {
    s.model.residual(out.inn[j].z_pred, out.inn[0].z_pred, d);
    zbar += p.c[j] * d;
  }
  MeasMat S = MeasMat::Zero(m, m);
  for (int j = 0; j < p.modes; ++j) {
    s.model.residual(out.inn[j].z_pred, zbar, d);
    S += p.c[j] * (out.inn[j].S + d * d.transpose());
  }
  out.combined.z_pred = zbar;
  out.combined.S = S;
  return factor(out.combined);
}

bool Tracker::bearing_may_gate(const Prediction& p, const Sensor& s, const Detection& d, double gamma) const {
  const int a = config_.models[0].axes;
  std::array<Eigen::Vector3d, kMaxModes> position;
  std::array<double, kMaxModes> trace{};
  for (int j = 0; j < p.modes; ++j) {
    const Gaussian& m = p.mode[std::size_t(j)];
    position[std::size_t(j)] = Eigen::Vector3d(m.x[0], m.x[1], a > 2 ? m.x[2] : 0.0);
    trace[std::size_t(j)] = m.P.topLeftCorner(a, a).trace();
  }
  return bearing_bound(p.modes, position, trace, p.c, s, d, gamma);
}

bool Tracker::bearing_may_gate_cv(const Track& t, const Sensor& s, const Detection& d,
                                  const Eigen::Vector3d& direction, double gamma) const {
  // Mode j's prediction is F (sum_i w_ij (x_i, P_i + e_ij e_ij')) + Q with e_ij = x_i - xbar_j
  // (predict_track); with F = [I dt I; 0 I] its position block's trace is sum_i w_ij (tr P_i,pp
  // + 2 dt tr P_i,pv + dt^2 tr P_i,vv + |e_ij,p + dt e_ij,v|^2) + tr Q_pp (Bar-Shalom et al.
  // 2001, sec. 6.2.2 and 11.6.6).
  const int a = config_.models[0].axes, M = t.modes;
  const double dt = d.time_s - t.time_s;
  std::array<double, kMaxModes> block_trace{}, c{};
  std::array<Eigen::Vector3d, kMaxModes> pos, vel, position;
  std::array<double, kMaxModes> trace{};
  for (int i = 0; i < M; ++i) {
    const Gaussian& g = t.mode[std::size_t(i)];
    block_trace[std::size_t(i)] = g.P.topLeftCorner(a, a).trace() + 2.0 * dt * g.P.block(0, a, a, a).trace() +
                                  dt * dt * g.P.block(a, a, a, a).trace();
    pos[std::size_t(i)].setZero(), vel[std::size_t(i)].setZero();
    pos[std::size_t(i)].head(a) = g.x.head(a);
    vel[std::size_t(i)].head(a) = g.x.segment(a, a);
  }
  if (!bearing_may_gate_hull(t, s, d, direction, gamma, pos, vel, block_trace)) return false;
  const double stay = M > 1 ? stay_probability(dt) : 1.0;
  const double move = M > 1 ? (1.0 - stay) / (M - 1) : 0.0;
  for (int j = 0; j < M; ++j) {
    double cj = 0.0;
    for (int i = 0; i < M; ++i) cj += (i == j ? stay : move) * t.mode_probability[std::size_t(i)];
    c[std::size_t(j)] = M > 1 ? cj : 1.0;
    std::array<double, kMaxModes> w{};
    Eigen::Vector3d p = Eigen::Vector3d::Zero(), v = Eigen::Vector3d::Zero();
    for (int i = 0; i < M; ++i) {
      w[std::size_t(i)] =
          M > 1 ? (i == j ? stay : move) * t.mode_probability[std::size_t(i)] / std::max(cj, 1e-300) : 1.0;
      p += w[std::size_t(i)] * pos[std::size_t(i)];
      v += w[std::size_t(i)] * vel[std::size_t(i)];
    }
    double tr = 0.0;
    for (int i = 0; i < M; ++i)
      tr += w[std::size_t(i)] * (block_trace[std::size_t(i)] +
                                 ((pos[std::size_t(i)] - p) + dt * (vel[std::size_t(i)] - v)).squaredNorm());
    position[std::size_t(j)] = p + dt * v;
    trace[std::size_t(j)] = tr + a * config_.models[std::size_t(j)].cv_noise_block(dt)[0];
  }
  return bearing_bound(M, position, trace, c, s, d, gamma);
}

bool Tracker::bearing_may_gate_hull(const Track& t, const Sensor& s, const Detection& d,
                                    const Eigen::Vector3d& direction, double gamma,
                                    const std::array<Eigen::Vector3d, kMaxModes>& pos,
                                    const std::array<Eigen::Vector3d, kMaxModes>& vel,
                                    const std::array<double, kMaxModes>& block_trace) const {
  // Every mixed mode's predicted position lies in the hull of the unmixed ones, y_i = p_i + dt
  // v_i, of diameter D; its position trace is at most max tr_i + D^2 + tr Q_pp. Two points at
  // ground ranges >= g > 2 D are at most (pi / 2) D / g apart in azimuth and in elevation, so
  // the modes' bearings spread at most s^2 = 2 pi^2 D^2 / g^2 about their mixture, and a strobe
  // that gates lies within sqrt(gamma (B + s^2)) + s + (pi / 2) D / g of the direction to y_0
  // (great-circle angle <= the azimuth-elevation distance; a chord <= its angle).
  const int a = config_.models[0].axes, M = t.modes;
  const double dt = d.time_s - t.time_s;
  std::array<Eigen::Vector3d, kMaxModes> y;
  double D2 = 0.0, trace = 0.0, q = 0.0;
  for (int i = 0; i < M; ++i) {
    y[std::size_t(i)] = pos[std::size_t(i)] + dt * vel[std::size_t(i)];
    for (int k = 0; k < i; ++k) D2 = std::max(D2, (y[std::size_t(i)] - y[std::size_t(k)]).squaredNorm());
    trace = std::max(trace, block_trace[std::size_t(i)]);
    q = std::max(q, config_.models[std::size_t(i)].cv_noise_block(dt)[0]);
  }
  const Eigen::Vector3d to = y[0] - s.model.frame.origin_m;
  const Eigen::Vector3d rel = s.model.frame.rotation * to;
  const double D = std::sqrt(D2), g = std::hypot(rel.x(), rel.y()) - D;
  if (g <= std::max(1.0, 2.0 * D)) return true;
  const double sigma2 = std::max(d.sigma[0] * d.sigma[0], d.sigma[1] * d.sigma[1]);
  const double bound = (trace + D2 + a * q) / (g * g) + sigma2;
  const double spread2 = 2.0 * std::numbers::pi * std::numbers::pi * D2 / (g * g);
  const double angle =
      std::sqrt(gamma * (bound + spread2)) + std::sqrt(spread2) + 0.5 * std::numbers::pi * D / g;
  const double limit = (1.0 + 1e-6) * angle + 1e-9;
  return limit >= 2.0 || (direction - to / to.norm()).squaredNorm() <= limit * limit;
}

bool Tracker::bearing_bound(int modes, const std::array<Eigen::Vector3d, kMaxModes>& position,
                            const std::array<double, kMaxModes>& trace_m2,
                            const std::array<double, kMaxModes>& c, const Sensor& s, const Detection& d,
                            double gamma) const {
  // Each mode's predicted bearing z_j = h(x_j), combined as innovate_track does. With S_j =
  // H_j P_j H_j' + R (extended filter), lambda_max(S_j) <= trace(P_j,pos) / g_j^2 + max sigma^2
  // (the rows of H for azimuth and elevation are orthogonal, of norms 1 / g and 1 / r at
  // ground range g and range r), and the mixture's S = sum c_j (S_j + d_j d_j') has
  // lambda_max(S) <= max_j (lambda_max(S_j) + |d_j|^2); nu' S^-1 nu <= gamma needs |nu|^2 <=
  // gamma lambda_max(S).
  const double sigma2 = std::max(d.sigma[0] * d.sigma[0], d.sigma[1] * d.sigma[1]);
  std::array<MeasVec, kMaxModes> z;
  double bound = 0.0;
  StateVec x = StateVec::Zero(3);
  for (int j = 0; j < modes; ++j) {
    const Eigen::Vector3d rel = s.model.frame.rotation * (position[std::size_t(j)] - s.model.frame.origin_m);
    const double g = std::hypot(rel.x(), rel.y());
    if (g < 1.0) return true;
    bound = std::max(bound, trace_m2[std::size_t(j)] / (g * g) + sigma2);
    x.head(3) = position[std::size_t(j)];
    s.model.predict(x, z[std::size_t(j)]);
  }
  MeasVec zbar = z[0], dj;
  for (int j = 1; j < modes; ++j) {
    s.model.residual(z[std::size_t(j)], z[0], dj);
    zbar += c[std::size_t(j)] * dj;
  }
  double spread = 0.0;
  for (int j = 0; j < modes; ++j) {
    s.model.residual(z[std::size_t(j)], zbar, dj);
    spread = std::max(spread, dj.squaredNorm());
  }
  MeasVec nu;
  s.model.residual(d.z, zbar, nu);
  return nu.squaredNorm() <= (1.0 + 1e-6) * gamma * (bound + spread) + 1e-12;
}

void Tracker::summarise(const Prediction& p, Eigen::Vector3d& centre, Eigen::Vector3d& velocity,
                        double& trace) const {
  const int a = config_.models[0].axes;
  centre.setZero(), velocity.setZero();
  trace = 0.0;
  for (int j = 0; j < p.modes; ++j) {
    centre.head(a) += p.c[j] * p.mode[j].x.head(a);
    velocity.head(a) += p.c[j] * p.mode[j].x.segment(a, a);
    trace = std::max(trace, p.mode[j].P.topLeftCorner(a, a).trace());
  }
  // The modes' spread about the combined centre bounds what mixing them adds.
  double spread = 0.0;
  for (int j = 0; j < p.modes && p.modes > 1; ++j)
    spread = std::max(spread, (p.mode[j].x.head(a) - centre.head(a)).squaredNorm());
  trace += spread;
}

TrackState Tracker::state_at(const Track& t, double time_s) const {
  Prediction p;
  predict_track(t, time_s, p);
  const int a = config_.models[0].axes;
  TrackState s{Eigen::Vector3d::Zero(), Eigen::Vector3d::Zero(), Eigen::Matrix3d::Zero()};
  double largest_trace = 0.0;
  summarise(p, s.position, s.velocity, largest_trace);
  for (int j = 0; j < p.modes; ++j) {
    Eigen::Vector3d d = Eigen::Vector3d::Zero();
    d.head(a) = p.mode[j].x.head(a) - s.position.head(a);
    s.position_covariance.topLeftCorner(a, a) +=
        p.c[j] * (p.mode[j].P.topLeftCorner(a, a) + d.head(a) * d.head(a).transpose());
  }
  return s;
}

void Tracker::process(std::uint32_t sensor, std::span<const Detection> detections) {
  OPENSAM_ASSERT(sensor < sensors_.size());
  if (detections.empty()) return;
  gate(sensor, detections);
  det_assigned_.assign(detections.size(), 0);
  if (config_.associator == Associator::kGnn)
    associate_gnn(sensor, detections);
  else
    associate_jpda(sensor, detections);
  if (sensors_[sensor].model.locates())
    initiate(sensor, detections);
  else
    triangulate(sensor, detections);
}

void Tracker::gate(std::uint32_t sensor, std::span<const Detection> detections) {
  const Sensor& s = sensors_[sensor];
  const int m = s.model.size();
  const double gamma = gate_threshold_[m];
  const std::size_t D = detections.size();
  det_position_.resize(D);
  det_extent_.resize(D);
  double t_min = detections[0].time_s, t_max = t_min, extent = 0.0;
  Eigen::Matrix3d Pp;
  const bool locates = s.model.locates();
  double sigma_max = 0.0;  // bearings: the largest angle noise of the batch
  for (std::size_t j = 0; j < D; ++j) {
    t_min = std::min(t_min, detections[j].time_s);
    t_max = std::max(t_max, detections[j].time_s);
    if (!locates) {
      // The strobe's direction in the tracker's frame (the sensor frame's rotation transposed).
      const double az = detections[j].z[0], el = detections[j].z[1];
      det_position_[j] =
          s.model.frame.rotation.transpose() *
          Eigen::Vector3d(std::cos(el) * std::sin(az), std::cos(el) * std::cos(az), std::sin(el));
      sigma_max = std::max({sigma_max, detections[j].sigma[0], detections[j].sigma[1]});
      continue;
    }
    s.model.to_position(detections[j].z, noise_of(detections[j]), det_position_[j], Pp);
    det_extent_[j] = std::sqrt(std::max(Pp.trace(), 0.0));
    extent = std::max(extent, det_extent_[j]);
  }
  if (locates && D > kBruteForceDetections) index_.build(det_position_);
  pairs_.clear();
  Prediction at_ref, at_det, inn;
  MeasVec nu;
  Eigen::Vector3d centre, vel;
  double trace = 0.0;
  // Bearings: the cosine of the angle from the direction to a track's reach sphere within
  // which a strobe may gate (-1: any strobe may).
  const auto bearing_cone = [&](const Track& t, double motion_m, Eigen::Vector3d& direction) {
    const Eigen::Vector3d to_centre = t.reach_centre - s.model.frame.origin_m;
    const double range = to_centre.norm();
    const Eigen::Vector3d local = s.model.frame.rotation * to_centre;
    const double ground = std::hypot(local.x(), local.y()) - motion_m;
    if (range <= 2.0 * motion_m || ground <= 1000.0) return -1.0;
    // The mean lies within the motion sphere: within asin(m / R) of the centre's direction. A
    // residual nu that gates has |nu|^2 <= gamma lambda_max(S) <= gamma (trace(P) / g^2 +
    // sigma^2) (|H|^2 = 1 / g^2 for azimuth and elevation at ground range g), and the angle
    // between two directions is at most sqrt(2) |(d az, d el)|.
    const double spread =
        std::asin(motion_m / range) +
        1.5 * std::sqrt(2.0 * gamma * (t.reach_trace_m2 / (ground * ground) + sigma_max * sigma_max)) + 1e-3;
    if (spread >= std::numbers::pi) return -1.0;
    direction = to_centre / range;
    return std::cos(spread);
  };
  // Strobes against constant-velocity modes are bounded before any prediction (extended and
  // linear filters: the unscented one's S is not the linearised one).
  const bool cv_only =
      config_.filter != FilterKind::kUnscented &&
      std::all_of(config_.models.begin(), config_.models.end(),
                  [](const MotionModel& model) { return model.kind == MotionKind::kConstantVelocity; });
  Eigen::Vector3d cone_axis = Eigen::Vector3d::Zero();
  double cone_cos = -1.0;
  for (std::uint32_t i = 0; i < tracks_.size(); ++i) {
    Track& t = tracks_[i];
    // A cheap superset of the gates below, from a prediction cached up to a horizon ahead (most
    // batches hold one or two plots or strobes, and most tracks are nowhere near them): the
    // centre moves at most speed x (reach_until_s - t) back to any detection time, and the
    // covariance does not shrink between updates. A margin of 10 g covers curved models.
    if (!(t_max <= t.reach_until_s)) {
      t.reach_until_s = t_max + kReachHorizon_s;
      predict_track(t, t.reach_until_s, at_ref);
      summarise(at_ref, t.reach_centre, vel, t.reach_trace_m2);
      t.reach_speed_mps = vel.norm();
    }
    const double back_s = t.reach_until_s - t_min;
    const double motion_m = t.reach_speed_mps * back_s + 50.0 * back_s * back_s + 1.0;
    if (!locates) {
      cone_cos = bearing_cone(t, motion_m, cone_axis);
      bool near = cone_cos <= -1.0;
      for (std::size_t j = 0; j < D && !near; ++j) near = det_position_[j].dot(cone_axis) >= cone_cos;
      if (!near) continue;
    } else {
      const double reach = 1.01 * std::sqrt(gamma * (t.reach_trace_m2 + extent * extent)) + motion_m;
      bool near = false;
      if (D <= kBruteForceDetections) {
        for (std::size_t j = 0; j < D && !near; ++j)
          near = (det_position_[j] - t.reach_centre).squaredNorm() <= reach * reach;
      } else {
        index_.within(t.reach_centre, reach, [&](std::size_t) { near = true; });
      }
      if (!near) continue;
    }
    // The prediction at the batch's last time: plots need it for the sphere below; strobes only
    // when one is at that time.
    bool at_ref_ready = locates;
    double radius = 0.0;
    if (locates) {
      predict_track(t, t_max, at_ref);
      summarise(at_ref, centre, vel, trace);
      // A superset of the gate: d^2 <= gamma implies |dp|^2 <= gamma * lambda_max(S), and
      // lambda_max(S) <= trace(P_pos) + trace(R_pos); detections earlier than t_max are
      // allowed for the track's motion in between.
      radius = std::sqrt(gamma * (trace + extent * extent)) + vel.norm() * (t_max - t_min);
    }
    const auto try_pair = [&](std::size_t j) {
      const Detection& d = detections[j];
      if (!locates && cv_only && !bearing_may_gate_cv(t, s, d, det_position_[j], gamma)) return;
      const Prediction* p = &at_ref;
      if (d.time_s == t_max && !at_ref_ready) {
        predict_track(t, t_max, at_ref);
        at_ref_ready = true;
      } else if (d.time_s != t_max) {
        predict_track(t, d.time_s, at_det);
        p = &at_det;
      }
      if (!locates && !cv_only && config_.filter != FilterKind::kUnscented &&
          !bearing_may_gate(*p, s, d, gamma))
        return;
      if (!innovate_track(*p, s, noise_of(d), inn)) return;
      s.model.residual(d.z, inn.combined.z_pred, nu);
      const double d2 = mahalanobis_squared(inn.combined, nu);
      if (d2 > gamma) return;
      pairs_.push_back({i, std::uint32_t(j), d2, d2 + inn.combined.log_det_S});
    };
    if (!locates) {
      // Bearings have no position to index; they are few (one strobe per jammer per scan).
      for (std::size_t j = 0; j < D; ++j)
        if (cone_cos <= -1.0 || det_position_[j].dot(cone_axis) >= cone_cos) try_pair(j);
    } else if (D <= kBruteForceDetections) {
      for (std::size_t j = 0; j < D; ++j)
        if ((det_position_[j] - centre).squaredNorm() < radius * radius) try_pair(j);
    } else {
      index_.within(centre, radius, try_pair);
    }
  }
  // The k-d tree reports in no fixed order: sort so that results never depend on it.
  std::sort(pairs_.begin(), pairs_.end(), [](const Pair& x, const Pair& y) {
    return std::tie(x.track, x.detection) < std::tie(y.track, y.detection);
  });
  // Clusters: tracks and detections linked by gated pairs.
  const std::size_t T = tracks_.size();
  parent_.resize(T + D);
  std::iota(parent_.begin(), parent_.end(), 0u);
  for (const Pair& p : pairs_) unite(parent_, p.track, std::uint32_t(T + p.detection));
  cluster_order_.resize(pairs_.size());
  std::iota(cluster_order_.begin(), cluster_order_.end(), 0u);
  std::stable_sort(cluster_order_.begin(), cluster_order_.end(), [&](std::uint32_t x, std::uint32_t y) {
    return find_root(parent_, pairs_[x].track) < find_root(parent_, pairs_[y].track);
  });
}

std::size_t Tracker::next_cluster(std::size_t b, std::vector<std::uint32_t>& rows,
                                  std::vector<std::uint32_t>& cols) {
  const std::uint32_t root = find_root(parent_, pairs_[cluster_order_[b]].track);
  std::size_t e = b;
  rows.clear(), cols.clear();
  for (; e < cluster_order_.size() && find_root(parent_, pairs_[cluster_order_[e]].track) == root; ++e) {
    rows.push_back(pairs_[cluster_order_[e]].track);
    cols.push_back(pairs_[cluster_order_[e]].detection);
  }
  std::sort(rows.begin(), rows.end()), rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  std::sort(cols.begin(), cols.end()), cols.erase(std::unique(cols.begin(), cols.end()), cols.end());
  return e;
}

void Tracker::associate_gnn(std::uint32_t sensor, std::span<const Detection> detections) {
  const Sensor& s = sensors_[sensor];
  const double gamma = gate_threshold_[s.model.size()];
  auto& [rows, cols, chosen_pairs, chosen, w, beta, beta_none, betas_row, row_of, col_of] = work_;
  chosen_pairs.clear();
  for (std::size_t b = 0, e = 0; b < cluster_order_.size(); b = e) {
    e = next_cluster(b, rows, cols);
    if (rows.size() == 1 || cols.size() == 1) {
      // One track or one detection: the cheapest gated pair is optimal.
      const Pair* best = nullptr;
      for (std::size_t k = b; k < e; ++k)
        if (!best || pairs_[cluster_order_[k]].cost < best->cost) best = &pairs_[cluster_order_[k]];
      chosen_pairs.emplace_back(best->track, best->detection);
    } else {
      // Rows: tracks. Columns: detections, then one "missed" column per track whose cost is
      // the gate plus that track's ln |S| (an assignment beats a miss exactly when in gate).
      const std::size_t R = rows.size(), C = cols.size() + R;
      cost_.assign(R * C, std::numeric_limits<double>::infinity());
      for (std::size_t k = b; k < e; ++k) {
        const Pair& p = pairs_[cluster_order_[k]];
        const std::size_t r = std::lower_bound(rows.begin(), rows.end(), p.track) - rows.begin();
        const std::size_t c = std::lower_bound(cols.begin(), cols.end(), p.detection) - cols.begin();
        cost_[r * C + c] = p.cost;
        double& miss = cost_[r * C + cols.size() + r];
        miss = std::min(miss, gamma + (p.cost - p.d2));
      }
      assignment_.resize(R);
      solve_assignment(int(R), int(C), cost_, assignment_, assign_ws_);
      for (std::size_t r = 0; r < R; ++r)
        if (assignment_[r] < int(cols.size())) chosen_pairs.emplace_back(rows[r], cols[assignment_[r]]);
    }
  }
  for (auto [t, d] : chosen_pairs) {
    det_assigned_[d] = 1;
    apply_update(tracks_[t], detections[d], sensor);
  }
}

double Tracker::clutter_density(const Sensor& s, std::span<const Detection> detections) const {
  if (s.clutter_density > 0.0) return s.clutter_density;
  // Nonparametric: the scan's detections spread over the box they span in measurement
  // space, each side at least ten measurement sigmas.
  const int m = s.model.size();
  double volume = 1.0;
  for (int k = 0; k < m; ++k) {
    double lo = detections[0].z[k], hi = lo, sigma = 0.0;
    for (const Detection& d : detections) {
      lo = std::min(lo, d.z[k]), hi = std::max(hi, d.z[k]);
      sigma += d.sigma[k];
    }
    volume *= std::max(hi - lo, 10.0 * sigma / double(detections.size()));
  }
  return double(detections.size()) / volume;
}

void Tracker::associate_jpda(std::uint32_t sensor, std::span<const Detection> detections) {
  const Sensor& s = sensors_[sensor];
  const double lambda = clutter_density(s, detections);
  const double pd = config_.detection_probability;
  const double w_none = 1.0 - pd * config_.gate_probability;
  const double log_2pi_m = s.model.size() * std::log(2 * std::numbers::pi);
  auto& [rows, cols, chosen_pairs, chosen, w, beta, beta_none, betas_row, row_of, col_of] = work_;
  for (const Pair& p : pairs_) det_assigned_[p.detection] = 1;
  for (std::size_t b = 0, e = 0; b < cluster_order_.size(); b = e) {
    e = next_cluster(b, rows, cols);
    const std::size_t R = rows.size(), K = e - b;
    // The cluster's pairs in track order with their likelihood ratios Pd N(nu; 0, S) / lambda.
    row_of.resize(K), col_of.resize(K), w.resize(K);
    for (std::size_t k = 0; k < K; ++k) {
      const Pair& p = pairs_[cluster_order_[b + k]];
      row_of[k] = int(std::lower_bound(rows.begin(), rows.end(), p.track) - rows.begin());
      col_of[k] = int(std::lower_bound(cols.begin(), cols.end(), p.detection) - cols.begin());
      // ln N(nu; 0, S) = -(d^2 + ln |S| + m ln 2 pi) / 2
      w[k] = pd * std::exp(-0.5 * (p.cost + log_2pi_m)) / lambda;
    }
    beta.resize(K);
    beta_none.resize(R);
    double hypotheses = 1.0;
    for (std::size_t r = 0; r < R; ++r)
      hypotheses *= 1.0 + double(std::count(row_of.begin(), row_of.end(), int(r)));
    jpda_marginals(int(R), int(cols.size()), row_of, col_of, w, w_none,
                   int(R) <= config_.jpda_exact_max_tracks && hypotheses <= 1e5, config_.jpda_iterations,
                   beta, beta_none);
    for (std::size_t r = 0, k = 0; r < R; ++r) {
      chosen.clear(), betas_row.clear();
      for (; k < K && row_of[k] == int(r); ++k) {
        chosen.push_back(pairs_[cluster_order_[b + k]].detection);
        betas_row.push_back(beta[k]);
      }
      apply_pda(tracks_[rows[r]], detections, chosen, betas_row, beta_none[r], lambda, sensor);
    }
  }
}

void Tracker::apply_pda(Track& t, std::span<const Detection> detections, std::span<const std::uint32_t> dets,
                        std::span<const double> betas, double beta_none, double lambda,
                        std::uint32_t sensor) {
  if (beta_none > 0.999) return;
  const Sensor& s = sensors_[sensor];
  // One reference time and noise for the combined update: the latest detection's time and
  // the noise of the most probable one.
  double t_ref = t.time_s;
  std::size_t best = 0;
  for (std::size_t k = 0; k < dets.size(); ++k) {
    t_ref = std::max(t_ref, detections[dets[k]].time_s);
    if (betas[k] > betas[best]) best = k;
  }
  Prediction p, inn;
  predict_track(t, t_ref, p);
  if (!innovate_track(p, s, noise_of(detections[dets[best]]), inn)) return;
  std::array<MeasVec, 64> nus;
  const std::size_t n = std::min<std::size_t>(dets.size(), nus.size());
  const double pd = config_.detection_probability;
  std::array<double, kMaxModes> log_w{};
  for (int j = 0; j < p.modes; ++j) {
    double like = (1.0 - pd * config_.gate_probability) * lambda;
    for (std::size_t k = 0; k < n; ++k) {
      s.model.residual(detections[dets[k]].z, inn.inn[j].z_pred, nus[k]);
      like += pd * std::exp(log_likelihood(inn.inn[j], nus[k]));
    }
    log_w[j] = std::log(std::max(like, 1e-300)) + std::log(std::max(p.c[j], 1e-300));
    pda_update(p.mode[j], inn.inn[j], std::span<const MeasVec>(nus.data(), n), betas.first(n), beta_none,
               t.mode[j]);
  }
  const double norm = log_sum(std::span<const double>(log_w.data(), std::size_t(p.modes)));
  for (int j = 0; j < p.modes; ++j) t.mode_probability[j] = std::exp(log_w[j] - norm);
  t.time_s = t_ref;
  t.reach_until_s = -kUnlimited;
  if (beta_none < 0.5) {
    ++t.updates;
    t.updated_by |= std::uint64_t{1} << sensor;
    events_.push_back({t_ref, t.id, TrackEventKind::kUpdated});
  }
}

void Tracker::apply_update(Track& t, const Detection& d, std::uint32_t sensor) {
  const Sensor& s = sensors_[sensor];
  Prediction p, inn;
  predict_track(t, d.time_s, p);
  if (!innovate_track(p, s, noise_of(d), inn)) return;
  MeasVec nu;
  std::array<double, kMaxModes> log_w{};
  for (int j = 0; j < p.modes; ++j) {
    s.model.residual(d.z, inn.inn[j].z_pred, nu);
    log_w[j] = log_likelihood(inn.inn[j], nu) + std::log(std::max(p.c[j], 1e-300));
    update(p.mode[j], inn.inn[j], nu, t.mode[j]);
  }
  const double norm = log_sum(std::span<const double>(log_w.data(), std::size_t(p.modes)));
  for (int j = 0; j < p.modes; ++j) t.mode_probability[j] = std::exp(log_w[j] - norm);
  t.time_s = d.time_s;
  t.reach_until_s = -kUnlimited;
  ++t.updates;
  t.updated_by |= std::uint64_t{1} << sensor;
  events_.push_back({d.time_s, t.id, TrackEventKind::kUpdated});
}

void Tracker::initiate(std::uint32_t sensor, std::span<const Detection> detections) {
  const Sensor& s = sensors_[sensor];
  const double sv = config_.initial_velocity_sigma_mps;
  Eigen::Vector3d p;
  Eigen::Matrix3d Pp;
  for (std::size_t j = 0; j < detections.size(); ++j) {
    if (det_assigned_[j]) continue;
    const Detection& d = detections[j];
    s.model.to_position(d.z, noise_of(d), p, Pp);
    // Velocity unknown (zero mean, sv spread) except along the line of sight when the radar
    // measures range rate.
    Eigen::Vector3d v = Eigen::Vector3d::Zero();
    Eigen::Matrix3d Pv = sv * sv * Eigen::Matrix3d::Identity();
    if (s.model.kind == MeasurementKind::kRadar && s.model.range_rate) {
      const Eigen::Vector3d los = (p - s.model.frame.origin_m).normalized();
      v = d.z[3] * los;
      Pv -= (sv * sv - d.sigma[3] * d.sigma[3]) * los * los.transpose();
    }
    start_track(p, Pp, v, Pv, d.time_s, std::uint64_t{1} << sensor, false);
  }
}

void Tracker::start_track(const Eigen::Vector3d& p, const Eigen::Matrix3d& Pp, const Eigen::Vector3d& v,
                          const Eigen::Matrix3d& Pv, double time_s, std::uint64_t sensors,
                          bool from_strobes) {
  const int a = config_.models[0].axes;
  Track t;
  t.id = next_id_++;
  t.time_s = t.initiated_s = time_s;
  t.modes = int(config_.models.size());
  for (int m = 0; m < t.modes; ++m) {
    const MotionModel& model = config_.models[m];
    const int n = model.state_size();
    Gaussian& g = t.mode[m];
    g.x.setZero(n);
    g.P.setZero(n, n);
    g.x.head(a) = p.head(a);
    g.x.segment(a, a) = v.head(a);
    g.P.topLeftCorner(a, a) = Pp.topLeftCorner(a, a);
    g.P.block(a, a, a, a) = Pv.topLeftCorner(a, a);
    const double e = model.extras() == Extras::kAcceleration ? model.initial_acceleration_sigma_mps2
                                                             : model.initial_turn_rate_sigma_rad_s;
    for (int i = 2 * a; i < n; ++i) g.P(i, i) = e * e;
    t.mode_probability[m] = 1.0 / t.modes;
  }
  t.updated_by = sensors;
  t.updates = 1;
  // A track from strobes starts confirmed: its crossings have already agreed over several scans.
  t.status = from_strobes ? TrackStatus::kConfirmed : TrackStatus::kTentative;
  t.from_strobes = from_strobes;
  events_.push_back({time_s, t.id, TrackEventKind::kInitiated});
  if (from_strobes) events_.push_back({time_s, t.id, TrackEventKind::kConfirmed});
  tracks_.push_back(t);
}

void Tracker::triangulate(std::uint32_t sensor, std::span<const Detection> detections) {
  if (config_.strobe_crossings <= 0) return;
  const Sensor& s = sensors_[sensor];
  double now_s = detections[0].time_s;
  for (const Detection& d : detections) now_s = std::max(now_s, d.time_s);
  const double window_s = config_.strobe_window_s;
  std::erase_if(strobes_, [&](const Strobe& x) { return x.time_s < now_s - window_s; });
  std::erase_if(candidates_, [&](const Candidate& c) { return c.at_s < now_s - window_s; });
  const double gate1 = gate_threshold_[1];
  const std::size_t pooled = strobes_.size();
  for (std::size_t j = 0; j < detections.size(); ++j) {
    if (det_assigned_[j]) continue;
    const Detection& d = detections[j];
    const Strobe mine{
        sensor, d.time_s,
        BearingRay{s.model.frame.origin_m, s.model.frame.rotation, d.z[0], d.z[1], d.sigma[0], d.sigma[1]}};
    for (std::size_t k = 0; k < pooled; ++k) {
      const Strobe& other = strobes_[k];
      if (other.sensor == sensor) continue;
      const double dt = std::abs(d.time_s - other.time_s);
      // The jammer flies at most v dt between the two strobes: both lines widen by half of it.
      const auto x = cross(other.ray, mine.ray, 0.5 * config_.strobe_max_speed_mps * dt);
      if (!x || x->angle_rad < config_.strobe_min_angle_rad || x->chi2 > gate1 ||
          x->covariance_m2.trace() > config_.strobe_max_sigma_m * config_.strobe_max_sigma_m)
        continue;
      add_crossing(*x, other.sensor, other.time_s, sensor, d.time_s);
    }
    strobes_.push_back(mine);
  }
}

void Tracker::add_crossing(const Crossing& x, std::uint32_t sensor_a, double time_a_s, std::uint32_t sensor_b,
                           double time_b_s) {
  const double gate3 = gate_threshold_[3];
  constexpr double kManoeuvre_mps2 = 50.0;  // a candidate's prediction allows 5 g of turn
  const double now_s = std::max(time_a_s, time_b_s);
  const std::uint64_t bits = (std::uint64_t{1} << sensor_a) | (std::uint64_t{1} << sensor_b);
  // The candidate this crossing continues: the nearest whose prediction gates it.
  std::size_t match = candidates_.size();
  double best = kUnlimited;
  for (std::size_t i = 0; i < candidates_.size(); ++i) {
    const Candidate& c = candidates_[i];
    const double ahead = now_s - c.at_s;
    Eigen::Vector3d predicted = c.at_m;
    double allowance = config_.strobe_max_speed_mps * std::abs(ahead);
    if (c.at_s > c.first_s + 1.0) {
      predicted += (c.at_m - c.first_m) / (c.at_s - c.first_s) * ahead;
      allowance = 0.5 * kManoeuvre_mps2 * ahead * ahead;
    }
    const double miss = (x.position_m - predicted).norm();
    if (miss <= std::sqrt(gate3 * (x.covariance_m2.trace() + c.at_cov.trace())) + allowance && miss < best)
      best = miss, match = i;
  }
  if (match == candidates_.size()) {
    candidates_.push_back({x.position_m,
                           x.position_m,
                           x.covariance_m2,
                           x.covariance_m2,
                           now_s,
                           now_s,
                           1,
                           bits,
                           {{sensor_a, time_a_s}, {sensor_b, time_b_s}}});
    return;
  }
  Candidate& c = candidates_[match];
  // A crossing counts when both its strobes are newer than any the candidate used.
  const auto newest = [&](std::uint32_t who) -> std::size_t {
    for (std::size_t i = 0; i < c.newest.size(); ++i)
      if (c.newest[i].first == who) return i;
    c.newest.emplace_back(who, -kUnlimited);
    return c.newest.size() - 1;
  };
  const std::size_t ia = newest(sensor_a), ib = newest(sensor_b);
  if (time_a_s > c.newest[ia].second && time_b_s > c.newest[ib].second) {
    ++c.crossings;
    c.newest[ia].second = time_a_s, c.newest[ib].second = time_b_s;
  }
  c.sensors |= bits;
  c.at_m = x.position_m, c.at_cov = x.covariance_m2, c.at_s = now_s;
  if (c.crossings < config_.strobe_crossings) return;
  // Agreed over enough scans: a confirmed track, unless one already holds the place.
  const Candidate done = std::move(c);
  candidates_.erase(candidates_.begin() + std::ptrdiff_t(match));
  for (const Track& t : tracks_) {
    const TrackState st = state_at(t, done.at_s);
    const Eigen::Vector3d gap = st.position - done.at_m;
    const Eigen::Matrix3d S = st.position_covariance + done.at_cov;
    if (gap.dot(S.ldlt().solve(gap)) <= gate3) return;
  }
  const double span = done.at_s - done.first_s;
  const double sv = config_.initial_velocity_sigma_mps;
  Eigen::Vector3d v = Eigen::Vector3d::Zero();
  Eigen::Matrix3d Pv = sv * sv * Eigen::Matrix3d::Identity();
  if (span > 1.0) {
    v = (done.at_m - done.first_m) / span;
    const double turn = 0.5 * kManoeuvre_mps2 * span;
    Pv = (done.at_cov + done.first_cov) / (span * span) + turn * turn * Eigen::Matrix3d::Identity();
  }
  start_track(done.at_m, done.at_cov, v, Pv, done.at_s, done.sensors, true);
  ++passive_initiations_;
}

void Tracker::end_scan(std::uint32_t sensor, double time_s) {
  OPENSAM_ASSERT(sensor < sensors_.size());
  const Sensor& s = sensors_[sensor];
  const std::uint64_t bit = std::uint64_t{1} << sensor;
  const int N = std::clamp(config_.confirm_window, 1, 32), M = std::clamp(config_.confirm_hits, 1, N);
  const std::uint32_t window = N == 32 ? ~0u : (1u << N) - 1u;
  bool any_dropped = false;
  const bool check_reach = std::isfinite(s.max_range_m),
             check_sigma = std::isfinite(config_.max_position_sigma_m);
  for (Track& t : tracks_) {
    const bool hit = (t.updated_by & bit) != 0;
    t.updated_by &= ~bit;
    if (hit) t.held_by |= bit, t.misses[sensor] = 0;
    // The predicted state only when a limit needs it (a prediction costs a covariance product).
    const bool held = (t.held_by & bit) != 0;
    const TrackState st = (check_reach && held && !hit) || check_sigma ? state_at(t, time_s) : TrackState{};
    const bool counts =
        hit || (held && (!check_reach || (st.position - s.model.frame.origin_m).norm() <= s.max_range_m));
    bool dead = false;
    if (counts) {
      t.history = (t.history << 1) | (hit ? 1u : 0u);
      t.scans = std::min(t.scans + 1, 32);
      if (!hit) {
        t.misses[sensor] = std::uint8_t(std::min(t.misses[sensor] + 1, 255));
        if (config_.delete_after_misses > 0 && t.misses[sensor] >= config_.delete_after_misses)
          t.held_by &= ~bit;
      }
      // The track coasts when every sensor holding it missed it on its latest scan.
      int fewest = t.held_by == 0 ? t.misses[sensor] : 255;
      for (std::uint64_t h = t.held_by; h != 0; h &= h - 1)
        fewest = std::min<int>(fewest, t.misses[std::size_t(std::countr_zero(h))]);
      t.consecutive_misses = fewest;
      const int seen = std::min(t.scans, N);
      const int hits = std::popcount(t.history & window);
      t.quality = double(hits) / seen;
      if (t.status == TrackStatus::kTentative) {
        if (hits >= M) {
          t.status = TrackStatus::kConfirmed;
          events_.push_back({time_s, t.id, TrackEventKind::kConfirmed});
        } else if (seen - hits > N - M) {
          dead = true;  // can no longer reach M of N
        }
      } else if (fewest > 0 && t.status == TrackStatus::kConfirmed) {
        t.status = TrackStatus::kCoasting;
        events_.push_back({time_s, t.id, TrackEventKind::kCoasting});
      } else if (fewest == 0) {
        t.status = TrackStatus::kConfirmed;
      }
      if (config_.delete_after_misses > 0 && t.held_by == 0) dead = true;
    }
    if (time_s - t.time_s > config_.delete_after_s) dead = true;
    if (check_sigma && st.position_sigma_m() > config_.max_position_sigma_m) dead = true;
    if (dead) {
      events_.push_back({time_s, t.id, TrackEventKind::kDropped});
      t.id = 0;
      any_dropped = true;
    }
  }
  if (any_dropped) std::erase_if(tracks_, [](const Track& t) { return t.id == 0; });
}

}  // namespace opensam::tracking
