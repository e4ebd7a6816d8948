// The command post on small cases worked by hand: the assignment under one fire channel goes
// to the track worth more (the weapon-target assignment maximises expected value destroyed,
// Hosein & Athans 1990, solved exactly here by the tracker's Jonker-Volgenant solver), the
// rules of engagement and IFF hold fire with their reasons, and the kill assessment judges a
// track by whether it was measured after the burst.
#include "opensam/c2/command_post.hpp"

#include <gtest/gtest.h>

#include "opensam/geo/frames.hpp"
#include "opensam/scenario/scenario.hpp"

namespace opensam::c2 {
namespace {

const geo::Lla kSite{45.0, 30.0, 0.0};

/// A point `east_m`, `north_m` from the site at `up_m`, in ECEF.
Vec3 at(double east_m, double north_m, double up_m) {
  return geo::lla_to_ecef(kSite) +
         geo::enu_to_ecef_rotation(kSite.lat_deg, kSite.lon_deg) * Vec3(east_m, north_m, up_m);
}
Vec3 heading(double east_mps, double north_mps) {
  return geo::enu_to_ecef_rotation(kSite.lat_deg, kSite.lon_deg) * Vec3(east_mps, north_mps, 0.0);
}

weapons::MissileType missile() {
  const auto t = scenario::load_site_type("s400/48N6E3", "--missile");
  EXPECT_TRUE(t.site.has_value()) << t.errors.str();
  return t.site->missile.missile;
}

CommandPost post(Settings s, int fire_channels) {
  return CommandPost(std::move(s), {missile()}, {{at(0, 0, 0), 3000.0}},
                     {{at(0, 0, 20), 0, fire_channels, 2 * fire_channels, true}});
}

// A cruise missile 60 km south, low, straight at the asset; an aircraft 60 km east at 8 km
// flying north, past everything.
TrackView cruise_missile() {
  return {.id = 1,
          .position_m = at(0, -60000, 50),
          .velocity_mps = heading(0, 250),
          .altitude_m = 50,
          .height_m = 50,
          .sigma_m = 50,
          .updated_s = 0.0,
          .held_by = 1};
}
TrackView aircraft() {
  return {.id = 2,
          .position_m = at(60000, 0, 8000),
          .velocity_mps = heading(0, 250),
          .altitude_m = 8000,
          .height_m = 8000,
          .sigma_m = 50,
          .updated_s = 0.0,
          .held_by = 1};
}
const std::vector<LauncherUnit> kLauncher{{at(500, 0, 0), 0, 0, 4, 0.0, 10.0}};

TEST(CommandPost, OneFireChannelGoesToTheTrackWorthMore) {
  CommandPost cp = post({}, 1);
  const Decisions& d = cp.decide(0.0, {aircraft(), cruise_missile()}, {false, false}, kLauncher);
  ASSERT_EQ(d.identified.size(), 2u);
  EXPECT_EQ(d.identified[1].type, TrackClass::kCruiseMissile);
  EXPECT_EQ(d.identified[0].type, TrackClass::kAircraft);
  EXPECT_GT(d.identified[1].value, d.identified[0].value);
  ASSERT_EQ(d.orders.size(), 1u);
  EXPECT_EQ(d.orders[0].track, 1u);
  EXPECT_EQ(d.orders[0].missiles, 1);
  ASSERT_EQ(d.not_engaged.size(), 1u);
  EXPECT_EQ(d.not_engaged[0].track, 2u);
}

TEST(CommandPost, HoldFireAndFriendsAreReportedWithTheirReason) {
  Settings hold;
  hold.roe = Roe::kHold;
  CommandPost held = post(hold, 4);
  const Decisions& h = held.decide(0.0, {cruise_missile()}, {false}, kLauncher);
  EXPECT_TRUE(h.orders.empty());
  ASSERT_EQ(h.not_engaged.size(), 1u);
  EXPECT_EQ(h.not_engaged[0].reason, Reason::kRoe);

  CommandPost free = post({}, 4);
  const Decisions& f = free.decide(0.0, {aircraft(), cruise_missile()}, {true, false}, kLauncher);
  ASSERT_EQ(f.orders.size(), 1u);
  EXPECT_EQ(f.orders[0].track, 1u);
  ASSERT_EQ(f.not_engaged.size(), 1u);
  EXPECT_EQ(f.not_engaged[0].track, 2u);
  EXPECT_EQ(f.not_engaged[0].reason, Reason::kFriend);
  // Reported once, not every cycle.
  EXPECT_TRUE(free.decide(1.0, {aircraft()}, {true}, kLauncher).not_engaged.empty());
}

TEST(CommandPost, KillAssessmentJudgesByMeasurementsAfterTheBurst) {
  CommandPost cp = post({}, 4);
  ASSERT_EQ(cp.decide(0.0, {cruise_missile()}, {false}, kLauncher).orders.size(), 1u);
  cp.missile_ended(1, 0, 60.0);
  // Within the assessment time: no judgement, no second missile.
  TrackView t = cruise_missile();
  t.updated_s = 61.0;
  const Decisions& wait = cp.decide(62.0, {t}, {false}, kLauncher);
  EXPECT_TRUE(wait.assessments.empty());
  EXPECT_TRUE(wait.orders.empty());
  // Measured after the burst: missed, and engaged again.
  const Decisions& missed = cp.decide(66.0, {t}, {false}, kLauncher);
  ASSERT_EQ(missed.assessments.size(), 1u);
  EXPECT_FALSE(missed.assessments[0].killed);
  ASSERT_EQ(missed.orders.size(), 1u);
  EXPECT_TRUE(missed.orders[0].reengagement);

  // A second engagement whose track is never measured after the burst: killed, even though
  // the track is still in the picture (coasting).
  cp.missile_ended(1, 0, 100.0);
  const Decisions& killed = cp.decide(106.0, {t}, {false}, kLauncher);
  ASSERT_EQ(killed.assessments.size(), 1u);
  EXPECT_TRUE(killed.assessments[0].killed);
  EXPECT_TRUE(killed.orders.empty());
}

}  // namespace
}  // namespace opensam::c2
