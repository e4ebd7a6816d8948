#include "opensam/core/rng.hpp"

#include <Random123/philox.h>

#include <Random123/boxmuller.hpp>

namespace opensam::core {

RngStream::RngStream(std::uint64_t seed, std::uint64_t replicate, std::string_view name)
    : key_{seed, stream_id(name)}, counter_{0, replicate, 0, 0} {}

std::array<std::uint64_t, 4> RngStream::philox4x64_10(const std::array<std::uint64_t, 4>& counter,
                                                      const std::array<std::uint64_t, 2>& key) {
  r123::Philox4x64_R<10> gen;
  const r123::Philox4x64_R<10>::ctr_type c{{counter[0], counter[1], counter[2], counter[3]}};
  const r123::Philox4x64_R<10>::key_type k{{key[0], key[1]}};
  const auto out = gen(c, k);
  return {out[0], out[1], out[2], out[3]};
}

void RngStream::refill() {
  block_ = philox4x64_10(counter_, key_);
  ++counter_[0];
  next_ = 0;
}

std::uint64_t RngStream::next_u64() {
  if (next_ == 4) refill();
  return block_[std::size_t(next_++)];
}

double RngStream::uniform() { return double(next_u64() >> 11) * 0x1.0p-53; }

double RngStream::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_normal_;
  }
  const std::uint64_t a = next_u64();
  const std::uint64_t b = next_u64();
  const auto pair = r123::boxmuller(a, b);
  spare_normal_ = pair.y;
  has_spare_ = true;
  return pair.x;
}

}  // namespace opensam::core
