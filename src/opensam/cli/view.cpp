#include "opensam/cli/view.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "opensam/cli/commands.hpp"

namespace opensam::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kViewExamples = R"(
Examples:
  opensam run examples/demo.yaml --out runs/demo
  opensam view runs/demo                 then open the address it prints
  opensam view runs/demo --port 0        any free port
  opensam view runs/demo --bind 0.0.0.0  reachable from other machines

Serves DIR (a folder written by `opensam run`) under /run/, the viewer page at / and
CesiumJS from the npm packages under /Cesium/; nothing is fetched from outside.
The viewer files are looked for in $OPENSAM_WEB_DIR, the source tree's web/ and the
installed share/opensam/web.)";

/// The folder with viewer/ and node_modules/cesium/Build/Cesium/, or empty.
fs::path web_dir() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("OPENSAM_WEB_DIR"); env != nullptr && *env != '\0')
    candidates.emplace_back(env);
  candidates.emplace_back(OPENSAM_SOURCE_WEB_DIR);
  candidates.emplace_back(OPENSAM_INSTALL_WEB_DIR);
  for (const auto& c : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(c / "viewer" / "index.html", ec) &&
        fs::is_regular_file(c / "node_modules" / "cesium" / "Build" / "Cesium" / "Cesium.js", ec))
      return c;
  }
  return {};
}

}  // namespace

void add_view(CLI::App& app, ViewArgs& args) {
  args.command = app.add_subcommand("view", "Serve a run folder and the 3-D viewer in the browser");
  args.command->add_option("dir", args.dir, "Run folder written by `opensam run`")->required();
  args.command->add_option("--port", args.port, "TCP port (0: any free port)")->check(CLI::Range(0, 65535));
  args.command->add_option("--bind", args.bind, "Address to listen on (default loopback only)");
  args.command->footer(kViewExamples);
}

int view_command(const ViewArgs& args) {
  std::error_code ec;
  if (!fs::is_directory(args.dir, ec)) {
    std::cerr << fmt::format("opensam view: '{}' is not a folder\n", args.dir);
    return kExitBadInput;
  }
  if (!fs::is_regular_file(fs::path(args.dir) / "scenario.czml", ec)) {
    std::cerr << fmt::format(
        "opensam view: '{}' has no scenario.czml: give a folder written by `opensam run`\n", args.dir);
    return kExitBadInput;
  }
  const fs::path web = web_dir();
  if (web.empty()) {
    std::cerr
        << "opensam view: the viewer or CesiumJS is missing: run scripts/setup.sh (npm ci in web/) or set "
           "OPENSAM_WEB_DIR\n";
    return kExitFailure;
  }

  httplib::Server server;
  const bool mounted = server.set_mount_point("/run", fs::absolute(args.dir).string()) &&
                       server.set_mount_point("/viewer", (web / "viewer").string()) &&
                       server.set_mount_point("/Cesium", (web / "node_modules/cesium/Build/Cesium").string());
  if (!mounted) {
    std::cerr << "opensam view: cannot serve the folders\n";
    return kExitFailure;
  }
  server.set_file_extension_and_mimetype_mapping("czml", "application/json");
  server.set_file_extension_and_mimetype_mapping("jsonl", "application/x-ndjson");
  server.set_file_extension_and_mimetype_mapping("kml", "application/vnd.google-earth.kml+xml");
  server.Get("/",
             [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/viewer/index.html"); });
  server.Get("/favicon.ico", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });

  int port = args.port;
  if (port == 0) {
    port = server.bind_to_any_port(args.bind);
  } else if (!server.bind_to_port(args.bind, port)) {
    port = -1;
  }
  if (port < 0) {
    std::cerr << fmt::format("opensam view: cannot listen on {}:{}\n", args.bind, args.port);
    return kExitFailure;
  }
  const std::string host = args.bind == "0.0.0.0" ? "127.0.0.1" : args.bind;
  std::cout << fmt::format("opensam view: http://{}:{}/ serves {} (Ctrl-C to stop)", host, port, args.dir)
            << std::endl;
  server.listen_after_bind();
  return kExitOk;
}

}  // namespace opensam::cli
