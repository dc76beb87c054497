#pragma once
// `cloudconform run`: the suites against a target — by default the embedded reference
// emulator on an ephemeral loopback port — writing DIR/results.json. Its steps (read the
// inputs, make the target, run the cases) are shared with `plan` (suites/plan.h) and, for
// make_target, `replay` (suites/replay.h).
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/emulator.h"
#include "emulator/world.h"
#include "harness/core/catalogue.h"
#include "harness/snapshot/snapshot.h"
#include "harness/target/profile.h"
#include "harness/target/target.h"
#include "suites/case.h"
#include "suites/catalogue_location.h"

namespace cc::suites {

struct RunOptions {
  std::string out_dir = "results";
  CatalogueLocation catalogue;  // where the catalogue is, and why there
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
  bool only_given = false;           // --only was on the command line (an empty one is bad usage)
  std::string target_file;           // a target profile (fixtures/targets/README.md); empty = none
  std::string cli_profile;           // the tccli / aliyun CLI profile credentials come from
  bool allow_mutations = false;      // a real account may have its allowlisted instances stopped
  std::vector<std::string> include;  // opt-in families on real accounts: "rate-limits"
  std::string gate = "must";         // what fails the run: "must", or "should" (deviations too)
  // --gate differential: differences from the --compare-to snapshot fail the run too, beside the
  // verdicts' gate above (results.json keeps "gate" and adds "differential_gate").
  bool differential_gate = false;
  std::string record_dir;  // --record DIR: the run written as a snapshot (harness/snapshot/)
  std::string compare_to;  // --compare-to DIR: the snapshot the run's answers are compared with
  // --jobs N: APIs judged side by side, one worker process per API (suites/parallel.h); 0 = the
  // default for the target (one per selected API against emulators), 1 = in series.
  int jobs = 0;
  // Internal (--worker FILE): this process is one worker of a parallel run; it runs its cases
  // and writes their records to FILE, and leaves the findings, reports and closing to its parent.
  std::string worker_file;
  std::string rerun_failed;  // --rerun-failed RESULTS: the failed cases of a previous run
  bool fail_fast = false;    // --fail-fast: stop after the first case that fails the gate
  std::string cacert;        // --cacert FILE: the CA certificates HTTPS targets are verified with
};

// Every product served by one base URL, each with the Host its real endpoint has, so the
// requests look exactly like the ones real services get; signed with the account's keys.
target::TargetConfig config_for(const core::Catalogue& catalogue, const std::string& base_url,
                                const emu::Account& account);

// What a run is given, read and checked before anything runs: a malformed catalogue, profile or
// expectations file, or a bad option, is bad usage (exit 2), never a verdict.
struct RunInputs {
  core::Catalogue catalogue;
  std::string all_url;                              // --endpoint URL
  std::map<std::string, std::string> product_urls;  // --endpoint PRODUCT=URL
  nlohmann::json expectations;                      // null = none
  std::optional<target::Profile> profile;           // --target
  bool read_only = false;                           // a real account without --allow-mutations
  std::optional<snapshot::Snapshot> compare_to;     // --compare-to, read before anything runs
};

// Nullopt after saying on stderr what is wrong. `with_credentials`: a plan contacts nothing but
// its stand-in and needs none.
std::optional<RunInputs> read_inputs(const RunOptions& options, bool with_credentials);

// How the target is reached: an external emulator or service (URLs, a profile), or an emulator
// the suite serves itself.
struct TargetChoice {
  const target::Profile* profile = nullptr;         // --target; null = none
  std::string all_url;                              // every product at this URL
  std::map<std::string, std::string> product_urls;  // these products at these URLs
  emu::EmulatorOptions embedded;  // the emulator the suite serves, when it serves one
  std::string embedded_name = "cloudconform reference emulator";
  bool stand_in = false;  // plan: an embedded emulator stands in for the profile's account
  std::string cacert;     // --cacert: verifies HTTPS targets (over the profile's "cacert")
};

struct MadeTarget {
  target::TargetConfig config;
  std::unique_ptr<emu::Emulator> emulator;  // serving the target, when the suite serves it
};

// The profile at `file`, its credentials filled as every command fills them (the environment,
// then the CLI profile `cli_profile`, else an emulator's well-known keys). Throws core::DataError
// naming the file and pointer, or where a real account's credentials go.
target::Profile read_target_profile(const std::string& file, const core::Catalogue& catalogue,
                                    const std::string& cli_profile);

// The one way run, plan and replay build their target. Throws when an emulator cannot start.
MadeTarget make_target(const core::Catalogue& catalogue, const TargetChoice& choice);

// Runs the cases the options select against ctx.target (GoogleTest underneath, its printer
// replaced by the suite's: suites/results_listener.h), recording into ctx.run, then puts back
// whatever the cases changed. `quiet`: no per-case output (plan).
void run_cases(SuiteContext& ctx, const RunOptions& options, bool real_account, bool quiet);

// The catalogue found at `where`; nullopt after saying on stderr what is malformed (file and
// pointer) and which catalogue that was.
std::optional<core::Catalogue> load_catalogue_at(const CatalogueLocation& where);

// Exit status: 0 conformant, 1 non-conformant, 2 harness error or bad usage.
int run(const RunOptions& options);

// `cloudconform list`: every case the suite has for the catalogue — id, family, level and the
// passages it rests on — without running anything. Exit status 0, or 2 on a bad catalogue.
int list(const CatalogueLocation& catalogue, bool with_provenance);

}  // namespace cc::suites
