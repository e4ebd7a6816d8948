// libFuzzer target: whatever datagram arrives, the DIS decoder returns a PDU or a reason, never
// crashes, hangs or allocates without bound; and a PDU it accepts survives encode and decode
// unchanged (encode(decode(x)) is a fixed point).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "opensam/dis/pdu.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto first = opensam::dis::decode(std::span(data, size));
  if (!first.pdu) return 0;
  const std::vector<std::uint8_t> bytes = opensam::dis::encode(*first.pdu);
  if (bytes.size() > opensam::dis::kMaxPduBytes) __builtin_trap();
  const auto second = opensam::dis::decode(bytes);
  if (!second.pdu) __builtin_trap();
  if (opensam::dis::encode(*second.pdu) != bytes) __builtin_trap();
  return 0;
}
