#include "opensam/core/csv.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "opensam/core/text.hpp"

namespace opensam::core {

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) out.push_back(std::string(trim(field)));
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

}  // namespace

std::optional<CsvFile> read_csv(const std::string& path, std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = fmt::format("{}: cannot read", path);
    return std::nullopt;
  }
  CsvFile csv{path, {}, {}, {}};
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty() || line[0] == '#') continue;
    if (csv.header.empty()) {
      csv.header = split(line);
      continue;
    }
    csv.rows.push_back(split(line));
    csv.lines.push_back(n);
  }
  if (csv.header.empty()) {
    error = fmt::format("{}: no header row", path);
    return std::nullopt;
  }
  return csv;
}

CsvColumns::CsvColumns(const CsvFile& csv, std::initializer_list<std::string_view> known,
                       std::string& error) {
  for (std::size_t i = 0; i < csv.header.size(); ++i) {
    const std::string& h = csv.header[i];
    bool ok = false;
    for (auto k : known) ok = ok || k == h;
    if (!ok) {
      const std::vector<std::string_view> names(known.begin(), known.end());
      const auto hint = closest_match(h, names);
      error = fmt::format("{}:1: unknown column '{}'{}", csv.file, h,
                          hint ? fmt::format(" (did you mean '{}'?)", *hint) : std::string());
      return;
    }
    if (index_.count(h)) {
      error = fmt::format("{}:1: column '{}' appears twice", csv.file, h);
      return;
    }
    index_[h] = int(i);
  }
}

std::optional<double> csv_number(const CsvFile& csv, std::size_t row, int col, std::string& error) {
  const auto& r = csv.rows[row];
  if (std::size_t(col) >= r.size()) {
    error = fmt::format("{}:{}: {}: missing value", csv.file, csv.lines[row], csv.header[std::size_t(col)]);
    return std::nullopt;
  }
  const auto v = parse_number(r[std::size_t(col)]);
  if (!v || !std::isfinite(*v)) {
    error = fmt::format("{}:{}: {}: '{}' is not a number", csv.file, csv.lines[row],
                        csv.header[std::size_t(col)], r[std::size_t(col)]);
    return std::nullopt;
  }
  return v;
}

}  // namespace opensam::core
