#pragma once
/// @file The discrete-event core: a priority queue ordered by (time, sequence), so events at
/// the same time pop in the order they were scheduled, with O(log n) cancellation. After
/// warm-up, scheduling and popping allocate nothing.

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "opensam/core/assert.hpp"

namespace opensam::sim {

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
  EventHandle push(double time_s, const Payload& payload) {
    std::uint32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
    } else {
      slot = static_cast<std::uint32_t>(slots_.size());
      slots_.push_back({});
    }
    Slot& s = slots_[slot];
    s.entry = {time_s, next_sequence_++, payload};
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

/// The simulation clock over an EventQueue: `run_until` pops events in order, advances `now`,
/// and hands each to `dispatch`, which may schedule or cancel further events.
template <class Payload>
class Engine {
 public:
  [[nodiscard]] double now_s() const { return now_s_; }

  /// Schedules at an absolute time, never in the past.
  EventHandle schedule_at(double time_s, const Payload& p) {
    OPENSAM_ASSERT(time_s >= now_s_);
    return queue_.push(time_s, p);
  }
  /// Schedules `delay_s` after now.
  EventHandle schedule_in(double delay_s, const Payload& p) { return schedule_at(now_s_ + delay_s, p); }
  bool cancel(EventHandle h) { return queue_.cancel(h); }
  [[nodiscard]] bool pending(EventHandle h) const { return queue_.pending(h); }
  [[nodiscard]] std::size_t pending_count() const { return queue_.size(); }

  /// Runs events with time <= `end_time_s` until none is left or `stop()` is called; the clock
  /// ends at the last event run (or stays). Returns the number of events run.
  template <class Dispatch>
  std::uint64_t run_until(double end_time_s, Dispatch&& dispatch) {
    std::uint64_t count = 0;
    stopped_ = false;
    while (!stopped_ && !queue_.empty() && queue_.next_time_s() <= end_time_s) {
      auto e = queue_.pop();
      now_s_ = e.time_s;
      dispatch(e.payload);
      ++count;
    }
    return count;
  }

  /// Ends run_until after the current event.
  void stop() { stopped_ = true; }
  /// Moves the clock forward to `t_s` without running anything (end of a run).
  void advance_to(double t_s) {
    OPENSAM_ASSERT(t_s >= now_s_);
    now_s_ = t_s;
  }

 private:
  EventQueue<Payload> queue_;
  double now_s_ = 0.0;
  bool stopped_ = false;
};

}  // namespace opensam::sim
