#pragma once
/// @file `opensam track`: the tracker alone on anyone's detections, with metrics against
/// truth; `opensam track-reference`: the reference scenario's detections and truth.

#include <CLI/CLI.hpp>
#include <string>

namespace opensam::cli {

struct TrackArgs {
  std::string detections, truth, config, out = "out/track", format = "table";
  std::string gospa_c = "500 m", gospa_p = "1";
  std::uint64_t metrics_from = 1;
  CLI::App* command = nullptr;
};

struct ReferenceArgs {
  std::string out;
  int targets = 10, scans = 50;
  double clutter = 20.0, pd = 0.9, sigma = 50.0;
  std::uint64_t seed = 1;
  CLI::App* command = nullptr;
};

void add_track(CLI::App& app, TrackArgs& track, ReferenceArgs& reference);
int track_command(const TrackArgs& args);
int reference_command(const ReferenceArgs& args);

}  // namespace opensam::cli
