// The DIS codec against IEEE 1278.1-2012 (record layouts and sizes, section 7 and annex A) and
// against hostile datagrams.
#include "opensam/dis/pdu.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

namespace opensam::dis {
namespace {

EntityState sample_entity_state() {
  EntityState p;
  p.header.exercise = 3;
  p.header.timestamp = timestamp(1234.5, false);
  p.id = {1, 2, 3};
  p.force = kForceOpposing;
  p.type = {1, 2, 225, 1, 0, 0, 0};
  p.velocity_mps = {100.0F, -50.0F, 3.0F};
  p.location_m = {4200000.5, 2700000.25, 4100000.125};
  p.orientation_rad = {0.5F, -0.25F, 0.125F};
  p.appearance = kAppearanceDestroyed;
  p.dr_algorithm = kDrFpw;
  p.marking = "f16-1";
  return p;
}

ElectromagneticEmission sample_emission(std::size_t targets) {
  ElectromagneticEmission p;
  p.emitter = {1, 1, 3};
  EmitterSystem s;
  s.name = 16960;
  s.function = 4;
  Beam b;
  b.frequency_hz = 1e10F;
  b.erp_dbm = 125.0F;
  b.function = 5;
  for (std::size_t i = 0; i < targets; ++i) b.targets.push_back({{1, 2, std::uint16_t(i + 1)}, 1, 1});
  s.beams.push_back(b);
  p.systems.push_back(s);
  return p;
}

// IEEE 1278.1-2012, 7.2.2 (Entity State: 144 octets without variable parameters), 7.3.2 (Fire:
// 96), 7.3.3 (Detonation: 104), 7.6.2 (Electromagnetic Emission: 28 + 20 per system + 52 per
// beam + 8 per tracked target), 7.5.4-7.5.6 (Start/Resume 44, Stop/Freeze 40, Acknowledge 32).
TEST(DisPdu, SizesAreTheStandardsRecordSizes) {
  EXPECT_EQ(encode(sample_entity_state()).size(), 144U);
  EXPECT_EQ(encode(Fire{}).size(), 96U);
  EXPECT_EQ(encode(Detonation{}).size(), 104U);
  EXPECT_EQ(encode(sample_emission(0)).size(), 28U + 20U + 52U);
  EXPECT_EQ(encode(sample_emission(3)).size(), 28U + 20U + 52U + 3U * 8U);
  EXPECT_EQ(encode(StartResume{}).size(), 44U);
  EXPECT_EQ(encode(StopFreeze{}).size(), 40U);
  EXPECT_EQ(encode(Acknowledge{}).size(), 32U);
}

TEST(DisPdu, HeaderIsBigEndianWithTypeFamilyAndLength) {
  const auto b = encode(sample_entity_state());
  EXPECT_EQ(b[0], 7);  // version
  EXPECT_EQ(b[1], 3);  // exercise
  EXPECT_EQ(b[2], 1);  // Entity State
  EXPECT_EQ(b[3], 1);  // Entity Information family
  EXPECT_EQ((b[8] << 8) | b[9], 144);
  // Entity ID 1.2.3 right after the 12-octet header.
  EXPECT_EQ(b[12], 0);
  EXPECT_EQ(b[13], 1);
  EXPECT_EQ(b[15], 2);
  EXPECT_EQ(b[17], 3);
  // Country 225 at octets 22-23 (kind, domain, country).
  EXPECT_EQ((b[22] << 8) | b[23], 225);
}

TEST(DisPdu, EntityStateRoundTrips) {
  const EntityState p = sample_entity_state();
  const Decoded d = decode(encode(p));
  ASSERT_TRUE(d.pdu);
  const auto& q = std::get<EntityState>(*d.pdu);
  EXPECT_EQ(q.id, p.id);
  EXPECT_EQ(q.type, p.type);
  EXPECT_EQ(q.force, p.force);
  EXPECT_EQ(q.location_m, p.location_m);
  EXPECT_EQ(q.velocity_mps, p.velocity_mps);
  EXPECT_EQ(q.orientation_rad, p.orientation_rad);
  EXPECT_EQ(q.appearance, p.appearance);
  EXPECT_EQ(q.dr_algorithm, p.dr_algorithm);
  EXPECT_EQ(q.marking, "f16-1");
  EXPECT_EQ(q.header.exercise, 3);
  EXPECT_EQ(q.header.timestamp, p.header.timestamp);
}

TEST(DisPdu, WarfareAndManagementRoundTrip) {
  Detonation det;
  det.firing = {1, 1, 4};
  det.target = {9, 9, 1};
  det.munition = {1, 1, 40};
  det.event = {1, 1, 7};
  det.location_m = {1.0, 2.0, 3.0};
  det.result = kResultEntityProximate;
  const auto d = decode(encode(det));
  ASSERT_TRUE(d.pdu);
  const auto& q = std::get<Detonation>(*d.pdu);
  EXPECT_EQ(q.target, det.target);
  EXPECT_EQ(q.event, det.event);
  EXPECT_EQ(q.result, kResultEntityProximate);
  EXPECT_EQ(q.descriptor.warhead, 1300);
  EXPECT_EQ(q.descriptor.fuse, 3000);

  StopFreeze stop;
  stop.reason = 2;
  stop.request_id = 77;
  const auto s = decode(encode(stop));
  ASSERT_TRUE(s.pdu);
  EXPECT_EQ(std::get<StopFreeze>(*s.pdu).reason, 2);
  EXPECT_EQ(std::get<StopFreeze>(*s.pdu).request_id, 77U);

  const auto e = decode(encode(sample_emission(5)));
  ASSERT_TRUE(e.pdu);
  const auto& ee = std::get<ElectromagneticEmission>(*e.pdu);
  ASSERT_EQ(ee.systems.size(), 1U);
  EXPECT_EQ(ee.systems[0].name, 16960);
  ASSERT_EQ(ee.systems[0].beams.size(), 1U);
  EXPECT_EQ(ee.systems[0].beams[0].targets.size(), 5U);
  EXPECT_EQ(ee.systems[0].beams[0].targets[4].target.entity, 5);
}

// IEEE 1278.1-2012, 6.2.88: 2^31 units per hour in the upper 31 bits, bit 0 = absolute.
TEST(DisPdu, TimestampCountsTwoToThe31UnitsPerHour) {
  EXPECT_EQ(timestamp(1800.0, false), (1u << 30) << 1);
  EXPECT_EQ(timestamp(1800.0, true), ((1u << 30) << 1) | 1u);
  EXPECT_EQ(timestamp(3600.0 + 900.0, false), timestamp(900.0, false));  // past the hour
  EXPECT_NEAR(timestamp_seconds(timestamp(1234.5678, true)), 1234.5678, 2e-6);
}

TEST(DisPdu, VersionSixIsRead) {
  auto b = encode(sample_entity_state());
  b[0] = 6;
  b[10] = 0x55;  // version 6: padding where version 7 has the PDU status
  const Decoded d = decode(b);
  ASSERT_TRUE(d.pdu);
  EXPECT_EQ(std::get<EntityState>(*d.pdu).header.version, 6);
  EXPECT_EQ(std::get<EntityState>(*d.pdu).header.status, 0);
}

TEST(DisPdu, EveryTruncationIsRejected) {
  for (const Pdu& pdu : {Pdu(sample_entity_state()), Pdu(Fire{}), Pdu(Detonation{}), Pdu(sample_emission(2)),
                         Pdu(StartResume{}), Pdu(StopFreeze{}), Pdu(Acknowledge{})}) {
    const auto full = encode(pdu);
    for (std::size_t n = 0; n < full.size(); ++n) {
      const Decoded d = decode(std::span(full.data(), n));
      EXPECT_FALSE(d.pdu) << "a PDU cut to " << n << " of " << full.size() << " octets was accepted";
    }
    // The header's length kept, the datagram cut: the lengths disagree.
    auto cut = full;
    cut.pop_back();
    EXPECT_EQ(decode(cut).reject, Reject::kTruncated);
  }
}

TEST(DisPdu, WrongLengthsVersionsAndTypesAreRejectedByName) {
  auto b = encode(sample_entity_state());
  auto longer = b;
  longer.push_back(0);
  EXPECT_EQ(decode(longer).reject, Reject::kLengthMismatch);  // a byte past the header's length
  auto lying = b;
  lying[9] = 100;  // the header says 100 octets of 144
  EXPECT_EQ(decode(lying).reject, Reject::kLengthMismatch);
  auto v9 = b;
  v9[0] = 9;
  EXPECT_EQ(decode(v9).reject, Reject::kVersion);
  auto family = b;
  family[3] = 2;
  EXPECT_EQ(decode(family).reject, Reject::kFamily);
  auto type = b;
  type[2] = 250;
  EXPECT_EQ(decode(type).reject, Reject::kUnsupported);
  std::vector<std::uint8_t> huge(kMaxPduBytes + 1, 0);
  EXPECT_EQ(decode(huge).reject, Reject::kTooLong);
  // Two PDUs in one datagram: the length of the first is not the datagram's.
  auto two = b;
  two.insert(two.end(), b.begin(), b.end());
  EXPECT_EQ(decode(two).reject, Reject::kLengthMismatch);
}

TEST(DisPdu, AbsurdCountsAreRejectedWithoutAllocating) {
  // Entity State claiming 255 variable parameters in 144 octets.
  auto es = encode(sample_entity_state());
  es[19] = 255;
  EXPECT_EQ(decode(es).reject, Reject::kBadCount);
  // Emission claiming 255 systems.
  auto ee = encode(sample_emission(1));
  ee[25] = 255;
  EXPECT_EQ(decode(ee).reject, Reject::kBadCount);
  // A beam claiming 255 targets.
  auto beam = encode(sample_emission(1));
  const std::size_t beam_at = 28 + 20;
  beam[beam_at + 45] = 255;
  EXPECT_EQ(decode(beam).reject, Reject::kBadCount);
  // A system length that disagrees with its beams.
  auto sys = encode(sample_emission(1));
  sys[28] = std::uint8_t(sys[28] + 1);
  EXPECT_EQ(decode(sys).reject, Reject::kBadCount);
}

TEST(DisPdu, NonFiniteCoordinatesAreRejected) {
  EntityState p = sample_entity_state();
  p.location_m[1] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(decode(encode(p)).reject, Reject::kBadValue);
  p = sample_entity_state();
  p.velocity_mps[0] = std::numeric_limits<float>::infinity();
  EXPECT_EQ(decode(encode(p)).reject, Reject::kBadValue);
}

// Random corruptions of valid PDUs: decoded or rejected, never a crash (run under ASan too).
TEST(DisPdu, CorruptedPdusNeverCrash) {
  std::mt19937 rng(7);
  const std::vector<std::vector<std::uint8_t>> seeds = {
      encode(sample_entity_state()), encode(sample_emission(4)), encode(Detonation{}), encode(StopFreeze{})};
  std::size_t accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    auto b = seeds[std::size_t(i) % seeds.size()];
    const int flips = 1 + int(rng() % 4);
    for (int k = 0; k < flips; ++k) b[rng() % b.size()] = std::uint8_t(rng());
    if (rng() % 4 == 0) b.resize(rng() % (b.size() + 8));
    accepted += decode(b).pdu ? 1 : 0;
  }
  EXPECT_GT(accepted, 0U);  // corruptions of values only still decode
}

}  // namespace
}  // namespace opensam::dis
