#include "opensam/cli/flags.hpp"

#include <fmt/format.h>

#include <iostream>

#include "opensam/core/names.hpp"
#include "opensam/physics/atmosphere.hpp"
#include "opensam/scenario/scenario.hpp"

namespace opensam::cli {

std::optional<weapons::MissileType> missile_flag(const std::string& text, std::string& error) {
  const bool bare = text.find('/') == std::string::npos && !text.ends_with(".yaml");
  const std::string name = bare ? "s400/" + text : text;
  const auto loaded = scenario::load_site_type(name, "--missile");
  if (!loaded.errors.empty() || !loaded.site) {
    std::cerr << loaded.errors.str();
    return std::nullopt;
  }
  if (loaded.site->kind != scenario::SiteKind::kMissile) {
    error = fmt::format("--missile: '{}' is a {}, not a missile", name, core::name_of(loaded.site->kind));
    return std::nullopt;
  }
  return loaded.site->missile.missile;
}

std::optional<double> FlagValues::value(const std::string& flag, const std::string& text, core::Dimension dim,
                                        double lo, double hi, bool lo_open) {
  if (!error.empty()) return std::nullopt;
  const core::QuantityParse q = core::parse_quantity(text, dim);
  if (!q.quantity || q.quantity->mach) {
    error = fmt::format("{}: {}", flag, q.quantity ? "Mach is not accepted here" : q.error);
    return std::nullopt;
  }
  const double v = q.quantity->value;
  if (v < lo || v > hi || (lo_open && v == lo)) {
    error = fmt::format("{}: '{}' must be {} {} and at most {}", flag, text, lo_open ? "above" : "at least",
                        core::format_si(lo, dim), core::format_si(hi, dim));
    return std::nullopt;
  }
  return v;
}

std::optional<double> FlagValues::speed(const std::string& flag, const std::string& text, double altitude_m,
                                        double hi) {
  if (!error.empty()) return std::nullopt;
  const core::QuantityParse q = core::parse_quantity(text, core::Dimension::kSpeed);
  if (!q.quantity) {
    error = fmt::format("{}: {}", flag, q.error);
    return std::nullopt;
  }
  const double v =
      q.quantity->mach ? q.quantity->value * physics::speed_of_sound_mps(altitude_m) : q.quantity->value;
  if (v < 0.0 || v > hi) {
    error = fmt::format("{}: '{}' must be at least 0 m/s and at most {}", flag, text,
                        core::format_si(hi, core::Dimension::kSpeed));
    return std::nullopt;
  }
  return v;
}

std::optional<sensors::Swerling> FlagValues::swerling(const std::string& text) {
  if (!error.empty()) return std::nullopt;
  if (auto s = core::parse_name<sensors::Swerling>(text)) return s;
  error = fmt::format("--swerling: '{}' is not a Swerling case 0 to 4", text);
  return std::nullopt;
}

}  // namespace opensam::cli
