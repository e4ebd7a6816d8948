// The result store, sweeps and scenario overrides.
#include "opensam/montecarlo/store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "opensam/montecarlo/sweep.hpp"

namespace opensam::montecarlo {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = OPENSAM_TEST_SOURCE_DIR;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("opensam-store-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
            "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

CampaignInfo info() {
  CampaignInfo i;
  i.version = "0.1.0";
  i.scenario_name = "s";
  i.scenario_hash = "0123456789abcdef";
  i.seed = 5;
  i.points = {SweepPoint{{{"defence.doctrine", "shoot_shoot"}}},
              SweepPoint{{{"defence.doctrine", "shoot_look_shoot"}}}};
  i.threat_ids = {"a", "b"};
  i.threat_types = {"tomahawk", "f16c"};
  i.threat_friendly = {false, true};
  i.asset_value_usd = 1e9;
  return i;
}

ReplicateRecord record(std::uint32_t point, std::uint64_t replicate) {
  ReplicateRecord r;
  r.point = point;
  r.replicate = replicate;
  r.end_time_s = 100.0 + double(replicate);
  r.hostile = 1;
  r.killed = replicate % 2 == 0;
  r.leaked = 1 - r.killed;
  r.interceptors = 2;
  r.cost_usd = 4e6;
  r.threat_value_killed_usd = r.killed ? 2e6 : 0.0;
  r.first_leak_s = r.leaked ? 90.0 : std::numeric_limits<double>::quiet_NaN();
  r.gospa_mean_m = 123.5;
  r.missed_mean = 0.25;
  r.false_tracks_mean = 0.5;
  r.threats = {
      {r.killed ? sim::Outcome::kKilled : sim::Outcome::kLeaked, 90.0, r.killed ? "s400/48N6E3" : "", 2},
      {sim::Outcome::kNotEngaged, 300.0, "", 0}};
  r.missiles = {{"s400/48N6E3", 2, 4e6}};
  return r;
}

void expect_same(const ReplicateRecord& a, const ReplicateRecord& b) {
  EXPECT_EQ(a.point, b.point);
  EXPECT_EQ(a.replicate, b.replicate);
  EXPECT_EQ(a.killed, b.killed);
  EXPECT_EQ(a.leaked, b.leaked);
  EXPECT_EQ(a.cost_usd, b.cost_usd);
  EXPECT_EQ(std::isnan(a.first_leak_s), std::isnan(b.first_leak_s));
  EXPECT_EQ(a.gospa_mean_m, b.gospa_mean_m);
  ASSERT_EQ(a.threats.size(), b.threats.size());
  for (std::size_t i = 0; i < a.threats.size(); ++i) {
    EXPECT_EQ(a.threats[i].outcome, b.threats[i].outcome);
    EXPECT_EQ(a.threats[i].killed_by, b.threats[i].killed_by);
    EXPECT_EQ(a.threats[i].interceptors, b.threats[i].interceptors);
  }
  ASSERT_EQ(a.missiles.size(), b.missiles.size());
  EXPECT_EQ(a.missiles[0].missile, b.missiles[0].missile);
  EXPECT_EQ(a.missiles[0].fired, b.missiles[0].fired);
}

TEST_F(StoreTest, KeepsWhatWasWrittenAndCountsAReplicateOnce) {
  const std::string path = (dir_ / "c.sqlite").string();
  {
    Store s = Store::create(path, info());
    EXPECT_EQ(s.write({record(0, 0), record(1, 0), record(0, 1)}), 3u);
    EXPECT_EQ(s.write({record(0, 1), record(1, 1)}), 1u);  // (0, 1) is there already
  }
  const Store s = Store::open(path);
  EXPECT_EQ(s.info().mismatch(info()), "");
  EXPECT_EQ(s.info().points[0].label(), "defence.doctrine=shoot_shoot");
  const auto stored = s.stored();
  ASSERT_EQ(stored.size(), 4u);
  EXPECT_EQ(stored[1], (std::pair<std::uint32_t, std::uint64_t>{0, 1}));
  const auto records = s.read();
  ASSERT_EQ(records.size(), 4u);
  expect_same(records[0], record(0, 0));
  expect_same(records[1], record(0, 1));
  expect_same(records[3], record(1, 1));
}

TEST_F(StoreTest, RefusesToCreateOverAFileAndToOpenSomethingElse) {
  const std::string path = (dir_ / "c.sqlite").string();
  std::ofstream(path) << "not a database";
  EXPECT_THROW((void)Store::create(path, info()), StoreError);
  EXPECT_THROW((void)Store::open(path), StoreError);
  EXPECT_THROW((void)Store::open((dir_ / "none.sqlite").string()), StoreError);
  // A store whose campaign table was damaged.
  const std::string damaged = (dir_ / "d.sqlite").string();
  { Store s = Store::create(damaged, info()); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(damaged.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE campaign SET value='x' WHERE key='seed'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  try {
    (void)Store::open(damaged);
    ADD_FAILURE() << "a damaged store opened";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("a damaged campaign store"), std::string::npos) << e.what();
  }
}

TEST(CampaignInfo, NamesTheFirstDifference) {
  CampaignInfo other = info();
  other.seed = 6;
  EXPECT_NE(info().mismatch(other).find("seed 5 against 6"), std::string::npos);
  other = info();
  other.scenario_hash = "ffffffffffffffff";
  EXPECT_NE(info().mismatch(other).find("fingerprint"), std::string::npos);
  other = info();
  other.points.pop_back();
  EXPECT_NE(info().mismatch(other).find("sweep points"), std::string::npos);
  other = info();
  other.version = "9.9.9";
  EXPECT_NE(info().mismatch(other).find("version"), std::string::npos);
}

TEST(Records, SurviveTheTripBetweenProcesses) {
  const std::vector<ReplicateRecord> in{record(0, 3), record(1, 4)};
  const std::vector<ReplicateRecord> out = from_bytes(to_bytes(in));
  ASSERT_EQ(out.size(), 2u);
  expect_same(out[0], in[0]);
  expect_same(out[1], in[1]);
  EXPECT_THROW((void)from_bytes({0xff, 0x00, 0x13}), std::runtime_error);
}

TEST(Sweep, SplitsValuesOutsideBrackets) {
  std::string error;
  const auto a = parse_sweep("raids.0.route[1].position=[39.0, 33.0], [39.5, 33.5]", error);
  ASSERT_TRUE(a) << error;
  EXPECT_EQ(a->key, "raids[0].route[1].position");
  ASSERT_EQ(a->values.size(), 2u);
  EXPECT_EQ(a->values[0], "[39.0, 33.0]");
  EXPECT_EQ(a->values[1], "[39.5, 33.5]");
  const auto b = parse_sweep("duration=10 min,\"20, min\"", error);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->values[1], "\"20, min\"");
  EXPECT_FALSE(parse_sweep("duration", error));
  EXPECT_FALSE(parse_sweep("duration=1,,2", error));
  EXPECT_FALSE(parse_sweep("Bad Key=1", error));
  EXPECT_FALSE(parse_sweep("a=[1,2", error));
}

TEST(Sweep, SpansEveryCombinationFirstAxisSlowest) {
  std::string error;
  const auto a = *parse_sweep("defence.doctrine=shoot_shoot,shoot_look_shoot", error);
  const auto b = *parse_sweep("duration=10 min,20 min,30 min", error);
  const auto points = sweep_points({a, b});
  ASSERT_EQ(points.size(), 6u);
  EXPECT_EQ(points[0].label(), "defence.doctrine=shoot_shoot, duration=10 min");
  EXPECT_EQ(points[1].label(), "defence.doctrine=shoot_shoot, duration=20 min");
  EXPECT_EQ(points[5].label(), "defence.doctrine=shoot_look_shoot, duration=30 min");
  EXPECT_EQ(sweep_points({}).size(), 1u);
  EXPECT_EQ(sweep_points({})[0].label(), "(base)");
}

TEST(Overrides, SetKeysOfTheScenarioFile) {
  const std::string file = (kSource / "examples/demo.yaml").string();
  const auto r = scenario::load(file, {{"raids[0].terrain_following", "120 m", "--sweep x"},
                                       {"defence.doctrine", "shoot_shoot", "--sweep y"},
                                       {"duration", "15 min", "--sweep z"}});
  ASSERT_TRUE(r.ok()) << r.errors.str();
  EXPECT_EQ(r.scenario.defence.doctrine, c2::Doctrine::kShootShoot);
  EXPECT_DOUBLE_EQ(r.scenario.duration_s, 900.0);
  int cruise = 0;
  for (const auto& t : r.scenario.threats) {
    if (t.type != "tomahawk") continue;
    ++cruise;
    ASSERT_TRUE(t.clearance_m);
    EXPECT_DOUBLE_EQ(*t.clearance_m, 120.0);
  }
  EXPECT_EQ(cruise, 4);
  // Wrong paths and values are named by where they were given.
  const auto bad = scenario::load(file, {{"raids[7].count", "2", "--sweep raids[7].count=2"}});
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors.items()[0].str(),
            "--sweep raids[7].count=2: raids[7].count: 'raids' has 4 items in the scenario file");
  const auto value = scenario::load(file, {{"defence.doctrine", "sometimes", "--sweep d"}});
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.errors.items()[0].where.file, "--sweep d");
  EXPECT_EQ(scenario::canonical_key_path("a.b.0.c[2]"), "a.b[0].c[2]");
  EXPECT_EQ(scenario::canonical_key_path("a..b"), "");
  EXPECT_EQ(scenario::canonical_key_path("0.a"), "");
}

}  // namespace
}  // namespace opensam::montecarlo
