#include "opensam/core/text.hpp"

#include <gtest/gtest.h>

#include <array>

namespace opensam::core {
namespace {

// Levenshtein's textbook pair: kitten -> sitting takes 3 edits.
TEST(EditDistance, MatchesTextbookExamples) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("same", "same"), 0u);
  EXPECT_EQ(edit_distance("flaw", "lawn"), 2u);
}

TEST(ClosestMatch, SuggestsOnlyLikelyTypos) {
  const std::array<std::string_view, 3> keys{"position", "altitude", "speed"};
  EXPECT_EQ(closest_match("altitdue", keys), "altitude");
  EXPECT_EQ(closest_match("sped", keys), "speed");
  EXPECT_FALSE(closest_match("colour", keys).has_value());
}

TEST(ParseNumber, AcceptsWholeFiniteNumbersOnly) {
  EXPECT_EQ(parse_number(" 12.5 "), 12.5);
  EXPECT_EQ(parse_number("+3"), 3.0);
  EXPECT_FALSE(parse_number("12x"));
  EXPECT_FALSE(parse_number(""));
  EXPECT_FALSE(parse_number("inf"));
}

}  // namespace
}  // namespace opensam::core
