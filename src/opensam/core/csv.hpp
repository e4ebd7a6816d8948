#pragma once
/// @file Comma-separated files read whole: a header row, then rows of fields with their line
/// numbers, and numbers from them with errors that name the file, line and column.

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace opensam::core {

/// A CSV file: header names and rows of (trimmed) fields; blank lines and lines starting with
/// '#' skipped.
struct CsvFile {
  std::string file;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;  ///< each row's line number (1-based)
};

/// The file at `path`, or nothing and `error` ("FILE: cannot read", "FILE: no header row").
[[nodiscard]] std::optional<CsvFile> read_csv(const std::string& path, std::string& error);

/// Column positions by name, the header checked against the names the file may have.
class CsvColumns {
 public:
  /// `error` names an unknown column (with "did you mean") or a repeated one, at line 1.
  CsvColumns(const CsvFile& csv, std::initializer_list<std::string_view> known, std::string& error);
  [[nodiscard]] bool has(const std::string& name) const { return index_.count(name) != 0; }
  [[nodiscard]] int at(const std::string& name) const { return index_.at(name); }

 private:
  std::map<std::string, int> index_;
};

/// The number in column `col` of row `row`, or nothing and `error` naming file, line and column.
[[nodiscard]] std::optional<double> csv_number(const CsvFile& csv, std::size_t row, int col,
                                               std::string& error);

}  // namespace opensam::core
