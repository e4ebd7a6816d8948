#pragma once
/// @file `opensam calc`: probability of detection, required SNR, horizon, detection range
/// and burn-through from the command line.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace opensam::cli {

/// The flags of every calc subcommand, as typed (parsed with units by calc_command).
struct CalcArgs {
  std::string snr_db, pfa, pulses, swerling, pd = "0.5", radar_height, target_height, radar, rcs, jammer;
  std::string jammer_range, jammer_offset;
  std::string k_factor = "1.3333333333333333";
  std::string integration = "noncoherent";
  std::string method = "exact";
  std::string format = "table";
  std::vector<CLI::App*> subcommands;  ///< calc, then pd, snr, horizon, range, burnthrough
};

void add_calc(CLI::App& app, CalcArgs& args);
[[nodiscard]] bool calc_selected(const CalcArgs& args);
int calc_command(const CalcArgs& args);

}  // namespace opensam::cli
