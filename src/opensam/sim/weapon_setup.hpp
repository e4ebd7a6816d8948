#pragma once
/// @file From library types to weapon models: a missile type's figures become the flyout's
/// airframe, motor and guidance, and the fire control's published engagement zone.

#include "opensam/scenario/scenario.hpp"
#include "opensam/weapons/missile.hpp"

namespace opensam::sim {

/// Zero-lift drag against Mach, as a fraction of its transonic peak at Mach 1.2: a generic
/// slender-body shape (a modelling assumption after the curves in Fleeman, *Tactical Missile
/// Design*, 2nd ed., 2006, ch. 2), scaled by a type's `drag_coefficient`.
[[nodiscard]] physics::CdTable drag_table(double peak_cd);

/// A missile type from its library figures (the loader has checked the required ones).
[[nodiscard]] weapons::MissileType missile_type(const scenario::SiteType& type);

}  // namespace opensam::sim
