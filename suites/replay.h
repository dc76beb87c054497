#pragma once
// `cloudconform replay FILE [--endpoint URL]`: runs a replay file written by a failing property
// (the arranged instances, then the steps in order) against the embedded emulator or an
// endpoint, printing each request and response, and says whether the target agrees with the
// model. Exit status: 0 agrees, 1 disagrees, 2 harness error or bad usage.
#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cc::suites {

struct ReplayOptions {
  std::string file;
  std::string endpoint;                 // empty = the embedded emulator
  std::string fixtures_dir;             // empty = the build's fixtures/
  std::vector<std::string> deviations;  // for the embedded emulator
  long transition_ms = 300;
  long settle_ms = 30000;
};

int replay(const ReplayOptions& options);

// The subcommand, self-contained for main(): add it before parsing, run it after.
class ReplayCommand {
 public:
  explicit ReplayCommand(CLI::App& app);
  // The exit status when `replay` was the subcommand given, nullopt otherwise.
  std::optional<int> run() const;

 private:
  CLI::App* sub_;
  std::shared_ptr<ReplayOptions> options_;  // CLI11 writes into it while parsing
};

inline ReplayCommand add_replay_command(CLI::App& app) { return ReplayCommand(app); }

}  // namespace cc::suites
