#pragma once
// report diff: what changed between two runs, per case — the CI gate against a baseline.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "reports/results_view.h"

namespace cc::reports {

struct CaseChange {
  std::string id;
  std::optional<CaseOutcome> before;  // outcome in BASE; nullopt when the case is new
  std::optional<CaseOutcome> after;   // outcome in NEW; nullopt when the case was removed
  std::string message;                // first line of NEW's message (or BASE's for a removed case)
};

struct DiffOptions {
  // A case in BASE and not in NEW fails the gate unless this is set: a run that lost its cases
  // (a mistyped --only, a crashed shard) must not pass as "no regression".
  bool allow_removed = false;
};

struct ResultsDiff {
  // now fail (or, under NEW's SHOULD gate, deviation), and not failing before (new cases too)
  std::vector<CaseChange> regressions;
  std::vector<CaseChange>
      fixes;  // fail, deviation or expected_fail before, now meets the documents
  std::vector<CaseChange> new_cases;        // only in NEW
  std::vector<CaseChange> removed_cases;    // only in BASE
  std::vector<CaseChange> outcome_changes;  // any other change of outcome
  std::vector<CaseChange> still_failing;    // failing in both: unexpected, not new
  // now deviation and not before, under NEW's MUST gate: reported, not failing the diff
  std::vector<CaseChange> new_deviations;
  std::vector<CaseChange> inconclusive;  // now inconclusive and not before: nothing judged them
  std::vector<CaseChange> unexpected_passes;  // NEW passes a listed known failure
  std::vector<CaseChange> harness_errors;     // NEW could not judge these
  // Named at the top: what makes the two runs not like for like — a changed target (name, kind,
  // endpoints), suite version or catalogue, a partial selection in either file.
  std::vector<std::string> notes;
  Gate gate = Gate::Must;  // NEW's gate
  bool allow_removed = false;

  // 2 when NEW has harness errors, 1 on any regression or unexpected failure or unexpected
  // pass, or a removed case unless allowed, 0 otherwise (new deviations under the MUST gate and
  // inconclusive cases never change it).
  int status() const;
};

ResultsDiff diff_results(const Results& base, const Results& next, const DiffOptions& options = {});
ResultsDiff diff_results(const nlohmann::json& base, const nlohmann::json& next,
                         const DiffOptions& options = {});  // read first

// The removed cases collapse to a count and the first few ids unless verbose.
std::string render_diff_text(const ResultsDiff& diff, const std::string& base_name,
                             const std::string& new_name, bool verbose = false);
std::string render_diff_markdown(const ResultsDiff& diff, const std::string& base_name,
                                 const std::string& new_name, bool verbose = false);

}  // namespace cc::reports
