#pragma once
// The results files the report tests read: real runs (data/regenerate.sh) and hand-made ones.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cc::reports::testing {

std::string data_path(const std::string& name);     // data/<name>
nlohmann::json load_data(const std::string& name);  // data/<name>, parsed
std::vector<std::string> data_files();              // every data/*.json, by name
std::string read_text(const std::string& path);

// The real runs: clean (everything passes), and two with emulator deviations (failures).
inline const char* const kClean = "clean.json";
inline const char* const kStoppedAccepted = "stop-accepts-any-state.json";
inline const char* const kNeverThrottles = "never-throttles.json";
// Hand-made: secrets where a careless renderer would copy them, coverage, every outcome.
inline const char* const kCanary = "canary.json";
// Hand-made: per-assertion levels — a fail with MUST and SHOULD assertions (one in GoogleTest's
// words), a deviation, an inconclusive case, a failing property with its shrunk case, a failure
// with a message too long for a line. No "gate": MUST by default.
inline const char* const kAssertions = "assertions.json";

// A copy of a results file with its gate set ("must" or "should").
nlohmann::json with_gate(nlohmann::json results, const std::string& gate);

// The case with an id (a copy; null when absent).
nlohmann::json case_of(const nlohmann::json& results, const std::string& id);

// Every report of a results file: junit.xml, report.md and report.html, by name.
std::vector<std::pair<std::string, std::string>> all_reports(const nlohmann::json& results);

// How many times `needle` occurs in `hay` (overlapping occurrences count).
inline size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

// Ids of the cases with an outcome.
std::vector<std::string> ids_with(const nlohmann::json& results, const std::string& outcome);

}  // namespace cc::reports::testing
