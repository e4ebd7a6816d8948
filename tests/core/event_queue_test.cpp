#include "opensam/core/event_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>
#include <vector>

namespace opensam::core {
namespace {

TEST(EventQueue, PopsInTimeOrder) {
  EventQueue<int> q;
  for (int v : {5, 1, 4, 2, 3}) q.push(double(v), v);
  std::vector<int> out;
  while (!q.empty()) out.push_back(q.pop().payload);
  EXPECT_EQ(out, (std::vector<int>{1, 2, 3, 4, 5}));
}

TEST(EventQueue, BreaksTiesInSchedulingOrder) {
  EventQueue<int> q;
  for (int i = 0; i < 50; ++i) q.push(7.0, i);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(q.pop().payload, i);
}

TEST(EventQueue, CancelsPendingEventsOnly) {
  EventQueue<int> q;
  const EventHandle a = q.push(1.0, 1);
  const EventHandle b = q.push(2.0, 2);
  q.push(3.0, 3);
  EXPECT_TRUE(q.cancel(b));
  EXPECT_FALSE(q.cancel(b));  // already cancelled
  EXPECT_FALSE(q.pending(b));
  EXPECT_EQ(q.pop().payload, 1);
  EXPECT_FALSE(q.cancel(a));  // already ran
  // Freed slots are reused; a stale handle never cancels the event that now holds its slot.
  const EventHandle c = q.push(0.5, 9);
  const EventHandle d = q.push(0.7, 8);
  EXPECT_TRUE(c.slot == b.slot || d.slot == b.slot);
  EXPECT_FALSE(q.cancel(b));
  EXPECT_FALSE(q.cancel(a));
  EXPECT_TRUE(q.pending(c));
  EXPECT_TRUE(q.pending(d));
  EXPECT_EQ(q.pop().payload, 9);
  EXPECT_EQ(q.pop().payload, 8);
  EXPECT_EQ(q.pop().payload, 3);
  EXPECT_TRUE(q.empty());
}

// Random pushes, pops and cancels against a sorted-vector model of the same queue.
TEST(EventQueue, AgreesWithASortedModelUnderRandomOperations) {
  std::mt19937_64 gen(12345);
  EventQueue<int> q;
  std::vector<std::tuple<double, int, EventHandle>> model;  // (time, id, handle) in push order
  int next_id = 0;
  for (int step = 0; step < 20000; ++step) {
    const int op = int(gen() % 10);
    if (op < 5 || model.empty()) {
      const double t = double(gen() % 1000);  // many ties
      model.emplace_back(t, next_id, q.push(t, next_id));
      ++next_id;
    } else if (op < 8) {
      const auto it = std::min_element(model.begin(), model.end(), [](const auto& a, const auto& b) {
        return std::get<0>(a) < std::get<0>(b) ||
               (std::get<0>(a) == std::get<0>(b) && std::get<1>(a) < std::get<1>(b));
      });
      ASSERT_EQ(q.pop().payload, std::get<1>(*it));
      model.erase(it);
    } else {
      const std::size_t k = gen() % model.size();
      ASSERT_TRUE(q.cancel(std::get<2>(model[k])));
      model.erase(model.begin() + std::ptrdiff_t(k));
    }
    ASSERT_EQ(q.size(), model.size());
  }
}

}  // namespace
}  // namespace opensam::core
