#include "suites/commands/command.h"

namespace cc::suites {

std::vector<std::unique_ptr<Command>> add_commands(CLI::App& app) {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(add_replay(app));
  commands.push_back(add_run(app));
  commands.push_back(add_plan(app));
  commands.push_back(add_list(app));
  commands.push_back(add_emulate(app));
  commands.push_back(add_report(app));
  commands.push_back(add_sign(app));
  commands.push_back(add_catalogue(app));
  commands.push_back(add_snapshot(app));
  return commands;
}

void add_catalogue_option(CLI::App& sub, std::string& dir) {
  sub.add_option("--catalogue,--fixtures", dir,
                 "the catalogue: a fixtures directory with apis/, targets/, expectations/ "
                 "(default: $CLOUDCONFORM_CATALOGUE, else the installed one, else the source "
                 "tree's)");
}

CatalogueLocation catalogue_location(const std::string& option) {
  return locate_catalogue(option, CLOUDCONFORM_FIXTURES_DIR);
}

}  // namespace cc::suites
