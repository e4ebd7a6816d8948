// The missile data as shipped, flown by the flyout model: each type's computed envelope
// reproduces its published maximum range, altitude, peak speed and minimum range within 10 %
// (reference data section 3: peak speeds about 1,900 m/s for the 48N6E and 48N6E2, 2,000 for
// the 48N6E3, 900 and 1,000 for the 9M96E and 9M96E2). Published figures and their sources
// are in data/systems/s400/<type>.yaml: FAS / ausairpower.net for the 48N6E and 48N6E2, the
// 2011 Russian MoD statement for the 48N6E3, Sputnik Brasil 2018 for the 40N6E, the standard
// references for the 9M96 family. The target: 10 km (1 km for the minimum range), 250 m/s,
// non-manoeuvring.
#include "opensam/weapons/envelope.hpp"

#include <gtest/gtest.h>

#include <numbers>
#include <string>

#include "opensam/scenario/scenario.hpp"

namespace opensam::weapons {
namespace {

MissileType load(const std::string& name) {
  const auto r = scenario::load_site_type("s400/" + name, "test");
  EXPECT_TRUE(r.errors.empty()) << r.errors.str();
  EXPECT_TRUE(r.site.has_value());
  return r.site->missile.missile;
}

class PublishedEnvelope : public ::testing::TestWithParam<const char*> {};

TEST_P(PublishedEnvelope, MaximumRangeAltitudeAndPeakSpeedWithinTenPercent) {
  const MissileType m = load(GetParam());
  EnvelopeRequest req;
  req.aspect_step_rad = std::numbers::pi;  // head-on and straight away only
  const Envelope env = compute_envelope(m.flight, req);
  EXPECT_NEAR(env.max_range_m, m.max_range_m, 0.1 * m.max_range_m) << GetParam();
  EXPECT_NEAR(env.max_altitude_m, m.max_altitude_m, 0.1 * m.max_altitude_m) << GetParam();
  if (std::string(GetParam()) != "40N6E") {  // no published speed
    ASSERT_GT(m.max_speed_mps, 0.0) << GetParam();
    EXPECT_NEAR(env.peak_speed_mps, m.max_speed_mps, 0.1 * m.max_speed_mps) << GetParam();
  }
  // A target flying away is caught nearer than one coming head-on.
  EXPECT_LT(env.no_escape_range_m, env.max_range_m);
}

// The published minimum ranges (reference data section 3: 1 km for the 9M96E and 9M96E2,
// 5 km for the 48N6E, 6 km for the 48N6E2, 5 km for the 48N6E3; the 40N6E's is not published
// and its data assumes the 48N6E's), measured against a low target: head-on at 1 km, 250 m/s.
// They come from the turn-over after the vertical launch, the guidance's convergence and the
// fuze's arming time.
TEST_P(PublishedEnvelope, MinimumRangeWithinTenPercent) {
  const MissileType m = load(GetParam());
  EnvelopeRequest req;
  req.target_altitude_m = 1000.0;
  req.aspect_step_rad = std::numbers::pi;
  const Envelope env = compute_envelope(m.flight, req);
  ASSERT_GT(m.min_range_m, 0.0) << GetParam();
  EXPECT_NEAR(env.min_range_m, m.min_range_m, 0.1 * m.min_range_m) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(S400, PublishedEnvelope,
                         ::testing::Values("40N6E", "48N6E", "48N6E2", "48N6E3", "9M96E", "9M96E2"));

// A shot inside the envelope hits, and the intercept is where the collision triangle puts it:
// a 250 m/s target 100 km out head-on meets a missile averaging v_m at 100 km * v_m / (v_m + 250).
TEST(Envelope, AShotInsideTheEnvelopeMeetsTheTargetOnItsPath) {
  const MissileType m = load("48N6E2");
  const Shot s = fly_shot(m.flight, 10000.0, 250.0, 100e3, 0.0);
  ASSERT_TRUE(s.hit);
  EXPECT_LT(s.miss_m, m.flight.warhead.fuze_range_m);
  EXPECT_NEAR(s.intercept_altitude_m, 10000.0, 50.0);
  // The target flew 250 m/s for the time of flight: the rest is the missile's ground range.
  EXPECT_NEAR(s.intercept_range_m, 100e3 - 250.0 * s.time_of_flight_s, 300.0);
}

// Out of reach: the missile's energy is spent before it gets there.
TEST(Envelope, AShotBeyondTheEnvelopeMisses) {
  const MissileType m = load("9M96E");
  EXPECT_FALSE(fly_shot(m.flight, 10000.0, 250.0, 150e3, 0.0).hit);
}

}  // namespace
}  // namespace opensam::weapons
