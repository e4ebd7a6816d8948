#pragma once
/// @file The entities of a run (sites, assets, threats, interceptors) by index, the table that
/// names them, and the run-wide messages about sites that every component may hear.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "opensam/core/names.hpp"

namespace opensam::core {

using EntityIndex = std::uint32_t;
inline constexpr EntityIndex kNoEntity = std::numeric_limits<EntityIndex>::max();

enum class EntityKind : std::uint8_t { kSite, kAsset, kThreat, kInterceptor };
/// As written in the logs.
constexpr auto names(EntityKind) {
  return std::to_array<Named<EntityKind>>({{EntityKind::kSite, "site"},
                                           {EntityKind::kAsset, "asset"},
                                           {EntityKind::kThreat, "threat"},
                                           {EntityKind::kInterceptor, "interceptor"}});
}

/// Something in the world, by the id the scenario gave it.
struct Entity {
  std::string id;
  EntityKind kind;
  std::string type;  ///< library type, empty for assets
};

/// Every entity of a run, in the order they came into it: sites, assets and threats of the
/// scenario, then interceptors and entities of other simulations as they appear.
class EntityTable {
 public:
  EntityIndex add(Entity e) {
    entities_.push_back(std::move(e));
    return EntityIndex(entities_.size() - 1);
  }
  [[nodiscard]] const Entity& operator[](EntityIndex i) const { return entities_[i]; }
  [[nodiscard]] std::size_t size() const { return entities_.size(); }
  [[nodiscard]] const std::vector<Entity>& all() const { return entities_; }
  [[nodiscard]] std::vector<Entity> take() { return std::move(entities_); }

 private:
  std::vector<Entity> entities_;
};

/// Asks for a site to be put out of action: a scripted strike, an anti-radiation missile's
/// impact, a weapon of another simulation.
struct DestroySite {
  EntityIndex site;
};

/// A site element was put out of action (once per site).
struct SiteDestroyed {
  EntityIndex site;
};

}  // namespace opensam::core
