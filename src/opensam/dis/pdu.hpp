#pragma once
/// @file DIS PDUs (IEEE 1278.1-2012, protocol version 7; version 6, IEEE 1278.1a-1998, read):
/// the records opensam writes and reads, their big-endian encoding, and a decoder that checks
/// every length and count against the datagram before it reads a byte. Pure: no I/O.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace opensam::dis {

inline constexpr std::uint8_t kVersion6 = 6;
inline constexpr std::uint8_t kVersion7 = 7;
/// The largest PDU the standard allows (IEEE 1278.1-2012, 4.1.4: 8192 octets).
inline constexpr std::size_t kMaxPduBytes = 8192;
/// Emission records a decoder accepts in one PDU (a bound on the work of a hostile datagram).
inline constexpr std::size_t kMaxEmitterSystems = 32;
inline constexpr std::size_t kMaxBeams = 32;
inline constexpr std::size_t kMaxTrackedTargets = 64;

/// PDU types (SISO-REF-010, "DIS-PDU Type").
enum class PduType : std::uint8_t {
  kEntityState = 1,
  kFire = 2,
  kDetonation = 3,
  kStartResume = 13,
  kStopFreeze = 14,
  kAcknowledge = 15,
  kElectromagneticEmission = 23,
};
/// Protocol families (SISO-REF-010, "DIS-Protocol Family").
inline constexpr std::uint8_t kFamilyEntityInformation = 1;
inline constexpr std::uint8_t kFamilyWarfare = 2;
inline constexpr std::uint8_t kFamilySimulationManagement = 5;
inline constexpr std::uint8_t kFamilyDistributedEmission = 6;

/// Force IDs (SISO-REF-010).
inline constexpr std::uint8_t kForceFriendly = 1;
inline constexpr std::uint8_t kForceOpposing = 2;

/// Dead-reckoning algorithms (IEEE 1278.1-2012, annex E).
inline constexpr std::uint8_t kDrStatic = 1;
inline constexpr std::uint8_t kDrFpw = 2;
inline constexpr std::uint8_t kDrFvw = 5;

/// Detonation results (SISO-REF-010, "Detonation Result").
inline constexpr std::uint8_t kResultEntityImpact = 1;
inline constexpr std::uint8_t kResultEntityProximate = 2;
inline constexpr std::uint8_t kResultGroundImpact = 3;
inline constexpr std::uint8_t kResultDetonation = 5;

/// Appearance, platforms (SISO-REF-010, "General appearance"): damage in bits 3-4.
inline constexpr std::uint32_t kAppearanceDestroyed = 3u << 3;

struct Header {
  std::uint8_t version = kVersion7;
  std::uint8_t exercise = 1;
  PduType type = PduType::kEntityState;
  std::uint8_t family = 0;
  std::uint32_t timestamp = 0;  ///< units of 3600/2^31 s past the hour; bit 0: 1 absolute
  std::uint16_t length = 0;     ///< set by the encoder
  std::uint8_t status = 0;      ///< version 7 only
};

struct EntityId {
  std::uint16_t site = 0;
  std::uint16_t application = 0;
  std::uint16_t entity = 0;
  friend bool operator==(const EntityId&, const EntityId&) = default;
};
using EventId = EntityId;  ///< site, application, event number

struct EntityType {
  std::uint8_t kind = 0;
  std::uint8_t domain = 0;
  std::uint16_t country = 0;
  std::uint8_t category = 0;
  std::uint8_t subcategory = 0;
  std::uint8_t specific = 0;
  std::uint8_t extra = 0;
  friend bool operator==(const EntityType&, const EntityType&) = default;
};

using Vec3f = std::array<float, 3>;
using Vec3d = std::array<double, 3>;

struct EntityState {
  Header header;
  EntityId id;
  std::uint8_t force = 0;
  EntityType type;
  EntityType alternative_type;
  Vec3f velocity_mps{};     ///< ECEF
  Vec3d location_m{};       ///< ECEF, WGS 84
  Vec3f orientation_rad{};  ///< psi, theta, phi
  std::uint32_t appearance = 0;
  std::uint8_t dr_algorithm = kDrStatic;
  Vec3f dr_acceleration_mps2{};
  Vec3f dr_angular_velocity_rps{};
  std::string marking;  ///< ASCII, at most 11 characters
  std::uint32_t capabilities = 0;
};

struct MunitionDescriptor {
  EntityType munition;
  std::uint16_t warhead = 1300;  ///< SISO-REF-010: HE fragmentation
  std::uint16_t fuse = 3000;     ///< SISO-REF-010: proximity
  std::uint16_t quantity = 1;
  std::uint16_t rate = 0;
};

struct Fire {
  Header header;
  EntityId firing;
  EntityId target;
  EntityId munition;
  EventId event;
  std::uint32_t fire_mission = 0;
  Vec3d location_m{};
  MunitionDescriptor descriptor;
  Vec3f velocity_mps{};
  float range_m = 0.0F;
};

struct Detonation {
  Header header;
  EntityId firing;
  EntityId target;
  EntityId munition;
  EventId event;
  Vec3f velocity_mps{};
  Vec3d location_m{};
  MunitionDescriptor descriptor;
  Vec3f location_in_entity_m{};
  std::uint8_t result = 0;
};

struct TrackedTarget {
  EntityId target;
  std::uint8_t emitter = 0;
  std::uint8_t beam = 0;
};

struct Beam {
  std::uint8_t id = 1;
  std::uint16_t parameter_index = 0;
  float frequency_hz = 0.0F;
  float frequency_range_hz = 0.0F;
  float erp_dbm = 0.0F;
  float prf_hz = 0.0F;
  float pulse_width_us = 0.0F;
  float azimuth_center_rad = 0.0F;
  float azimuth_sweep_rad = 0.0F;
  float elevation_center_rad = 0.0F;
  float elevation_sweep_rad = 0.0F;
  float sweep_sync = 0.0F;
  std::uint8_t function = 0;  ///< SISO-REF-010 "Beam Function": 1 search, 4 track, 6 command guidance
  std::uint8_t high_density = 0;
  std::uint8_t status = 0;  ///< version 7: bit 0 set = deactivated
  std::vector<TrackedTarget> targets;
};

struct EmitterSystem {
  std::uint16_t name = 0;     ///< SISO-REF-010 "Emitter Name"
  std::uint8_t function = 0;  ///< SISO-REF-010 "Emitter System Function"
  std::uint8_t number = 1;
  Vec3f location_in_entity_m{};
  std::vector<Beam> beams;
};

struct ElectromagneticEmission {
  Header header;
  EntityId emitter;
  EventId event;
  std::uint8_t state_update = 0;  ///< 0 heartbeat, 1 changed data
  std::vector<EmitterSystem> systems;
};

/// Clock time: hours since 1970 and the DIS timestamp past the hour.
struct ClockTime {
  std::int32_t hour = 0;
  std::uint32_t past_hour = 0;
};

struct StartResume {
  Header header;
  EntityId originating;
  EntityId receiving;
  ClockTime real_world_time;
  ClockTime simulation_time;
  std::uint32_t request_id = 0;
};

struct StopFreeze {
  Header header;
  EntityId originating;
  EntityId receiving;
  ClockTime real_world_time;
  std::uint8_t reason = 0;  ///< SISO-REF-010 "Stop/Freeze Reason": 2 termination
  std::uint8_t frozen_behavior = 0;
  std::uint32_t request_id = 0;
};

struct Acknowledge {
  Header header;
  EntityId originating;
  EntityId receiving;
  std::uint16_t acknowledge_flag = 0;  ///< 1 Create, 2 Remove, 3 Start/Resume, 4 Stop/Freeze
  std::uint16_t response_flag = 1;     ///< 1 able to comply
  std::uint32_t request_id = 0;
};

using Pdu = std::variant<EntityState, Fire, Detonation, ElectromagneticEmission, StartResume, StopFreeze,
                         Acknowledge>;

/// Why a datagram was refused. Names are part of the output (the run's DIS counters).
enum class Reject : std::uint8_t {
  kTruncated,       ///< shorter than its header or its own fixed part
  kLengthMismatch,  ///< the header's length is not the datagram's
  kTooLong,         ///< over 8192 octets
  kVersion,         ///< neither 6 nor 7
  kFamily,          ///< the family does not match the type
  kUnsupported,     ///< a well-formed PDU of a type opensam does not read
  kBadCount,        ///< a record count or record length beyond the datagram or the bounds above
  kBadValue,        ///< a non-finite coordinate, for instance
};
inline constexpr std::size_t kRejectKinds = 8;
[[nodiscard]] std::string_view reject_name(Reject r);

struct Decoded {
  std::optional<Pdu> pdu;
  Reject reject = Reject::kTruncated;  ///< when there is no pdu
};

/// Encodes a PDU (the header's type, family and length are set from the record); appends to `out`.
void encode(const Pdu& pdu, std::vector<std::uint8_t>& out);
[[nodiscard]] std::vector<std::uint8_t> encode(const Pdu& pdu);

/// Decodes one datagram holding exactly one PDU of version 6 or 7.
[[nodiscard]] Decoded decode(std::span<const std::uint8_t> datagram);

/// The DIS timestamp of `seconds` (seconds past the hour wrap): relative, or absolute (bit 0 set).
[[nodiscard]] std::uint32_t timestamp(double seconds, bool absolute);
/// Seconds past the hour a timestamp stands for.
[[nodiscard]] double timestamp_seconds(std::uint32_t timestamp);

}  // namespace opensam::dis
