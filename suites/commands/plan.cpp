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
