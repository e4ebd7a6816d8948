#include "opensam/core/entity.hpp"

namespace opensam::core {

std::string_view entity_kind_name(EntityKind k) {
  switch (k) {
    case EntityKind::kSite: return "site";
    case EntityKind::kAsset: return "asset";
    case EntityKind::kThreat: return "threat";
    case EntityKind::kInterceptor: return "interceptor";
  }
  return "entity";
}

}  // namespace opensam::core
