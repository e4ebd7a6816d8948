#pragma once
/// @file `opensam endgame`: the guidance engineer's calculator. The miss distance of the
/// linearised homing loop (simulation or adjoint), or of a library missile's flyout and seeker
/// against a manoeuvring target.

#include <CLI/CLI.hpp>
#include <string>

namespace opensam::cli {

struct EndgameArgs {
  std::string nav_ratio = "4", time_constant = "0.3 s", flight_time = "10 s", target_accel = "3 g",
              closing_speed = "3000 m/s", missile_speed, heading_error = "0 deg", method = "simulate",
              format = "table";
  int table = 0;
  CLI::App* command = nullptr;
};

void add_endgame(CLI::App& app, EndgameArgs& args);
int endgame_command(const EndgameArgs& args);

}  // namespace opensam::cli
