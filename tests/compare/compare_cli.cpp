// `report compare` on its own, for the shell tests: the arguments of the subcommand, parsed into
// CompareOptions and handed to compare_command (the cloudconform command registers the same).
#include <CLI/CLI.hpp>

#include <iostream>

#include "reports/compare.h"

int main(int argc, char** argv) {
  CLI::App app{"compare two or more results files"};
  cc::reports::CompareOptions options;
  app.add_option("RESULTS", options.files, "results.json files, or directories holding one")
      ->required();
  // One NAME=FILE per --label: a following RESULTS argument is not a second label.
  app.add_option("--label", options.labels, "NAME=FILE: the name of a file's column")
      ->allow_extra_args(false);
  app.add_option("--out", options.out_dir, "directory for the reports (default: .)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    return cc::reports::compare_command(options, std::cout);
  } catch (const std::exception& e) {  // DataError (bad input) or a file that cannot be written
    std::cerr << "compare: " << e.what() << "\n";
    return 2;
  }
}
