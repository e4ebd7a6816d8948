#include "opensam/geo/position.hpp"

#include <fmt/format.h>

#include <GeographicLib/DMS.hpp>
#include <GeographicLib/Math.hpp>
#include <cmath>
#include <vector>

namespace opensam::geo {

LatLonParse parse_lat_lon(std::string_view text) {
  // Split into two words on blanks or one comma.
  std::vector<std::string> words;
  std::string current;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == ',') {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  if (words.size() != 2) {
    return {false, {}, fmt::format("'{}' is not a position: write \"39.95N 32.69E\" or [lat, lon]", text)};
  }
  LatLon out;
  try {
    GeographicLib::DMS::DecodeLatLon(words[0], words[1], out.lat_deg, out.lon_deg, false);
  } catch (const GeographicLib::GeographicErr& e) {
    return {false, {}, fmt::format("'{}' is not a position: {}", text, e.what())};
  }
  if (auto err = check_lat_lon(out.lat_deg, out.lon_deg); !err.empty()) return {false, {}, err};
  return {true, out, {}};
}

std::string check_lat_lon(double lat_deg, double lon_deg) {
  if (!std::isfinite(lat_deg) || lat_deg < -90.0 || lat_deg > 90.0) {
    return fmt::format("latitude {} is outside [-90, 90] degrees", lat_deg);
  }
  if (!std::isfinite(lon_deg) || lon_deg < -180.0 || lon_deg >= 360.0) {
    return fmt::format("longitude {} is outside [-180, 360) degrees", lon_deg);
  }
  return {};
}

}  // namespace opensam::geo
