#pragma once
/// @file A priority queue of events ordered by (time, sequence), so events at the same time pop
/// in the order they were scheduled, with O(log n) cancellation. After warm-up, scheduling and
/// popping allocate nothing. The engine (core/engine.hpp) runs several of them on one clock.

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "opensam/core/assert.hpp"

namespace opensam::core {

/// Names one scheduled event; stale handles (popped or cancelled) are recognised.
struct EventHandle {
  std::uint32_t slot = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t generation = 0;
};

template <class Payload>
class EventQueue {
 public:
  struct Entry {
    double time_s;
    std::uint64_t sequence;
    Payload payload;
  };

  /// Schedules `payload` at `time_s` (finite); ties pop in scheduling order.
  EventHandle push(double time_s, const Payload& payload) { return push(time_s, next_sequence_++, payload); }

  /// The same with a sequence number from outside (increasing over every push of the queues
  /// that share it): ties then pop in that order across the queues.
  EventHandle push(double time_s, std::uint64_t sequence, const Payload& payload) {
    std::uint32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
    } else {
      slot = static_cast<std::uint32_t>(slots_.size());
      slots_.push_back({});
    }
    Slot& s = slots_[slot];
    s.entry = {time_s, sequence, payload};
    s.heap_index = static_cast<std::uint32_t>(heap_.size());
    heap_.push_back(slot);
    sift_up(heap_.size() - 1);
    return {slot, s.generation};
  }

  /// Removes a pending event; false when it already ran or was cancelled.
  bool cancel(EventHandle h) {
    if (!pending(h)) return false;
    remove_at(slots_[h.slot].heap_index);
    return true;
  }

  /// Is the event still waiting to run?
  [[nodiscard]] bool pending(EventHandle h) const {
    return h.slot < slots_.size() && slots_[h.slot].generation == h.generation &&
           slots_[h.slot].heap_index != kNotQueued;
  }

  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  /// Time of the next event; +infinity when empty.
  [[nodiscard]] double next_time_s() const {
    return heap_.empty() ? std::numeric_limits<double>::infinity() : slots_[heap_.front()].entry.time_s;
  }

  /// Sequence number of the next event; meaningless when empty.
  [[nodiscard]] std::uint64_t next_sequence() const { return slots_[heap_.front()].entry.sequence; }

  /// Removes and returns the earliest event.
  Entry pop() {
    OPENSAM_ASSERT(!heap_.empty());
    Entry e = slots_[heap_.front()].entry;
    remove_at(0);
    return e;
  }

  /// Keeps capacity for `n` pending events.
  void reserve(std::size_t n) {
    heap_.reserve(n);
    slots_.reserve(n);
    free_.reserve(n);
  }

 private:
  static constexpr std::uint32_t kNotQueued = std::numeric_limits<std::uint32_t>::max();
  struct Slot {
    Entry entry{};
    std::uint32_t heap_index = kNotQueued;
    std::uint32_t generation = 0;
  };

  bool before(std::uint32_t a, std::uint32_t b) const {
    const Entry& x = slots_[a].entry;
    const Entry& y = slots_[b].entry;
    return x.time_s < y.time_s || (x.time_s == y.time_s && x.sequence < y.sequence);
  }

  void place(std::size_t i, std::uint32_t slot) {
    heap_[i] = slot;
    slots_[slot].heap_index = static_cast<std::uint32_t>(i);
  }

  void sift_up(std::size_t i) {
    const std::uint32_t slot = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!before(slot, heap_[parent])) break;
      place(i, heap_[parent]);
      i = parent;
    }
    place(i, slot);
  }

  void sift_down(std::size_t i) {
    const std::uint32_t slot = heap_[i];
    const std::size_t n = heap_.size();
    while (true) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
      if (!before(heap_[child], slot)) break;
      place(i, heap_[child]);
      i = child;
    }
    place(i, slot);
  }

  void remove_at(std::size_t i) {
    const std::uint32_t slot = heap_[i];
    const std::uint32_t last = heap_.back();
    heap_.pop_back();
    if (i < heap_.size()) {
      place(i, last);
      sift_down(i);
      sift_up(slots_[last].heap_index);
    }
    slots_[slot].heap_index = kNotQueued;
    ++slots_[slot].generation;
    free_.push_back(slot);
  }

  std::vector<std::uint32_t> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace opensam::core
