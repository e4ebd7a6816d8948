// The DIS link: when it sends Entity State (IEEE 1278.1-2012 Table 25 thresholds and heartbeat,
// annex E dead reckoning), its receive path (entity states of others, detonations on our sites,
// simulation management, the rate limit) and the orientation it sends (annex B).
#include "opensam/dis/link.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <Eigen/Geometry>
#include <cmath>
#include <numbers>

#include "opensam/geo/frames.hpp"

namespace opensam::dis {
namespace {

const scenario::Scenario& demo() {
  static const scenario::Scenario sc = [] {
    auto r = scenario::load(std::string(OPENSAM_TEST_SOURCE_DIR) + "/examples/demo.yaml");
    EXPECT_TRUE(r.ok()) << r.errors.str();
    return r.scenario;
  }();
  return sc;
}

EntityState aircraft(std::uint16_t entity) {
  EntityState p;
  p.header.exercise = 1;
  p.id = {7, 8, entity};
  p.force = kForceOpposing;
  p.type = {1, 2, 225, 1, 0, 0, 0};
  const geo::Vec3 where = geo::lla_to_ecef({40.5, 32.5, 8000.0});
  p.location_m = {where.x(), where.y(), where.z()};
  p.velocity_mps = {10.0F, 20.0F, 30.0F};
  p.dr_algorithm = kDrFpw;
  return p;
}

TEST(DisLink, AnAircraftsEntityStateBecomesAReport) {
  Link link(demo(), {});
  sim::Inbound in;
  link.receive(encode(aircraft(5)), 12.0, in);
  ASSERT_EQ(in.reports.size(), 1U);
  EXPECT_EQ(in.reports[0].name, "dis-7.8.5");
  EXPECT_DOUBLE_EQ(in.reports[0].time_s, 12.0);
  EXPECT_NEAR((in.reports[0].position_ecef_m - geo::lla_to_ecef({40.5, 32.5, 8000.0})).norm(), 0.0, 1e-6);
  EXPECT_DOUBLE_EQ(in.reports[0].velocity_ecef_mps.y(), 20.0);
  EXPECT_EQ(in.reports[0].acceleration_ecef_mps2.norm(), 0.0);  // FPW: no acceleration
  EXPECT_EQ(link.stats().entities_in, 1U);
  // Its next state is the same entity.
  link.receive(encode(aircraft(5)), 13.0, in);
  EXPECT_EQ(link.stats().entities_in, 1U);
  EXPECT_EQ(in.reports.size(), 2U);
  EXPECT_EQ(in.reports[0].key, in.reports[1].key);
}

TEST(DisLink, OursOtherExercisesAndGroundVehiclesAreNotThreats) {
  Link link(demo(), {});
  sim::Inbound in;
  EntityState own = aircraft(1);
  own.id = {1, 1, 1};  // our site and application
  link.receive(encode(own), 0.0, in);
  EntityState other = aircraft(2);
  other.header.exercise = 2;
  link.receive(encode(other), 0.0, in);
  EntityState tank = aircraft(3);
  tank.type = {1, 1, 225, 1, 1, 0, 0};  // land
  link.receive(encode(tank), 0.0, in);
  EXPECT_TRUE(in.reports.empty());
  EXPECT_EQ(link.stats().own, 1U);
  EXPECT_EQ(link.stats().other_exercise, 1U);
  EXPECT_EQ(link.stats().ignored, 1U);
}

TEST(DisLink, ADestroyedOrDeactivatedEntityLeaves) {
  Link link(demo(), {});
  sim::Inbound in;
  link.receive(encode(aircraft(5)), 0.0, in);
  EntityState gone = aircraft(5);
  gone.appearance = 1u << 23;
  link.receive(encode(gone), 1.0, in);
  ASSERT_EQ(in.timed_out.size(), 1U);
  EXPECT_EQ(in.timed_out[0], in.reports[0].key);
}

TEST(DisLink, NewEntitiesPastTheLimitAreCounted) {
  LinkOptions o;
  o.max_entities = 2;
  Link link(demo(), o);
  sim::Inbound in;
  for (std::uint16_t e = 1; e <= 4; ++e) link.receive(encode(aircraft(e)), 0.0, in);
  EXPECT_EQ(in.reports.size(), 2U);
  EXPECT_EQ(link.stats().entity_limit, 2U);
}

TEST(DisLink, ADetonationOnOneOfOurSitesIsAStrike) {
  Link link(demo(), {});
  sim::Inbound in;
  Detonation arm;
  arm.firing = {7, 8, 90};
  arm.target = {1, 1, 3};  // our third site
  arm.result = kResultEntityImpact;
  link.receive(encode(arm), 5.0, in);
  ASSERT_EQ(in.strikes.size(), 1U);
  EXPECT_EQ(in.strikes[0], 2U);
  Detonation dud = arm;
  dud.result = 6;
  link.receive(encode(dud), 5.0, in);
  Detonation elsewhere = arm;
  elsewhere.target = {1, 1, 999};  // no such site
  link.receive(encode(elsewhere), 5.0, in);
  EXPECT_EQ(in.strikes.size(), 1U);
  EXPECT_EQ(link.stats().strikes, 1U);
}

TEST(DisLink, StopFreezeWithTerminationEndsTheRun) {
  Link link(demo(), {});
  sim::Inbound in;
  EXPECT_TRUE(link.poll(0.0, in));
  StopFreeze stop;
  stop.originating = {7, 8, 0xffff};
  stop.reason = 2;
  link.receive(encode(stop), 1.0, in);
  EXPECT_FALSE(link.poll(1.0, in));
  EXPECT_EQ(link.stats().stop_freeze, 1U);
  EXPECT_EQ(link.stats().sent_other, 1U);  // the Acknowledge
}

// Stop/Freeze with another reason than termination (1, recess) freezes and does not end the
// run; Start/Resume resumes it. Both are acknowledged (SISO-REF-010 acknowledge flags 4 and 3).
TEST(DisLink, FreezeAndResumeAreAcknowledged) {
  Link link(demo(), {});
  sim::Inbound in;
  StopFreeze freeze;
  freeze.originating = {7, 8, 0xffff};
  freeze.reason = 1;
  link.receive(encode(freeze), 1.0, in);
  EXPECT_TRUE(link.poll(1.0, in));
  StartResume resume;
  resume.originating = {7, 8, 0xffff};
  link.receive(encode(resume), 2.0, in);
  EXPECT_TRUE(link.poll(2.0, in));
  EXPECT_EQ(link.stats().stop_freeze, 1U);
  EXPECT_EQ(link.stats().start_resume, 1U);
  EXPECT_EQ(link.stats().sent_other, 2U);
}

TEST(DisLink, HostileDatagramsAreCountedByReason) {
  Link link(demo(), {});
  sim::Inbound in;
  auto b = encode(aircraft(5));
  auto v = b;
  v[0] = 9;
  link.receive(v, 0.0, in);
  link.receive(std::span(b.data(), 20), 0.0, in);
  auto lying = b;
  lying[9] = 100;
  link.receive(lying, 0.0, in);
  EXPECT_EQ(link.stats().rejected[std::size_t(Reject::kVersion)], 1U);
  EXPECT_EQ(link.stats().rejected[std::size_t(Reject::kTruncated)], 1U);
  EXPECT_EQ(link.stats().rejected[std::size_t(Reject::kLengthMismatch)], 1U);
  EXPECT_EQ(link.stats().rejected_total(), 3U);
  EXPECT_TRUE(in.reports.empty());
}

// IEEE 1278.1-2012, annex B: rotating ECEF by psi about z, theta about y', phi about x'' gives
// the body axes. Rebuilding the body x axis from the angles must give the velocity's direction
// and the body z axis the local down (wings level).
TEST(DisLink, OrientationRebuildsTheBodyAxes) {
  for (const auto& [lat, lon, heading_deg, climb_deg] : std::vector<std::array<double, 4>>{
           {0, 0, 0, 0}, {0, 0, 90, 0}, {40, 32.5, 135, 10}, {-33, 151, 270, -5}}) {
    const geo::Vec3 p = geo::lla_to_ecef({lat, lon, 5000.0});
    const Eigen::Matrix3d enu = geo::enu_to_ecef_rotation(lat, lon);
    const double h = heading_deg * std::numbers::pi / 180.0, c = climb_deg * std::numbers::pi / 180.0;
    const geo::Vec3 v =
        enu * geo::Vec3(std::sin(h) * std::cos(c), std::cos(h) * std::cos(c), std::sin(c)) * 250.0;
    const Vec3f o = orientation_of({p.x(), p.y(), p.z()}, {v.x(), v.y(), v.z()});
    const double psi = o[0], theta = o[1], phi = o[2];
    const geo::Vec3 x(std::cos(theta) * std::cos(psi), std::cos(theta) * std::sin(psi), -std::sin(theta));
    EXPECT_NEAR((x - v.normalized()).norm(), 0.0, 1e-6) << lat << " " << lon << " " << heading_deg;
    // Body z: third row of Rx(phi) Ry(theta) Rz(psi).
    const geo::Vec3 z(std::cos(phi) * std::sin(theta) * std::cos(psi) + std::sin(phi) * std::sin(psi),
                      std::cos(phi) * std::sin(theta) * std::sin(psi) - std::sin(phi) * std::cos(psi),
                      std::cos(phi) * std::cos(theta));
    const geo::Vec3 down = -enu.col(2);
    // Wings level: z lies in the vertical plane of x, below the horizon.
    EXPECT_NEAR(z.dot(enu.col(2).cross(x).normalized()), 0.0, 1e-6);
    EXPECT_GT(z.dot(down), 0.9);
  }
}

/// Entity States the link sends for one threat flying 20 s at `speed_mps` with a constant turn
/// rate, checked every 0.1 s as a run does.
std::uint64_t entity_states_of_a_turn(double speed_mps, double turn_rps) {
  Link link(demo(), {});
  const std::string name = "f16-1", type = "f16c";
  const double lat = 40.3, lon = 32.5;
  const geo::Vec3 start = geo::lla_to_ecef({lat, lon, 8000.0});
  const Eigen::Matrix3d enu = geo::enu_to_ecef_rotation(lat, lon);
  for (int k = 0; k <= 200; ++k) {
    const double t = k * 0.1;
    const double r = turn_rps > 0.0 ? speed_mps / turn_rps : 0.0;
    const double a = turn_rps * t;
    const geo::Vec3 p = turn_rps > 0.0 ? geo::Vec3(r * (1.0 - std::cos(a)), r * std::sin(a), 0.0)
                                       : geo::Vec3(0.0, speed_mps * t, 0.0);
    const geo::Vec3 v = speed_mps * geo::Vec3(std::sin(a), std::cos(a), 0.0);
    // Entity 13 is the demo's second threat (after 11 sites, 1 asset and the jammer).
    const sim::MoverState m{13, sim::EntityKind::kThreat, &name, &type, start + enu * p, enu * v, true};
    link.on_movers(t, std::span(&m, 1));
  }
  return link.stats().sent_entity_state;
}

// IEEE 1278.1-2012, Table 25 (heartbeat 5 s, position threshold 1 m, orientation threshold
// 3 deg) with first-order dead reckoning (annex E, FPW). Straight and level: only heartbeats,
// at 0, 5, 10, 15 and 20 s. A turn at 250 m/s and 0.1 rad/s (a = 25 m/s2): the error 1/2 a t^2
// reaches 1 m after sqrt(2 / a) = 0.28 s, so one every 0.3 s of checks. A turn at 20 m/s and
// 0.3 rad/s: the heading passes 3 deg after 0.17 s, before the 1 m (0.58 s): one every 0.2 s.
TEST(DisLink, EntityStatesGoOutAtTheThresholdsAndTheHeartbeat) {
  EXPECT_EQ(entity_states_of_a_turn(250.0, 0.0), 5U);
  const double position_s = std::ceil(std::sqrt(2.0 * 1.0 / (250.0 * 0.1)) / 0.1 - 1e-9) * 0.1;
  EXPECT_NEAR(position_s, 0.3, 1e-9);
  EXPECT_EQ(entity_states_of_a_turn(250.0, 0.1), 1U + std::uint64_t(20.0 / position_s + 1e-9));
  const double orientation_s = std::ceil(3.0 * std::numbers::pi / 180.0 / 0.3 / 0.1 - 1e-9) * 0.1;
  EXPECT_NEAR(orientation_s, 0.2, 1e-9);
  EXPECT_EQ(entity_states_of_a_turn(20.0, 0.3), 1U + std::uint64_t(20.0 / orientation_s + 1e-9));
}

// The receive path is a token bucket: a flood of 100 datagrams on the socket, with a burst of 5
// and a refill of 1 per second, decodes 5 and counts the other 95 as rate-limited.
TEST(DisLink, AFloodOnTheSocketIsRateLimited) {
  constexpr std::uint16_t kPort = 39517;
  LinkOptions o;
  o.in = Endpoint{"127.0.0.1", kPort};
  o.rate_limit_pps = 1.0;
  o.rate_burst = 5.0;
  Link link(demo(), o);
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(kPort);
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const std::vector<std::uint8_t> b = encode(aircraft(5));
  for (int i = 0; i < 100; ++i) {
    ASSERT_EQ(::sendto(fd, b.data(), b.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to),
              ssize_t(b.size()));
  }
  ::close(fd);
  sim::Inbound in;
  ASSERT_TRUE(link.poll(0.0, in));
  EXPECT_EQ(link.stats().received, 100U);
  EXPECT_EQ(link.stats().accepted, 5U);
  EXPECT_EQ(link.stats().rate_limited, 95U);
  EXPECT_EQ(link.stats().entities_in, 1U);
  EXPECT_EQ(in.reports.size(), 5U);
}

TEST(DisLink, EndpointsAreParsed) {
  std::string error;
  const auto e = parse_endpoint("127.0.0.1:3000", error);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->host, "127.0.0.1");
  EXPECT_EQ(e->port, 3000);
  EXPECT_FALSE(parse_endpoint("127.0.0.1", error));
  EXPECT_FALSE(parse_endpoint("host:0", error));
  EXPECT_FALSE(parse_endpoint("host:70000", error));
  EXPECT_FALSE(parse_endpoint("host:3x", error));
}

}  // namespace
}  // namespace opensam::dis
