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
    add_catalogue_option(*sub_, catalogue_);
    sub_->add_option("--deviation", o_.deviations, "make the embedded emulator deviate");
    sub_->add_option("--transition-ms", o_.transition_ms,
                     "embedded emulator: duration of STOPPING/STARTING")
        ->capture_default_str();
    sub_->add_option("--settle-ms", o_.settle_ms,
                     "how long an instance may take to reach its final state")
        ->capture_default_str();
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
