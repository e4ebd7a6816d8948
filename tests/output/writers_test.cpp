#include "opensam/output/writers.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "opensam/output/run_folder.hpp"
#include "opensam/output/sqlite.hpp"

namespace opensam::output {
namespace {

namespace fs = std::filesystem;

sim::RunResult tiny_run() {
  sim::RunResult r;
  r.seed = 3;
  r.end_time_s = 12.5;
  r.entities = {{"base, main", sim::EntityKind::kAsset, ""}, {"cm-1", sim::EntityKind::kThreat, "tomahawk"}};
  r.threats = {{1, sim::Outcome::kLeaked, 12.5}};
  r.events = {{0.0, sim::RunStarted{3, 0}},
              {0.0, sim::EntityCreated{0, {40.0, 32.0, 0.0}}},
              {12.5, sim::Leaked{1, 0, 3.0, 40.0, {40.0, 32.0, 0.0}}},
              {12.5, sim::RunEnded{0}}};
  return r;
}

TEST(EventsCsv, HasAHeaderAndQuotesFieldsWithCommas) {
  EXPECT_EQ(events_csv(tiny_run()),
            "time_s,event,entity,other,lat_deg,lon_deg,alt_m,detail\n"
            "0.000,run_started,,,,,,seed=3;replicate=0\n"
            "0.000,entity_created,\"base, main\",,40.0000000,32.0000000,0.00,kind=asset;type=\n"
            "12.500,leaked,cm-1,\"base, main\",40.0000000,32.0000000,0.00,miss_m=3.0;blast_radius_m=40.0\n"
            "12.500,run_ended,,,,,,threats_flying=0\n");
}

TEST(CsvLine, SplitsQuotedFieldsAsRfc4180) {
  EXPECT_EQ(split_csv_line("1.5,\"base, main\",,\"say \"\"hi\"\"\""),
            (std::vector<std::string>{"1.5", "base, main", "", "say \"hi\""}));
  EXPECT_EQ(split_csv_line(""), std::vector<std::string>{""});
}

TEST(EventsJsonl, WritesOneTypedObjectPerLine) {
  const std::string out = events_jsonl(tiny_run());
  EXPECT_NE(out.find("{\"time_s\":12.5,\"event\":\"leaked\",\"threat\":\"cm-1\",\"target\":\"base, main\","
                     "\"miss_m\":3.0,\"blast_radius_m\":40.0,\"position\":{\"lat_deg\":40.0,\"lon_deg\":32.0,"
                     "\"alt_m\":0.0}}\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 4);
}

TEST(SummaryJson, HasTheDocumentedKeys) {
  scenario::Scenario sc;
  sc.name = "tiny";
  const auto j = summary_json(sc, tiny_run());
  EXPECT_EQ(j["scenario"], "tiny");
  EXPECT_EQ(j["seed"], 3);
  EXPECT_EQ(j["threats"][0]["id"], "cm-1");
  EXPECT_EQ(j["threats"][0]["type"], "tomahawk");
  EXPECT_EQ(j["threats"][0]["outcome"], "leaked");
  EXPECT_EQ(j["threats"][0]["time_s"], 12.5);
  EXPECT_EQ(j["totals"]["leaked"], 1);
  EXPECT_EQ(j["totals"]["killed"], 0);
  EXPECT_EQ(j["totals"]["not_engaged"], 0);
  EXPECT_EQ(j["totals"]["survived"], 0);
}

// The command post judged track 7 killed at 10 s; the threat its missile flew at leaked at 12.5 s:
// a kill assessment that was not a kill. The ledger adds up: spent, destroyed, saved.
TEST(SummaryJson, CountsFalseKillAssessmentsAndItsLedgerAddsUp) {
  scenario::Scenario sc;
  sc.assets.push_back({"base, main", {}, {}, 1000.0, 2.0e9});
  sim::RunResult r = tiny_run();
  sim::ShotRecord shot;
  shot.interceptor = 1;
  shot.track = 7;
  shot.target = 1;
  shot.cost_usd = 1.5e6;
  shot.result = sim::ShotResult::kMissed;
  r.shots.push_back(shot);
  r.events.insert(r.events.begin() + 2, {10.0, sim::KillAssessed{7, true}});
  r.asset_value_destroyed_usd = {0.25e9};
  const auto j = summary_json(sc, r);
  EXPECT_EQ(j["totals"]["false_kill_assessments"], 1);
  const auto& l = j["ledger"];
  EXPECT_EQ(l["interceptor_cost_usd"], 1.5e6);
  EXPECT_EQ(l["threat_value_destroyed_usd"], 0.0);
  EXPECT_TRUE(l["cost_exchange_ratio"].is_null());
  EXPECT_EQ(l["asset_value_usd"], 2.0e9);
  EXPECT_EQ(l["asset_value_destroyed_usd"].get<double>() + l["asset_value_saved_usd"].get<double>(), 2.0e9);
}

sim::RunResult picture_run() {
  sim::RunResult r = tiny_run();
  using tracking::TrackEventKind, tracking::TrackStatus;
  const geo::Lla where{40.1, 32.2, 9000.0};
  r.events.insert(r.events.end() - 1,
                  {{3.0, sim::TrackReport{7,
                                          TrackEventKind::kInitiated,
                                          TrackStatus::kTentative,
                                          true,
                                          {1000, 2000, 9000},
                                          {-100, 50, 0},
                                          120.0,
                                          where}},
                   {5.0, sim::TrackReport{7,
                                          TrackEventKind::kConfirmed,
                                          TrackStatus::kConfirmed,
                                          true,
                                          {800, 2100, 9000},
                                          {-100, 50, 0},
                                          80.25,
                                          where}},
                   {9.0, sim::TrackReport{7, TrackEventKind::kDropped, TrackStatus::kTentative}}});
  r.picture = {
      {30.0, 1000.0, 0.0, 1, 0, 1, 0}, {60.0, 120.0, 120.0, 1, 1, 0, 0}, {90.0, 80.0, 80.0, 1, 1, 0, 0}};
  return r;
}

TEST(TracksCsv, OneRowPerTrackReportWithTheEstimateOrNoneWhenDropped) {
  const std::string csv = tracks_csv(picture_run());
  EXPECT_EQ(csv,
            "time,track_id,x,y,z,vx,vy,vz,status,event,sigma_m,lat_deg,lon_deg,alt_m\n"
            "3.000,7,1000.0,2000.0,9000.0,-100.00,50.00,0.00,tentative,initiated,120.0,40.1000000,32.2000000,"
            "9000.00\n"
            "5.000,7,800.0,2100.0,9000.0,-100.00,50.00,0.00,confirmed,confirmed,80.2,40.1000000,32.2000000,"
            "9000.00\n"
            "9.000,7,,,,,,,dropped,dropped,,,,\n");
  EXPECT_EQ(gospa_csv(picture_run()),
            "time_s,gospa_m,localisation,truths,tracks,missed,false_tracks\n"
            "30.000,1000.0,0.0,1,0,1,0\n60.000,120.0,120.0,1,1,0,0\n90.000,80.0,80.0,1,1,0,0\n");
  EXPECT_NE(events_csv(picture_run())
                .find("5.000,track_confirmed,T7,,40.1000000,32.2000000,9000.00,"
                      "status=confirmed;sigma_m=80.2\n"),
            std::string::npos);
}

// GOSPA over time in the summary: the mean of the samples, and the means per minute.
TEST(SummaryJson, ReportsTheAirPictureAndGospaOverTime) {
  scenario::Scenario sc;
  sc.name = "tiny";
  const auto j = summary_json(sc, picture_run());
  const auto& t = j["tracking"];
  EXPECT_EQ(t["tracks_initiated"], 1);
  EXPECT_EQ(t["tracks_confirmed"], 1);
  EXPECT_EQ(t["tracks_dropped"], 1);
  EXPECT_EQ(t["gospa_samples"], 3);
  EXPECT_DOUBLE_EQ(t["gospa_mean_m"].get<double>(), 400.0);  // (1000 + 120 + 80) / 3
  EXPECT_DOUBLE_EQ(t["gospa_max_m"].get<double>(), 1000.0);
  EXPECT_DOUBLE_EQ(t["missed_truths_mean"].get<double>(), 0.333);
  ASSERT_EQ(t["gospa_per_minute"].size(), 2u);  // samples at 30 and 60 s, then 90 s
  EXPECT_DOUBLE_EQ(t["gospa_per_minute"][0]["gospa_m"].get<double>(), 560.0);
  EXPECT_DOUBLE_EQ(t["gospa_per_minute"][1]["gospa_m"].get<double>(), 80.0);
  // No radar, no picture.
  EXPECT_TRUE(summary_json(sc, tiny_run())["tracking"].is_null());
}

class RunFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("opensam-runfolder-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(RunFolderTest, AppearsOnlyOnCommit) {
  const fs::path dir = root_ / "run";
  {
    RunFolder f(dir);
    f.write("a.txt", "hello");
    EXPECT_FALSE(fs::exists(dir));
    f.commit();
  }
  EXPECT_TRUE(fs::exists(dir / "a.txt"));
  // Only the run folder is left: no temporary sibling.
  EXPECT_EQ(std::distance(fs::directory_iterator(root_), fs::directory_iterator()), 1);
}

TEST_F(RunFolderTest, LeavesNothingWhenAbandoned) {
  const fs::path dir = root_ / "run";
  {
    RunFolder f(dir);
    f.write("a.txt", "partial");
  }  // e.g. a writer threw
  EXPECT_FALSE(fs::exists(dir));
  EXPECT_EQ(std::distance(fs::directory_iterator(root_), fs::directory_iterator()), 0);
}

TEST_F(RunFolderTest, ReplacesAnOlderRunWhole) {
  const fs::path dir = root_ / "run";
  {
    RunFolder f(dir);
    f.write("old.txt", "1");
    f.commit();
  }
  {
    RunFolder f(dir);
    f.write("new.txt", "2");
    f.commit();
  }
  EXPECT_FALSE(fs::exists(dir / "old.txt"));
  EXPECT_TRUE(fs::exists(dir / "new.txt"));
  EXPECT_EQ(std::distance(fs::directory_iterator(root_), fs::directory_iterator()), 1);
}

}  // namespace
}  // namespace opensam::output
