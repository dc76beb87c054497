#include "reports/commands.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "harness/core/json_reader.h"
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

std::string directory_of(const std::string& file) {
  const std::filesystem::path parent = std::filesystem::path(file).parent_path();
  return parent.empty() ? "." : parent.string();
}

}  // namespace

std::unique_ptr<ReportCommands> add_report_commands(CLI::App& report) {
  auto c = std::unique_ptr<ReportCommands>(new ReportCommands());
  report.require_subcommand(1);
  c->summary_ = report.add_subcommand("summary", "print the compatibility matrix and failures");
  c->summary_->add_option("FILE", c->file_, "results.json")->required();
  c->outcomes_ = report.add_subcommand("outcomes", "print every case: id, level, outcome");
  c->outcomes_->add_option("FILE", c->file_, "results.json")->required();
  c->outcome_ = report.add_subcommand("outcome", "print one case's outcome");
  c->outcome_->add_option("FILE", c->file_, "results.json")->required();
  c->outcome_->add_option("CASE", c->case_id_, "case id, <Api>.<Behaviour>")->required();

  c->write_ =
      report.add_subcommand("write", "(re)write " + report_file_names() + " from a results file");
  c->write_->add_option("RESULTS", c->file_, "results.json")->required();
  c->write_->add_option("--out", c->out_,
                        "directory for the reports (default: the results file's)");
  c->write_->add_option("--expectations", c->expectations_,
                        "known failures of the target (fixtures/expectations/)");

  c->diff_ = report.add_subcommand(
      "diff", "per-case regressions and fixes between two results files (a CI gate)");
  c->diff_->add_option("BASE", c->base_, "the baseline results.json")->required();
  c->diff_->add_option("NEW", c->next_, "the new results.json")->required();
  c->diff_->add_flag("--markdown", c->markdown_, "print Markdown (for a pull-request comment)");
  c->diff_->add_option("--expectations", c->expectations_,
                       "classify both files with these known failures");

  c->merge_ = report.add_subcommand(
      "merge", "combine the results of shards into one results file and its reports");
  c->merge_->add_option("SHARD", c->shards_, "results.json of each shard")->required();
  c->merge_->add_option("--out", c->out_, "the merged results file")->required();
  return c;
}

std::optional<int> ReportCommands::run() { return run(std::cout, std::cerr); }

std::optional<int> ReportCommands::run(std::ostream& out, std::ostream& err) {
  for (CLI::App* sub : {summary_, outcomes_, outcome_, write_, diff_, merge_}) {
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
    const ResultsDiff d =
        diff_results(load_classified(base_, expectations_), load_classified(next_, expectations_));
    out << (markdown_ ? render_diff_markdown(d, base_, next_) : render_diff_text(d, base_, next_));
    return d.status();
  } else {
    return merge(out);
  }
  return 0;
}

int ReportCommands::merge(std::ostream& out) {
  // Each shard is checked once, by merge_results; the merged file once, as its reports read it.
  std::vector<Shard> shards;
  for (const auto& f : shards_) shards.push_back({f, core::read_json_file(f, "results")});
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
