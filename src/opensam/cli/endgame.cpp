// `opensam endgame`: the miss distance of the linearised homing loop of Zarchan, Tactical and
// Strategic Missile Guidance (ch. 2-6), by forward simulation or by the adjoint.
#include "opensam/cli/endgame.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <numeric>

#include "opensam/cli/commands.hpp"
#include "opensam/cli/flags.hpp"
#include "opensam/montecarlo/statistics.hpp"
#include "opensam/scenario/scenario.hpp"
#include "opensam/sensors/rcs.hpp"
#include "opensam/weapons/endgame.hpp"
#include "opensam/weapons/homing_loop.hpp"

namespace opensam::cli {

namespace {

int fail(const std::string& message) {
  std::cerr << "opensam endgame: " << message << "\n";
  return kExitBadInput;
}

double round_to(double v, double unit) { return std::round(v / unit) * unit; }

}  // namespace

void add_endgame(CLI::App& app, EndgameArgs& a) {
  auto* c = app.add_subcommand("endgame", "Miss distance of the linearised proportional-navigation loop");
  c->add_option("--nav-ratio", a.nav_ratio, "Effective navigation ratio N' (default 4)");
  c->add_option(
      "--time-constant", a.time_constant,
      "Flight-control lag tau between commanded and achieved acceleration (default 0.3 s; 0: none)");
  c->add_option("--flight-time", a.flight_time, "Homing time t_F (default 10 s)");
  c->add_option("--target-accel", a.target_accel,
                "Target step manoeuvre from t = 0, normal to the line of sight (default 3 g)");
  c->add_option("--closing-speed", a.closing_speed,
                "Closing speed V_c (default 3000 m/s; the miss from a step does not depend on it)");
  c->add_option("--missile-speed", a.missile_speed, "Missile speed V_M for the heading error (default V_c)");
  c->add_option("--heading-error", a.heading_error, "Heading error HE at t = 0 (default 0 deg)");
  c->add_option("--method", a.method, "simulate (forward, one t_F) or adjoint (every t_F in one run)")
      ->check(CLI::IsMember({"simulate", "adjoint"}));
  c->add_option("--table", a.table, "Also print the miss at N flight times from t_F/N to t_F")
      ->check(CLI::Range(1, 10000));
  c->add_option("--format", a.format, "table or json")->check(CLI::IsMember({"table", "json"}));
  c->add_option(
      "--missile", a.missile,
      "Fly a library missile instead (s400/9M96E2, or 9M96E2 for the S-400 library, or a type file)");
  c->add_option("--target", a.target,
                "With --missile: the target's threat type (RCS, span, vulnerable area)");
  c->add_option("--target-alt", a.target_alt, "With --missile: target altitude (default 5 km)");
  c->add_option("--target-speed", a.target_speed, "With --missile: target speed (default 250 m/s)");
  c->add_option("--launch-range", a.launch_range,
                "With --missile: target ground range at launch (default 30 km)");
  c->add_option(
      "--manoeuvre-time-to-go", a.manoeuvre_time_to_go,
      "With --missile: the target turns at --target-accel this long before the intercept (default 3 s)");
  c->add_option("-n", a.flights, "With --missile: flyouts (default 200)")->check(CLI::Range(1, 100000));
  c->add_option("--seed", a.seed, "With --missile: seed of the seeker's noise (default 1)")
      ->check(kWholeNumber);
  c->footer(R"(
Examples:
  opensam endgame --nav-ratio 3 --time-constant "0.5 s" --flight-time "1 s" --target-accel "3 g"
  opensam endgame --nav-ratio 4 --time-constant "1 s" --flight-time "10 s" --target-accel "5 g" \
      --method adjoint --table 20 --format json
  opensam endgame --missile 9M96E2 --target f16c --target-accel "5 g" -n 500

The loop (Zarchan, Tactical and Strategic Missile Guidance, AIAA, 6th ed., ch. 2-6): y is the
separation normal to the initial line of sight; the line-of-sight rate is (y + y' t_go) /
(V_c t_go^2); the command is N' V_c times it; the achieved acceleration follows the command
through a first-order lag tau; y'' = n_T - n_L; a heading error HE starts y'(0) = -V_M HE.
miss_m is signed: y(t_F), positive on the side the target manoeuvres to; miss_step_m and
miss_heading_m are each source's part (the loop is linear). The adjoint needs tau > 0.
Normalised columns: miss / (n_T tau^2) and miss / (V_M HE tau), Zarchan's curves.

With --missile: the missile's real flyout (airframe, seeker with its thermal noise, glint and
noise floor, line-of-sight filter, guidance lag, fuze and fragment beam) against a target
coming head-on, level, that turns at --target-accel from --manoeuvre-time-to-go before the
intercept it would otherwise meet; a perfect track in midcourse, the guiding radar at the
launcher. Prints the miss distribution (closest approach, m) and the single-shot kill
probability: the mean over the flyouts of v (1 - exp(-fragments on the vulnerable area)).)");
  a.command = c;
}

namespace {

int missile_endgame(const EndgameArgs& a) {
  FlagValues flags;
  using core::Dimension;
  const auto alt = flags.value("--target-alt", a.target_alt, Dimension::kLength, 0.0, 40e3);
  const auto speed = flags.speed("--target-speed", a.target_speed, alt.value_or(0.0), 5000.0);
  const auto range = flags.value("--launch-range", a.launch_range, Dimension::kLength, 1e3, 1e6);
  const auto accel = flags.value("--target-accel", a.target_accel, Dimension::kAcceleration, 0.0, 300.0);
  const auto tgo =
      flags.value("--manoeuvre-time-to-go", a.manoeuvre_time_to_go, Dimension::kTime, 0.0, 300.0);
  if (!flags.error.empty()) return fail(flags.error);
  std::string error;
  const std::optional<weapons::MissileType> loaded = missile_flag(a.missile, error);
  if (!loaded) return error.empty() ? kExitBadInput : fail(error);
  const weapons::MissileType& missile = *loaded;
  weapons::EndgameRequest req;
  req.target_altitude_m = *alt;
  req.target_speed_mps = *speed;
  req.launch_range_m = *range;
  req.target_accel_mps2 = *accel;
  req.manoeuvre_time_to_go_s = *tgo;
  req.flights = a.flights;
  req.seed = a.seed;
  scenario::TypeResult target;
  if (!a.target.empty()) {
    target = scenario::load_threat_type(a.target, "--target");
    if (!target.errors.empty() || !target.threat) {
      std::cerr << target.errors.str();
      return kExitBadInput;
    }
    const scenario::ThreatType& t = *target.threat;
    req.span_m = t.span_m;
    req.vulnerable_area_m2 = t.vulnerable_area_m2;
    req.vulnerability = t.vulnerability;
    const sensors::RcsPattern pattern = t.signature.rcs.for_frequency(missile.flight.seeker.frequency_hz);
    req.rcs = [pattern](const weapons::Vec3& p, const weapons::Vec3& v, const weapons::Vec3& from) {
      const sensors::Aspect asp = sensors::aspect_of(geo::ecef_to_lla(p), p, v, from);
      return pattern.rcs_m2(asp.azimuth_rad, asp.elevation_rad);
    };
  }
  const weapons::EndgameResult r = weapons::endgame_monte_carlo(missile.flight, req);
  std::vector<double> misses;
  int bursts = 0, grounded = 0, locked = 0;
  for (const auto& f : r.flights) {
    misses.push_back(f.miss_m);
    bursts += f.phase == weapons::InterceptorPhase::kBurst;
    grounded += f.phase == weapons::InterceptorPhase::kGroundImpact;
    locked += f.locked;
  }
  const double mean = std::accumulate(misses.begin(), misses.end(), 0.0) / double(misses.size());
  std::sort(misses.begin(), misses.end());
  const auto quantile = [&](double p) { return round_to(montecarlo::quantile(misses, p), 0.01); };
  nlohmann::ordered_json j;
  j["missile"] = missile.id;
  j["target"] = a.target.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(target.threat->id);
  j["target_altitude_m"] = *alt;
  j["target_speed_mps"] = *speed;
  j["launch_range_m"] = *range;
  j["target_accel_mps2"] = *accel;
  j["manoeuvre_time_to_go_s"] = *tgo;
  j["flights"] = a.flights;
  j["seed"] = a.seed;
  j["nominal_intercept_s"] = round_to(r.nominal_intercept_s, 0.01);
  j["bursts"] = bursts;
  j["ground_impacts"] = grounded;
  j["seeker_locked_at_end"] = locked;
  j["miss_m"] = {{"mean", round_to(mean, 0.01)},
                 {"p10", quantile(0.1)},
                 {"median", quantile(0.5)},
                 {"p90", quantile(0.9)},
                 {"max", quantile(1.0)}};
  j["sspk"] = round_to(r.sspk, 1e-4);
  j["sspk_stderr"] = round_to(r.sspk_stderr, 1e-4);
  j["vulnerability"] = req.vulnerability;
  if (a.format == "json") {
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << fmt::format(
      "{} against {} at {:.0f} m, {:.0f} m/s, {:.0f} km out, turning at {:.1f} g from {:g} s to go\n",
      missile.name, a.target.empty() ? std::string("a target") : target.threat->name, *alt, *speed,
      *range / 1000.0, *accel / 9.80665, *tgo);
  std::cout << fmt::format("{} flyouts: {} bursts, {} ground impacts, seeker locked at the end in {}\n",
                           a.flights, bursts, grounded, locked);
  std::cout << fmt::format("miss_m: mean {:.2f}, p10 {:.2f}, median {:.2f}, p90 {:.2f}, max {:.2f}\n",
                           j["miss_m"]["mean"].get<double>(), j["miss_m"]["p10"].get<double>(),
                           j["miss_m"]["median"].get<double>(), j["miss_m"]["p90"].get<double>(),
                           j["miss_m"]["max"].get<double>());
  std::cout << fmt::format("sspk {:.3f} ± {:.3f} (vulnerability {:g})\n", r.sspk, r.sspk_stderr,
                           req.vulnerability);
  return kExitOk;
}

}  // namespace

int endgame_command(const EndgameArgs& a) {
  if (!a.missile.empty()) return missile_endgame(a);
  FlagValues flags;
  using core::Dimension;
  const auto n = flags.value("--nav-ratio", a.nav_ratio, Dimension::kNumber, 0.0, 20.0, true);
  const auto tau = flags.value("--time-constant", a.time_constant, Dimension::kTime, 0.0, 100.0);
  const auto tf = flags.value("--flight-time", a.flight_time, Dimension::kTime, 0.0, 1000.0, true);
  const auto nt = flags.value("--target-accel", a.target_accel, Dimension::kAcceleration, -1000.0, 1000.0);
  const auto vc = flags.speed("--closing-speed", a.closing_speed, 0.0, 20000.0);
  const auto vm = flags.speed("--missile-speed", a.missile_speed.empty() ? a.closing_speed : a.missile_speed,
                              0.0, 20000.0);
  const auto he = flags.value("--heading-error", a.heading_error, Dimension::kAngle, -M_PI / 2, M_PI / 2);
  if (!flags.error.empty()) return fail(flags.error);
  if (a.method == "adjoint" && *tau <= 0.0)
    return fail(
        "--method adjoint: needs --time-constant above 0 s (the zero-lag adjoint is singular at intercept)");
  if (*tau > 0.0 && *tf / *tau > 1e5)
    return fail(
        fmt::format("--flight-time: t_F/tau = {:.3g} is above 1e5; lengthen the time constant", *tf / *tau));

  weapons::HomingLoop loop{.nav_ratio = *n,
                           .time_constant_s = *tau,
                           .flight_time_s = *tf,
                           .target_accel_mps2 = *nt,
                           .closing_speed_mps = *vc,
                           .missile_speed_mps = *vm,
                           .heading_error_rad = *he};
  std::vector<double> times;
  for (int i = 1; i < a.table; ++i) times.push_back(*tf * i / a.table);
  times.push_back(*tf);
  std::vector<weapons::LoopMiss> misses;
  if (a.method == "adjoint") {
    misses = weapons::adjoint_miss(loop, times);
  } else {
    for (const double t : times) {
      loop.flight_time_s = t;
      misses.push_back(weapons::simulate_miss(loop));
    }
    loop.flight_time_s = *tf;
  }
  const weapons::LoopMiss miss = misses.back();
  const double step_scale = *nt * *tau * *tau;
  const double he_scale = *vm * *he * *tau;
  const auto norm = [](double v, double scale) -> nlohmann::ordered_json {
    if (scale == 0.0) return nullptr;
    return round_to(v / scale, 1e-6);
  };

  nlohmann::ordered_json j;
  j["method"] = a.method;
  j["nav_ratio"] = *n;
  j["time_constant_s"] = *tau;
  j["flight_time_s"] = *tf;
  j["target_accel_mps2"] = *nt;
  j["closing_speed_mps"] = *vc;
  j["missile_speed_mps"] = *vm;
  j["heading_error_rad"] = *he;
  j["miss_m"] = round_to(miss.total_m(), 1e-6);
  j["miss_step_m"] = round_to(miss.step_m, 1e-6);
  j["miss_heading_m"] = round_to(miss.heading_m, 1e-6);
  if (a.table > 0) {
    j["table"] = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < times.size(); ++i) {
      j["table"].push_back(
          {{"flight_time_s", round_to(times[i], 1e-9)},
           {"flight_time_over_tau", *tau > 0.0 ? nlohmann::ordered_json(times[i] / *tau) : nullptr},
           {"miss_m", round_to(misses[i].total_m(), 1e-6)},
           {"miss_step_m", round_to(misses[i].step_m, 1e-6)},
           {"miss_heading_m", round_to(misses[i].heading_m, 1e-6)},
           {"step_normalised", norm(misses[i].step_m, step_scale)},
           {"heading_normalised", norm(misses[i].heading_m, he_scale)}});
    }
  }
  if (a.format == "json") {
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << fmt::format(
      "Linearised PN loop ({}): N' {:g}, tau {:g} s, t_F {:g} s, n_T {:g} m/s2, HE {:g} deg\n", a.method, *n,
      *tau, *tf, *nt, *he * 180.0 / M_PI);
  std::cout << fmt::format("miss_m {:.4f} (signed: step {:.4f}, heading error {:.4f})\n", miss.total_m(),
                           miss.step_m, miss.heading_m);
  if (a.table > 0) {
    std::cout << fmt::format("\n{:>10} {:>8} {:>12} {:>14} {:>12} {:>16}\n", "t_F s", "t_F/tau", "miss m",
                             "step/(nT tau2)", "HE miss m", "HE/(VM HE tau)");
    for (std::size_t i = 0; i < times.size(); ++i) {
      const auto cell = [](double v, double scale) {
        return scale == 0.0 ? std::string("-") : fmt::format("{:.4f}", v / scale);
      };
      std::cout << fmt::format("{:>10.3f} {:>8} {:>12.4f} {:>14} {:>12.4f} {:>16}\n", times[i],
                               *tau > 0.0 ? fmt::format("{:.2f}", times[i] / *tau) : "-", misses[i].total_m(),
                               cell(misses[i].step_m, step_scale), misses[i].heading_m,
                               cell(misses[i].heading_m, he_scale));
    }
  }
  return kExitOk;
}

}  // namespace opensam::cli
