#pragma once
// Error-code coverage as the suite records it (top-level "coverage", optional): per API, which
// documented codes some case triggered, with which HTTP status, and which undocumented codes
// the target answered. When a results file has no coverage but its cases list their "answers",
// the codes seen are summarised instead. The coverage itself is read with the file
// (results_view.h: Results::coverage).
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "reports/results_view.h"

namespace cc::reports {

// Codes seen in the cases' "answers", per API: code -> (statuses, case ids).
struct SeenCode {
  std::vector<int> statuses;
  std::vector<std::string> cases;
};
std::map<std::string, std::map<std::string, SeenCode>> codes_seen(const Results& results);

// "4 of 35 documented codes triggered (20 not exercised by this selection, 11 not triggerable by
// a black-box client)": the parenthesis names only what is there. Every renderer says it so.
std::string coverage_counts(const ApiCoverage& coverage);

// Some case of the run judged the API. Coverage of an API no case judged (an older run listed
// every API of the catalogue) is "not run", never covered.
bool api_was_run(const Results& results, const std::string& api);

// "judged 4 of 200 cases (--only 'TencentCvm*')"; empty for a whole run or a file that does not
// record its selection.
std::string partial_selection(const Results& results);

// Under the compatibility matrix of a partial run: "Partial selection: judged 4 of 200 cases
// (--only 'X'); APIs and families without a cell were not run." Empty for a whole run.
std::string matrix_not_run_note(const Results& results);

// One line per API: "64 of 107 documented codes triggered (43 not triggerable by a black-box
// client), 1 undocumented code seen", "not run: no case of this API was in the selection", or
// from answers "coverage not recorded; 5 error codes seen". Empty when neither.
std::vector<std::pair<std::string, std::string>> coverage_lines(const Results& results);

// The union of two shards' coverage (report merge): triggered_by and status_seen are united, a
// code triggered anywhere is triggered (its not_triggerable or not_exercised reason dropped).
nlohmann::json merge_coverage(const nlohmann::json& a, const nlohmann::json& b);

// Once the shards together make a whole run, a code no shard reached was not left out by the
// selection: its "not run: the selection left out…" reason becomes "no case of this run
// arranges its condition (<trigger>)", as a whole run would have written it.
void reword_for_whole_run(nlohmann::json& coverage);

}  // namespace cc::reports
