// `opensam mc`, `opensam merge`, `opensam report`.
#include "opensam/cli/campaign.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "opensam/cli/commands.hpp"
#include "opensam/cli/flags.hpp"
#include "opensam/core/version.hpp"
#include "opensam/montecarlo/campaign.hpp"
#include "opensam/montecarlo/mpi_transport.hpp"
#include "opensam/montecarlo/report.hpp"
#include "opensam/montecarlo/summary.hpp"
#include "opensam/montecarlo/sweep.hpp"
#include "opensam/sim/prepared.hpp"

namespace opensam::cli {

namespace fs = std::filesystem;
namespace mc = opensam::montecarlo;

namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_interrupt(int) { g_interrupted.store(true); }

int fail(const char* command, const std::string& message, int code = kExitBadInput) {
  std::cerr << fmt::format("opensam {}: {}\n", command, message);
  return code;
}

/// Writes `text` to `path` whole or not at all (a temporary sibling renamed onto it).
bool write_whole(const fs::path& path, const std::string& text, std::string& error) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
      error = fmt::format("cannot write '{}'", tmp.string());
      return false;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    error = fmt::format("cannot write '{}': {}", path.string(), ec.message());
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

/// The report's path for a store: beside it, `.html` for `.sqlite`.
fs::path report_path_for(const fs::path& store) {
  fs::path p = store;
  return p.replace_extension(".html");
}

/// A progress bar on stderr: replicates, rate and time left.
class Progress {
 public:
  explicit Progress(bool shown) : shown_(shown), t0_(std::chrono::steady_clock::now()) {}
  void operator()(std::uint64_t done, std::uint64_t total) {
    if (!shown_) return;
    if (first_) {
      first_ = false;
      start_done_ = done;
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
    const double rate = s > 0.0 ? double(done - start_done_) / s : 0.0;
    const double left = rate > 0.0 ? double(total - done) / rate : 0.0;
    const int width = 30;
    const int filled = total ? int(double(width) * double(done) / double(total)) : width;
    std::cerr << fmt::format("\r  [{}{}] {}/{} replicates  {:.1f}/s  ETA {}:{:02d}  ",
                             std::string(std::size_t(filled), '#'),
                             std::string(std::size_t(width - filled), ' '), done, total, rate, int(left) / 60,
                             int(left) % 60)
              << std::flush;
  }
  void finish() {
    if (shown_ && !first_) std::cerr << "\n";
  }

 private:
  bool shown_;
  bool first_ = true;
  std::uint64_t start_done_ = 0;
  std::chrono::steady_clock::time_point t0_;
};

/// The campaign's statistics and report from its store.
int conclude(const mc::Store& store, const std::string& format, const fs::path& report) {
  const std::vector<mc::ReplicateRecord> records = store.read();
  const mc::CampaignStats stats = mc::summarise(store.info(), records);
  std::string error;
  if (!write_whole(report, mc::report_html(stats, records), error)) return fail("mc", error, kExitFailure);
  if (format == "json") {
    std::cout << mc::to_json(stats).dump() << "\n";
  } else {
    std::cout << mc::to_table(stats);
    std::cout << fmt::format("\n  store: {}\n  report: {}\n", store.path(), report.string());
  }
  return kExitOk;
}

}  // namespace

void add_campaign(CLI::App& app, McArgs& a, MergeArgs& m, ReportArgs& r) {
  auto* c = app.add_subcommand("mc", "Run a Monte Carlo campaign: many replicates, statistics, a report");
  c->add_option("file", a.file, "Scenario file (YAML)")->required();
  a.n_opt =
      c->add_option("-n", a.n, "Replicates per sweep point (0 .. N-1)")->check(CLI::Range(1ULL, 1ULL << 40));
  a.seed_opt = c->add_option("--seed", a.seed, "Seed of the random streams (default: the scenario's)")
                   ->check(kWholeNumber);
  c->add_option("--threads", a.threads, "Threads (default 0: one per core)")->check(CLI::Range(0, 1024));
  c->add_option("--store", a.store,
                "Result store, SQLite (default out/<scenario>-mc-<seed>/campaign.sqlite)");
  c->add_flag("--resume", a.resume, "Continue the campaign in --store: run only what it lacks");
  c->add_option("--sweep", a.sweeps, "Sweep a scenario key: KEY=V1,V2,... (repeatable: every combination)");
  c->add_option("--replicates", a.replicates, "Run only replicates A to B-1 (a slice, e.g. for a job array)");
  a.ci_opt =
      c->add_option("--ci-target", a.ci_target,
                    "Stop once every 95 % interval's half-width is below W (checked every 100 replicates)")
          ->check(CLI::Range(1e-6, 0.5));
  c->add_option("--format", a.format, "Statistics on stdout: table or json")
      ->check(CLI::IsMember({"table", "json"}));
  c->footer(R"(
Examples:
  opensam mc examples/demo.yaml -n 1000
  opensam mc examples/demo.yaml -n 200 --sweep "raids[0].terrain_following=30 m,100 m,300 m"
  opensam mc examples/demo.yaml -n 5000 --ci-target 0.02 --store demo.sqlite --format json
  opensam mc examples/demo.yaml -n 1000 --store demo.sqlite --resume      (after an interruption)
  opensam mc examples/demo.yaml --replicates 0:250 --store part-0.sqlite   (one slice of a job array)
  mpirun -n 4 opensam mc examples/demo.yaml -n 1000                       (across processes)

Replicate i of every sweep point is run with the random streams of (seed, i): the numbers do
not depend on the thread count, the process count or the order. The store keeps every
replicate (one transaction per round of 100); the report (HTML) is written beside it.)");
  a.command = c;

  auto* g = app.add_subcommand("merge", "Combine the stores of campaign slices into one");
  g->add_option("inputs", m.inputs, "Stores to merge (SQLite)")->required();
  g->add_option("--store", m.store, "The combined store (created, or added to when it is the same campaign)")
      ->required();
  g->footer(R"(
Example:
  opensam merge part-*.sqlite --store all.sqlite && opensam report all.sqlite

Refuses stores of another scenario, library, seed, sweep or opensam version; a replicate held
by several stores is counted once.)");
  m.command = g;

  auto* p = app.add_subcommand("report", "Write the HTML report of a campaign store");
  p->add_option("store", r.store, "Campaign store (SQLite)")->required();
  p->add_option("--out", r.out, "HTML file (default: the store's name with .html)");
  r.command = p;
}

namespace {

/// The campaign's store at `store_path`: a new one, or (--resume) the one there if it holds this
/// campaign. kExitOk, or the code of a message already printed.
int open_store(const McArgs& a, const mc::CampaignInfo& info, const fs::path& store_path,
               std::optional<mc::Store>& store) {
  int code = kExitOk;
  std::error_code ec;
  try {
    if (fs::exists(store_path, ec) && a.resume) {
      store = mc::Store::open(store_path.string());
      const std::string why = store->info().mismatch(info);
      if (!why.empty()) {
        code = fail("mc", fmt::format("{} holds another campaign ({}); choose another --store",
                                      store_path.string(), why));
      }
    } else {
      if (fs::exists(store_path, ec)) {
        if (!a.store.empty()) {
          code = fail(
              "mc", fmt::format("{} exists: add --resume to continue its campaign, or choose another --store",
                                store_path.string()));
        } else {  // the default store is scratch: start again
          for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(store_path.string() + suffix, ec);
        }
      }
      if (code == kExitOk) {
        if (store_path.has_parent_path()) fs::create_directories(store_path.parent_path(), ec);
        store = mc::Store::create(store_path.string(), info);
      }
    }
  } catch (const mc::StoreError& e) {
    code = fail("mc", e.what(), kExitFailure);
  }
  return code;
}

}  // namespace

int mc_command(const McArgs& a) {
  // Processes: MPI when an MPI launcher started this one.
  std::unique_ptr<mc::Transport> transport;
  if (mc::launched_by_mpi()) {
    transport = mc::make_mpi_transport();
    if (!transport) return fail("mc", "started by an MPI launcher, but this opensam was built without MPI");
  } else {
    transport = std::make_unique<mc::LocalTransport>();
  }
  const bool root = transport->rank() == 0;
  const auto bad = [&](const std::string& message) { return root ? fail("mc", message) : kExitBadInput; };

  // Flags.
  std::uint64_t first = 0, last = a.n;
  if (!a.replicates.empty()) {
    const std::size_t colon = a.replicates.find(':');
    try {
      std::size_t used = 0;
      first = std::stoull(a.replicates.substr(0, colon), &used);
      if (used != colon) throw std::invalid_argument("");
      last = std::stoull(a.replicates.substr(colon + 1), &used);
      if (used != a.replicates.size() - colon - 1) throw std::invalid_argument("");
    } catch (const std::exception&) {
      return bad(fmt::format("--replicates '{}': write A:B, whole numbers with A < B (replicates A to B-1)",
                             a.replicates));
    }
    if (colon == std::string::npos || first >= last)
      return bad(fmt::format("--replicates '{}': write A:B, whole numbers with A < B (replicates A to B-1)",
                             a.replicates));
    if (*a.n_opt) return bad("give -n or --replicates, not both");
  } else if (!*a.n_opt) {
    return bad("how many replicates? give -n N (or --replicates A:B)");
  }
  std::vector<mc::SweepAxis> axes;
  for (const std::string& s : a.sweeps) {
    std::string error;
    auto axis = mc::parse_sweep(s, error);
    if (!axis) return bad("--sweep " + error);
    for (const mc::SweepAxis& other : axes)
      if (other.key == axis->key) return bad(fmt::format("--sweep: '{}' is swept twice", axis->key));
    axes.push_back(std::move(*axis));
  }

  // The scenario at every sweep point, all checked before anything is written.
  mc::PreparedCampaign campaign =
      mc::prepare_campaign({a.file, std::nullopt, "", {}}, axes,
                           *a.seed_opt ? std::optional<std::uint64_t>(a.seed) : std::nullopt, core::kVersion);
  if (!campaign.ok()) {
    if (root) std::cerr << campaign.errors.str() << campaign.error_summary << "\n";
    return kExitBadInput;
  }
  const std::vector<mc::PreparedPoint>& points = campaign.points;
  const mc::CampaignInfo& info = campaign.info;

  // The store (rank 0 only).
  std::optional<mc::Store> store;
  fs::path store_path =
      a.store.empty()
          ? fs::path("out") / fmt::format("{}-mc-{}", info.scenario_name, info.seed) / "campaign.sqlite"
          : fs::path(a.store);
  const int code = root ? open_store(a, info, store_path, store) : kExitOk;
  if (transport->agree(code != kExitOk)) return code != kExitOk ? code : kExitFailure;

  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  mc::CampaignOptions options;
  options.seed = info.seed;
  options.first = first;
  options.last = last;
  options.threads = a.threads;
  if (*a.ci_opt) options.ci_target = a.ci_target;
  options.interrupt = &g_interrupted;
  Progress progress(root && isatty(STDERR_FILENO) != 0);
  options.progress = [&](std::uint64_t done, std::uint64_t total) { progress(done, total); };
  mc::CampaignOutcome outcome;
  try {
    outcome = mc::run_campaign(points, root ? &*store : nullptr, options, *transport);
  } catch (const mc::StoreError& e) {
    progress.finish();
    return fail("mc", e.what(), kExitFailure);
  }
  progress.finish();
  if (!root) return kExitOk;
  if (outcome.interrupted) {
    std::cerr << fmt::format(
        "opensam mc: interrupted; {} replicates are in {}. Run the same command with --resume to go on.\n",
        store->stored().size(), store_path.string());
    return 130;
  }
  if (outcome.target_met)
    std::cerr << fmt::format("opensam mc: every 95 % interval is narrower than +-{:g} after {} replicates\n",
                             a.ci_target, store->stored().size());
  try {
    return conclude(*store, a.format, report_path_for(store_path));
  } catch (const mc::StoreError& e) {
    return fail("mc", e.what(), kExitFailure);
  }
}

int merge_command(const MergeArgs& a) {
  try {
    std::vector<mc::Store> inputs;
    for (const std::string& f : a.inputs) {
      inputs.push_back(mc::Store::open(f));
      const std::string why = inputs.front().info().mismatch(inputs.back().info());
      if (!why.empty())
        return fail("merge", fmt::format("{} is another campaign than {}: {}", f, a.inputs.front(), why));
    }
    std::error_code ec;
    std::optional<mc::Store> out;
    if (fs::exists(a.store, ec)) {
      out = mc::Store::open(a.store);
      const std::string why = out->info().mismatch(inputs.front().info());
      if (!why.empty()) return fail("merge", fmt::format("{} is another campaign: {}", a.store, why));
    } else {
      if (fs::path(a.store).has_parent_path()) fs::create_directories(fs::path(a.store).parent_path(), ec);
      out = mc::Store::create(a.store, inputs.front().info());
    }
    std::size_t added = 0, seen = 0;
    for (const mc::Store& in : inputs) {
      const std::vector<mc::ReplicateRecord> records = in.read();
      seen += records.size();
      added += out->write(records);
    }
    std::cout << fmt::format("{}: {} replicates added from {} store{} ({} already there), {} in all\n",
                             a.store, added, inputs.size(), inputs.size() == 1 ? "" : "s", seen - added,
                             out->stored().size());
  } catch (const mc::StoreError& e) {
    return fail("merge", e.what());
  }
  return kExitOk;
}

int report_command(const ReportArgs& a) {
  try {
    const mc::Store store = mc::Store::open(a.store);
    const std::vector<mc::ReplicateRecord> records = store.read();
    const fs::path out = a.out.empty() ? report_path_for(a.store) : fs::path(a.out);
    std::string error;
    if (!write_whole(out, mc::report_html(mc::summarise(store.info(), records), records), error))
      return fail("report", error, kExitFailure);
    std::cout << fmt::format("{}: {} replicates\n", out.string(), records.size());
  } catch (const mc::StoreError& e) {
    return fail("report", e.what());
  }
  return kExitOk;
}

}  // namespace opensam::cli
