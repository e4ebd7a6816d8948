#include "opensam/core/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace opensam::core {
namespace {

// Known-answer test from Random123's kat_vectors (D. E. Shaw Research, Random123 1.14):
// philox4x64 10 rounds, counter 0 and key 0.
TEST(Philox, MatchesRandom123KnownAnswer) {
  const auto out = RngStream::philox4x64_10({0, 0, 0, 0}, {0, 0});
  EXPECT_EQ(out[0], 0x16554d9eca36314cULL);
  EXPECT_EQ(out[1], 0xdb20fe9d672d0fdcULL);
  EXPECT_EQ(out[2], 0xd7e772cee186176bULL);
  EXPECT_EQ(out[3], 0x7e68b68aec7ba23bULL);
}

// FNV-1a 64 test vectors (draft-eastlake-fnv): "" -> cbf29ce484222325, "a" -> af63dc4c8601ec8c.
TEST(StreamId, IsFnv1a64) {
  EXPECT_EQ(stream_id(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(stream_id("a"), 0xaf63dc4c8601ec8cULL);
}

std::vector<double> draws(RngStream s, int n) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(s.uniform());
  return out;
}

TEST(RngStream, SameKeyGivesSameDraws) {
  EXPECT_EQ(draws(RngStream(7, 3, "threat/cm-1/start"), 100),
            draws(RngStream(7, 3, "threat/cm-1/start"), 100));
}

TEST(RngStream, SeedReplicateAndNameEachChangeTheDraws) {
  const auto base = draws(RngStream(7, 3, "a"), 8);
  EXPECT_NE(base, draws(RngStream(8, 3, "a"), 8));
  EXPECT_NE(base, draws(RngStream(7, 4, "a"), 8));
  EXPECT_NE(base, draws(RngStream(7, 3, "b"), 8));
}

// Streams are keyed by name, not by creation order: a world with one more entity gives the
// other entities exactly the draws they had.
TEST(RngStream, AddingAnEntityLeavesOtherDrawsUnchanged) {
  auto world = [](const std::vector<std::string>& ids) {
    std::vector<std::vector<double>> out;
    for (const auto& id : ids) out.push_back(draws(RngStream(1, 0, "threat/" + id + "/start"), 5));
    return out;
  };
  const auto two = world({"a", "b"});
  const auto three = world({"a", "new", "b"});
  EXPECT_EQ(two[0], three[0]);
  EXPECT_EQ(two[1], three[2]);
}

// Moments of U[0,1): mean 1/2, variance 1/12; of N(0,1): 0 and 1. With 200,000 draws the
// standard errors are about 6.5e-4 and 2.2e-3: the tolerances are five of them.
TEST(RngStream, UniformAndNormalHaveTheRightMoments) {
  RngStream s(2026, 0, "moments");
  const int n = 200000;
  double sum = 0, sum2 = 0, nsum = 0, nsum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum2 += u * u;
    const double z = s.normal();
    nsum += z;
    nsum2 += z * z;
  }
  const double mean = sum / n;
  EXPECT_NEAR(mean, 0.5, 5 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(sum2 / n - mean * mean, 1.0 / 12, 8.5e-4);  // sd of the estimate: 1.7e-4
  EXPECT_NEAR(nsum / n, 0.0, 5 / std::sqrt(double(n)));
  EXPECT_NEAR(nsum2 / n, 1.0, 5 * std::sqrt(2.0 / n));
}

}  // namespace
}  // namespace opensam::core
