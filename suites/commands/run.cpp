// `cloudconform run`: the suites against a target (suites/runner.h).
#include <iostream>

#include "reports/write.h"
#include "suites/commands/command.h"
#include "suites/rerun.h"
#include "suites/runner.h"
#include "suites/suggest.h"

namespace cc::suites {

namespace {

class RunCommand : public Command {
 public:
  explicit RunCommand(CLI::App& app) {
    sub_ = app.add_subcommand("run",
                              "run the suites (default target: the embedded reference emulator)");
    sub_->add_option("--out", o_.out_dir,
                     "directory for results.json and the reports made from it: " +
                         reports::report_file_names() +
                         " (created if missing, refused before any case if it cannot be written)")
        ->capture_default_str();
    add_catalogue_option(*sub_, catalogue_);
    sub_->add_option("--endpoint", o_.endpoints,
                     "URL: an external emulator instead of the embedded one; PRODUCT=URL (a "
                     "product of the catalogue): where that product is reached (with --target: "
                     "official Host kept)");
    sub_->add_option("--deviation", o_.deviations,
                     "make the embedded emulator deviate (negative controls); cloudconform "
                     "emulate --list-deviations lists the names");
    sub_->add_option("--transition-ms", transition_ms_,
                     "embedded emulator: duration of STOPPING/STARTING")
        ->check(CLI::Range(0L, 600000L))
        ->capture_default_str();
    sub_->add_option("--variation", o_.variations,
                     "embedded emulator: a behaviour the documents allow (emulate "
                     "--list-variations); the run must stay conformant");
    sub_->add_option(
            "--latency-ms", o_.latency_ms,
            "embedded emulator: hold every cloud-API answer this long (a region's round trip)")
        ->check(CLI::Range(0L, 600000L))
        ->capture_default_str();
    add_timeouts();
    add_selection();
    add_scheduling();
    add_snapshots();
    sub_->allow_extras();  // --gtest_* flags pass through to GoogleTest
    add_help_footer();
  }

  std::optional<int> run() override {
    if (!*sub_) return std::nullopt;
    o_.transition_time = std::chrono::milliseconds(transition_ms_);
    o_.settle_timeout = std::chrono::milliseconds(settle_ms_);
    o_.request_timeout = std::chrono::milliseconds(request_timeout_ms_);
    o_.case_timeout = std::chrono::milliseconds(case_timeout_ms_);
    for (const auto& extra : sub_->remaining()) {
      if (extra.rfind("--gtest_", 0) != 0) {
        std::cerr << "cloudconform run: unknown argument " << extra << suggestion(extra)
                  << " (cloudconform run --help lists them)\n";
        return 2;
      }
      o_.gtest_args.push_back(extra);
    }
    o_.only_given = sub_->count("--only") > 0;
    if (!apply_gates() || !flags_fit_the_target()) return 2;
    o_.catalogue = catalogue_location(catalogue_);
    if (!o_.rerun_failed.empty())
      if (const std::optional<int> status = select_rerun(o_)) return *status;
    return suites::run(o_);
  }

 private:
  // "; did you mean --only?" for a mistyped option, from the options run knows.
  std::string suggestion(const std::string& typed) const {
    std::vector<std::string> names;
    for (const CLI::Option* o : sub_->get_options())
      for (const std::string& name : o->get_lnames()) names.push_back("--" + name);
    const auto near = nearest(typed.substr(0, typed.find('=')), names);
    return near ? "; did you mean " + *near + "?" : "";
  }

  // Flags that shape the embedded emulator mean nothing against a target of the user's, and
  // --allow-mutations means nothing without a profile: refused, never silently ignored.
  bool flags_fit_the_target() const {
    const bool external = !o_.endpoints.empty() || !o_.target_file.empty();
    for (const char* flag : {"--deviation", "--variation", "--latency-ms", "--transition-ms"})
      if (external && sub_->count(flag) > 0) {
        std::cerr << "cloudconform run: " << flag
                  << " shapes the embedded emulator; with --endpoint or --target the target is "
                     "yours, so it would be ignored\n";
        return false;
      }
    if (o_.allow_mutations && o_.target_file.empty()) {
      std::cerr << "cloudconform run: --allow-mutations applies to a real account's profile "
                   "(--target PROFILE); without one nothing needs allowing\n";
      return false;
    }
    return true;
  }

  // --gate may be repeated or comma-separated: one of must|should for the verdicts, and
  // differential beside it. "differential" alone keeps the MUST gate for the verdicts.
  bool apply_gates() {
    bool verdicts_gated = false;
    for (const std::string& gate : gates_) {
      if (gate == "differential") {
        o_.differential_gate = true;
        continue;
      }
      if (gate != "must" && gate != "should") {
        std::cerr << "cloudconform run: --gate is must, should or differential (may be combined: "
                     "--gate should,differential), not \""
                  << gate << "\"\n";
        return false;
      }
      if (verdicts_gated && gate != o_.gate) {
        std::cerr << "cloudconform run: --gate takes one of must or should\n";
        return false;
      }
      o_.gate = gate;
      verdicts_gated = true;
    }
    return true;
  }

  void add_help_footer() {
    set_help_footer(
        *sub_,
        {{"cloudconform run --out results", "every case against the embedded reference emulator"},
         {"cloudconform run --endpoint http://127.0.0.1:8080 --only 'TencentCvmStopInstances.*'",
          "one API of your own emulator"},
         {"cloudconform run --deviation duplicates-accepted --only '*.RejectsDuplicateIds'",
          "a negative control: the embedded emulator breaks a rule, the run must fail"},
         {"cloudconform run --rerun-failed results --out rerun",
          "again, only what failed in results/ (same target flags)"},
         {"cloudconform run --target my-account.json --expectations known.json",
          "a real account, read-only, with its known failures"}},
        {{0,
          "conformant (within --expectations; deviations from SHOULD under --gate must and "
          "inconclusive cases do not count); also: nothing to rerun"},
         {1,
          "non-conformant: a failed MUST assertion or an unexpected pass (under --gate should "
          "a deviation too, under --gate differential a difference from the snapshot)"},
         {2,
          "bad usage (a bad flag, an --only part that matches no case, an unusable --out, a "
          "malformed profile, expectations, snapshot or --rerun-failed file) or a harness "
          "error (the target unreachable or not answering usably)"},
         {3,
          "an instance the run changed could not be put back (listed under \"Instances put "
          "back\"), whatever the verdict"},
         {130,
          "interrupted (Ctrl-C or SIGTERM): the cases that ran are reported, instances put "
          "back"}},
        "Reports: results.json, " + reports::report_file_names() +
            " in --out.\nDeviation names: cloudconform emulate --list-deviations; variation "
            "names: cloudconform emulate --list-variations; case ids: cloudconform list.\nAny "
            "--gtest_* flag passes through to GoogleTest (e.g. --gtest_shuffle); so do "
            "GTEST_TOTAL_SHARDS and GTEST_SHARD_INDEX, and report merge joins the shards.");
  }

  void add_snapshots() {
    sub_->add_option("--record", o_.record_dir,
                     "write the run as a snapshot in DIR (every exchange normalised, the target's "
                     "public identity): what later runs --compare-to");
    sub_->add_option("--compare-to", o_.compare_to,
                     "compare the run's answers with the snapshot in DIR, field by field under its "
                     "equivalence rules; differences are reported (and fail the run under --gate "
                     "differential)");
  }

  void add_scheduling() {
    sub_->add_option("--jobs", o_.jobs,
                     "products judged side by side, one worker process each (a product's APIs "
                     "share rate budgets); 1 = in series; default: one per selected product "
                     "against the embedded emulator, else 1 or the profile's \"jobs\" (an "
                     "emulator with a control plane always runs in series); --fail-fast, "
                     "--gtest_* flags and sharding imply 1")
        ->check(CLI::Range(0, 64));
    sub_->add_flag("--fail-fast", o_.fail_fast,
                   "stop after the first case that fails the gate, unless --expectations lists "
                   "it (the rest are not run; instances are still put back)");
    sub_->add_option("--rerun-failed", o_.rerun_failed,
                     "run only the cases of a previous run's RESULTS (results.json or its "
                     "directory) that failed, deviated, met a harness error, were inconclusive or "
                     "passed unexpectedly; with --only, those it also selects. Give the same "
                     "target flags");
    // Internal: a parallel run's worker (suites/parallel.h) writes its cases' records here.
    sub_->add_option("--worker", o_.worker_file)->group("");
  }

  void add_timeouts() {
    sub_->add_option("--settle-ms", settle_ms_,
                     "how long an instance may take to reach its final state")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    sub_->add_option("--request-timeout-ms", request_timeout_ms_,
                     "each HTTP request to the target, connect included")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    sub_->add_option("--case-timeout-ms", case_timeout_ms_,
                     "each case: once passed, its next call ends it as a harness error")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
  }

  void add_selection() {
    sub_->add_option("--expectations", o_.expectations_file,
                     "known failures of this target (fixtures/expectations/<target>.json): "
                     "expected failures keep the run conformant");
    sub_->add_option("--only", o_.only,
                     "run only these cases: ids or globs, ':'-separated, '-' excludes (e.g. "
                     "'*.RejectsDuplicateIds')");
    sub_->add_option(
        "--target", o_.target_file,
        "a target profile (fixtures/targets/README.md): an emulator or a real account");
    sub_->add_option("--profile", o_.cli_profile,
                     "tccli / aliyun CLI profile for the credentials (after the environment)");
    sub_->add_option("--cacert", o_.cacert,
                     "PEM file of the CA certificates an HTTPS target is verified with (a private "
                     "CA, a corporate proxy); default: the system's store, or the profile's "
                     "\"cacert\"");
    sub_->add_flag("--allow-mutations", o_.allow_mutations,
                   "let a real account's allowlisted instances be stopped and started");
    sub_->add_option("--gate", gates_,
                     "what fails the run (exit 1): must = a failed MUST assertion; should = a "
                     "deviation from a SHOULD too; differential = a difference from the "
                     "--compare-to snapshot too (with must, or with should: --gate "
                     "should,differential)")
        ->delimiter(',')
        ->capture_default_str();
    sub_->add_option("--include", o_.include, "opt-in families on a real account: rate-limits");
  }

  CLI::App* sub_;
  RunOptions o_;
  std::string catalogue_;
  std::vector<std::string> gates_ = {"must"};
  long transition_ms_ = 300, settle_ms_ = 30000, request_timeout_ms_ = 15000,
       case_timeout_ms_ = 120000;
};

}  // namespace

std::unique_ptr<Command> add_run(CLI::App& app) { return std::make_unique<RunCommand>(app); }

}  // namespace cc::suites
