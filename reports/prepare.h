#pragma once
// The copy of a results file every renderer works from: validated, null fields dropped, each
// transcript redacted and the target reduced to its public identity (see redact.h).
#include <nlohmann/json.hpp>

#include <string>

namespace cc::reports {

// Throws core::DataError naming `file` and the JSON pointer when the results are malformed.
nlohmann::json prepare_for_reports(const nlohmann::json& results,
                                   const std::string& file = "results.json");

}  // namespace cc::reports
