// The command post on small cases worked by hand: the assignment under one fire channel goes
// to the track worth more (the weapon-target assignment maximises expected value destroyed,
// Hosein & Athans 1990, solved exactly here by the tracker's Jonker-Volgenant solver), the
// rules of engagement and IFF hold fire with their reasons, and the kill assessment judges a
// track by whether it was measured after the burst.
#include "opensam/c2/command_post.hpp"

#include <gtest/gtest.h>

#include <limits>

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

  // The judgement is a perception: the track, behind a ridge while it was judged, is measured
  // again. It is judged alive after all and engaged again.
  t.updated_s = 130.0;
  const Decisions& back = cp.decide(131.0, {t}, {false}, kLauncher);
  ASSERT_EQ(back.assessments.size(), 1u);
  EXPECT_FALSE(back.assessments[0].killed);
  ASSERT_EQ(back.orders.size(), 1u);
  EXPECT_TRUE(back.orders[0].reengagement);
}

// The published engagement altitudes are heights above the ground under the intercept point
// (the command post's map), not above the ellipsoid: over a 1,000 m plateau a cruise missile
// at 1,008 m is 8 m up, under the 48N6E3's 10 m (reference data section 3), and not engaged;
// at 1,012 m it is.
TEST(CommandPost, EngagementAltitudesAreAboveTheGround) {
  const geo::Terrain plateau(46.0, 29.0, 0.1, 0.1, 20, 20, std::vector<float>(400, 1000.0F));
  // A hovering target 0.2 deg (22 km) south: the intercept is where it is.
  const auto low = [](double up_m) {
    TrackView t = cruise_missile();
    t.position_m = geo::lla_to_ecef({kSite.lat_deg - 0.2, kSite.lon_deg, up_m});
    t.velocity_mps = Vec3::Zero();
    t.altitude_m = up_m;
    t.height_m = up_m - 1000.0;
    return t;
  };
  const std::vector<LauncherUnit> launcher{{at(500, 0, 1000), 0, 0, 4, 0.0, 10.0, 1000.0}};
  CommandPost mapped = post({}, 4);
  mapped.use_map(plateau);
  EXPECT_TRUE(mapped.decide(0.0, {low(1008.0)}, {false}, launcher).orders.empty());
  CommandPost above = post({}, 4);
  above.use_map(plateau);
  EXPECT_EQ(above.decide(0.0, {low(1012.0)}, {false}, launcher).orders.size(), 1u);
  // Without a map the ground is the ellipsoid: 1,008 m is far above it.
  CommandPost flat = post({}, 4);
  EXPECT_EQ(flat.decide(0.0, {low(1008.0)}, {false}, launcher).orders.size(), 1u);
}

// The steps of a cycle on their own (docs/models/c2.md), each against its definition.

// Step 2: the class from kinematics, at each threshold of EvaluationParameters' defaults.
TEST(CommandPost, AJammerHeldOnlyByStrobesIsEngagedWithMissilesThatHomeOnJam) {
  // The aircraft's jammer denies the engagement radar its range: the radar holds its track by
  // strobes alone (the picture's position comes from the crossings of several radars). Its angle
  // can guide a missile whose seeker homes on the jammer (home-on-jam; Schleher, Electronic
  // Warfare in the Information Age, 1999), not one that needs the echo.
  TrackView jammer = aircraft();
  jammer.held_by = 0;
  jammer.strobed_by = 1;
  weapons::MissileType echo = missile();
  echo.flight.seeker.home_on_jam = false;
  CommandPost echo_only(Settings{}, {echo}, {{at(0, 0, 0), 3000.0}}, {{at(0, 0, 20), 0, 4, 8, true}});
  const Decisions& none = echo_only.decide(0.0, {jammer}, {false}, kLauncher);
  EXPECT_TRUE(none.orders.empty());
  ASSERT_EQ(none.not_engaged.size(), 1u);
  EXPECT_EQ(none.not_engaged[0].reason, Reason::kNoFireChannel);

  weapons::MissileType hoj = missile();
  hoj.flight.seeker.home_on_jam = true;
  CommandPost on_jam(Settings{}, {hoj}, {{at(0, 0, 0), 3000.0}}, {{at(0, 0, 20), 0, 4, 8, true}});
  const Decisions& d = on_jam.decide(0.0, {jammer}, {false}, kLauncher);
  ASSERT_EQ(d.orders.size(), 1u);
  EXPECT_TRUE(d.orders[0].on_strobes);
  EXPECT_TRUE(d.orders[0].home_on_jam);
  // A radar that holds the track by its plots as well guides on them.
  jammer.held_by = 1;
  CommandPost both(Settings{}, {hoj}, {{at(0, 0, 0), 3000.0}}, {{at(0, 0, 20), 0, 4, 8, true}});
  const Decisions& b = both.decide(0.0, {jammer}, {false}, kLauncher);
  ASSERT_EQ(b.orders.size(), 1u);
  EXPECT_FALSE(b.orders[0].on_strobes);
  // In flight, the engagement is reported with its missiles' home-on-jam.
  int seen = 0;
  on_jam.for_each_engagement_in_flight([&](std::uint64_t track, int radar, bool home_on_jam) {
    EXPECT_EQ(track, 2u);
    EXPECT_EQ(radar, 0);
    EXPECT_TRUE(home_on_jam);
    ++seen;
  });
  EXPECT_EQ(seen, 1);
}

TEST(CommandPostSteps, ClassifiesByTheDeclaredThresholds) {
  const EvaluationParameters p;
  EXPECT_EQ(classify(1201, 0, 20000, false, p), TrackClass::kBallisticMissile);
  EXPECT_EQ(classify(1199, 0, 20000, false, p), TrackClass::kAircraft);
  EXPECT_EQ(classify(451, 0, 9000, true, p), TrackClass::kAntiRadiation);
  EXPECT_EQ(classify(451, 0, 9000, false, p), TrackClass::kAircraft);
  EXPECT_EQ(classify(801, -301, 9000, false, p), TrackClass::kBallisticMissile);
  EXPECT_EQ(classify(801, -299, 9000, false, p), TrackClass::kAircraft);
  EXPECT_EQ(classify(69, 0, 100, false, p), TrackClass::kDrone);
  EXPECT_EQ(classify(249, 0, 299, false, p), TrackClass::kCruiseMissile);
  EXPECT_EQ(classify(249, 0, 301, false, p), TrackClass::kAircraft);
  EXPECT_EQ(classify(351, 0, 50, false, p), TrackClass::kAircraft);
  // A parameter moves its boundary: a 80 m/s track is a drone when drones fly up to 90 m/s.
  EvaluationParameters slow = p;
  slow.drone_speed_mps = 90.0;
  EXPECT_EQ(classify(80, 0, 100, false, slow), TrackClass::kDrone);
}

// Priority: weight x T / (T + time to asset), or x 0.2 heading for none.
TEST(CommandPostSteps, PriorityIsTheClassWeightTimesUrgency) {
  const EvaluationParameters p;
  EXPECT_DOUBLE_EQ(priority(TrackClass::kCruiseMissile, 600.0, p), 4.0 * 0.5);
  EXPECT_DOUBLE_EQ(priority(TrackClass::kBallisticMissile, 0.0, p), 5.0);
  EXPECT_DOUBLE_EQ(priority(TrackClass::kDrone, 60.0, p), 2.0 * 600.0 / 660.0);
  EXPECT_DOUBLE_EQ(priority(TrackClass::kAircraft, std::numeric_limits<double>::infinity(), p), 3.0 * 0.2);
}

// Step 4: free engages all, tight only what threatens, hold nothing.
TEST(CommandPostSteps, RulesOfEngagementPermitWhatTheySay) {
  Evaluation passing;  // an aircraft heading for no asset
  passing.type = TrackClass::kAircraft;
  passing.time_to_asset_s = std::numeric_limits<double>::infinity();
  Evaluation inbound = passing;
  inbound.time_to_asset_s = 300.0;
  Evaluation drone = passing;
  drone.type = TrackClass::kDrone;
  EXPECT_TRUE(roe_permits(Roe::kFree, passing));
  EXPECT_FALSE(roe_permits(Roe::kTight, passing));
  EXPECT_TRUE(roe_permits(Roe::kTight, inbound));
  EXPECT_TRUE(roe_permits(Roe::kTight, drone));
  EXPECT_FALSE(roe_permits(Roe::kHold, inbound));
}

// Step 6 and the kill estimate: salvos by doctrine; the Carleton function averaged over a
// circular normal miss, R^2 / (R^2 + 2 s^2) (Driels, Weaponeering, ch. 9): R = 10 m, s = 5 m
// gives 100 / 150.
TEST(CommandPostSteps, SalvoAndPlannedKillProbability) {
  EXPECT_EQ(salvo_size(Doctrine::kShootShoot, 4), 2);
  EXPECT_EQ(salvo_size(Doctrine::kShootShoot, 1), 1);
  EXPECT_EQ(salvo_size(Doctrine::kShootLookShoot, 4), 1);
  EXPECT_DOUBLE_EQ(planned_pk(10.0, 5.0), 100.0 / 150.0);
  EXPECT_DOUBLE_EQ(planned_pk(0.0, 5.0), 0.0);
}

// Step 7: with emission control, a track classed anti-radiation silences the radar it heads
// for, once, for arm_silence.
TEST(CommandPostSteps, AnAntiRadiationTrackSilencesItsRadarOnce) {
  Settings s;
  s.emcon_on_arm = true;
  s.arm_silence_s = 60.0;
  CommandPost cp = post(s, 4);
  TrackView arm = cruise_missile();
  arm.position_m = at(0, -40000, 8000);
  arm.velocity_mps = heading(0, 600);  // straight at the radar
  arm.altitude_m = arm.height_m = 8000;
  const Decisions& d = cp.decide(10.0, {arm}, {false}, kLauncher);
  ASSERT_EQ(d.silences.size(), 1u);
  EXPECT_EQ(d.silences[0].radar, 0);
  EXPECT_DOUBLE_EQ(d.silences[0].until_s, 70.0);
  EXPECT_EQ(d.identified[0].type, TrackClass::kAntiRadiation);
  EXPECT_TRUE(cp.decide(11.0, {arm}, {false}, kLauncher).silences.empty());
}

}  // namespace
}  // namespace opensam::c2
