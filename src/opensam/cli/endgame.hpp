#pragma once
/// @file `opensam endgame`: the guidance engineer's calculator. The miss distance of the
/// linearised homing loop (simulation or adjoint), or of a library missile's flyout and seeker
/// against a manoeuvring target.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

namespace opensam::cli {

struct EndgameArgs {
  std::string nav_ratio = "4", time_constant = "0.3 s", flight_time = "10 s", target_accel = "3 g",
              closing_speed = "3000 m/s", missile_speed, heading_error = "0 deg", method = "simulate",
              format = "table";
  int table = 0;
  // --missile: a library missile's flyouts.
  std::string missile, target, target_alt = "5 km", target_speed = "250 m/s", launch_range = "30 km",
                               manoeuvre_time_to_go = "3 s";
  int flights = 200;
  std::uint64_t seed = 1;
  CLI::App* command = nullptr;
};

void add_endgame(CLI::App& app, EndgameArgs& args);
int endgame_command(const EndgameArgs& args);

}  // namespace opensam::cli
