// The `opensam._core` extension: runs, campaigns and the radar calculator for Python. Tables
// leave as numpy column arrays (text as codes and their categories), never as row objects;
// the package's Python files (opensam/) turn them into pandas data frames.
#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <yaml-cpp/yaml.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <filesystem>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "opensam/core/units.hpp"
#include "opensam/core/version.hpp"
#include "opensam/montecarlo/campaign.hpp"
#include "opensam/montecarlo/record.hpp"
#include "opensam/montecarlo/summary.hpp"
#include "opensam/output/writers.hpp"
#include "opensam/scenario/library.hpp"
#include "opensam/scenario/schema.hpp"
#include "opensam/sensors/radar_equation.hpp"
#include "opensam/sim/prepared.hpp"

namespace py = pybind11;
namespace mc = opensam::montecarlo;

namespace opensam::python {

namespace {

/// A scenario that does not load: its message is the CLI's (file:line:col: field: message).
class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// (key path, YAML text, where it was set) as the package passes overrides.
using OverrideTuple = std::tuple<std::string, std::string, std::string>;

std::vector<scenario::Override> overrides_from(const std::vector<OverrideTuple>& in) {
  std::vector<scenario::Override> out;
  for (const auto& [path, value, origin] : in) {
    if (scenario::canonical_key_path(path).empty())
      throw py::value_error(
          fmt::format("overrides: '{}' is not a key path (keys with dots, list items as [0])", path));
    out.push_back({path, value, origin});
  }
  return out;
}

/// A vector's storage handed to numpy without a copy.
template <class T>
py::array_t<T> to_array(std::vector<T>&& v) {
  auto* owned = new std::vector<T>(std::move(v));
  py::capsule owner(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(static_cast<py::ssize_t>(owned->size()), owned->data(), owner);
}

/// A table as [(name, values, categories or None)].
py::list to_python(output::Table&& table) {
  py::list out;
  for (output::Column& col : std::move(table).take_columns()) {
    switch (col.kind) {
      case output::Column::Kind::kReal:
        out.append(py::make_tuple(col.name, to_array(std::move(col.real)), py::none()));
        break;
      case output::Column::Kind::kInteger:
        out.append(py::make_tuple(col.name, to_array(std::move(col.integer)), py::none()));
        break;
      case output::Column::Kind::kText:
        out.append(py::make_tuple(col.name, to_array(std::move(col.codes)), py::cast(col.dictionary)));
        break;
    }
  }
  return out;
}

std::string error_text(const core::Diagnostics& errors, const std::string& summary) {
  return errors.str() + summary;
}

py::dict run(const std::string& name, const std::optional<std::string>& text, const std::string& base_dir,
             const std::vector<OverrideTuple>& overrides, std::optional<std::uint64_t> seed,
             std::uint64_t replicate, bool truth) {
  const sim::LoadedScenario loaded = sim::load_prepared(name, text, base_dir, overrides_from(overrides));
  if (!loaded.ok()) throw ScenarioError(error_text(loaded.errors, loaded.error_count(name)));
  const scenario::Scenario* sc = loaded.scenario.get();
  const sim::Prepared* prepared = loaded.prepared.get();

  sim::RunOptions options;
  options.seed = seed.value_or(sc->seed);
  options.replicate = replicate;
  options.record_truth = truth;
  std::optional<sim::RunResult> result;
  {
    py::gil_scoped_release released;
    result = sim::run_replication(*prepared, options);
  }
  py::dict out;
  out["summary"] = output::summary_json(*sc, *result).dump();
  out["events"] = to_python(output::events_table(*result));
  out["detections"] = to_python(output::detections_table(*result));
  out["tracks"] = to_python(output::tracks_table(*result));
  out["gospa"] = to_python(output::gospa_table(*result));
  out["truth"] = to_python(output::truth_table(*result));
  return out;
}

py::dict campaign(const std::string& name, const std::optional<std::string>& text,
                  const std::string& base_dir, const std::vector<OverrideTuple>& overrides,
                  const std::vector<std::pair<std::string, std::vector<std::string>>>& sweep, std::uint64_t n,
                  std::optional<std::uint64_t> seed, int threads) {
  if (n == 0) throw py::value_error("mc: n must be at least 1");
  if (threads < 0) throw py::value_error("mc: threads must be 0 (one per core) or more");
  std::vector<mc::SweepAxis> axes;
  for (const auto& [key, values] : sweep) {
    mc::SweepAxis axis;
    axis.key = scenario::canonical_key_path(key);
    if (axis.key.empty())
      throw py::value_error(
          fmt::format("sweep: '{}' is not a key path (keys with dots, list items as [0])", key));
    if (values.empty()) throw py::value_error(fmt::format("sweep: '{}' has no values", key));
    for (const mc::SweepAxis& other : axes)
      if (other.key == axis.key) throw py::value_error(fmt::format("sweep: '{}' is swept twice", axis.key));
    axis.values = values;
    axes.push_back(std::move(axis));
  }
  mc::ScenarioSource source{name, text, base_dir, overrides_from(overrides), "sweep"};
  mc::PreparedCampaign prepared = mc::prepare_campaign(source, axes, seed, core::kVersion);
  if (!prepared.ok()) throw ScenarioError(error_text(prepared.errors, prepared.error_summary));

  std::vector<mc::WorkItem> items;
  items.reserve(prepared.points.size() * n);
  for (std::uint32_t p = 0; p < prepared.points.size(); ++p)
    for (std::uint64_t i = 0; i < n; ++i) items.push_back({p, i});

  // The campaign runs on its own thread without the GIL; this one checks for Ctrl-C.
  std::atomic<bool> interrupt{false};
  std::vector<std::optional<mc::ReplicateRecord>> slots;
  std::exception_ptr failure;
  {
    py::gil_scoped_release released;
    std::promise<void> done;
    std::future<void> finished = done.get_future();
    std::thread worker([&] {
      try {
        slots = mc::run_items(prepared.points, prepared.info.seed, items, threads, &interrupt);
      } catch (...) {
        failure = std::current_exception();
      }
      done.set_value();
    });
    bool signalled = false;
    while (finished.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
      py::gil_scoped_acquire held;
      if (!signalled && PyErr_CheckSignals() != 0) {
        signalled = true;  // the exception stays set until the worker has stopped
        interrupt.store(true);
      }
    }
    worker.join();
    if (signalled) {
      py::gil_scoped_acquire held;
      throw py::error_already_set();
    }
  }
  if (failure) std::rethrow_exception(failure);

  std::vector<mc::ReplicateRecord> records;
  records.reserve(slots.size());
  for (auto& s : slots) {
    if (!s) throw std::runtime_error("mc: a replicate did not run");
    records.push_back(std::move(*s));
  }
  const mc::CampaignStats stats = mc::summarise(prepared.info, records);
  py::dict out;
  out["stats"] = mc::to_json(stats).dump();
  out["replicates"] = to_python(mc::replicates_table(records));
  out["threats"] = to_python(mc::threat_outcomes_table(
      records, prepared.info.threat_ids, prepared.info.threat_types, prepared.info.threat_friendly));
  out["interceptors"] = to_python(mc::interceptors_table(records));
  out["seed"] = prepared.info.seed;
  return out;
}

// The calculator: the checks of `opensam calc`, one value at a time (py::vectorize).

void check(const char* function, const char* name, double v, double lo, double hi, bool lo_open = false) {
  if (!(v >= lo && v <= hi) || (lo_open && v == lo))
    throw py::value_error(fmt::format("calc.{}: {}={:g} must be {} {:g} and at most {:g}", function, name, v,
                                      lo_open ? "above" : "at least", lo, hi));
}

int whole(const char* function, const char* name, double v, double lo, double hi) {
  check(function, name, v, lo, hi);
  if (v != std::floor(v))
    throw py::value_error(fmt::format("calc.{}: {}={:g} must be a whole number", function, name, v));
  return static_cast<int>(v);
}

sensors::Swerling swerling(const char* function, double v) {
  return static_cast<sensors::Swerling>(whole(function, "swerling", v, 0, 4));
}

double calc_pd(double snr_db, double pfa, double pulses, double swerling_case, std::string integration) {
  check("pd", "snr_db", snr_db, -100, 100);
  check("pd", "pfa", pfa, 0.0, 0.5, true);
  const int n = whole("pd", "pulses", pulses, 1, 10000);
  const auto sw = swerling("pd", swerling_case);
  const auto integ = core::parse_name<sensors::Integration>(integration);
  if (!integ)
    throw py::value_error(
        fmt::format("calc.pd: integration='{}' must be noncoherent or coherent", integration));
  return sensors::probability_of_detection(sensors::db_to_ratio(snr_db), pfa, n, sw, *integ);
}

double calc_snr(double pd, double pfa, double pulses, double swerling_case, std::string method) {
  check("snr", "pfa", pfa, 0.0, 0.5, true);
  check("snr", "pd", pd, 0.0, 1.0);
  if (pd >= 1.0 || pd <= pfa)
    throw py::value_error(fmt::format("calc.snr: pd={:g} must be above pfa and below 1", pd));
  const int n = whole("snr", "pulses", pulses, 1, 10000);
  const auto sw = swerling("snr", swerling_case);
  if (method == "exact") return sensors::required_snr_db(pd, pfa, n, sw);
  if (method == "shnidman") return sensors::shnidman_snr_db(pd, pfa, n, sw);
  if (method == "albersheim") {
    if (sw != sensors::Swerling::k0)
      throw py::value_error("calc.snr: method='albersheim' holds for a steady target only (swerling=0)");
    return sensors::albersheim_snr_db(pd, pfa, n);
  }
  throw py::value_error(fmt::format("calc.snr: method='{}' must be exact, albersheim or shnidman", method));
}

double calc_horizon(double radar_height, double target_height, double k_factor) {
  check("horizon", "radar_height", radar_height, 0, 1e6);
  check("horizon", "target_height", target_height, 0, 1e6);
  check("horizon", "k_factor", k_factor, 0.1, 10.0);
  return sensors::horizon_range_m(radar_height, target_height, k_factor);
}

/// A library radar type for calc.range.
sensors::RadarParameters radar_parameters(const std::string& radar) {
  auto r = scenario::load_site_type(radar, "radar");
  if (!r.errors.empty() || !r.site) throw ScenarioError(r.errors.str());
  if (r.site->kind != scenario::SiteKind::kRadar)
    throw py::value_error(
        fmt::format("calc.range: radar: '{}' is a {}, not a radar", radar, core::name_of(r.site->kind)));
  return r.site->radar.radar.parameters;
}

/// Detection range: the solved range equation, capped by the instrumented range and, with
/// heights (`horizon`), the radar horizon; NaN `pfa` and zero `pulses` keep the radar's own.
double calc_range(const sensors::RadarParameters& radar, double rcs, double pd, double pfa, double pulses,
                  double swerling_case, double radar_height, double target_height, double k_factor,
                  bool horizon) {
  sensors::RadarParameters p = radar;
  check("range", "rcs", rcs, 0.0, 1e6, true);
  check("range", "radar_height", radar_height, 0, 1e6);
  check("range", "target_height", target_height, 0, 1e6);
  check("range", "k_factor", k_factor, 0.1, 10.0);
  if (!std::isnan(pfa)) {
    check("range", "pfa", pfa, 0.0, 0.5, true);
    p.pfa = pfa;
  }
  if (pulses != 0.0) p.pulses = whole("range", "pulses", pulses, 1, 10000);
  check("range", "pd", pd, 0.0, 1.0);
  if (pd >= 1.0 || pd <= p.pfa)
    throw py::value_error(
        fmt::format("calc.range: pd={:g} must be above the false-alarm probability and below 1", pd));
  const double snr = sensors::required_snr(p, pd, swerling("range", swerling_case));
  const double free_space = sensors::detection_range_m(p, rcs, snr, radar_height, target_height, k_factor);
  const double limit = horizon ? sensors::horizon_range_m(radar_height, target_height, k_factor) : free_space;
  return std::min({free_space, p.instrumented_range_m, limit});
}

/// A library type's figures and choices by their keys in its kind's table (the file's keys):
/// each figure's SI value (given, else the table's default, else None: none when absent), its
/// unit, source and estimate flag, and whether the value is the default.
/// Whether library reference `name` is a threat type: a type file whose `kind` is a threat
/// kind, else a name the systems do not have and without a system's "<system>/" (unknown
/// names are then reported among the threats).
bool names_threat_type(const std::string& name) {
  if (name.ends_with(".yaml")) {
    try {
      const YAML::Node kind = YAML::LoadFile(name)["kind"];
      return kind.IsScalar() && core::parse_name<scenario::ThreatKind>(kind.Scalar()).has_value();
    } catch (const YAML::Exception&) {
      return false;  // the loader reports what is wrong with the file
    }
  }
  return name.find('/') == std::string::npos &&
         !scenario::find_type_file(name, scenario::LibraryPart::kSystems, std::filesystem::current_path());
}

py::dict library_type(const std::string& name) {
  const scenario::TypeResult r = names_threat_type(name) ? scenario::load_threat_type(name, "type")
                                                         : scenario::load_site_type(name, "type");
  if (!r.errors.empty() || (!r.site && !r.threat)) throw ScenarioError(r.errors.str());
  const scenario::Section& section =
      r.site ? scenario::type_section(r.site->kind) : scenario::type_section(r.threat->kind);
  const auto& given = r.site ? r.site->figures : r.threat->figures;
  const auto& settings = r.site ? r.site->settings : r.threat->settings;
  py::dict figures, choices;
  for (const scenario::FieldSpec& f : section.fields) {
    if (f.kind == scenario::FieldKind::kChoice && f.key != "kind") {
      const auto it = settings.find(std::string(f.key));
      choices[py::str(std::string(f.key))] =
          it == settings.end() ? py::object(py::none()) : py::str(it->second);
      continue;
    }
    if (f.kind != scenario::FieldKind::kFigure) continue;
    py::dict fig;
    fig["unit"] = std::string(core::dimension_name(f.dim));
    const auto it = given.find(std::string(f.key));
    if (it != given.end()) {
      fig["value"] = it->second.value;
      fig["mach"] = it->second.mach;
      fig["source"] = it->second.source;
      fig["estimate"] = it->second.estimate;
      fig["default"] = false;
    } else {
      const core::QuantityParse d =
          f.default_text.empty() ? core::QuantityParse{} : core::parse_quantity(f.default_text, f.dim);
      fig["value"] = d.quantity ? py::object(py::float_(d.quantity->value)) : py::object(py::none());
      fig["mach"] = false;
      fig["source"] = py::none();
      fig["estimate"] = true;
      fig["default"] = true;
    }
    figures[py::str(std::string(f.key))] = fig;
  }
  py::dict out;
  out["id"] = name;
  out["name"] = r.site ? r.site->name : r.threat->name;
  out["kind"] = std::string(r.site ? core::name_of(r.site->kind) : core::name_of(r.threat->kind));
  out["figures"] = figures;
  out["choices"] = choices;
  py::list jammers;
  if (r.threat) {
    for (const auto& pod : r.threat->signature.jammers) {
      py::dict j;
      j["name"] = pod.name;
      j["from_hz"] = pod.from_hz;
      j["to_hz"] = pod.to_hz;
      j["erp_w"] = pod.erp_w;
      j["technique"] = std::string(core::name_of(pod.technique));
      j["spot_bandwidth_hz"] = pod.spot_bandwidth_hz;
      j["reaction_s"] = pod.reaction_s;
      jammers.append(j);
    }
  }
  out["jammers"] = jammers;
  return out;
}

}  // namespace

}  // namespace opensam::python

PYBIND11_MODULE(_core, m) {
  using namespace opensam::python;  // NOLINT(google-build-using-namespace)
  namespace core = opensam::core;
  namespace sensors = opensam::sensors;
  m.doc() = "opensam's simulation core; use the opensam package, not this module.";
  m.attr("__version__") = std::string(core::kVersion);
  py::register_exception<ScenarioError>(m, "ScenarioError", PyExc_ValueError);

  m.def("run", &run, py::arg("name"), py::arg("text"), py::arg("base_dir"), py::arg("overrides"),
        py::arg("seed"), py::arg("replicate"), py::arg("truth"));
  m.def("mc", &campaign, py::arg("name"), py::arg("text"), py::arg("base_dir"), py::arg("overrides"),
        py::arg("sweep"), py::arg("n"), py::arg("seed"), py::arg("threads"));

  m.def("library_type", &library_type, py::arg("name"));

  m.def("calc_pd", py::vectorize(calc_pd), py::arg("snr_db"), py::arg("pfa"), py::arg("pulses"),
        py::arg("swerling"), py::arg("integration"));
  m.def("calc_snr", py::vectorize(calc_snr), py::arg("pd"), py::arg("pfa"), py::arg("pulses"),
        py::arg("swerling"), py::arg("method"));
  m.def("calc_horizon", py::vectorize(calc_horizon), py::arg("radar_height"), py::arg("target_height"),
        py::arg("k_factor"));
  m.def(
      "calc_range",
      [](const std::string& radar, py::object rcs, py::object pd, double pfa, double pulses,
         py::object swerling_case, py::object radar_height, py::object target_height, double k_factor,
         bool horizon) {
        const sensors::RadarParameters p = radar_parameters(radar);
        auto one = [&](double r, double d, double sw, double hr, double ht) {
          return calc_range(p, r, d, pfa, pulses, sw, hr, ht, k_factor, horizon);
        };
        return py::vectorize(one)(rcs, pd, swerling_case, radar_height, target_height);
      },
      py::arg("radar"), py::arg("rcs"), py::arg("pd"), py::arg("pfa"), py::arg("pulses"), py::arg("swerling"),
      py::arg("radar_height"), py::arg("target_height"), py::arg("k_factor"), py::arg("horizon"));
}
