#include "reports/commands.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "harness/core/json_reader.h"
#include "reports/compare.h"
#include "reports/diff.h"
#include "reports/expectations.h"
#include "reports/merge.h"
#include "reports/summary.h"
#include "reports/write.h"

namespace cc::reports {
namespace {

using nlohmann::json;

// A results file read once — checked, redacted and counted — after an expectations file, when
// given, has classified its cases.
Results load_classified(const std::string& path, const std::string& expectations) {
  if (expectations.empty()) return load_results(path);
  json r = core::read_json_file(path, "results");
  apply_expectations(r, load_expectations(expectations), expectations);
  return read_results(r, path);
}

// A run's directory stands for its results.json (the file `run --out DIR` writes).
std::string results_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return path;
  return (std::filesystem::path(path) / "results.json").string();
}

std::string directory_of(const std::string& file) {
  const std::filesystem::path parent = std::filesystem::path(file).parent_path();
  return parent.empty() ? "." : parent.string();
}

}  // namespace

std::unique_ptr<ReportCommands> add_report_commands(CLI::App& report) {
  auto c = std::unique_ptr<ReportCommands>(new ReportCommands());
  report.require_subcommand(1);
  c->summary_ = report.add_subcommand("summary", "print the compatibility matrix and failures");
  c->summary_->add_option("FILE", c->file_, "results.json (or its directory)")->required();
  c->outcomes_ = report.add_subcommand("outcomes", "print every case: id, level, outcome");
  c->outcomes_->add_option("FILE", c->file_, "results.json (or its directory)")->required();
  c->outcome_ = report.add_subcommand("outcome", "print one case's outcome");
  c->outcome_->add_option("FILE", c->file_, "results.json (or its directory)")->required();
  c->outcome_->add_option("CASE", c->case_id_, "case id, <Api>.<Behaviour>")->required();

  c->write_ =
      report.add_subcommand("write", "(re)write " + report_file_names() + " from a results file");
  c->write_->add_option("RESULTS", c->file_, "results.json (or its directory)")->required();
  c->write_->add_option("--out", c->out_,
                        "directory for the reports (default: the results file's)");
  c->write_->add_option("--expectations", c->expectations_,
                        "known failures of the target (fixtures/expectations/)");

  c->diff_ = report.add_subcommand(
      "diff", "per-case regressions and fixes between two results files (a CI gate)");
  c->diff_->add_option("BASE", c->base_, "the baseline results.json (or its directory)")
      ->required();
  c->diff_->add_option("NEW", c->next_, "the new results.json (or its directory)")->required();
  c->diff_->add_flag("--markdown", c->markdown_, "print Markdown (for a pull-request comment)");
  c->diff_->add_flag("--allow-removed", c->allow_removed_,
                     "cases of BASE missing from NEW do not fail the gate (a smaller selection)");
  c->diff_->add_flag("--verbose", c->verbose_, "list every removed case, not only their count");
  c->diff_->add_option("--expectations", c->expectations_,
                       "classify both files with these known failures");

  c->compare_ = report.add_subcommand(
      "compare",
      "one compatibility report over two or more results files: compare.html, "
      "compare.md, compare.json");
  c->compare_
      ->add_option("RESULTS", c->compare_options_.files,
                   "results.json files (or their directories)")
      ->required();
  // One NAME=FILE per --label: a following RESULTS argument is not a second label.
  c->compare_
      ->add_option("--label", c->compare_options_.labels, "NAME=FILE: the name of a file's column")
      ->allow_extra_args(false);
  c->compare_->add_option("--out", c->compare_options_.out_dir,
                          "directory for the reports (default: .)");

  c->merge_ = report.add_subcommand(
      "merge", "combine the results of shards into one results file and its reports");
  c->merge_->add_option("SHARD", c->shards_, "results.json of each shard (or its directory)")
      ->required();
  c->merge_->add_option("--out", c->out_, "the merged results file")->required();
  return c;
}

std::optional<int> ReportCommands::run() { return run(std::cout, std::cerr); }

std::optional<int> ReportCommands::run(std::ostream& out, std::ostream& err) {
  for (CLI::App* sub : {summary_, outcomes_, outcome_, write_, diff_, compare_, merge_}) {
    if (!sub->parsed()) continue;
    try {
      return run_parsed(out, err);
    } catch (const std::exception& e) {  // DataError (bad input) or a file that cannot be written
      err << "cloudconform report " << sub->get_name() << ": " << e.what() << "\n";
      return 2;
    }
  }
  return std::nullopt;
}

int ReportCommands::run_parsed(std::ostream& out, std::ostream& err) {
  (void)err;
  file_ = results_file(file_);
  if (summary_->parsed()) {
    out << render_summary(load_results(file_));
  } else if (outcomes_->parsed()) {
    out << render_outcomes(load_results(file_));
  } else if (outcome_->parsed()) {
    out << case_outcome(load_results(file_), case_id_) << "\n";
  } else if (write_->parsed()) {
    const std::string dir = out_.empty() ? directory_of(file_) : out_;
    write_all_reports(load_classified(file_, expectations_), dir);
    out << "reports: " << report_file_paths(dir) << "\n";
  } else if (diff_->parsed()) {
    return diff(out);
  } else if (compare_->parsed()) {
    return compare_command(compare_options_, out);
  } else {
    return merge(out);
  }
  return 0;
}

int ReportCommands::diff(std::ostream& out) {
  const std::string base = results_file(base_), next = results_file(next_);
  const ResultsDiff d = diff_results(load_classified(base, expectations_),
                                     load_classified(next, expectations_), {allow_removed_});
  out << (markdown_ ? render_diff_markdown(d, base, next, verbose_)
                    : render_diff_text(d, base, next, verbose_));
  return d.status();
}

int ReportCommands::merge(std::ostream& out) {
  // Each shard is checked once, by merge_results; the merged file once, as its reports read it.
  std::vector<Shard> shards;
  for (const auto& given : shards_) {
    const std::string f = results_file(given);
    shards.push_back({f, core::read_json_file(f, "results")});
  }
  const json merged = merge_results(shards);
  const std::string dir = directory_of(out_);
  std::filesystem::create_directories(dir);
  std::ofstream file(out_, std::ios::trunc);
  file << merged.dump(2) << "\n";
  if (!file.flush()) throw std::runtime_error("cannot write " + out_);
  file.close();
  write_all_reports(read_results(merged, out_), dir);
  out << "merged " << shards.size() << " shards, " << merged["cases"].size() << " cases: " << out_
      << " (reports in " << dir << ")\n";
  return 0;
}

}  // namespace cc::reports
