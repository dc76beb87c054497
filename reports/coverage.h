#pragma once
// Error-code coverage as the suite records it (top-level "coverage", optional): per API, which
// documented codes some case triggered, with which HTTP status, and which undocumented codes
// the target answered. When a results file has no coverage but its cases list their "answers",
// the codes seen are summarised instead.
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cc::reports {

struct ApiCoverage {
  const nlohmann::json* documented = nullptr;    // array, or null when absent
  const nlohmann::json* undocumented = nullptr;  // array, or null when absent
  int documented_count() const;
  int triggered_count() const;
  int not_triggerable_count() const;
  int undocumented_count() const;
};

// Per API (sorted), from results["coverage"]; empty when the file has none.
std::map<std::string, ApiCoverage> read_coverage(const nlohmann::json& results);

// A documented code counts as triggered when some case triggered it.
bool triggered(const nlohmann::json& documented_code);

// Codes seen in the cases' "answers", per API: code -> (statuses, case ids).
struct SeenCode {
  std::vector<int> statuses;
  std::vector<std::string> cases;
};
std::map<std::string, std::map<std::string, SeenCode>> codes_seen(const nlohmann::json& results);

// One line per API: "64 of 107 documented codes triggered (43 not triggerable), 1 undocumented
// code seen", or from answers "coverage not recorded; 5 error codes seen". Empty when neither.
std::vector<std::pair<std::string, std::string>> coverage_lines(const nlohmann::json& results);

// The union of two shards' coverage (report merge): triggered_by and status_seen are united, a
// code triggered anywhere is triggered (its not_triggerable reason dropped).
nlohmann::json merge_coverage(const nlohmann::json& a, const nlohmann::json& b);

}  // namespace cc::reports
