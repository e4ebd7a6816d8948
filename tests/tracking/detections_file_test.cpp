// Detections and truth read from CSV by the tracking library: scans grouped by time and sensor,
// radar rows in degrees turned to radians with the configured sigmas, and every bad row named
// by file, line and column.
#include "opensam/tracking/detections_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <numbers>
#include <string>

namespace opensam::tracking {
namespace {

namespace fs = std::filesystem;

struct Files : ::testing::Test {
  // One folder per process: ctest runs the tests of this file side by side.
  fs::path dir = fs::temp_directory_path() / ("opensam-detections-test-" + std::to_string(::getpid()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  }
};

TEST_F(Files, PositionRowsMakeScansBySensorAndTime) {
  const std::string path =
      write("d.csv", "time,sensor,x,y,sx,sy\n0,a,1,2,5,6\n0,a,3,4,5,6\n0,b,7,8,5,6\n1,a,9,9,5,6\n");
  std::string error;
  const auto file = DetectionsFile::read(path, error);
  ASSERT_TRUE(file) << error;
  EXPECT_FALSE(file->radar());
  EXPECT_EQ(file->axes(), 2);
  std::vector<SensorSite> sensors;  // none configured: each name in the file adds one
  const auto scans = file->scans(sensors, "", error);
  ASSERT_TRUE(scans) << error;
  ASSERT_EQ(scans->size(), 3u);
  EXPECT_EQ((*scans)[0].detections.size(), 2u);
  EXPECT_EQ((*scans)[1].sensor, 1u);
  EXPECT_DOUBLE_EQ((*scans)[2].time_s, 1.0);
  EXPECT_DOUBLE_EQ((*scans)[0].detections[1].z[0], 3.0);
  EXPECT_DOUBLE_EQ((*scans)[0].detections[1].sigma[1], 6.0);
  ASSERT_EQ(sensors.size(), 2u);
  EXPECT_EQ(sensors[1].name, "b");
}

TEST_F(Files, RadarRowsAreInDegreesWithTheConfiguredSigmas) {
  const std::string path = write("r.csv", "time,sensor,range,azimuth,elevation\n2,north,1000,90,1\n");
  std::string error;
  const auto file = DetectionsFile::read(path, error);
  ASSERT_TRUE(file) << error;
  EXPECT_TRUE(file->radar());
  EXPECT_EQ(file->axes(), 3);
  std::vector<SensorSite> sensors(1);
  sensors[0].name = "north";
  sensors[0].sigma_range_m = 40.0;
  const auto scans = file->scans(sensors, "c.yaml", error);
  ASSERT_TRUE(scans) << error;
  const Detection& d = (*scans)[0].detections[0];
  EXPECT_DOUBLE_EQ(d.z[1], std::numbers::pi / 2.0);
  EXPECT_DOUBLE_EQ(d.sigma[0], 40.0);
  std::vector<SensorSite> other(1);
  other[0].name = "south";
  EXPECT_FALSE(file->scans(other, "c.yaml", error));
  EXPECT_EQ(error, path + ":2: sensor: 'north' is not a sensor of c.yaml");
}

TEST_F(Files, BadFilesNameFileLineAndColumn) {
  std::string error;
  EXPECT_FALSE(DetectionsFile::read(write("a.csv", "time,sensor,x,y,rnage\n0,a,1,2,3\n"), error));
  EXPECT_EQ(error, (dir / "a.csv").string() + ":1: unknown column 'rnage' (did you mean 'range'?)");
  const auto file = DetectionsFile::read(write("b.csv", "time,sensor,x,y\n0,a,1,2\n1,a,1,two\n"), error);
  ASSERT_TRUE(file) << error;
  std::vector<SensorSite> sensors;
  EXPECT_FALSE(file->scans(sensors, "", error));
  EXPECT_EQ(error, (dir / "b.csv").string() + ":3: y: 'two' is not a number");
  EXPECT_FALSE(read_truth_csv(write("t.csv", "time,id,x,y\n0,1.5,0,0\n"), 2, error));
  EXPECT_EQ(error, (dir / "t.csv").string() + ":2: id: must be a whole number");
}

TEST_F(Files, TruthIsGroupedByTime) {
  std::string error;
  const auto truth =
      read_truth_csv(write("t.csv", "time,id,x,y,z\n0,1,1,2,3\n0,2,4,5,6\n1,1,1,2,3\n"), 2, error);
  ASSERT_TRUE(truth) << error;
  ASSERT_EQ(truth->size(), 2u);
  EXPECT_EQ(truth->at(0.0).ids, (std::vector<std::uint64_t>{1, 2}));
  EXPECT_DOUBLE_EQ(truth->at(0.0).positions[1].z(), 0.0);  // flattened for 2-axis detections
}

}  // namespace
}  // namespace opensam::tracking
