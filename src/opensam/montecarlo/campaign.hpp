#pragma once
/// @file Running a campaign: replicates spread over threads (oneTBB) and processes (a
/// Transport, e.g. MPI), written to the store in rounds. Replicate i of a point is run with
/// (seed, i) whichever thread or process runs it, so the numbers never depend on either.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "opensam/montecarlo/record.hpp"
#include "opensam/montecarlo/store.hpp"
#include "opensam/montecarlo/sweep.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/sim/prepared.hpp"

namespace opensam::montecarlo {

/// One sweep point ready to run: its scenario and what its replicates share.
struct PreparedPoint {
  std::unique_ptr<const scenario::Scenario> scenario;
  std::unique_ptr<const sim::Prepared> prepared;
};

/// Where a campaign's scenario comes from: a file, or text standing for one.
struct ScenarioSource {
  std::string name;                           ///< the file, or what stands for it in messages
  std::optional<std::string> text;            ///< the scenario's text when it is not read from `name`
  std::string base_dir;                       ///< includes of `text` resolve against it
  std::vector<scenario::Override> overrides;  ///< at every point, before the sweep's settings
  std::string sweep_origin = "--sweep";       ///< names a sweep setting in messages
};

/// A campaign's scenario at every sweep point, loaded and checked (sim::check_arrivals), and
/// its identity for the store; or the errors of the first point that does not load.
struct PreparedCampaign {
  std::vector<PreparedPoint> points;
  CampaignInfo info;
  core::Diagnostics errors;
  std::string error_summary;  ///< e.g. `demo.yaml: 2 errors at sweep point raids[0].speed=900 km/h`
  [[nodiscard]] bool ok() const { return errors.empty(); }
};

/// Loads `source` at every point of `axes` (sweep_points order); `seed` replaces the
/// scenario's. `version` is the program's, for the store.
[[nodiscard]] PreparedCampaign prepare_campaign(const ScenarioSource& source,
                                                const std::vector<SweepAxis>& axes,
                                                std::optional<std::uint64_t> seed,
                                                const std::string& version);

struct WorkItem {
  std::uint32_t point = 0;
  std::uint64_t replicate = 0;
};

/// How the processes of a campaign talk; rank 0 holds the store.
class Transport {
 public:
  virtual ~Transport() = default;
  [[nodiscard]] virtual int rank() const = 0;
  [[nodiscard]] virtual int size() const = 0;
  /// Rank 0's `items` on every rank.
  [[nodiscard]] virtual std::vector<WorkItem> share(std::vector<WorkItem> items) = 0;
  /// Every rank's `mine` on rank 0 (rank order); empty elsewhere.
  [[nodiscard]] virtual std::vector<ReplicateRecord> gather(std::vector<ReplicateRecord> mine) = 0;
  /// Rank 0's `flag` on every rank.
  [[nodiscard]] virtual bool agree(bool flag) = 0;
};

/// One process.
class LocalTransport final : public Transport {
 public:
  [[nodiscard]] int rank() const override { return 0; }
  [[nodiscard]] int size() const override { return 1; }
  std::vector<WorkItem> share(std::vector<WorkItem> items) override { return items; }
  std::vector<ReplicateRecord> gather(std::vector<ReplicateRecord> mine) override { return mine; }
  bool agree(bool flag) override { return flag; }
};

/// Runs `items` on `threads` threads (0: one per core). Entry i is item i's record, or empty
/// when `interrupt` was set before it started.
[[nodiscard]] std::vector<std::optional<ReplicateRecord>> run_items(const std::vector<PreparedPoint>& points,
                                                                    std::uint64_t seed,
                                                                    std::span<const WorkItem> items,
                                                                    int threads,
                                                                    const std::atomic<bool>* interrupt);

struct CampaignOptions {
  std::uint64_t seed = 1;
  std::uint64_t first = 0;  ///< replicates [first, last)
  std::uint64_t last = 0;
  int threads = 0;
  std::optional<double> ci_target;  ///< stop when every interval's half-width is below
  std::uint64_t round = 100;        ///< replicates per point between store writes and checks
  const std::atomic<bool>* interrupt = nullptr;
  /// Rank 0, after each round: replicates stored so far in [first, last) and the total.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

struct CampaignOutcome {
  std::uint64_t ran = 0;      ///< replicates run and stored now (rank 0)
  std::uint64_t already = 0;  ///< found in the store
  bool target_met = false;    ///< stopped by the interval target
  bool interrupted = false;
};

/// Runs the replicates of [first, last) of every point that `store` lacks. `store` is rank
/// 0's (null on the other ranks). With a target, rounds are aligned on multiples of `round`
/// from replicate 0, and the campaign stops after the first round whose intervals (over all
/// stored replicates) are narrow enough: the same stop on any thread or process count, and
/// after a resume.
CampaignOutcome run_campaign(const std::vector<PreparedPoint>& points, Store* store,
                             const CampaignOptions& options, Transport& transport);

}  // namespace opensam::montecarlo
