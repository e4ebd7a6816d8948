#pragma once
/// @file Counter-based random streams (Philox4x64-10, Salmon et al., "Parallel random numbers:
/// as easy as 1, 2, 3", SC'11), keyed by (seed, replicate, stream name).
///
/// A stream's draws depend only on its own key: adding an entity, another stream or a thread
/// never changes them. Replications vary `replicate`, not the seed.

#include <array>
#include <cstdint>
#include <string_view>

namespace opensam::core {

/// 64-bit FNV-1a hash of a stream name (Fowler, Noll, Vo; IETF draft-eastlake-fnv).
[[nodiscard]] constexpr std::uint64_t stream_id(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// One named random stream. Cheap to create and copy; no allocation.
class RngStream {
 public:
  /// The stream `name` of replicate `replicate` of a run seeded with `seed`.
  RngStream(std::uint64_t seed, std::uint64_t replicate, std::string_view name);

  /// The next 64 random bits.
  std::uint64_t next_u64();
  /// Uniform in [0, 1), 53 random bits.
  double uniform();
  /// Uniform in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Standard normal (Box-Muller on two uniforms).
  double normal();
  /// Normal with mean and standard deviation.
  double normal(double mean, double sigma) { return mean + sigma * normal(); }

  /// Philox4x64-10 of one block: the raw generator, exposed for known-answer tests.
  static std::array<std::uint64_t, 4> philox4x64_10(const std::array<std::uint64_t, 4>& counter,
                                                    const std::array<std::uint64_t, 2>& key);

 private:
  void refill();

  std::array<std::uint64_t, 2> key_;
  std::array<std::uint64_t, 4> counter_;
  std::array<std::uint64_t, 4> block_{};
  int next_ = 4;
  double spare_normal_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace opensam::core
