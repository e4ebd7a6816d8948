#include "opensam/sim/prepared.hpp"

#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include <set>
#include <string>
#include <tuple>

#include "opensam/core/rng.hpp"
#include "opensam/sim/radar.hpp"

namespace opensam::sim {

Prepared::Prepared(const scenario::Scenario& sc) : sc_(sc), terrain_(scenario_terrain(sc)) {
  // Every piece is independent of the others and lands at its own index: the result is the
  // same whatever the thread count.
  horizons_.resize(sc.sites.size());
  tbb::parallel_for(std::size_t{0}, sc.sites.size(), [&](std::size_t i) {
    const scenario::Site& s = sc.sites[i];
    const scenario::SiteType& type = sc.site_types.at(s.type);
    if (type.kind == scenario::SiteKind::kRadar)
      horizons_[i] = sensors::radar_horizon(type.radar.radar, to_lla(s.position, s.altitude, terrain_),
                                            terrain_, sc.environment.k_factor);
  });
  for (const scenario::Site& s : sc.sites) {
    if (sc.site_types.at(s.type).kind != scenario::SiteKind::kLauncher || missile_index(s.missile) >= 0)
      continue;
    missiles_.push_back(sc.site_types.at(s.missile).missile.missile);
  }
  flyouts_.resize(missiles_.size());
  tbb::parallel_for(std::size_t{0}, missiles_.size(), [&](std::size_t i) {
    flyouts_[i] = std::make_shared<const c2::FlyoutTable>(missiles_[i].flight);
  });
  nominal_.resize(sc.threats.size());
  tbb::parallel_for(std::size_t{0}, sc.threats.size(), [&](std::size_t i) {
    const scenario::Threat& t = sc.threats[i];
    if (t.route_jitter_m > 0.0) return;
    core::RngStream unused(0, 0, "unused");  // no jitter, no draws
    const FlightModel model = flight_model(threat_type_of(sc, t), t, terrain_, unused);
    // Manoeuvres are timed from launch, so a flight is the same whenever it launches. A time
    // on target needs the flight up to it; otherwise the flight until the scenario ends.
    Nominal n;
    n.path = threats::plan_flight(
        model, terrain_, 0.0,
        t.arrival_s ? *t.arrival_s + kFlightStep_s : sc.duration_s - std::min(t.start_time_s, 0.0));
    n.arrival_s = threats::arrival_time_s(n.path, model);
    if (t.arrival_s && (!n.arrival_s || *n.arrival_s > *t.arrival_s)) return;  // cannot make it
    nominal_[i] = std::move(n);
  });
}

int Prepared::missile_index(const std::string& id) const {
  for (std::size_t i = 0; i < missiles_.size(); ++i) {
    if (missiles_[i].id == id) return int(i);
  }
  return -1;
}

threats::Trajectory Prepared::flight(std::size_t threat, const FlightModel& model, double delay_s) const {
  const scenario::Threat& t = sc_.threats[threat];
  if (const std::optional<Nominal>& n = nominal_[threat]) {
    threats::Trajectory path = n->path;
    path.shift(t.arrival_s ? *t.arrival_s - *n->arrival_s + delay_s : t.start_time_s + delay_s);
    return path;
  }
  return t.arrival_s ? threats::plan_arrival(model, terrain_, *t.arrival_s, delay_s, sc_.duration_s)
                     : threats::plan_flight(model, terrain_, t.start_time_s + delay_s, sc_.duration_s);
}

LoadedScenario load_prepared(const std::string& name, const std::optional<std::string>& text,
                             const std::string& base_dir, const std::vector<scenario::Override>& overrides) {
  scenario::LoadResult r =
      text ? scenario::load_from_string(*text, name, base_dir, overrides) : scenario::load(name, overrides);
  LoadedScenario out;
  if (r.ok()) {
    out.scenario = std::make_unique<const scenario::Scenario>(std::move(r.scenario));
    out.prepared = std::make_unique<const Prepared>(*out.scenario);
    // Times on target need the planned flights: checked once the scenario is whole.
    r.errors = check_arrivals(*out.prepared);
  }
  if (!r.ok()) {
    out.prepared.reset();
    out.scenario.reset();
    out.errors = std::move(r.errors);
  }
  return out;
}

std::string LoadedScenario::error_count(const std::string& name) const {
  return fmt::format("{}: {} error{}", name, errors.size(), errors.size() == 1 ? "" : "s");
}

core::Diagnostics check_arrivals(const Prepared& prepared) {
  const scenario::Scenario& sc = prepared.scenario();
  core::Diagnostics errors;
  // Threats of one raid from the same launch point fly the same nominal route, later threats
  // arriving later: the first of them is the one to check.
  std::set<std::tuple<std::string, double, double>> checked;
  std::set<std::string> reported;  // one message per key
  for (std::size_t i = 0; i < sc.threats.size(); ++i) {
    const scenario::Threat& t = sc.threats[i];
    if (!t.arrival_s || reported.contains(t.arrival_path) || prepared.nominal_[i]) continue;
    const scenario::GeoPoint& launch = t.route.front().position;
    if (!checked.emplace(t.arrival_path, launch.lat_deg, launch.lon_deg).second) continue;
    if (!sc.threat_types.contains(t.type)) continue;
    scenario::Threat nominal = t;
    nominal.route_jitter_m = 0.0;
    core::RngStream unused(0, 0, "unused");
    const FlightModel model = flight_model(threat_type_of(sc, t), nominal, prepared.terrain(), unused);
    // A flight ends at its last point, so a week's limit costs no more than the flight itself.
    const auto took_s =
        threats::arrival_time_s(threats::plan_flight(model, prepared.terrain(), 0.0, 7 * 86400.0), model);
    if (took_s && *took_s <= *t.arrival_s) continue;
    errors.add(t.arrival_where, t.arrival_path,
               took_s ? fmt::format("threat '{}' needs {:.0f} s to reach its last point: it cannot arrive "
                                    "at {:g} s",
                                    t.id, *took_s, *t.arrival_s)
                      : fmt::format("threat '{}' never reaches its last point", t.id));
    reported.insert(t.arrival_path);
  }
  return errors;
}

}  // namespace opensam::sim
