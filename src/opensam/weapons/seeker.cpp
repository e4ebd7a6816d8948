#include "opensam/weapons/seeker.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>

namespace opensam::weapons {

namespace {
constexpr double kBoltzmann = 1.380649e-23;  // J/K (SI 2019, exact)
constexpr double kT0_K = 290.0;              // IEEE standard noise temperature
constexpr double kLightSpeed_mps = 299792458.0;
}  // namespace

double seeker_snr(const SeekerType& s, double range_m, double rcs_m2, double illuminator_range_m,
                  double jnr) {
  if (range_m <= 0.0) return 1e30;
  const double q = s.acquisition_range_m / range_m;
  double snr = kAcquisitionSnr * rcs_m2;
  if (s.homing == Homing::kTrackViaMissile) {
    if (illuminator_range_m <= 0.0) return 0.0;
    const double qi = kIlluminatorReference_m / illuminator_range_m;
    snr *= q * q * qi * qi;
  } else {
    snr *= q * q * q * q;
  }
  return snr / (1.0 + std::max(jnr, 0.0));
}

double seeker_range_m(const SeekerType& s, double rcs_m2, double illuminator_range_m, double jnr,
                      double snr) {
  if (snr <= 0.0) return 0.0;
  const double ratio = kAcquisitionSnr * rcs_m2 / (snr * (1.0 + std::max(jnr, 0.0)));
  if (s.homing == Homing::kTrackViaMissile) {
    if (illuminator_range_m <= 0.0) return 0.0;
    return s.acquisition_range_m * std::sqrt(ratio) * kIlluminatorReference_m / illuminator_range_m;
  }
  return s.acquisition_range_m * std::sqrt(std::sqrt(ratio));
}

double seeker_jnr(const SeekerType& s, double flux_w_m2_hz) {
  if (flux_w_m2_hz <= 0.0 || s.beamwidth_rad <= 0.0 || s.frequency_hz <= 0.0) return 0.0;
  const double lambda = kLightSpeed_mps / s.frequency_hz;
  const double aperture_m2 = lambda * lambda / (s.beamwidth_rad * s.beamwidth_rad);
  const double noise_w_hz = kBoltzmann * kT0_K * std::pow(10.0, s.noise_figure_db / 10.0);
  return flux_w_m2_hz * aperture_m2 / noise_w_hz;
}

double seeker_pattern(const SeekerType& s, double off_boresight_rad) {
  return std::abs(off_boresight_rad) <= 0.5 * s.beamwidth_rad ? 1.0 : std::pow(10.0, s.sidelobe_db / 10.0);
}

double thermal_angle_sigma_rad(double beamwidth_rad, double snr) {
  if (snr <= 0.0) return beamwidth_rad;
  return beamwidth_rad / (1.6 * std::sqrt(2.0 * snr));
}

double glint_sigma_rad(double span_m, double range_m) {
  if (range_m <= 0.0) return 0.0;
  return 0.25 * span_m / range_m;
}

bool Seeker::look(const SeekerView& v, const Vec3& velocity_mps, double dt_s, core::RngStream* noise,
                  const Vec3& prior_los_rate_rad_s) {
  const SeekerType& s = *type_;
  const double r = v.los_m.norm();
  const double speed = velocity_mps.norm();
  const bool has_seeker = s.homing != Homing::kCommand && s.acquisition_range_m > 0.0;
  const bool in_regard =
      r > 0.0 && speed > 0.0 && v.los_m.dot(velocity_mps) >= std::cos(s.field_of_regard_rad) * r * speed;
  if (!has_seeker || !in_regard || !v.in_sight) {
    drop();
    return false;
  }
  // The echo competes with every jammer's noise (a track-via-missile seeker has none unless the
  // target is lit); home-on-jam measures the target's own jammer against the others'.
  const bool lit = s.homing != Homing::kTrackViaMissile || v.illuminator_range_m > 0.0;
  const double skin = lit ? seeker_snr(s, r, v.rcs_m2, v.illuminator_range_m, v.jnr_others + v.jnr_own) : 0.0;
  const double jam = s.home_on_jam ? v.jnr_own / (1.0 + v.jnr_others) : 0.0;
  const double need = locked_ ? kHoldSnr : kAcquisitionSnr;
  bool hoj = false;
  if (skin < need) {
    if (jam < need) {
      drop();
      return false;
    }
    hoj = true;
  }
  const Vec3 truth = v.los_m / r;
  const double thermal = thermal_angle_sigma_rad(s.beamwidth_rad, hoj ? jam : skin);
  const double glint = hoj ? 0.0 : glint_sigma_rad(v.span_m, r);
  Vec3 z = truth;
  sigma_rad_ = 0.0;
  if (noise != nullptr) {
    // Two axes across the line of sight, fixed to the missile's velocity so that the glint's
    // memory keeps its meaning from look to look.
    Vec3 a = velocity_mps.cross(truth);
    a = a.norm() > 1e-9 * speed ? Vec3(a.normalized()) : truth.unitOrthogonal();
    const Vec3 b = truth.cross(a);
    const double rho = locked_ ? std::exp(-dt_s / kGlintCorrelation_s) : 0.0;
    const double kick = std::sqrt(1.0 - rho * rho);
    glint_[0] = rho * glint_[0] + kick * noise->normal();
    glint_[1] = rho * glint_[1] + kick * noise->normal();
    const double ea = thermal * noise->normal() + glint * glint_[0] + s.noise_floor_rad * noise->normal();
    const double eb = thermal * noise->normal() + glint * glint_[1] + s.noise_floor_rad * noise->normal();
    z = (truth + ea * a + eb * b).normalized();
    sigma_rad_ = std::sqrt(thermal * thermal + glint * glint + s.noise_floor_rad * s.noise_floor_rad);
  }
  z_ = z;
  if (!locked_) {
    u_ = z;
    u_dot_ = prior_los_rate_rad_s.cross(z);
  } else {
    // Fading-memory (critically damped) g-h filter: g = 1 - theta^2, h = (1 - theta)^2,
    // theta = exp(-T / tau) (Brookner, Tracking and Kalman Filtering Made Easy, 1998, ch. 1).
    const double theta = s.filter_time_s > 0.0 ? std::exp(-dt_s / s.filter_time_s) : 0.0;
    const double g = 1.0 - theta * theta;
    const double h = (1.0 - theta) * (1.0 - theta);
    const Vec3 predicted = u_ + dt_s * u_dot_;
    const Vec3 residual = z - predicted;
    u_ = (predicted + g * residual).normalized();
    u_dot_ += (dt_s > 0.0 ? h / dt_s : 0.0) * residual;
  }
  u_dot_ -= u_dot_.dot(u_) * u_;
  locked_ = true;
  hoj_ = hoj;
  return true;
}

}  // namespace opensam::weapons
