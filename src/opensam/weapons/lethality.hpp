#pragma once
/// @file Salvos: the chance that one of several independent shots kills.

namespace opensam::weapons {

/// Probability that at least one of `shots` independent shots kills: 1 - (1 - sspk)^n.
[[nodiscard]] double salvo_kill_probability(double sspk, int shots);

}  // namespace opensam::weapons
