#pragma once
/// @file opensam in a DIS federation: a run's sites, threats and interceptors go out as Entity
/// State (dead reckoning with the standard's thresholds and heartbeats), its launches and bursts
/// as Fire and Detonation, its radars as Electromagnetic Emission; Entity State of another
/// simulation's aircraft and missiles comes in as threats, its Detonations on our sites destroy
/// them, and its Start/Resume and Stop/Freeze control a real-time run.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "opensam/dis/pdu.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/event_log.hpp"
#include "opensam/sim/live.hpp"

namespace opensam::dis {

struct Endpoint {
  std::string host;
  std::uint16_t port = 3000;
};

/// "HOST:PORT" (an IPv4 address or a name), or nothing with `error` set.
[[nodiscard]] std::optional<Endpoint> parse_endpoint(const std::string& text, std::string& error);

struct LinkOptions {
  std::uint8_t exercise = 1;
  std::uint16_t site = 1;  ///< our simulation address
  std::uint16_t application = 1;
  std::optional<Endpoint> out;     ///< where PDUs go
  std::optional<Endpoint> in;      ///< where PDUs of others arrive
  std::string pcap_path;           ///< the same PDUs as a capture file, or none
  bool realtime = false;           ///< pace the run on the wall clock (absolute timestamps)
  double time_scale = 1.0;         ///< simulation seconds per wall-clock second
  double interval_s = 0.1;         ///< how often movers are checked against their dead reckoning
  double rate_limit_pps = 5000.0;  ///< datagrams decoded per wall-clock second, on average
  double rate_burst = 1000.0;      ///< and at once
  std::size_t max_entities = 256;  ///< entities of others taken in at once
};

/// What crossed the link, by PDU type and by why a datagram was refused.
struct LinkStats {
  std::uint64_t sent = 0;
  std::uint64_t sent_entity_state = 0;
  std::uint64_t sent_fire = 0;
  std::uint64_t sent_detonation = 0;
  std::uint64_t sent_emission = 0;
  std::uint64_t sent_other = 0;
  std::uint64_t send_errors = 0;
  std::uint64_t received = 0;
  std::uint64_t accepted = 0;
  std::array<std::uint64_t, kRejectKinds> rejected{};
  std::uint64_t rate_limited = 0;
  std::uint64_t other_exercise = 0;
  std::uint64_t own = 0;           ///< our own PDUs heard back
  std::uint64_t ignored = 0;       ///< well-formed, not for us (a ground vehicle, a PDU we do not act on)
  std::uint64_t entity_limit = 0;  ///< new entities past max_entities
  std::uint64_t entities_in = 0;   ///< entities of others that became threats
  std::uint64_t timed_out = 0;
  std::uint64_t strikes = 0;  ///< Detonations that destroyed a site of ours
  std::uint64_t fires_in = 0;
  std::uint64_t start_resume = 0;
  std::uint64_t stop_freeze = 0;
  [[nodiscard]] std::uint64_t rejected_total() const;
};

class Link final : public sim::LiveLink, public sim::EventSink {
 public:
  /// Opens the sockets and the capture file; throws std::runtime_error naming what failed.
  Link(const scenario::Scenario& sc, LinkOptions options);
  ~Link() override;
  Link(const Link&) = delete;
  Link& operator=(const Link&) = delete;

  [[nodiscard]] double interval_s() const override;
  void on_movers(double now_s, std::span<const sim::MoverState> movers) override;
  bool poll(double now_s, sim::Inbound& in) override;
  void bound(std::uint64_t key, sim::EntityIndex entity) override;
  void on_event(const sim::Event& e) override;

  /// Flushes and closes the capture (renamed onto its path only now). Throws on failure.
  void finish();
  [[nodiscard]] const LinkStats& stats() const;

  /// Decodes one datagram as a received one (the receive path without the socket, for tests
  /// and the fuzzer).
  void receive(std::span<const std::uint8_t> datagram, double now_s, sim::Inbound& in);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The ECEF orientation (psi, theta, phi; IEEE 1278.1-2012, annex B) of a body flying along
/// `velocity_ecef` with wings level at `position_ecef`; level and heading north when at rest.
[[nodiscard]] Vec3f orientation_of(const std::array<double, 3>& position_ecef,
                                   const std::array<double, 3>& velocity_ecef);

/// The summary of a link's counters as JSON text (dis.json).
[[nodiscard]] std::string stats_json(const LinkStats& s);

}  // namespace opensam::dis
