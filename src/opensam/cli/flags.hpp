#pragma once
/// @file Command-line flag values with units, read like scenario values, checked against a
/// range; the first problem is kept, naming its flag.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "opensam/core/units.hpp"
#include "opensam/sensors/detection.hpp"
#include "opensam/weapons/missile.hpp"

namespace opensam::cli {

/// A seed: a whole number from 0 to 2^64 - 1 written in decimal digits (no sign).
inline const CLI::Validator kWholeNumber(
    [](std::string& text) -> std::string {
      const bool digits =
          !text.empty() && text.size() <= 20 && text.find_first_not_of("0123456789") == std::string::npos;
      if (!digits || (text.size() == 20 && text > "18446744073709551615")) {
        return "'" + text + "' is not a whole number from 0 to 18446744073709551615";
      }
      return {};
    },
    "UINT64");

/// The missile type `--missile` names: a library reference (a bare name is a type of the S-400
/// library) or a type file. The loader's errors go to standard error as it gives them; a type
/// of another kind sets `error` ("--missile: 's400/91N6E' is a radar, not a missile").
[[nodiscard]] std::optional<weapons::MissileType> missile_flag(const std::string& text, std::string& error);

struct FlagValues {
  std::string error;  ///< the first problem, "--flag: message"; empty while all is well

  /// The value in SI (decibel values stay in dB), within [lo, hi] ((lo, hi] when `lo_open`).
  std::optional<double> value(const std::string& flag, const std::string& text, core::Dimension dim,
                              double lo, double hi, bool lo_open = false);
  /// A speed in m/s, or a Mach number at `altitude_m` (US Standard Atmosphere 1976), within
  /// [0, hi].
  std::optional<double> speed(const std::string& flag, const std::string& text, double altitude_m, double hi);
  std::optional<sensors::Swerling> swerling(const std::string& text);
};

}  // namespace opensam::cli
