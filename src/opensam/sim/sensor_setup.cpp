#include "opensam/sim/sensor_setup.hpp"

namespace opensam::sim {

RadarType radar_type(const scenario::SiteType& type) {
  const auto& f = type.figures;
  RadarType t;
  sensors::RadarParameters& p = t.parameters;
  p.frequency_hz = figure_or(f, "frequency", p.frequency_hz);
  p.peak_power_w = figure_or(f, "peak_power", p.peak_power_w);
  p.gain_db = figure_or(f, "antenna_gain", p.gain_db);
  p.noise_bandwidth_hz = 1.0 / figure_or(f, "pulse_width", 1.0 / p.noise_bandwidth_hz);
  p.resolution_bandwidth_hz = figure_or(f, "bandwidth", p.resolution_bandwidth_hz);
  p.noise_figure_db = figure_or(f, "noise_figure", p.noise_figure_db);
  p.losses_db = figure_or(f, "system_losses", p.losses_db);
  p.attenuation_db_per_km = figure_or(f, "attenuation_db_per_km", 0.0);
  p.pulses = static_cast<int>(figure_or(f, "pulses", 1.0));
  const auto setting = [&](const std::string& key, const std::string& fallback) {
    return scenario::setting_or(type.settings, key, fallback);
  };
  p.integration = setting("integration", "noncoherent") == "coherent" ? sensors::Integration::kCoherent
                                                                      : sensors::Integration::kNoncoherent;
  p.pfa = figure_or(f, "pfa", p.pfa);
  p.prf_hz = figure_or(f, "prf", p.prf_hz);
  p.azimuth_beamwidth_rad = figure_or(f, "azimuth_beamwidth", p.azimuth_beamwidth_rad);
  p.elevation_beamwidth_rad = figure_or(f, "elevation_beamwidth", p.elevation_beamwidth_rad);
  p.sidelobe_level_db = figure_or(f, "sidelobe_level", p.sidelobe_level_db);
  p.mti_improvement_db = figure_or(f, "mti_improvement", 0.0);
  p.instrumented_range_m = figure_or(f, "instrumented_range", p.instrumented_range_m);
  t.scan = setting("scan", "rotating") == "sector" ? ScanKind::kSector : ScanKind::kRotating;
  t.scan_period_s = figure_or(f, "scan_period", t.scan_period_s);
  t.sector_width_rad = figure_or(f, "sector_width", t.sector_width_rad);
  t.min_elevation_rad = figure_or(f, "min_elevation", t.min_elevation_rad);
  t.max_elevation_rad = figure_or(f, "max_elevation", t.max_elevation_rad);
  t.range_bias_sd_m = figure_or(f, "range_bias", 0.0);
  t.angle_bias_sd_rad = figure_or(f, "angle_bias", 0.0);
  t.measures_range_rate = setting("range_rate", "no") == "yes";
  if (t.scan == ScanKind::kSector) {
    t.track_revisit_s = figure_or(f, "track_revisit", 0.0);
    t.track_capacity = static_cast<int>(figure_or(f, "max_targets", 0.0));
  }
  return t;
}

Signature signature(const scenario::ThreatType& type) {
  Signature s;
  const double nominal = figure_or(type.figures, "rcs", 1.0);
  if (type.rcs_table) {
    s.rcs = sensors::RcsModel(type.rcs_table->azimuth_rad, type.rcs_table->elevation_rad,
                              type.rcs_table->dbsm, nominal);
  } else {
    s.rcs = sensors::RcsModel(nominal);
  }
  s.swerling = static_cast<sensors::Swerling>(static_cast<int>(figure_or(type.figures, "swerling", 1.0)));
  s.jammer_erp_w = figure_or(type.figures, "jammer_erp", 0.0);
  s.jammer_bandwidth_hz = figure_or(type.figures, "jammer_bandwidth", 0.0);
  return s;
}

}  // namespace opensam::sim
