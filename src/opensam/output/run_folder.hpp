#pragma once
/// @file An output folder that appears whole or not at all: files are written into a hidden
/// temporary sibling, which is renamed onto the final name when everything is written.

#include <filesystem>
#include <string>
#include <string_view>

namespace opensam::output {

class RunFolder {
 public:
  /// Creates the temporary folder beside `final_dir` (and its parents). Throws
  /// std::filesystem::filesystem_error when it cannot.
  explicit RunFolder(std::filesystem::path final_dir);
  /// Removes the temporary folder unless commit() succeeded.
  ~RunFolder();
  RunFolder(const RunFolder&) = delete;
  RunFolder& operator=(const RunFolder&) = delete;

  /// Writes one file into the folder (throws on failure).
  void write(std::string_view name, std::string_view content) const;
  /// Path of a file inside the temporary folder, for writers that stream.
  [[nodiscard]] std::filesystem::path file(std::string_view name) const { return temp_ / name; }
  /// Replaces `final_dir` (if it exists) with the written folder.
  void commit();
  [[nodiscard]] const std::filesystem::path& final_dir() const { return final_; }

 private:
  std::filesystem::path final_;
  std::filesystem::path temp_;
  bool committed_ = false;
};

}  // namespace opensam::output
