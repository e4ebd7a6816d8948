// `opensam calc`: the radar engineer's calculator.
#include "opensam/cli/calc.hpp"

#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "opensam/cli/commands.hpp"
#include "opensam/cli/flags.hpp"
#include "opensam/core/units.hpp"
#include "opensam/scenario/scenario.hpp"

namespace opensam::cli {

namespace {

using core::Dimension;
using nlohmann::ordered_json;

int fail(const std::string& command, const std::string& message) {
  std::cerr << fmt::format("opensam calc {}: {}\n", command, message);
  return kExitBadInput;
}

int print(const ordered_json& j, const std::string& format) {
  if (format == "json") {
    std::cout << j.dump() << "\n";
    return kExitOk;
  }
  for (const auto& [key, value] : j.items()) {
    if (value.is_array()) {  // one line per item: its fields
      std::cout << key << "\n";
      for (const auto& item : value) {
        std::string line;
        for (const auto& [k, v] : item.items())
          line += fmt::format("  {} {}", k,
                              v.is_number_float() ? fmt::format("{:.6g}", v.get<double>())
                              : v.is_string()     ? v.get<std::string>()
                                                  : v.dump());
        std::cout << line << "\n";
      }
      continue;
    }
    if (value.is_number_float()) {
      std::cout << fmt::format("{:<22} {:.6g}\n", key, value.get<double>());
    } else if (value.is_null()) {
      std::cout << fmt::format("{:<22} -\n", key);
    } else {
      std::cout << fmt::format("{:<22} {}\n", key,
                               value.is_string() ? value.get<std::string>() : value.dump());
    }
  }
  return kExitOk;
}

/// Loads a radar type for --radar; prints its errors.
std::optional<sensors::RadarType> load_radar(const std::string& command, const std::string& name) {
  auto r = scenario::load_site_type(name, "--radar");
  if (!r.errors.empty() || !r.site) {
    std::cerr << r.errors.str();
    return std::nullopt;
  }
  if (r.site->kind != scenario::SiteKind::kRadar) {
    fail(command, fmt::format("--radar: '{}' is a {}, not a radar", name, core::name_of(r.site->kind)));
    return std::nullopt;
  }
  return r.site->radar.radar;
}

}  // namespace

void add_calc(CLI::App& app, CalcArgs& a) {
  auto* calc = app.add_subcommand("calc", "Radar calculator: pd, snr, horizon, range, burnthrough");
  calc->require_subcommand(1);
  calc->footer(R"(
Flag values take units as in scenarios ("25 m", "0.01 m2", "-20 dBsm", "13 dB"); a bare
number is SI. --format json prints one JSON object.

Examples:
  opensam calc pd --snr-db 13.2 --pfa 1e-6
  opensam calc snr --pd 0.9 --pfa 1e-6 --pulses 10 --swerling 1 --method shnidman
  opensam calc horizon --radar-height "25 m" --target-height "50 m"
  opensam calc range --radar s400/91N6E --rcs "5 m2" --radar-height "20 m" --target-height "10 km"
  opensam calc range --radar s400/91N6E --rcs "5 m2" --jammer ea18g --jammer-range "150 km" --jammer-offset "10 deg"
  opensam calc burnthrough --radar s400/92N6E --jammer ea18g --rcs "5 m2")");
  auto add_format = [&](CLI::App* c) {
    c->add_option("--format", a.format, "table or json")->check(CLI::IsMember({"table", "json"}));
  };
  auto add_detection = [&](CLI::App* c, bool pfa_required) {
    auto* o = c->add_option("--pfa", a.pfa, "False-alarm probability");
    if (pfa_required) o->required();
    c->add_option("--pulses", a.pulses, "Pulses integrated");
    c->add_option("--swerling", a.swerling, "Swerling case 0-4");
  };
  auto* pd = calc->add_subcommand("pd", "Probability of detection (exact)");
  pd->add_option("--snr-db", a.snr_db, "SNR per pulse (dB)")->required();
  add_detection(pd, true);
  pd->add_option("--integration", a.integration, "noncoherent or coherent")
      ->check(CLI::IsMember({"noncoherent", "coherent"}));
  add_format(pd);
  auto* snr = calc->add_subcommand("snr", "SNR per pulse needed for a Pd");
  snr->add_option("--pd", a.pd, "Probability of detection")->required();
  add_detection(snr, true);
  snr->add_option("--method", a.method, "exact, albersheim or shnidman")
      ->check(CLI::IsMember({"exact", "albersheim", "shnidman"}));
  add_format(snr);
  auto* horizon = calc->add_subcommand("horizon", "Radar horizon over a smooth k-factor Earth");
  horizon->add_option("--radar-height", a.radar_height, "Antenna height")->required();
  horizon->add_option("--target-height", a.target_height, "Target height")->required();
  horizon->add_option("--k-factor", a.k_factor, "Effective Earth radius factor");
  add_format(horizon);
  auto* range = calc->add_subcommand("range", "Detection range of a radar type against a target");
  range->add_option("--radar", a.radar, "Radar type (library name or file)")->required();
  range->add_option("--rcs", a.rcs, "Radar cross section")->required();
  range->add_option("--pd", a.pd, "Probability of detection per look");
  add_detection(range, false);
  range->add_option("--radar-height", a.radar_height, "Antenna height");
  range->add_option("--target-height", a.target_height, "Target height");
  range->add_option("--k-factor", a.k_factor, "Effective Earth radius factor");
  range->add_option("--jammer", a.jammer,
                    "A stand-off jammer: threat type carrying it (library name or file)");
  range->add_option("--jammer-range", a.jammer_range, "Range of the stand-off jammer (with --jammer)");
  range->add_option("--jammer-offset", a.jammer_offset,
                    "Angle between the jammer and the target seen from the radar (0: in the main lobe)");
  add_format(range);
  auto* burn = calc->add_subcommand("burnthrough", "Self-screening burn-through range");
  burn->add_option("--radar", a.radar, "Radar type (library name or file)")->required();
  burn->add_option("--jammer", a.jammer, "Threat type carrying the jammer (library name or file)")
      ->required();
  burn->add_option("--rcs", a.rcs, "Radar cross section of the jamming target")->required();
  burn->add_option("--pd", a.pd, "Probability of detection per look");
  add_detection(burn, false);
  add_format(burn);
  a.subcommands = {calc, pd, snr, horizon, range, burn};
}

bool calc_selected(const CalcArgs& a) { return a.subcommands[0] != nullptr && a.subcommands[0]->parsed(); }

namespace {

/// calc pd
int calc_pd(const CalcArgs& a, FlagValues& flags, const std::string& command, int n) {
  const auto snr_db = flags.value("--snr-db", a.snr_db, Dimension::kDecibel, -100, 100);
  const auto pfa = flags.value("--pfa", a.pfa, Dimension::kNumber, 1e-300, 0.5, true);
  const auto sw = flags.swerling(a.swerling.empty() ? "0" : a.swerling);
  if (!flags.error.empty()) return fail(command, flags.error);
  const auto integration = *core::parse_name<sensors::Integration>(a.integration);
  ordered_json j;
  j["pd"] = sensors::probability_of_detection(sensors::db_to_ratio(*snr_db), *pfa, n, *sw, integration);
  j["snr_db"] = *snr_db;
  j["pfa"] = *pfa;
  j["pulses"] = n;
  j["swerling"] = static_cast<int>(*sw);
  j["integration"] = a.integration;
  return print(j, a.format);
}

/// calc snr
int calc_snr(const CalcArgs& a, FlagValues& flags, const std::string& command, int n) {
  const auto pfa = flags.value("--pfa", a.pfa, Dimension::kNumber, 1e-300, 0.5, true);
  const auto pd = flags.value("--pd", a.pd, Dimension::kNumber, 0.0, 1.0, true);
  const auto sw = flags.swerling(a.swerling.empty() ? "0" : a.swerling);
  if (!flags.error.empty()) return fail(command, flags.error);
  if (*pd >= 1.0 || *pd <= *pfa) return fail(command, "--pd: must be above --pfa and below 1");
  double snr_db = 0.0;
  if (a.method == "albersheim") {
    if (*sw != sensors::Swerling::k0)
      return fail(command, "--method albersheim: holds for a steady target only (--swerling 0)");
    snr_db = sensors::albersheim_snr_db(*pd, *pfa, n);
  } else if (a.method == "shnidman") {
    snr_db = sensors::shnidman_snr_db(*pd, *pfa, n, *sw);
  } else {
    snr_db = sensors::required_snr_db(*pd, *pfa, n, *sw);
  }
  ordered_json j;
  j["snr_db"] = snr_db;
  j["pd"] = *pd;
  j["pfa"] = *pfa;
  j["pulses"] = n;
  j["swerling"] = static_cast<int>(*sw);
  j["method"] = a.method;
  return print(j, a.format);
}

/// calc horizon
int calc_horizon(const CalcArgs& a, FlagValues& flags, const std::string& command,
                 const std::optional<double>& k) {
  const auto hr = flags.value("--radar-height", a.radar_height, Dimension::kLength, 0, 1e6);
  const auto ht = flags.value("--target-height", a.target_height, Dimension::kLength, 0, 1e6);
  if (!flags.error.empty()) return fail(command, flags.error);
  ordered_json j;
  j["range_m"] = sensors::horizon_range_m(*hr, *ht, *k);
  j["radar_height_m"] = *hr;
  j["target_height_m"] = *ht;
  j["k_factor"] = *k;
  return print(j, a.format);
}

/// The part of the pods' power inside the radar's receiver band, over its agile band, once
/// every spot pod has reacted.
double in_band_w(std::span<const sensors::JammerPod> pods, const sensors::RadarType& radar) {
  const sensors::RadarParameters& p = radar.parameters;
  return sensors::erp_in_band_w(pods, p.frequency_hz, p.noise_bandwidth_hz, radar.agility_hz);
}

/// Each pod of a jammer with the part of its power inside the radar's receiver band.
ordered_json pods_json(const std::vector<sensors::JammerPod>& pods, const sensors::RadarType& radar) {
  ordered_json out = ordered_json::array();
  for (const sensors::JammerPod& pod : pods) {
    const sensors::JammerPod one[] = {pod};
    out.push_back({{"name", pod.name},
                   {"technique", core::name_of(pod.technique)},
                   {"from_hz", pod.from_hz},
                   {"to_hz", pod.to_hz},
                   {"erp_w", pod.erp_w},
                   {"in_band_erp_w", in_band_w(one, radar)}});
  }
  return out;
}

/// The jammers of --jammer's threat type; nothing (reported) when it has none or is bad.
std::optional<std::vector<sensors::JammerPod>> load_jammer(const std::string& command,
                                                           const std::string& name) {
  auto jam = scenario::load_threat_type(name, "--jammer");
  if (!jam.errors.empty() || !jam.threat) {
    std::cerr << jam.errors.str();
    return std::nullopt;
  }
  if (jam.threat->signature.jammers.empty()) {
    fail(command, fmt::format("--jammer: '{}' carries no jammer", name));
    return std::nullopt;
  }
  return jam.threat->signature.jammers;
}

/// calc range and calc burnthrough: a radar type from the library.
int calc_radar(const CalcArgs& a, FlagValues& flags, const std::string& command, bool pulses_given, int n,
               const std::optional<double>& k) {
  const auto rcs = flags.value("--rcs", a.rcs, Dimension::kArea, 0.0, 1e6, true);
  const auto pd = flags.value("--pd", a.pd, Dimension::kNumber, 0.0, 1.0, true);
  const auto sw = flags.swerling(a.swerling.empty() ? "1" : a.swerling);
  const bool heights = !a.radar_height.empty() || !a.target_height.empty();
  if (heights && (a.radar_height.empty() || a.target_height.empty()))
    return fail(command, "--radar-height and --target-height go together");
  const auto hr = flags.value("--radar-height", a.radar_height.empty() ? "0" : a.radar_height,
                              Dimension::kLength, 0, 1e6);
  const auto ht = flags.value("--target-height", a.target_height.empty() ? "0" : a.target_height,
                              Dimension::kLength, 0, 1e6);
  if (!flags.error.empty()) return fail(command, flags.error);
  auto radar = load_radar(command, a.radar);
  if (!radar) return kExitBadInput;
  sensors::RadarParameters p = radar->parameters;
  if (!a.pfa.empty()) {
    const auto pfa = flags.value("--pfa", a.pfa, Dimension::kNumber, 1e-300, 0.5, true);
    if (!pfa) return fail(command, flags.error);
    p.pfa = *pfa;
  }
  if (pulses_given && !a.pulses.empty()) p.pulses = n;
  if (*pd >= 1.0 || *pd <= p.pfa)
    return fail(command, "--pd: must be above the false-alarm probability and below 1");
  const double snr_needed = sensors::required_snr(p, *pd, *sw);

  if (command == "range") {
    ordered_json jamming;
    double snr_with_jamming = snr_needed;
    if (a.jammer.empty() && (!a.jammer_range.empty() || !a.jammer_offset.empty()))
      return fail(command, "--jammer-range and --jammer-offset go with --jammer");
    if (!a.jammer.empty()) {
      // A stand-off jammer at a fixed range and angle off the target: the target's echo must
      // exceed the required SNR times (1 + J/N).
      if (a.jammer_range.empty()) return fail(command, "--jammer needs --jammer-range");
      const auto rj = flags.value("--jammer-range", a.jammer_range, Dimension::kLength, 1.0, 1e9);
      const auto off = flags.value("--jammer-offset", a.jammer_offset.empty() ? "0 deg" : a.jammer_offset,
                                   Dimension::kAngle, 0.0, std::numbers::pi);
      if (!flags.error.empty()) return fail(command, flags.error);
      const auto pods = load_jammer(command, a.jammer);
      if (!pods) return kExitBadInput;
      const double in_band = in_band_w(*pods, *radar);
      double jnr = sensors::jam_to_noise(
          p, in_band, *rj, sensors::antenna_pattern(*off, p.azimuth_beamwidth_rad, p.sidelobe_level_db));
      std::string protection = "none (no sidelobe canceller)";
      if (!sensors::in_sidelobes(*off, p.azimuth_beamwidth_rad)) {
        protection = "none (the jammer is in the main lobe)";
      } else if (radar->canceller_db > 0.0 && radar->canceller_channels > 0) {
        jnr /= sensors::db_to_ratio(radar->canceller_db);
        protection = fmt::format("sidelobe canceller, {:g} dB", radar->canceller_db);
      }
      snr_with_jamming = snr_needed * (1.0 + jnr);
      jamming["jnr_db"] = sensors::ratio_to_db(jnr);
      jamming["in_band_erp_w"] = in_band;
      jamming["protection_used"] = protection;
      // The blanker acts on a repeater's sidelobe pulses only, never on noise.
      jamming["sidelobe_blanker"] = radar->blanker_probability;
      jamming["radar_frequency_agility_hz"] = radar->agility_hz;
      jamming["jammers"] = pods_json(*pods, *radar);
    }
    const double free_space = sensors::detection_range_m(p, *rcs, snr_with_jamming, *hr, *ht, *k);
    const std::optional<double> horizon =
        heights ? std::optional(sensors::horizon_range_m(*hr, *ht, *k)) : std::nullopt;
    ordered_json j;
    j["range_m"] =
        std::min({free_space, p.instrumented_range_m, horizon.value_or(free_space)});  // the answer first
    j["free_space_range_m"] = free_space;
    j["horizon_range_m"] = horizon ? ordered_json(*horizon) : ordered_json();
    j["instrumented_range_m"] = p.instrumented_range_m;
    j["required_snr_db"] = sensors::ratio_to_db(snr_needed);
    j["pd"] = *pd;
    j["pfa"] = p.pfa;
    j["pulses"] = p.pulses;
    j["swerling"] = static_cast<int>(*sw);
    if (!jamming.is_null()) j.update(jamming);
    return print(j, a.format);
  }

  // burnthrough
  const auto jammers = load_jammer(command, a.jammer);
  if (!jammers) return kExitBadInput;
  const double in_band = in_band_w(*jammers, *radar);
  ordered_json j;
  j["range_m"] = sensors::detection_range_m(p, *rcs, snr_needed, 0.0, 0.0, *k, in_band);
  sensors::RadarParameters lossless = p;
  lossless.losses_db = 0.0;
  // No pod in the radar's band: nothing to burn through.
  j["closed_form_range_m"] =
      in_band > 0.0 ? ordered_json(sensors::burnthrough_range_m(lossless, *rcs, in_band, snr_needed))
                    : nullptr;
  j["radar_frequency_hz"] = p.frequency_hz;
  j["radar_bandwidth_hz"] = p.noise_bandwidth_hz;
  j["radar_frequency_agility_hz"] = radar->agility_hz;
  j["in_band_erp_w"] = in_band;
  j["jammers"] = pods_json(*jammers, *radar);
  // A self-screening jammer is in the main lobe: the radar's sidelobe canceller cannot help.
  j["sidelobe_canceller_db"] = radar->canceller_db;
  j["protection_used"] = "none (a self-screening jammer is in the main lobe)";
  j["sidelobe_blanker"] = radar->blanker_probability;
  j["required_snr_db"] = sensors::ratio_to_db(snr_needed);
  j["pd"] = *pd;
  return print(j, a.format);
}

}  // namespace

int calc_command(const CalcArgs& a) {
  std::string command;
  for (std::size_t i = 1; i < a.subcommands.size(); ++i) {
    if (a.subcommands[i]->parsed()) command = a.subcommands[i]->get_name();
  }
  FlagValues flags;
  const auto pulses =
      flags.value("--pulses", a.pulses.empty() ? "1" : a.pulses, Dimension::kNumber, 1, 10000);
  if (pulses && *pulses != std::floor(*pulses)) return fail(command, "--pulses: must be a whole number");
  const int n = pulses ? static_cast<int>(*pulses) : 1;
  if (command == "pd") return calc_pd(a, flags, command, n);
  if (command == "snr") return calc_snr(a, flags, command, n);
  const auto k = flags.value("--k-factor", a.k_factor, Dimension::kNumber, 0.1, 10.0);
  if (command == "horizon") return calc_horizon(a, flags, command, k);
  return calc_radar(a, flags, command, pulses.has_value(), n, k);
}

}  // namespace opensam::cli
