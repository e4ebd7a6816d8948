// Sensor benchmarks: Pd evaluations, line-of-sight queries (horizon profile against the ray
// march), and one full scan of a surveillance radar over 1,000 targets.
#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "opensam/geo/horizon.hpp"
#include "opensam/geo/terrain.hpp"
#include "opensam/sensors/detection.hpp"
#include "opensam/sensors/radar.hpp"

namespace {

using namespace opensam;

void BM_Pd(benchmark::State& state) {
  const auto sw = static_cast<sensors::Swerling>(state.range(0));
  const int n = static_cast<int>(state.range(1));
  const double t = sensors::detection_threshold(1e-6, n);
  double snr_db = -10.0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        sensors::probability_of_detection_at_threshold(sensors::db_to_ratio(snr_db), t, n, sw));
    snr_db = snr_db > 20.0 ? -10.0 : snr_db + 0.37;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Pd)->ArgsProduct({{0, 1, 2, 3, 4}, {1, 10, 100}});

geo::Terrain& terrain() {
  static geo::Terrain t = [] {
    std::string error;
    auto r =
        geo::Terrain::open(OPENSAM_SOURCE_DIR "/data/terrain/synthetic-anatolia.tif", geo::GeoBox{}, error);
    return r ? *r : geo::Terrain();
  }();
  return t;
}

const geo::Lla kRadar{40.02, 32.60, 1200.0};

struct Query {
  geo::Lla target;
  double azimuth, range;
};

std::vector<Query> queries() {
  std::mt19937_64 gen(1);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<Query> q;
  for (int i = 0; i < 1024; ++i) {
    const geo::Lla t{39.0 + 2.0 * u(gen), 31.6 + 2.0 * u(gen), 1000.0 + 3000.0 * u(gen)};
    const geo::Bearing b = geo::bearing(kRadar, t);
    q.push_back({t, b.azimuth_rad, b.ground_range_m});
  }
  return q;
}

void BM_LineOfSightProfile(benchmark::State& state) {
  static const geo::HorizonProfile profile(terrain(), kRadar, 200e3, geo::kDefaultKFactor, 2048, 1000.0);
  const auto q = queries();
  std::size_t i = 0;
  for (auto _ : state) {
    const Query& x = q[i++ & 1023];
    benchmark::DoNotOptimize(profile.visible(x.azimuth, x.range, x.target.alt_m));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LineOfSightProfile);

void BM_LineOfSightMarch(benchmark::State& state) {
  const auto q = queries();
  std::size_t i = 0;
  for (auto _ : state) {
    const Query& x = q[i++ & 1023];
    benchmark::DoNotOptimize(
        geo::line_of_sight_march(terrain(), kRadar, x.target, geo::kDefaultKFactor, 1000.0));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LineOfSightMarch);

void BM_HorizonProfileBuild(benchmark::State& state) {
  for (auto _ : state) {
    const geo::HorizonProfile p(terrain(), kRadar, 200e3, geo::kDefaultKFactor, 2048, 1000.0);
    benchmark::DoNotOptimize(p.breakpoints());
  }
}
BENCHMARK(BM_HorizonProfileBuild)->Unit(benchmark::kMillisecond);

// One rotation of a surveillance radar over 1,000 targets: each target's look budget
// (geometry, line of sight over the terrain, RCS, atmosphere, clutter, multipath, Pd).
void BM_ScanOf1000Targets(benchmark::State& state) {
  sensors::RadarType type;
  type.parameters.frequency_hz = 3e9;
  type.parameters.peak_power_w = 220e3;
  type.parameters.gain_db = 40.0;
  type.parameters.noise_bandwidth_hz = 5e3;
  type.parameters.pulses = 10;
  type.parameters.attenuation_db_per_km = 0.01;
  type.parameters.instrumented_range_m = 200e3;
  const sensors::Radar radar(0, "acq", type, kRadar, 1180.0, 0.0, {}, terrain(), sensors::Environment{},
                             core::RngStream(1, 0, "radar/acq/bias"));
  sensors::Signature sig;
  sig.rcs = sensors::RcsModel(2.0);
  std::vector<sensors::TargetView> targets;
  for (const Query& x : queries()) {
    if (targets.size() == 1000) break;
    const geo::Vec3 ecef = geo::lla_to_ecef(x.target);
    targets.push_back({1, ecef, geo::Vec3(100.0, 50.0, 0.0), x.target, &sig});
  }
  for (auto _ : state) {
    double sum = 0.0;
    for (const auto& t : targets) sum += radar.budget(t, {}).pd;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(targets.size()));
}
BENCHMARK(BM_ScanOf1000Targets)->Unit(benchmark::kMicrosecond);

}  // namespace
BENCHMARK_MAIN();
