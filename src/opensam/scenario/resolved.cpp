#include "opensam/scenario/resolved.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <string_view>

#include "opensam/scenario/schema.hpp"
#include "opensam/scenario/tracker_config.hpp"

namespace opensam::scenario {

namespace {

std::string num(double v) { return fmt::format("{}", v); }

std::string altitude_text(const Altitude& a) {
  return fmt::format("{} m {}", a.value_m, a.reference == AltitudeReference::kAgl ? "AGL" : "MSL");
}

void emit_position(YAML::Emitter& e, const GeoPoint& p) {
  e << YAML::Key << "position" << YAML::Value << YAML::Flow << YAML::BeginSeq << num(p.lat_deg)
    << num(p.lon_deg) << YAML::EndSeq;
}

void emit_tracker(YAML::Emitter& e, const TrackerSettings& t) {
  const tracking::TrackerConfig& c = t.config;
  e << YAML::Key << "tracker" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "filter" << YAML::Value << std::string(core::name_of(c.filter));
  e << YAML::Key << "models" << YAML::Value << YAML::BeginSeq;
  for (const auto& m : c.models) {
    e << YAML::Flow << YAML::BeginMap;
    e << YAML::Key << "model" << YAML::Value << std::string(core::name_of(m.kind));
    e << YAML::Key << "noise" << YAML::Value << num(m.noise_psd);
    e << YAML::Key << "time_constant" << YAML::Value << num(m.singer_time_constant_s) + " s";
    e << YAML::Key << "manoeuvre_sigma" << YAML::Value << num(m.singer_sigma_mps2);
    e << YAML::Key << "turn_rate_noise" << YAML::Value << num(m.turn_rate_psd);
    e << YAML::Key << "ballistic_coefficient" << YAML::Value << num(m.ballistic_coefficient_kg_m2);
    e << YAML::Key << "initial_acceleration_sigma" << YAML::Value << num(m.initial_acceleration_sigma_mps2);
    e << YAML::Key << "initial_turn_rate_sigma" << YAML::Value
      << num(m.initial_turn_rate_sigma_rad_s) + " rad";
    e << YAML::EndMap;
  }
  e << YAML::EndSeq;
  e << YAML::Key << "model_switch_rate" << YAML::Value << num(c.imm_switch_per_s);
  e << YAML::Key << "gate_probability" << YAML::Value << num(c.gate_probability);
  e << YAML::Key << "associator" << YAML::Value << std::string(core::name_of(c.associator));
  e << YAML::Key << "detection_probability" << YAML::Value << num(c.detection_probability);
  e << YAML::Key << "jpda_exact_max_tracks" << YAML::Value << c.jpda_exact_max_tracks;
  e << YAML::Key << "confirm_hits" << YAML::Value << c.confirm_hits;
  e << YAML::Key << "confirm_window" << YAML::Value << c.confirm_window;
  e << YAML::Key << "delete_after_misses" << YAML::Value << c.delete_after_misses;
  if (std::isfinite(c.delete_after_s))
    e << YAML::Key << "delete_after" << YAML::Value << num(c.delete_after_s) + " s";
  if (std::isfinite(c.max_position_sigma_m))
    e << YAML::Key << "max_position_sigma" << YAML::Value << num(c.max_position_sigma_m) + " m";
  e << YAML::Key << "initial_velocity_sigma" << YAML::Value << num(c.initial_velocity_sigma_mps) + " m/s";
  e << YAML::Key << "strobe_crossings" << YAML::Value << c.strobe_crossings;
  e << YAML::Key << "strobe_window" << YAML::Value << num(c.strobe_window_s) + " s";
  e << YAML::Key << "strobe_min_angle" << YAML::Value << num(c.strobe_min_angle_rad) + " rad";
  e << YAML::Key << "strobe_max_speed" << YAML::Value << num(c.strobe_max_speed_mps) + " m/s";
  e << YAML::Key << "strobe_max_sigma" << YAML::Value << num(c.strobe_max_sigma_m) + " m";
  e << YAML::Key << "update_interval" << YAML::Value << num(t.update_interval_s) + " s";
  e << YAML::Key << "gospa_c" << YAML::Value << num(t.gospa_c_m) + " m";
  e << YAML::Key << "gospa_p" << YAML::Value << num(t.gospa_p);
  e << YAML::EndMap;
}

void emit_environment(YAML::Emitter& e, const Environment& env) {
  e << YAML::Key << "environment" << YAML::Value << YAML::BeginMap;
  // The run folder is elsewhere: the terrain is named by its absolute path.
  if (!env.terrain_file.empty())
    e << YAML::Key << "terrain" << YAML::Value
      << std::filesystem::absolute(env.terrain_file).generic_string();
  e << YAML::Key << "k_factor" << YAML::Value << num(env.k_factor);
  e << YAML::Key << "surface" << YAML::Value << std::string(core::name_of(env.surface));
  e << YAML::Key << "clutter_gamma" << YAML::Value << num(env.clutter_gamma_db) + " dB";
  e << YAML::Key << "reflection" << YAML::Value << num(env.reflection) << YAML::EndMap;
}

void emit_defence(YAML::Emitter& e, const Defence& d) {
  e << YAML::Key << "defence" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "roe" << YAML::Value << std::string(core::name_of(d.roe)) << YAML::Key << "doctrine"
    << YAML::Value << std::string(core::name_of(d.doctrine));
  e << YAML::Key << "iff" << YAML::Value << std::string(core::name_of(d.iff));
  e << YAML::Key << "engage_on_remote" << YAML::Value << d.engage_on_remote;
  e << YAML::Key << "kill_assessment" << YAML::Value << num(d.kill_assessment_s) + " s";
  e << YAML::Key << "max_missiles_per_target" << YAML::Value << d.max_missiles_per_target;
  e << YAML::Key << "emcon_on_arm" << YAML::Value << d.emcon_on_arm;
  e << YAML::Key << "arm_silence" << YAML::Value << num(d.arm_silence_s) + " s";
  e << YAML::Key << "evaluation" << YAML::Value << YAML::BeginMap;
  for (const FieldSpec& f : kEvaluationSection.fields)
    e << YAML::Key << std::string(f.key) << YAML::Value << core::format_si(f.get_value(&d.evaluation), f.dim);
  e << YAML::EndMap;
  if (!d.zones.empty()) {
    e << YAML::Key << "zones" << YAML::Value << YAML::BeginSeq;
    for (const auto& z : d.zones) {
      e << YAML::BeginMap;
      emit_position(e, z.position);
      e << YAML::Key << "radius" << YAML::Value << num(z.radius_m) + " m";
      e << YAML::Key << "min_altitude" << YAML::Value << num(z.min_altitude_m) + " m";
      e << YAML::Key << "max_altitude" << YAML::Value << num(z.max_altitude_m) + " m" << YAML::EndMap;
    }
    e << YAML::EndSeq;
  }
  e << YAML::EndMap;
}

void emit_sites(YAML::Emitter& e, const std::vector<Site>& sites) {
  if (!sites.empty()) {
    e << YAML::Key << "sites" << YAML::Value << YAML::BeginSeq;
    for (const auto& s : sites) {
      e << YAML::BeginMap << YAML::Key << "id" << YAML::Value << s.id << YAML::Key << "type" << YAML::Value
        << s.type;
      emit_position(e, s.position);
      e << YAML::Key << "altitude" << YAML::Value << altitude_text(s.altitude);
      e << YAML::Key << "facing" << YAML::Value << num(s.facing_rad) + " rad";
      if (s.destroyed_at_s) e << YAML::Key << "destroyed_at" << YAML::Value << num(*s.destroyed_at_s) + " s";
      if (!s.battalion.empty()) e << YAML::Key << "battalion" << YAML::Value << s.battalion;
      if (!s.missile.empty()) {
        e << YAML::Key << "missile" << YAML::Value << s.missile << YAML::Key << "rounds" << YAML::Value
          << s.rounds;
        e << YAML::Key << "reloads" << YAML::Value << s.reloads;
        e << YAML::Key << "ready_at" << YAML::Value << num(s.ready_s) + " s";
      }
      if (!s.silent.empty()) {
        e << YAML::Key << "silent" << YAML::Value << YAML::BeginSeq;
        for (const auto& w : s.silent) {
          e << YAML::Flow << YAML::BeginMap << YAML::Key << "from" << YAML::Value << num(w.from_s) + " s"
            << YAML::Key << "to" << YAML::Value << num(w.to_s) + " s" << YAML::EndMap;
        }
        e << YAML::EndSeq;
      }
      e << YAML::EndMap;
    }
    e << YAML::EndSeq;
  }
}

void emit_assets_and_coverage(YAML::Emitter& e, const Scenario& sc) {
  if (!sc.assets.empty()) {
    e << YAML::Key << "assets" << YAML::Value << YAML::BeginSeq;
    for (const auto& a : sc.assets) {
      e << YAML::BeginMap << YAML::Key << "id" << YAML::Value << a.id;
      emit_position(e, a.position);
      e << YAML::Key << "altitude" << YAML::Value << altitude_text(a.altitude);
      e << YAML::Key << "radius" << YAML::Value << num(a.radius_m) + " m";
      e << YAML::Key << "value_usd" << YAML::Value << num(a.value_usd) << YAML::EndMap;
    }
    e << YAML::EndSeq;
  }
  e << YAML::Key << "coverage" << YAML::Value << YAML::BeginSeq;
  for (const auto& c : sc.coverage) {
    e << YAML::Flow << YAML::BeginMap << YAML::Key << "altitude" << YAML::Value << altitude_text(c.altitude)
      << YAML::Key << "rcs" << YAML::Value << num(c.rcs_m2) + " m2" << YAML::Key << "pd" << YAML::Value
      << num(c.pd) << YAML::Key << "resolution" << YAML::Value << num(c.resolution_m) + " m" << YAML::EndMap;
  }
  e << YAML::EndSeq;
}

void emit_threat(YAML::Emitter& e, const Threat& t) {
  e << YAML::BeginMap << YAML::Key << "id" << YAML::Value << t.id << YAML::Key << "type" << YAML::Value
    << t.type;
  if (t.arrival_s)
    e << YAML::Key << "time_on_target" << YAML::Value << num(*t.arrival_s) + " s";
  else
    e << YAML::Key << "start" << YAML::Value << num(t.start_time_s) + " s";
  e << YAML::Key << "start_jitter" << YAML::Value << num(t.start_jitter_s) + " s";
  e << YAML::Key << "end" << YAML::Value << std::string(core::name_of(t.end));
  // The route already ends on the target's aim point; the loader does not add it twice.
  if (!t.target.empty()) e << YAML::Key << "target" << YAML::Value << t.target;
  e << YAML::Key << "route" << YAML::Value << YAML::BeginSeq;
  for (const auto& w : t.route) {
    e << YAML::BeginMap;
    emit_position(e, w.position);
    e << YAML::Key << "altitude" << YAML::Value << altitude_text(w.altitude);
    e << YAML::Key << "speed" << YAML::Value << num(w.speed_mps) + " m/s";
    if (w.loiter_s > 0.0) e << YAML::Key << "loiter" << YAML::Value << num(w.loiter_s) + " s";
    e << YAML::EndMap;
  }
  e << YAML::EndSeq;
  if (t.clearance_m) e << YAML::Key << "terrain_following" << YAML::Value << num(*t.clearance_m) + " m";
  if (t.dive_angle_rad) e << YAML::Key << "dive_angle" << YAML::Value << num(*t.dive_angle_rad) + " rad";
  e << YAML::Key << "loiter_radius" << YAML::Value << num(t.loiter_radius_m) + " m";
  e << YAML::Key << "route_jitter" << YAML::Value << num(t.route_jitter_m) + " m";
  e << YAML::Key << "rcs_jitter" << YAML::Value << num(t.rcs_jitter_db) + " dB";
  if (t.friendly) e << YAML::Key << "friendly" << YAML::Value << true;
  if (t.transponder != threats::IffMode::kNone)
    e << YAML::Key << "transponder" << YAML::Value << std::string(core::name_of(t.transponder));
  if (!t.manoeuvres.empty()) {
    e << YAML::Key << "manoeuvres" << YAML::Value << YAML::BeginSeq;
    for (const auto& m : t.manoeuvres) {
      e << YAML::BeginMap << YAML::Key << "manoeuvre" << YAML::Value << (m.weave ? "weave" : "break");
      e << YAML::Key << "at" << YAML::Value << num(m.at_s) + " s";
      e << YAML::Key << "duration" << YAML::Value << num(m.duration_s) + " s";
      e << YAML::Key << "angle" << YAML::Value << num(m.angle_rad) + " rad";
      e << YAML::Key << "period" << YAML::Value << num(m.period_s) + " s" << YAML::EndMap;
    }
    e << YAML::EndSeq;
  }
  if (!t.jamming.empty()) {
    e << YAML::Key << "jamming" << YAML::Value << YAML::BeginSeq;
    for (const auto& j : t.jamming) {
      e << YAML::BeginMap << YAML::Key << "at" << YAML::Value << num(j.at_s) + " s";
      if (!j.pod.empty()) e << YAML::Key << "pod" << YAML::Value << j.pod;
      if (j.on) e << YAML::Key << "on" << YAML::Value << *j.on;
      if (j.technique)
        e << YAML::Key << "technique" << YAML::Value << std::string(core::name_of(*j.technique));
      if (!j.point_at.empty()) e << YAML::Key << "point_at" << YAML::Value << j.point_at;
      if (j.point_azimuth_rad)
        e << YAML::Key << "point_azimuth" << YAML::Value << num(*j.point_azimuth_rad) + " rad";
      e << YAML::EndMap;
    }
    e << YAML::EndSeq;
  }
  if (t.reaction) {
    e << YAML::Key << "reaction" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "turn" << YAML::Value << (t.reaction->beam ? "beam" : "away");
    if (t.reaction->altitude)
      e << YAML::Key << "altitude" << YAML::Value << altitude_text(*t.reaction->altitude);
    e << YAML::Key << "duration" << YAML::Value << num(t.reaction->duration_s) + " s" << YAML::EndMap;
  }
  e << YAML::EndMap;
}

}  // namespace

std::string to_resolved_yaml(const Scenario& sc, std::uint64_t seed) {
  YAML::Emitter e;
  e << YAML::BeginMap;
  e << YAML::Key << "name" << YAML::Value << sc.name;
  if (!sc.description.empty()) e << YAML::Key << "description" << YAML::Value << sc.description;
  e << YAML::Key << "seed" << YAML::Value << seed;
  e << YAML::Key << "duration" << YAML::Value << num(sc.duration_s) + " s";
  e << YAML::Key << "truth_interval" << YAML::Value << num(sc.truth_interval_s) + " s";
  emit_environment(e, sc.environment);
  emit_tracker(e, sc.tracker);
  if (!sc.external_type.empty()) {
    e << YAML::Key << "external" << YAML::Value << YAML::BeginMap << YAML::Key << "type" << YAML::Value
      << sc.external_type << YAML::EndMap;
  }
  emit_defence(e, sc.defence);
  emit_sites(e, sc.sites);
  emit_assets_and_coverage(e, sc);
  e << YAML::Key << "threats" << YAML::Value << YAML::BeginSeq;
  for (const auto& t : sc.threats) emit_threat(e, t);
  e << YAML::EndSeq << YAML::EndMap;
  return std::string(e.c_str()) + "\n";
}

}  // namespace opensam::scenario
