// `cloudconform plan --target PROFILE`: the calls a run would make, rehearsed (suites/plan.h).
#include "suites/plan.h"
#include "suites/commands/command.h"

namespace cc::suites {

namespace {

class PlanCommand : public Command {
 public:
  explicit PlanCommand(CLI::App& app) {
    sub_ = app.add_subcommand(
        "plan",
        "print the calls a run against a target profile would make, and how long the "
        "documented rate limits make it take, without contacting the target");
    sub_->add_option("--target", o_.target_file, "the target profile")->required();
    sub_->add_option("--only", o_.only, "as for run");
    sub_->add_option("--include", o_.include, "as for run: rate-limits");
    sub_->add_flag("--allow-mutations", o_.allow_mutations,
                   "plan the mutating run (default: the read-only one)");
    sub_->add_option("--round-trip-ms", o_.round_trip_ms,
                     "a real region's round trip, for the estimate of a real account's time")
        ->check(CLI::Range(0, 60000))
        ->capture_default_str();
    add_catalogue_option(*sub_, catalogue_);
    set_help_footer(
        *sub_,
        {{"cloudconform plan --target my-account.json", "the read-only run against your account"},
         {"cloudconform plan --target my-account.json --allow-mutations --only "
          "'TencentCvmStopInstances.*' --round-trip-ms 400",
          "the stops and starts one API's cases would make, timed for a distant region"},
         {"cloudconform plan --target fixtures/targets/tencent-example.json 2>/dev/null",
          "the plan alone (the rehearsal's progress and warnings go to stderr)"}},
        {{0, "planned: every rehearsed case passed"},
         {1,
          "the rehearsal failed cases (listed: the run would fail them too, or the profile is "
          "wrong)"},
         {2, "bad usage: a malformed profile, a bad flag, an --only that selects no case"},
         {130, "interrupted"}},
        "Nothing is sent to the target: the embedded emulator stands in for the account.");
  }
  std::optional<int> run() override {
    if (!*sub_) return std::nullopt;
    o_.catalogue = catalogue_location(catalogue_);
    return plan(o_);
  }

 private:
  CLI::App* sub_;
  PlanOptions o_;
  std::string catalogue_;
};

}  // namespace

std::unique_ptr<Command> add_plan(CLI::App& app) { return std::make_unique<PlanCommand>(app); }

}  // namespace cc::suites
