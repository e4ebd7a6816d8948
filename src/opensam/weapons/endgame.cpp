#include "opensam/weapons/endgame.hpp"

#include <cmath>

#include "opensam/geo/frames.hpp"
#include "opensam/weapons/envelope.hpp"

namespace opensam::weapons {

namespace {

constexpr double kStep_s = 0.05;
constexpr double kMaxFlight_s = 400.0;

/// The target's path on a kStep_s grid in the launcher's east-north-up frame: from due north,
/// flying south, turning east at `accel` from `turn_s` on.
struct TargetPath {
  std::vector<Vec3> p_m;
  std::vector<Vec3> v_mps;
  TargetPath(const geo::EnuFrame& frame, const EndgameRequest& r, double turn_s) {
    Vec3 p(0.0, r.launch_range_m, r.target_altitude_m);
    Vec3 v(0.0, -r.target_speed_mps, 0.0);
    const auto steps = std::size_t(kMaxFlight_s / kStep_s) + 2;
    constexpr int kSub = 10;
    for (std::size_t i = 0; i < steps; ++i) {
      p_m.push_back(frame.point_to_ecef(p));
      v_mps.push_back(frame.vector_to_ecef(v));
      for (int k = 0; k < kSub; ++k) {
        const double t = (double(i) + double(k) / kSub) * kStep_s;
        const double dt = kStep_s / kSub;
        if (t >= turn_s && r.target_accel_mps2 != 0.0) {
          // A level turn: the acceleration across the velocity, to its left.
          const Vec3 left = Vec3(-v.y(), v.x(), 0.0).normalized();
          v += left * r.target_accel_mps2 * dt;
          v *= r.target_speed_mps / v.norm();
        }
        p += v * dt;
      }
    }
  }
};

EndgameFlight fly(const InterceptorType& type, const EndgameRequest& r, const geo::EnuFrame& frame,
                  const TargetPath& path, core::RngStream* noise, double* end_s) {
  const Vec3 launcher = frame.point_to_ecef(Vec3::Zero());
  Interceptor m(type, launcher, 0.0);
  std::size_t i = 0;
  for (; m.flying() && i + 1 < path.p_m.size(); ++i) {
    const double t = double(i) * kStep_s;
    TargetTruth truth;
    truth.from_m = path.p_m[i];
    truth.to_m = path.p_m[i + 1];
    truth.rcs_m2 = r.rcs ? r.rcs(path.p_m[i], path.v_mps[i], m.state().position_m) : r.rcs_m2;
    truth.span_m = r.span_m;
    truth.illuminator_range_m = (path.p_m[i] - launcher).norm();
    m.step(kStep_s, {path.p_m[i], path.v_mps[i], t}, &truth, noise);
  }
  if (end_s != nullptr) *end_s = m.time_s();
  EndgameFlight f;
  f.phase = m.phase();
  f.miss_m = m.miss_m();
  f.locked = m.seeker_locked();
  if (f.phase == InterceptorPhase::kBurst)
    f.pk = fragment_kill_probability(m.fragment_density_per_m2(), r.vulnerable_area_m2, r.vulnerability);
  return f;
}

}  // namespace

EndgameResult endgame_monte_carlo(const InterceptorType& type, const EndgameRequest& r) {
  const geo::EnuFrame frame(kFlyoutSite);
  EndgameResult out;
  // The intercept time without the manoeuvre, to start it at the time to go asked for.
  const TargetPath straight(frame, r, 1e9);
  fly(type, r, frame, straight, nullptr, &out.nominal_intercept_s);
  const TargetPath turning(frame, r, std::max(0.0, out.nominal_intercept_s - r.manoeuvre_time_to_go_s));
  double sum = 0.0, sum2 = 0.0;
  for (int k = 0; k < r.flights; ++k) {
    core::RngStream noise(r.seed, std::uint64_t(k), "endgame");
    out.flights.push_back(fly(type, r, frame, turning, &noise, nullptr));
    sum += out.flights.back().pk;
    sum2 += out.flights.back().pk * out.flights.back().pk;
  }
  if (r.flights > 0) {
    const double n = r.flights;
    out.sspk = sum / n;
    out.sspk_stderr = n > 1 ? std::sqrt(std::max(0.0, (sum2 / n - out.sspk * out.sspk) / (n - 1))) : 0.0;
  }
  return out;
}

}  // namespace opensam::weapons
