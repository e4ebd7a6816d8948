#include "opensam/output/table.hpp"

#include <fmt/format.h>

#include <cmath>

namespace opensam::output {

std::size_t Column::size() const {
  switch (kind) {
    case Kind::kReal: return real.size();
    case Kind::kInteger: return integer.size();
    case Kind::kText: return codes.size();
  }
  return 0;
}

namespace {
/// RFC 4180 quoting where needed.
void append_field(std::string& out, const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}
}  // namespace

std::size_t Table::add(std::string name, Column::Kind kind, int decimals) {
  Column& c = columns_.emplace_back();
  c.name = std::move(name);
  c.kind = kind;
  c.decimals = decimals;
  lookup_.emplace_back();
  return columns_.size() - 1;
}

void Table::reserve(std::size_t rows) {
  for (Column& c : columns_) {
    c.real.reserve(c.kind == Column::Kind::kReal ? rows : 0);
    c.integer.reserve(c.kind == Column::Kind::kInteger ? rows : 0);
    c.codes.reserve(c.kind == Column::Kind::kText ? rows : 0);
  }
}

void Table::push_text(std::size_t column, std::string_view v) {
  Column& c = columns_[column];
  auto [it, added] = lookup_[column].try_emplace(std::string(v), std::int32_t(c.dictionary.size()));
  if (added) c.dictionary.emplace_back(v);
  c.codes.push_back(it->second);
}

std::string to_csv(const Table& table) {
  std::string out;
  const auto& columns = table.columns();
  for (std::size_t j = 0; j < columns.size(); ++j) {
    if (j > 0) out += ',';
    out += columns[j].name;
  }
  out += '\n';
  auto it = std::back_inserter(out);
  for (std::size_t i = 0; i < table.rows(); ++i) {
    for (std::size_t j = 0; j < columns.size(); ++j) {
      const Column& c = columns[j];
      if (j > 0) out += ',';
      switch (c.kind) {
        case Column::Kind::kReal:
          if (std::isfinite(c.real[i])) fmt::format_to(it, "{:.{}f}", c.real[i], c.decimals);
          break;
        case Column::Kind::kInteger: fmt::format_to(it, "{}", c.integer[i]); break;
        case Column::Kind::kText: append_field(out, c.dictionary[std::size_t(c.codes[i])]); break;
      }
    }
    out += '\n';
  }
  return out;
}

}  // namespace opensam::output
