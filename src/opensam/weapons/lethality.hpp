#pragma once
/// @file Whether a warhead kills: a damage function of the miss distance, and salvos.

namespace opensam::weapons {

/// Kill probability of a burst `miss_m` from the target: the Carleton damage function
/// p = v exp(-(miss / R)^2), whose integral over the plane is the lethal area pi R^2 (Driels,
/// Weaponeering, AIAA 2004, ch. 9), times the target's vulnerability v in [0, 1].
[[nodiscard]] double kill_probability(double miss_m, double lethal_radius_m, double vulnerability);

/// Probability that at least one of `shots` independent shots kills: 1 - (1 - sspk)^n.
[[nodiscard]] double salvo_kill_probability(double sspk, int shots);

}  // namespace opensam::weapons
