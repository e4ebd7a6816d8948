#include "opensam/sim/air_picture.hpp"

#include <cmath>

#include "opensam/core/assert.hpp"

namespace opensam::sim {

tracking::Detection plot_of(double time_s, const Detection& d) {
  const bool rate = !std::isnan(d.range_rate_mps);
  tracking::Detection p{
      .time_s = time_s, .z = tracking::MeasVec(rate ? 4 : 3), .sigma = tracking::MeasVec(rate ? 4 : 3)};
  p.z.head(3) << d.range_m, d.azimuth_rad, d.elevation_rad;
  p.sigma.head(3) << d.sigma_range_m, d.sigma_azimuth_rad, d.sigma_elevation_rad;
  if (rate) p.z[3] = d.range_rate_mps, p.sigma[3] = d.sigma_range_rate_mps;
  return p;
}

tracking::Detection plot_of(double time_s, const JamStrobe& s) {
  tracking::Detection p{.time_s = time_s, .z = tracking::MeasVec(2), .sigma = tracking::MeasVec(2)};
  p.z << s.azimuth_rad, s.elevation_rad;
  p.sigma << s.sigma_azimuth_rad, s.sigma_elevation_rad;
  return p;
}

std::vector<tracking::Sensor> picture_sensors(const geo::Lla& origin, std::span<const PictureRadar> radars) {
  OPENSAM_ASSERT(radars.size() <= kMaxPictureRadars);
  const geo::EnuFrame frame(origin);
  const Eigen::Matrix3d to_ecef = geo::enu_to_ecef_rotation(origin.lat_deg, origin.lon_deg);
  std::vector<tracking::Sensor> sensors;
  for (const PictureRadar& r : radars) {
    tracking::SensorFrame f;
    f.origin_m = frame.point_from_lla(r.antenna);
    // Command-post ENU to ECEF, then ECEF to the radar's own ENU.
    f.rotation = geo::enu_to_ecef_rotation(r.antenna.lat_deg, r.antenna.lon_deg).transpose() * to_ecef;
    tracking::Sensor skin{.model = {.kind = tracking::MeasurementKind::kRadar,
                                    .axes = 3,
                                    .range_rate = r.range_rate,
                                    .frame = f},
                          .max_range_m = r.max_range_m,
                          .clutter_density = r.clutter_density};
    tracking::Sensor strobe{
        .model = {.kind = tracking::MeasurementKind::kBearing, .axes = 3, .range_rate = false, .frame = f},
        .max_range_m = tracking::kUnlimited,
        // Strobes come from jammers only: a false-strobe density of 1e-3 per square radian is
        // a floor for JPDA, not a figure.
        .clutter_density = 1e-3};
    sensors.push_back(skin);
    sensors.push_back(strobe);
  }
  return sensors;
}

AirPicture::AirPicture(const scenario::TrackerSettings& settings, const geo::Lla& origin,
                       std::span<const PictureRadar> radars)
    : frame_(origin), tracker_(settings.config, picture_sensors(origin, radars)) {}

void AirPicture::receive_plot(std::uint32_t radar, const tracking::Detection& plot) {
  inbox_.push_back({Kind::kPlot, radar, plot});
}

void AirPicture::receive_strobe(std::uint32_t radar, const tracking::Detection& strobe) {
  inbox_.push_back({Kind::kStrobe, radar, strobe});
}

void AirPicture::receive_scan_end(std::uint32_t radar, double time_s) {
  inbox_.push_back({Kind::kScanEnd, radar, tracking::Detection{.time_s = time_s, .z = {}, .sigma = {}}});
}

void AirPicture::flush() {
  if (!batch_.empty()) tracker_.process(batch_sensor_, batch_);
  batch_.clear();
}

void AirPicture::update(std::vector<tracking::TrackEvent>& events) {
  for (const Item& item : inbox_) {
    const std::uint32_t sensor = 2 * item.radar + (item.kind == Kind::kStrobe ? 1 : 0);
    if (item.kind == Kind::kScanEnd) {
      flush();
      tracker_.end_scan(2 * item.radar, item.detection.time_s);
      tracker_.end_scan(2 * item.radar + 1, item.detection.time_s);
      continue;
    }
    if (sensor != batch_sensor_) flush();
    batch_sensor_ = sensor;
    batch_.push_back(item.detection);
  }
  flush();
  inbox_.clear();
  tracker_.take_events(events);
}

}  // namespace opensam::sim
