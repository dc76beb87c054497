// `cloudconform replay FILE`: re-run a property's replay file and judge it (suites/replay.h).
#include "suites/replay.h"
#include "suites/commands/command.h"

namespace cc::suites {

namespace {

class ReplayCommand : public Command {
 public:
  explicit ReplayCommand(CLI::App& app) {
    sub_ = app.add_subcommand(
        "replay", "re-run a property's replay file (results/replays/<case>.json) and judge it");
    sub_->add_option("FILE", o_.file, "the replay file")->required();
    sub_->add_option("--endpoint", o_.endpoint,
                     "base URL of an external target instead of the embedded emulator");
    sub_->add_option("--target", o_.target_file,
                     "an emulator's target profile (run --target): its endpoints, credentials "
                     "and allowlist; a real account's is refused")
        ->check(CLI::ExistingFile);
    sub_->add_option(
        "--profile", o_.cli_profile,
        "the CLI profile the --target profile's credentials come from (run --profile)");
    add_catalogue_option(*sub_, catalogue_);
    sub_->add_option("--cacert", o_.cacert,
                     "PEM file of the CA certificates an HTTPS --endpoint is verified with")
        ->check(CLI::ExistingFile);
    sub_->add_option("--deviation", o_.deviations, "make the embedded emulator deviate");
    sub_->add_option("--variation", o_.variations,
                     "answer as the documents allow but differently (emulate --list-variations)");
    sub_->add_option("--latency-ms", o_.latency_ms,
                     "embedded emulator: delay before every answer, as a real region's")
        ->capture_default_str();
    sub_->add_option("--transition-ms", o_.transition_ms,
                     "embedded emulator: duration of STOPPING/STARTING")
        ->capture_default_str();
    sub_->add_option("--settle-ms", o_.settle_ms,
                     "how long an instance may take to reach its final state")
        ->capture_default_str();
    set_help_footer(
        *sub_,
        {{"cloudconform replay results/replays/TencentCvmStopInstances."
          "GeneratedBatchesAgreeWithTheModel.json",
          "a property's minimal failing case, against the embedded emulator"},
         {"cloudconform replay results/replays/<case>.json --endpoint http://127.0.0.1:8080",
          "the same steps against your emulator, each request and response printed"},
         {"cloudconform replay results/replays/<case>.json --deviation duplicates-accepted",
          "against an emulator that deviates (emulate --list-deviations)"},
         {"cloudconform replay results/replays/<case>.json --target my-emulator.json",
          "against the emulator a run's --target profile names"}},
        {{0, "the target agrees with the model on every step"},
         {1, "the target disagrees with the model (the step and why are printed)"},
         {2,
          "the file is not a replay file (not JSON: its line and column), the target could "
          "not be started or reached, or a harness error"}});
  }
  std::optional<int> run() override {
    if (!*sub_) return std::nullopt;
    o_.catalogue = catalogue_location(catalogue_);
    return replay(o_);
  }

 private:
  CLI::App* sub_;
  ReplayOptions o_;
  std::string catalogue_;
};

}  // namespace

std::unique_ptr<Command> add_replay(CLI::App& app) { return std::make_unique<ReplayCommand>(app); }

}  // namespace cc::suites
