#pragma once
/// @file Prediction and update of one Gaussian estimate: Kalman (linear models), extended
/// (first-order linearisation) and unscented (sigma points) filters, and the probabilistic
/// data association update.

#include <Eigen/Cholesky>
#include <cstdint>
#include <span>

#include "opensam/tracking/models.hpp"
#include "opensam/tracking/types.hpp"

namespace opensam::tracking {

/// Predicted measurement of an estimate and what its update needs.
struct Innovation {
  MeasVec z_pred;
  MeasMat S;         ///< innovation covariance
  StateMeasMat Pxz;  ///< state-measurement cross covariance (P H' for linear updates)
  Eigen::LLT<MeasMat> S_llt;
  double log_det_S = 0.0;
};

/// x(t + dt) and its covariance.
void predict(FilterKind filter, const MotionModel& model, const Gaussian& in, double dt_s, Gaussian& out);

/// The predicted measurement, S and cross covariance of `prior` for a measurement with
/// noise covariance R. Returns false when S is not positive definite.
bool innovate(FilterKind filter, const MeasurementModel& model, const Gaussian& prior, const MeasMat& R,
              Innovation& out);

/// Factors inn.S (Cholesky) and sets its log determinant; false when S is not positive definite.
bool factor(Innovation& inn);

/// nu' S^-1 nu.
[[nodiscard]] double mahalanobis_squared(const Innovation& inn, const MeasVec& nu);
/// ln N(nu; 0, S).
[[nodiscard]] double log_likelihood(const Innovation& inn, const MeasVec& nu);

/// The Kalman update with innovation nu (z - z_pred, angles wrapped).
void update(const Gaussian& prior, const Innovation& inn, const MeasVec& nu, Gaussian& post);

/// The probabilistic data association update (Bar-Shalom & Tse 1975): innovations `nus`
/// weighted by `betas`, `beta_none` the probability that none is the target's.
void pda_update(const Gaussian& prior, const Innovation& inn, std::span<const MeasVec> nus,
                std::span<const double> betas, double beta_none, Gaussian& post);

}  // namespace opensam::tracking
