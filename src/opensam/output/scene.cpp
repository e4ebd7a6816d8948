#include "opensam/output/scene.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace opensam::output::scene {

std::string iso_time(double t_s) {
  // The epoch is midnight, so days, hours, minutes and seconds follow from t alone.
  const auto ms = static_cast<long long>(std::llround(t_s * 1000.0));
  const long long s = ms / 1000;
  const long long day = s / 86400;
  // Runs last hours: up to 31 days after the epoch stays in January 2000.
  return fmt::format("2000-01-{:02d}T{:02d}:{:02d}:{:02d}.{:03d}Z", 1 + day, (s / 3600) % 24, (s / 60) % 60,
                     s % 60, ms % 1000);
}

namespace {

std::string site_type_name(const scenario::Scenario& sc, const std::string& type) {
  const auto it = sc.site_types.find(type);
  return it == sc.site_types.end() ? type : it->second.name;
}

std::string threat_type_name(const scenario::Scenario& sc, const std::string& type) {
  const auto it = sc.threat_types.find(type);
  return it == sc.threat_types.end() ? type : it->second.name;
}

}  // namespace

Scene build(const scenario::Scenario& sc, const sim::RunResult& run) {
  Scene out;
  out.end_s = run.end_time_s;
  const std::size_t n = run.entities.size();
  std::vector<geo::Lla> created(n);
  std::vector<double> destroyed(n, -1.0);
  std::map<std::uint64_t, Moving> tracks;
  std::map<std::uint64_t, bool> confirmed;
  std::map<sim::EntityIndex, std::size_t> burst;  // interceptor -> its burst's marker
  for (const auto& e : run.events) {
    if (const auto* c = std::get_if<sim::EntityCreated>(&e.data)) {
      created[c->entity] = c->where;
    } else if (const auto* d = std::get_if<sim::SiteDestroyed>(&e.data)) {
      destroyed[d->site] = e.time_s;
      out.markers.push_back({fmt::format("event/{}", out.markers.size()),
                             fmt::format("{} destroyed", run.entities[d->site].id), "site_destroyed",
                             e.time_s, created[d->site]});
    } else if (const auto* r = std::get_if<sim::TrackReport>(&e.data)) {
      if (r->status == tracking::TrackStatus::kConfirmed) confirmed[r->track] = true;
      if (!r->has_estimate) continue;
      Moving& m = tracks[r->track];
      m.points.push_back({e.time_s, r->where});
    } else if (const auto* x = std::get_if<sim::Intercept>(&e.data)) {
      const std::string target = x->target == sim::kNoEntity ? "nothing" : run.entities[x->target].id;
      burst[x->interceptor] = out.markers.size();
      out.markers.push_back(
          {fmt::format("event/{}", out.markers.size()),
           fmt::format("{} burst {:.0f} m from {}", run.entities[x->interceptor].id, x->miss_m, target),
           "miss", e.time_s, x->where});
    } else if (const auto* k = std::get_if<sim::Killed>(&e.data)) {
      // The interceptor's burst marker becomes a kill.
      if (const auto it = burst.find(k->interceptor); it != burst.end()) {
        out.markers[it->second].kind = "kill";
        out.markers[it->second].name += k->fratricide ? ": killed (fratricide)" : ": killed";
      }
    } else if (const auto* l = std::get_if<sim::Leaked>(&e.data)) {
      out.markers.push_back(
          {fmt::format("event/{}", out.markers.size()),
           fmt::format("{} leaked{}", run.entities[l->threat].id,
                       l->target == sim::kNoEntity ? "" : " on " + run.entities[l->target].id),
           "leak", e.time_s, l->where});
    }
  }

  // Sites and assets.
  for (std::size_t i = 0; i < sc.sites.size(); ++i) {
    const auto& s = sc.sites[i];
    const auto it = sc.site_types.find(s.type);
    const std::string kind = it == sc.site_types.end() ? "site" : std::string(core::name_of(it->second.kind));
    std::string description = fmt::format("{}\n{}", site_type_name(sc, s.type), s.type);
    if (!s.missile.empty()) description += fmt::format("\n{} rounds of {}", s.rounds, s.missile);
    if (destroyed[i] >= 0.0) description += fmt::format("\ndestroyed at {:.1f} s", destroyed[i]);
    out.fixed.push_back({"site/" + s.id, s.id, kind, description, created[i], 0.0, destroyed[i]});
  }
  for (std::size_t i = 0; i < sc.assets.size(); ++i) {
    const auto& a = sc.assets[i];
    const std::size_t e = sc.sites.size() + i;
    out.fixed.push_back(
        {"asset/" + a.id, a.id, "asset",
         fmt::format("defended asset, radius {:.0f} m, value ${:.0f} M", a.radius_m, a.value_usd / 1e6),
         created[e], a.radius_m, -1.0});
  }

  // Threats and interceptors, from truth.
  std::vector<std::vector<Point>> truth(n);
  for (const auto& s : run.truth) truth[s.entity].push_back({s.time_s, s.where});
  std::map<sim::EntityIndex, const sim::ThreatOutcome*> outcomes;
  for (const auto& o : run.threats) outcomes[o.entity] = &o;
  std::map<sim::EntityIndex, const sim::ShotRecord*> shots;
  for (const auto& s : run.shots) shots[s.interceptor] = &s;
  for (std::size_t i = 0; i < n; ++i) {
    const sim::Entity& ent = run.entities[i];
    if (truth[i].empty()) continue;
    Moving m;
    m.name = ent.id;
    m.points = std::move(truth[i]);
    if (ent.kind == sim::EntityKind::kThreat) {
      const std::size_t t = i - sc.sites.size() - sc.assets.size();
      const bool friendly = t < sc.threats.size() && sc.threats[t].friendly;
      m.id = "threat/" + ent.id;
      m.kind = friendly ? Kind::kFriendly : Kind::kThreat;
      m.description =
          fmt::format("{}\n{}", threat_type_name(sc, ent.type), friendly ? "friendly" : "hostile");
      if (const auto o = outcomes.find(sim::EntityIndex(i)); o != outcomes.end())
        m.description +=
            fmt::format("\n{} at {:.1f} s", core::name_of(o->second->outcome), o->second->time_s);
    } else if (ent.kind == sim::EntityKind::kInterceptor) {
      m.id = "interceptor/" + ent.id;
      m.kind = Kind::kInterceptor;
      m.description = ent.type;
      if (const auto s = shots.find(sim::EntityIndex(i)); s != shots.end()) {
        const sim::ShotRecord& r = *s->second;
        m.description += fmt::format("\nfrom {} at {:.1f} s on track {}\n{}", run.entities[r.launcher].id,
                                     r.launch_s, r.track, core::name_of(r.result));
        if (r.result == sim::ShotResult::kKilled || r.result == sim::ShotResult::kMissed)
          m.description += fmt::format(", miss {:.1f} m at {:.1f} km", r.miss_m, r.range_m / 1e3);
      }
    } else {
      continue;
    }
    out.moving.push_back(std::move(m));
  }
  for (auto& [number, m] : tracks) {
    if (!confirmed[number] || m.points.empty()) continue;
    m.id = fmt::format("track/{}", number);
    m.name = fmt::format("track {}", number);
    m.kind = Kind::kTrack;
    m.description = fmt::format("command post track {}\n{:.1f} s to {:.1f} s", number, m.points.front().t_s,
                                m.points.back().t_s);
    out.moving.push_back(std::move(m));
  }
  return out;
}

}  // namespace opensam::output::scene
