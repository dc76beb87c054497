#pragma once
// `cloudconform run`: the suites against a target — by default the embedded reference
// emulator on an ephemeral loopback port — writing DIR/results.json.
#include <chrono>
#include <string>
#include <vector>

#include "emulator/world.h"
#include "harness/core/catalogue.h"
#include "harness/target/target.h"

namespace cc::suites {

struct RunOptions {
  std::string out_dir = "results";
  std::string fixtures_dir;  // empty = the build's fixtures/
  // "URL" (every product) or "PRODUCT=URL": an external emulator's URLs, or, with a target
  // profile, where its products are reached (the Host stays the official one). Empty = embedded.
  std::vector<std::string> endpoints;
  std::vector<std::string> deviations;  // for the embedded emulator (negative controls)
  std::vector<std::string>
      variations;  // for the embedded emulator: what the documents allow (emulator/variations.h)
  long latency_ms = 0;  // for the embedded emulator: every cloud-API answer held this long
  std::chrono::milliseconds transition_time{300};
  std::chrono::milliseconds settle_timeout{30000};
  std::chrono::milliseconds request_timeout{15000};  // each HTTP request, connect included
  std::chrono::milliseconds case_timeout{120000};    // each case: past it, its next call ends it
  std::vector<std::string> gtest_args;               // passed through to GoogleTest
  std::string expectations_file;                     // known failures of the target; empty = none
  std::string only;  // case ids to run: a GoogleTest filter (globs, ':'-separated, '-' negates)
  std::string target_file;           // a target profile (fixtures/targets/README.md); empty = none
  std::string cli_profile;           // the tccli / aliyun CLI profile credentials come from
  bool allow_mutations = false;      // a real account may have its allowlisted instances stopped
  std::vector<std::string> include;  // opt-in families on real accounts: "rate-limits"
  std::string gate = "must";         // what fails the run: "must", or "should" (deviations too)
  bool rehearse =
      false;  // `cloudconform plan`: rehearse against a stand-in, print the plan (suites/plan.h)
};

// Every product served by one base URL, each with the Host its real endpoint has, so the
// requests look exactly like the ones real services get; signed with the account's keys.
target::TargetConfig config_for(const core::Catalogue& catalogue, const std::string& base_url,
                                const emu::Account& account);

// Exit status: 0 conformant, 1 non-conformant, 2 harness error or bad usage.
int run(const RunOptions& options);

// `cloudconform list`: every case the suite has for the catalogue — id, family, level and the
// passages it rests on — without running anything. Exit status 0, or 2 on a bad catalogue.
int list(const std::string& fixtures_dir, bool with_provenance);

}  // namespace cc::suites
