// `cloudconform report …`: read, write, compare and merge results files (reports/commands.h).
// Reads results files only: it takes no catalogue.
#include "reports/commands.h"
#include "suites/commands/command.h"

namespace cc::suites {

namespace {

class ReportCommand : public Command {
 public:
  explicit ReportCommand(CLI::App& app)
      : commands_(reports::add_report_commands(
            *app.add_subcommand("report", "read, write, compare and merge results files"))) {}
  std::optional<int> run() override { return commands_->run(); }

 private:
  std::unique_ptr<reports::ReportCommands> commands_;
};

}  // namespace

std::unique_ptr<Command> add_report(CLI::App& app) { return std::make_unique<ReportCommand>(app); }

}  // namespace cc::suites
