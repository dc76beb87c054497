#pragma once
// `run --rerun-failed RESULTS`: the cases of a previous run worth running again, turned into the
// run's --only before anything else is read, so the rest of the run (its checks, header, reports
// and exit status) is that of a run given those ids.
//
// Rerun: fail, deviation, harness_error, unexpected_pass (it failed the gate: a rerun with the
// same --expectations says whether the pass holds before the file is updated) and inconclusive
// (the case could not exercise its subject; another try may). Not rerun: pass, observed,
// expected_fail (known) and not_supported (the target lacks what the case needs; a rerun
// cannot change that).
#include <optional>
#include <string>
#include <vector>

#include "harness/core/results.h"
#include "suites/runner.h"

namespace cc::suites {

// Whether a case that ended so is run again.
bool worth_rerunning(core::CaseOutcome outcome);

// RESULTS (a results.json, or a directory holding one) as a rerun: the file read and the ids of
// the cases worth rerunning, in the file's order.
struct RerunSource {
  std::string file;
  std::vector<std::string> ids;
  std::size_t cases = 0;  // cases in the file
};
// Read through the reports' own reader (reports/results_view.h): throws core::DataError naming
// the file and the JSON pointer when RESULTS is missing or malformed.
RerunSource read_rerun_source(const std::string& results);

// The ids of `rerun` that `only` (a GoogleTest filter, empty = every case) selects: an explicit
// --only narrows a rerun (the intersection), it never widens it.
std::vector<std::string> rerun_ids(const std::vector<std::string>& rerun, const std::string& only);

// `run --rerun-failed`: options.only becomes the cases to rerun (intersected with an --only
// given beside it). Returns the exit status when the run must not go on — 0 after saying there is
// nothing to rerun; 2 after naming a missing or malformed file, cases this catalogue does not
// have, or an --only part that matches no case — and nullopt when it should run.
std::optional<int> select_rerun(RunOptions& options);

}  // namespace cc::suites
