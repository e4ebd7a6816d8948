#pragma once
/// @file The run's scoring observers: they read truth to score what the defence believed and to
/// record where everything was, and tell nothing back to the models.

#include <cstdint>
#include <vector>

#include "opensam/c2/air_picture.hpp"
#include "opensam/core/engine.hpp"
#include "opensam/sensors/radar_scheduler.hpp"
#include "opensam/sim/event_log.hpp"
#include "opensam/threats/movers.hpp"
#include "opensam/weapons/events.hpp"

namespace opensam::sim {

/// The air picture scored against truth at one command-post update: GOSPA (alpha 2, the
/// scenario's c and p) between the threats in reach of a radar and the confirmed tracks.
struct PictureSample {
  double time_s;
  double gospa_m;
  double localisation;  ///< sum of d^p over the assigned pairs (m^p)
  std::uint32_t truths;
  std::uint32_t tracks;
  std::uint32_t missed;        ///< truths without a track within c
  std::uint32_t false_tracks;  ///< tracks without a truth within c
};

/// Where a threat or an interceptor truly was: the simulation's ground truth, for analysis only.
struct TruthSample {
  double time_s;
  core::EntityIndex entity;
  geo::Lla where;
  geo::Vec3 velocity_enu_mps;  ///< east, north, up at `where`
};

/// The defended assets' ledger: each leaker destroys the share of what is left that its blast
/// covers (the lens of its blast disc and the asset's disc over the asset's area).
class AssetLedger {
 public:
  /// Per asset (entities `first_asset` on): its radius and value.
  struct Asset {
    double radius_m;
    double value_usd;
  };
  AssetLedger(core::Engine& engine, core::EntityIndex first_asset, std::vector<Asset> assets);
  void on(const threats::Leaked& m);
  /// Value destroyed per asset.
  [[nodiscard]] std::vector<double> take() { return std::move(destroyed_usd_); }

 private:
  core::Engine& engine_;
  core::EntityIndex first_;
  std::vector<Asset> assets_;
  std::vector<double> destroyed_usd_;
};

/// Scores each picture update: the confirmed and coasting tracks against the threats flying
/// within a live radar's instrumented range and line of sight (what the radars could see, seen
/// or not).
class PictureScore {
 public:
  PictureScore(const threats::Movers& threats, const sensors::RadarScheduler& radars, double gospa_c_m,
               double gospa_p)
      : threats_(threats), radars_(radars), c_m_(gospa_c_m), p_(gospa_p) {}
  void on(const c2::PictureUpdated& m);
  [[nodiscard]] std::vector<PictureSample> take() { return std::move(samples_); }

 private:
  const threats::Movers& threats_;
  const sensors::RadarScheduler& radars_;
  double c_m_;
  double p_;
  std::vector<Eigen::Vector3d> truths_, estimates_;
  std::vector<PictureSample> samples_;
};

/// Every flying threat every `interval_s`, and each interceptor when it tells where it is.
class TruthRecorder {
 public:
  struct Sample {};
  TruthRecorder(core::Engine& engine, const threats::Movers& threats, double interval_s)
      : engine_(engine), threats_(threats), interval_s_(interval_s), timeline_(engine, *this) {}
  void start() { timeline_.schedule_at(0.0, Sample{}); }
  void on(const Sample&);
  void on(const weapons::InterceptorTruth& m);
  [[nodiscard]] std::vector<TruthSample> take() { return std::move(samples_); }

 private:
  core::Engine& engine_;
  const threats::Movers& threats_;
  double interval_s_;
  core::Timeline<Sample> timeline_;
  std::vector<TruthSample> samples_;
};

}  // namespace opensam::sim
