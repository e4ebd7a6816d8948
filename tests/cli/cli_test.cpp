// Runs the `opensam` binary as a user would: exit codes, stdout, stderr and files.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numbers>
#include <sstream>
#include <vector>

#include "opensam/montecarlo/store.hpp"

namespace {

namespace fs = std::filesystem;
const fs::path kSource = OPENSAM_TEST_SOURCE_DIR;
const fs::path kBinary = OPENSAM_BINARY;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Result {
  int code;
  std::string out;
  std::string err;
};

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    tmp_ = fs::temp_directory_path() /
           (std::string("opensam-cli-") + info->name() + "-" + std::to_string(::getpid()));
    fs::remove_all(tmp_);
    fs::create_directories(tmp_);
  }
  void TearDown() override { fs::remove_all(tmp_); }

  /// Runs `opensam <args>` in `cwd` (default: the temporary folder).
  Result run(const std::string& args, const fs::path& cwd = {}) const {
    const fs::path dir = cwd.empty() ? tmp_ : cwd;
    const std::string cmd = "cd '" + dir.string() + "' && '" + kBinary.string() + "' " + args + " > '" +
                            (tmp_ / "stdout").string() + "' 2> '" + (tmp_ / "stderr").string() + "'";
    const int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(tmp_ / "stdout"), slurp(tmp_ / "stderr")};
  }

  fs::path tmp_;
};

const std::string kDemo = (kSource / "examples/demo.yaml").string();

TEST_F(Cli, PrintsItsVersion) {
  const Result r = run("--version");
  EXPECT_EQ(r.code, 0);
  ASSERT_EQ(r.out.rfind("opensam ", 0), 0u) << r.out;
  const std::string version = r.out.substr(8);
  EXPECT_EQ(std::count(version.begin(), version.end(), '.'), 2) << r.out;
  EXPECT_EQ(version.find_first_not_of("0123456789.\n"), std::string::npos) << r.out;
  EXPECT_EQ(version.back(), '\n');
}

TEST_F(Cli, HelpListsCommandsAndExamples) {
  Result r = run("help");
  EXPECT_EQ(r.code, 0);
  for (const char* word : {"run", "validate", "help"}) EXPECT_NE(r.out.find(word), std::string::npos);
  r = run("run --help");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("Examples:"), std::string::npos);
  EXPECT_NE(r.out.find("--seed"), std::string::npos);
  r = run("help format");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("| `start_jitter` |"), std::string::npos);
  r = run("help nonsense");
  EXPECT_EQ(r.code, 2);
}

TEST_F(Cli, MisuseExitsWithTwo) {
  EXPECT_EQ(run("").code, 2);
  EXPECT_EQ(run("fly examples/demo.yaml").code, 2);
  EXPECT_EQ(run("run").code, 2);
  EXPECT_EQ(run("run '" + kDemo + "' --format xml").code, 2);
  EXPECT_EQ(run("run '" + kDemo + "' --seed -3").code, 2);
  EXPECT_EQ(run("run '" + kDemo + "' --seed banana").code, 2);
  EXPECT_EQ(run("run missing.yaml").code, 2);
  EXPECT_FALSE(fs::exists(tmp_ / "out"));
}

TEST_F(Cli, RunWritesTheRunFolder) {
  const Result r = run("run '" + kDemo + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("cm-1"), std::string::npos);
  EXPECT_NE(r.out.find("outputs: out/demo-1/"), std::string::npos) << r.out;
  for (const char* f : {"events.csv", "events.jsonl", "detections.csv", "tracks.csv", "gospa.csv",
                        "truth.csv", "summary.json", "scenario.resolved.yaml", "scenario.czml",
                        "scenario.kml", "report.html", "coverage-0.png", "coverage-1.png"}) {
    EXPECT_TRUE(fs::is_regular_file(tmp_ / "out/demo-1" / f)) << f;
  }
  EXPECT_NE(r.out.find("air picture: "), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(tmp_ / "out/demo-1/run.sqlite"));  // only with --sqlite
  // Nothing else is left beside the run folder.
  EXPECT_EQ(std::distance(fs::directory_iterator(tmp_ / "out"), fs::directory_iterator()), 1);
}

TEST_F(Cli, JsonFormatPrintsOneObjectWithTheDocumentedKeys) {
  const Result r = run("run '" + kDemo + "' --format json --seed 5");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);  // throws on anything besides one object
  EXPECT_EQ(j["scenario"], "demo");
  EXPECT_EQ(j["seed"], 5);
  ASSERT_EQ(j["threats"].size(), 19u);
  const std::vector<std::string> outcomes{"killed", "leaked", "not_engaged", "survived", "missed"};
  for (const auto& t : j["threats"]) {
    for (const char* k : {"id", "type", "outcome", "time_s"}) EXPECT_TRUE(t.contains(k)) << k;
    EXPECT_NE(std::find(outcomes.begin(), outcomes.end(), t["outcome"]), outcomes.end());
  }
  EXPECT_EQ(j["totals"]["threats"], 19);
  for (const char* k : {"tracks_initiated", "tracks_confirmed", "gospa_mean_m", "gospa_per_minute"})
    EXPECT_TRUE(j["tracking"].contains(k)) << k;
  EXPECT_GT(j["tracking"]["tracks_confirmed"], 0);
  EXPECT_EQ(j, nlohmann::json::parse(slurp(tmp_ / "out/demo-5/summary.json")));
}

// Same scenario and seed: byte-identical files. Another seed: other start-time draws.
TEST_F(Cli, RunsAreByteIdenticalForTheSameSeed) {
  ASSERT_EQ(run("run '" + kDemo + "' --out a").code, 0);
  ASSERT_EQ(run("run '" + kDemo + "' --out b").code, 0);
  ASSERT_EQ(run("run '" + kDemo + "' --out c --seed 2").code, 0);
  for (const char* f : {"events.csv", "events.jsonl", "detections.csv", "tracks.csv", "gospa.csv",
                        "truth.csv", "summary.json", "scenario.resolved.yaml", "scenario.czml",
                        "scenario.kml", "report.html", "coverage-0.png", "coverage-1.png"}) {
    EXPECT_EQ(slurp(tmp_ / "a" / f), slurp(tmp_ / "b" / f)) << f;
    EXPECT_FALSE(slurp(tmp_ / "a" / f).empty()) << f;
  }
  EXPECT_NE(slurp(tmp_ / "a/events.csv"), slurp(tmp_ / "c/events.csv"));
}

// A DIS link changes nothing in the run: the folder is byte-identical with and without one
// (apart from dis.json), and the capture is byte-identical for the same seed.
TEST_F(Cli, DisChangesNothingInTheRunAndItsCaptureIsReproducible) {
  ASSERT_EQ(run("run '" + kDemo + "' --out a").code, 0);
  ASSERT_EQ(run("run '" + kDemo + "' --out b --dis-pcap b.pcap --dis-exercise 3").code, 0);
  ASSERT_EQ(run("run '" + kDemo + "' --out c --dis-pcap c.pcap --dis-exercise 3").code, 0);
  for (const char* f : {"events.csv", "events.jsonl", "detections.csv", "tracks.csv", "gospa.csv",
                        "truth.csv", "summary.json", "scenario.czml", "report.html"})
    EXPECT_EQ(slurp(tmp_ / "a" / f), slurp(tmp_ / "b" / f)) << f;
  EXPECT_FALSE(fs::exists(tmp_ / "a/dis.json"));
  const auto stats = nlohmann::json::parse(slurp(tmp_ / "b/dis.json"));
  EXPECT_GT(stats["sent"]["entity_state"].get<int>(), 1000);
  EXPECT_EQ(stats["sent"]["fire"], stats["sent"]["detonation"]);
  const std::string pcap = slurp(tmp_ / "b.pcap");
  EXPECT_GT(pcap.size(), 100000U);
  EXPECT_EQ(pcap, slurp(tmp_ / "c.pcap"));
}

// DIS flags that cannot work are refused with exit 2 before anything is written.
TEST_F(Cli, DisMisuseExitsWithTwoAndWritesNothing) {
  const std::string dis_in = (kSource / "examples/dis-in.yaml").string();
  for (const std::string& args :
       {"run '" + kDemo + "' --out x --dis-out 127.0.0.1", "run '" + kDemo + "' --out x --dis-out host:99999",
        "run '" + dis_in + "' --out x --dis-in 127.0.0.1:39518",
        "run '" + kDemo + "' --out x --realtime --dis-in 127.0.0.1:39518",
        "run '" + kDemo + "' --out x --time-scale 10", "run '" + kDemo + "' --out x --dis-exercise 0"}) {
    const Result r = run(args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_FALSE(r.err.empty()) << args;
    EXPECT_FALSE(fs::exists(tmp_ / "x")) << args;
  }
  EXPECT_NE(run("run '" + kDemo + "' --realtime --dis-in 127.0.0.1:39518").err.find("external"),
            std::string::npos);
}

// The resolved scenario is a scenario: it validates, and running it gives the same events.
TEST_F(Cli, ResolvedScenarioRunsAgainIdentically) {
  ASSERT_EQ(run("run '" + kDemo + "' --out a --seed 9").code, 0);
  const Result v = run("validate a/scenario.resolved.yaml");
  EXPECT_EQ(v.code, 0) << v.err;
  ASSERT_EQ(run("run a/scenario.resolved.yaml --out b").code, 0);
  EXPECT_EQ(slurp(tmp_ / "a/events.csv"), slurp(tmp_ / "b/events.csv"));
  EXPECT_EQ(slurp(tmp_ / "a/scenario.czml"), slurp(tmp_ / "b/scenario.czml"));
  EXPECT_EQ(slurp(tmp_ / "a/coverage-1.png"), slurp(tmp_ / "b/coverage-1.png"));
}

// --sqlite: the logs as tables, one row per CSV line, numbers as numbers.
TEST_F(Cli, SqliteHoldsEveryLogAsATable) {
  ASSERT_EQ(run("run '" + kDemo + "' --out a --sqlite").code, 0);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((tmp_ / "a/run.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  const auto scalar = [&](const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
    std::string v;
    if (st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
  };
  for (const char* t : {"events", "detections", "tracks", "gospa", "truth"}) {
    const std::string csv = slurp(tmp_ / "a" / (std::string(t) + ".csv"));
    EXPECT_EQ(scalar(std::string("SELECT count(*) FROM ") + t),
              std::to_string(std::count(csv.begin(), csv.end(), '\n') - 1))
        << t;
  }
  EXPECT_EQ(scalar("SELECT typeof(time_s) FROM events LIMIT 1"), "real");
  EXPECT_EQ(scalar("SELECT typeof(other) FROM events LIMIT 1"), "null");
  const auto summary = nlohmann::json::parse(slurp(tmp_ / "a/summary.json"));
  EXPECT_EQ(scalar("SELECT json_extract(summary_json, '$.totals.killed') FROM run"),
            std::to_string(summary["totals"]["killed"].get<int>()));
  sqlite3_close(db);
}

// `opensam view` wants a run folder; the browser tests check what it serves.
TEST_F(Cli, ViewRefusesWhatIsNotARunFolder) {
  Result r = run("view missing");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("'missing' is not a folder"), std::string::npos) << r.err;
  fs::create_directories(tmp_ / "empty");
  r = run("view empty");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("'empty' has no scenario.czml"), std::string::npos) << r.err;
  EXPECT_EQ(run("view empty --port 70000").code, 2);
}

// The largest seed survives the round trip through the resolved scenario.
TEST_F(Cli, LargestSeedRunsAgainFromTheResolvedScenario) {
  ASSERT_EQ(run("run '" + kDemo + "' --out a --seed 18446744073709551615").code, 0);
  ASSERT_EQ(run("run a/scenario.resolved.yaml --out b").code, 0);
  EXPECT_EQ(slurp(tmp_ / "a/events.csv"), slurp(tmp_ / "b/events.csv"));
  const Result r = run("run '" + kDemo + "' --seed 18446744073709551616");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("is not a whole number from 0 to 18446744073709551615"), std::string::npos) << r.err;
}

TEST_F(Cli, ValidateReportsOkAndCounts) {
  const Result r = run("validate '" + kDemo + "'");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("ok: scenario 'demo', 11 sites, 1 assets, 19 threats"), std::string::npos) << r.out;
}

// An output folder below a regular file cannot be created, even by root.
TEST_F(Cli, UnwritableOutputFailsWithoutPartialFiles) {
  std::ofstream(tmp_ / "blocker") << "a file, not a folder";
  const Result r = run("run '" + kDemo + "' --out blocker/run");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("opensam: cannot write the outputs to 'blocker/run'"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(slurp(tmp_ / "blocker"), "a file, not a folder");
}

// tests/scenario/bad: each file starts with `# expect:` lines, the exact error lines it gives.
// Every one exits 2, prints exactly those lines, and writes nothing.
TEST_F(Cli, EveryBrokenScenarioGivesItsExactErrorsAndNoOutput) {
  const fs::path bad = kSource / "tests/scenario/bad";
  int files = 0;
  for (const auto& entry : fs::directory_iterator(bad)) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    const std::string name = entry.path().filename().string();
    std::istringstream text(slurp(entry.path()));
    std::string line, expected;
    int count = 0;
    while (std::getline(text, line) && line.rfind("# expect: ", 0) == 0) {
      expected += line.substr(10) + "\n";
      ++count;
    }
    if (name == "empty_file.yaml") {  // an empty file cannot hold its expectation
      expected = "empty_file.yaml: (document): expected a map of keys, found nothing\n";
      count = 1;
    }
    ASSERT_GT(count, 0) << name << " has no '# expect:' line";
    expected += name + ": " + std::to_string(count) + (count == 1 ? " error\n" : " errors\n");

    const Result v = run("validate " + name, bad);
    EXPECT_EQ(v.code, 2) << name;
    EXPECT_EQ(v.err, expected) << name;
    EXPECT_EQ(v.out, "") << name;

    const fs::path out = tmp_ / ("out-" + name);
    const Result r = run("run " + name + " --out '" + out.string() + "'", bad);
    EXPECT_EQ(r.code, 2) << name;
    EXPECT_EQ(r.err, expected) << name;
    EXPECT_EQ(r.out, "") << name;
    EXPECT_FALSE(fs::exists(out)) << name;
  }
  EXPECT_GE(files, 25);
  // No run left anything in the temporary folder but the captured streams.
  for (const auto& entry : fs::directory_iterator(tmp_)) {
    const auto n = entry.path().filename().string();
    EXPECT_TRUE(n == "stdout" || n == "stderr") << n;
  }
}

}  // namespace

// ---- opensam calc -------------------------------------------------------------------------

nlohmann::json calc_json(const Result& r) {
  EXPECT_EQ(r.code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

// Reference test values (section 6): Pd 0.9 at Pfa 1e-6 needs 13.18 dB exact (SW0, one
// pulse) and 13.58 dB by Shnidman for SW1 with 10 pulses.
TEST_F(Cli, CalcPdAndSnrGiveTheReferenceValues) {
  const auto pd = calc_json(run("calc pd --snr-db 13.18 --pfa 1e-6 --format json"));
  EXPECT_NEAR(pd["pd"].get<double>(), 0.9, 1e-3);
  const auto snr =
      calc_json(run("calc snr --pd 0.9 --pfa 1e-6 --pulses 10 --swerling 1 --method shnidman --format json"));
  EXPECT_NEAR(snr["snr_db"].get<double>(), 13.58, 0.005);
  const auto alb = calc_json(run("calc snr --pd 0.9 --pfa 1e-6 --method albersheim --format json"));
  EXPECT_NEAR(alb["snr_db"].get<double>(), 13.11, 0.005);
  // Units on flag values: "13.18 dB" is the same as 13.18.
  const auto unit = calc_json(run("calc pd --snr-db '13.18 dB' --pfa 1e-6 --format json"));
  EXPECT_EQ(unit["pd"], pd["pd"]);
  // The table format prints the same numbers for people.
  const Result table = run("calc pd --snr-db 13.18 --pfa 1e-6");
  EXPECT_EQ(table.code, 0);
  EXPECT_NE(table.out.find("pd "), std::string::npos);
}

// Reference section 6: 25 m radar, 50 m target -> about 50 km at k = 4/3.
TEST_F(Cli, CalcHorizon) {
  const auto h = calc_json(run("calc horizon --radar-height '25 m' --target-height '50 m' --format json"));
  EXPECT_NEAR(h["range_m"].get<double>() / 1000.0, 50.0, 0.5);
}

// The library radars reproduce the ranges their figures were calibrated to (headers of
// data/systems/s400/*.yaml): 600 km (91N6E, 5 m2), 300 km (96L6E, 5 m2), 250 km (92N6E,
// 2 m2), Pd 0.5, target at 10 km, radar at 20 m; the 91N6E is then horizon-limited.
TEST_F(Cli, CalcRangeReproducesTheLibraryCalibration) {
  auto range = [&](const std::string& radar, const std::string& rcs) {
    return calc_json(run("calc range --radar " + radar + " --rcs '" + rcs +
                         "' --radar-height '20 m' --target-height '10 km' --format json"));
  };
  const auto big_bird = range("s400/91N6E", "5 m2");
  EXPECT_NEAR(big_bird["free_space_range_m"].get<double>() / 600e3, 1.0, 0.01);
  EXPECT_NEAR(big_bird["range_m"].get<double>(), big_bird["horizon_range_m"].get<double>(), 1e-6);
  EXPECT_NEAR(range("s400/96L6E", "5 m2")["free_space_range_m"].get<double>() / 300e3, 1.0, 0.01);
  EXPECT_NEAR(range("s400/92N6E", "2 m2")["free_space_range_m"].get<double>() / 250e3, 1.0, 0.01);
  // -30 dB of RCS: x0.18 of the range by the fourth-root law, a little more because the
  // shorter path loses about 2.3 dB less in the atmosphere (x1.14).
  const double small = range("s400/92N6E", "-27 dBsm")["free_space_range_m"].get<double>();
  EXPECT_GT(small / 250e3, 0.18);
  EXPECT_LT(small / 250e3, 0.18 * 1.16);
}

TEST_F(Cli, CalcBurnthroughOfTheLibraryJammer) {
  const auto b =
      calc_json(run("calc burnthrough --radar s400/92N6E --jammer ea18g --rcs '5 m2' --format json"));
  EXPECT_GT(b["range_m"].get<double>(), 0.0);
  // The solved range carries the radar's 10 dB of system losses on the echo; the closed form
  // (Adamy) has none: sqrt(10) between them.
  EXPECT_NEAR(b["closed_form_range_m"].get<double>() / b["range_m"].get<double>(), std::sqrt(10.0), 0.05);
}

// A responsive spot jammer against a frequency-agile radar (Schleher, Electronic Warfare in
// the Information Age, ch. 9): the MALD-J's 1 kW cannot follow the 92N6E's hops over its
// 500 MHz agile band, so a 1 MHz-wide share of B_r / 500 MHz enters; a barrage pod over the
// same hops is no better off for them.
TEST_F(Cli, CalcBurnthroughOfASpotJammerAgainstAnAgileRadar) {
  const auto b =
      calc_json(run("calc burnthrough --radar s400/92N6E --jammer adm160j --rcs '0.1 m2' --format json"));
  EXPECT_EQ(b["jammers"][0]["technique"], "spot");
  EXPECT_EQ(b["radar_frequency_agility_hz"].get<double>(), 500e6);
  EXPECT_NEAR(b["in_band_erp_w"].get<double>(), 1e3 * b["radar_bandwidth_hz"].get<double>() / 500e6, 1e-9);
  const auto g =
      calc_json(run("calc burnthrough --radar s400/92N6E --jammer ea18g --rcs '0.1 m2' --format json"));
  EXPECT_EQ(g["jammers"][2]["technique"], "barrage");
  EXPECT_NEAR(g["in_band_erp_w"].get<double>(), 6e6 * g["radar_bandwidth_hz"].get<double>() / 12e9, 1e-6);
}

// A stand-off jammer (Adamy, EW 101, ch. 9): only the EA-18G's mid-band pod (2-6 GHz) reaches
// the S-band 91N6E, with B_r / 4 GHz of its ERP; through the sidelobes (10 deg off) it comes in
// 30 dB (the sidelobe level) under the main lobe, and the radar's sidelobe canceller takes
// 20 dB more; the target's echo must beat the required SNR times 1 + J/N.
TEST_F(Cli, CalcRangeWithAStandOffJammerAndTheRadarsProtection) {
  auto range = [&](const std::string& extra) {
    return calc_json(run("calc range --radar s400/91N6E --rcs '5 m2' --format json" + extra));
  };
  const auto clean = range("");
  const auto main = range(" --jammer ea18g --jammer-range '150 km'");
  const auto side = range(" --jammer ea18g --jammer-range '150 km' --jammer-offset '10 deg'");
  EXPECT_EQ(main["protection_used"], "none (the jammer is in the main lobe)");
  EXPECT_EQ(side["protection_used"], "sidelobe canceller, 20 dB");
  // Its blanker is printed but not used: it removes a repeater's sidelobe pulses, not noise.
  EXPECT_EQ(side["sidelobe_blanker"].get<double>(), 0.9);
  EXPECT_NEAR(main["jnr_db"].get<double>() - side["jnr_db"].get<double>(), 30.0 + 20.0, 1e-9);
  EXPECT_NEAR(main["in_band_erp_w"].get<double>(), 2e6 * 5000.0 / 4e9, 1e-9);
  ASSERT_EQ(main["jammers"].size(), 3u);
  EXPECT_EQ(main["jammers"][2]["in_band_erp_w"].get<double>(), 0.0);
  EXPECT_LT(main["range_m"].get<double>(), side["range_m"].get<double>());
  EXPECT_LT(side["range_m"].get<double>(), clean["range_m"].get<double>());
}

TEST_F(Cli, CalcRejectsBadFlagsWithExitTwo) {
  struct Case {
    std::string args, message;
  };
  const Case cases[] = {
      {"calc pd --snr-db 3 --pfa 2", "opensam calc pd: --pfa: '2' must be above 1e-300 and at most 0.5\n"},
      {"calc pd --snr-db '3 m' --pfa 1e-6",
       "opensam calc pd: --snr-db: '3 m' is a length; a decibel value takes dB\n"},
      {"calc pd --snr-db 3 --pfa 1e-6 --swerling 5",
       "opensam calc pd: --swerling: '5' is not a Swerling case 0 to 4\n"},
      {"calc pd --snr-db 3 --pfa 1e-6 --pulses 2.5", "opensam calc pd: --pulses: must be a whole number\n"},
      {"calc snr --pd 0.9 --pfa 1e-6 --swerling 1 --method albersheim",
       "opensam calc snr: --method albersheim: holds for a steady target only (--swerling 0)\n"},
      {"calc range --radar s400/91N7E --rcs 1",
       "--radar: type: unknown site type 's400/91N7E' (did you mean 's400/91N6E'?)\n"},
      {"calc range --radar s400/5P85SE2 --rcs 1",
       "opensam calc range: --radar: 's400/5P85SE2' is a launcher, not a radar\n"},
      {"calc range --radar s400/91N6E --rcs 1 --radar-height 20",
       "opensam calc range: --radar-height and --target-height go together\n"},
      {"calc burnthrough --radar s400/92N6E --jammer f35a --rcs 1",
       "opensam calc burnthrough: --jammer: 'f35a' carries no jammer\n"},
      {"calc range --radar s400/91N6E --jammer ea18g --rcs 1",
       "opensam calc range: --jammer needs --jammer-range\n"},
      {"calc range --radar s400/91N6E --jammer-range '100 km' --rcs 1",
       "opensam calc range: --jammer-range and --jammer-offset go with --jammer\n"},
      {"calc range --radar s400/91N6E --jammer ea18g --jammer-range '100 km' --jammer-offset '4 rad' --rcs 1",
       "opensam calc range: --jammer-offset: '4 rad' must be at least 0 rad and at most 3.141592653589793 "
       "rad\n"},
  };
  for (const auto& c : cases) {
    const Result r = run(c.args);
    EXPECT_EQ(r.code, 2) << c.args;
    EXPECT_EQ(r.err, c.message) << c.args;
    EXPECT_TRUE(r.out.empty()) << c.args;
  }
}

// ---- opensam endgame ----------------------------------------------------------------------

// Zarchan, Tactical and Strategic Missile Guidance (6th ed., ch. 6): single lag, N' = 3, a 3 g
// step: miss = 0.5 n_T tau^2 x^2 e^-x, x = t_F/tau; tau 0.5 s, t_F 1 s gives 1.99 m. The
// adjoint's table holds every flight time at once; its normalised step column peaks at
// 2 e^-2 = 0.271 at t_F = 2 tau.
TEST_F(Cli, EndgameReproducesTheBookExampleBothWays) {
  const std::string loop =
      "endgame --nav-ratio 3 --time-constant '0.5 s' --flight-time '1 s' --target-accel '3 g'";
  const auto sim = calc_json(run(loop + " --format json"));
  EXPECT_NEAR(sim["miss_m"].get<double>(), 1.99, 0.01);
  const auto adj = calc_json(run(loop + " --method adjoint --format json"));
  EXPECT_NEAR(adj["miss_m"].get<double>() / sim["miss_m"].get<double>(), 1.0, 0.01);
  const auto table =
      calc_json(run("endgame --nav-ratio 3 --time-constant '1 s' --flight-time '10 s' --target-accel '3 g' "
                    "--method adjoint "
                    "--table 10 --format json"));
  ASSERT_EQ(table["table"].size(), 10u);
  EXPECT_NEAR(table["table"][1]["step_normalised"].get<double>(), 2.0 * std::exp(-2.0), 1e-3);
  EXPECT_EQ(table["table"][9]["miss_m"], table["miss_m"]);
  const Result text = run(loop);
  EXPECT_EQ(text.code, 0);
  EXPECT_NE(text.out.find("miss_m 1.99"), std::string::npos) << text.out;
}

// A library missile's flyouts with its seeker's noise against an F-35A breaking at 9 g two
// seconds before the intercept: the single-shot kill probability emerges from the miss
// distribution and the fragment beam, strictly between 0 and the target's vulnerability
// (issue figures: a per-shot Pk that equals the vulnerability is an input, not a result).
TEST_F(Cli, EndgameMissileKillProbabilityEmergesFromTheFlyouts) {
  const std::string args =
      "endgame --missile 48N6E2 --target f35a --target-accel '9 g' --manoeuvre-time-to-go '2 s' "
      "--launch-range '80 km' --target-alt '10 km' -n 100 --format json";
  const auto j = calc_json(run(args));
  const double sspk = j["sspk"].get<double>();
  const double se = j["sspk_stderr"].get<double>();
  EXPECT_GT(sspk - 3.0 * se, 0.0) << j.dump();
  EXPECT_LT(sspk + 3.0 * se, j["vulnerability"].get<double>()) << j.dump();
  EXPECT_GT(j["miss_m"]["p90"].get<double>(), j["miss_m"]["p10"].get<double>());
  // The same seed flies the same flyouts.
  EXPECT_EQ(calc_json(run(args)), j);
}

TEST_F(Cli, EndgameRejectsBadFlagsWithExitTwo) {
  const std::pair<std::string, std::string> cases[] = {
      {"endgame --target-accel '3 km'",
       "opensam endgame: --target-accel: '3 km' is a length; an acceleration takes m/s2, g\n"},
      {"endgame --time-constant 0 --method adjoint",
       "opensam endgame: --method adjoint: needs --time-constant above 0 s (the zero-lag adjoint is "
       "singular at intercept)\n"},
      {"endgame --flight-time 0",
       "opensam endgame: --flight-time: '0' must be above 0 s and at most 1000 s\n"},
  };
  for (const auto& [args, message] : cases) {
    const Result r = run(args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_EQ(r.err, message) << args;
    EXPECT_TRUE(r.out.empty()) << args;
  }
}

// ---- opensam coverage ---------------------------------------------------------------------

// Over flat ground a 5 m2 target at 10 km is horizon-limited for the 91N6E (600 km free-space
// reach): the farthest covered range in every direction is the 4/3-Earth horizon,
// 4.12 (sqrt 12 + sqrt 10000) km = 426 km for its 12 m antenna, to a grid cell.
TEST_F(Cli, CoverageOverFlatGroundReachesTheRadarHorizon) {
  std::ofstream(tmp_ / "flat.yaml")
      << "name: flat\nduration: 1 min\n"
         "sites:\n  - {id: acq, type: s400/91N6E, position: \"40.05N 32.50E\", "
         "altitude: 12 m AGL}\n"
         "threats:\n  - {id: t, type: f16c, route: [{position: [39, 32], altitude: "
         "5 km}, {position: [39.5, 32]}], end: exit}\n";
  const Result r = run("coverage flat.yaml --rcs '5 m2' --alt '10 km' --radar acq --out cov.tif");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const double horizon = std::sqrt(2.0 * 4.0 / 3.0 * 6371000.0) * (std::sqrt(12.0) + std::sqrt(10000.0));
  EXPECT_NEAR(j["max_range_m"].get<double>(), horizon, 1500.0);
  EXPECT_NEAR(j["min_range_m"].get<double>(), horizon, 1500.0);
  // The covered area is the disc of that radius, to the grid's resolution.
  EXPECT_NEAR(j["area_km2"].get<double>() / (3.14159265 * horizon * horizon / 1e6), 1.0, 0.01);
  EXPECT_TRUE(fs::is_regular_file(tmp_ / "cov.tif"));
  EXPECT_TRUE(fs::is_regular_file(tmp_ / "cov.png"));
  // Nothing else: no temporary files left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(tmp_), fs::directory_iterator()),
            5);  // + flat.yaml, stdout, stderr
}

// Every example scenario validates (tracker-*.yaml are `opensam track` configurations); the
// raid example expands its raids and keeps their times on target.
TEST_F(Cli, EveryExampleValidatesAndTheRaidArrivesOnTime) {
  for (const auto& entry : fs::directory_iterator(kSource / "examples")) {
    if (entry.path().extension() != ".yaml" || entry.path().filename().string().starts_with("tracker-"))
      continue;
    const Result v = run("validate '" + entry.path().string() + "'");
    EXPECT_EQ(v.code, 0) << entry.path() << v.err;
  }
  const Result r = run("run '" + (kSource / "examples/raid.yaml").string() + "' --out o --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  std::map<std::string, nlohmann::json> threats;
  for (const auto& t : j["threats"]) threats[t["id"].get<std::string>()] = t;
  EXPECT_EQ(threats.size(), 26u);
  // The quasi-ballistic pair lands at 25 min and 5 s later; the cruise missiles from 25 min,
  // 15 s apart, each within its 10 s start jitter (those the defence does not kill first).
  EXPECT_NEAR(threats.at("iskander-1")["time_s"].get<double>(), 1500.0, 1e-3);
  EXPECT_NEAR(threats.at("iskander-2")["time_s"].get<double>(), 1505.0, 1e-3);
  for (int k = 0; k < 6; ++k) {
    const auto& t = threats.at("alcm-" + std::to_string(k + 1));
    EXPECT_LE(t["time_s"].get<double>(), 1510.0 + 15.0 * k + 1e-3);
    if (t["outcome"] == "killed") continue;
    EXPECT_EQ(t["outcome"], "leaked");
    EXPECT_GE(t["time_s"].get<double>(), 1500.0 + 15.0 * k - 1e-3);
  }
  // The resolved scenario lists the raid's threats one by one.
  EXPECT_NE(slurp(tmp_ / "o/scenario.resolved.yaml").find("id: shahed-8"), std::string::npos);
}

/// The comma-separated fields of one line of a run's CSV output (no quoted commas there).
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> f;
  std::stringstream ss(line);
  for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
  return f;
}

// The electronic-warfare example's chain: the 91N6E and the 96L6E, 60 km apart, locate the
// EA-18G from their strobes alone about a minute after it starts jamming (a confirmed track
// within 3 km of it), and the MALD-Js' spot jammers too; no radar skin-detects the EA-18G
// until its mid-band pod goes off at 20 min, and with that pod left on, never: the pod that
// mattered.
TEST_F(Cli, EwExampleLocatesTheJammerFromStrobesEngagesItOnThemAndEachPodMatters) {
  const fs::path ew = kSource / "examples/ew.yaml";
  const Result r = run("run '" + ew.string() + "' --out ew --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GE(j["tracking"]["tracks_from_strobes"].get<int>(), 3);
  std::map<std::string, nlohmann::json> threats;
  for (const auto& t : j["threats"]) threats[t["id"].get<std::string>()] = t;
  // Never skin-detected, and killed long before its mid-band pod goes off at 20 min.
  const nlohmann::json& growler = threats.at("growler");
  EXPECT_TRUE(growler["first_detection_s"].is_null());
  EXPECT_EQ(growler["outcome"], "killed");
  EXPECT_LT(growler["time_s"].get<double>(), 1200.0);
  // The first passive track: when, and how near the EA-18G (truth.csv at that time).
  const std::string events = slurp(tmp_ / "ew/events.csv");
  std::istringstream lines(events);
  std::string line, track;
  double t_fix = -1.0, lat = 0.0, lon = 0.0;
  while (std::getline(lines, line)) {
    if (line.find("track_initiated") == std::string::npos || line.find("from=strobes") == std::string::npos)
      continue;
    const std::vector<std::string> f = csv_fields(line);
    t_fix = std::stod(f[0]), track = f[2], lat = std::stod(f[4]), lon = std::stod(f[5]);
    break;
  }
  ASSERT_GT(t_fix, 60.0);
  EXPECT_LT(t_fix, 150.0);
  std::istringstream truth(slurp(tmp_ / "ew/truth.csv"));
  double miss_m = 1e9;
  while (std::getline(truth, line)) {
    const std::vector<std::string> f = csv_fields(line);
    if (f.size() < 5 || f[1] != "growler" || std::abs(std::stod(f[0]) - t_fix) > 0.5) continue;
    miss_m = std::min(
        miss_m, std::hypot((std::stod(f[3]) - lat) * 111.2e3,
                           (std::stod(f[4]) - lon) * 111.2e3 * std::cos(39.0 * std::numbers::pi / 180.0)));
  }
  EXPECT_LT(miss_m, 3000.0);
  // That track is engaged on the 92N6E's strobes of the high-band pod (home-on-jam).
  EXPECT_NE(events.find("assigned," + track + ",tel-"), std::string::npos);
  std::istringstream again(events);
  bool on_strobes = false;
  while (std::getline(again, line))
    on_strobes |= line.find("assigned," + track + ",") != std::string::npos &&
                  line.find("on=strobes") != std::string::npos;
  EXPECT_TRUE(on_strobes);
  // Skin detections of a threat: events.csv lines "time,detection,radar,threat,...".
  const auto skin_detections = [](const std::string& log, const std::string& threat) {
    std::istringstream in(log);
    std::string l;
    int n = 0;
    while (std::getline(in, l)) n += l.find(",detection,") != std::string::npos && csv_fields(l)[3] == threat;
    return n;
  };
  const int f16_seen = skin_detections(events, "f16-1");

  // The same run without one pod at a time: a scenario copy beside a copy of the terrain.
  fs::create_directories(tmp_ / "data/terrain");
  fs::copy_file(kSource / "data/terrain/synthetic-anatolia.tif", tmp_ / "data/terrain/synthetic-anatolia.tif",
                fs::copy_options::overwrite_existing);
  fs::create_directories(tmp_ / "x");
  const auto variant = [&](const std::string& name, const std::string& from, const std::string& to) {
    std::string text = slurp(ew);
    EXPECT_NE(text.find(from), std::string::npos) << from;
    if (text.find(from) != std::string::npos) text.replace(text.find(from), from.size(), to);
    std::ofstream(tmp_ / ("x/" + name + ".yaml")) << text;
    const Result v = run("run x/" + name + ".yaml --out " + name + " --format json", tmp_);
    EXPECT_EQ(v.code, 0) << v.err;
    return v.code == 0 ? nlohmann::json::parse(v.out) : nlohmann::json{};
  };
  // Without its high-band pod the 92N6E's X band is clear: it sees the EA-18G at once.
  const auto no_high = variant("ew-no-high", "{pod: high band, on: true}", "{pod: high band, on: false}");
  for (const auto& t : no_high["threats"]) {
    if (t["id"] == "growler") {
      ASSERT_FALSE(t["first_detection_s"].is_null());
      EXPECT_LT(t["first_detection_s"].get<double>(), 120.0);
    }
  }
  // Without its mid-band pod the 91N6E (S band) and the 96L6E (C band) are clear: they see it.
  const auto no_mid =
      variant("ew-no-mid", "{at: 20 min, pod: mid band, on: false}", "{pod: mid band, on: false}");
  for (const auto& t : no_mid["threats"]) {
    if (t["id"] == "growler") {
      ASSERT_FALSE(t["first_detection_s"].is_null());
      EXPECT_LT(t["first_detection_s"].get<double>(), 120.0);
    }
  }
  // Without its self-protection pod an F-16 gives the radars many times the echoes.
  const std::string f16 = "    target: airbase\n  - id: f16-2";
  variant("ew-no-spj", f16, "    target: airbase\n    jamming: [{on: false}]\n  - id: f16-2");
  EXPECT_GT(skin_detections(slurp(tmp_ / "ew-no-spj/events.csv"), "f16-1"), 10 * std::max(f16_seen, 1));
}

// Over the synthetic ridges the coverage of a low flyer has terrain shadows: its reach differs
// widely with azimuth, and is far below the flat-Earth horizon in the shadowed directions.
TEST_F(Cli, CoverageOverTerrainHasShadows) {
  const std::string terrain = (kSource / "examples/terrain.yaml").string();
  const Result r = run("coverage '" + terrain +
                       "' --rcs '0.1 m2' --alt '300 m' --agl --radar low --resolution '1 km' --out t.tif");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GT(j["max_range_m"].get<double>(), 2.0 * j["min_range_m"].get<double>());
  EXPECT_LT(j["min_range_m"].get<double>(), 40e3);
}

TEST_F(Cli, CoverageRejectsBadFlags) {
  struct Case {
    std::string args, message;
  };
  const Case cases[] = {
      {"--rcs '5 m' --alt 100 --out c.tif",
       "opensam coverage: --rcs: '5 m' is a length; an area takes m2, dBsm\n"},
      {"--rcs 1 --alt 100 --radar acqq --out c.tif",
       "opensam coverage: --radar: no radar site 'acqq' in '" + kDemo + "' (did you mean 'acq'?)\n"},
      {"--rcs 1 --alt 100 --resolution '1 m' --out c.tif",
       "opensam coverage: --resolution: '1 m' must be above 10 m and at most 100000 m\n"},
  };
  for (const auto& c : cases) {
    const Result r = run("coverage '" + kDemo + "' " + c.args);
    EXPECT_EQ(r.code, 2) << c.args;
    EXPECT_EQ(r.err, c.message) << c.args;
    EXPECT_FALSE(fs::exists(tmp_ / "c.tif"));
  }
}

TEST_F(Cli, TrackScoresTheReferenceScenarioAndWritesTracks) {
  ASSERT_EQ(run("track-reference --out ref --targets 10").code, 0);
  const Result r =
      run("track --detections ref/detections.csv --truth ref/truth.csv --out ref/run --config '" +
          (kSource / "examples/tracker-reference.yaml").string() + "' --metrics-from 26 --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key :
       {"scans", "confirmed_tracks", "gospa_mean", "ospa_mean", "ms_per_scan_mean", "ms_per_scan_max"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["scans"], 50);
  EXPECT_EQ(j["confirmed_tracks"], 10);
  EXPECT_EQ(j["metric_scans"], 25);
  // Stone Soup's GNN on this scenario: 369 (tracking reference, sec. 3).
  EXPECT_LT(j["gospa_mean"].get<double>(), 369.0);
  const std::string tracks = slurp(tmp_ / "ref/run/tracks.csv");
  EXPECT_EQ(tracks.rfind("time,track_id,x,y,z,vx,vy,vz,status\n", 0), 0u);
  EXPECT_NE(tracks.find(",confirmed\n"), std::string::npos);
  // Same input, same tracks.
  ASSERT_EQ(run("track --detections ref/detections.csv --out again --config '" +
                (kSource / "examples/tracker-reference.yaml").string() + "'")
                .code,
            0);
  EXPECT_EQ(slurp(tmp_ / "again/tracks.csv"), tracks);
}

TEST_F(Cli, TrackRejectsBadFilesWithFileLineAndField) {
  std::ofstream(tmp_ / "d.csv") << "time,sensor,x,y,rnage\n0,a,1,2,3\n";
  Result r = run("track --detections d.csv");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "opensam track: d.csv:1: unknown column 'rnage' (did you mean 'range'?)\n");
  std::ofstream(tmp_ / "d.csv") << "time,sensor,x,y\n0,a,1,2\n1,a,1,two\n";
  r = run("track --detections d.csv");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "opensam track: d.csv:3: y: 'two' is not a number\n");
  std::ofstream(tmp_ / "d.csv") << "time,sensor,x,y\n5,a,1,2\n1,a,1,2\n";
  r = run("track --detections d.csv");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("d.csv:3: time: 1 is earlier"), std::string::npos) << r.err;
  std::ofstream(tmp_ / "d.csv") << "time,sensor,range,azimuth,elevation\n0,r,1000,10,1\n";
  r = run("track --detections d.csv");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("need --config with sensors"), std::string::npos) << r.err;
  std::ofstream(tmp_ / "t.yaml") << "filter: kalman\nmodels:\n  - model: turn\ngate: 3\n";
  std::ofstream(tmp_ / "d.csv") << "time,sensor,x,y\n0,a,1,2\n";
  r = run("track --detections d.csv --config t.yaml --out o");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("t.yaml:4:1: gate: unknown key"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("t.yaml:3:12: models[0].model: the kalman filter needs linear models"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(tmp_ / "o"));
}

// ---- Monte Carlo campaigns -------------------------------------------------------------

const std::string kIff = (kSource / "examples/iff.yaml").string();

TEST_F(Cli, McPrintsTheStatisticsAnalystsAskFor) {
  const Result r = run("mc " + kIff + " -n 12 --store c.sqlite --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["replicates"], 12);
  for (const char* key : {"mean", "ci95_low", "ci95_high"}) {
    ASSERT_TRUE(j["leak_probability"][key].is_number()) << key;
    EXPECT_GE(j["leak_probability"][key].get<double>(), 0.0);
    EXPECT_LE(j["leak_probability"][key].get<double>(), 1.0);
  }
  EXPECT_LE(j["leak_probability"]["ci95_low"], j["leak_probability"]["mean"]);
  EXPECT_GE(j["leak_probability"]["ci95_high"], j["leak_probability"]["mean"]);
  EXPECT_TRUE(j["interceptors_fired_mean"].is_number());
  EXPECT_TRUE(j["cost_per_kill_mean"].is_number() || j["cost_per_kill_mean"].is_null());
  EXPECT_EQ(j["points"].size(), 1u);
  EXPECT_EQ(j["threats"].size(), 3u);
  const std::string report = slurp(tmp_ / "c.html");
  EXPECT_NE(report.find("id=\"chart-probability\""), std::string::npos);
  // Self-contained: Chart.js inlined, nothing to fetch (the browser test watches the requests).
  EXPECT_EQ(report.find("<script src="), std::string::npos);
  EXPECT_EQ(report.find("href=\"http"), std::string::npos);
  EXPECT_NE(report.find("window.opensamReport"), std::string::npos);
  // The report gives the campaign's cost exchange, the ratio of the totals, with its interval.
  ASSERT_TRUE(j["cost_exchange"]["ratio"].is_number()) << j["cost_exchange"];
  char cell[96];
  std::snprintf(cell, sizeof cell, "%.3g <small>[%.3g, %.3g]</small>",
                j["cost_exchange"]["ratio"].get<double>(), j["cost_exchange"]["ci95_low"].get<double>(),
                j["cost_exchange"]["ci95_high"].get<double>());
  EXPECT_NE(report.find(cell), std::string::npos) << cell;
  // The table says the same for people.
  const Result t = run("mc " + kIff + " -n 12 --store c.sqlite --resume");
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("leak probability (any leaker)"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("report: c.html"), std::string::npos) << t.out;
}

TEST_F(Cli, McGivesTheSameNumbersOnOneAndTwoThreads) {
  const Result one = run("mc " + kIff + " -n 16 --threads 1 --store one.sqlite --format json");
  const Result two = run("mc " + kIff + " -n 16 --threads 2 --store two.sqlite --format json");
  ASSERT_EQ(one.code, 0) << one.err;
  ASSERT_EQ(two.code, 0) << two.err;
  EXPECT_EQ(one.out, two.out);
}

#ifdef OPENSAM_MPIEXEC
TEST_F(Cli, McGivesTheSameNumbersOnTwoMpiRanks) {
  const Result one = run("mc " + kIff + " -n 16 --threads 1 --store one.sqlite --format json");
  // OpenMPI keeps some memory to the end: no leak report from the sanitizer build.
  const std::string mpi = std::string("ASAN_OPTIONS=detect_leaks=0 OMPI_ALLOW_RUN_AS_ROOT=1 ") +
                          "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 " + OPENSAM_MPIEXEC + " --oversubscribe -n 2 '" +
                          kBinary.string() + "' mc " + kIff +
                          " -n 16 --threads 1 --store mpi.sqlite --format json > mpi.out 2> mpi.err";
  const int status = std::system(("cd '" + tmp_.string() + "' && " + mpi).c_str());
  ASSERT_EQ(WEXITSTATUS(status), 0) << slurp(tmp_ / "mpi.err");
  ASSERT_EQ(one.code, 0) << one.err;
  EXPECT_EQ(slurp(tmp_ / "mpi.out"), one.out);
}
#endif

TEST_F(Cli, McResumesACampaignKilledMidway) {
  // The reference: the campaign in one go.
  const Result whole = run("mc " + kIff + " -n 300 --store whole.sqlite --format json");
  ASSERT_EQ(whole.code, 0) << whole.err;
  // The same campaign, killed with SIGKILL once its first rounds are stored.
  ASSERT_EQ(std::system(("cd '" + tmp_.string() + "' && ('" + kBinary.string() + "' mc " + kIff +
                         " -n 300 --threads 1 --store cut.sqlite > /dev/null 2>&1 & echo $! > pid)")
                            .c_str()),
            0);
  pid_t pid = 0;
  for (int i = 0; i < 100 && pid == 0; ++i) {
    std::ifstream(tmp_ / "pid") >> pid;
    if (pid == 0) ::usleep(10000);
  }
  ASSERT_GT(pid, 0);
  std::size_t stored = 0;
  for (int i = 0; i < 6000 && stored < 100; ++i) {  // up to 10 minutes under sanitizers
    ::usleep(100000);
    try {
      stored = opensam::montecarlo::Store::open((tmp_ / "cut.sqlite").string()).stored().size();
    } catch (const std::exception&) {
      stored = 0;  // not created yet
    }
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  ::usleep(100000);
  stored = opensam::montecarlo::Store::open((tmp_ / "cut.sqlite").string()).stored().size();
  ASSERT_GE(stored, 100u);
  ASSERT_LT(stored, 300u) << "the campaign ended before it could be killed";
  // Without --resume the store is not touched; with it, the campaign goes on.
  EXPECT_EQ(run("mc " + kIff + " -n 300 --store cut.sqlite").code, 2);
  const Result resumed = run("mc " + kIff + " -n 300 --store cut.sqlite --resume --format json");
  ASSERT_EQ(resumed.code, 0) << resumed.err;
  EXPECT_EQ(resumed.out, whole.out);
}

TEST_F(Cli, MergeCombinesSlicesIntoTheWholeCampaign) {
  const Result whole = run("mc " + kIff + " -n 12 --store whole.sqlite --format json");
  ASSERT_EQ(whole.code, 0) << whole.err;
  ASSERT_EQ(run("mc " + kIff + " --replicates 0:5 --store a.sqlite").code, 0);
  ASSERT_EQ(run("mc " + kIff + " --replicates 4:12 --store b.sqlite").code, 0);
  const Result m = run("merge a.sqlite b.sqlite --store all.sqlite");
  ASSERT_EQ(m.code, 0) << m.err;
  EXPECT_EQ(m.out, "all.sqlite: 12 replicates added from 2 stores (1 already there), 12 in all\n");
  // Nothing left to run: the statistics of the merged store are the whole campaign's.
  const Result merged = run("mc " + kIff + " -n 12 --store all.sqlite --resume --format json");
  ASSERT_EQ(merged.code, 0) << merged.err;
  EXPECT_EQ(merged.out, whole.out);
  const Result report = run("report all.sqlite --out r.html");
  ASSERT_EQ(report.code, 0) << report.err;
  EXPECT_NE(slurp(tmp_ / "r.html").find("id=\"chart-probability\""), std::string::npos);
  // Another seed is another campaign.
  ASSERT_EQ(run("mc " + kIff + " -n 2 --seed 9 --store other.sqlite").code, 0);
  const Result refused = run("merge a.sqlite other.sqlite --store x.sqlite");
  EXPECT_EQ(refused.code, 2);
  EXPECT_NE(refused.err.find("other.sqlite is another campaign than a.sqlite: seed 1 against 9"),
            std::string::npos)
      << refused.err;
  EXPECT_FALSE(fs::exists(tmp_ / "x.sqlite"));
}

TEST_F(Cli, McSweepsAScenarioKey) {
  const Result r = run("mc " + kIff + " -n 6 --store s.sqlite --format json --sweep 'defence.roe=free,hold'");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["points"].size(), 2u);
  EXPECT_EQ(j["points"][0]["settings"]["defence.roe"], "free");
  EXPECT_EQ(j["points"][1]["settings"]["defence.roe"], "hold");
  EXPECT_GT(j["points"][0]["interceptors_fired_mean"].get<double>(), 0.0);
  EXPECT_EQ(j["points"][1]["interceptors_fired_mean"].get<double>(), 0.0);  // holding fire
  EXPECT_EQ(j["replicates"], 12);
}

TEST_F(Cli, McRejectsBadInputBeforeWritingAnything) {
  Result r = run("mc " + kIff + " -n 4 --sweep 'defence.roe=free,sometimes'");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--sweep defence.roe=sometimes: defence.roe:"), std::string::npos) << r.err;
  r = run("mc " + kIff + " -n 4 --sweep 'defence.rho=free'");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown key 'rho'"), std::string::npos) << r.err;
  r = run("mc " + kIff + " --replicates 5:2");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--replicates '5:2'"), std::string::npos) << r.err;
  r = run("mc " + kIff);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("give -n N"), std::string::npos) << r.err;
  r = run("mc " + kIff + " -n 4 --sweep duration");
  EXPECT_EQ(r.code, 2);
  r = run("mc " + kIff + " -n 4 --seed -1");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("'-1' is not a whole number"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(tmp_ / "out"));
  r = run("merge nothing.sqlite --store all.sqlite");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("nothing.sqlite: no such store"), std::string::npos) << r.err;
}
