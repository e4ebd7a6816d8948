#pragma once
/// @file The system library: where `type:` references are found on disk.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace opensam::scenario {

/// Which part of the library a reference points into.
enum class LibraryPart { kSystems, kThreats };

/// The data folders searched, in order: $OPENSAM_DATA_DIR, `data/` beside the scenario,
/// the source tree's data/ (builds run from the tree), the installed share/opensam/data.
[[nodiscard]] std::vector<std::filesystem::path> data_dirs(const std::filesystem::path& scenario_dir);

/// The file a type reference names: a `.yaml` path relative to the scenario, else
/// `<data dir>/<systems|threats>/<type>.yaml` in the first data folder that has it.
[[nodiscard]] std::optional<std::filesystem::path> find_type_file(std::string_view type, LibraryPart part,
                                                                  const std::filesystem::path& scenario_dir);

/// Every type reference the library offers for `part` (for "did you mean").
[[nodiscard]] std::vector<std::string> available_types(LibraryPart part,
                                                       const std::filesystem::path& scenario_dir);

}  // namespace opensam::scenario
