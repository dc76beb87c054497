// The cloudconform command: run the suites, serve the emulator, read results, check the
// catalogue. One file per subcommand (suites/commands/); main() only parses and dispatches.
#include <CLI/CLI.hpp>

#include <iostream>

#include "suites/commands/command.h"

int main(int argc, char** argv) {
  CLI::App app{"cloudconform: conformance suite for cloud \"stop instances\" APIs"};
  app.require_subcommand(1);
  const auto commands = cc::suites::add_commands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    for (const auto& command : commands)
      if (auto status = command->run()) return *status;
  } catch (const std::exception& e) {  // a malformed catalogue (DataError) among others
    std::cerr << "cloudconform: " << e.what() << "\n";
    return 2;
  }
  return 2;
}
