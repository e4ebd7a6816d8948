#include "opensam/core/diagnostic.hpp"

#include <fmt/format.h>

namespace opensam::core {

std::string Diagnostic::str() const {
  const std::string& field = path.empty() ? std::string("(document)") : path;
  if (where.line <= 0) return fmt::format("{}: {}: {}", where.file, field, message);
  return fmt::format("{}:{}:{}: {}: {}", where.file, where.line, where.column, field, message);
}

void Diagnostics::add(SourceLocation where, std::string path, std::string message) {
  items_.push_back({std::move(where), std::move(path), std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::string Diagnostics::str() const {
  std::string out;
  for (const auto& d : items_) {
    out += d.str();
    out += '\n';
  }
  return out;
}

}  // namespace opensam::core
