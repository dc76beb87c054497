// The cloudconform command: run the suites, serve the emulator, read results, check the
// catalogue. One file per subcommand (suites/commands/); main() only parses and dispatches.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>

#include "suites/commands/command.h"
#include "suites/suggest.h"

namespace {

// A first word that is no subcommand is answered with the nearest one: CLI11 alone says only
// "A subcommand is required".
bool unknown_subcommand(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return false;
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  const std::string typed = argv[1];
  if (std::find(names.begin(), names.end(), typed) != names.end()) return false;
  const auto near = cc::suites::nearest(typed, names);
  std::cerr << "cloudconform: unknown subcommand '" << typed << "'"
            << (near ? "; did you mean '" + *near + "'?" : "")
            << " (cloudconform --help lists them)\n";
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cloudconform: conformance suite for cloud \"stop instances\" APIs"};
  app.require_subcommand(1);
  const auto commands = cc::suites::add_commands(app);
  app.set_version_flag("--version", cc::suites::version_text,
                       "print the version and the catalogue's hash");
  if (unknown_subcommand(app, argc, argv)) return 2;
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
