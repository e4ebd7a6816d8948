#include "opensam/output/sqlite.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cerrno>
#include <cstdlib>
#include <sstream>

namespace opensam::output {

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

namespace {

class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
      error_ = fmt::format("cannot create '{}': {}", path, db_ ? sqlite3_errmsg(db_) : "out of memory");
  }
  ~Db() { sqlite3_close(db_); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  bool exec(const std::string& sql) {
    char* msg = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg) == SQLITE_OK) return true;
    error_ = msg ? msg : "sqlite error";
    sqlite3_free(msg);
    return false;
  }
  sqlite3* get() { return db_; }
  std::string& error() { return error_; }

 private:
  sqlite3* db_ = nullptr;
  std::string error_;
};

std::string quote_identifier(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

/// Binds a cell: NULL when empty, INTEGER or REAL when the whole text is a number, else TEXT.
void bind_cell(sqlite3_stmt* st, int k, const std::string& v) {
  if (v.empty()) {
    sqlite3_bind_null(st, k);
    return;
  }
  char* end = nullptr;
  errno = 0;
  const long long i = std::strtoll(v.c_str(), &end, 10);
  if (errno == 0 && end == v.c_str() + v.size()) {
    sqlite3_bind_int64(st, k, i);
    return;
  }
  errno = 0;
  const double d = std::strtod(v.c_str(), &end);
  if (errno == 0 && end == v.c_str() + v.size() && v.find_first_of("nNiI") == std::string::npos) {
    sqlite3_bind_double(st, k, d);
    return;
  }
  sqlite3_bind_text(st, k, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

bool load_table(Db& db, const std::string& name, const std::string& csv) {
  std::istringstream in(csv);
  std::string line;
  if (!std::getline(in, line)) return true;
  const std::vector<std::string> header = split_csv_line(line);
  std::string create = "CREATE TABLE " + quote_identifier(name) + " (";
  std::string insert = "INSERT INTO " + quote_identifier(name) + " VALUES (";
  for (std::size_t k = 0; k < header.size(); ++k) {
    create += (k ? ", " : "") + quote_identifier(header[k]);
    insert += k ? ", ?" : "?";
  }
  if (!db.exec(create + ")")) return false;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db.get(), (insert + ")").c_str(), -1, &st, nullptr) != SQLITE_OK) {
    db.error() = sqlite3_errmsg(db.get());
    return false;
  }
  bool ok = true;
  while (ok && std::getline(in, line)) {
    const std::vector<std::string> row = split_csv_line(line);
    for (std::size_t k = 0; k < header.size(); ++k)
      bind_cell(st, static_cast<int>(k + 1), k < row.size() ? row[k] : std::string());
    if (sqlite3_step(st) != SQLITE_DONE) {
      db.error() = sqlite3_errmsg(db.get());
      ok = false;
    }
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  return ok;
}

}  // namespace

std::string write_run_sqlite(const std::string& path,
                             const std::vector<std::pair<std::string, std::string>>& tables,
                             const std::string& summary_json) {
  Db db(path);
  if (!db.error().empty()) return db.error();
  if (!db.exec("PRAGMA journal_mode=OFF; BEGIN")) return db.error();
  for (const auto& [name, csv] : tables)
    if (!load_table(db, name, csv)) return fmt::format("cannot write '{}': {}", path, db.error());
  sqlite3_stmt* st = nullptr;
  if (!db.exec("CREATE TABLE run (summary_json TEXT)") ||
      sqlite3_prepare_v2(db.get(), "INSERT INTO run VALUES (?)", -1, &st, nullptr) != SQLITE_OK)
    return fmt::format("cannot write '{}': {}", path,
                       db.error().empty() ? sqlite3_errmsg(db.get()) : db.error());
  sqlite3_bind_text(st, 1, summary_json.c_str(), static_cast<int>(summary_json.size()), SQLITE_TRANSIENT);
  const bool inserted = sqlite3_step(st) == SQLITE_DONE;
  sqlite3_finalize(st);
  if (!inserted || !db.exec("COMMIT"))
    return fmt::format("cannot write '{}': {}", path, sqlite3_errmsg(db.get()));
  return {};
}

}  // namespace opensam::output
