// Whole runs: a scenario prepared once, then replicates run one after another on one thread.
// Prints the wall time of each part and the simulated seconds per wall-clock second.
//
//   run_bench FILE [REPLICATES]

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/prepared.hpp"
#include "opensam/sim/replication.hpp"

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: run_bench FILE [REPLICATES]\n";
    return 2;
  }
  const int replicates = argc > 2 ? std::atoi(argv[2]) : 10;
  auto t0 = std::chrono::steady_clock::now();
  opensam::scenario::LoadResult loaded = opensam::scenario::load(argv[1]);
  if (!loaded.ok()) {
    std::cerr << loaded.errors.str();
    return 2;
  }
  const double load_s = seconds_since(t0);
  t0 = std::chrono::steady_clock::now();
  const opensam::sim::Prepared prepared(loaded.scenario);
  const double prepare_s = seconds_since(t0);

  double run_s = 0.0, simulated_s = 0.0;
  std::size_t events = 0, shots = 0;
  for (int r = 0; r < replicates; ++r) {
    opensam::sim::RunOptions opt;
    opt.seed = loaded.scenario.seed;
    opt.replicate = std::uint64_t(r);
    t0 = std::chrono::steady_clock::now();
    const opensam::sim::RunResult run = opensam::sim::run_replication(prepared, opt);
    run_s += seconds_since(t0);
    simulated_s += run.end_time_s;
    events += run.events.size();
    shots += run.shots.size();
  }
  const double per_run = run_s / replicates;
  std::cout << fmt::format("{}: {} threats, {} sites\n", argv[1], loaded.scenario.threats.size(),
                           loaded.scenario.sites.size());
  std::cout << fmt::format("  load {:.3f} s, prepare {:.3f} s (once per scenario)\n", load_s, prepare_s);
  std::cout << fmt::format(
      "  {} replicates: {:.3f} s wall each, {:.0f} simulated s each, {:.0f} events, {:.1f} shots\n",
      replicates, per_run, simulated_s / replicates, double(events) / replicates, double(shots) / replicates);
  std::cout << fmt::format(
      "  simulated s per wall s: {:.0f} (replicate), {:.0f} (load + prepare + one replicate)\n",
      simulated_s / run_s, simulated_s / replicates / (load_s + prepare_s + per_run));
  return 0;
}
