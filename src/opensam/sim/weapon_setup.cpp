#include "opensam/sim/weapon_setup.hpp"

#include <cmath>

#include "opensam/sim/sensor_setup.hpp"

namespace opensam::sim {

physics::CdTable drag_table(double peak_cd) {
  physics::CdTable t{{0.0, 0.8, 1.0, 1.2, 1.5, 2.0, 3.0, 4.0, 6.0, 10.0},
                     {0.55, 0.6, 0.9, 1.0, 0.93, 0.8, 0.65, 0.56, 0.48, 0.45}};
  for (double& cd : t.cd) cd *= peak_cd;
  return t;
}

weapons::MissileType missile_type(const scenario::SiteType& type) {
  const auto& f = type.figures;
  weapons::MissileType m;
  m.id = type.id;
  m.name = type.name;
  weapons::InterceptorType& t = m.flight;
  t.launch_mass_kg = figure_or(f, "launch_mass", 1.0);
  t.airframe.reference_area_m2 = figure_or(f, "reference_area", 0.0);
  t.airframe.drag = drag_table(figure_or(f, "drag_coefficient", 0.0));
  t.airframe.cl_max = figure_or(f, "lift_coefficient_max", std::numeric_limits<double>::infinity());
  t.airframe.max_load_factor = figure_or(f, "max_load_factor", std::numeric_limits<double>::infinity());
  // Boost and sustain burn the propellant at one specific impulse: mass flow in proportion
  // to thrust.
  const double boost_s = figure_or(f, "burn_time", 1.0);
  const double boost_n = figure_or(f, "thrust", 0.0);
  const double sustain_s = figure_or(f, "sustain_time", 0.0);
  const double sustain_n = figure_or(f, "sustain_thrust", 0.0);
  const double impulse = boost_n * boost_s + sustain_n * sustain_s;
  const double flow_per_n = impulse > 0.0 ? figure_or(f, "propellant_mass", 0.0) / impulse : 0.0;
  t.airframe.motor = {{boost_s, boost_n, boost_n * flow_per_n}};
  if (sustain_s > 0.0) t.airframe.motor.push_back({sustain_s, sustain_n, sustain_n * flow_per_n});
  t.nav_ratio = figure_or(f, "nav_ratio", t.nav_ratio);
  t.guidance_time_constant_s = figure_or(f, "guidance_time_constant", t.guidance_time_constant_s);
  t.vertical_rise_s = figure_or(f, "vertical_rise", t.vertical_rise_s);
  t.loft = figure_or(f, "loft", t.loft);
  t.terminal_time_s = figure_or(f, "terminal_time", t.terminal_time_s);
  m.active_seeker = scenario::setting_or(type.settings, "homing", "command") == "active";
  // Active seekers, and track-via-missile's semi-active seeker, which needs the engagement
  // radar's illumination.
  t.seeker_range_m = figure_or(f, "seeker_range", 0.0);
  t.seeker_fov_rad = figure_or(f, "seeker_field_of_view", 0.5);
  t.fuze_radius_m = figure_or(f, "fuze_radius", t.fuze_radius_m);
  t.max_flight_time_s = figure_or(f, "max_flight_time", t.max_flight_time_s);
  t.min_speed_mps = figure_or(f, "min_speed", t.min_speed_mps);
  t.min_terminal_g = figure_or(f, "min_terminal_g", t.min_terminal_g);
  m.lethal_radius_m = figure_or(f, "lethal_radius", 0.0);
  m.unit_cost_usd = figure_or(f, "unit_cost_usd", 0.0);
  m.per_tube = int(figure_or(f, "per_tube", 1.0));
  m.max_range_m = figure_or(f, "max_range", 0.0);
  m.max_range_ballistic_m = figure_or(f, "max_range_ballistic", m.max_range_m);
  m.min_range_m = figure_or(f, "min_range", 0.0);
  m.max_altitude_m = figure_or(f, "max_altitude", 0.0);
  m.min_altitude_m = figure_or(f, "min_altitude", 0.0);
  m.max_target_speed_mps = figure_or(f, "max_target_speed", 5000.0);
  return m;
}

}  // namespace opensam::sim
