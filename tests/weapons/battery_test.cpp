// The launchers and interceptors as a component on its own engine: an order commits rounds, a
// launch flies a missile on the uplinked estimate to a burst whose kill is drawn from the
// Carleton function, a destroyed launcher keeps its round and says so, and a transloader refills
// an empty launcher after its reload time. The airframe is the 48N6-class sketch of
// interceptor_test.cpp (reference data §3), not the library's data.
#include "opensam/weapons/battery.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "opensam/core/engine.hpp"
#include "opensam/geo/frames.hpp"

namespace opensam::weapons {
namespace {

MissileType sketch() {
  MissileType m;
  m.id = "sketch";
  InterceptorType& t = m.flight;
  t.launch_mass_kg = 1800.0;
  t.airframe.reference_area_m2 = std::numbers::pi * 0.515 * 0.515 / 4.0;
  t.airframe.drag = {{0.0, 0.8, 1.2, 3.0, 6.0}, {0.25, 0.3, 0.55, 0.35, 0.25}};
  t.airframe.cl_max = 2.0;
  t.airframe.max_load_factor = 20.0;
  const double flow = 970.0 / 12.0;  // Isp 250 s, 970 kg of propellant in 12 s
  t.airframe.motor = {{12.0, 250.0 * 9.80665 * flow, flow}};
  t.seeker.homing = Homing::kActive;
  t.seeker.acquisition_range_m = 20000.0;
  t.seeker.field_of_regard_rad = 30.0 * std::numbers::pi / 180.0;
  t.warhead.fuze_range_m = 30.0;
  t.warhead.fragments = 18000.0;
  t.warhead.fragment_speed_mps = gurney_speed_mps(1.0);
  m.lethal_radius_m = 20.0;
  m.unit_cost_usd = 1e6;
  return m;
}

const geo::EnuFrame kSite{geo::Lla{40.0, 32.5, 700.0}};

/// One target 40 km north at 10 km, flying south at 250 m/s; a burst at zero miss kills it.
struct OneTarget final : Scene {
  bool gone = false;
  [[nodiscard]] Vec3 at(double t_s) const {
    return kSite.point_to_ecef(Vec3(0.0, 40000.0 - 250.0 * t_s, 10000.0));
  }
  [[nodiscard]] int nearest(const Vec3&, double) const override { return gone ? -1 : 0; }
  [[nodiscard]] bool present(int) const override { return !gone; }
  [[nodiscard]] Vec3 position_at(int, double t_s) const override { return at(t_s); }
  [[nodiscard]] EntityIndex entity(int) const override { return 7; }
  [[nodiscard]] double rcs_m2(int, const Vec3&, double, double) const override { return 1.0; }
  [[nodiscard]] double span_m(int) const override { return 10.0; }
  [[nodiscard]] double vulnerable_area_m2(int) const override { return 2.0; }
  [[nodiscard]] double vulnerability(int) const override { return 1.0; }
  [[nodiscard]] bool friendly(int) const override { return false; }
  void jammers(double, double, std::vector<Jammer>& out) const override { out.clear(); }
  [[nodiscard]] double own_jam_density_w_hz(int, double) const override { return 0.0; }
  [[nodiscard]] bool in_sight(const Vec3&, const Vec3&) const override { return true; }
  [[nodiscard]] double illuminator_range_m(int, const Vec3& p_m, double) const override {
    return (p_m - kSite.point_to_ecef(Vec3::Zero())).norm();
  }
  [[nodiscard]] bool lit(int, const Vec3&) const override { return true; }
};

struct Fixture {
  core::Engine engine{1, 0};
  core::EntityTable entities;
  OneTarget scene;
  std::vector<MissileType> missiles{sketch()};
  std::vector<LauncherStatus> status;
  std::vector<LaunchAborted> aborted;
  std::vector<Fired> fired;
  std::vector<Intercept> bursts;
  std::vector<ShotEnded> ended;
  std::vector<Reloaded> reloads;
  std::optional<Battery> battery;
  explicit Fixture(int rounds, int reloads_left = 0) {
    entities.add({"tel", core::EntityKind::kSite, "launcher"});
    LauncherSpec l;
    l.site = 0;
    l.site_id = "tel";
    l.rounds = rounds;
    l.capacity = 4;
    l.reloads = reloads_left;
    l.reload_s = 600.0;
    l.position_m = kSite.point_to_ecef(Vec3::Zero());
    battery.emplace(engine, entities, scene, BatterySettings{false, 1.0}, missiles, std::vector{l});
    engine.subscribe<Commit>(*battery);
    engine.subscribe<Uncommit>(*battery);
    engine.subscribe<Launch>(*battery);
    engine.subscribe<core::SiteDestroyed>(*battery);
    engine.subscribe_fn<LauncherStatus>([this](const LauncherStatus& m) { status.push_back(m); });
    engine.subscribe_fn<LaunchAborted>([this](const LaunchAborted& m) { aborted.push_back(m); });
    engine.subscribe_fn<Fired>([this](const Fired& m) { fired.push_back(m); });
    engine.subscribe_fn<Intercept>([this](const Intercept& m) { bursts.push_back(m); });
    engine.subscribe_fn<ShotEnded>([this](const ShotEnded& m) { ended.push_back(m); });
    engine.subscribe_fn<Reloaded>([this](const Reloaded& m) { reloads.push_back(m); });
  }
  /// The fire control's estimate of the target at `t_s`: where it is, as it moves.
  [[nodiscard]] TargetEstimate estimate(double t_s) const {
    return {scene.at(t_s), kSite.vector_to_ecef(Vec3(0.0, -250.0, 0.0)), t_s};
  }
};

// A committed round leaves on its launch order, flies on the estimate, its seeker takes over and
// the warhead bursts within the fuze radius; the shot is in the ledger with the track and its cost.
TEST(Battery, ALaunchFliesToABurstAndTheShotIsInTheLedger) {
  Fixture f(4);
  f.engine.publish(Commit{0, 1, 14.0});
  ASSERT_EQ(f.status.size(), 1u);
  EXPECT_EQ(f.status[0].rounds, 3);
  EXPECT_DOUBLE_EQ(f.status[0].ready_s, 14.0);
  f.engine.publish(Launch{42, 0, 3, f.estimate(0.0)});
  ASSERT_EQ(f.fired.size(), 1u);
  EXPECT_EQ(f.entities[f.fired[0].interceptor].id, "tel/1");
  f.engine.run_until(200.0);
  ASSERT_EQ(f.bursts.size(), 1u);
  EXPECT_LT(f.bursts[0].miss_m, 30.0);
  EXPECT_EQ(f.bursts[0].target, 7u);
  ASSERT_EQ(f.ended.size(), 1u);
  EXPECT_EQ(f.ended[0].track, 42u);
  EXPECT_EQ(f.ended[0].radar, 3);
  ASSERT_EQ(f.battery->shots().size(), 1u);
  const ShotRecord& shot = f.battery->shots()[0];
  EXPECT_EQ(shot.track, 42u);
  EXPECT_DOUBLE_EQ(shot.cost_usd, 1e6);
  EXPECT_NE(shot.result, ShotResult::kFlying);
  EXPECT_DOUBLE_EQ(shot.miss_m, f.bursts[0].miss_m);
}

// A launcher destroyed between the order and the launch keeps nothing: its rounds are gone, the
// missile due is not fired, and the fire control hears why.
TEST(Battery, ADestroyedLauncherFiresNothingAndSaysSo) {
  Fixture f(4);
  f.engine.publish(Commit{0, 1, 14.0});
  f.engine.publish(core::SiteDestroyed{0});
  EXPECT_EQ(f.status.back().rounds, 0);
  f.engine.publish(Launch{42, 0, 3, f.estimate(0.0)});
  EXPECT_TRUE(f.fired.empty());
  ASSERT_EQ(f.aborted.size(), 1u);
  EXPECT_EQ(f.aborted[0].track, 42u);
  EXPECT_TRUE(f.battery->shots().empty());
}

// The last round fired calls the transloader; after the reload time the launcher holds what its
// tubes take of what is left.
TEST(Battery, AnEmptyLauncherIsReloadedAfterItsReloadTime) {
  Fixture f(1, 6);
  f.engine.publish(Commit{0, 1, 0.0});
  f.engine.publish(Launch{1, 0, 0, f.estimate(0.0)});
  f.engine.run_until(599.0);
  EXPECT_TRUE(f.reloads.empty());
  f.engine.run_until(601.0);
  ASSERT_EQ(f.reloads.size(), 1u);
  EXPECT_EQ(f.reloads[0].rounds, 4u);
  EXPECT_EQ(f.status.back().rounds, 4);
}

}  // namespace
}  // namespace opensam::weapons
