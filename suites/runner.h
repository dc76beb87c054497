#pragma once
// `cloudconform run`: the suites against a target — by default the embedded reference
// emulator on an ephemeral loopback port — writing DIR/results.json.
#include <chrono>
#include <string>
#include <vector>

namespace cc::suites {

struct RunOptions {
  std::string out_dir = "results";
  std::string fixtures_dir;            // empty = the build's fixtures/
  std::string endpoint;                // an external emulator's base URL; empty = embedded
  std::vector<std::string> deviations; // for the embedded emulator (negative controls)
  std::chrono::milliseconds transition_time{300};
  std::chrono::milliseconds settle_timeout{30000};
  std::vector<std::string> gtest_args; // passed through to GoogleTest
};

// Exit status: 0 conformant, 1 non-conformant, 2 harness error or bad usage.
int run(const RunOptions& options);

}  // namespace cc::suites
