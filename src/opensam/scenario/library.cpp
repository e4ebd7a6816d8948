#include "opensam/scenario/library.hpp"

#include <algorithm>
#include <cstdlib>
#include <system_error>

namespace opensam::scenario {

namespace fs = std::filesystem;

namespace {
std::string_view part_folder(LibraryPart part) {
  return part == LibraryPart::kSystems ? "systems" : "threats";
}

bool safe_reference(std::string_view type) {
  // A library reference stays inside the library: no absolute paths, no "..".
  if (type.empty() || type.front() == '/') return false;
  return type.find("..") == std::string_view::npos;
}
}  // namespace

std::vector<fs::path> data_dirs(const fs::path& scenario_dir) {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("OPENSAM_DATA_DIR"); env != nullptr && *env != '\0') {
    dirs.emplace_back(env);
  }
  dirs.push_back(scenario_dir / "data");
  dirs.emplace_back(OPENSAM_SOURCE_DATA_DIR);
  dirs.emplace_back(OPENSAM_INSTALL_DATA_DIR);
  return dirs;
}

std::optional<fs::path> find_type_file(std::string_view type, LibraryPart part,
                                       const fs::path& scenario_dir) {
  std::error_code ec;
  if (type.size() > 5 && type.substr(type.size() - 5) == ".yaml") {
    fs::path p = scenario_dir / fs::path(type);
    if (fs::is_regular_file(p, ec)) return p;
    return std::nullopt;
  }
  if (!safe_reference(type)) return std::nullopt;
  for (const auto& dir : data_dirs(scenario_dir)) {
    fs::path p = dir / part_folder(part) / (std::string(type) + ".yaml");
    if (fs::is_regular_file(p, ec)) return p;
  }
  return std::nullopt;
}

std::vector<std::string> available_types(LibraryPart part, const fs::path& scenario_dir) {
  std::vector<std::string> out;
  for (const auto& dir : data_dirs(scenario_dir)) {
    const fs::path root = dir / part_folder(part);
    std::error_code ec;
    if (!fs::is_directory(root, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(root, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->path().extension() != ".yaml") continue;
      fs::path rel = fs::relative(it->path(), root, ec);
      rel.replace_extension();
      out.push_back(rel.generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace opensam::scenario
