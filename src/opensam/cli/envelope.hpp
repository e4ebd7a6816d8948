#pragma once
/// @file `opensam envelope`: a missile's kinematic launch-acceptable region against a target.

#include <CLI/CLI.hpp>
#include <string>

namespace opensam::cli {

struct EnvelopeArgs {
  std::string missile, alt = "10 km", speed = "250 m/s", rcs = "1 m2", format = "table", out;
  CLI::App* command = nullptr;
};

void add_envelope(CLI::App& app, EnvelopeArgs& args);
int envelope_command(const EnvelopeArgs& args);

}  // namespace opensam::cli
