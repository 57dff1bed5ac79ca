// fetch_command.h: the `ties fetch`, `ties watch` and `ties sources` commands
// (docs/fetch.md). Kept apart from main.cc, which only registers them.
#ifndef TIES_CLI_FETCH_COMMAND_H_
#define TIES_CLI_FETCH_COMMAND_H_

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ties {

class FetchCommands {
 public:
  // Adds the three subcommands to `app`; `add_db` adds the --db option to each.
  FetchCommands(CLI::App& app, const std::function<void(CLI::App*)>& add_db);
  // When one of these commands was chosen, runs it against `db`, sets
  // *exit_code and returns true; false otherwise.
  bool Run(const std::string& db, int* exit_code);

 private:
  // The flags as typed (issue 16: alike in shape only to FetcherOptions, which is filled from them).
  struct Flags {
    std::vector<std::string> urls;
    std::string sources_file;
    std::string capture = "capture";
    std::string state;
    std::string user_agent;
    double rate = 0;
    uint32_t per_host = 2;
    uint32_t connections = 16;
    double timeout_s = 60;
    uint64_t max_bytes = 16ull << 20;
    uint32_t retries = 2;
    uint32_t max_redirects = 5;
    uint32_t segment = 500;
    uint32_t threads = 0;
    std::string stages;
    uint32_t cycles = 0;
    bool quiet = false;
    bool json = false;
  };
  void AddCrawlFlags(CLI::App* cmd);
  int RunCrawl(const std::string& db, bool watch);
  int RunSources(const std::string& db);

  CLI::App* fetch_ = nullptr;
  CLI::App* watch_ = nullptr;
  CLI::App* sources_ = nullptr;
  Flags flags_;
};

}  // namespace ties

#endif  // TIES_CLI_FETCH_COMMAND_H_
