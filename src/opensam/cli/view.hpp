#pragma once
/// @file `opensam view DIR`: serves a run folder and the offline CesiumJS viewer on loopback.

#include <CLI/CLI.hpp>
#include <string>

namespace opensam::cli {

struct ViewArgs {
  std::string dir;
  int port = 8040;
  std::string bind = "127.0.0.1";
  CLI::App* command = nullptr;
};

void add_view(CLI::App& app, ViewArgs& args);
int view_command(const ViewArgs& args);

}  // namespace opensam::cli
