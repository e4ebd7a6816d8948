#pragma once
/// @file `opensam mc`, `opensam merge` and `opensam report`: Monte Carlo campaigns.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace opensam::cli {

struct McArgs {
  std::string file;
  std::uint64_t n = 0;
  std::uint64_t seed = 0;
  int threads = 0;
  std::string store;
  bool resume = false;
  std::vector<std::string> sweeps;
  std::string replicates;
  double ci_target = 0.0;
  std::string format = "table";
  CLI::App* command = nullptr;
  CLI::Option* n_opt = nullptr;
  CLI::Option* seed_opt = nullptr;
  CLI::Option* ci_opt = nullptr;
};

struct MergeArgs {
  std::vector<std::string> inputs;
  std::string store;
  CLI::App* command = nullptr;
};

struct ReportArgs {
  std::string store;
  std::string out;
  CLI::App* command = nullptr;
};

void add_campaign(CLI::App& app, McArgs& mc, MergeArgs& merge, ReportArgs& report);
int mc_command(const McArgs& args);
int merge_command(const MergeArgs& args);
int report_command(const ReportArgs& args);

}  // namespace opensam::cli
