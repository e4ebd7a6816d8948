// Campaign throughput: replicates per second of one scenario on 1 and on T threads, and the
// parallel efficiency (rate on T threads / (T x rate on 1 thread)).
//
//   mc_bench FILE [REPLICATES] [THREADS]

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "opensam/montecarlo/campaign.hpp"

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

int main(int argc, char** argv) {
  namespace mc = opensam::montecarlo;
  if (argc < 2) {
    std::cerr << "usage: mc_bench FILE [REPLICATES] [THREADS]\n";
    return 2;
  }
  const int n = argc > 2 ? std::atoi(argv[2]) : 100;
  const int threads = argc > 3 ? std::atoi(argv[3]) : int(std::thread::hardware_concurrency());
  opensam::scenario::LoadResult loaded = opensam::scenario::load(argv[1]);
  if (!loaded.ok()) {
    std::cerr << loaded.errors.str();
    return 2;
  }
  std::vector<mc::PreparedPoint> points(1);
  points[0].scenario = std::make_unique<const opensam::scenario::Scenario>(std::move(loaded.scenario));
  points[0].prepared = std::make_unique<const opensam::sim::Prepared>(*points[0].scenario);
  std::vector<mc::WorkItem> items;
  for (int i = 0; i < n; ++i) items.push_back({0, std::uint64_t(i)});

  const auto rate = [&](int t) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto records = mc::run_items(points, points[0].scenario->seed, items, t, nullptr);
    return double(records.size()) / seconds_since(t0);
  };
  const double one = rate(1);
  const double many = rate(threads);
  std::cout << fmt::format("{}: {} replicates\n", argv[1], n);
  std::cout << fmt::format("  1 thread:  {:.2f} replicates/s ({:.3f} s each)\n", one, 1.0 / one);
  std::cout << fmt::format("  {} threads: {:.2f} replicates/s, parallel efficiency {:.0f} %\n", threads, many,
                           100.0 * many / (threads * one));
  std::cout << fmt::format("  1000 replicates on {} threads: {:.1f} s\n", threads, 1000.0 / many);
  return 0;
}
