#pragma once
/// @file Reading horizontal positions as people write them.

#include <string>
#include <string_view>

namespace opensam::geo {

/// A point on the ellipsoid, degrees.
struct LatLon {
  double lat_deg = 0.0;
  double lon_deg = 0.0;
};

/// Outcome of parse_lat_lon: `ok` and the point, or a message.
struct LatLonParse {
  bool ok = false;
  LatLon value;
  std::string error;
};

/// Parses "39.95N 32.69E", "39d57'N 32d41'24\"E", "-33.9 151.2" (latitude first unless
/// hemisphere letters say otherwise), with GeographicLib::DMS::DecodeLatLon.
[[nodiscard]] LatLonParse parse_lat_lon(std::string_view text);

/// Checks latitude in [-90, 90] and longitude in [-180, 360); empty string when valid.
[[nodiscard]] std::string check_lat_lon(double lat_deg, double lon_deg);

}  // namespace opensam::geo
