#include "opensam/dis/enums.hpp"

#include <array>

namespace opensam::dis {

namespace {

// Countries (SISO-REF-010, "Country"): 222 Russia, 225 United States, 101 Iran.
constexpr std::uint16_t kRussia = 222;
constexpr std::uint16_t kUsa = 225;
constexpr std::uint16_t kIran = 101;

struct Named {
  std::string_view type;
  EntityType entity;
};

// SISO-REF-010 v28: S-400 (SA-21) platforms 1.1.222.28.24.x (category 28, Air Defense / Missile
// Defense Unit Equipment) and missiles 2.1.222.1.44.x (Anti-Air, Guided); aircraft 1.2.country.
// category (1 Fighter/Air Defense, 2 Attack/Strike, 3 Bomber, 6 Electronic Warfare, 50 Unmanned);
// munitions 2.domain.country.category (domain 4 Anti-Radar, 11 Tactical; category 1 guided,
// 2 ballistic).
constexpr std::array kTable{
    Named{"s400/5P85SE2", {1, 1, kRussia, 28, 24, 1, 0}},
    Named{"s400/55K6E", {1, 1, kRussia, 28, 24, 3, 0}},
    Named{"s400/92N6E", {1, 1, kRussia, 28, 24, 4, 0}},
    Named{"s400/91N6E", {1, 1, kRussia, 28, 24, 5, 0}},
    Named{"s400/96L6E", {1, 1, kRussia, 28, 24, 0, 0}},
    Named{"s400/9M96E", {2, 1, kRussia, 1, 44, 1, 0}},
    Named{"s400/9M96E2", {2, 1, kRussia, 1, 44, 2, 0}},
    Named{"s400/48N6E3", {2, 1, kRussia, 1, 44, 3, 0}},
    Named{"s400/40N6E", {2, 1, kRussia, 1, 44, 5, 0}},
    Named{"s400/48N6E", {2, 1, kRussia, 1, 44, 0, 0}},
    Named{"s400/48N6E2", {2, 1, kRussia, 1, 44, 0, 0}},
    Named{"f16c", {1, 2, kUsa, 1, 0, 0, 0}},
    Named{"f35a", {1, 2, kUsa, 1, 0, 0, 0}},
    Named{"f15e", {1, 2, kUsa, 2, 0, 0, 0}},
    Named{"b52h", {1, 2, kUsa, 3, 0, 0, 0}},
    Named{"ea18g", {1, 2, kUsa, 6, 0, 0, 0}},
    Named{"adm160", {1, 2, kUsa, 50, 0, 0, 0}},
    Named{"adm160j", {1, 2, kUsa, 50, 0, 0, 0}},
    Named{"multirotor", {1, 2, 0, 50, 0, 0, 0}},
    Named{"shahed136", {1, 2, kIran, 50, 0, 0, 0}},
    Named{"tomahawk", {2, 11, kUsa, 1, 0, 0, 0}},
    Named{"agm88", {2, 4, kUsa, 1, 0, 0, 0}},
    Named{"iskander", {2, 11, kRussia, 2, 0, 0, 0}},
    Named{"srbm300", {2, 11, 0, 2, 0, 0, 0}},
};

struct NamedEmitter {
  std::string_view type;
  Emitter emitter;
};

// SISO-REF-010 emitter names (Big Bird 9659, Grave Stone 16960, Cheese Board 11020) and emitter
// system functions (4 Fire Control, 5 Acquisition/Detection); beam functions 1 search, 5
// acquisition and tracking.
constexpr std::array kEmitters{
    NamedEmitter{"s400/91N6E", {9659, 5, 1}},
    NamedEmitter{"s400/92N6E", {16960, 4, 5}},
    NamedEmitter{"s400/96L6E", {11020, 5, 1}},
};

}  // namespace

EntityType entity_type(std::string_view library_type, std::optional<scenario::ThreatKind> threat_kind) {
  using scenario::ThreatKind;
  for (const Named& n : kTable) {
    if (n.type == library_type) return n.entity;
  }
  if (threat_kind) {
    switch (*threat_kind) {
      case ThreatKind::kAircraft: return {1, 2, 0, 0, 0, 0, 0};
      case ThreatKind::kDrone:
      case ThreatKind::kDecoy: return {1, 2, 0, 50, 0, 0, 0};
      case ThreatKind::kArm: return {2, 4, 0, 1, 0, 0, 0};
      case ThreatKind::kBallisticMissile: return {2, 11, 0, 2, 0, 0, 0};
      case ThreatKind::kCruiseMissile: return {2, 11, 0, 1, 0, 0, 0};
    }
  }
  if (library_type.starts_with("s400/")) return {1, 1, kRussia, 28, 24, 0, 0};
  return {};
}

Emitter emitter(std::string_view library_type) {
  for (const NamedEmitter& n : kEmitters) {
    if (n.type == library_type) return n.emitter;
  }
  return {0, 0, 1};
}

}  // namespace opensam::dis
