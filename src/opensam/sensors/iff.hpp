#pragma once
/// @file The defence's IFF interrogator: it interrogates where a track is and meets whatever
/// flies there (a sensor reads truth). A friendly answers when its transponder speaks the
/// interrogator's mode.

#include <string>
#include <string_view>

#include "opensam/geo/frames.hpp"
#include "opensam/threats/movers.hpp"

namespace opensam::sensors {

/// Whether an interrogation at `position_m` (a track's estimate, `sigma_m` its uncertainty) is
/// answered: the flying threat nearest it within 1 km or 3 sigma is a friendly of the scenario
/// whose transponder is `mode` (none: the defence has no interrogator).
[[nodiscard]] bool iff_answers(const threats::Movers& threats, const geo::Vec3& position_m, double sigma_m,
                               threats::IffMode mode);

}  // namespace opensam::sensors
