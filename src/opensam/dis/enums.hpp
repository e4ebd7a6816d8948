#pragma once
/// @file What DIS calls opensam's library types: SISO-REF-010 entity types, force IDs and
/// emitter names. Types the reference does not enumerate get their kind, domain, country and
/// category with subcategory 0 (unspecified).

#include <cstdint>
#include <optional>
#include <string_view>

#include "opensam/dis/pdu.hpp"
#include "opensam/scenario/scenario.hpp"

namespace opensam::dis {

/// The entity type of a library type ("s400/92N6E", "f16c", "s400/48N6E3"); `threat_kind` is the
/// threat type's kind for types not in the table, none for systems.
[[nodiscard]] EntityType entity_type(std::string_view library_type,
                                     std::optional<scenario::ThreatKind> threat_kind);

/// The emitter of a radar type: SISO-REF-010 emitter name and emitter system function.
struct Emitter {
  std::uint16_t name = 0;
  std::uint8_t function = 0;
  std::uint8_t beam_function = 1;  ///< 1 search, 5 acquisition and tracking
};
[[nodiscard]] Emitter emitter(std::string_view library_type);

}  // namespace opensam::dis
