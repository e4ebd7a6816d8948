#pragma once
/// @file Input errors as values: where (file, line, column), which field, and what is wrong.

#include <string>
#include <vector>

namespace opensam::core {

/// A place in an input file; line and column count from 1 (0 = unknown).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

/// One input error, printed as `FILE:LINE:COL: path.to.field: message`.
struct Diagnostic {
  SourceLocation where;
  std::string path;  ///< dotted field path, e.g. `threats[2].route[0].speed`
  std::string message;

  [[nodiscard]] std::string str() const;
};

/// Collects every error of one load so that all are reported at once.
class Diagnostics {
 public:
  void add(SourceLocation where, std::string path, std::string message);
  void append(const Diagnostics& other);
  [[nodiscard]] bool empty() const { return items_.empty(); }
  [[nodiscard]] std::size_t size() const { return items_.size(); }
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  /// All diagnostics, one per line, in the order they were found.
  [[nodiscard]] std::string str() const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace opensam::core
