// `report ...` on its own, for the shell tests (render_in_chromium.sh) and for using the reports
// without the suites: the same subcommands the cloudconform command registers.
#include <CLI/CLI.hpp>

#include "reports/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"the report subcommands of cloudconform"};
  app.require_subcommand(1);
  CLI::App* report = app.add_subcommand("report", "read results files");
  auto commands = cc::reports::add_report_commands(*report);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return commands->run().value_or(2);
}
