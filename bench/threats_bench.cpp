// Positions of many scripted threats at one instant (the target: 10,000 well under 1 ms), and
// the cost of planning the flights that make those positions a lookup.
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "opensam/threats/ballistic.hpp"
#include "opensam/threats/flight.hpp"

namespace {

using namespace opensam;

/// `n` two-leg routes of 120 s at 250 m/s with 9 g turns, spread over a degree square.
std::vector<threats::Trajectory> raid(int n) {
  std::vector<threats::Trajectory> out;
  out.reserve(std::size_t(n));
  threats::Performance perf;
  perf.max_load_factor = 9.0;
  perf.climb_rate_mps = 50.0;
  perf.dive_rate_mps = 50.0;
  for (int i = 0; i < n; ++i) {
    const double lat = 39.0 + 0.01 * (i % 100), lon = 32.0 + 0.01 * (i / 100);
    threats::FlightPlan plan;
    plan.route = {{{lat, lon, 1000.0}, 250.0},
                  {{lat + 0.1, lon, 1500.0}, 250.0},
                  {{lat + 0.2, lon + 0.1, 500.0}, 250.0}};
    out.push_back(
        threats::fly(plan, perf, geo::Terrain(), threats::start_of(plan, 0.1 * (i % 50)), 0.25, 1e9));
  }
  return out;
}

void BM_PositionsAtAnInstant(benchmark::State& state) {
  const std::vector<threats::Trajectory> paths = raid(int(state.range(0)));
  std::vector<geo::Vec3> where(paths.size());
  double t = 30.0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < paths.size(); ++i) where[i] = paths[i].position_at(t);
    benchmark::DoNotOptimize(where.data());
    t = t < 90.0 ? t + 0.37 : 30.0;
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_PositionsAtAnInstant)->Arg(100)->Arg(10000)->Unit(benchmark::kMicrosecond);

void BM_PlanWaypointFlight(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(raid(1));
}
BENCHMARK(BM_PlanWaypointFlight)->Unit(benchmark::kMicrosecond);

void BM_PlanBallisticFlight(benchmark::State& state) {
  threats::BallisticType b;
  b.launch_mass_kg = 5900.0;
  b.airframe.reference_area_m2 = 0.6;
  b.airframe.drag = {{0.0}, {0.25}};
  b.airframe.motor = {{62.0, 135e3, 3700.0 / 62.0}};
  for (auto _ : state)
    benchmark::DoNotOptimize(
        threats::fly_ballistic(b, {36.0, 38.0, 400.0}, {37.5, 39.8, 900.0}, 0.0, 0.25, 4000.0));
}
BENCHMARK(BM_PlanBallisticFlight)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
