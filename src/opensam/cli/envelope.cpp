// `opensam envelope`: the kinematic launch-acceptable region of a missile type, computed by
// flying it, beside the published figures of its type.
#include "opensam/cli/envelope.hpp"

#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <numbers>
#include <optional>

#include "opensam/cli/commands.hpp"
#include "opensam/cli/flags.hpp"
#include "opensam/output/raster.hpp"
#include "opensam/weapons/envelope.hpp"

namespace opensam::cli {

namespace {

int fail(const std::string& message) {
  std::cerr << "opensam envelope: " << message << "\n";
  return kExitBadInput;
}

double metres(double v) { return std::round(v); }

}  // namespace

void add_envelope(CLI::App& app, EnvelopeArgs& a) {
  auto* c = app.add_subcommand("envelope", "A missile's kinematic envelope against a level target");
  c->add_option("--missile", a.missile,
                "Missile type: a library reference (s400/48N6E2, or 48N6E2 for the S-400 library) or a "
                "path to a type file")
      ->required();
  c->add_option("--target-alt", a.alt, "Target altitude (default 10 km)");
  c->add_option("--target-speed", a.speed,
                "Target speed (default 250 m/s; \"Mach 2\" at the target's altitude)");
  c->add_option("--target-rcs", a.rcs, "Target RCS, for an active seeker's acquisition range (default 1 m2)");
  c->add_option("--format", a.format, "table or json")->check(CLI::IsMember({"table", "json"}));
  c->add_option("--out", a.out, "Also draw the region to this PNG");
  c->footer(R"(
Examples:
  opensam envelope --missile 48N6E2 --target-alt "10 km" --target-speed "250 m/s"
  opensam envelope --missile s400/9M96E2 --target-alt "5 km" --target-speed "Mach 2" --format json --out env.png

Flies the missile on a perfect track against a target flying straight and level, with
bisection on the launch range, from head-on (aspect 0) to straight away (aspect 180) every
15 deg. An intercept counts when the warhead bursts within the fuze radius with the speed
and lateral acceleration an end game needs (the type's min_speed and min_terminal_g).
max_range_m and min_range_m are the farthest and nearest intercepts head-on (ground range
from the launcher); max_altitude_m the highest intercept against a target at that speed;
no_escape_range_m the farthest launch range against a target flying straight away. The
published figures of the type are printed beside them.)");
  a.command = c;
}

int envelope_command(const EnvelopeArgs& a) {
  FlagValues flags;
  const auto alt = flags.value("--target-alt", a.alt, core::Dimension::kLength, 0.0, 100e3);
  const auto rcs = flags.value("--target-rcs", a.rcs, core::Dimension::kArea, 0.0, 1e6, true);
  const auto speed = flags.speed("--target-speed", a.speed, alt.value_or(0.0), 5000.0);
  if (!flags.error.empty()) return fail(flags.error);
  std::string error;
  std::optional<weapons::MissileType> loaded = missile_flag(a.missile, error);
  if (!loaded) return error.empty() ? kExitBadInput : fail(error);
  weapons::MissileType missile = std::move(*loaded);
  // A seeker's acquisition range goes as the fourth root of the RCS (radar equation); the
  // library gives it against 1 m2.
  missile.flight.seeker.acquisition_range_m *= std::pow(*rcs, 0.25);

  weapons::EnvelopeRequest req;
  req.target_altitude_m = *alt;
  req.target_speed_mps = *speed;
  const weapons::Envelope env = weapons::compute_envelope(missile.flight, req);

  if (!a.out.empty()) {
    if (auto e = output::write_envelope_png(a.out, env, missile.name); !e.empty()) {
      std::cerr << "opensam envelope: " << e << "\n";
      return kExitFailure;
    }
  }
  nlohmann::ordered_json j;
  j["missile"] = missile.id;
  j["target_altitude_m"] = *alt;
  j["target_speed_mps"] = *speed;
  j["target_rcs_m2"] = *rcs;
  j["max_range_m"] = metres(env.max_range_m);
  j["min_range_m"] = metres(env.min_range_m);
  j["max_altitude_m"] = metres(env.max_altitude_m);
  j["no_escape_range_m"] = metres(env.no_escape_range_m);
  j["peak_speed_mps"] = metres(env.peak_speed_mps);
  j["seeker_range_m"] = metres(missile.flight.seeker.acquisition_range_m);
  j["published"] = {
      {"max_range_m", missile.max_range_m},
      {"min_range_m", missile.min_range_m},
      {"peak_speed_mps", missile.max_speed_mps > 0.0 ? nlohmann::ordered_json(missile.max_speed_mps)
                                                     : nlohmann::ordered_json()},
      {"max_altitude_m", missile.max_altitude_m},
      {"min_altitude_m", missile.min_altitude_m}};
  j["aspects"] = nlohmann::ordered_json::array();
  for (const auto& s : env.aspects) {
    j["aspects"].push_back({{"aspect_deg", std::round(s.aspect_rad * 180.0 / std::numbers::pi)},
                            {"reachable", s.reachable},
                            {"max_launch_range_m", metres(s.max_launch_range_m)},
                            {"max_intercept_range_m", metres(s.max_intercept_range_m)},
                            {"min_launch_range_m", metres(s.min_launch_range_m)},
                            {"min_intercept_range_m", metres(s.min_intercept_range_m)}});
  }
  j["flyouts"] = env.flyouts;
  if (!a.out.empty()) j["png"] = a.out;
  if (a.format == "json") {
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << fmt::format("{} against a target at {:.0f} m, {:.0f} m/s\n\n", missile.name, *alt, *speed);
  std::cout << fmt::format("{:<22} {:>12} {:>12}\n", "", "computed", "published");
  const auto row = [](const char* what, double computed, double published) {
    std::cout << fmt::format("{:<22} {:>9.1f} km {:>9.1f} km\n", what, computed / 1000.0, published / 1000.0);
  };
  row("max range (head-on)", env.max_range_m, missile.max_range_m);
  row("min range (head-on)", env.min_range_m, missile.min_range_m);
  row("max altitude", env.max_altitude_m, missile.max_altitude_m);
  if (missile.max_speed_mps > 0.0) {
    std::cout << fmt::format("{:<22} {:>8.0f} m/s {:>8.0f} m/s\n", "peak speed", env.peak_speed_mps,
                             missile.max_speed_mps);
  } else {
    std::cout << fmt::format("{:<22} {:>8.0f} m/s {:>12}\n", "peak speed", env.peak_speed_mps, "-");
  }
  std::cout << fmt::format("{:<22} {:>9.1f} km\n\n", "no-escape range", env.no_escape_range_m / 1000.0);
  std::cout << fmt::format("{:>7} {:>16} {:>16} {:>16} {:>16}\n", "aspect", "max launch km",
                           "max intercept km", "min launch km", "min intercept km");
  for (const auto& s : env.aspects) {
    std::cout << fmt::format("{:>5.0f}° {:>16.1f} {:>16.1f} {:>16.1f} {:>16.1f}\n",
                             s.aspect_rad * 180.0 / std::numbers::pi, s.max_launch_range_m / 1000.0,
                             s.max_intercept_range_m / 1000.0, s.min_launch_range_m / 1000.0,
                             s.min_intercept_range_m / 1000.0);
  }
  if (!a.out.empty()) std::cout << "\nwrote " << a.out << "\n";
  return kExitOk;
}

}  // namespace opensam::cli
