#pragma once
/// @file Probability of detection of a square-law detector after N pulses, for the
/// Swerling 0-4 target models, and the SNR each needs. Pure functions; SNRs are linear
/// power ratios per pulse unless the name says `_db`.

#include <cmath>
#include <optional>
#include <string_view>

#include "opensam/core/names.hpp"

namespace opensam::sensors {

/// Target fluctuation model (Swerling, IRE Trans. IT-6, 1960): 0 = steady; 1, 2 = Rayleigh
/// (chi-square, 2 degrees of freedom) scan-to-scan / pulse-to-pulse; 3, 4 = chi-square with
/// 4 degrees of freedom scan-to-scan / pulse-to-pulse.
enum class Swerling { k0 = 0, k1 = 1, k2 = 2, k3 = 3, k4 = 4 };
constexpr auto names(Swerling) {
  return std::to_array<core::Named<Swerling>>({{Swerling::k0, "0"},
                                               {Swerling::k1, "1"},
                                               {Swerling::k2, "2"},
                                               {Swerling::k3, "3"},
                                               {Swerling::k4, "4"}});
}

/// How the N pulses of a dwell are summed before the threshold.
enum class Integration { kNoncoherent, kCoherent };
constexpr auto names(Integration) {
  return std::to_array<core::Named<Integration>>(
      {{Integration::kNoncoherent, "noncoherent"}, {Integration::kCoherent, "coherent"}});
}

/// Threshold T, in units of the noise power of one pulse, that N noncoherently summed
/// square-law samples of noise alone exceed with probability `pfa`: Q(N, T) = pfa, Q the
/// regularised upper incomplete gamma function (Marcum, IRE Trans. IT-6, 1960).
[[nodiscard]] double detection_threshold(double pfa, int pulses);

/// Exact Pd for `snr` per pulse, N pulses noncoherently integrated against `threshold`
/// (from detection_threshold with the same N). The hot-path form: no threshold search.
[[nodiscard]] double probability_of_detection_at_threshold(double snr, double threshold, int pulses,
                                                           Swerling swerling);

/// Exact Pd for `snr` per pulse and N pulses. Coherent integration sums the pulses before
/// detection: one sample with N times the SNR.
[[nodiscard]] double probability_of_detection(double snr, double pfa, int pulses, Swerling swerling,
                                              Integration integration = Integration::kNoncoherent);

/// The per-pulse SNR (dB) at which probability_of_detection reaches `pd` (exact; root
/// found to 1e-9 dB).
[[nodiscard]] double required_snr_db(double pd, double pfa, int pulses, Swerling swerling,
                                     Integration integration = Integration::kNoncoherent);

/// Albersheim's approximation of the per-pulse SNR (dB) a steady (Swerling 0) target needs,
/// linear detector, N pulses noncoherently integrated (Albersheim, Proc. IEEE 69(7), 1981).
/// Within 0.2 dB for 0.1 <= pd <= 0.9, 1e-7 <= pfa <= 1e-3, 1 <= N <= 8096.
[[nodiscard]] double albersheim_snr_db(double pd, double pfa, int pulses);

/// Shnidman's approximation of the per-pulse SNR (dB) for Swerling 0-4, square-law detector,
/// N pulses noncoherently integrated (Shnidman, IEEE Trans. AES 38(3), 2002). Within 1 dB for
/// 0.1 <= pd <= 0.99, 1e-9 <= pfa <= 1e-3, N <= 100.
[[nodiscard]] double shnidman_snr_db(double pd, double pfa, int pulses, Swerling swerling);

/// Power ratio from decibels and back.
[[nodiscard]] inline double db_to_ratio(double db) { return std::pow(10.0, db / 10.0); }
[[nodiscard]] inline double ratio_to_db(double ratio) { return 10.0 * std::log10(ratio); }

}  // namespace opensam::sensors
