#include "opensam/weapons/interceptor.hpp"

#include <algorithm>
#include <cmath>

#include "opensam/geo/frames.hpp"
#include "opensam/physics/gravity.hpp"

namespace opensam::weapons {

namespace {

/// Midcourse heading guidance turns the velocity towards the aim point with this time
/// constant (a modelling choice: fast enough to settle well before the terminal phase).
constexpr double kHeadingTime_s = 1.0;
/// Terminal PN starts at the terminal time to go once the heading is this close to the
/// collision course, and in any case this many seconds to go (modelling choices).
constexpr double kTerminalHeadingError_rad = 0.35;
constexpr double kLastTerminal_s = 3.0;
/// Integration substep of the flight.
constexpr double kSubstep_s = 0.05;

Vec3 across(const Vec3& v, const Vec3& unit) { return v - v.dot(unit) * unit; }

double burn_time_s(const physics::Airframe& a) {
  double t = 0.0;
  for (const auto& p : a.motor) t += p.duration_s;
  return t;
}

}  // namespace

double intercept_time_s(const Vec3& from_m, double speed_mps, const Vec3& target_m,
                        const Vec3& target_velocity_mps) {
  // |d + v t| = s t  =>  (v.v - s^2) t^2 + 2 d.v t + d.d = 0, smallest positive root.
  const Vec3 d = target_m - from_m;
  const double a = target_velocity_mps.squaredNorm() - speed_mps * speed_mps;
  const double b = 2.0 * d.dot(target_velocity_mps);
  const double c = d.squaredNorm();
  if (std::abs(a) < 1e-9) return b < 0.0 ? -c / b : -1.0;
  const double disc = b * b - 4.0 * a * c;
  if (disc < 0.0) return -1.0;
  const double q = std::sqrt(disc);
  const double t1 = (-b - q) / (2.0 * a);
  const double t2 = (-b + q) / (2.0 * a);
  const double lo = std::min(t1, t2), hi = std::max(t1, t2);
  if (lo > 0.0) return lo;
  return hi > 0.0 ? hi : -1.0;
}

Interceptor::Interceptor(const InterceptorType& type, const Vec3& launch_ecef_m, double launch_time_s,
                         const geo::Terrain* terrain)
    : type_(&type),
      terrain_(terrain),
      launch_time_s_(launch_time_s),
      burn_time_s_(burn_time_s(type.airframe)),
      seeker_(type.seeker) {
  state_.position_m = launch_ecef_m;
  state_.velocity_mps = Vec3::Zero();
  state_.mass_kg = type.launch_mass_kg;
  state_.time_s = 0.0;
}

Vec3 Interceptor::command(const Relative& rel) const {
  const Vec3& p = state_.position_m;
  const Vec3& v = state_.velocity_mps;
  const double speed = v.norm();
  if (speed <= 0.0) return Vec3::Zero();
  const Vec3 heading = v / speed;
  Vec3 a;
  if (seeker_.locked() && phase_ == InterceptorPhase::kTerminal) {
    // PN on the seeker's filtered line of sight: N' Vc (omega x u) = N' Vc u'.
    a = type_->nav_ratio * closing_speed_mps(rel) * seeker_.los_rate();
  } else if (phase_ == InterceptorPhase::kTerminal) {
    a = pn_command_mps2(rel, type_->nav_ratio);
  } else {
    // Towards the predicted intercept point at the present speed, raised for a lofted shot.
    const Vec3 target_p = p + rel.position_m;
    const Vec3 target_v = v + rel.velocity_mps;
    const double t_i = intercept_time_s(p, std::max(speed, 300.0), target_p, target_v);
    Vec3 aim = t_i > 0.0 ? Vec3(target_p + target_v * t_i) : target_p;
    // The loft fades out between three times the terminal time to go and the terminal time.
    const double tt = type_->terminal_time_s;
    const double fade = t_i > 0.0 ? std::clamp((t_i - tt) / (2.0 * tt), 0.0, 1.0) : 1.0;
    aim += geo::local_up(p) * type_->loft * fade * (aim - p).norm();
    const Vec3 want = (aim - p).normalized();
    a = speed / kHeadingTime_s * across(want, heading);
  }
  // Hold the path against gravity's pull across it.
  a -= across(physics::normal_gravity_ecef(p), heading);
  return a;
}

void Interceptor::look(double dt_s, const Relative& track, const TargetTruth* target,
                       core::RngStream* noise) {
  const SeekerType& s = type_->seeker;
  if (s.homing == Homing::kCommand) return;
  if (target == nullptr) {
    seeker_.drop();
    return;
  }
  SeekerView v;
  v.los_m = target->from_m - state_.position_m;
  v.rcs_m2 = target->rcs_m2;
  v.span_m = target->span_m;
  v.jnr_others = seeker_jnr(s, target->jam_others_w_m2_hz);
  v.jnr_own = seeker_jnr(s, target->jam_own_w_m2_hz);
  v.illuminator_range_m = target->illuminator_range_m;
  v.in_sight = target->in_sight;
  seeker_.look(v, state_.velocity_mps, dt_s, noise, los_rate_rad_s(track));
}

bool Interceptor::fuze(double dt_s, const Vec3& p0, const TargetTruth& target, const Relative& rel,
                       const ClosestApproach& ca, core::RngStream* noise) {
  const Warhead& w = type_->warhead;
  if (ca.miss_m > w.fuze_range_m) return false;  // never within the fuze's range in this step
  const Vec3 missile_v = (state_.position_m - p0) / dt_s;
  const Vec3 target_v = (target.to_m - target.from_m) / dt_s;
  // The adaptive fuze bursts when the target crosses the dynamic beam inside its range; a
  // pass inside its range that the beam never meets bursts at the closest approach.
  double t_b = beam_burst_time_s(w, rel.position_m, rel.velocity_mps, missile_v, dt_s);
  if (t_b < 0.0) {
    if (!ca.in_step) return false;
    t_b = ca.time_s;
  }
  if (noise != nullptr && w.timing_error_s > 0.0) t_b += w.timing_error_s * noise->normal();
  const Vec3 burst = p0 + missile_v * t_b;
  const Vec3 at = target.from_m + target_v * t_b;
  // The miss distance is the closest approach of the pass, whenever the warhead burst.
  miss_m_ = std::min(miss_m_, closest_approach(rel, 1e3).miss_m);
  density_per_m2_ = weapons::fragment_density_per_m2(w, at - burst, missile_v, target_v, target.span_m);
  end_m_ = burst;
  phase_ = InterceptorPhase::kBurst;
  return true;
}

double Interceptor::height_above_ground_m(const Vec3& p_m) const {
  const geo::Lla lla = geo::ecef_to_lla(p_m);
  return lla.alt_m - (terrain_ != nullptr ? terrain_->height_m(lla.lat_deg, lla.lon_deg) : 0.0);
}

InterceptorPhase Interceptor::step(double dt_s, const TargetEstimate& estimate, const TargetTruth* target,
                                   core::RngStream* noise) {
  if (!flying() || dt_s <= 0.0) return phase_;
  const Vec3 p0 = state_.position_m;
  const InterceptorType& t = *type_;
  if (phase_ == InterceptorPhase::kRise && state_.time_s >= t.vertical_rise_s)
    phase_ = InterceptorPhase::kMidcourse;

  physics::Steering steer;
  if (phase_ == InterceptorPhase::kRise) {
    steer.launch_direction = geo::local_up(p0);
  } else {
    const double speed = state_.velocity_mps.norm();
    // What the track says, extrapolated to now.
    const Vec3 est = estimate.position_m + estimate.velocity_mps * (time_s() - estimate.time_s);
    Relative rel{est - p0, estimate.velocity_mps - state_.velocity_mps};
    look(dt_s, rel, target, noise);
    // A seeker on a jammer's noise has its angle from afar, not its range: the missile flies
    // its midcourse on the track until the terminal time to go, then homes on the jammer.
    const bool jam_afar = seeker_.home_on_jam() && phase_ == InterceptorPhase::kMidcourse;
    if (seeker_.locked() && !jam_afar) {
      phase_ = InterceptorPhase::kTerminal;
      // An active seeker measures the closing speed (Doppler); otherwise it is the track's.
      if (t.seeker.homing == Homing::kActive && !seeker_.home_on_jam()) {
        rel.velocity_mps = (target->to_m - target->from_m) / dt_s - state_.velocity_mps;
        rel.position_m = target->from_m - p0;
      }
    } else if (phase_ == InterceptorPhase::kMidcourse) {
      // Proportional navigation takes over near the end, once the heading is close to the
      // collision course (PN from a large heading error asks for more g than there is).
      const double closing = closing_speed_mps(rel);
      const double to_go = closing > 0.0 ? rel.position_m.norm() / closing : 1e9;
      const Vec3 target_p = p0 + rel.position_m;
      const double t_i =
          intercept_time_s(p0, std::max(speed, 300.0), target_p, state_.velocity_mps + rel.velocity_mps);
      const Vec3 course =
          t_i > 0.0 ? Vec3(rel.position_m + (state_.velocity_mps + rel.velocity_mps) * t_i) : rel.position_m;
      const bool aligned = speed > 0.0 && course.normalized().dot(state_.velocity_mps / speed) >=
                                              std::cos(kTerminalHeadingError_rad);
      if (to_go <= t.terminal_time_s && (aligned || to_go <= kLastTerminal_s))
        phase_ = InterceptorPhase::kTerminal;
    }
    const Vec3 wanted = command(rel);
    // First-order lag, exact over the step for a held command.
    const double decay =
        t.guidance_time_constant_s > 0.0 ? std::exp(-dt_s / t.guidance_time_constant_s) : 0.0;
    achieved_mps2_ = wanted + (achieved_mps2_ - wanted) * decay;
    steer.lateral_mps2 = achieved_mps2_;
  }
  physics::advance(state_, t.airframe, steer, dt_s, kSubstep_s, physics::EarthModel::kWgs84);

  // The pass over the step: the straight-line motions of the missile and the target.
  Relative pass{};
  ClosestApproach ca{};
  if (target != nullptr) {
    const Vec3 target_v = (target->to_m - target->from_m) / dt_s;
    pass = {target->from_m - p0, target_v - (state_.position_m - p0) / dt_s};
    ca = closest_approach(pass, dt_s);
  }
  if (target != nullptr && state_.time_s >= t.warhead.arming_time_s &&
      fuze(dt_s, p0, *target, pass, ca, noise))
    return phase_;
  // In the ground: the flight ends where the path met the surface.
  if (state_.time_s > t.vertical_rise_s) {
    const double h1 = height_above_ground_m(state_.position_m);
    if (h1 < 0.0) {
      const double h0 = height_above_ground_m(p0);
      const double f = h0 > h1 ? std::clamp(h0 / (h0 - h1), 0.0, 1.0) : 1.0;
      const geo::Lla hit = geo::ecef_to_lla(p0 + (state_.position_m - p0) * f);
      const double ground = terrain_ != nullptr ? terrain_->height_m(hit.lat_deg, hit.lon_deg) : 0.0;
      end_m_ = geo::lla_to_ecef({hit.lat_deg, hit.lon_deg, ground});
      if (target != nullptr) miss_m_ = std::min(miss_m_, (target->to_m - end_m_).norm());
      phase_ = InterceptorPhase::kGroundImpact;
      return phase_;
    }
  }
  bool passed = false;
  if (target != nullptr) {
    miss_m_ = std::min(miss_m_, ca.miss_m);
    // Past the target: the range stopped falling with the target behind the missile.
    passed = ca.in_step && phase_ == InterceptorPhase::kTerminal &&
             (target->to_m - state_.position_m).dot(state_.velocity_mps) < 0.0;
  }
  const bool spent = state_.time_s > burn_time_s_ && state_.velocity_mps.norm() < t.min_speed_mps;
  if (passed || spent || state_.time_s >= t.max_flight_time_s) {
    end_m_ = state_.position_m;
    phase_ = InterceptorPhase::kSelfDestruct;
  }
  return phase_;
}

}  // namespace opensam::weapons
