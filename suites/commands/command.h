#pragma once
// The subcommands of the cloudconform command, one file each (suites/commands/*.cpp). Each
// registers its options on the app before parsing and runs after it; main() only dispatches.
#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "suites/catalogue_location.h"

namespace cc::suites {

class Command {
 public:
  virtual ~Command() = default;
  // The exit status when this subcommand was the one given, nullopt otherwise.
  virtual std::optional<int> run() = 0;
};

// Every subcommand, registered on `app` in the order `--help` lists them.
std::vector<std::unique_ptr<Command>> add_commands(CLI::App& app);

std::unique_ptr<Command> add_replay(CLI::App& app);
std::unique_ptr<Command> add_run(CLI::App& app);
std::unique_ptr<Command> add_plan(CLI::App& app);
std::unique_ptr<Command> add_list(CLI::App& app);
std::unique_ptr<Command> add_emulate(CLI::App& app);
std::unique_ptr<Command> add_report(CLI::App& app);
std::unique_ptr<Command> add_sign(CLI::App& app);
std::unique_ptr<Command> add_catalogue(CLI::App& app);
std::unique_ptr<Command> add_snapshot(CLI::App& app);

// What every subcommand's --help ends with (issue 17): real examples, each after a comment saying
// what it does, then notes, then the exit statuses with what each means, so that a user need not
// read the README to script the command.
struct Example {
  std::string command, what;
};
struct ExitStatus {
  int status;
  std::string meaning;
};
void set_help_footer(CLI::App& sub, const std::vector<Example>& examples,
                     const std::vector<ExitStatus>& statuses, const std::string& notes = "");

// What `cloudconform --version` prints: version, build type, the default catalogue's hash.
std::string version_text();

// --catalogue DIR and its older name --fixtures, on any subcommand that reads the catalogue.
void add_catalogue_option(CLI::App& sub, std::string& dir);

// Where the catalogue is for `option` (empty = not given): suites/catalogue_location.h, with
// the source tree's fixtures as the last resort.
CatalogueLocation catalogue_location(const std::string& option);

}  // namespace cc::suites
