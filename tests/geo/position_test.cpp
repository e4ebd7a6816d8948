#include "opensam/geo/position.hpp"

#include <gtest/gtest.h>

namespace opensam::geo {
namespace {

TEST(ParseLatLon, ReadsHemisphereLetters) {
  const auto p = parse_lat_lon("39.95N 32.69E");
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_DOUBLE_EQ(p.value.lat_deg, 39.95);
  EXPECT_DOUBLE_EQ(p.value.lon_deg, 32.69);
  const auto q = parse_lat_lon("32.69E 39.95S");  // letters decide the order
  ASSERT_TRUE(q.ok);
  EXPECT_DOUBLE_EQ(q.value.lat_deg, -39.95);
  EXPECT_DOUBLE_EQ(q.value.lon_deg, 32.69);
}

TEST(ParseLatLon, ReadsDegreesMinutesSeconds) {
  const auto p = parse_lat_lon("40:38:23N 073:46:44W");
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_NEAR(p.value.lat_deg, 40 + 38 / 60.0 + 23 / 3600.0, 1e-12);
  EXPECT_NEAR(p.value.lon_deg, -(73 + 46 / 60.0 + 44 / 3600.0), 1e-12);
  EXPECT_TRUE(parse_lat_lon("39d57'N, 32d41'24\"E").ok);
}

TEST(ParseLatLon, ExplainsBadInput) {
  EXPECT_EQ(parse_lat_lon("39.95N").error,
            "'39.95N' is not a position: write \"39.95N 32.69E\" or [lat, lon]");
  EXPECT_FALSE(parse_lat_lon("95N 10E").ok);
  EXPECT_FALSE(parse_lat_lon("10N 12N").ok);
  EXPECT_EQ(check_lat_lon(91, 0), "latitude 91 is outside [-90, 90] degrees");
}

}  // namespace
}  // namespace opensam::geo
