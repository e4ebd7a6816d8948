// The `opensam` command line.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "opensam/cli/calc.hpp"
#include "opensam/cli/campaign.hpp"
#include "opensam/cli/commands.hpp"
#include "opensam/cli/coverage.hpp"
#include "opensam/cli/endgame.hpp"
#include "opensam/cli/envelope.hpp"
#include "opensam/cli/flags.hpp"
#include "opensam/cli/track.hpp"
#include "opensam/cli/view.hpp"
#include "opensam/core/version.hpp"
#include "opensam/scenario/schema.hpp"

namespace {

constexpr const char* kRunExamples = R"(
Examples:
  opensam run examples/demo.yaml
  opensam run examples/demo.yaml --seed 7 --out runs/demo-7
  opensam run examples/demo.yaml --format json | jq .totals
  opensam run examples/demo.yaml --sqlite && sqlite3 out/demo-1/run.sqlite \
    "SELECT event, count(*) FROM events GROUP BY event"

Writes DIR (default out/<scenario>-<seed>/) with events.csv, events.jsonl,
detections.csv, tracks.csv, gospa.csv, truth.csv, summary.json,
scenario.resolved.yaml, report.html, scenario.czml, scenario.kml and a
coverage-<k>.png per coverage layer (and run.sqlite with --sqlite); the
folder appears only when complete.
See it with `opensam view DIR`, or open report.html from disk.)";

constexpr const char* kValidateExamples = R"(
Examples:
  opensam validate examples/demo.yaml
  opensam validate examples/*.yaml

Errors read FILE:LINE:COL: path.to.field: message; exit code 2 if any.)";

constexpr const char* kTopics = R"(
Help topics:
  opensam help run        running one engagement
  opensam help mc         Monte Carlo campaigns (and merge, report)
  opensam help validate   checking scenario files
  opensam help calc       the radar calculator
  opensam help coverage   radar coverage maps
  opensam help envelope   a missile's kinematic envelope
  opensam help endgame    the guidance engineer's miss-distance calculator
  opensam help track      the tracker on a detections file
  opensam help view       the 3-D viewer of a run
  opensam help format     the scenario and library file format (Markdown))";

/// `opensam run` and its flags.
CLI::App* add_run(CLI::App& app, opensam::cli::RunArgs& a, std::uint64_t& seed, CLI::Option*& seed_opt) {
  namespace cli = opensam::cli;
  auto* run = app.add_subcommand("run", "Run one replication of a scenario and summarise it");
  run->add_option("file", a.file, "Scenario file (YAML)")->required();
  seed_opt = run->add_option("--seed", seed, "Seed of the random streams (default: the scenario's)")
                 ->check(cli::kWholeNumber);
  run->add_option("--out", a.out_dir, "Output folder (default out/<scenario>-<seed>)");
  run->add_option("--format", a.format, "Summary on stdout: table or json")
      ->check(CLI::IsMember({"table", "json"}));
  run->add_flag("--sqlite", a.sqlite, "Also write run.sqlite: the logs as tables for SQL");
  run->add_option("--dis-out", a.dis_out, "Send DIS PDUs (version 7) to HOST:PORT over UDP");
  run->add_option("--dis-in", a.dis_in,
                  "Listen for DIS PDUs on HOST:PORT: other simulations' aircraft and missiles become "
                  "threats (needs --realtime and the scenario's `external` section)");
  run->add_option("--dis-pcap", a.dis_pcap, "Also write the PDUs sent to a pcap capture file");
  run->add_option("--dis-exercise", a.dis_exercise, "DIS exercise id (default 1)")->check(CLI::Range(1, 255));
  run->add_option("--dis-site", a.dis_site, "DIS site number of this simulation (default 1)")
      ->check(CLI::Range(1, 65534));
  run->add_option("--dis-app", a.dis_app, "DIS application number of this simulation (default 1)")
      ->check(CLI::Range(1, 65534));
  auto* realtime = run->add_flag("--realtime", a.realtime,
                                 "Pace the run on the wall clock (DIS PDUs then carry absolute timestamps)");
  run->add_option("--time-scale", a.time_scale,
                  "With --realtime: simulation seconds per wall-clock second (default 1)")
      ->check(CLI::Range(0.01, 1000.0))
      ->needs(realtime);
  run->footer(kRunExamples);
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace opensam;
  CLI::App app{"opensam: an open simulator of a surface-to-air missile system (S-400 class)", "opensam"};
  app.set_version_flag("--version", std::string("opensam ") + core::kVersion);
  app.footer(kTopics);
  app.require_subcommand(0, 1);

  cli::RunArgs run_args;
  std::uint64_t seed = 0;
  CLI::Option* seed_opt = nullptr;
  auto* run = add_run(app, run_args, seed, seed_opt);

  std::vector<std::string> validate_files;
  auto* validate = app.add_subcommand("validate", "Check scenario files without running them");
  validate->add_option("files", validate_files, "Scenario files (YAML)")->required();
  validate->footer(kValidateExamples);

  cli::CalcArgs calc_args;
  cli::add_calc(app, calc_args);
  cli::CoverageArgs coverage_args;
  cli::add_coverage(app, coverage_args);
  cli::EnvelopeArgs envelope_args;
  cli::add_envelope(app, envelope_args);
  cli::EndgameArgs endgame_args;
  cli::add_endgame(app, endgame_args);
  cli::TrackArgs track_args;
  cli::ReferenceArgs reference_args;
  cli::add_track(app, track_args, reference_args);

  cli::McArgs mc_args;
  cli::MergeArgs merge_args;
  cli::ReportArgs report_args;
  cli::add_campaign(app, mc_args, merge_args, report_args);
  cli::ViewArgs view_args;
  cli::add_view(app, view_args);

  std::string topic;
  auto* help = app.add_subcommand("help", "Show help on a command or topic");
  help->add_option("topic", topic, "run, validate or format");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message
    return cli::kExitBadInput;
  }

  if (*run) {
    if (*seed_opt) run_args.seed = seed;
    return cli::run_command(run_args);
  }
  if (*validate) return cli::validate_command(validate_files);
  if (mc_args.command->parsed()) return cli::mc_command(mc_args);
  if (merge_args.command->parsed()) return cli::merge_command(merge_args);
  if (report_args.command->parsed()) return cli::report_command(report_args);
  if (cli::calc_selected(calc_args)) return cli::calc_command(calc_args);
  if (coverage_args.command->parsed()) return cli::coverage_command(coverage_args);
  if (envelope_args.command->parsed()) return cli::envelope_command(envelope_args);
  if (endgame_args.command->parsed()) return cli::endgame_command(endgame_args);
  if (track_args.command->parsed()) return cli::track_command(track_args);
  if (view_args.command->parsed()) return cli::view_command(view_args);
  if (reference_args.command->parsed()) return cli::reference_command(reference_args);
  if (*help) {
    if (topic.empty()) {
      std::cout << app.help();
    } else if (topic == "run") {
      std::cout << run->help();
    } else if (topic == "mc") {
      std::cout << mc_args.command->help() << "\n"
                << merge_args.command->help() << "\n"
                << report_args.command->help();
    } else if (topic == "validate") {
      std::cout << validate->help();
    } else if (topic == "coverage") {
      std::cout << coverage_args.command->help();
    } else if (topic == "envelope") {
      std::cout << envelope_args.command->help();
    } else if (topic == "endgame") {
      std::cout << endgame_args.command->help();
    } else if (topic == "track") {
      std::cout << track_args.command->help();
    } else if (topic == "track-reference") {
      std::cout << reference_args.command->help();
    } else if (topic == "view") {
      std::cout << view_args.command->help();
    } else if (topic == "calc") {
      std::cout << calc_args.subcommands[0]->help();
    } else if (topic == "format") {
      std::cout << scenario::format_reference();
    } else {
      std::cerr << fmt::format("opensam: no help on '{}'{}\n", topic, kTopics);
      return cli::kExitBadInput;
    }
    return cli::kExitOk;
  }
  std::cerr << app.help();
  return cli::kExitBadInput;
}
