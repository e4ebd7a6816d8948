#pragma once
/// @file run.sqlite (`opensam run --sqlite`): the run's logs as tables for SQL, one table per CSV
/// of the run folder with the same columns (numbers as REAL or INTEGER, empty cells NULL), and
/// the summary as JSON in table `run`.

#include <string>
#include <utility>
#include <vector>

namespace opensam::output {

/// Writes `path` (which must not exist) with a table per (name, CSV text) and a one-row table
/// `run(summary_json)`, in one transaction. Returns an error message, empty on success.
[[nodiscard]] std::string write_run_sqlite(const std::string& path,
                                           const std::vector<std::pair<std::string, std::string>>& tables,
                                           const std::string& summary_json);

/// Splits one line of our CSV (RFC 4180 quoting) into its fields.
[[nodiscard]] std::vector<std::string> split_csv_line(const std::string& line);

}  // namespace opensam::output
