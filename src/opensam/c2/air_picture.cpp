#include "opensam/c2/air_picture.hpp"

#include <algorithm>
#include <cmath>

#include "opensam/c2/events.hpp"
#include "opensam/core/assert.hpp"

namespace opensam::c2 {

namespace {
/// Whether radar `radar`'s skin sensor (tracker sensor 2 radar), or its strobe sensor when
/// `strobe`, keeps a track held by `held_by`.
bool radar_holds(std::uint64_t held_by, std::size_t radar, bool strobe = false) {
  return ((held_by >> (2 * radar + (strobe ? 1 : 0))) & 1U) != 0;
}
}  // namespace

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

AirPicture::AirPicture(core::Engine& engine, const tracking::TrackerConfig& config, double update_interval_s,
                       const geo::Lla& origin, core::EntityIndex command_post,
                       std::span<const PictureRadar> radars)
    : engine_(engine),
      timeline_(engine, *this),
      update_interval_s_(update_interval_s),
      command_post_(command_post),
      radars_(radars.size()),
      frame_(origin),
      tracker_(config, picture_sensors(origin, radars)) {}

void AirPicture::start() { timeline_.schedule_at(update_interval_s_, Update{}); }

void AirPicture::on(const Update&) {
  if (!alive_) return;
  update();
  timeline_.schedule_at(engine_.now_s() + update_interval_s_, Update{});
}

void AirPicture::finish() {
  if (alive_ && (!last_update_s_ || *last_update_s_ < engine_.now_s())) update();
}

void AirPicture::on(const tracking::RadarPlot& m) {
  if (alive_) inbox_.push_back({Kind::kPlot, m.radar, m.plot});
}

void AirPicture::on(const tracking::RadarStrobe& m) {
  if (alive_) inbox_.push_back({Kind::kStrobe, m.radar, m.strobe});
}

void AirPicture::on(const tracking::RadarScanEnd& m) {
  if (alive_)
    inbox_.push_back(
        {Kind::kScanEnd, m.radar, tracking::Detection{.time_s = m.time_s, .z = {}, .sigma = {}}});
}

void AirPicture::on(const core::SiteDestroyed& m) {
  if (m.site != command_post_ || !alive_) return;
  update();  // the last picture; nobody fuses after that
  alive_ = false;
}

void AirPicture::flush() {
  if (!batch_.empty()) tracker_.process(batch_sensor_, batch_);
  batch_.clear();
}

const tracking::Track* AirPicture::find(std::uint64_t id) const {
  const auto& tracks = tracker_.tracks();  // in id order
  const auto it = std::lower_bound(tracks.begin(), tracks.end(), id,
                                   [](const tracking::Track& t, std::uint64_t v) { return t.id < v; });
  return it != tracks.end() && it->id == id ? &*it : nullptr;
}

std::optional<weapons::TargetEstimate> AirPicture::estimate(std::uint64_t track, int radar, double time_s,
                                                            bool on_strobes) const {
  if (!alive_) return std::nullopt;
  const tracking::Track* t = find(track);
  if (t == nullptr) return std::nullopt;
  const auto r = std::size_t(radar);
  if (!radar_holds(t->held_by, r) && !(on_strobes && radar_holds(t->held_by, r, true))) return std::nullopt;
  const tracking::TrackState st = tracker_.state_at(*t, time_s);
  return weapons::TargetEstimate{frame_.point_to_ecef(st.position), frame_.vector_to_ecef(st.velocity),
                                 time_s};
}

void AirPicture::update() {
  const double now = engine_.now_s();
  // Everything received, in order: consecutive reports of one radar form a batch.
  track_events_.clear();
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
  tracker_.take_events(track_events_);
  last_update_s_ = now;

  // The confirmed and coasting tracks' states now, for the reports, the score and the command
  // post (each computed once).
  confirmed_.clear();
  for (const tracking::Track& t : tracker_.tracks()) {
    if (t.status == tracking::TrackStatus::kTentative) continue;
    const tracking::TrackState st = tracker_.state_at(t, now);
    const geo::Vec3 ecef = frame_.point_to_ecef(st.position);
    std::uint64_t held_by = 0, strobed_by = 0;
    for (std::size_t r = 0; r < radars_; ++r) {
      if (radar_holds(t.held_by, r)) held_by |= std::uint64_t{1} << r;
      if (radar_holds(t.held_by, r, true)) strobed_by |= std::uint64_t{1} << r;
    }
    confirmed_.push_back({&t, st, ecef, geo::ecef_to_lla(ecef), held_by, strobed_by});
  }
  reported_.clear();
  for (const tracking::TrackEvent& e : track_events_) {
    // One update report per track per command-post update.
    if (e.kind == tracking::TrackEventKind::kUpdated) {
      if (std::find(reported_.begin(), reported_.end(), e.track) != reported_.end()) continue;
      reported_.push_back(e.track);
    }
    TrackReport r{e.track, e.kind, tracking::TrackStatus::kTentative};
    if (const tracking::Track* t = find(e.track)) {
      const auto c = std::lower_bound(confirmed_.begin(), confirmed_.end(), t->id,
                                      [](const PictureTrack& x, std::uint64_t v) { return x.track->id < v; });
      const bool cached = c != confirmed_.end() && c->track == t;
      const tracking::TrackState st = cached ? c->state : tracker_.state_at(*t, now);
      r.status = t->status;
      r.from_strobes = t->from_strobes;
      r.has_estimate = true;
      r.position_m = st.position;
      r.velocity_mps = st.velocity;
      r.sigma_m = st.position_sigma_m();
      r.where = cached ? c->lla : frame_.point_to_lla(st.position);
    }
    engine_.publish(r);
  }
  engine_.publish(PictureUpdated{now, confirmed_, &frame_});
}

}  // namespace opensam::c2
