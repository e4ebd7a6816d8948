// The engine: timelines of several components on one clock, a bus of typed messages, named
// streams. The orders below are the contract the run's outputs rest on: a change here changes
// every golden output.
#include "opensam/core/engine.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace opensam::core {
namespace {

/// A component with its own timeline that records what it ran.
struct Counter {
  Counter(Engine& e, std::string name, std::vector<std::string>& seen)
      : engine(e), timeline(e, *this), name_(std::move(name)), seen_(&seen) {}
  void on(int v) {
    seen_->push_back(name_ + std::to_string(v));
    if (v < 3) timeline.schedule_in(1.0, v + 1);
  }
  Engine& engine;
  Timeline<int> timeline;

 private:
  std::string name_;
  std::vector<std::string>* seen_;
};

TEST(Engine, RunsEveryTimelineInTimeThenSchedulingOrder) {
  Engine engine(1, 0);
  std::vector<std::string> seen;
  Counter a(engine, "a", seen), b(engine, "b", seen);
  // Same times on both timelines: the one scheduled first runs first, whichever it is.
  b.timeline.schedule_at(1.0, 1);
  a.timeline.schedule_at(1.0, 1);
  a.timeline.schedule_at(0.5, 9);
  EXPECT_EQ(engine.run_until(100.0), 7u);
  EXPECT_EQ(seen, (std::vector<std::string>{"a9", "b1", "a1", "b2", "a2", "b3", "a3"}));
  EXPECT_DOUBLE_EQ(engine.now_s(), 3.0);
  EXPECT_EQ(engine.pending_count(), 0u);
}

TEST(Engine, StopsAtTheEndTimeOrWhenAsked) {
  Engine engine(1, 0);
  std::vector<std::string> seen;
  Counter a(engine, "a", seen);
  a.timeline.schedule_at(1.0, 1);
  a.timeline.schedule_at(10.0, 7);
  EXPECT_EQ(engine.run_until(2.5), 2u);  // a1 at 1 s, a2 at 2 s; a3 at 3 s and a7 wait
  EXPECT_EQ(engine.pending_count(), 2u);
  EXPECT_DOUBLE_EQ(engine.now_s(), 2.0);
  struct Stopper {
    explicit Stopper(Engine& e) : engine(e), timeline(e, *this) {}
    void on(int) { engine.stop(); }
    Engine& engine;
    Timeline<int> timeline;
  } stopper(engine);
  stopper.timeline.schedule_at(3.0, 0);  // after a3, scheduled earlier at the same time
  EXPECT_EQ(engine.run_until(100.0), 2u);
  EXPECT_EQ(seen.back(), "a3");
  EXPECT_EQ(engine.run_until(100.0), 1u);  // a7
  EXPECT_EQ(engine.pending_count(), 0u);
}

TEST(Engine, CancelledEventsNeverRun) {
  Engine engine(1, 0);
  std::vector<std::string> seen;
  Counter a(engine, "a", seen);
  const EventHandle h = a.timeline.schedule_at(1.0, 5);
  a.timeline.schedule_at(2.0, 6);
  EXPECT_TRUE(a.timeline.cancel(h));
  EXPECT_FALSE(a.timeline.pending(h));
  engine.run_until(100.0);
  EXPECT_EQ(seen, (std::vector<std::string>{"a6"}));
}

struct Ping {
  int n;
};
struct Pong {
  int n;
};

/// Answers each ping with a pong, at once, and records both.
struct Echo {
  explicit Echo(Engine& e, std::vector<std::string>& seen) : engine(e), seen_(&seen) {}
  void on(const Ping& p) {
    seen_->push_back("echo ping " + std::to_string(p.n));
    engine.publish(Pong{p.n});
  }
  Engine& engine;
  std::vector<std::string>* seen_;
};

TEST(Engine, DeliversMessagesAtOnceInSubscriptionOrder) {
  Engine engine(1, 0);
  std::vector<std::string> seen;
  Echo echo(engine, seen);
  engine.subscribe_fn<Ping>([&](const Ping& p) { seen.push_back("first ping " + std::to_string(p.n)); });
  engine.subscribe<Ping>(echo);
  engine.subscribe_fn<Pong>([&](const Pong& p) { seen.push_back("pong " + std::to_string(p.n)); });
  engine.subscribe_fn<Ping>([&](const Ping& p) { seen.push_back("last ping " + std::to_string(p.n)); });
  engine.publish(Ping{4});
  engine.publish(42);  // nobody listens to ints: nothing happens
  EXPECT_EQ(seen, (std::vector<std::string>{"first ping 4", "echo ping 4", "pong 4", "last ping 4"}));
}

TEST(Engine, StreamsAreKeyedBySeedReplicateAndName) {
  const Engine a(7, 3), b(7, 3), c(7, 4);
  RngStream x = a.stream("radar/acq/phase"), y = b.stream("radar/acq/phase"), z = c.stream("radar/acq/phase");
  RngStream direct(7, 3, "radar/acq/phase");
  const double vx = x.uniform();
  EXPECT_EQ(vx, y.uniform());
  EXPECT_EQ(vx, direct.uniform());
  EXPECT_NE(vx, z.uniform());
}

}  // namespace
}  // namespace opensam::core
