#include "opensam/cli/commands.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "opensam/dis/link.hpp"
#include "opensam/output/raster.hpp"
#include "opensam/output/replay.hpp"
#include "opensam/output/report.hpp"
#include "opensam/output/run_folder.hpp"
#include "opensam/output/sqlite.hpp"
#include "opensam/output/writers.hpp"
#include "opensam/scenario/resolved.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/coverage.hpp"
#include "opensam/sim/prepared.hpp"
#include "opensam/sim/replication.hpp"

namespace opensam::cli {

namespace fs = std::filesystem;

namespace {
/// Loads and prepares a scenario, printing every error on stderr.
std::optional<sim::LoadedScenario> load_or_report(const std::string& file) {
  sim::LoadedScenario loaded = sim::load_prepared(file, std::nullopt, "");
  if (!loaded.ok()) {
    std::cerr << loaded.errors.str() << loaded.error_count(file) << "\n";
    return std::nullopt;
  }
  return loaded;
}
/// Draws the scenario's coverage layers into `coverage-<k>.png` of the folder; returns where
/// each lies, or an error message in `error`.
std::vector<output::CoverageOverlay> write_coverage_layers(const output::RunFolder& folder,
                                                           const sim::Prepared& prepared,
                                                           std::string& error) {
  const scenario::Scenario& sc = prepared.scenario();
  std::vector<output::CoverageOverlay> overlays;
  sim::CoverageRequest req;
  for (std::size_t i = 0; i < sc.sites.size(); ++i)
    if (sc.site_types.at(sc.sites[i].type).kind == scenario::SiteKind::kRadar) req.sites.push_back(i);
  if (req.sites.empty()) return overlays;
  for (std::size_t k = 0; k < sc.coverage.size(); ++k) {
    const scenario::CoverageLayer& layer = sc.coverage[k];
    req.rcs_m2 = layer.rcs_m2;
    req.altitude_m = layer.altitude.value_m;
    req.agl = layer.altitude.reference == scenario::AltitudeReference::kAgl;
    req.pd = layer.pd;
    req.resolution_m = layer.resolution_m;
    const sim::CoverageGrid grid = sim::compute_coverage(sc, prepared.terrain(), req);
    output::CoverageOverlay o;
    o.file = fmt::format("coverage-{}.png", k);
    o.name = fmt::format("{:g} m2, Pd {:g} at {:g} m {}", layer.rcs_m2, layer.pd, layer.altitude.value_m,
                         req.agl ? "AGL" : "MSL");
    o.north_deg = grid.north_deg;
    o.west_deg = grid.west_deg;
    o.south_deg = grid.north_deg - grid.rows * grid.dlat_deg;
    o.east_deg = grid.west_deg + grid.cols * grid.dlon_deg;
    error = output::write_coverage_overlay_png(folder.file(o.file).string(), grid, layer.pd);
    if (!error.empty()) return {};
    overlays.push_back(std::move(o));
  }
  return overlays;
}
}  // namespace

int validate_command(const std::vector<std::string>& files) {
  int code = kExitOk;
  for (const auto& f : files) {
    const auto loaded = load_or_report(f);
    if (!loaded) {
      code = kExitBadInput;
      continue;
    }
    const scenario::Scenario* sc = loaded->scenario.get();
    std::cout << fmt::format("{}: ok: scenario '{}', {} sites, {} assets, {} threats, {:g} s\n", f, sc->name,
                             sc->sites.size(), sc->assets.size(), sc->threats.size(), sc->duration_s);
  }
  return code;
}

int run_command(const RunArgs& args) {
  const auto loaded = load_or_report(args.file);
  if (!loaded) return kExitBadInput;
  const scenario::Scenario* sc = loaded->scenario.get();
  const std::uint64_t seed = args.seed.value_or(sc->seed);

  sim::RunOptions options;
  options.seed = seed;
  // DIS: out, in, a capture, or a paced run.
  std::unique_ptr<dis::Link> link;
  if (!args.dis_out.empty() || !args.dis_in.empty() || !args.dis_pcap.empty() || args.realtime) {
    dis::LinkOptions lo;
    std::string error;
    if (!args.dis_out.empty() && !(lo.out = dis::parse_endpoint(args.dis_out, error))) {
      std::cerr << "opensam: --dis-out: " << error << "\n";
      return kExitBadInput;
    }
    if (!args.dis_in.empty()) {
      if (!(lo.in = dis::parse_endpoint(args.dis_in, error))) {
        std::cerr << "opensam: --dis-in: " << error << "\n";
        return kExitBadInput;
      }
      if (!args.realtime) {
        std::cerr << "opensam: --dis-in needs --realtime: another simulation runs on the wall clock\n";
        return kExitBadInput;
      }
      if (sc->external_type.empty()) {
        std::cerr << fmt::format(
            "{}: external: missing: --dis-in needs the scenario to say what type entities of another "
            "simulation fly as (external: {{type: f16c}}, say)\n",
            args.file);
        return kExitBadInput;
      }
    }
    lo.pcap_path = args.dis_pcap;
    lo.exercise = std::uint8_t(args.dis_exercise);
    lo.site = std::uint16_t(args.dis_site);
    lo.application = std::uint16_t(args.dis_app);
    lo.realtime = args.realtime;
    lo.time_scale = args.time_scale;
    try {
      link = std::make_unique<dis::Link>(*sc, lo);
    } catch (const std::exception& e) {
      std::cerr << "opensam: " << e.what() << "\n";
      return kExitFailure;
    }
    options.live = link.get();
    options.live_inbound = lo.in.has_value();
    options.sinks.push_back(link.get());
  }
  const sim::RunResult run = sim::run_replication(*loaded->prepared, options);
  const auto summary = output::summary_json(*sc, run);

  const fs::path out_dir =
      args.out_dir.empty() ? fs::path("out") / fmt::format("{}-{}", sc->name, seed) : fs::path(args.out_dir);
  try {
    output::RunFolder folder(out_dir);
    const std::vector<std::pair<std::string, std::string>> logs = {
        {"events", output::events_csv(run)},
        {"detections", output::detections_csv(run)},
        {"tracks", output::tracks_csv(run)},
        {"gospa", output::gospa_csv(run)},
        {"truth", output::truth_csv(run)}};
    for (const auto& [name, csv] : logs) folder.write(name + ".csv", csv);
    folder.write("events.jsonl", output::events_jsonl(run));
    folder.write("summary.json", summary.dump(2) + "\n");
    if (args.sqlite) {
      if (auto e = output::write_run_sqlite(folder.file("run.sqlite").string(), logs, summary.dump());
          !e.empty()) {
        std::cerr << "opensam: " << e << "\n";
        return kExitFailure;
      }
    }
    folder.write("scenario.resolved.yaml", scenario::to_resolved_yaml(*sc, seed));
    std::string error;
    const auto overlays = write_coverage_layers(folder, *loaded->prepared, error);
    if (!error.empty()) {
      std::cerr << "opensam: " << error << "\n";
      return kExitFailure;
    }
    folder.write("scenario.czml", output::scenario_czml(*sc, run, overlays));
    folder.write("scenario.kml", output::scenario_kml(*sc, run, overlays));
    folder.write("report.html", output::run_report_html(*sc, run));
    if (link) {
      folder.write("dis.json", dis::stats_json(link->stats()));
      link->finish();
    }
    folder.commit();
  } catch (const fs::filesystem_error& e) {
    std::cerr << fmt::format("opensam: cannot write the outputs to '{}': {}\n", out_dir.string(),
                             e.code().message());
    return kExitFailure;
  } catch (const std::runtime_error& e) {
    std::cerr << "opensam: " << e.what() << "\n";
    return kExitFailure;
  }

  if (args.format == "json") {
    std::cout << summary.dump() << '\n';
  } else {
    std::cout << output::summary_table(*sc, run);
    if (link) {
      const dis::LinkStats& d = link->stats();
      std::cout << fmt::format(
          "\n  DIS: sent {} PDUs ({} entity state, {} fire, {} detonation, {} emission); received {}, "
          "accepted {}, rejected {}, rate-limited {}; {} entities in, {} strikes\n",
          d.sent, d.sent_entity_state, d.sent_fire, d.sent_detonation, d.sent_emission, d.received,
          d.accepted, d.rejected_total(), d.rate_limited, d.entities_in, d.strikes);
    }
    std::cout << fmt::format("\n  outputs: {0}/\n  see it:  opensam view {0}   (or open {0}/report.html)\n",
                             out_dir.string());
  }
  return kExitOk;
}

}  // namespace opensam::cli
