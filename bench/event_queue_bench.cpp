// Event queue throughput: the cost of scheduling and running one event, at queue sizes from
// a small engagement to a large campaign's world.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "opensam/core/event_queue.hpp"
#include "opensam/core/rng.hpp"

namespace {

struct Payload {
  std::uint32_t kind;
  std::uint32_t entity;
  std::uint32_t index;
};

using Queue = opensam::core::EventQueue<Payload>;

/// A queue holding `n` events spread uniformly over 100 s.
void prefill(Queue& q, std::size_t n, opensam::core::RngStream& rng) {
  q.reserve(n + 1);
  for (std::size_t i = 0; i < n; ++i) q.push(rng.uniform(0.0, 100.0), {0, std::uint32_t(i), 0});
}

// Steady state ("hold" model, Vaucher and Duval 1975): pop the earliest event and schedule a
// new one a random delay later, at a constant queue size.
void BM_HoldPopPush(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Queue q;
  opensam::core::RngStream rng(1, 0, "bench");
  prefill(q, n, rng);
  for (auto _ : state) {
    const auto e = q.pop();
    q.push(e.time_s + rng.uniform(0.0, 100.0), e.payload);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HoldPopPush)->RangeMultiplier(10)->Range(10, 1000000);

// Schedule and cancel, as a guidance update replaced by a newer one.
void BM_PushCancel(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Queue q;
  opensam::core::RngStream rng(2, 0, "bench");
  prefill(q, n, rng);
  for (auto _ : state) {
    const auto h = q.push(rng.uniform(0.0, 100.0), {1, 0, 0});
    benchmark::DoNotOptimize(q.cancel(h));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PushCancel)->RangeMultiplier(100)->Range(10, 1000000);

}  // namespace

BENCHMARK_MAIN();
