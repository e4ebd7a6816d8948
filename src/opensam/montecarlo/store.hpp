#pragma once
/// @file A campaign's result store: one SQLite file (WAL journal) holding what the campaign
/// is (scenario fingerprint, opensam version, seed, sweep points) and one set of rows per
/// replicate, written one transaction per batch. A replicate is stored once: an interrupted
/// campaign resumes from what is there, and stores of slices merge into one.

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "opensam/montecarlo/record.hpp"

struct sqlite3;

namespace opensam::montecarlo {

/// A store that cannot be opened, read or written, or does not match the campaign.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One point of a parameter sweep: the scenario keys it sets, in sweep order.
struct SweepPoint {
  std::vector<std::pair<std::string, std::string>> settings;  ///< key path, YAML value
  /// "key=value, key=value", or "(base)" without settings.
  [[nodiscard]] std::string label() const;
};

/// What a campaign is; two stores combine only when these agree.
struct CampaignInfo {
  std::string version;  ///< opensam's
  std::string scenario_name;
  std::string scenario_hash;  ///< scenario_fingerprint() of the base scenario
  std::uint64_t seed = 0;
  std::vector<SweepPoint> points;         ///< one, with no settings, without a sweep
  std::vector<std::string> threat_ids;    ///< scenario order
  std::vector<std::string> threat_types;  ///< scenario order
  std::vector<bool> threat_friendly;      ///< scenario order
  double asset_value_usd = 0.0;           ///< of every defended asset together

  /// Why `other` is a different campaign (first difference), or empty when it is the same.
  [[nodiscard]] std::string mismatch(const CampaignInfo& other) const;
};

class Store {
 public:
  /// Creates a new store at `path` (which must not exist) for `info`.
  static Store create(const std::string& path, const CampaignInfo& info);
  /// Opens an existing store.
  static Store open(const std::string& path);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  [[nodiscard]] const CampaignInfo& info() const { return info_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  /// (point, replicate) of every stored replicate, in that order.
  [[nodiscard]] std::vector<std::pair<std::uint32_t, std::uint64_t>> stored() const;
  /// Stores `records` in one transaction; a replicate already there is left as it is.
  /// Returns how many were new.
  std::size_t write(const std::vector<ReplicateRecord>& records);
  /// Every stored replicate, by point then replicate.
  [[nodiscard]] std::vector<ReplicateRecord> read() const;

 private:
  Store() = default;
  Store(std::string path, sqlite3* db);
  void load_info();

  std::string path_;
  sqlite3* db_ = nullptr;
  CampaignInfo info_;
};

/// A fingerprint of what a scenario's replicates depend on: the resolved scenario (without
/// its seed), the library figures of every type it uses and the terrain file's bytes.
/// 16 hexadecimal digits (FNV-1a, 64 bits).
[[nodiscard]] std::string scenario_fingerprint(const scenario::Scenario& sc);

}  // namespace opensam::montecarlo
