#include "opensam/montecarlo/store.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "opensam/core/rng.hpp"
#include "opensam/scenario/resolved.hpp"

namespace opensam::montecarlo {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kFormat = 1;  ///< the store layout; a reader refuses other layouts
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

constexpr const char* kSchema = R"(
CREATE TABLE campaign(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE points(point INTEGER PRIMARY KEY, label TEXT NOT NULL, settings TEXT NOT NULL);
CREATE TABLE threats(threat INTEGER PRIMARY KEY, id TEXT NOT NULL, type TEXT NOT NULL,
                     friendly INTEGER NOT NULL);
CREATE TABLE replicates(
  point INTEGER NOT NULL, replicate INTEGER NOT NULL, end_time_s REAL NOT NULL,
  hostile INTEGER NOT NULL, killed INTEGER NOT NULL, leaked INTEGER NOT NULL,
  not_engaged INTEGER NOT NULL, survived INTEGER NOT NULL, interceptors INTEGER NOT NULL,
  cost_usd REAL NOT NULL, threat_value_killed_usd REAL NOT NULL, asset_value_lost_usd REAL NOT NULL,
  fratricides INTEGER NOT NULL, first_leak_s REAL, gospa_mean_m REAL, missed_mean REAL,
  false_tracks_mean REAL, strikes_missed INTEGER NOT NULL,
  PRIMARY KEY(point, replicate)) WITHOUT ROWID;
CREATE TABLE threat_outcomes(
  point INTEGER NOT NULL, replicate INTEGER NOT NULL, threat INTEGER NOT NULL,
  outcome TEXT NOT NULL, time_s REAL NOT NULL, killed_by TEXT, interceptors INTEGER NOT NULL,
  PRIMARY KEY(point, replicate, threat)) WITHOUT ROWID;
CREATE TABLE interceptors(
  point INTEGER NOT NULL, replicate INTEGER NOT NULL, missile TEXT NOT NULL,
  fired INTEGER NOT NULL, cost_usd REAL NOT NULL,
  PRIMARY KEY(point, replicate, missile)) WITHOUT ROWID;
)";

/// A prepared statement, finalised on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql, const std::string& path) : db_(db), path_(path) {
    if (sqlite3_prepare_v2(db, sql, -1, &st_, nullptr) != SQLITE_OK) fail("prepare");
  }
  ~Statement() { sqlite3_finalize(st_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, std::int64_t v) {
    check(sqlite3_bind_int64(st_, i, v));
    return *this;
  }
  Statement& bind(int i, double v) {
    check(std::isnan(v) ? sqlite3_bind_null(st_, i) : sqlite3_bind_double(st_, i, v));
    return *this;
  }
  Statement& bind(int i, const std::string& v) {
    check(v.empty() ? sqlite3_bind_null(st_, i)
                    : sqlite3_bind_text(st_, i, v.data(), int(v.size()), SQLITE_TRANSIENT));
    return *this;
  }
  /// Steps once: true while a row is there.
  bool step() {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail("step");
    return false;
  }
  /// Runs an insert or update and makes the statement ready for the next binding.
  int run() {
    step();
    const int changed = sqlite3_changes(db_);
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
    return changed;
  }
  [[nodiscard]] std::int64_t integer(int c) const { return sqlite3_column_int64(st_, c); }
  [[nodiscard]] double real(int c) const {
    return sqlite3_column_type(st_, c) == SQLITE_NULL ? kNaN : sqlite3_column_double(st_, c);
  }
  [[nodiscard]] std::string text(int c) const {
    const auto* p = sqlite3_column_text(st_, c);
    return p ? std::string(reinterpret_cast<const char*>(p), std::size_t(sqlite3_column_bytes(st_, c)))
             : std::string();
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) fail("bind");
  }
  [[noreturn]] void fail(const char* what) const {
    throw StoreError(fmt::format("{}: {} failed: {}", path_, what, sqlite3_errmsg(db_)));
  }
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
  const std::string& path_;
};

void exec(sqlite3* db, const char* sql, const std::string& path) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    throw StoreError(fmt::format("{}: {}", path, text));
  }
}

sqlite3* open_db(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string why = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw StoreError(fmt::format("{}: cannot open: {}", path, why));
  }
  sqlite3_busy_timeout(db, 10000);
  return db;
}

sim::Outcome outcome_from(const std::string& s, const std::string& path) {
  if (const auto o = core::parse_name<sim::Outcome>(s)) return *o;
  throw StoreError(fmt::format("{}: unknown outcome '{}'", path, s));
}

json settings_json(const SweepPoint& p) {
  json a = json::array();
  for (const auto& [k, v] : p.settings) a.push_back({k, v});
  return a;
}

std::uint64_t fnv1a(std::uint64_t h, std::string_view bytes) {
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

std::string SweepPoint::label() const {
  if (settings.empty()) return "(base)";
  std::string out;
  for (const auto& [k, v] : settings) out += fmt::format("{}{}={}", out.empty() ? "" : ", ", k, v);
  return out;
}

std::string CampaignInfo::mismatch(const CampaignInfo& o) const {
  if (version != o.version) return fmt::format("opensam version {} against {}", version, o.version);
  if (scenario_name != o.scenario_name)
    return fmt::format("scenario '{}' against '{}'", scenario_name, o.scenario_name);
  if (scenario_hash != o.scenario_hash)
    return fmt::format("scenario fingerprint {} against {} (the scenario or the library changed)",
                       scenario_hash, o.scenario_hash);
  if (seed != o.seed) return fmt::format("seed {} against {}", seed, o.seed);
  std::vector<std::string> a, b;
  for (const auto& p : points) a.push_back(p.label());
  for (const auto& p : o.points) b.push_back(p.label());
  if (a != b) return fmt::format("sweep points [{}] against [{}]", fmt::join(a, "; "), fmt::join(b, "; "));
  return {};
}

std::string scenario_fingerprint(const scenario::Scenario& sc) {
  scenario::Scenario copy = sc;
  std::uint64_t h = core::stream_id("opensam scenario");
  if (!sc.environment.terrain_file.empty()) {
    // The terrain by its bytes, not its path: the same campaign on another machine matches.
    std::ifstream in(sc.environment.terrain_file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    h = fnv1a(h, bytes.str());
    copy.environment.terrain_file = fs::path(sc.environment.terrain_file).filename().string();
    copy.environment.terrain_text = copy.environment.terrain_file;
  }
  h = fnv1a(h, scenario::to_resolved_yaml(copy, 0));
  const auto figures = [&](const std::string& id, const std::map<std::string, scenario::Figure>& f,
                           const std::map<std::string, std::string>& settings) {
    h = fnv1a(h, id);
    for (const auto& [k, v] : f) h = fnv1a(h, fmt::format("{}={:.17g}{};", k, v.value, v.mach ? "M" : ""));
    for (const auto& [k, v] : settings) h = fnv1a(h, fmt::format("{}={};", k, v));
  };
  for (const auto& [id, t] : sc.site_types) figures(id, t.figures, t.settings);
  for (const auto& [id, t] : sc.threat_types) {
    figures(id, t.figures, t.settings);
    if (t.rcs_table)
      for (const auto& [band, v] : t.rcs_table->dbsm)
        for (double x : v) h = fnv1a(h, fmt::format("{}:{:.17g};", band, x));
  }
  return fmt::format("{:016x}", h);
}

Store::Store(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
Store::Store(Store&& o) noexcept : path_(std::move(o.path_)), db_(o.db_), info_(std::move(o.info_)) {
  o.db_ = nullptr;
}
Store& Store::operator=(Store&& o) noexcept {
  if (this != &o) {
    sqlite3_close(db_);
    path_ = std::move(o.path_);
    db_ = o.db_;
    info_ = std::move(o.info_);
    o.db_ = nullptr;
  }
  return *this;
}
Store::~Store() { sqlite3_close(db_); }

Store Store::create(const std::string& path, const CampaignInfo& info) {
  std::error_code ec;
  if (fs::exists(path, ec)) throw StoreError(fmt::format("{}: exists already", path));
  Store s(path, open_db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  try {
    exec(s.db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", path);
    exec(s.db_, "BEGIN", path);
    exec(s.db_, kSchema, path);
    Statement kv(s.db_, "INSERT INTO campaign VALUES(?, ?)", s.path_);
    const std::map<std::string, std::string> values{
        {"format", std::to_string(kFormat)},
        {"opensam_version", info.version},
        {"scenario", info.scenario_name},
        {"scenario_hash", info.scenario_hash},
        {"seed", std::to_string(info.seed)},
        {"asset_value_usd", fmt::format("{:.17g}", info.asset_value_usd)}};
    for (const auto& [k, v] : values) kv.bind(1, k).bind(2, v).run();
    Statement pt(s.db_, "INSERT INTO points VALUES(?, ?, ?)", s.path_);
    for (std::size_t i = 0; i < info.points.size(); ++i)
      pt.bind(1, std::int64_t(i))
          .bind(2, info.points[i].label())
          .bind(3, settings_json(info.points[i]).dump())
          .run();
    Statement th(s.db_, "INSERT INTO threats VALUES(?, ?, ?, ?)", s.path_);
    for (std::size_t i = 0; i < info.threat_ids.size(); ++i)
      th.bind(1, std::int64_t(i))
          .bind(2, info.threat_ids[i])
          .bind(3, info.threat_types[i])
          .bind(4, std::int64_t(info.threat_friendly[i]))
          .run();
    exec(s.db_, "COMMIT", path);
  } catch (...) {
    s = Store();
    fs::remove(path, ec);
    fs::remove(path + "-wal", ec);
    fs::remove(path + "-shm", ec);
    throw;
  }
  s.info_ = info;
  return s;
}

Store Store::open(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw StoreError(fmt::format("{}: no such store", path));
  Store s(path, open_db(path, SQLITE_OPEN_READWRITE));
  s.load_info();
  exec(s.db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", path);
  return s;
}

void Store::load_info() {
  std::map<std::string, std::string> kv;
  try {
    Statement st(db_, "SELECT key, value FROM campaign", path_);
    while (st.step()) kv[st.text(0)] = st.text(1);
  } catch (const StoreError&) {
    throw StoreError(fmt::format("{}: not an opensam campaign store", path_));
  }
  if (kv["format"] != std::to_string(kFormat))
    throw StoreError(
        fmt::format("{}: store format '{}', this opensam reads {}", path_, kv["format"], kFormat));
  try {
    info_.version = kv["opensam_version"];
    info_.scenario_name = kv["scenario"];
    info_.scenario_hash = kv["scenario_hash"];
    info_.seed = std::stoull(kv["seed"]);
    info_.asset_value_usd = std::stod(kv["asset_value_usd"]);
    Statement pt(db_, "SELECT settings FROM points ORDER BY point", path_);
    while (pt.step()) {
      SweepPoint p;
      for (const auto& kvp : json::parse(pt.text(0)))
        p.settings.emplace_back(kvp.at(0).get<std::string>(), kvp.at(1).get<std::string>());
      info_.points.push_back(std::move(p));
    }
    Statement th(db_, "SELECT id, type, friendly FROM threats ORDER BY threat", path_);
    while (th.step()) {
      info_.threat_ids.push_back(th.text(0));
      info_.threat_types.push_back(th.text(1));
      info_.threat_friendly.push_back(th.integer(2) != 0);
    }
  } catch (const StoreError&) {
    throw;
  } catch (const std::exception& e) {
    throw StoreError(fmt::format("{}: a damaged campaign store: {}", path_, e.what()));
  }
}

std::vector<std::pair<std::uint32_t, std::uint64_t>> Store::stored() const {
  std::vector<std::pair<std::uint32_t, std::uint64_t>> out;
  Statement st(db_, "SELECT point, replicate FROM replicates ORDER BY point, replicate", path_);
  while (st.step()) out.emplace_back(std::uint32_t(st.integer(0)), std::uint64_t(st.integer(1)));
  return out;
}

std::size_t Store::write(const std::vector<ReplicateRecord>& records) {
  std::size_t added = 0;
  exec(db_, "BEGIN IMMEDIATE", path_);
  try {
    Statement rep(db_, "INSERT OR IGNORE INTO replicates VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", path_);
    Statement out(db_, "INSERT INTO threat_outcomes VALUES(?,?,?,?,?,?,?)", path_);
    Statement fired(db_, "INSERT INTO interceptors VALUES(?,?,?,?,?)", path_);
    for (const ReplicateRecord& r : records) {
      const auto point = std::int64_t(r.point), replicate = std::int64_t(r.replicate);
      const int changed = rep.bind(1, point)
                              .bind(2, replicate)
                              .bind(3, r.end_time_s)
                              .bind(4, std::int64_t(r.hostile))
                              .bind(5, std::int64_t(r.killed))
                              .bind(6, std::int64_t(r.leaked))
                              .bind(7, std::int64_t(r.not_engaged))
                              .bind(8, std::int64_t(r.survived))
                              .bind(9, std::int64_t(r.interceptors))
                              .bind(10, r.cost_usd)
                              .bind(11, r.threat_value_killed_usd)
                              .bind(12, r.asset_value_lost_usd)
                              .bind(13, std::int64_t(r.fratricides))
                              .bind(14, r.first_leak_s)
                              .bind(15, r.gospa_mean_m)
                              .bind(16, r.missed_mean)
                              .bind(17, r.false_tracks_mean)
                              .bind(18, std::int64_t(r.strikes_missed))
                              .run();
      if (changed == 0) continue;  // stored already: counted once
      ++added;
      for (std::size_t i = 0; i < r.threats.size(); ++i) {
        const ThreatRecord& t = r.threats[i];
        out.bind(1, point)
            .bind(2, replicate)
            .bind(3, std::int64_t(i))
            .bind(4, std::string(core::name_of(t.outcome)))
            .bind(5, t.time_s)
            .bind(6, t.killed_by)
            .bind(7, std::int64_t(t.interceptors))
            .run();
      }
      for (const MissileSpend& m : r.missiles)
        fired.bind(1, point)
            .bind(2, replicate)
            .bind(3, m.missile)
            .bind(4, std::int64_t(m.fired))
            .bind(5, m.cost_usd)
            .run();
    }
  } catch (...) {
    exec(db_, "ROLLBACK", path_);
    throw;
  }
  exec(db_, "COMMIT", path_);
  return added;
}

std::vector<ReplicateRecord> Store::read() const {
  std::vector<ReplicateRecord> out;
  std::map<std::pair<std::uint32_t, std::uint64_t>, std::size_t> index;
  Statement rep(db_, "SELECT * FROM replicates ORDER BY point, replicate", path_);
  while (rep.step()) {
    ReplicateRecord r;
    r.point = std::uint32_t(rep.integer(0));
    r.replicate = std::uint64_t(rep.integer(1));
    r.end_time_s = rep.real(2);
    r.hostile = std::uint32_t(rep.integer(3));
    r.killed = std::uint32_t(rep.integer(4));
    r.leaked = std::uint32_t(rep.integer(5));
    r.not_engaged = std::uint32_t(rep.integer(6));
    r.survived = std::uint32_t(rep.integer(7));
    r.interceptors = std::uint32_t(rep.integer(8));
    r.cost_usd = rep.real(9);
    r.threat_value_killed_usd = rep.real(10);
    r.asset_value_lost_usd = rep.real(11);
    r.fratricides = std::uint32_t(rep.integer(12));
    r.first_leak_s = rep.real(13);
    r.gospa_mean_m = rep.real(14);
    r.missed_mean = rep.real(15);
    r.false_tracks_mean = rep.real(16);
    r.strikes_missed = std::uint32_t(rep.integer(17));
    r.threats.resize(info_.threat_ids.size());
    index[{r.point, r.replicate}] = out.size();
    out.push_back(std::move(r));
  }
  Statement th(db_, "SELECT * FROM threat_outcomes ORDER BY point, replicate, threat", path_);
  while (th.step()) {
    const auto it = index.find({std::uint32_t(th.integer(0)), std::uint64_t(th.integer(1))});
    const auto threat = std::size_t(th.integer(2));
    if (it == index.end() || threat >= info_.threat_ids.size())
      throw StoreError(fmt::format("{}: a threat outcome without its replicate", path_));
    ThreatRecord& t = out[it->second].threats[threat];
    t.outcome = outcome_from(th.text(3), path_);
    t.time_s = th.real(4);
    t.killed_by = th.text(5);
    t.interceptors = std::uint32_t(th.integer(6));
  }
  Statement mi(db_, "SELECT * FROM interceptors ORDER BY point, replicate, missile", path_);
  while (mi.step()) {
    const auto it = index.find({std::uint32_t(mi.integer(0)), std::uint64_t(mi.integer(1))});
    if (it == index.end()) throw StoreError(fmt::format("{}: interceptors without their replicate", path_));
    out[it->second].missiles.push_back({mi.text(2), std::uint32_t(mi.integer(3)), mi.real(4)});
  }
  return out;
}

}  // namespace opensam::montecarlo
