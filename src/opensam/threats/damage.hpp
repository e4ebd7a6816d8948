#pragma once
/// @file What a threat's warhead does where it lands: the blast's overpressure, the radius
/// within which a target of a given hardness fails, and the share of a defended area it covers.
/// Pure functions.

namespace opensam::threats {

/// Sea-level standard pressure (Pa), US Standard Atmosphere 1976.
inline constexpr double kSeaLevelPressure_Pa = 101325.0;

/// Incident overpressure (Pa) at `range_m` from a free-air burst of `tnt_kg` of TNT (Kinney and
/// Graham, Explosive Shocks in Air, 2nd ed., 1985, eq. 7.2): p / p0 = 808 (1 + (Z/4.5)^2) /
/// sqrt((1 + (Z/0.048)^2) (1 + (Z/0.32)^2) (1 + (Z/1.35)^2)), Z = R / W^(1/3) in m/kg^(1/3).
[[nodiscard]] double blast_overpressure_pa(double tnt_kg, double range_m);

/// The range within which a burst of `tnt_kg` puts at least `hardness_pa` of overpressure on
/// a target (bisection on the scaled distance); 0 without a charge.
[[nodiscard]] double blast_lethal_radius_m(double tnt_kg, double hardness_pa);

/// The share of a disc of radius `target_radius_m` covered by a disc of radius
/// `lethal_radius_m` whose centre is `offset_m` from it: the circles' intersection area over
/// the target's area.
[[nodiscard]] double covered_share(double lethal_radius_m, double target_radius_m, double offset_m);

}  // namespace opensam::threats
