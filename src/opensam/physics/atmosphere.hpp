#pragma once
/// @file U.S. Standard Atmosphere, 1976 (NOAA/NASA/USAF, NOAA-S/T 76-1562), lower 86 km.

namespace opensam::physics {

/// State of the standard atmosphere at one altitude (SI units).
struct AtmosphereState {
  double temperature_k;
  double pressure_pa;
  double density_kg_m3;
  double speed_of_sound_mps;
};

/// The 1976 standard atmosphere at geometric altitude `altitude_m` above mean sea level.
///
/// Seven layers of constant lapse rate in geopotential altitude up to 86 km geometric
/// (84.852 km geopotential), hydrostatic pressure, ideal-gas density, a = sqrt(gamma R T).
/// Above 86 km the top layer continues isothermally (an exponential pressure decay): a
/// modelling extension, not part of the standard. Valid from -5 km; below that every field
/// is NaN. Accuracy: matches the published tables to their printed digits.
[[nodiscard]] AtmosphereState standard_atmosphere(double altitude_m);

/// Speed of sound (m/s) at `altitude_m`, from standard_atmosphere().
[[nodiscard]] double speed_of_sound_mps(double altitude_m);

}  // namespace opensam::physics
