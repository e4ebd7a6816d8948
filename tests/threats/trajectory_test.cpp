#include "opensam/threats/trajectory.hpp"

#include <gtest/gtest.h>

namespace opensam::threats {
namespace {

using geo::Vec3;

/// A uniform straight line: x = 100 t, sampled every 0.5 s from t = 10, ending at t = 11.2.
Trajectory line() {
  Trajectory t(10.0, 0.5);
  for (int i = 0; i < 3; ++i) t.push(Vec3(6.4e6 + 50.0 * i, 0.0, 0.0), Vec3(100.0, 0.0, 0.0));
  t.finish(11.2, Vec3(6.4e6 + 120.0, 0.0, 0.0), Vec3(100.0, 0.0, 0.0));
  return t;
}

TEST(Trajectory, InterpolatesLinearlyAndEndsAtTheExactTime) {
  const Trajectory t = line();
  EXPECT_DOUBLE_EQ(t.start_time_s(), 10.0);
  EXPECT_DOUBLE_EQ(t.end_time_s(), 11.2);
  EXPECT_NEAR(t.position_at(10.25).x(), 6.4e6 + 25.0, 1e-6);
  EXPECT_NEAR(t.position_at(11.1).x(), 6.4e6 + 110.0, 1e-6);  // inside the short last step
  EXPECT_NEAR(t.position_at(99.0).x(), 6.4e6 + 120.0, 1e-6);  // clamped after the end
  EXPECT_NEAR(t.position_at(0.0).x(), 6.4e6, 1e-6);           // and before the start
  EXPECT_NEAR(t.state_at(10.7).velocity_ecef_mps.x(), 100.0, 1e-9);
}

TEST(Trajectory, ShiftMovesSamplesAndMarks) {
  Trajectory t = line();
  t.mark(10.5, MarkKind::kWaypoint, 1);
  t.shift(5.0);
  EXPECT_DOUBLE_EQ(t.start_time_s(), 15.0);
  EXPECT_DOUBLE_EQ(t.end_time_s(), 16.2);
  EXPECT_DOUBLE_EQ(t.marks().front().time_s, 15.5);
  EXPECT_NEAR(t.position_at(15.25).x(), 6.4e6 + 25.0, 1e-6);
}

TEST(Trajectory, SpliceReplacesTheTailFromAGridSample) {
  Trajectory t = line();
  t.mark(10.2, MarkKind::kWaypoint, 1);
  t.mark(10.9, MarkKind::kWaypoint, 2);
  const std::size_t i = t.sample_at_or_after(10.3);
  EXPECT_EQ(i, 1u);
  Trajectory tail(10.5, 0.5);
  tail.push(t.sample_position(1), Vec3(0.0, 100.0, 0.0));
  tail.finish(10.9, t.sample_position(1) + Vec3(0.0, 40.0, 0.0), Vec3(0.0, 100.0, 0.0));
  tail.mark(10.9, MarkKind::kTerminal);
  t.splice(i, tail);
  EXPECT_DOUBLE_EQ(t.end_time_s(), 10.9);
  EXPECT_NEAR(t.position_at(10.7).y(), 20.0, 1e-6);
  EXPECT_NEAR(t.position_at(10.25).x(), 6.4e6 + 25.0, 1e-6);  // the kept head
  ASSERT_EQ(t.marks().size(), 2u);                            // the mark after the splice is gone
  EXPECT_EQ(t.marks()[1].kind, MarkKind::kTerminal);
  EXPECT_EQ(t.sample_at_or_after(10.5), 1u);  // on a grid time
}

}  // namespace
}  // namespace opensam::threats
