// libFuzzer target: whatever bytes the scenario loader gets, it returns a scenario or errors,
// never crashes, hangs or leaks.
#include <cstddef>
#include <cstdint>
#include <string>

#include "opensam/scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto result = opensam::scenario::load_from_string(text, "fuzz.yaml", OPENSAM_FUZZ_BASE_DIR);
  // Either outcome is fine; an accepted scenario must be complete.
  if (result.ok() && (result.scenario.name.empty() || result.scenario.threats.empty())) __builtin_trap();
  return 0;
}
