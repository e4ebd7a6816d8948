#include "opensam/dis/pdu.hpp"

#include <bit>
#include <cmath>
#include <cstring>

namespace opensam::dis {

std::string_view reject_name(Reject r) {
  switch (r) {
    case Reject::kTruncated: return "truncated";
    case Reject::kLengthMismatch: return "length_mismatch";
    case Reject::kTooLong: return "too_long";
    case Reject::kVersion: return "version";
    case Reject::kFamily: return "family";
    case Reject::kUnsupported: return "unsupported";
    case Reject::kBadCount: return "bad_count";
    case Reject::kBadValue: return "bad_value";
  }
  return "unknown";
}

// IEEE 1278.1-2012, 6.2.88: the timestamp counts 2^31 units per hour in its upper 31 bits.
std::uint32_t timestamp(double seconds, bool absolute) {
  double past = std::fmod(seconds, 3600.0);
  if (!(past >= 0.0)) past = past < 0.0 ? past + 3600.0 : 0.0;
  auto units = static_cast<std::uint64_t>(past / 3600.0 * 2147483648.0);
  if (units > 0x7fffffffu) units = 0x7fffffffu;
  return (static_cast<std::uint32_t>(units) << 1) | (absolute ? 1u : 0u);
}

double timestamp_seconds(std::uint32_t ts) { return double(ts >> 1) * 3600.0 / 2147483648.0; }

namespace {

class Writer {
 public:
  explicit Writer(std::vector<std::uint8_t>& out) : out_(out), start_(out.size()) {}
  void u8(std::uint8_t v) { out_.push_back(v); }
  void u16(std::uint16_t v) {
    u8(std::uint8_t(v >> 8));
    u8(std::uint8_t(v));
  }
  void u32(std::uint32_t v) {
    u16(std::uint16_t(v >> 16));
    u16(std::uint16_t(v));
  }
  void u64(std::uint64_t v) {
    u32(std::uint32_t(v >> 32));
    u32(std::uint32_t(v));
  }
  void f32(float v) { u32(std::bit_cast<std::uint32_t>(v)); }
  void f64(double v) { u64(std::bit_cast<std::uint64_t>(v)); }
  void zeros(std::size_t n) { out_.insert(out_.end(), n, 0); }
  void id(const EntityId& e) {
    u16(e.site);
    u16(e.application);
    u16(e.entity);
  }
  void type(const EntityType& t) {
    u8(t.kind);
    u8(t.domain);
    u16(t.country);
    u8(t.category);
    u8(t.subcategory);
    u8(t.specific);
    u8(t.extra);
  }
  void vec(const Vec3f& v) {
    for (float x : v) f32(x);
  }
  void vec(const Vec3d& v) {
    for (double x : v) f64(x);
  }
  void descriptor(const MunitionDescriptor& d) {
    type(d.munition);
    u16(d.warhead);
    u16(d.fuse);
    u16(d.quantity);
    u16(d.rate);
  }
  void clock(const ClockTime& c) {
    u32(std::uint32_t(c.hour));
    u32(c.past_hour);
  }
  void header(const Header& h, PduType type, std::uint8_t family) {
    u8(h.version);
    u8(h.exercise);
    u8(std::uint8_t(type));
    u8(family);
    u32(h.timestamp);
    u16(0);  // length, patched by finish()
    u8(h.version >= kVersion7 ? h.status : 0);
    u8(0);
  }
  [[nodiscard]] std::size_t size() const { return out_.size() - start_; }
  void patch_u8(std::size_t at, std::uint8_t v) { out_[start_ + at] = v; }
  void finish() {
    const std::size_t n = size();
    out_[start_ + 8] = std::uint8_t(n >> 8);
    out_[start_ + 9] = std::uint8_t(n);
  }

 private:
  std::vector<std::uint8_t>& out_;
  std::size_t start_;
};

void put(Writer& w, const EntityState& p) {
  w.header(p.header, PduType::kEntityState, kFamilyEntityInformation);
  w.id(p.id);
  w.u8(p.force);
  w.u8(0);  // no variable parameters
  w.type(p.type);
  w.type(p.alternative_type);
  w.vec(p.velocity_mps);
  w.vec(p.location_m);
  w.vec(p.orientation_rad);
  w.u32(p.appearance);
  w.u8(p.dr_algorithm);
  w.zeros(15);
  w.vec(p.dr_acceleration_mps2);
  w.vec(p.dr_angular_velocity_rps);
  w.u8(1);  // ASCII
  for (std::size_t i = 0; i < 11; ++i) w.u8(i < p.marking.size() ? std::uint8_t(p.marking[i]) : 0);
  w.u32(p.capabilities);
}

void put(Writer& w, const Fire& p) {
  w.header(p.header, PduType::kFire, kFamilyWarfare);
  w.id(p.firing);
  w.id(p.target);
  w.id(p.munition);
  w.id(p.event);
  w.u32(p.fire_mission);
  w.vec(p.location_m);
  w.descriptor(p.descriptor);
  w.vec(p.velocity_mps);
  w.f32(p.range_m);
}

void put(Writer& w, const Detonation& p) {
  w.header(p.header, PduType::kDetonation, kFamilyWarfare);
  w.id(p.firing);
  w.id(p.target);
  w.id(p.munition);
  w.id(p.event);
  w.vec(p.velocity_mps);
  w.vec(p.location_m);
  w.descriptor(p.descriptor);
  w.vec(p.location_in_entity_m);
  w.u8(p.result);
  w.u8(0);  // no variable parameters
  w.u16(0);
}

void put(Writer& w, const ElectromagneticEmission& p) {
  w.header(p.header, PduType::kElectromagneticEmission, kFamilyDistributedEmission);
  w.id(p.emitter);
  w.id(p.event);
  w.u8(p.state_update);
  w.u8(std::uint8_t(p.systems.size()));
  w.u16(0);
  for (const EmitterSystem& s : p.systems) {
    const std::size_t system_at = w.size();
    w.u8(0);  // system data length in 32-bit words, patched below
    w.u8(std::uint8_t(s.beams.size()));
    w.u16(0);
    w.u16(s.name);
    w.u8(s.function);
    w.u8(s.number);
    w.vec(s.location_in_entity_m);
    for (const Beam& b : s.beams) {
      w.u8(std::uint8_t((52 + 8 * b.targets.size()) / 4));
      w.u8(b.id);
      w.u16(b.parameter_index);
      w.f32(b.frequency_hz);
      w.f32(b.frequency_range_hz);
      w.f32(b.erp_dbm);
      w.f32(b.prf_hz);
      w.f32(b.pulse_width_us);
      w.f32(b.azimuth_center_rad);
      w.f32(b.azimuth_sweep_rad);
      w.f32(b.elevation_center_rad);
      w.f32(b.elevation_sweep_rad);
      w.f32(b.sweep_sync);
      w.u8(b.function);
      w.u8(std::uint8_t(b.targets.size()));
      w.u8(b.high_density);
      w.u8(p.header.version >= kVersion7 ? b.status : 0);
      w.zeros(4);  // jamming technique
      for (const TrackedTarget& t : b.targets) {
        w.id(t.target);
        w.u8(t.emitter);
        w.u8(t.beam);
      }
    }
    w.patch_u8(system_at, std::uint8_t((w.size() - system_at) / 4));
  }
}

void put(Writer& w, const StartResume& p) {
  w.header(p.header, PduType::kStartResume, kFamilySimulationManagement);
  w.id(p.originating);
  w.id(p.receiving);
  w.clock(p.real_world_time);
  w.clock(p.simulation_time);
  w.u32(p.request_id);
}

void put(Writer& w, const StopFreeze& p) {
  w.header(p.header, PduType::kStopFreeze, kFamilySimulationManagement);
  w.id(p.originating);
  w.id(p.receiving);
  w.clock(p.real_world_time);
  w.u8(p.reason);
  w.u8(p.frozen_behavior);
  w.u16(0);
  w.u32(p.request_id);
}

void put(Writer& w, const Acknowledge& p) {
  w.header(p.header, PduType::kAcknowledge, kFamilySimulationManagement);
  w.id(p.originating);
  w.id(p.receiving);
  w.u16(p.acknowledge_flag);
  w.u16(p.response_flag);
  w.u32(p.request_id);
}

/// Reads big-endian fields; the caller checks the size before reading a fixed part.
class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> in) : in_(in) {}
  [[nodiscard]] std::size_t left() const { return in_.size() - at_; }
  std::uint8_t u8() { return in_[at_++]; }
  std::uint16_t u16() {
    const std::uint16_t hi = u8();
    return std::uint16_t((hi << 8) | u8());
  }
  std::uint32_t u32() {
    const std::uint32_t hi = u16();
    return (hi << 16) | u16();
  }
  std::uint64_t u64() {
    const std::uint64_t hi = u32();
    return (hi << 32) | u32();
  }
  float f32() { return std::bit_cast<float>(u32()); }
  double f64() { return std::bit_cast<double>(u64()); }
  void skip(std::size_t n) { at_ += n; }
  EntityId id() {
    EntityId e;
    e.site = u16();
    e.application = u16();
    e.entity = u16();
    return e;
  }
  EntityType type() {
    EntityType t;
    t.kind = u8();
    t.domain = u8();
    t.country = u16();
    t.category = u8();
    t.subcategory = u8();
    t.specific = u8();
    t.extra = u8();
    return t;
  }
  Vec3f vecf() { return {f32(), f32(), f32()}; }
  Vec3d vecd() { return {f64(), f64(), f64()}; }
  MunitionDescriptor descriptor() {
    MunitionDescriptor d;
    d.munition = type();
    d.warhead = u16();
    d.fuse = u16();
    d.quantity = u16();
    d.rate = u16();
    return d;
  }
  ClockTime clock() {
    ClockTime c;
    c.hour = std::int32_t(u32());
    c.past_hour = u32();
    return c;
  }

 private:
  std::span<const std::uint8_t> in_;
  std::size_t at_ = 0;
};

bool finite(const Vec3d& v) { return std::isfinite(v[0]) && std::isfinite(v[1]) && std::isfinite(v[2]); }
bool finite(const Vec3f& v) { return std::isfinite(v[0]) && std::isfinite(v[1]) && std::isfinite(v[2]); }

Decoded reject(Reject r) { return {std::nullopt, r}; }

Decoded read_entity_state(Reader& r, const Header& h) {
  if (r.left() < 132) return reject(Reject::kTruncated);
  EntityState p;
  p.header = h;
  p.id = r.id();
  p.force = r.u8();
  const std::size_t parameters = r.u8();
  p.type = r.type();
  p.alternative_type = r.type();
  p.velocity_mps = r.vecf();
  p.location_m = r.vecd();
  p.orientation_rad = r.vecf();
  p.appearance = r.u32();
  p.dr_algorithm = r.u8();
  r.skip(15);
  p.dr_acceleration_mps2 = r.vecf();
  p.dr_angular_velocity_rps = r.vecf();
  r.skip(1);  // character set
  for (int i = 0; i < 11; ++i) {
    const std::uint8_t c = r.u8();
    if (c != 0 && p.marking.size() == std::size_t(i)) p.marking.push_back(c >= 32 && c < 127 ? char(c) : '?');
  }
  p.capabilities = r.u32();
  if (r.left() != 16 * parameters) return reject(Reject::kBadCount);
  if (!finite(p.location_m) || !finite(p.velocity_mps) || !finite(p.orientation_rad) ||
      !finite(p.dr_acceleration_mps2))
    return reject(Reject::kBadValue);
  return {std::move(p), {}};
}

Decoded read_fire(Reader& r, const Header& h) {
  if (r.left() != 84) return reject(r.left() < 84 ? Reject::kTruncated : Reject::kLengthMismatch);
  Fire p;
  p.header = h;
  p.firing = r.id();
  p.target = r.id();
  p.munition = r.id();
  p.event = r.id();
  p.fire_mission = r.u32();
  p.location_m = r.vecd();
  p.descriptor = r.descriptor();
  p.velocity_mps = r.vecf();
  p.range_m = r.f32();
  if (!finite(p.location_m) || !finite(p.velocity_mps)) return reject(Reject::kBadValue);
  return {std::move(p), {}};
}

Decoded read_detonation(Reader& r, const Header& h) {
  if (r.left() < 92) return reject(Reject::kTruncated);
  Detonation p;
  p.header = h;
  p.firing = r.id();
  p.target = r.id();
  p.munition = r.id();
  p.event = r.id();
  p.velocity_mps = r.vecf();
  p.location_m = r.vecd();
  p.descriptor = r.descriptor();
  p.location_in_entity_m = r.vecf();
  p.result = r.u8();
  const std::size_t parameters = r.u8();
  r.skip(2);
  if (r.left() != 16 * parameters) return reject(Reject::kBadCount);
  if (!finite(p.location_m) || !finite(p.velocity_mps)) return reject(Reject::kBadValue);
  return {std::move(p), {}};
}

Decoded read_emission(Reader& r, const Header& h) {
  if (r.left() < 16) return reject(Reject::kTruncated);
  ElectromagneticEmission p;
  p.header = h;
  p.emitter = r.id();
  p.event = r.id();
  p.state_update = r.u8();
  const std::size_t systems = r.u8();
  r.skip(2);
  if (systems > kMaxEmitterSystems) return reject(Reject::kBadCount);
  p.systems.reserve(systems);
  for (std::size_t s = 0; s < systems; ++s) {
    if (r.left() < 20) return reject(Reject::kBadCount);
    const std::size_t system_bytes = std::size_t(r.u8()) * 4;
    const std::size_t beams = r.u8();
    r.skip(2);
    if (beams > kMaxBeams || system_bytes < 20 || system_bytes - 4 > r.left())
      return reject(Reject::kBadCount);
    std::size_t used = 20;
    EmitterSystem sys;
    sys.name = r.u16();
    sys.function = r.u8();
    sys.number = r.u8();
    sys.location_in_entity_m = r.vecf();
    sys.beams.reserve(beams);
    for (std::size_t b = 0; b < beams; ++b) {
      if (r.left() < 52) return reject(Reject::kBadCount);
      const std::size_t beam_bytes = std::size_t(r.u8()) * 4;
      Beam beam;
      beam.id = r.u8();
      beam.parameter_index = r.u16();
      beam.frequency_hz = r.f32();
      beam.frequency_range_hz = r.f32();
      beam.erp_dbm = r.f32();
      beam.prf_hz = r.f32();
      beam.pulse_width_us = r.f32();
      beam.azimuth_center_rad = r.f32();
      beam.azimuth_sweep_rad = r.f32();
      beam.elevation_center_rad = r.f32();
      beam.elevation_sweep_rad = r.f32();
      beam.sweep_sync = r.f32();
      beam.function = r.u8();
      const std::size_t targets = r.u8();
      beam.high_density = r.u8();
      beam.status = r.u8();
      r.skip(4);
      if (targets > kMaxTrackedTargets || beam_bytes != 52 + 8 * targets || r.left() < 8 * targets)
        return reject(Reject::kBadCount);
      beam.targets.reserve(targets);
      for (std::size_t t = 0; t < targets; ++t) {
        TrackedTarget tt;
        tt.target = r.id();
        tt.emitter = r.u8();
        tt.beam = r.u8();
        beam.targets.push_back(tt);
      }
      used += beam_bytes;
      if (!std::isfinite(beam.frequency_hz) || !std::isfinite(beam.erp_dbm)) return reject(Reject::kBadValue);
      sys.beams.push_back(std::move(beam));
    }
    if (used != system_bytes) return reject(Reject::kBadCount);
    p.systems.push_back(std::move(sys));
  }
  if (r.left() != 0) return reject(Reject::kLengthMismatch);
  return {std::move(p), {}};
}

template <typename Body>
Decoded read_fixed(Reader& r, std::size_t bytes, Body body) {
  if (r.left() != bytes) return reject(r.left() < bytes ? Reject::kTruncated : Reject::kLengthMismatch);
  return {body(), {}};
}

std::uint8_t family_of(PduType t) {
  switch (t) {
    case PduType::kEntityState: return kFamilyEntityInformation;
    case PduType::kFire:
    case PduType::kDetonation: return kFamilyWarfare;
    case PduType::kStartResume:
    case PduType::kStopFreeze:
    case PduType::kAcknowledge: return kFamilySimulationManagement;
    case PduType::kElectromagneticEmission: return kFamilyDistributedEmission;
  }
  return 0;
}

}  // namespace

void encode(const Pdu& pdu, std::vector<std::uint8_t>& out) {
  Writer w(out);
  std::visit([&](const auto& p) { put(w, p); }, pdu);
  w.finish();
}

std::vector<std::uint8_t> encode(const Pdu& pdu) {
  std::vector<std::uint8_t> out;
  encode(pdu, out);
  return out;
}

Decoded decode(std::span<const std::uint8_t> datagram) {
  if (datagram.size() > kMaxPduBytes) return reject(Reject::kTooLong);
  if (datagram.size() < 12) return reject(Reject::kTruncated);
  Reader r(datagram);
  Header h;
  h.version = r.u8();
  h.exercise = r.u8();
  const std::uint8_t type = r.u8();
  h.family = r.u8();
  h.timestamp = r.u32();
  h.length = r.u16();
  h.status = r.u8();
  r.skip(1);
  if (h.version != kVersion6 && h.version != kVersion7) return reject(Reject::kVersion);
  if (h.version == kVersion6) h.status = 0;
  if (h.length != datagram.size())
    return reject(h.length > datagram.size() ? Reject::kTruncated : Reject::kLengthMismatch);
  h.type = PduType(type);
  switch (h.type) {
    case PduType::kEntityState:
    case PduType::kFire:
    case PduType::kDetonation:
    case PduType::kStartResume:
    case PduType::kStopFreeze:
    case PduType::kAcknowledge:
    case PduType::kElectromagneticEmission: break;
    default: return reject(Reject::kUnsupported);
  }
  if (h.family != family_of(h.type)) return reject(Reject::kFamily);
  switch (h.type) {
    case PduType::kEntityState: return read_entity_state(r, h);
    case PduType::kFire: return read_fire(r, h);
    case PduType::kDetonation: return read_detonation(r, h);
    case PduType::kElectromagneticEmission: return read_emission(r, h);
    case PduType::kStartResume:
      return read_fixed(r, 32, [&] {
        StartResume p;
        p.header = h;
        p.originating = r.id();
        p.receiving = r.id();
        p.real_world_time = r.clock();
        p.simulation_time = r.clock();
        p.request_id = r.u32();
        return Pdu(p);
      });
    case PduType::kStopFreeze:
      return read_fixed(r, 28, [&] {
        StopFreeze p;
        p.header = h;
        p.originating = r.id();
        p.receiving = r.id();
        p.real_world_time = r.clock();
        p.reason = r.u8();
        p.frozen_behavior = r.u8();
        r.skip(2);
        p.request_id = r.u32();
        return Pdu(p);
      });
    case PduType::kAcknowledge:
      return read_fixed(r, 20, [&] {
        Acknowledge p;
        p.header = h;
        p.originating = r.id();
        p.receiving = r.id();
        p.acknowledge_flag = r.u16();
        p.response_flag = r.u16();
        p.request_id = r.u32();
        return Pdu(p);
      });
  }
  return reject(Reject::kUnsupported);
}

}  // namespace opensam::dis
