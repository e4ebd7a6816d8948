#pragma once
/// @file A missile type as the fire control and the flyout see it: the flight figures, the
/// published envelope the fire control holds to, the warhead and the price.

#include <string>

#include "opensam/weapons/interceptor.hpp"

namespace opensam::weapons {

/// Zero-lift drag against Mach, as a fraction of its transonic peak at Mach 1.2: a generic
/// slender-body shape (a modelling assumption after the curves in Fleeman, *Tactical Missile
/// Design*, 2nd ed., 2006, ch. 2), scaled by a type's `drag_coefficient`.
[[nodiscard]] physics::CdTable drag_table(double peak_cd);

struct MissileType {
  std::string id;  ///< library reference, e.g. "s400/48N6E2"
  std::string name;
  InterceptorType flight;
  double lethal_radius_m = 0.0;  ///< the fire control's planning figure (Carleton damage function)
  double unit_cost_usd = 0.0;
  int per_tube = 1;
  // The published engagement zone: the fire control launches only inside it.
  double max_range_m = 0.0;
  double max_range_ballistic_m = 0.0;
  double min_range_m = 0.0;
  double max_altitude_m = 0.0;
  double min_altitude_m = 0.0;
  double max_target_speed_mps = 0.0;
  double max_speed_mps = 0.0;  ///< published peak speed; 0 when not published
};

}  // namespace opensam::weapons
