#pragma once
/// @file The `opensam` subcommands. Each returns the process exit code: 0 success, 1 a
/// failure of the machine (cannot write), 2 bad input (scenario, flags).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace opensam::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

struct RunArgs {
  std::string file;
  std::optional<std::uint64_t> seed;
  std::string out_dir;  ///< empty: out/<scenario>-<seed>
  std::string format = "table";
  bool sqlite = false;   ///< also write run.sqlite
  std::string dis_out;   ///< HOST:PORT, empty: no DIS out
  std::string dis_in;    ///< HOST:PORT, empty: no DIS in
  std::string dis_pcap;  ///< capture file of the PDUs sent
  int dis_exercise = 1;
  int dis_site = 1;
  int dis_app = 1;
  bool realtime = false;
  double time_scale = 1.0;
};

int run_command(const RunArgs& args);
int validate_command(const std::vector<std::string>& files);

}  // namespace opensam::cli
