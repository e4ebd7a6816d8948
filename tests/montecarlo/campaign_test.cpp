// Campaigns: the same numbers on any thread count and after a resume; the interval target.
#include "opensam/montecarlo/campaign.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "opensam/core/version.hpp"
#include "opensam/montecarlo/summary.hpp"

namespace opensam::montecarlo {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = OPENSAM_TEST_SOURCE_DIR;

struct Fixture {
  std::vector<PreparedPoint> points;
  CampaignInfo info;
};

/// examples/iff.yaml at two sweep points (engagement doctrine).
Fixture iff() {
  Fixture f;
  const std::string file = (kSource / "examples/iff.yaml").string();
  for (const char* doctrine : {"shoot_look_shoot", "shoot_shoot"}) {
    scenario::LoadResult r = scenario::load(file, {{"defence.doctrine", doctrine, "test"}});
    EXPECT_TRUE(r.ok()) << r.errors.str();
    PreparedPoint p;
    p.scenario = std::make_unique<const scenario::Scenario>(std::move(r.scenario));
    p.prepared = std::make_unique<const sim::Prepared>(*p.scenario);
    f.info.points.push_back(SweepPoint{{{"defence.doctrine", doctrine}}});
    f.points.push_back(std::move(p));
  }
  const scenario::Scenario& sc = *f.points[0].scenario;
  f.info.version = core::kVersion;
  f.info.scenario_name = sc.name;
  f.info.scenario_hash = scenario_fingerprint(sc);
  f.info.seed = 11;
  for (const auto& t : sc.threats) {
    f.info.threat_ids.push_back(t.id);
    f.info.threat_types.push_back(t.type);
    f.info.threat_friendly.push_back(t.friendly);
  }
  return f;
}

class CampaignTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() /
        ("opensam-campaign-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
         "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string store(const char* name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

std::string stats_json(const Store& s) { return to_json(summarise(s.info(), s.read())).dump(); }

TEST_F(CampaignTest, GivesTheSameNumbersOnOneAndTwoThreadsAndAfterAResume) {
  const Fixture f = iff();
  LocalTransport local;
  CampaignOptions o;
  o.seed = f.info.seed;
  o.first = 0;
  o.last = 24;
  o.round = 10;

  Store one = Store::create(store("one.sqlite"), f.info);
  o.threads = 1;
  const CampaignOutcome a = run_campaign(f.points, &one, o, local);
  EXPECT_EQ(a.ran, 48u);

  Store two = Store::create(store("two.sqlite"), f.info);
  o.threads = 2;
  (void)run_campaign(f.points, &two, o, local);

  // A campaign that stopped after replicate 7, then resumed.
  Store resumed = Store::create(store("resumed.sqlite"), f.info);
  CampaignOptions part = o;
  part.last = 7;
  (void)run_campaign(f.points, &resumed, part, local);
  const CampaignOutcome rest = run_campaign(f.points, &resumed, o, local);
  EXPECT_EQ(rest.already, 14u);
  EXPECT_EQ(rest.ran, 34u);

  const std::string expected = stats_json(one);
  EXPECT_EQ(stats_json(two), expected);
  EXPECT_EQ(stats_json(resumed), expected);
  // The replicates differ from one another (the draws are live) but not between runs.
  const auto records = one.read();
  bool varies = false;
  for (const auto& r : records)
    varies |= r.interceptors != records[0].interceptors || r.killed != records[0].killed;
  EXPECT_TRUE(varies);
}

TEST_F(CampaignTest, ItemsRunInAnyOrderGiveTheSameRecords) {
  const Fixture f = iff();
  const std::vector<WorkItem> forward{{0, 3}, {1, 3}, {0, 4}};
  const std::vector<WorkItem> backward{{0, 4}, {1, 3}, {0, 3}};
  const auto a = run_items(f.points, 11, forward, 2, nullptr);
  const auto b = run_items(f.points, 11, backward, 1, nullptr);
  ASSERT_TRUE(a[0] && b[2]);
  EXPECT_EQ(to_bytes({*a[0]}), to_bytes({*b[2]}));
  EXPECT_EQ(to_bytes({*a[2]}), to_bytes({*b[0]}));
}

TEST_F(CampaignTest, StopsAtTheFirstRoundThatMeetsTheIntervalTarget) {
  const Fixture f = iff();
  LocalTransport local;
  Store s = Store::create(store("ci.sqlite"), f.info);
  CampaignOptions o;
  o.seed = f.info.seed;
  o.last = 400;
  o.round = 20;
  o.threads = 2;
  o.ci_target = 0.2;
  const CampaignOutcome out = run_campaign(f.points, &s, o, local);
  EXPECT_TRUE(out.target_met);
  const std::uint64_t per_point = out.ran / 2;
  EXPECT_EQ(per_point % 20, 0u);
  EXPECT_LT(per_point, 400u);
  const CampaignStats stats = summarise(s.info(), s.read());
  EXPECT_LT(stats.widest_half_width(), 0.2);
  // One round fewer would not have met it.
  std::vector<ReplicateRecord> fewer;
  for (const auto& r : s.read())
    if (r.replicate + 20 < per_point) fewer.push_back(r);
  EXPECT_GE(summarise(s.info(), fewer).widest_half_width(), 0.2);
}

TEST_F(CampaignTest, AnInterruptedCampaignStoresWhatItFinished) {
  const Fixture f = iff();
  LocalTransport local;
  Store s = Store::create(store("stop.sqlite"), f.info);
  std::atomic<bool> stop{true};
  CampaignOptions o;
  o.seed = f.info.seed;
  o.last = 10;
  o.interrupt = &stop;
  const CampaignOutcome out = run_campaign(f.points, &s, o, local);
  EXPECT_TRUE(out.interrupted);
  EXPECT_EQ(out.ran, 0u);
  EXPECT_TRUE(s.stored().empty());
}

}  // namespace
}  // namespace opensam::montecarlo
