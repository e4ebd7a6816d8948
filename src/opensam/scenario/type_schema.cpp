#include <algorithm>
#include <array>
#include <cmath>

#include "opensam/core/names.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/scenario/schema.hpp"

// The library's type files, one table per kind: each key with its unit, default, range and
// meaning, and where its value goes in the typed type the run uses. The loader fills a type
// from its table (the figures given, then the defaults of those absent) and nothing else.

namespace opensam::scenario {

using core::Dimension;
using K = FieldKind;

namespace {

constexpr double kMaxSpeedMps = 10000.0;  // faster than any ballistic missile in scope

SiteType& site(void* t) { return *static_cast<SiteType*>(t); }
ThreatType& threat(void* t) { return *static_cast<ThreatType*>(t); }

/// Joins row groups into one table.
template <std::size_t... N>
constexpr auto join(const std::array<FieldSpec, N>&... groups) {
  std::array<FieldSpec, (N + ...)> table{};
  auto* next = table.begin();
  ((next = std::ranges::copy(groups, next).out), ...);
  return table;
}

constexpr std::array kSiteTypeHeadFields{
    FieldSpec{.key = "name", .kind = K::kString, .doc = "Full name.", .required = true},
    FieldSpec{.key = "kind",
              .kind = K::kChoice,
              .doc = "Role in the battalion.",
              .required = true,
              .choices = core::choices<SiteKind>()},
    FieldSpec{.key = "description", .kind = K::kText, .doc = "What it is."},
};

constexpr std::array kRadarRows{
    FieldSpec{.key = "frequency",
              .kind = K::kFigure,
              .doc = "Centre frequency.",
              .required = true,
              .dim = Dimension::kFrequency,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t,
                               const Figure& f) { site(t).radar.radar.parameters.frequency_hz = f.value; }},
    FieldSpec{
        .key = "instrumented_range",
        .kind = K::kFigure,
        .doc = "Instrumented range.",
        .required = true,
        .dim = Dimension::kLength,
        .min = 0.0,
        .min_exclusive = true,
        .set_figure = [](void* t,
                         const Figure& f) { site(t).radar.radar.parameters.instrumented_range_m = f.value; }},
    FieldSpec{.key = "scan_period",
              .kind = K::kFigure,
              .doc = "Time of one rotation or search frame.",
              .required = true,
              .dim = Dimension::kTime,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { site(t).radar.radar.scan_period_s = f.value; }},
    FieldSpec{.key = "scan",
              .kind = K::kChoice,
              .doc = "`rotating` (the beam sweeps 360 deg once per scan_period) or `sector` "
                     "(an electronically scanned search of sector_width per scan_period, plus track "
                     "dwells).",
              .default_text = "rotating",
              .choices = core::choices<sensors::ScanKind>(),
              .set_choice =
                  [](void* t, std::string_view v) {
                    site(t).radar.radar.scan = *core::parse_name<sensors::ScanKind>(v);
                  }},
    FieldSpec{.key = "sector_width",
              .kind = K::kFigure,
              .doc = "Width in azimuth of a sector radar's search, centred on the site's `facing`.",
              .dim = Dimension::kAngle,
              .min = 0.0,
              .max = 6.2832,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { site(t).radar.radar.sector_width_rad = f.value; }},
    FieldSpec{.key = "peak_power",
              .kind = K::kFigure,
              .doc = "Peak transmitted power.",
              .required = true,
              .dim = Dimension::kPower,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t,
                               const Figure& f) { site(t).radar.radar.parameters.peak_power_w = f.value; }},
    FieldSpec{
        .key = "antenna_gain",
        .kind = K::kFigure,
        .doc = "Antenna gain, transmit and receive.",
        .required = true,
        .dim = Dimension::kDecibel,
        .min = 0.0,
        .max = 70.0,
        .set_figure = [](void* t, const Figure& f) { site(t).radar.radar.parameters.gain_db = f.value; }},
    FieldSpec{.key = "pulse_width",
              .kind = K::kFigure,
              .doc = "Transmitted (uncompressed) pulse width: the matched filter's noise bandwidth "
                     "is its inverse.",
              .required = true,
              .dim = Dimension::kTime,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure =
                  [](void* t, const Figure& f) {
                    site(t).radar.radar.parameters.noise_bandwidth_hz = 1.0 / f.value;
                  }},
    FieldSpec{.key = "bandwidth",
              .kind = K::kFigure,
              .doc = "Signal bandwidth after pulse compression; sets the range resolution c / 2B.",
              .required = true,
              .dim = Dimension::kFrequency,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure =
                  [](void* t, const Figure& f) {
                    site(t).radar.radar.parameters.resolution_bandwidth_hz = f.value;
                  }},
    FieldSpec{.key = "noise_figure",
              .kind = K::kFigure,
              .doc = "Receiver noise figure.",
              .required = true,
              .dim = Dimension::kDecibel,
              .min = 0.0,
              .max = 30.0,
              .set_figure =
                  [](void* t, const Figure& f) { site(t).radar.radar.parameters.noise_figure_db = f.value; }},
    FieldSpec{
        .key = "system_losses",
        .kind = K::kFigure,
        .doc = "Two-way system losses beside the atmosphere.",
        .required = true,
        .dim = Dimension::kDecibel,
        .min = 0.0,
        .max = 40.0,
        .set_figure = [](void* t, const Figure& f) { site(t).radar.radar.parameters.losses_db = f.value; }},
    FieldSpec{
        .key = "attenuation_db_per_km",
        .kind = K::kFigure,
        .doc = "Two-way atmospheric attenuation at sea level, dB per km (scaled by air density "
               "along the ray).",
        .default_text = "0",
        .min = 0.0,
        .max = 1.0,
        .set_figure =
            [](void* t, const Figure& f) { site(t).radar.radar.parameters.attenuation_db_per_km = f.value; }},
    FieldSpec{.key = "pulses",
              .kind = K::kFigure,
              .doc = "Pulses integrated per dwell (one look at a target).",
              .required = true,
              .min = 1.0,
              .max = 10000.0,
              .set_figure =
                  [](void* t, const Figure& f) {
                    site(t).radar.radar.parameters.pulses = static_cast<int>(f.value);
                  }},
    FieldSpec{.key = "integration",
              .kind = K::kChoice,
              .doc = "How the pulses of a dwell are summed.",
              .default_text = "noncoherent",
              .choices = core::choices<sensors::Integration>(),
              .set_choice =
                  [](void* t, std::string_view v) {
                    site(t).radar.radar.parameters.integration = *core::parse_name<sensors::Integration>(v);
                  }},
    FieldSpec{.key = "pfa",
              .kind = K::kFigure,
              .doc = "False-alarm probability per resolution cell.",
              .required = true,
              .min = 1e-15,
              .max = 0.1,
              .set_figure = [](void* t, const Figure& f) { site(t).radar.radar.parameters.pfa = f.value; }},
    FieldSpec{
        .key = "prf",
        .kind = K::kFigure,
        .doc = "Pulse repetition frequency; with `pulses`, the dwell time.",
        .required = true,
        .dim = Dimension::kFrequency,
        .min = 0.0,
        .min_exclusive = true,
        .set_figure = [](void* t, const Figure& f) { site(t).radar.radar.parameters.prf_hz = f.value; }},
    FieldSpec{
        .key = "azimuth_beamwidth",
        .kind = K::kFigure,
        .doc = "3 dB beamwidth in azimuth.",
        .required = true,
        .dim = Dimension::kAngle,
        .min = 0.0,
        .max = 1.0,
        .min_exclusive = true,
        .set_figure =
            [](void* t, const Figure& f) { site(t).radar.radar.parameters.azimuth_beamwidth_rad = f.value; }},
    FieldSpec{.key = "elevation_beamwidth",
              .kind = K::kFigure,
              .doc = "3 dB beamwidth in elevation.",
              .required = true,
              .dim = Dimension::kAngle,
              .min = 0.0,
              .max = 1.6,
              .min_exclusive = true,
              .set_figure =
                  [](void* t, const Figure& f) {
                    site(t).radar.radar.parameters.elevation_beamwidth_rad = f.value;
                  }},
    FieldSpec{
        .key = "sidelobe_level",
        .kind = K::kFigure,
        .doc = "One-way sidelobe level relative to the main lobe (negative dB).",
        .default_text = "-30 dB",
        .dim = Dimension::kDecibel,
        .min = -80.0,
        .max = 0.0,
        .set_figure = [](void* t,
                         const Figure& f) { site(t).radar.radar.parameters.sidelobe_level_db = f.value; }},
    FieldSpec{.key = "sidelobe_canceller",
              .kind = K::kFigure,
              .doc = "Electronic protection: the jamming a sidelobe canceller takes off each jammer it "
                     "handles in the sidelobes (none in the main lobe); 0 dB: no canceller.",
              .default_text = "0 dB",
              .dim = Dimension::kDecibel,
              .min = 0.0,
              .max = 60.0,
              .set_figure = [](void* t, const Figure& f) { site(t).radar.radar.canceller_db = f.value; }},
    FieldSpec{.key = "sidelobe_canceller_channels",
              .kind = K::kFigure,
              .doc = "How many sidelobe jammers the canceller handles at once (its auxiliary "
                     "channels): the strongest.",
              .default_text = "0",
              .min = 0.0,
              .max = 16.0,
              .set_figure =
                  [](void* t, const Figure& f) {
                    site(t).radar.radar.canceller_channels = static_cast<int>(f.value);
                  }},
    FieldSpec{
        .key = "sidelobe_blanker",
        .kind = K::kFigure,
        .doc = "Electronic protection: the probability that the sidelobe blanker blanks a pulse "
               "coming in through the sidelobes, so a repeater's false targets there are not "
               "reported (those in the main lobe are); it does nothing against noise. 0: no "
               "blanker.",
        .default_text = "0",
        .min = 0.0,
        .max = 1.0,
        .set_figure = [](void* t, const Figure& f) { site(t).radar.radar.blanker_probability = f.value; }},
    FieldSpec{.key = "frequency_agility",
              .kind = K::kFigure,
              .doc = "Electronic protection: the band the radar hops over from pulse to pulse; a spot "
                     "jammer cannot follow and spreads over it, a barrage narrower than it jams only "
                     "the share of the hops it covers. 0 Hz: a fixed frequency.",
              .default_text = "0 Hz",
              .dim = Dimension::kFrequency,
              .min = 0.0,
              .set_figure = [](void* t, const Figure& f) { site(t).radar.radar.agility_hz = f.value; }},
    FieldSpec{
        .key = "mti_improvement",
        .kind = K::kFigure,
        .doc = "Clutter attenuation of the MTI / Doppler processing.",
        .default_text = "0 dB",
        .dim = Dimension::kDecibel,
        .min = 0.0,
        .max = 80.0,
        .set_figure = [](void* t,
                         const Figure& f) { site(t).radar.radar.parameters.mti_improvement_db = f.value; }},
    FieldSpec{
        .key = "min_elevation",
        .kind = K::kFigure,
        .doc = "Lowest elevation searched.",
        .default_text = "-0.02 rad",
        .dim = Dimension::kAngle,
        .min = -0.2,
        .max = 1.6,
        .set_figure = [](void* t, const Figure& f) { site(t).radar.radar.min_elevation_rad = f.value; }},
    FieldSpec{
        .key = "max_elevation",
        .kind = K::kFigure,
        .doc = "Highest elevation searched.",
        .default_text = "1.4 rad",
        .dim = Dimension::kAngle,
        .min = -0.2,
        .max = 1.6,
        .set_figure = [](void* t, const Figure& f) { site(t).radar.radar.max_elevation_rad = f.value; }},
    FieldSpec{.key = "range_bias",
              .kind = K::kFigure,
              .doc = "Standard deviation of the radar's systematic range error, drawn once per replicate.",
              .default_text = "0 m",
              .dim = Dimension::kLength,
              .min = 0.0,
              .set_figure = [](void* t, const Figure& f) { site(t).radar.radar.range_bias_sd_m = f.value; }},
    FieldSpec{
        .key = "angle_bias",
        .kind = K::kFigure,
        .doc = "Standard deviation of the radar's systematic azimuth and elevation errors, drawn "
               "once per replicate.",
        .default_text = "0 rad",
        .dim = Dimension::kAngle,
        .min = 0.0,
        .set_figure = [](void* t, const Figure& f) { site(t).radar.radar.angle_bias_sd_rad = f.value; }},
    FieldSpec{.key = "range_rate",
              .kind = K::kChoice,
              .doc = "Whether the radar measures range rate (Doppler).",
              .default_text = "no",
              .choices = "yes|no",
              .set_choice = [](void* t,
                               std::string_view v) { site(t).radar.radar.measures_range_rate = v == "yes"; }},
    FieldSpec{.key = "track_revisit",
              .kind = K::kFigure,
              .doc = "Time between track dwells on a target held after a search "
                     "detection (none when absent).",
              .dim = Dimension::kTime,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { site(t).radar.radar.track_revisit_s = f.value; }},
    FieldSpec{
        .key = "max_targets",
        .kind = K::kFigure,
        .doc = "Sector radars: targets held in track dwells at once (none when absent).",
        .min = 1.0,
        .set_figure =
            [](void* t, const Figure& f) { site(t).radar.radar.track_capacity = static_cast<int>(f.value); }},
    FieldSpec{.key = "fire_channels",
              .kind = K::kFigure,
              .doc = "Engagement radars: targets engaged (guided on) at once; none when absent (not an "
                     "engagement radar).",
              .min = 1.0,
              .set_figure = [](void* t,
                               const Figure& f) { site(t).radar.fire_channels = static_cast<int>(f.value); }},
    FieldSpec{
        .key = "missiles_guided",
        .kind = K::kFigure,
        .doc = "Engagement radars: missiles in flight guided at once; none when absent.",
        .min = 1.0,
        .set_figure = [](void* t,
                         const Figure& f) { site(t).radar.missiles_guided = static_cast<int>(f.value); }},
};

constexpr std::array kLauncherRows{
    FieldSpec{
        .key = "tubes",
        .kind = K::kFigure,
        .doc = "Launch tubes (a large missile each, or `per_tube` small ones).",
        .default_text = "4",
        .min = 1.0,
        .max = 64.0,
        .set_figure = [](void* t, const Figure& f) { site(t).launcher.tubes = static_cast<int>(f.value); }},
    FieldSpec{.key = "reaction_time",
              .kind = K::kFigure,
              .doc = "From the order to fire to the first missile leaving the tube.",
              .default_text = "10 s",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = 3600.0,
              .set_figure = [](void* t, const Figure& f) { site(t).launcher.reaction_time_s = f.value; }},
    FieldSpec{.key = "ripple_interval",
              .kind = K::kFigure,
              .doc = "Time between two launches from the same launcher.",
              .default_text = "4 s",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = 600.0,
              .set_figure = [](void* t, const Figure& f) { site(t).launcher.ripple_interval_s = f.value; }},
    FieldSpec{.key = "reload_time",
              .kind = K::kFigure,
              .doc = "Time for a transloader to reload an empty launcher.",
              .default_text = "30 min",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = 86400.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { site(t).launcher.reload_time_s = f.value; }},
};

constexpr std::array kMissileRows{
    FieldSpec{
        .key = "per_tube",
        .kind = K::kFigure,
        .doc = "Rounds in one launch tube.",
        .default_text = "1",
        .min = 1.0,
        .max = 16.0,
        .set_figure = [](void* t,
                         const Figure& f) { site(t).missile.missile.per_tube = static_cast<int>(f.value); }},
    FieldSpec{.key = "launch_mass",
              .kind = K::kFigure,
              .doc = "Mass at launch.",
              .required = true,
              .dim = Dimension::kMass,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t,
                               const Figure& f) { site(t).missile.missile.flight.launch_mass_kg = f.value; }},
    FieldSpec{.key = "propellant_mass",
              .kind = K::kFigure,
              .doc = "Propellant burnt by the motor (boost and sustain, same specific impulse).",
              .required = true,
              .dim = Dimension::kMass,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { site(t).missile.propellant_mass_kg = f.value; }},
    FieldSpec{.key = "burn_time",
              .kind = K::kFigure,
              .doc = "Duration of the boost.",
              .required = true,
              .dim = Dimension::kTime,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { site(t).missile.burn_time_s = f.value; }},
    FieldSpec{.key = "thrust",
              .kind = K::kFigure,
              .doc = "Thrust in the boost.",
              .required = true,
              .dim = Dimension::kForce,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { site(t).missile.thrust_n = f.value; }},
    FieldSpec{.key = "sustain_time",
              .kind = K::kFigure,
              .doc = "Duration of the sustain phase after the boost (none when absent).",
              .dim = Dimension::kTime,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { site(t).missile.sustain_time_s = f.value; }},
    FieldSpec{.key = "sustain_thrust",
              .kind = K::kFigure,
              .doc = "Thrust in the sustain phase.",
              .dim = Dimension::kForce,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { site(t).missile.sustain_thrust_n = f.value; }},
    FieldSpec{.key = "reference_area",
              .kind = K::kFigure,
              .doc = "Drag and lift reference area (the body's cross-section).",
              .required = true,
              .dim = Dimension::kArea,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure =
                  [](void* t, const Figure& f) {
                    site(t).missile.missile.flight.airframe.reference_area_m2 = f.value;
                  }},
    FieldSpec{.key = "drag_coefficient",
              .kind = K::kFigure,
              .doc = "Zero-lift drag coefficient at its transonic peak (Mach 1.2); a generic "
                     "slender-body shape gives the rest of Cd(Mach).",
              .required = true,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { site(t).missile.drag_coefficient = f.value; }},
    FieldSpec{.key = "lift_coefficient_max",
              .kind = K::kFigure,
              .doc = "Largest normal-force coefficient on the reference area: the lateral "
                     "acceleration q S CL / m falls with altitude.",
              .required = true,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure =
                  [](void* t, const Figure& f) { site(t).missile.missile.flight.airframe.cl_max = f.value; }},
    FieldSpec{.key = "max_load_factor",
              .kind = K::kFigure,
              .doc = "Structural limit of the lateral acceleration, in g; unlimited when absent.",
              .min = 0.0,
              .min_exclusive = true,
              .set_figure =
                  [](void* t, const Figure& f) {
                    site(t).missile.missile.flight.airframe.max_load_factor = f.value;
                  }},
    FieldSpec{.key = "thrust_vector_angle",
              .kind = K::kFigure,
              .doc = "Largest deflection of the thrust (jet vanes, gas-dynamic control): while the "
                     "motor burns it adds T sin(angle) / m of lateral acceleration, which turns "
                     "the missile over after a vertical launch.",
              .default_text = "0 deg",
              .dim = Dimension::kAngle,
              .min = 0.0,
              .max = 1.6,
              .set_figure =
                  [](void* t, const Figure& f) {
                    site(t).missile.missile.flight.airframe.thrust_vector_sine = std::sin(f.value);
                  }},
    FieldSpec{.key = "min_terminal_g",
              .kind = K::kFigure,
              .doc = "Lateral acceleration (g) the end game needs at intercept; the envelope ends "
                     "where less is left.",
              .default_text = "0",
              .min = 0.0,
              .set_figure = [](void* t,
                               const Figure& f) { site(t).missile.missile.flight.min_terminal_g = f.value; }},
    FieldSpec{
        .key = "nav_ratio",
        .kind = K::kFigure,
        .doc = "Effective navigation ratio N' of the terminal proportional navigation.",
        .default_text = "4",
        .min = 1.0,
        .max = 10.0,
        .set_figure = [](void* t, const Figure& f) { site(t).missile.missile.flight.nav_ratio = f.value; }},
    FieldSpec{.key = "guidance_time_constant",
              .kind = K::kFigure,
              .doc = "First-order lag from commanded to achieved acceleration.",
              .default_text = "0.2 s",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = 5.0,
              .set_figure =
                  [](void* t, const Figure& f) {
                    site(t).missile.missile.flight.guidance_time_constant_s = f.value;
                  }},
    FieldSpec{.key = "vertical_rise",
              .kind = K::kFigure,
              .doc = "Straight up after the vertical launch, before turning.",
              .default_text = "1 s",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = 30.0,
              .set_figure =
                  [](void* t, const Figure& f) { site(t).missile.missile.flight.vertical_rise_s = f.value; }},
    FieldSpec{.key = "loft",
              .kind = K::kFigure,
              .doc = "The midcourse aim point is raised by this fraction of the range to go.",
              .default_text = "0",
              .min = 0.0,
              .max = 2.0,
              .set_figure = [](void* t, const Figure& f) { site(t).missile.missile.flight.loft = f.value; }},
    FieldSpec{.key = "terminal_time",
              .kind = K::kFigure,
              .doc = "Time to go at which terminal proportional navigation starts.",
              .default_text = "10 s",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = 120.0,
              .min_exclusive = true,
              .set_figure =
                  [](void* t, const Figure& f) { site(t).missile.missile.flight.terminal_time_s = f.value; }},
    FieldSpec{.key = "homing",
              .kind = K::kChoice,
              .doc = "Terminal guidance: `active` (the missile's own radar seeker), `track_via_missile` (a "
                     "semi-active seeker in the engagement radar's illumination, its measurements relayed "
                     "through the radar), or `command` (the radar's track to the end, no seeker).",
              .default_text = "command",
              .choices = "command|active|track_via_missile",
              .set_choice =
                  [](void* t, std::string_view v) {
                    site(t).missile.missile.flight.seeker.homing = v == "active" ? weapons::Homing::kActive
                                                                   : v == "track_via_missile"
                                                                       ? weapons::Homing::kTrackViaMissile
                                                                       : weapons::Homing::kCommand;
                  }},
    FieldSpec{.key = "seeker_range",
              .kind = K::kFigure,
              .doc = "Range at which the seeker's SNR reaches 13 dB on a 1 m2 target and acquires it "
                     "(track-via-missile: with the illuminating radar 100 km from the target); it scales "
                     "as RCS^(1/4) (active) or RCS^(1/2) / illuminator range (track-via-missile).",
              .dim = Dimension::kLength,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure =
                  [](void* t, const Figure& f) {
                    site(t).missile.missile.flight.seeker.acquisition_range_m = f.value;
                  }},
    FieldSpec{.key = "seeker_field_of_view",
              .kind = K::kFigure,
              .doc = "Half angle of the seeker's field of regard around the velocity (gimbal limit).",
              .default_text = "0.5 rad",
              .dim = Dimension::kAngle,
              .min = 0.0,
              .max = 1.6,
              .min_exclusive = true,
              .set_figure =
                  [](void* t, const Figure& f) {
                    site(t).missile.missile.flight.seeker.field_of_regard_rad = f.value;
                  }},
    FieldSpec{
        .key = "seeker_beamwidth",
        .kind = K::kFigure,
        .doc = "3 dB beamwidth of the seeker's antenna: its thermal angle noise, theta / (1.6 "
               "sqrt(2 SNR)), and its aperture lambda^2 / theta^2 for jamming.",
        .default_text = "6 deg",
        .dim = Dimension::kAngle,
        .min = 0.0,
        .max = 1.0,
        .min_exclusive = true,
        .set_figure = [](void* t,
                         const Figure& f) { site(t).missile.missile.flight.seeker.beamwidth_rad = f.value; }},
    FieldSpec{
        .key = "seeker_frequency",
        .kind = K::kFigure,
        .doc = "The seeker's frequency: the band of the target's RCS it sees, and its wavelength.",
        .default_text = "10 GHz",
        .dim = Dimension::kFrequency,
        .min = 0.0,
        .min_exclusive = true,
        .set_figure = [](void* t,
                         const Figure& f) { site(t).missile.missile.flight.seeker.frequency_hz = f.value; }},
    FieldSpec{.key = "seeker_noise_figure",
              .kind = K::kFigure,
              .doc = "Noise figure of the seeker's receiver (its noise against jamming).",
              .default_text = "5 dB",
              .dim = Dimension::kDecibel,
              .min = 0.0,
              .max = 30.0,
              .set_figure =
                  [](void* t, const Figure& f) {
                    site(t).missile.missile.flight.seeker.noise_figure_db = f.value;
                  }},
    FieldSpec{.key = "seeker_noise_floor",
              .kind = K::kFigure,
              .doc = "Angle noise at any SNR and range (boresight error, radome refraction), one axis.",
              .default_text = "0.001 rad",
              .dim = Dimension::kAngle,
              .min = 0.0,
              .max = 0.1,
              .set_figure =
                  [](void* t, const Figure& f) {
                    site(t).missile.missile.flight.seeker.noise_floor_rad = f.value;
                  }},
    FieldSpec{
        .key = "seeker_sidelobe",
        .kind = K::kFigure,
        .doc = "Gain of the seeker's antenna outside its main lobe, against the peak: how much of a "
               "jammer that is not its target it hears.",
        .default_text = "-25 dB",
        .dim = Dimension::kDecibel,
        .min = -60.0,
        .max = 0.0,
        .set_figure = [](void* t,
                         const Figure& f) { site(t).missile.missile.flight.seeker.sidelobe_db = f.value; }},
    FieldSpec{.key = "seeker_home_on_jam",
              .kind = K::kChoice,
              .doc = "Whether the seeker can home on its target's own noise jammer, angle only, when the "
                     "jamming denies it the echo; the command post may then engage a track its engagement "
                     "radar holds only by the jammer's strobes.",
              .default_text = "no",
              .choices = "yes|no",
              .set_choice =
                  [](void* t, std::string_view v) {
                    site(t).missile.missile.flight.seeker.home_on_jam = v == "yes";
                  }},
    FieldSpec{
        .key = "guidance_filter_time",
        .kind = K::kFigure,
        .doc = "Time constant of the fading-memory filter that estimates the line-of-sight rate "
               "from the seeker's measurements.",
        .default_text = "0.1 s",
        .dim = Dimension::kTime,
        .min = 0.0,
        .max = 5.0,
        .set_figure = [](void* t,
                         const Figure& f) { site(t).missile.missile.flight.seeker.filter_time_s = f.value; }},
    FieldSpec{
        .key = "fuze_radius",
        .kind = K::kFigure,
        .doc = "Range within which the proximity fuze sees the target; it bursts the warhead when the "
               "target crosses the fragments' dynamic beam, or at the closest approach.",
        .default_text = "30 m",
        .dim = Dimension::kLength,
        .min = 0.0,
        .min_exclusive = true,
        .set_figure = [](void* t,
                         const Figure& f) { site(t).missile.missile.flight.warhead.fuze_range_m = f.value; }},
    FieldSpec{
        .key = "fuze_arming_time",
        .kind = K::kFigure,
        .doc = "The fuze arms this long after launch.",
        .default_text = "1 s",
        .dim = Dimension::kTime,
        .min = 0.0,
        .max = 60.0,
        .set_figure =
            [](void* t, const Figure& f) { site(t).missile.missile.flight.warhead.arming_time_s = f.value; }},
    FieldSpec{.key = "fuze_timing_error",
              .kind = K::kFigure,
              .doc = "Standard deviation of the burst time about the fuze's aim.",
              .default_text = "0.5 ms",
              .dim = Dimension::kTime,
              .min = 0.0,
              .max = 0.1,
              .set_figure =
                  [](void* t, const Figure& f) {
                    site(t).missile.missile.flight.warhead.timing_error_s = f.value;
                  }},
    FieldSpec{
        .key = "lethal_radius",
        .kind = K::kFigure,
        .doc =
            "The fire control's planning figure: radius R of the Carleton damage function exp(-(miss/R)^2) "
            "it plans salvos with. A run's kills come from the fragments.",
        .required = true,
        .dim = Dimension::kLength,
        .min = 0.0,
        .min_exclusive = true,
        .set_figure = [](void* t, const Figure& f) { site(t).missile.missile.lethal_radius_m = f.value; }},
    FieldSpec{.key = "warhead_mass",
              .kind = K::kFigure,
              .doc = "Warhead mass: charge and fragmenting metal.",
              .required = true,
              .dim = Dimension::kMass,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { site(t).missile.warhead_mass_kg = f.value; }},
    FieldSpec{.key = "fragment_mass",
              .kind = K::kFigure,
              .doc = "Mass of one fragment: with the metal's mass, the number of fragments.",
              .required = true,
              .dim = Dimension::kMass,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { site(t).missile.fragment_mass_kg = f.value; }},
    FieldSpec{.key = "charge_to_metal",
              .kind = K::kFigure,
              .doc = "Charge-to-metal mass ratio C/M of the warhead: the metal's share of its mass and the "
                     "fragments' Gurney speed.",
              .default_text = "1",
              .min = 0.0,
              .max = 10.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { site(t).missile.charge_to_metal = f.value; }},
    FieldSpec{.key = "beam_angle",
              .kind = K::kFigure,
              .doc = "Centre of the static fragment beam, from the missile's axis.",
              .default_text = "90 deg",
              .dim = Dimension::kAngle,
              .min = 0.0,
              .max = 3.14159,
              .min_exclusive = true,
              .set_figure =
                  [](void* t, const Figure& f) {
                    site(t).missile.missile.flight.warhead.beam_angle_rad = f.value;
                  }},
    FieldSpec{.key = "beam_width",
              .kind = K::kFigure,
              .doc = "Full width of the static fragment beam.",
              .default_text = "20 deg",
              .dim = Dimension::kAngle,
              .min = 0.0,
              .max = 3.14159,
              .min_exclusive = true,
              .set_figure =
                  [](void* t, const Figure& f) {
                    site(t).missile.missile.flight.warhead.beam_width_rad = f.value;
                  }},
    FieldSpec{
        .key = "max_flight_time",
        .kind = K::kFigure,
        .doc = "Self-destruct after this flight time.",
        .default_text = "300 s",
        .dim = Dimension::kTime,
        .min = 0.0,
        .min_exclusive = true,
        .set_figure = [](void* t,
                         const Figure& f) { site(t).missile.missile.flight.max_flight_time_s = f.value; }},
    FieldSpec{.key = "min_speed",
              .kind = K::kFigure,
              .doc = "Self-destruct below this speed after burnout (energy spent).",
              .default_text = "250 m/s",
              .dim = Dimension::kSpeed,
              .min = 0.0,
              .set_figure = [](void* t,
                               const Figure& f) { site(t).missile.missile.flight.min_speed_mps = f.value; }},
    FieldSpec{.key = "max_range",
              .kind = K::kFigure,
              .doc = "Published maximum range against aircraft: the fire control's far limit.",
              .required = true,
              .dim = Dimension::kLength,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { site(t).missile.missile.max_range_m = f.value; }},
    FieldSpec{.key = "max_range_ballistic",
              .kind = K::kFigure,
              .doc = "Published maximum range against ballistic missiles (default: max_range).",
              .dim = Dimension::kLength,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t,
                               const Figure& f) { site(t).missile.missile.max_range_ballistic_m = f.value; }},
    FieldSpec{.key = "min_range",
              .kind = K::kFigure,
              .doc = "Published minimum range: the fire control's near limit.",
              .default_text = "0 m",
              .dim = Dimension::kLength,
              .min = 0.0,
              .set_figure = [](void* t, const Figure& f) { site(t).missile.missile.min_range_m = f.value; }},
    FieldSpec{
        .key = "max_speed",
        .kind = K::kFigure,
        .doc = "Published peak (burnout) speed of the missile, for comparison with its flyout "
               "(`opensam envelope`); none when absent.",
        .dim = Dimension::kSpeed,
        .min = 0.0,
        .min_exclusive = true,
        .set_figure = [](void* t, const Figure& f) { site(t).missile.missile.max_speed_mps = f.value; }},
    FieldSpec{
        .key = "max_altitude",
        .kind = K::kFigure,
        .doc = "Published highest target altitude; the fire control holds to it above the ground under the "
               "intercept.",
        .required = true,
        .dim = Dimension::kLength,
        .min = 0.0,
        .min_exclusive = true,
        .set_figure = [](void* t, const Figure& f) { site(t).missile.missile.max_altitude_m = f.value; }},
    FieldSpec{
        .key = "min_altitude",
        .kind = K::kFigure,
        .doc = "Published lowest target altitude; the fire control holds to it above the ground under the "
               "intercept.",
        .default_text = "0 m",
        .dim = Dimension::kLength,
        .min = 0.0,
        .set_figure = [](void* t, const Figure& f) { site(t).missile.missile.min_altitude_m = f.value; }},
    FieldSpec{.key = "max_target_speed",
              .kind = K::kFigure,
              .doc = "Published fastest target.",
              .default_text = "5000 m/s",
              .dim = Dimension::kSpeed,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t,
                               const Figure& f) { site(t).missile.missile.max_target_speed_mps = f.value; }},
    FieldSpec{
        .key = "unit_cost_usd",
        .kind = K::kFigure,
        .doc = "Unit cost, US dollars.",
        .required = true,
        .min = 0.0,
        .set_figure = [](void* t, const Figure& f) { site(t).missile.missile.unit_cost_usd = f.value; }},
};

constexpr std::array kCommandPostRows{
    FieldSpec{
        .key = "max_targets",
        .kind = K::kFigure,
        .doc = "Targets engaged at once (for reference).",
        .min = 1.0,
        .set_figure = [](void* t,
                         const Figure& f) { site(t).command_post.max_targets = static_cast<int>(f.value); }},
};

/// What a strike on a site needs to put it out of action (radars, launchers, command posts).
constexpr std::array kSiteHardnessRows{
    FieldSpec{.key = "hardness",
              .kind = K::kFigure,
              .doc = "Incident overpressure that puts the site out of action: with a threat's charge, the "
                     "distance within which its impact destroys it. The default, 35 kPa (5 psi), is of "
                     "the order at which antennas and soft vehicles are wrecked (Glasstone and Dolan, The "
                     "Effects of Nuclear Weapons, 1977, ch. 5), a modelling assumption.",
              .default_text = "35 kPa",
              .dim = Dimension::kPressure,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { site(t).hardness_pa = f.value; }},
};

constexpr auto kRadarTypeFields = join(kSiteTypeHeadFields, kRadarRows, kSiteHardnessRows);
constexpr auto kLauncherTypeFields = join(kSiteTypeHeadFields, kLauncherRows, kSiteHardnessRows);
constexpr auto kMissileTypeFields = join(kSiteTypeHeadFields, kMissileRows);
constexpr auto kCommandPostTypeFields = join(kSiteTypeHeadFields, kCommandPostRows, kSiteHardnessRows);

constexpr std::array kThreatTypeHeadFields{
    FieldSpec{.key = "name", .kind = K::kString, .doc = "Full name.", .required = true},
    FieldSpec{.key = "kind",
              .kind = K::kChoice,
              .doc = "Class of threat.",
              .required = true,
              .choices = core::choices<ThreatKind>()},
    FieldSpec{.key = "description", .kind = K::kText, .doc = "What it is."},
};

/// Every threat kind: speed, signature, cost and vulnerability.
constexpr std::array kThreatRows{
    FieldSpec{.key = "cruise_speed",
              .kind = K::kFigure,
              .doc = "Default speed of its routes.",
              .required = true,
              .dim = Dimension::kSpeed,
              .min = 0.0,
              .max = kMaxSpeedMps,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { threat(t).cruise_speed = f; }},
    FieldSpec{.key = "max_speed",
              .kind = K::kFigure,
              .doc = "Top speed.",
              .dim = Dimension::kSpeed,
              .min = 0.0,
              .max = kMaxSpeedMps,
              .min_exclusive = true},
    FieldSpec{.key = "ceiling",
              .kind = K::kFigure,
              .doc = "Highest altitude it flies at.",
              .dim = Dimension::kLength,
              .min = 0.0,
              .min_exclusive = true},
    FieldSpec{.key = "rcs",
              .kind = K::kFigure,
              .doc = "Nominal (frontal) radar cross section.",
              .default_text = "1 m2",
              .dim = Dimension::kArea,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { threat(t).rcs_m2 = f.value; }},
    FieldSpec{.key = "rcs_table",
              .kind = K::kRcsTable,
              .doc = "Radar cross section by aspect and band; replaces `rcs` where the radar's band "
                     "is in it (the nearest band otherwise)."},
    FieldSpec{.key = "swerling",
              .kind = K::kFigure,
              .doc = "Swerling fluctuation case, 0 to 4.",
              .default_text = "1",
              .min = 0.0,
              .max = 4.0,
              .set_figure =
                  [](void* t, const Figure& f) {
                    threat(t).signature.swerling = static_cast<sensors::Swerling>(static_cast<int>(f.value));
                  }},
    FieldSpec{.key = "jammers",
              .kind = K::kList,
              .doc = "Its noise jammers, one per transmitter or pod, each by frequency coverage; "
                     "none when absent.",
              .child = &kJammerPodSection},
    FieldSpec{.key = "unit_cost_usd",
              .kind = K::kFigure,
              .doc = "Unit cost, US dollars: the value a kill destroys in the ledger.",
              .required = true,
              .min = 0.0,
              .set_figure = [](void* t, const Figure& f) { threat(t).unit_cost_usd = f.value; }},
    FieldSpec{.key = "explosive_mass",
              .kind = K::kFigure,
              .doc = "TNT-equivalent charge it delivers where it lands (its warhead, or an aircraft's "
                     "bombs): with the target's hardness, the radius of its blast (Kinney and Graham); "
                     "none when absent.",
              .default_text = "0 kg",
              .dim = Dimension::kMass,
              .min = 0.0,
              .set_figure = [](void* t, const Figure& f) { threat(t).explosive_mass_kg = f.value; }},
    FieldSpec{.key = "vulnerability",
              .kind = K::kFigure,
              .doc = "Probability that a burst putting many fragments on its vulnerable area kills it (the "
                     "v of the kill probability v (1 - exp(-hits))); 1 when absent.",
              .default_text = "1",
              .min = 0.0,
              .max = 1.0,
              .set_figure = [](void* t, const Figure& f) { threat(t).vulnerability = f.value; }},
    FieldSpec{.key = "vulnerable_area",
              .kind = K::kFigure,
              .doc = "Vulnerable area to an interceptor's fragments: presented area times the kill "
                     "probability of one hit (Ball, The Fundamentals of Aircraft Combat Survivability).",
              .default_text = "2 m2",
              .dim = Dimension::kArea,
              .min = 0.0,
              .set_figure = [](void* t, const Figure& f) { threat(t).vulnerable_area_m2 = f.value; }},
    FieldSpec{.key = "span",
              .kind = K::kFigure,
              .doc = "Wing span, or largest dimension across the line of sight: the spread of the "
                     "scatterers whose glint a seeker sees.",
              .default_text = "10 m",
              .dim = Dimension::kLength,
              .min = 0.0,
              .set_figure = [](void* t, const Figure& f) { threat(t).span_m = f.value; }},
    FieldSpec{
        .key = "max_load_factor",
        .kind = K::kFigure,
        .doc = "Largest load factor (g) in turns and manoeuvres; unlimited when absent.",
        .min = 1.0,
        .max = 100.0,
        .set_figure = [](void* t, const Figure& f) { threat(t).performance.max_load_factor = f.value; }},
};

/// Air-breathing flight (aircraft, cruise missiles, drones, decoys, anti-radiation missiles).
constexpr std::array kAeroRows{
    FieldSpec{.key = "climb_rate",
              .kind = K::kFigure,
              .doc = "Fastest climb; unlimited when absent.",
              .dim = Dimension::kSpeed,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { threat(t).performance.climb_rate_mps = f.value; }},
    FieldSpec{.key = "dive_rate",
              .kind = K::kFigure,
              .doc = "Fastest descent outside a terminal dive; unlimited when absent.",
              .dim = Dimension::kSpeed,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { threat(t).performance.dive_rate_mps = f.value; }},
    FieldSpec{.key = "dive_angle",
              .kind = K::kFigure,
              .doc = "Terminal dive onto the aim point, below the horizon (drones, anti-radiation "
                     "missiles); a threat's `dive_angle` overrides it. None when absent.",
              .dim = Dimension::kAngle,
              .min = 0.0,
              .max = 1.5708,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { threat(t).dive_angle_rad = f.value; }},
};

constexpr std::array kArmRows{
    FieldSpec{.key = "seeker_accuracy",
              .kind = K::kFigure,
              .doc = "Standard deviation of the passive seeker's angle "
                     "error; sets how far the remembered position is off when the radar goes silent.",
              .default_text = "0 rad",
              .dim = Dimension::kAngle,
              .min = 0.0,
              .set_figure = [](void* t, const Figure& f) { threat(t).seeker_accuracy_rad = f.value; }},
};

constexpr std::array kBallisticRows{
    FieldSpec{.key = "launch_mass",
              .kind = K::kFigure,
              .doc = "Mass at launch.",
              .required = true,
              .dim = Dimension::kMass,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { threat(t).ballistic.launch_mass_kg = f.value; }},
    FieldSpec{.key = "propellant_mass",
              .kind = K::kFigure,
              .doc = "Propellant burnt in the boost.",
              .required = true,
              .dim = Dimension::kMass,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { threat(t).propellant_mass_kg = f.value; }},
    FieldSpec{.key = "burn_time",
              .kind = K::kFigure,
              .doc = "Duration of the boost.",
              .required = true,
              .dim = Dimension::kTime,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { threat(t).burn_time_s = f.value; }},
    FieldSpec{.key = "thrust",
              .kind = K::kFigure,
              .doc = "Thrust in the boost (constant).",
              .required = true,
              .dim = Dimension::kForce,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { threat(t).thrust_n = f.value; }},
    FieldSpec{.key = "reference_area",
              .kind = K::kFigure,
              .doc = "Drag reference area (the body's cross-section).",
              .required = true,
              .dim = Dimension::kArea,
              .min = 0.0,
              .min_exclusive = true,
              .set_figure =
                  [](void* t, const Figure& f) { threat(t).ballistic.airframe.reference_area_m2 = f.value; }},
    FieldSpec{.key = "drag_coefficient",
              .kind = K::kFigure,
              .doc = "Zero-lift drag coefficient (one value for all Mach numbers).",
              .required = true,
              .min = 0.0,
              .set_figure = [](void* t, const Figure& f) { threat(t).drag_coefficient = f.value; }},
    FieldSpec{.key = "lift_coefficient_max",
              .kind = K::kFigure,
              .doc = "Largest lift coefficient (pull-up, terminal manoeuvre); "
                     "no lift limit when absent.",
              .min = 0.0,
              .min_exclusive = true,
              .set_figure = [](void* t, const Figure& f) { threat(t).ballistic.airframe.cl_max = f.value; }},
    FieldSpec{.key = "trajectory",
              .kind = K::kChoice,
              .doc = "`lofted` (the higher of the two launch angles that reach "
                     "the aim point) or `depressed` (the lower, flatter one).",
              .default_text = "lofted",
              .choices = core::choices<threats::BallisticProfile>(),
              .set_choice =
                  [](void* t, std::string_view v) {
                    threat(t).ballistic.profile = *core::parse_name<threats::BallisticProfile>(v);
                  }},
    FieldSpec{
        .key = "pull_up_altitude",
        .kind = K::kFigure,
        .doc = "On the way down below this altitude, lift holds the flight "
               "path at `glide_angle` until the terminal phase.",
        .dim = Dimension::kLength,
        .min = 0.0,
        .min_exclusive = true,
        .set_figure = [](void* t, const Figure& f) { threat(t).ballistic.pull_up_altitude_m = f.value; }},
    FieldSpec{.key = "glide_angle",
              .kind = K::kFigure,
              .doc = "Flight path held in the glide (negative: descending).",
              .default_text = "0 rad",
              .dim = Dimension::kAngle,
              .min = -1.5708,
              .max = 0.0,
              .set_figure = [](void* t, const Figure& f) { threat(t).ballistic.glide_angle_rad = f.value; }},
    FieldSpec{
        .key = "terminal_altitude",
        .kind = K::kFigure,
        .doc = "Below this altitude on the way down the missile guides "
               "onto the aim point and weaves.",
        .dim = Dimension::kLength,
        .min = 0.0,
        .min_exclusive = true,
        .set_figure = [](void* t, const Figure& f) { threat(t).ballistic.terminal_altitude_m = f.value; }},
    FieldSpec{.key = "terminal_weave",
              .kind = K::kFigure,
              .doc = "Amplitude (g) of the terminal weave, within the lift left "
                     "after guidance.",
              .default_text = "0",
              .min = 0.0,
              .max = 100.0,
              .set_figure = [](void* t, const Figure& f) { threat(t).ballistic.terminal_weave_g = f.value; }},
    FieldSpec{.key = "terminal_weave_period",
              .kind = K::kFigure,
              .doc = "Period of the terminal weave (4 s when absent).",
              .default_text = "4 s",
              .dim = Dimension::kTime,
              .min = 0.1,
              .set_figure = [](void* t,
                               const Figure& f) { threat(t).ballistic.terminal_weave_period_s = f.value; }},
};

constexpr auto kAirBreathingTypeFields = join(kThreatTypeHeadFields, kThreatRows, kAeroRows);
constexpr auto kArmTypeFields = join(kThreatTypeHeadFields, kThreatRows, kAeroRows, kArmRows);
constexpr auto kBallisticMissileTypeFields = join(kThreatTypeHeadFields, kThreatRows, kBallisticRows);
}  // namespace

const Section kRadarTypeSection{"data/systems/**.yaml: radar", "A radar type (`kind: radar`).",
                                kRadarTypeFields};
const Section kLauncherTypeSection{"data/systems/**.yaml: launcher", "A launcher type (`kind: launcher`).",
                                   kLauncherTypeFields};
const Section kMissileTypeSection{"data/systems/**.yaml: missile",
                                  "A missile type (`kind: missile`), loaded on launchers.",
                                  kMissileTypeFields};
const Section kCommandPostTypeSection{"data/systems/**.yaml: command_post",
                                      "A command post type (`kind: command_post`).", kCommandPostTypeFields};
const Section kSiteTypeHeadSection{"data/systems/**.yaml", "A site element type of no known kind.",
                                   kSiteTypeHeadFields};
const Section kAircraftTypeSection{"data/threats/*.yaml: aircraft", "An aircraft type (`kind: aircraft`).",
                                   kAirBreathingTypeFields};
const Section kCruiseMissileTypeSection{"data/threats/*.yaml: cruise_missile",
                                        "A cruise missile type (`kind: cruise_missile`).",
                                        kAirBreathingTypeFields};
const Section kBallisticMissileTypeSection{
    "data/threats/*.yaml: ballistic_missile",
    "A ballistic or quasi-ballistic missile type (`kind: ballistic_missile`).", kBallisticMissileTypeFields};
const Section kDroneTypeSection{"data/threats/*.yaml: drone", "A drone type (`kind: drone`).",
                                kAirBreathingTypeFields};
const Section kArmTypeSection{"data/threats/*.yaml: arm", "An anti-radiation missile type (`kind: arm`).",
                              kArmTypeFields};
const Section kDecoyTypeSection{"data/threats/*.yaml: decoy", "A decoy type (`kind: decoy`).",
                                kAirBreathingTypeFields};
const Section kThreatTypeHeadSection{"data/threats/*.yaml", "A threat type of no known kind.",
                                     kThreatTypeHeadFields};

const Section& type_section(SiteKind kind) {
  switch (kind) {
    case SiteKind::kRadar: return kRadarTypeSection;
    case SiteKind::kLauncher: return kLauncherTypeSection;
    case SiteKind::kMissile: return kMissileTypeSection;
    case SiteKind::kCommandPost: return kCommandPostTypeSection;
  }
  return kSiteTypeHeadSection;
}

const Section& type_section(ThreatKind kind) {
  switch (kind) {
    case ThreatKind::kAircraft: return kAircraftTypeSection;
    case ThreatKind::kCruiseMissile: return kCruiseMissileTypeSection;
    case ThreatKind::kBallisticMissile: return kBallisticMissileTypeSection;
    case ThreatKind::kDrone: return kDroneTypeSection;
    case ThreatKind::kArm: return kArmTypeSection;
    case ThreatKind::kDecoy: return kDecoyTypeSection;
  }
  return kThreatTypeHeadSection;
}

}  // namespace opensam::scenario
