// Tracker time per scan on the reference scenario (tracking reference, sec. 3): GNN and JPDA
// at N = 10 to 1,000, and the scale case of 10,000 targets with 2,000 false alarms per scan.
// The scans are generated before timing; one iteration = one scan through process + end_scan.
#include <benchmark/benchmark.h>

#include <cmath>

#include "opensam/tracking/reference.hpp"
#include "opensam/tracking/tracker.hpp"

namespace {

using namespace opensam::tracking;

struct Data {
  std::vector<std::vector<Detection>> scans;
  std::vector<double> times;
};

Data make_data(int targets, double clutter, double area_m) {
  ReferenceScenario sc;
  sc.targets = targets;
  sc.clutter_per_scan = clutter;
  sc.area_m = area_m;
  sc.clutter_area_m = area_m * 1.2;
  Data d;
  for (const auto& s : generate_reference(sc)) {
    d.times.push_back(s.time_s);
    auto& out = d.scans.emplace_back();
    for (const auto& p : s.detections) {
      MeasVec z(2), sigma(2);
      z << p.x(), p.y();
      sigma << sc.sigma_m, sc.sigma_m;
      out.push_back({s.time_s, z, sigma});
    }
  }
  return d;
}

void run(benchmark::State& state, Associator associator, double clutter, double density_area) {
  const int n = int(state.range(0));
  // Same target density as the reference (10 per 100 x 100 km) only up to N = 100; beyond, the
  // area grows so that density stays at the N = 100 figure.
  const double area = n <= 100 ? 100e3 : 100e3 * std::sqrt(n / 100.0) * density_area;
  const Data data = make_data(n, clutter < 0 ? 20.0 * std::max(1.0, n / 100.0) : clutter, area);
  TrackerConfig config;
  config.filter = FilterKind::kKalman;
  config.models = {MotionModel{.kind = MotionKind::kConstantVelocity, .axes = 2, .noise_psd = 1.0}};
  config.gate_probability = 1.0 - std::exp(-4.5);
  config.associator = associator;
  const Sensor sensor{
      .model = {.kind = MeasurementKind::kPosition, .axes = 2, .range_rate = false, .frame = {}}};
  std::size_t scans = 0, tracks = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Tracker tracker(config, {sensor});
    state.ResumeTiming();
    for (std::size_t k = 0; k < data.scans.size(); ++k) {
      tracker.process(0, data.scans[k]);
      tracker.end_scan(0, data.times[k]);
      benchmark::DoNotOptimize(tracker.tracks().data());
    }
    scans += data.scans.size();
    tracks = 0;
    for (const Track& t : tracker.tracks()) tracks += t.status != TrackStatus::kTentative;
  }
  state.counters["ms_per_scan"] =
      benchmark::Counter(double(scans) * 1e-3, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["confirmed_tracks"] = double(tracks);
}

void BM_ReferenceGnn(benchmark::State& s) { run(s, Associator::kGnn, 20.0, 1.0); }
void BM_ReferenceJpda(benchmark::State& s) { run(s, Associator::kJpda, 20.0, 1.0); }
void BM_ScaleGnn(benchmark::State& s) { run(s, Associator::kGnn, -1.0, 1.0); }

BENCHMARK(BM_ReferenceGnn)->Arg(10)->Arg(25)->Arg(50)->Arg(100)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReferenceJpda)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScaleGnn)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
