#pragma once
// The `report` subcommands of the cloudconform command:
//   report summary FILE | outcomes FILE | outcome FILE CASE
//   report write RESULTS [--out DIR] [--expectations FILE]
//   report diff BASE NEW [--markdown] [--expectations FILE] [--allow-removed] [--verbose]
//   report compare RESULTS... [--label NAME=FILE]... [--out DIR]
//   report merge SHARD... --out FILE
// A directory given for a results file means its results.json. Exit statuses are in
// reports/README.md.
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "reports/compare.h"

namespace CLI {
class App;
}

namespace cc::reports {

class ReportCommands {
 public:
  // Runs whichever subcommand was parsed and returns its exit status; nullopt when none was.
  // Bad input (unreadable or malformed files) prints one line to err and returns 2.
  std::optional<int> run();
  std::optional<int> run(std::ostream& out, std::ostream& err);

 private:
  friend std::unique_ptr<ReportCommands> add_report_commands(CLI::App& report);
  int run_parsed(std::ostream& out, std::ostream& err);
  int diff(std::ostream& out);
  int merge(std::ostream& out);

  CLI::App *summary_ = nullptr, *outcomes_ = nullptr, *outcome_ = nullptr, *write_ = nullptr,
           *diff_ = nullptr, *compare_ = nullptr, *merge_ = nullptr;
  std::string file_, case_id_, out_, expectations_, base_, next_;
  std::vector<std::string> shards_;
  CompareOptions compare_options_;
  bool markdown_ = false, allow_removed_ = false, verbose_ = false;
};

// Registers the subcommands on `report`; the options are bound to the returned object, which
// must outlive parsing and run().
std::unique_ptr<ReportCommands> add_report_commands(CLI::App& report);

}  // namespace cc::reports
