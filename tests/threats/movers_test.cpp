// The threats as a component on its own engine: an aircraft held in track turns to put the radar
// behind it, an anti-radiation missile that loses its radar flies to where its seeker last
// placed it (off by the seeker's angle error times the range), a burst settles a threat and the
// run ends when none is left, and a change of plan that cannot be flown is told, not thrown.
#include "opensam/threats/movers.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "opensam/core/engine.hpp"
#include "opensam/geo/terrain.hpp"

namespace opensam::threats {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
const geo::Terrain kFlat;

/// One radar that emits until told otherwise.
struct OneRadar final : Emitters {
  geo::Lla where{45.0, 30.0, 10.0};
  geo::Vec3 ecef = geo::lla_to_ecef(where);
  bool on = true;
  [[nodiscard]] bool emitting(std::size_t, double) const override { return on; }
  [[nodiscard]] bool destroyed(std::size_t) const override { return false; }
  [[nodiscard]] const geo::Lla& antenna(std::size_t) const override { return where; }
  [[nodiscard]] const geo::Vec3& antenna_ecef(std::size_t) const override { return ecef; }
  [[nodiscard]] EntityIndex site(std::size_t) const override { return 0; }
};

/// A threat flying from `a` to `b` at `speed_mps`, planned from 0 s.
MoverSpec flying(const geo::Lla& a, const geo::Lla& b, double speed_mps, bool aim_point) {
  MoverSpec s;
  s.entity = 1;
  s.model.plan.route = {{a, speed_mps}, {b, speed_mps}};
  s.model.plan.aim_point = aim_point;
  s.path = plan_flight(s.model, kFlat, 0.0, 3600.0);
  return s;
}

/// The heading (rad from north) of threat 0 at `t_s`.
double heading_at(const Movers& m, double t_s) {
  const KinematicState s = m.path(0).state_at(t_s);
  const geo::Vec3 v =
      geo::enu_to_ecef_rotation(s.lla.lat_deg, s.lla.lon_deg).transpose() * s.velocity_ecef_mps;
  return std::atan2(v.x(), v.y());
}

struct Fixture {
  core::Engine engine{1, 0};
  core::EntityTable entities;
  OneRadar radar;
  std::vector<ThreatPhase> phases;
  std::vector<ReplanFailed> failures;
  Fixture() {
    entities.add({"radar", core::EntityKind::kSite, ""});
    entities.add({"threat", core::EntityKind::kThreat, ""});
    engine.subscribe_fn<ThreatPhase>([this](const ThreatPhase& p) { phases.push_back(p); });
    engine.subscribe_fn<ReplanFailed>([this](const ReplanFailed& f) { failures.push_back(f); });
  }
  Movers& make(MoverSpec spec) {
    std::vector<MoverSpec> specs;
    specs.push_back(std::move(spec));
    movers.emplace(engine, entities, kFlat, MoverSettings{3600.0, true, "", 1.0}, std::move(specs));
    movers->listen_to(radar);
    engine.subscribe<HeldInTrack>(*movers);
    engine.subscribe<EmittersChanged>(*movers);
    engine.subscribe<Destroyed>(*movers);
    movers->start();
    return *movers;
  }
  std::optional<Movers> movers;
};

/// Runs `what` inside the engine at `time_s` (as a component's event would).
template <class F>
struct At {
  At(core::Engine& e, double time_s, F what) : timeline(e, *this), what_(std::move(what)) {
    timeline.schedule_at(time_s, 0);
  }
  void on(int) { what_(); }
  core::Timeline<int> timeline;

 private:
  F what_;
};

// Northbound at 250 m/s, held by a radar due east of it (the radar sees it at azimuth 270 deg):
// it turns away, to heading 270 deg (the radar behind it), for the reaction's minute.
TEST(Movers, AnAircraftHeldInTrackTurnsTheRadarToItsTail) {
  Fixture f;
  MoverSpec spec = flying({45.0, 29.0, 8000.0}, {46.0, 29.0, 8000.0}, 250.0, false);
  spec.reaction = ReactionPlan{false, std::nullopt, false, 60.0};
  Movers& m = f.make(std::move(spec));
  EXPECT_NEAR(heading_at(m, 10.0), 0.0, 1e-3);
  At hold(f.engine, 10.0, [&] { f.engine.publish(HeldInTrack{0, 270.0 * kDeg}); });
  f.engine.run_until(50.0);
  EXPECT_NEAR(std::remainder(heading_at(m, 50.0) - 270.0 * kDeg, 2.0 * std::numbers::pi), 0.0, 0.5 * kDeg);
  ASSERT_FALSE(f.phases.empty());
  EXPECT_EQ(f.phases.front().phase, MarkKind::kReaction);
  // Once per flight: a second hold changes nothing.
  const geo::Vec3 planned = m.path(0).position_at(200.0);
  f.engine.publish(HeldInTrack{0, 90.0 * kDeg});
  EXPECT_EQ(m.path(0).position_at(200.0), planned);
  EXPECT_TRUE(f.failures.empty());
}

// An anti-radiation missile 40 km out when its radar falls silent remembers where its seeker
// placed it: its aim moves by the seeker's error, range x accuracy (here 40 km x 5 mrad = 200 m,
// drawn all to the north, across its eastbound track), and it leaks there, not on the radar.
TEST(Movers, AnAntiRadiationMissileFliesToWhereItLastHeardItsRadar) {
  Fixture f;
  const geo::Lla start{45.0, 30.0 - 80e3 / (geo::kMetresPerDegree * std::cos(45.0 * kDeg)), 8000.0};
  MoverSpec spec = flying(start, f.radar.where, 500.0, true);
  spec.arm_radar = 0;
  spec.target = 0;
  spec.seeker_north = 1.0;
  spec.seeker_accuracy_rad = 0.005;
  std::vector<Leaked> leaks;
  f.engine.subscribe_fn<Leaked>([&](const Leaked& l) { leaks.push_back(l); });
  Movers& m = f.make(std::move(spec));
  const double range = (m.path(0).position_at(80.0) - f.radar.ecef).norm();  // 40 km flown of 80
  At silence(f.engine, 80.0, [&] {
    f.radar.on = false;
    f.engine.publish(EmittersChanged{});
  });
  f.engine.run_until(3600.0);
  ASSERT_EQ(leaks.size(), 1u);
  const double north_m = (leaks[0].where.lat_deg - f.radar.where.lat_deg) * geo::kMetresPerDegree;
  EXPECT_NEAR(north_m, range * 0.005, 1.0);
  EXPECT_EQ(m.outcome(0), Outcome::kLeaked);
  EXPECT_EQ(f.phases.front().phase, MarkKind::kGuidanceLost);
}

// A burst settles the threat killed; with nothing left flying, the run ends there.
TEST(Movers, AKilledThreatIsSettledAndTheLastOneEndsTheRun) {
  Fixture f;
  Movers& m = f.make(flying({45.0, 29.0, 8000.0}, {46.0, 29.0, 8000.0}, 250.0, false));
  At burst(f.engine, 10.0, [&] { f.engine.publish(Destroyed{1}); });
  f.engine.run_until(3600.0);
  EXPECT_EQ(m.outcome(0), Outcome::kKilled);
  EXPECT_DOUBLE_EQ(m.outcome_time_s(0), 10.0);
  EXPECT_FALSE(m.flying(0));
  EXPECT_TRUE(m.all_settled());
  EXPECT_DOUBLE_EQ(f.engine.now_s(), 10.0);  // stopped: its route's end never ran
  EXPECT_EQ(f.engine.pending_count(), 1u);
}

// A plan that cannot be flown again (its route lost a point) does not stop the run: the change is
// told as ReplanFailed and the threat flies on as planned.
TEST(Movers, AChangeOfPlanThatCannotBeFlownIsToldAndTheFlightGoesOn) {
  Fixture f;
  MoverSpec spec = flying({45.0, 29.0, 8000.0}, {46.0, 29.0, 8000.0}, 250.0, false);
  spec.model.plan.route.pop_back();
  spec.reaction = ReactionPlan{false, std::nullopt, false, 60.0};
  Movers& m = f.make(std::move(spec));
  const geo::Vec3 planned = m.path(0).position_at(100.0);
  At hold(f.engine, 10.0, [&] { f.engine.publish(HeldInTrack{0, 270.0 * kDeg}); });
  f.engine.run_until(20.0);
  ASSERT_EQ(f.failures.size(), 1u);
  EXPECT_EQ(f.failures[0].threat, 1u);
  EXPECT_EQ(m.path(0).position_at(100.0), planned);
  EXPECT_TRUE(m.flying(0));
}

}  // namespace
}  // namespace opensam::threats
