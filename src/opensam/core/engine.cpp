#include "opensam/core/engine.hpp"

#include <atomic>

namespace opensam::core {

std::size_t detail::next_message_type() {
  static std::atomic<std::size_t> next{0};
  return next++;
}

void Engine::add_subscriber(std::size_t type, void* receiver, void (*call)(void*, const void*)) {
  if (type >= subscribers_.size()) subscribers_.resize(type + 1);
  subscribers_[type].push_back({receiver, call});
}

std::uint64_t Engine::run_until(double end_time_s) {
  std::uint64_t count = 0;
  stopped_ = false;
  while (!stopped_) {
    // The earliest head by (time, sequence): a handful of timelines, a linear scan.
    const Head* next = nullptr;
    for (const Head& h : heads_) {
      if (next == nullptr || h.time_s < next->time_s ||
          (h.time_s == next->time_s && h.sequence < next->sequence))
        next = &h;
    }
    if (next == nullptr || !(next->time_s <= end_time_s)) break;
    now_s_ = next->time_s;
    next->timeline->run_next();
    ++count;
  }
  return count;
}

std::size_t Engine::pending_count() const {
  std::size_t n = 0;
  for (const Head& h : heads_) n += h.timeline->size();
  return n;
}

}  // namespace opensam::core
