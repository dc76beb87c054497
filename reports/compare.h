#pragma once
// `report compare`: one compatibility report over two or more results files (different targets,
// or one target at different times). Every file is read once into results_view.h's Results; the
// Comparison below is the one model that compare.html, compare.md and compare.json render, so
// they never disagree on a number. "Met" and "judged" are model.h's, as in every other report.
#include <nlohmann/json.hpp>

#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reports/model.h"
#include "reports/results_view.h"

namespace cc::reports {

struct CompareOptions {
  std::vector<std::string> files;   // results.json files, or directories holding one
  std::vector<std::string> labels;  // "NAME=FILE" as given
  std::string out_dir;              // default: the current directory
};

// Writes compare.html, compare.md and compare.json into out_dir and prints one line per file
// and a summary line. Returns 0; throws core::DataError on bad input: fewer than two files, a
// file that cannot be read or is not a valid results file (named), a --label that names no
// given file or is malformed, two files with one label, a file given twice.
int compare_command(const CompareOptions& options, std::ostream& out);

// One results file of a comparison.
struct Side {
  std::string label, file;
  Results results;
};

// What one target did with one case; no outcome means the case is absent from its file.
struct Verdict {
  std::optional<CaseOutcome> outcome;
  std::optional<Level> level;
  bool run() const { return outcome.has_value(); }
};
// "not_run" or the outcome's name (the JSON token); the readable forms say "not run".
std::string outcome_token(const Verdict& verdict);

struct CompareRow {
  std::string id, api, family;
  std::vector<Verdict> verdicts;  // one per side, in the order the files were given
  bool disagree = false;          // the outcomes differ ("not run" counting as one)
};

// A target's error-code coverage of one API. Absent (nullopt in the table) when the target ran no
// case of the API: an API outside its selection is not covered, nor "not triggered".
struct CoverageCounts {
  bool recorded = false;  // the file records coverage of this API; else only answers were seen
  int documented = 0, triggered = 0, not_triggerable = 0, undocumented = 0;
  int not_exercised = 0;  // codes a request can cause that this target's selection did not reach
  int codes_seen = 0;     // error codes in the cases' answers (coverage.h codes_seen)
};

// A documented code that some targets triggered and others did not (each ran the API).
struct CodeDifference {
  std::string api, code;
  std::vector<std::optional<bool>> triggered;  // per side; nullopt: not recorded or not run
};

struct Comparison {
  std::vector<Side> sides;
  std::vector<CompareRow> rows;  // disagreements first; then by API, family and id
  int disagreements = 0;
  std::map<std::string, std::vector<Cell>> scores;  // API -> one cell per side
  std::vector<Cell> overall;                        // per side
  std::map<std::string, std::vector<std::optional<CoverageCounts>>> coverage;  // API -> per side
  std::vector<CodeDifference> code_differences;
  std::vector<std::string> warnings;  // different catalogues or suite versions
};

// Builds the comparison of files already read and labelled.
Comparison compare_results(std::vector<Side> sides);

// The sides named by the options: directories resolved, files read and checked, labels given
// or defaulted ("<target name> (<file>)"). Throws core::DataError as compare_command does.
std::vector<Side> load_sides(const CompareOptions& options);

// Readable forms shared by the renderers.
std::string verdict_text(const Verdict& verdict);  // "fail (MUST)", "not run"
std::string score_text(const Cell& cell);          // "3/5 (60%)", "n/a" when nothing was judged
// The heads of the per-target columns: the labels when all are short, else "#1", "#2"… (a default
// label holds a path, and three of them would push the outcomes off a screen).
std::vector<std::string> column_names(const Comparison& comparison);

// compare.json (schema cloudconform.compare/1, reports/README.md "compare.json").
nlohmann::json compare_json(const Comparison& comparison);
std::string render_compare_html(const Comparison& comparison);
// For a pull-request comment: at most about kCompareMarkdownBudget bytes, long lists counted.
inline constexpr size_t kCompareMarkdownBudget = 60000;
std::string render_compare_markdown(const Comparison& comparison);

}  // namespace cc::reports
