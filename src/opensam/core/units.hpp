#pragma once
/// @file Quantities with units, as users write them ("250 km", "Mach 2", "-20 dBsm"),
/// converted once to SI. Inside opensam every value is SI; decibel quantities stay in dB.

#include <optional>
#include <string>
#include <string_view>

namespace opensam::core {

/// What a value measures; decides which unit symbols it accepts.
enum class Dimension {
  kLength,        ///< m (also km, ft, nmi)
  kSpeed,         ///< m/s (also km/h, kt, Mach N)
  kAngle,         ///< rad (also deg, mil)
  kTime,          ///< s (also ms, min, h)
  kFrequency,     ///< Hz (also kHz, MHz, GHz)
  kPower,         ///< W (also kW, MW, dBW, dBm)
  kArea,          ///< m2 (also dBsm); radar cross sections
  kMass,          ///< kg (also t)
  kForce,         ///< N (also kN)
  kAcceleration,  ///< m/s2 (also g, standard gravity)
  kPressure,      ///< Pa (also kPa, MPa, psi)
  kDecibel,       ///< dB, kept in dB (gains, losses, noise figures)
  kNumber,        ///< a plain number, no unit
};

/// "length", "speed", ...
[[nodiscard]] std::string_view dimension_name(Dimension d);
/// The unit symbols a dimension accepts, for messages and docs: "m, km, ft, nmi".
[[nodiscard]] std::string_view dimension_units(Dimension d);

/// A parsed value: SI, or a Mach number when `mach` is set (converted later, at the
/// altitude where it applies, with the US Standard Atmosphere 1976 speed of sound).
struct Quantity {
  double value = 0.0;
  bool mach = false;
};

/// The outcome of parsing: a quantity, or a message saying what is wrong.
struct QuantityParse {
  std::optional<Quantity> quantity;
  std::string error;
};

/// Parses "<number> [unit]" (or "Mach <number>" for speeds). A bare number is SI.
[[nodiscard]] QuantityParse parse_quantity(std::string_view text, Dimension dim);

/// Formats an SI value as the scenario files write it in resolved output ("1500 m").
[[nodiscard]] std::string format_si(double value, Dimension dim);

}  // namespace opensam::core
