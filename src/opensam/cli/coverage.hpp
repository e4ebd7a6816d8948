#pragma once
/// @file `opensam coverage`: where the scenario's radars detect a target at an altitude.

#include <CLI/CLI.hpp>
#include <string>

namespace opensam::cli {

struct CoverageArgs {
  std::string file, rcs, alt, pd = "0.5", radar, resolution = "1 km", out, swerling = "1";
  bool agl = false;
  CLI::App* command = nullptr;
};

void add_coverage(CLI::App& app, CoverageArgs& args);
int coverage_command(const CoverageArgs& args);

}  // namespace opensam::cli
