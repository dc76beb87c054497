#pragma once
// Known failures of a target live in data, not in code: fixtures/expectations/<target>.json
//   {"target": "...", "expected_failures": [{"case": "<id or regex>", "reason": "...", "link":
//   "...", "outcome": "fail" | "deviation" (optional, default "fail")}]}
// (format: fixtures/expectations/README.md). Applying them classifies each case: a listed case
// that fails (or deviates) as listed is expected_fail, a listed pass — or a listed failure that
// now only deviates — is unexpected_pass (strict: the file must be updated), a listed deviation
// that now fails a MUST stays fail, anything else keeps its outcome.
#include <nlohmann/json.hpp>

#include <string>

namespace cc::reports {

// Reads and checks an expectations file; throws core::DataError naming the file and pointer.
nlohmann::json load_expectations(const std::string& path);

// Checks an expectations document (unknown fields, types, empty reasons, invalid patterns).
void validate_expectations(const nlohmann::json& expectations, const std::string& file);

// Classifies the cases (replacing any classification from an earlier file), records
// "expectation": {case, reason, link, outcome, was} on each listed case (was: the suite's own
// outcome, from which a second file starts), lists patterns that matched nothing
// under top-level "expectations", and recomputes the summary. Throws core::DataError on a
// malformed expectations document.
void apply_expectations(nlohmann::json& results, const nlohmann::json& expectations,
                        const std::string& file = "expectations");

}  // namespace cc::reports
