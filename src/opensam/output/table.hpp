#pragma once
/// @file A table as typed columns: what a run's logs are (writers.hpp) before they become CSV
/// files or the Python module's data frames.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace opensam::output {

/// One column. Numbers are doubles (NaN: no value, an empty CSV field) printed with a fixed
/// number of decimals, or whole numbers; text is coded against a dictionary of its distinct
/// values (in order of first appearance).
struct Column {
  enum class Kind : std::uint8_t { kReal, kInteger, kText };
  std::string name;
  Kind kind = Kind::kReal;
  int decimals = 0;  ///< of a real column in CSV
  std::vector<double> real;
  std::vector<std::int64_t> integer;
  std::vector<std::int32_t> codes;  ///< index into `dictionary`
  std::vector<std::string> dictionary;

  [[nodiscard]] std::size_t size() const;
};

/// Columns of equal length.
class Table {
 public:
  /// Adds a column; returns its index.
  std::size_t add_real(std::string name, int decimals) {
    return add(std::move(name), Column::Kind::kReal, decimals);
  }
  std::size_t add_integer(std::string name) { return add(std::move(name), Column::Kind::kInteger, 0); }
  std::size_t add_text(std::string name) { return add(std::move(name), Column::Kind::kText, 0); }
  void reserve(std::size_t rows);

  void push(std::size_t column, double v) { columns_[column].real.push_back(v); }
  void push_integer(std::size_t column, std::int64_t v) { columns_[column].integer.push_back(v); }
  void push_text(std::size_t column, std::string_view v);

  [[nodiscard]] const std::vector<Column>& columns() const { return columns_; }
  /// The columns, moved out of the table.
  [[nodiscard]] std::vector<Column> take_columns() && { return std::move(columns_); }
  [[nodiscard]] std::size_t rows() const { return columns_.empty() ? 0 : columns_.front().size(); }

 private:
  std::size_t add(std::string name, Column::Kind kind, int decimals);

  std::vector<Column> columns_;
  /// Per column, the code of each text value (empty for numbers).
  std::vector<std::unordered_map<std::string, std::int32_t>> lookup_;
};

/// The table as CSV with a header line (RFC 4180 quoting where needed).
[[nodiscard]] std::string to_csv(const Table& table);

}  // namespace opensam::output
