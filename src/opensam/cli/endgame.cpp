// `opensam endgame`: the miss distance of the linearised homing loop of Zarchan, Tactical and
// Strategic Missile Guidance (ch. 2-6), by forward simulation or by the adjoint.
#include "opensam/cli/endgame.hpp"

#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "opensam/cli/commands.hpp"
#include "opensam/cli/flags.hpp"
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
  c->footer(R"(
Examples:
  opensam endgame --nav-ratio 3 --time-constant "0.5 s" --flight-time "1 s" --target-accel "3 g"
  opensam endgame --nav-ratio 4 --time-constant "1 s" --flight-time "10 s" --target-accel "5 g" \
      --method adjoint --table 20 --format json

The loop (Zarchan, Tactical and Strategic Missile Guidance, AIAA, 6th ed., ch. 2-6): y is the
separation normal to the initial line of sight; the line-of-sight rate is (y + y' t_go) /
(V_c t_go^2); the command is N' V_c times it; the achieved acceleration follows the command
through a first-order lag tau; y'' = n_T - n_L; a heading error HE starts y'(0) = -V_M HE.
miss_m is signed: y(t_F), positive on the side the target manoeuvres to; miss_step_m and
miss_heading_m are each source's part (the loop is linear). The adjoint needs tau > 0.
Normalised columns: miss / (n_T tau^2) and miss / (V_M HE tau), Zarchan's curves.)");
  a.command = c;
}

int endgame_command(const EndgameArgs& a) {
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
