#pragma once
// A run's differences from a recorded target (results "differential", read into
// Results::differential by results_view.h), as every report shows them: a finding class of its
// own, "differs from the recorded target", listed apart from the verdicts and never counted with
// the outcomes. They fail the run only under --gate differential (results "differential_gate"),
// which keeps the verdicts' gate (MUST, or SHOULD) as it is: the top-level "gate" stays "must" or
// "should" for older readers.
#include <nlohmann/json.hpp>

#include <string>

#include "reports/results_view.h"

namespace cc::reports {

// --gate differential was given and the run differs from the recorded target at least once.
bool differences_fail_run(const Results& results);

// exit_status (model.h), made 1 when differences_fail_run and the verdicts alone say 0: the run's
// exit status and the colour of every report's verdict.
int gated_exit_status(const Results& results);

// verdict (model.h), and when differences_fail_run "; fails --gate differential: N differences
// from the recorded target" after it: the verdict line of every report.
std::string gated_verdict(const Results& results);

// Who was recorded: `embedded-emulator "cloudconform reference emulator", recorded <date>`.
std::string recorded_target(const Differential& differential);
std::string recorded_target(const nlohmann::json& identity);  // a snapshot's "identity"

// The line under every report's verdict: "Differs from the recorded target: 3 differences over
// 12 compared cases — they fail the run (--gate differential)"; "" when the run was not compared.
std::string differential_line(const Results& results);

// Where in the case: "exchange 2 (StopInstances)", or "state sequence" for the Describe readings.
std::string where_of(const TargetDifference& difference);

// A value as a reader sees it: "(absent)" for null, a string as it is, anything else as JSON —
// shortened at a word to max_chars (0: whole).
std::string value_text(const nlohmann::json& value, size_t max_chars = 0);

// "<name>: <text>" of a rule the comparison listed, else the name alone.
std::string rule_text(const Differential& differential, const std::string& rule);

namespace html {
// #differential in report.html: the recorded target, the rules, every difference with both values.
std::string differential(const Results& r);
}  // namespace html

}  // namespace cc::reports
