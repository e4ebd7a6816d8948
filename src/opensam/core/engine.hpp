#pragma once
/// @file The discrete-event engine of one run. It holds the clock, the components' timelines
/// (each a queue of that component's own typed events), a bus of typed messages and the run's
/// named random streams.
///
/// - A timeline's events run in (time, sequence) order with every other timeline's: the
///   sequence number is global to the engine, so events at the same time run in the order
///   they were scheduled, whichever component scheduled them.
/// - A message is delivered at once, when it is published, to each subscriber of its type in
///   the order they subscribed. Components tell each other what happened this way and never
///   hold each other's members; who listens to what is wired in one place (sim/).
/// - A stream is keyed by (seed, replicate, name) (core/rng.hpp): a component asks for its
///   streams by name and its draws depend on nothing else.
///
/// Nothing here allocates per event or per message once warm; the engine is an object, never a
/// global, so replicates run side by side on any number of threads.

#include <cstdint>
#include <limits>
#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "opensam/core/assert.hpp"
#include "opensam/core/event_queue.hpp"
#include "opensam/core/rng.hpp"

namespace opensam::core {

class Engine;

namespace detail {
/// A number per message type, handed out on first use (thread-safe).
std::size_t next_message_type();
template <class Message>
std::size_t message_type() {
  static const std::size_t id = next_message_type();
  return id;
}
}  // namespace detail

/// What the engine knows of a timeline: where its earliest event stands, and how to run it.
class TimelineBase {
 public:
  TimelineBase(const TimelineBase&) = delete;
  TimelineBase& operator=(const TimelineBase&) = delete;
  virtual ~TimelineBase() = default;
  /// Events waiting.
  [[nodiscard]] virtual std::size_t size() const = 0;

 protected:
  explicit TimelineBase(Engine& engine);
  /// The next sequence number of the engine (taken by every event scheduled).
  std::uint64_t take_sequence();
  /// Tells the engine where this timeline's earliest event now stands (+infinity: none).
  void set_head(double time_s, std::uint64_t sequence);
  [[nodiscard]] Engine& engine() const { return *engine_; }

 private:
  friend class Engine;
  /// Pops the earliest event and hands it to the owner.
  virtual void run_next() = 0;

  Engine* engine_;
  std::size_t index_;  ///< in the engine's timelines
};

/// One component's scheduled events of type `Event` (a struct, or a std::variant of them): the
/// engine calls `owner.on(event)` when each comes due.
template <class Event>
class Timeline final : public TimelineBase {
 public:
  template <class Owner>
  Timeline(Engine& engine, Owner& owner)
      : TimelineBase(engine),
        owner_(&owner),
        handler_([](void* o, const Event& e) { static_cast<Owner*>(o)->on(e); }) {}

  /// Schedules `event` at `time_s`, never in the past.
  EventHandle schedule_at(double time_s, const Event& event);
  /// Schedules `event` `delay_s` after now.
  EventHandle schedule_in(double delay_s, const Event& event);
  /// Removes a pending event; false when it already ran or was cancelled.
  bool cancel(EventHandle h) {
    const bool done = queue_.cancel(h);
    refresh();
    return done;
  }
  [[nodiscard]] bool pending(EventHandle h) const { return queue_.pending(h); }
  [[nodiscard]] std::size_t size() const override { return queue_.size(); }

 private:
  void run_next() override {
    const auto e = queue_.pop();
    refresh();
    handler_(owner_, e.payload);
  }
  void refresh() {
    if (queue_.empty())
      set_head(std::numeric_limits<double>::infinity(), 0);
    else
      set_head(queue_.next_time_s(), queue_.next_sequence());
  }

  EventQueue<Event> queue_;
  void* owner_;
  void (*handler_)(void*, const Event&);
};

class Engine {
 public:
  /// The engine of replicate `replicate` of a run seeded with `seed`.
  Engine(std::uint64_t seed, std::uint64_t replicate) : seed_(seed), replicate_(replicate) {}
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  [[nodiscard]] double now_s() const { return now_s_; }
  [[nodiscard]] std::uint64_t seed() const { return seed_; }
  [[nodiscard]] std::uint64_t replicate() const { return replicate_; }

  /// The run's random stream `name` (the same draws in every run of this seed and replicate).
  [[nodiscard]] RngStream stream(std::string_view name) const { return RngStream(seed_, replicate_, name); }

  /// `receiver.on(message)` for every message of type `Message` published from now on.
  template <class Message, class Receiver>
  void subscribe(Receiver& receiver) {
    add_subscriber(detail::message_type<Message>(), &receiver, [](void* r, const void* m) {
      static_cast<Receiver*>(r)->on(*static_cast<const Message*>(m));
    });
  }
  /// `handler(message)` for every message of type `Message` (an adapter between components that
  /// do not know each other's types); the engine keeps the handler.
  template <class Message, class Handler>
  void subscribe_fn(Handler handler) {
    auto held = std::make_unique<Held<Handler>>(std::move(handler));
    void* self = &held->handler;
    held_.push_back(std::move(held));
    add_subscriber(detail::message_type<Message>(), self, [](void* h, const void* m) {
      (*static_cast<Handler*>(h))(*static_cast<const Message*>(m));
    });
  }
  /// Delivers `message` to its subscribers now, in the order they subscribed.
  template <class Message>
  void publish(const Message& message) const {
    const std::size_t type = detail::message_type<Message>();
    if (type >= subscribers_.size()) return;
    for (const Subscriber& s : subscribers_[type]) s.call(s.receiver, &message);
  }

  /// Runs events due at or before `end_time_s`, in order, until none is left or stop() is
  /// called; the clock ends at the last event run. Returns the number of events run.
  std::uint64_t run_until(double end_time_s);
  /// Ends run_until after the current event.
  void stop() { stopped_ = true; }
  /// Moves the clock forward to `t_s` without running anything (the end of a run).
  void advance_to(double t_s) {
    OPENSAM_ASSERT(t_s >= now_s_);
    now_s_ = t_s;
  }
  /// Events waiting on every timeline.
  [[nodiscard]] std::size_t pending_count() const;

 private:
  friend class TimelineBase;
  struct Head {
    double time_s = std::numeric_limits<double>::infinity();
    std::uint64_t sequence = 0;
    TimelineBase* timeline = nullptr;
  };
  struct Subscriber {
    void* receiver;
    void (*call)(void*, const void*);
  };
  struct HeldBase {
    virtual ~HeldBase() = default;
  };
  template <class Handler>
  struct Held final : HeldBase {
    explicit Held(Handler h) : handler(std::move(h)) {}
    Handler handler;
  };
  void add_subscriber(std::size_t type, void* receiver, void (*call)(void*, const void*));

  std::uint64_t seed_;
  std::uint64_t replicate_;
  double now_s_ = 0.0;
  bool stopped_ = false;
  std::uint64_t next_sequence_ = 0;
  std::vector<Head> heads_;                           ///< one per timeline, in the order they were made
  std::vector<std::vector<Subscriber>> subscribers_;  ///< by message type
  std::vector<std::unique_ptr<HeldBase>> held_;
};

inline TimelineBase::TimelineBase(Engine& engine) : engine_(&engine), index_(engine.heads_.size()) {
  engine.heads_.push_back({std::numeric_limits<double>::infinity(), 0, this});
}
inline std::uint64_t TimelineBase::take_sequence() { return engine_->next_sequence_++; }
inline void TimelineBase::set_head(double time_s, std::uint64_t sequence) {
  Engine::Head& h = engine_->heads_[index_];
  h.time_s = time_s;
  h.sequence = sequence;
}

template <class Event>
EventHandle Timeline<Event>::schedule_at(double time_s, const Event& event) {
  OPENSAM_ASSERT(time_s >= engine().now_s());
  const EventHandle h = queue_.push(time_s, take_sequence(), event);
  refresh();
  return h;
}

template <class Event>
EventHandle Timeline<Event>::schedule_in(double delay_s, const Event& event) {
  return schedule_at(engine().now_s() + delay_s, event);
}

}  // namespace opensam::core
