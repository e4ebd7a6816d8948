#include "opensam/montecarlo/campaign.hpp"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <set>

#include "opensam/montecarlo/summary.hpp"
#include "opensam/sim/replication.hpp"

namespace opensam::montecarlo {

std::vector<std::optional<ReplicateRecord>> run_items(const std::vector<PreparedPoint>& points,
                                                      std::uint64_t seed, std::span<const WorkItem> items,
                                                      int threads, const std::atomic<bool>* interrupt) {
  std::vector<std::optional<ReplicateRecord>> out(items.size());
  const auto one = [&](std::size_t i) {
    if (interrupt && interrupt->load(std::memory_order_relaxed)) return;
    const WorkItem& w = items[i];
    const PreparedPoint& p = points[w.point];
    sim::RunOptions options;
    options.seed = seed;
    options.replicate = w.replicate;
    options.record_truth = false;
    const sim::RunResult run = sim::run_replication(*p.prepared, options);
    out[i] = make_record(*p.scenario, run, w.point);
  };
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, items.size(), 1),
        [&](const tbb::blocked_range<std::size_t>& r) {
          for (std::size_t i = r.begin(); i != r.end(); ++i) one(i);
        },
        tbb::simple_partitioner());
  });
  return out;
}

CampaignOutcome run_campaign(const std::vector<PreparedPoint>& points, Store* store, const CampaignOptions& o,
                             Transport& transport) {
  CampaignOutcome outcome;
  const bool root = transport.rank() == 0;
  // Rank 0 lists what is missing; every rank gets the list.
  std::vector<WorkItem> pending;
  if (root) {
    std::set<std::pair<std::uint32_t, std::uint64_t>> stored;
    for (const auto& pr : store->stored()) stored.insert(pr);
    for (std::uint64_t r = o.first; r < o.last; ++r) {
      for (std::uint32_t p = 0; p < points.size(); ++p) {
        if (stored.contains({p, r}))
          ++outcome.already;
        else
          pending.push_back({p, r});
      }
    }
  }
  pending = transport.share(std::move(pending));
  const std::uint64_t total = (o.last - o.first) * points.size();
  std::uint64_t done = outcome.already;
  if (root && o.progress) o.progress(done, total);

  const std::uint64_t round = std::max<std::uint64_t>(o.round, 1);
  std::size_t next = 0;
  for (std::uint64_t start = o.first - o.first % round; start < o.last; start += round) {
    // This round's items: replicates [start, start + round).
    std::size_t end = next;
    while (end < pending.size() && pending[end].replicate < start + round) ++end;
    std::vector<WorkItem> mine;
    for (std::size_t j = next; j < end; ++j)
      if (int(j % std::size_t(transport.size())) == transport.rank()) mine.push_back(pending[j]);
    next = end;
    std::vector<ReplicateRecord> records;
    for (auto& r : run_items(points, o.seed, mine, o.threads, o.interrupt))
      if (r) records.push_back(std::move(*r));
    records = transport.gather(std::move(records));
    bool stop = false;
    if (root) {
      std::sort(records.begin(), records.end(), [](const ReplicateRecord& a, const ReplicateRecord& b) {
        return std::pair(a.point, a.replicate) < std::pair(b.point, b.replicate);
      });
      const std::size_t added = store->write(records);
      outcome.ran += added;
      done += added;
      if (o.progress) o.progress(done, total);
      if (o.interrupt && o.interrupt->load()) {
        outcome.interrupted = true;
        stop = true;
      } else if (o.ci_target) {
        const CampaignStats stats = summarise(store->info(), store->read());
        if (stats.widest_half_width() < *o.ci_target) {
          outcome.target_met = true;
          stop = true;
        }
      }
    }
    if (transport.agree(stop)) break;
  }
  return outcome;
}

PreparedCampaign prepare_campaign(const ScenarioSource& source, const std::vector<SweepAxis>& axes,
                                  std::optional<std::uint64_t> seed, const std::string& version) {
  auto load = [&](const std::vector<scenario::Override>& overrides) {
    return source.text ? scenario::load_from_string(*source.text, source.name, source.base_dir, overrides)
                       : scenario::load(source.name, overrides);
  };
  auto count = [](const core::Diagnostics& d) {
    return fmt::format("{} error{}", d.size(), d.size() == 1 ? "" : "s");
  };
  PreparedCampaign out;
  scenario::LoadResult base = load(source.overrides);
  if (!base.ok()) {
    out.error_summary = fmt::format("{}: {}", source.name, count(base.errors));
    out.errors = std::move(base.errors);
    return out;
  }
  const std::vector<SweepPoint> sweep = sweep_points(axes);
  for (const SweepPoint& p : sweep) {
    std::vector<scenario::Override> overrides = source.overrides;
    for (const auto& [key, value] : p.settings)
      overrides.push_back({key, value, fmt::format("{} {}={}", source.sweep_origin, key, value)});
    sim::LoadedScenario loaded = sim::load_prepared(source.name, source.text, source.base_dir, overrides);
    if (!loaded.ok()) {
      out.points.clear();
      out.error_summary =
          fmt::format("{}: {} at sweep point {}", source.name, count(loaded.errors), p.label());
      out.errors = std::move(loaded.errors);
      return out;
    }
    out.points.push_back({std::move(loaded.scenario), std::move(loaded.prepared)});
  }

  CampaignInfo& info = out.info;
  info.version = version;
  info.scenario_name = base.scenario.name;
  info.scenario_hash = scenario_fingerprint(base.scenario);
  info.seed = seed.value_or(base.scenario.seed);
  info.points = sweep;
  for (const scenario::Threat& t : base.scenario.threats) {
    info.threat_ids.push_back(t.id);
    info.threat_types.push_back(t.type);
    info.threat_friendly.push_back(t.friendly);
  }
  for (const scenario::Asset& as : base.scenario.assets) info.asset_value_usd += as.value_usd;
  return out;
}

}  // namespace opensam::montecarlo
