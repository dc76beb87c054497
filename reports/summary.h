#pragma once
// Reads a results.json (schema cloudconform.results/1) and renders it for a terminal. The
// reports never link the suites: a results file is all they know.
#include <nlohmann/json.hpp>

#include <string>

namespace cc::reports {

// Loads and checks the schema; throws core::DataError naming the file and pointer.
nlohmann::json load_results(const std::string& path);

// The compatibility matrix (API x family, passed/total) and the list of failures.
std::string render_summary(const nlohmann::json& results);

// One line per case: "<id> <level> <outcome>".
std::string render_outcomes(const nlohmann::json& results);

// The outcome of one case, or "absent".
std::string case_outcome(const nlohmann::json& results, const std::string& case_id);

}  // namespace cc::reports
