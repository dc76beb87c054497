#pragma once
// What the reports conclude from a results file (read once into results_view.h): which outcomes
// meet the documents, the compatibility matrix, the gate and the verdict. Every renderer works
// from these, so the terminal, Markdown and HTML reports never disagree on a number. The
// overloads taking JSON read the file first (results_view.h) — for callers holding a document.
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "reports/results_view.h"

namespace cc::reports {

// The run's gate (top-level "gate"): "must" (the default, also for files older than the field) or
// "should". Under "must" only failed MUST assertions make a run non-conformant; under "should"
// deviations (failed SHOULD assertions) do too. The JSON form does not check the file.
std::string gate_of(const nlohmann::json& results);
// The header line every report carries, e.g. "Gate: MUST assertions (deviations from SHOULD are
// reported, not failed)".
std::string gate_line(Gate gate);
std::string gate_line(const nlohmann::json& results);

// Checks what the reports read: read_results, its result dropped.
void validate_results(const nlohmann::json& results, const std::string& file);

// Counts by outcome, with "total"; every outcome is present (0 when absent). For documents being
// rewritten (expectations, merge); the reports count as they read (Results::counts).
nlohmann::json count_outcomes(const nlohmann::json& cases);
void recompute_summary(nlohmann::json& results);

// A case met the documents: pass and observed (the documents are silent, nothing to break), and
// unexpected_pass (it passed; only the expectations file is stale).
bool met(CaseOutcome outcome);
// A case was judged: everything but not_supported, harness_error and inconclusive (the case
// could not exercise its subject: neither met nor broken). A deviation is judged and not met.
bool judged(CaseOutcome outcome);
// The outcomes that make a run non-conformant under a gate.
bool non_conformant(CaseOutcome outcome, Gate gate = Gate::Must);

struct Cell {
  int met = 0;
  int judged = 0;
  int cases = 0;       // including not supported, inconclusive and harness errors
  int deviations = 0;  // judged, not met: only SHOULD assertions failed
  // Every unmet case of the cell only deviated (shown amber, not red).
  bool only_deviations() const { return met < judged && judged - met == deviations; }
  double percent() const { return judged == 0 ? 0 : 100.0 * met / judged; }
};

// API x family, in sorted order (results are sorted by the renderers, never by the suite's order).
struct Matrix {
  std::vector<std::string> families;
  std::map<std::string, std::map<std::string, Cell>> cells;  // api -> family -> cell
  std::map<std::string, Cell> per_api;
  Cell overall;
};
Matrix compute_matrix(const Results& results);
Matrix compute_matrix(const nlohmann::json& results);

// 0 conformant within expectations; 1 non-conformant: a fail or an unexpected_pass, or under the
// "should" gate a deviation; 2 harness error; 3 instances the run changed were left changed
// (whatever the verdict). Inconclusive cases never change it.
int exit_status(const Results& results);
int exit_status(const nlohmann::json& results);
// The allowlisted instances the run changed and could not put back (results "restore").
std::vector<const Restoration*> unrestored(const Results& results);

// One line: "Conformant: ...", "Non-conformant: ...", "Harness error: ..." or "Instances left
// changed: ..."; for an interrupted run "Interrupted by SIGINT: 37 of 200 cases ran, 163 not run;
// <whether the instances were put back>" instead, and a --fail-fast run that stopped early adds
// "; stopped early (--fail-fast: <case> failed): …". Known failures that passed are said as such:
// "Non-conformant: 1 case expected to fail passed (remove it from <expectations file>)".
std::string verdict(const Results& results);
std::string verdict(const nlohmann::json& results);

// The command that re-runs one case: the suite's own "replay" when recorded, else an --only run
// of that case.
std::string replay_line(const Case& one_case);

// The behaviour name: the recorded one, else the id after its first '.'.
std::string behaviour_of(const Case& one_case);

// The line of a failure message worth showing alone: the first line of readable_message
// (failure.h) — GoogleTest's boilerplate skipped, the explanation an assertion gave ("Actual: false
// (<why>)") or the first line the suite wrote; "" when the message holds nothing else.
std::string headline(const std::string& message);

// "1 case", "2 cases" (plural defaults to singular + "s").
std::string count_of(long long n, const std::string& singular, const std::string& plural = "");

// "12.5 s", "340 ms".
std::string format_ms(double ms);
std::string format_percent(double percent);

}  // namespace cc::reports
