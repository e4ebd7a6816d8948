#include "opensam/core/units.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <numbers>
#include <vector>

#include "opensam/core/text.hpp"

namespace opensam::core {
namespace {

enum class Scale { kLinear, kDecibel };

struct Unit {
  std::string_view symbol;
  Dimension dim;
  Scale scale;
  double factor;  ///< linear: SI per unit; decibel: SI reference of 0 dB
};

// Conversion factors: exact by definition (1 ft = 0.3048 m, 1 nmi = 1852 m, International
// Yard and Pound Agreement 1959 and International Hydrographic Conference 1929); NATO mil =
// 2*pi/6400 rad (STANAG 2404 / AAP-6); standard gravity g = 9.80665 m/s2 (3rd CGPM, 1901); 1 psi =
// 1 lbf/in2 = 4.4482216152605 N / 0.00064516 m2 (exact from the pound and the inch).
constexpr double kPi = std::numbers::pi;
constexpr std::array kUnits{
    Unit{"m", Dimension::kLength, Scale::kLinear, 1.0},
    Unit{"km", Dimension::kLength, Scale::kLinear, 1000.0},
    Unit{"ft", Dimension::kLength, Scale::kLinear, 0.3048},
    Unit{"nmi", Dimension::kLength, Scale::kLinear, 1852.0},
    Unit{"m/s", Dimension::kSpeed, Scale::kLinear, 1.0},
    Unit{"km/h", Dimension::kSpeed, Scale::kLinear, 1000.0 / 3600.0},
    Unit{"kt", Dimension::kSpeed, Scale::kLinear, 1852.0 / 3600.0},
    Unit{"rad", Dimension::kAngle, Scale::kLinear, 1.0},
    Unit{"deg", Dimension::kAngle, Scale::kLinear, kPi / 180.0},
    Unit{"mil", Dimension::kAngle, Scale::kLinear, 2.0 * kPi / 6400.0},
    Unit{"s", Dimension::kTime, Scale::kLinear, 1.0},
    Unit{"ms", Dimension::kTime, Scale::kLinear, 1e-3},
    Unit{"us", Dimension::kTime, Scale::kLinear, 1e-6},
    Unit{"min", Dimension::kTime, Scale::kLinear, 60.0},
    Unit{"h", Dimension::kTime, Scale::kLinear, 3600.0},
    Unit{"Hz", Dimension::kFrequency, Scale::kLinear, 1.0},
    Unit{"kHz", Dimension::kFrequency, Scale::kLinear, 1e3},
    Unit{"MHz", Dimension::kFrequency, Scale::kLinear, 1e6},
    Unit{"GHz", Dimension::kFrequency, Scale::kLinear, 1e9},
    Unit{"W", Dimension::kPower, Scale::kLinear, 1.0},
    Unit{"kW", Dimension::kPower, Scale::kLinear, 1e3},
    Unit{"MW", Dimension::kPower, Scale::kLinear, 1e6},
    Unit{"dBW", Dimension::kPower, Scale::kDecibel, 1.0},
    Unit{"dBm", Dimension::kPower, Scale::kDecibel, 1e-3},
    Unit{"m2", Dimension::kArea, Scale::kLinear, 1.0},
    Unit{"dBsm", Dimension::kArea, Scale::kDecibel, 1.0},
    Unit{"kg", Dimension::kMass, Scale::kLinear, 1.0},
    Unit{"t", Dimension::kMass, Scale::kLinear, 1000.0},
    Unit{"N", Dimension::kForce, Scale::kLinear, 1.0},
    Unit{"kN", Dimension::kForce, Scale::kLinear, 1000.0},
    Unit{"m/s2", Dimension::kAcceleration, Scale::kLinear, 1.0},
    Unit{"g", Dimension::kAcceleration, Scale::kLinear, 9.80665},
    Unit{"Pa", Dimension::kPressure, Scale::kLinear, 1.0},
    Unit{"kPa", Dimension::kPressure, Scale::kLinear, 1e3},
    Unit{"MPa", Dimension::kPressure, Scale::kLinear, 1e6},
    Unit{"psi", Dimension::kPressure, Scale::kLinear, 6894.757293168361},
    Unit{"dB", Dimension::kDecibel, Scale::kLinear, 1.0},
};

const Unit* find_unit(std::string_view symbol) {
  for (const auto& u : kUnits) {
    if (u.symbol == symbol) return &u;
  }
  return nullptr;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

QuantityParse fail(std::string message) { return {std::nullopt, std::move(message)}; }

/// "a length", "an acceleration".
std::string with_article(Dimension dim) {
  const std::string_view name = dimension_name(dim);
  return fmt::format("{} {}", name.find_first_of("aeiou") == 0 ? "an" : "a", name);
}

std::string expected_units(Dimension dim) {
  return fmt::format("{} takes {}", with_article(dim), dimension_units(dim));
}

}  // namespace

std::string_view dimension_name(Dimension d) {
  switch (d) {
    case Dimension::kLength: return "length";
    case Dimension::kSpeed: return "speed";
    case Dimension::kAngle: return "angle";
    case Dimension::kTime: return "time";
    case Dimension::kFrequency: return "frequency";
    case Dimension::kPower: return "power";
    case Dimension::kArea: return "area";
    case Dimension::kMass: return "mass";
    case Dimension::kForce: return "force";
    case Dimension::kAcceleration: return "acceleration";
    case Dimension::kPressure: return "pressure";
    case Dimension::kDecibel: return "decibel value";
    case Dimension::kNumber: return "number";
  }
  return "value";
}

std::string_view dimension_units(Dimension d) {
  switch (d) {
    case Dimension::kLength: return "m, km, ft, nmi";
    case Dimension::kSpeed: return "m/s, km/h, kt, Mach N";
    case Dimension::kAngle: return "rad, deg, mil";
    case Dimension::kTime: return "s, ms, us, min, h";
    case Dimension::kFrequency: return "Hz, kHz, MHz, GHz";
    case Dimension::kPower: return "W, kW, MW, dBW, dBm";
    case Dimension::kArea: return "m2, dBsm";
    case Dimension::kMass: return "kg, t";
    case Dimension::kForce: return "N, kN";
    case Dimension::kAcceleration: return "m/s2, g";
    case Dimension::kPressure: return "Pa, kPa, MPa, psi";
    case Dimension::kDecibel: return "dB";
    case Dimension::kNumber: return "no unit";
  }
  return "";
}

QuantityParse parse_quantity(std::string_view text, Dimension dim) {
  const std::string_view s = trim(text);
  if (s.empty()) return fail("empty value; expected a " + std::string(dimension_name(dim)));

  // "Mach 2.5": a speed relative to the local speed of sound.
  if (s.size() > 4 && equals_ignore_case(s.substr(0, 4), "mach")) {
    if (dim != Dimension::kSpeed) {
      return fail(fmt::format("'{}' is a speed; {}", s, expected_units(dim)));
    }
    const auto mach = parse_number(s.substr(4));
    if (!mach) return fail(fmt::format("'{}' is not a Mach number; write e.g. 'Mach 2'", s));
    return {Quantity{*mach, true}, {}};
  }

  const char* begin = s.data();
  const char* end = s.data() + s.size();
  if (*begin == '+') ++begin;
  double number = 0.0;
  const auto [ptr, ec] = std::from_chars(begin, end, number);
  if (ec != std::errc() || ptr == begin) {
    return fail(fmt::format("'{}' is not a {}: expected a number, then a unit ({})", s, dimension_name(dim),
                            dimension_units(dim)));
  }
  if (!std::isfinite(number)) return fail(fmt::format("'{}' is not a finite number", s));
  const std::string_view symbol = trim(std::string_view(ptr, std::size_t(end - ptr)));
  if (symbol.empty()) return {Quantity{number, false}, {}};  // bare number: SI
  if (dim == Dimension::kNumber) {
    return fail(fmt::format("'{}' takes no unit; write a plain number", s));
  }

  const Unit* unit = find_unit(symbol);
  if (unit == nullptr) {
    std::vector<std::string_view> symbols;
    for (const auto& u : kUnits) {
      if (u.dim == dim) symbols.push_back(u.symbol);
    }
    std::string hint;
    if (auto near = closest_match(symbol, symbols)) hint = fmt::format(" (did you mean '{}'?)", *near);
    return fail(fmt::format("unknown unit '{}'{}; {}", symbol, hint, expected_units(dim)));
  }
  if (unit->dim != dim) {
    return fail(fmt::format("'{}' is {}; {}", s, with_article(unit->dim), expected_units(dim)));
  }
  const double si =
      unit->scale == Scale::kLinear ? number * unit->factor : unit->factor * std::pow(10.0, number / 10.0);
  return {Quantity{si, false}, {}};
}

std::string format_si(double value, Dimension dim) {
  std::string_view symbol;
  switch (dim) {
    case Dimension::kLength: symbol = "m"; break;
    case Dimension::kSpeed: symbol = "m/s"; break;
    case Dimension::kAngle: symbol = "rad"; break;
    case Dimension::kTime: symbol = "s"; break;
    case Dimension::kFrequency: symbol = "Hz"; break;
    case Dimension::kPower: symbol = "W"; break;
    case Dimension::kArea: symbol = "m2"; break;
    case Dimension::kMass: symbol = "kg"; break;
    case Dimension::kForce: symbol = "N"; break;
    case Dimension::kAcceleration: symbol = "m/s2"; break;
    case Dimension::kPressure: symbol = "Pa"; break;
    case Dimension::kDecibel: symbol = "dB"; break;
    case Dimension::kNumber: return fmt::format("{}", value);
  }
  return fmt::format("{} {}", value, symbol);
}

}  // namespace opensam::core
