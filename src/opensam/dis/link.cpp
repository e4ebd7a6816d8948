#include "opensam/dis/link.hpp"

#include <fmt/format.h>

#include <Eigen/Geometry>
#include <algorithm>
#include <asio.hpp>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numbers>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "opensam/dis/enums.hpp"
#include "opensam/geo/frames.hpp"

namespace opensam::dis {

namespace {

using Clock = std::chrono::steady_clock;

// IEEE 1278.1-2012 defaults (Table 25): Entity State heartbeat 5 s, time-out 2.4 heartbeats,
// position threshold 1 m, orientation threshold 3 deg; emission heartbeat 5 s.
constexpr double kHeartbeat_s = 5.0;
constexpr double kTimeout_s = 2.4 * kHeartbeat_s;
constexpr double kPositionThreshold_m = 1.0;
constexpr double kOrientationThreshold_rad = 3.0 * std::numbers::pi / 180.0;
constexpr double kEmissionHeartbeat_s = 5.0;
/// Appearance bit 23: the entity is deactivated (it has left the exercise).
constexpr std::uint32_t kAppearanceDeactivated = 1u << 23;
/// Replay epoch of the capture without --realtime: 2000-01-01T00:00:00Z, as in the CZML.
constexpr double kCaptureEpoch_s = 946684800.0;
/// Datagrams read per poll at most (a flood is rate-limited and leaves the rest for later).
constexpr int kMaxDatagramsPerPoll = 20000;
/// Targets listed per beam of an emission.
constexpr std::size_t kMaxListedTargets = 32;

geo::Vec3 vec(const Vec3d& v) { return {v[0], v[1], v[2]}; }
geo::Vec3 vec(const Vec3f& v) { return {v[0], v[1], v[2]}; }
Vec3d arr(const geo::Vec3& v) { return {v.x(), v.y(), v.z()}; }
Vec3f arrf(const geo::Vec3& v) { return {float(v.x()), float(v.y()), float(v.z())}; }

std::uint64_t key_of(const EntityId& id) {
  return (std::uint64_t(id.site) << 32) | (std::uint64_t(id.application) << 16) | id.entity;
}
EntityId id_of_key(std::uint64_t key) {
  return {std::uint16_t(key >> 32), std::uint16_t(key >> 16), std::uint16_t(key)};
}

double wall_utc_s() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

/// A classic pcap capture (LINKTYPE_ETHERNET) of IPv4/UDP datagrams, written beside its path
/// and renamed onto it when finished.
class Capture {
 public:
  Capture(std::string path, std::uint16_t port)
      : path_(std::move(path)), part_(path_ + ".part"), port_(port) {
    errno = 0;
    out_.open(part_, std::ios::binary | std::ios::trunc);
    if (!out_)
      throw std::runtime_error(fmt::format("cannot write the capture '{}': {}", path_,
                                           errno ? std::generic_category().message(errno) : "open failed"));
    // pcap file header: magic, version 2.4, zone 0, sigfigs 0, snaplen 65535, Ethernet.
    const std::uint32_t h[] = {0xa1b2c3d4u, 0x00040002u, 0, 0, 65535, 1};
    le32(h[0]);
    le16(2);
    le16(4);
    le32(0);
    le32(0);
    le32(h[4]);
    le32(h[5]);
  }
  ~Capture() {
    if (!done_) {
      out_.close();
      std::error_code ec;
      std::filesystem::remove(part_, ec);
    }
  }
  void write(double time_s, std::span<const std::uint8_t> payload) {
    const std::size_t udp_len = 8 + payload.size();
    const std::size_t ip_len = 20 + udp_len;
    double whole = std::floor(time_s);
    auto usec = std::uint32_t(std::llround((time_s - whole) * 1e6));
    if (usec >= 1000000u) usec -= 1000000u, whole += 1.0;
    le32(std::uint32_t(whole));
    le32(usec);
    le32(std::uint32_t(14 + ip_len));
    le32(std::uint32_t(14 + ip_len));
    // Ethernet: locally administered addresses, IPv4.
    const std::uint8_t eth[14] = {0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00};
    bytes(eth, sizeof eth);
    std::uint8_t ip[20] = {0x45,
                           0,
                           std::uint8_t(ip_len >> 8),
                           std::uint8_t(ip_len),
                           0,
                           0,
                           0x40,
                           0,
                           64,
                           17,
                           0,
                           0,
                           127,
                           0,
                           0,
                           1,
                           127,
                           0,
                           0,
                           1};
    std::uint32_t sum = 0;
    for (int i = 0; i < 20; i += 2) sum += std::uint32_t(ip[i] << 8 | ip[i + 1]);
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    const std::uint16_t check = std::uint16_t(~sum);
    ip[10] = std::uint8_t(check >> 8);
    ip[11] = std::uint8_t(check);
    bytes(ip, sizeof ip);
    const std::uint8_t udp[8] = {std::uint8_t(port_ >> 8),
                                 std::uint8_t(port_),
                                 std::uint8_t(port_ >> 8),
                                 std::uint8_t(port_),
                                 std::uint8_t(udp_len >> 8),
                                 std::uint8_t(udp_len),
                                 0,
                                 0};
    bytes(udp, sizeof udp);
    bytes(payload.data(), payload.size());
  }
  void finish() {
    out_.close();
    if (!out_) throw std::runtime_error(fmt::format("cannot write the capture '{}'", path_));
    std::filesystem::rename(part_, path_);
    done_ = true;
  }

 private:
  void le16(std::uint16_t v) {
    const char b[2] = {char(v), char(v >> 8)};
    out_.write(b, 2);
  }
  void le32(std::uint32_t v) {
    const char b[4] = {char(v), char(v >> 8), char(v >> 16), char(v >> 24)};
    out_.write(b, 4);
  }
  void bytes(const std::uint8_t* p, std::size_t n) {
    out_.write(reinterpret_cast<const char*>(p), std::streamsize(n));
  }

  std::string path_;
  std::string part_;
  std::uint16_t port_;
  std::ofstream out_;
  bool done_ = false;
};

/// What was last said of one of our entities.
struct Published {
  bool known = false;
  bool ended = false;
  bool external = false;  ///< another simulation's: never published by us
  bool killed = false;
  double sent_s = 0.0;
  geo::Vec3 position = geo::Vec3::Zero();
  geo::Vec3 velocity = geo::Vec3::Zero();
  geo::Vec3 acceleration = geo::Vec3::Zero();
  Vec3f orientation{};
  std::uint32_t appearance = 0;
  geo::Vec3 last_velocity = geo::Vec3::Zero();  ///< at the previous check, for the acceleration
  double last_s = 0.0;
  EntityState pdu;
};

/// A launch until its Fire PDU went out, and its burst.
struct Shot {
  sim::EntityIndex interceptor = sim::kNoEntity;
  sim::EntityIndex launcher = sim::kNoEntity;
  std::uint64_t track = 0;
  double time_s = 0.0;
  bool fired = false;  ///< the Fire PDU went out
  EntityId target;
  EventId event;
  MunitionDescriptor descriptor;
};

struct RadarOut {
  sim::EntityIndex site = 0;
  sensors::RadarType type;
  Emitter emitter;
  double facing_rad = 0.0;
  bool on = true;
  bool dirty = true;
  double sent_s = -1e300;
  std::vector<std::pair<sim::EntityIndex, double>> seen;  ///< targets detected, and when last
};

struct External {
  std::uint64_t key;
  Clock::time_point heard;
  sim::EntityIndex entity = sim::kNoEntity;
};

/// The body-to-ECEF rotation of DIS Euler angles (IEEE 1278.1-2012, annex B: psi about z, theta
/// about y', phi about x'').
Eigen::Quaterniond rotation_of(const Vec3f& o) {
  return Eigen::AngleAxisd(o[0], geo::Vec3::UnitZ()) * Eigen::AngleAxisd(o[1], geo::Vec3::UnitY()) *
         Eigen::AngleAxisd(o[2], geo::Vec3::UnitX());
}

}  // namespace

std::uint64_t LinkStats::rejected_total() const {
  std::uint64_t n = 0;
  for (auto r : rejected) n += r;
  return n;
}

std::optional<Endpoint> parse_endpoint(const std::string& text, std::string& error) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    error = fmt::format("'{}' is not HOST:PORT", text);
    return std::nullopt;
  }
  Endpoint e;
  e.host = text.substr(0, colon);
  const std::string port = text.substr(colon + 1);
  if (port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      std::stoul(port) == 0 || std::stoul(port) > 65535) {
    error = fmt::format("'{}': the port must be 1 to 65535", text);
    return std::nullopt;
  }
  e.port = std::uint16_t(std::stoul(port));
  return e;
}

// IEEE 1278.1-2012, annex B (Euler angles psi, theta, phi of the body axes from ECEF): with the
// body's x axis along the velocity and wings level, the rows of the ECEF-to-body rotation are
// x, y = down cross x, z = x cross y; psi = atan2(x_y, x_x), theta = -asin(x_z),
// phi = atan2(y_z, z_z).
Vec3f orientation_of(const std::array<double, 3>& position_ecef, const std::array<double, 3>& velocity_ecef) {
  const geo::Vec3 p(position_ecef[0], position_ecef[1], position_ecef[2]);
  const geo::Lla lla = geo::ecef_to_lla(p);
  const Eigen::Matrix3d enu =
      geo::enu_to_ecef_rotation(lla.lat_deg, lla.lon_deg);  // columns: east, north, up
  const geo::Vec3 up = enu.col(2);
  geo::Vec3 x(velocity_ecef[0], velocity_ecef[1], velocity_ecef[2]);
  x = x.norm() > 0.1 ? geo::Vec3(x.normalized()) : geo::Vec3(enu.col(1));
  geo::Vec3 y = (-up).cross(x);
  y = y.norm() > 1e-6 ? geo::Vec3(y.normalized()) : geo::Vec3(enu.col(0));
  const geo::Vec3 z = x.cross(y);
  return {float(std::atan2(x.y(), x.x())), float(-std::asin(std::clamp(x.z(), -1.0, 1.0))),
          float(std::atan2(y.z(), z.z()))};
}

struct Link::Impl {
  const scenario::Scenario& sc;
  LinkOptions opt;
  LinkStats stats;
  asio::io_context io;
  std::optional<asio::ip::udp::socket> out_socket;
  asio::ip::udp::endpoint out_endpoint;
  std::optional<asio::ip::udp::socket> in_socket;
  std::optional<Capture> capture;
  std::vector<std::uint8_t> buffer;                       ///< an encoded PDU, reused
  std::array<std::uint8_t, kMaxPduBytes + 1> datagram{};  ///< a received one
  std::vector<Published> published;                       ///< by entity
  std::vector<std::uint64_t> external_key;                ///< by entity: the other side's id, 0 if ours
  std::vector<Shot> shots;
  std::vector<RadarOut> radars;
  std::map<std::uint64_t, geo::Vec3> track_ecef;                    ///< the latest estimate of each track
  std::vector<std::pair<sim::EntityIndex, geo::Vec3>> threats_now;  ///< flying threats, last check
  std::vector<External> externals;
  std::uint16_t event_number = 0;
  double now_s = 0.0;
  // Pacing and control.
  bool started = false;
  Clock::time_point wall0;
  Clock::duration frozen_total{};
  bool frozen = false;
  bool stop = false;
  double tokens = 0.0;
  Clock::time_point refilled;

  Impl(const scenario::Scenario& s, LinkOptions o) : sc(s), opt(std::move(o)) {
    tokens = opt.rate_burst;
    refilled = Clock::now();
    using asio::ip::udp;
    if (opt.out) {
      udp::resolver resolver(io);
      asio::error_code ec;
      const auto found = resolver.resolve(udp::v4(), opt.out->host, std::to_string(opt.out->port), ec);
      if (ec || found.empty())
        throw std::runtime_error(
            fmt::format("--dis-out: cannot resolve '{}': {}", opt.out->host, ec.message()));
      out_endpoint = *found.begin();
      out_socket.emplace(io);
      out_socket->open(udp::v4(), ec);
      if (!ec) out_socket->set_option(asio::socket_base::broadcast(true), ec);
      if (!ec) out_socket->non_blocking(true, ec);
      if (ec) throw std::runtime_error(fmt::format("--dis-out: cannot open a UDP socket: {}", ec.message()));
    }
    if (opt.in) {
      udp::resolver resolver(io);
      asio::error_code ec;
      const auto found = resolver.resolve(udp::v4(), opt.in->host, std::to_string(opt.in->port), ec);
      if (ec || found.empty())
        throw std::runtime_error(
            fmt::format("--dis-in: cannot resolve '{}': {}", opt.in->host, ec.message()));
      in_socket.emplace(io);
      in_socket->open(udp::v4(), ec);
      if (!ec) in_socket->set_option(asio::socket_base::reuse_address(true), ec);
      if (!ec) in_socket->bind(*found.begin(), ec);
      if (!ec) in_socket->non_blocking(true, ec);
      if (ec)
        throw std::runtime_error(
            fmt::format("--dis-in: cannot listen on {}:{}: {}", opt.in->host, opt.in->port, ec.message()));
    }
    if (!opt.pcap_path.empty()) capture.emplace(opt.pcap_path, opt.out ? opt.out->port : 3000);
    for (std::size_t i = 0; i < sc.sites.size(); ++i) {
      const scenario::SiteType& type = sc.site_types.at(sc.sites[i].type);
      if (type.kind != scenario::SiteKind::kRadar) continue;
      RadarOut r;
      r.site = sim::EntityIndex(i);
      r.type = type.radar.radar;
      r.emitter = emitter(sc.sites[i].type);
      r.facing_rad = sc.sites[i].facing_rad;
      radars.push_back(std::move(r));
    }
  }

  [[nodiscard]] EntityId our_id(sim::EntityIndex e) const {
    if (e < external_key.size() && external_key[e] != 0) return id_of_key(external_key[e]);
    return {opt.site, opt.application, std::uint16_t(e + 1)};
  }

  Header header() const {
    Header h;
    h.version = kVersion7;
    h.exercise = opt.exercise;
    h.timestamp = opt.realtime ? timestamp(wall_utc_s(), true) : timestamp(now_s, false);
    return h;
  }

  void send(const Pdu& pdu) {
    buffer.clear();
    encode(pdu, buffer);
    ++stats.sent;
    switch (std::visit([](const auto& p) { return p.header.type; }, pdu)) {
      case PduType::kEntityState: ++stats.sent_entity_state; break;
      case PduType::kFire: ++stats.sent_fire; break;
      case PduType::kDetonation: ++stats.sent_detonation; break;
      case PduType::kElectromagneticEmission: ++stats.sent_emission; break;
      default: ++stats.sent_other; break;
    }
    if (out_socket) {
      asio::error_code ec;
      out_socket->send_to(asio::buffer(buffer), out_endpoint, 0, ec);
      if (ec) ++stats.send_errors;
    }
    if (capture) capture->write(opt.realtime ? wall_utc_s() : kCaptureEpoch_s + now_s, buffer);
  }

  template <typename P>
  void send_typed(P p, PduType type) {
    p.header = header();
    p.header.type = type;
    send(Pdu(std::move(p)));
  }

  Published& entry(sim::EntityIndex e) {
    if (e >= published.size()) published.resize(e + 1);
    return published[e];
  }

  [[nodiscard]] std::optional<scenario::ThreatKind> threat_kind(const std::string& type) const {
    const auto it = sc.threat_types.find(type);
    return it == sc.threat_types.end() ? std::nullopt : std::optional(it->second.kind);
  }

  /// The Entity State of `m` now, if its dead reckoning has drifted past a threshold, its
  /// heartbeat is due or its appearance changed.
  void publish(const sim::MoverState& m) {
    Published& o = entry(m.entity);
    if (o.external || o.ended || m.kind == sim::EntityKind::kAsset) return;
    const Vec3f orientation = m.kind == sim::EntityKind::kSite
                                  ? Vec3f{}
                                  : orientation_of(arr(m.position_ecef_m), arr(m.velocity_ecef_mps));
    geo::Vec3 acceleration = geo::Vec3::Zero();
    if (m.kind == sim::EntityKind::kInterceptor && o.known && now_s > o.last_s)
      acceleration = (m.velocity_ecef_mps - o.last_velocity) / (now_s - o.last_s);
    o.last_velocity = m.velocity_ecef_mps;
    o.last_s = now_s;
    std::uint32_t appearance = 0;
    if (m.kind == sim::EntityKind::kSite && !m.alive) appearance = kAppearanceDestroyed;
    if (m.kind == sim::EntityKind::kInterceptor && !m.alive) appearance = kAppearanceDestroyed;
    if (m.kind == sim::EntityKind::kThreat && !m.alive)
      appearance = o.killed ? kAppearanceDestroyed : kAppearanceDeactivated;
    bool due = !o.known || appearance != o.appearance || now_s - o.sent_s >= kHeartbeat_s - 1e-9;
    if (!due) {
      const double dt = now_s - o.sent_s;
      const geo::Vec3 predicted = o.position + o.velocity * dt + 0.5 * o.acceleration * dt * dt;
      due = (predicted - m.position_ecef_m).norm() > kPositionThreshold_m;
      // The orientation error is the angle of the rotation between the sent and the actual
      // attitude (FPW holds the attitude), whatever the Euler angles do near their poles.
      due = due ||
            rotation_of(orientation).angularDistance(rotation_of(o.orientation)) > kOrientationThreshold_rad;
    }
    if (!o.known) {
      EntityState& p = o.pdu;
      p.id = our_id(m.entity);
      p.type = entity_type(*m.type, m.kind == sim::EntityKind::kThreat ? threat_kind(*m.type) : std::nullopt);
      p.force = kForceFriendly;
      if (m.kind == sim::EntityKind::kThreat) {
        const std::size_t k = m.entity - sc.sites.size() - sc.assets.size();
        p.force = k < sc.threats.size() && sc.threats[k].friendly ? kForceFriendly : kForceOpposing;
      }
      // Aircraft and threats: constant velocity (their sampled paths have no smooth
      // acceleration to send); interceptors: constant acceleration, from the last two checks.
      p.dr_algorithm = m.kind == sim::EntityKind::kSite          ? kDrStatic
                       : m.kind == sim::EntityKind::kInterceptor ? kDrFvw
                                                                 : kDrFpw;
      p.marking = m.name->substr(0, 11);
      o.known = true;
    }
    if (!m.alive && m.kind != sim::EntityKind::kSite) o.ended = true;  // one last state
    if (!due) return;
    o.sent_s = now_s;
    o.position = m.position_ecef_m;
    o.velocity = m.alive ? m.velocity_ecef_mps : geo::Vec3::Zero();
    o.acceleration = o.pdu.dr_algorithm == kDrFvw && m.alive ? acceleration : geo::Vec3::Zero();
    o.orientation = orientation;
    o.appearance = appearance;
    EntityState p = o.pdu;
    p.velocity_mps = arrf(o.velocity);
    p.location_m = arr(o.position);
    p.orientation_rad = orientation;
    p.appearance = appearance;
    p.dr_acceleration_mps2 = arrf(o.acceleration);
    send_typed(std::move(p), PduType::kEntityState);
  }

  void fire(Shot& s, const sim::MoverState* munition) {
    s.fired = true;
    s.event = {opt.site, opt.application, ++event_number};
    s.descriptor.munition = munition != nullptr ? entity_type(*munition->type, std::nullopt) : EntityType{};
    const geo::Vec3 launcher =
        s.launcher < published.size() ? published[s.launcher].position : geo::Vec3::Zero();
    // The target: the flying threat nearest the track's estimate (what the shot was meant for).
    double best = 1e300;
    geo::Vec3 aim = launcher;
    if (const auto it = track_ecef.find(s.track); it != track_ecef.end()) {
      aim = it->second;
      for (const auto& [entity, where] : threats_now) {
        const double d = (where - it->second).norm();
        if (d < best) best = d, s.target = our_id(entity);
      }
    }
    Fire p;
    p.firing = our_id(s.launcher);
    p.target = s.target;
    p.munition = our_id(s.interceptor);
    p.event = s.event;
    p.location_m = arr(munition != nullptr ? munition->position_ecef_m : launcher);
    p.descriptor = s.descriptor;
    p.velocity_mps = arrf(munition != nullptr ? munition->velocity_ecef_mps : geo::Vec3::Zero());
    p.range_m = float((aim - launcher).norm());
    send_typed(std::move(p), PduType::kFire);
  }

  void detonate(sim::EntityIndex interceptor, sim::EntityIndex target, const geo::Lla& where,
                std::uint8_t result) {
    const auto it =
        std::find_if(shots.begin(), shots.end(), [&](const Shot& s) { return s.interceptor == interceptor; });
    if (it == shots.end()) return;
    if (!it->fired) fire(*it, nullptr);
    Detonation p;
    p.firing = our_id(it->launcher);
    p.target = target != sim::kNoEntity ? our_id(target) : it->target;
    p.munition = our_id(interceptor);
    p.event = it->event;
    p.velocity_mps =
        arrf(interceptor < published.size() ? published[interceptor].last_velocity : geo::Vec3::Zero());
    p.location_m = arr(geo::lla_to_ecef(where));
    p.descriptor = it->descriptor;
    p.result = result;
    send_typed(std::move(p), PduType::kDetonation);
  }

  void emit(RadarOut& r) {
    r.dirty = false;
    r.sent_s = now_s;
    ElectromagneticEmission p;
    p.emitter = our_id(r.site);
    p.event = {opt.site, opt.application, 0};
    p.state_update = 1;
    EmitterSystem s;
    s.name = r.emitter.name;
    s.function = r.emitter.function;
    s.number = 1;
    // A radar off the air keeps its beam, marked deactivated (version 7 beam status), with no
    // targets.
    const sensors::RadarParameters& rp = r.type.parameters;
    Beam b;
    b.id = 1;
    b.frequency_hz = float(rp.frequency_hz);
    b.frequency_range_hz = float(rp.resolution_bandwidth_hz);
    b.erp_dbm = float(10.0 * std::log10(rp.peak_power_w * 1000.0) + rp.gain_db);  // ERP = P G, in dBm
    b.prf_hz = float(rp.prf_hz);
    b.pulse_width_us = float(1e6 / rp.noise_bandwidth_hz);
    const bool rotating = r.type.scan == sensors::ScanKind::kRotating;
    b.azimuth_center_rad = float(rotating ? 0.0 : r.facing_rad);
    b.azimuth_sweep_rad = float(rotating ? std::numbers::pi : r.type.sector_width_rad / 2.0);
    b.elevation_center_rad = float((r.type.max_elevation_rad + r.type.min_elevation_rad) / 2.0);
    b.elevation_sweep_rad = float((r.type.max_elevation_rad - r.type.min_elevation_rad) / 2.0);
    b.function = r.emitter.beam_function;
    b.status = r.on ? 0 : 1;
    const double window = std::max(r.type.scan_period_s, r.type.track_revisit_s) * 1.5;
    std::erase_if(r.seen, [&](const auto& x) { return now_s - x.second > window; });
    if (r.on) {
      for (const auto& [target, when] : r.seen) {
        if (b.targets.size() == kMaxListedTargets) break;
        b.targets.push_back({our_id(target), 1, 1});
      }
    }
    s.beams.push_back(std::move(b));
    p.systems.push_back(std::move(s));
    send_typed(std::move(p), PduType::kElectromagneticEmission);
  }

  void acknowledge(const EntityId& to, std::uint16_t flag, std::uint32_t request) {
    Acknowledge a;
    a.originating = {opt.site, opt.application, 0xffff};
    a.receiving = to;
    a.acknowledge_flag = flag;
    a.response_flag = 1;
    a.request_id = request;
    send_typed(a, PduType::kAcknowledge);
  }

  void receive(std::span<const std::uint8_t> bytes, double now, sim::Inbound& in) {
    ++stats.received;
    const Decoded d = decode(bytes);
    if (!d.pdu) {
      ++stats.rejected[std::size_t(d.reject)];
      return;
    }
    const Header& h = std::visit([](const auto& p) -> const Header& { return p.header; }, *d.pdu);
    if (h.exercise != opt.exercise) {
      ++stats.other_exercise;
      return;
    }
    const auto ours = [&](const EntityId& id) {
      return id.site == opt.site && id.application == opt.application;
    };
    if (const auto* es = std::get_if<EntityState>(&*d.pdu)) {
      if (ours(es->id)) {
        ++stats.own;
        return;
      }
      const bool air = (es->type.kind == 1 && es->type.domain == 2) || es->type.kind == 2;
      if (!air) {
        ++stats.ignored;
        return;
      }
      const std::uint64_t key = key_of(es->id) | (std::uint64_t(1) << 63);
      auto it =
          std::find_if(externals.begin(), externals.end(), [&](const External& x) { return x.key == key; });
      if ((es->appearance & (kAppearanceDeactivated | kAppearanceDestroyed)) != 0) {
        if (it != externals.end()) {
          in.timed_out.push_back(key);
          externals.erase(it);
        }
        ++stats.accepted;
        return;
      }
      if (it == externals.end()) {
        if (externals.size() >= opt.max_entities) {
          ++stats.entity_limit;
          return;
        }
        externals.push_back({key, Clock::now()});
        ++stats.entities_in;
        it = externals.end() - 1;
      }
      it->heard = Clock::now();
      sim::ExternalReport r;
      r.key = key;
      r.name = fmt::format("dis-{}.{}.{}", es->id.site, es->id.application, es->id.entity);
      r.time_s = now;
      r.position_ecef_m = vec(es->location_m);
      r.velocity_ecef_mps = es->dr_algorithm == kDrStatic ? geo::Vec3::Zero() : vec(es->velocity_mps);
      const bool accelerates = es->dr_algorithm == 4 || es->dr_algorithm == 5;  // RVW, FVW
      r.acceleration_ecef_mps2 = accelerates ? vec(es->dr_acceleration_mps2) : geo::Vec3::Zero();
      in.reports.push_back(std::move(r));
      ++stats.accepted;
      return;
    }
    if (const auto* det = std::get_if<Detonation>(&*d.pdu)) {
      if (ours(det->firing)) {
        ++stats.own;
        return;
      }
      ++stats.accepted;
      const bool on_site =
          ours(det->target) && det->target.entity >= 1 && det->target.entity <= sc.sites.size();
      const bool hit = det->result != 0 && det->result != 6;  // not "other", not a dud
      if (on_site && hit) {
        ++stats.strikes;
        in.strikes.push_back(sim::EntityIndex(det->target.entity - 1));
      } else {
        ++stats.ignored;
      }
      return;
    }
    if (const auto* f = std::get_if<Fire>(&*d.pdu)) {
      if (ours(f->firing)) {
        ++stats.own;
        return;
      }
      ++stats.accepted;
      ++stats.fires_in;
      return;
    }
    if (const auto* s = std::get_if<StartResume>(&*d.pdu)) {
      if (ours(s->originating)) {
        ++stats.own;
        return;
      }
      ++stats.accepted;
      ++stats.start_resume;
      frozen = false;
      acknowledge(s->originating, 3, s->request_id);
      return;
    }
    if (const auto* s = std::get_if<StopFreeze>(&*d.pdu)) {
      if (ours(s->originating)) {
        ++stats.own;
        return;
      }
      ++stats.accepted;
      ++stats.stop_freeze;
      if (s->reason == 2)
        stop = true;  // termination
      else
        frozen = true;
      acknowledge(s->originating, 4, s->request_id);
      return;
    }
    ++stats.accepted;
    ++stats.ignored;
  }

  /// Reads what is waiting on the socket, decoding as the token bucket allows.
  void drain(double now, sim::Inbound& in) {
    if (!in_socket) return;
    for (int n = 0; n < kMaxDatagramsPerPoll; ++n) {
      asio::error_code ec;
      asio::ip::udp::endpoint from;
      const std::size_t got = in_socket->receive_from(asio::buffer(datagram), from, 0, ec);
      if (ec) return;  // would block, or an error: nothing more now
      const auto t = Clock::now();
      tokens = std::min(opt.rate_burst,
                        tokens + opt.rate_limit_pps * std::chrono::duration<double>(t - refilled).count());
      refilled = t;
      if (tokens < 1.0) {
        ++stats.received;
        ++stats.rate_limited;
        continue;
      }
      tokens -= 1.0;
      receive(std::span<const std::uint8_t>(datagram.data(), got), now, in);
    }
  }
};

Link::Link(const scenario::Scenario& sc, LinkOptions options)
    : impl_(std::make_unique<Impl>(sc, std::move(options))) {}
Link::~Link() = default;

double Link::interval_s() const { return impl_->opt.interval_s; }
const LinkStats& Link::stats() const { return impl_->stats; }

void Link::on_movers(double now_s, std::span<const sim::MoverState> movers) {
  Impl& m = *impl_;
  m.now_s = now_s;
  m.threats_now.clear();
  for (const sim::MoverState& s : movers) {
    if (s.kind == sim::EntityKind::kThreat && s.alive)
      m.threats_now.emplace_back(s.entity, s.position_ecef_m);
  }
  // Fire goes out before the munition's first Entity State.
  for (Shot& shot : m.shots) {
    if (shot.fired) continue;
    const auto it = std::find_if(movers.begin(), movers.end(),
                                 [&](const sim::MoverState& s) { return s.entity == shot.interceptor; });
    if (it != movers.end()) m.fire(shot, &*it);
  }
  for (const sim::MoverState& s : movers) m.publish(s);
  for (RadarOut& r : m.radars) {
    if (r.dirty || now_s - r.sent_s >= kEmissionHeartbeat_s - 1e-9) m.emit(r);
  }
}

bool Link::poll(double now_s, sim::Inbound& in) {
  Impl& m = *impl_;
  m.now_s = now_s;
  if (!m.started) {
    m.started = true;
    m.wall0 = Clock::now();
  }
  auto last = Clock::now();
  while (true) {
    m.drain(now_s, in);
    if (m.stop) return false;
    if (!m.opt.realtime) break;
    const auto t = Clock::now();
    if (m.frozen) {
      m.frozen_total += t - last;
      last = t;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      continue;
    }
    last = t;
    const auto target =
        m.wall0 + m.frozen_total +
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(now_s / m.opt.time_scale));
    if (t >= target) break;
    std::this_thread::sleep_for(std::min<Clock::duration>(target - t, std::chrono::milliseconds(2)));
  }
  const auto t = Clock::now();
  for (auto it = m.externals.begin(); it != m.externals.end();) {
    if (std::chrono::duration<double>(t - it->heard).count() > kTimeout_s) {
      in.timed_out.push_back(it->key);
      ++m.stats.timed_out;
      it = m.externals.erase(it);
    } else {
      ++it;
    }
  }
  return true;
}

void Link::bound(std::uint64_t key, sim::EntityIndex entity) {
  Impl& m = *impl_;
  if (entity >= m.external_key.size()) m.external_key.resize(entity + 1, 0);
  m.external_key[entity] = key & ~(std::uint64_t(1) << 63);
  m.entry(entity).external = true;
  for (External& x : m.externals) {
    if (x.key == key) x.entity = entity;
  }
}

void Link::on_event(const sim::Event& e) {
  Impl& m = *impl_;
  m.now_s = e.time_s;
  if (const auto* l = std::get_if<sim::Launched>(&e.data)) {
    Shot s;
    s.interceptor = l->interceptor;
    s.launcher = l->launcher;
    s.track = l->track;
    s.time_s = e.time_s;
    m.shots.push_back(s);
  } else if (const auto* report = std::get_if<sim::TrackReport>(&e.data)) {
    if (report->has_estimate) m.track_ecef[report->track] = geo::lla_to_ecef(report->where);
  } else if (const auto* i = std::get_if<sim::Intercept>(&e.data)) {
    m.detonate(i->interceptor, i->target, i->where, kResultEntityProximate);
  } else if (const auto* sd = std::get_if<sim::SelfDestructed>(&e.data)) {
    m.detonate(sd->interceptor, sim::kNoEntity, sd->where, kResultDetonation);
  } else if (const auto* gi = std::get_if<sim::GroundImpact>(&e.data)) {
    m.detonate(gi->interceptor, sim::kNoEntity, gi->where, kResultGroundImpact);
  } else if (const auto* k = std::get_if<sim::Killed>(&e.data)) {
    m.entry(k->threat).killed = true;
  } else if (const auto* em = std::get_if<sim::RadarEmission>(&e.data)) {
    for (RadarOut& r : m.radars) {
      if (r.site == em->radar) r.on = em->on, r.dirty = true;
    }
  } else if (const auto* sdn = std::get_if<sim::SiteDestroyed>(&e.data)) {
    for (RadarOut& r : m.radars) {
      if (r.site == sdn->site) r.on = false, r.dirty = true;
    }
  } else if (const auto* d = std::get_if<sim::Detection>(&e.data)) {
    if (d->target == sim::kNoEntity) return;
    for (RadarOut& r : m.radars) {
      if (r.site != d->radar) continue;
      const auto it =
          std::find_if(r.seen.begin(), r.seen.end(), [&](const auto& x) { return x.first == d->target; });
      if (it == r.seen.end())
        r.seen.emplace_back(d->target, e.time_s);
      else
        it->second = e.time_s;
    }
  }
}

void Link::finish() {
  if (impl_->capture) impl_->capture->finish();
}

void Link::receive(std::span<const std::uint8_t> datagram, double now_s, sim::Inbound& in) {
  impl_->receive(datagram, now_s, in);
}

std::string stats_json(const LinkStats& s) {
  std::string rejected;
  for (std::size_t k = 0; k < kRejectKinds; ++k)
    rejected += fmt::format("{}\"{}\": {}", k ? ", " : "", reject_name(Reject(k)), s.rejected[k]);
  return fmt::format(
      "{{\n  \"sent\": {{\"total\": {}, \"entity_state\": {}, \"fire\": {}, \"detonation\": {}, "
      "\"electromagnetic_emission\": {}, \"other\": {}, \"errors\": {}}},\n"
      "  \"received\": {{\"total\": {}, \"accepted\": {}, \"rejected\": {}, \"rate_limited\": {}, "
      "\"other_exercise\": {}, \"own\": {}, \"ignored\": {}, \"entity_limit\": {}}},\n"
      "  \"rejected\": {{{}}},\n"
      "  \"entities_in\": {}, \"timed_out\": {}, \"strikes\": {}, \"fires_in\": {}, \"start_resume\": {}, "
      "\"stop_freeze\": {}\n}}\n",
      s.sent, s.sent_entity_state, s.sent_fire, s.sent_detonation, s.sent_emission, s.sent_other,
      s.send_errors, s.received, s.accepted, s.rejected_total(), s.rate_limited, s.other_exercise, s.own,
      s.ignored, s.entity_limit, rejected, s.entities_in, s.timed_out, s.strikes, s.fires_in, s.start_resume,
      s.stop_freeze);
}

}  // namespace opensam::dis
