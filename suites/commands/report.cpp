// `cloudconform report …`: read, write, compare and merge results files (reports/commands.h).
// Reads results files only: it takes no catalogue.
#include "reports/commands.h"
#include "reports/write.h"
#include "suites/commands/command.h"

namespace cc::suites {

namespace {

// The help of `report` and of each of its subcommands (reports/commands.cpp registers them; the
// statuses are those of reports/README.md "Exit statuses", checked against ReportCommands::run).
const ExitStatus kBadFile{2,
                          "a file missing or malformed (one line naming the file and the JSON "
                          "pointer), or a file that cannot be written"};

void add_help_footers(CLI::App& report) {
  auto sub = [&report](const char* name) { return report.get_subcommand(name); };
  set_help_footer(*sub("summary"),
                  {{"cloudconform report summary results", "the matrix and failures of results/"}},
                  {{0, "printed (whatever the run's verdict)"}, kBadFile});
  set_help_footer(
      *sub("outcomes"),
      {{"cloudconform report outcomes results | grep -v ' pass$'", "every case that did not pass"}},
      {{0, "printed"}, kBadFile});
  set_help_footer(*sub("outcome"),
                  {{"cloudconform report outcome results TencentCvmStopInstances."
                    "RejectsDuplicateIds",
                    "one case's outcome (\"absent\" when the file lacks it)"}},
                  {{0, "printed"}, kBadFile});
  set_help_footer(*sub("write"),
                  {{"cloudconform report write results --expectations "
                    "fixtures/expectations/emulator.json",
                    "rewrite " + reports::report_file_names() + " with known failures applied"},
                   {"cloudconform report write runs/a/results.json --out /tmp/a",
                    "the reports somewhere else"}},
                  {{0, "written"}, kBadFile});
  set_help_footer(
      *sub("diff"),
      {{"cloudconform report diff baseline/results.json results", "a CI gate between two runs"},
       {"cloudconform report diff baseline results --markdown --expectations known.json",
        "as a pull-request comment"},
       {"cloudconform report diff full-run one-api-run --allow-removed",
        "a smaller selection on purpose"}},
      {{0, "no regression, no unexpected failure or pass, no case of BASE missing from NEW"},
       {1,
        "a regression (under NEW's SHOULD gate a new deviation too), an unexpected failure or "
        "pass, or a case of BASE missing from NEW without --allow-removed"},
       {2, "harness errors in NEW, or a file missing or malformed"}});
  set_help_footer(
      *sub("compare"),
      {{"cloudconform report compare runs/reference runs/yours --label "
        "ours=runs/reference --label yours=runs/yours --out compare/",
        "two targets side by side: compare.html, compare.md, compare.json"}},
      {{0, "written"}, {2, "fewer than two files, a file missing or malformed, a bad --label"}});
  set_help_footer(*sub("merge"),
                  {{"cloudconform report merge shard-*/results.json --out results/results.json",
                    "the shards of a GTEST_TOTAL_SHARDS run as one results file and its reports"}},
                  {{0, "merged"},
                   {2,
                    "a shard missing or malformed, a case in two shards, shards of different "
                    "suites, catalogues, targets, gates or snapshots compared with, or --out not "
                    "writable"}},
                  // A comparison is merged whole or refused, never half kept (reports/merge.h).
                  "Shards each compared with the same snapshot (run --compare-to) give one "
                  "\"differential\", the whole run's: every difference kept, the compared cases "
                  "summed, \"not_run\" the snapshot's cases no shard ran. Shards compared with "
                  "different snapshots, or only some of them compared, are refused: a results "
                  "file holds one comparison, which --gate differential and every report read as "
                  "the whole run's, and keeping only one would lose the other's differences.");
  set_help_footer(
      report,
      {{"cloudconform report summary results", "the matrix of a run"},
       {"cloudconform report diff baseline results", "a CI gate between two runs"},
       {"cloudconform report compare runs/a runs/b --out compare/", "two targets side by side"}},
      {{0, "done (diff: no regression)"},
       {1, "report diff only: a regression, unexpected failure or pass, removed cases"},
       kBadFile},
      "A directory given for a results file means its results.json. Each "
      "subcommand's --help has its own examples and statuses.");
}

class ReportCommand : public Command {
 public:
  explicit ReportCommand(CLI::App& app) {
    CLI::App& report =
        *app.add_subcommand("report", "read, write, compare and merge results files");
    commands_ = reports::add_report_commands(report);
    add_help_footers(report);
  }
  std::optional<int> run() override { return commands_->run(); }

 private:
  std::unique_ptr<reports::ReportCommands> commands_;
};

}  // namespace

std::unique_ptr<Command> add_report(CLI::App& app) { return std::make_unique<ReportCommand>(app); }

}  // namespace cc::suites
