#pragma once
// Reads a results.json (schema cloudconform.results/1) and renders it for a terminal. The
// reports never link the suites: a results file is all they know.
#include <nlohmann/json.hpp>

#include <string>

#include "reports/results_view.h"

namespace cc::reports {

// Loads, checks and reads a file; throws core::DataError naming the file and pointer.
Results load_results(const std::string& path);

// The compatibility matrix (API x family, passed/total) and the list of failures.
std::string render_summary(const Results& results);
std::string render_summary(const nlohmann::json& results);

// One line per case: "<id> <level> <outcome>".
std::string render_outcomes(const Results& results);

// The outcome of one case, or "absent".
std::string case_outcome(const Results& results, const std::string& case_id);

}  // namespace cc::reports
