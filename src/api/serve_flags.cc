// serve_flags.cc: the command-line flags of `ties serve` (CLI11), kept apart
// from server.cc so the HTTP and CLI headers are each compiled once.
#include <CLI/CLI.hpp>

#include "api/server.h"

namespace ties {

void AddServeFlags(CLI::App* command, ServeOptions& options) {
  command->add_option("--bind", options.bind, "Address to listen on (0.0.0.0 exposes the API to the network)")
      ->capture_default_str();
  command->add_option("--port", options.port, "TCP port (0: any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  command->add_option("--web", options.static_dir,
                      "Dashboard folder (default: $TIES_WEB_DIR, else the source tree's web/dist)");
  command->add_option("--threads", options.threads, "Requests served at once")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  command->add_option("--max-connections", options.max_connections,
                      "Connections accepted at once (served + waiting); more get 503 with Retry-After")
      ->capture_default_str()
      ->check(CLI::Range(1, 4096));
  command->add_option("--query-budget-ms", options.query_budget_ms,
                      "Time budget of the queries behind one request, in ms (0: none)")
      ->capture_default_str()
      ->check(CLI::Range(0, 3600000));
  command->add_flag("--quiet,-q", options.quiet, "No access log on stderr");
}

}  // namespace ties
