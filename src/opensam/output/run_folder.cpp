#include "opensam/output/run_folder.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <system_error>

namespace opensam::output {

namespace fs = std::filesystem;

namespace {
fs::path sibling(const fs::path& dir, std::string_view tag) {
  // Unique per process: the pid, and a counter for several folders in one process.
  static unsigned counter = 0;
  return dir.parent_path() / fmt::format(".{}.{}-{}-{}", dir.filename().string(), tag, ::getpid(), counter++);
}
}  // namespace

RunFolder::RunFolder(fs::path final_dir) : final_(std::move(final_dir)) {
  if (final_.filename().empty()) final_ = final_.parent_path();
  if (final_.parent_path().empty()) final_ = fs::path(".") / final_;
  fs::create_directories(final_.parent_path());
  temp_ = sibling(final_, "tmp");
  fs::create_directory(temp_);
}

RunFolder::~RunFolder() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(temp_, ec);
  }
}

void RunFolder::write(std::string_view name, std::string_view content) const {
  const fs::path p = temp_ / name;
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(content.data(), std::streamsize(content.size()));
  out.close();
  if (!out) {
    throw fs::filesystem_error("cannot write", p, std::make_error_code(std::errc::io_error));
  }
}

void RunFolder::commit() {
  std::error_code ec;
  if (fs::exists(final_, ec)) {
    // Move the old folder aside first, so that a failure leaves either the old or the new one.
    const fs::path old = sibling(final_, "old");
    fs::rename(final_, old);
    fs::rename(temp_, final_);
    fs::remove_all(old, ec);
  } else {
    fs::rename(temp_, final_);
  }
  committed_ = true;
}

}  // namespace opensam::output
