#pragma once
// Error-code coverage of a run: for each subject API, every documented code — which cases
// triggered it and with which HTTP status, or why no case could — and every code the target
// answered that the documents do not list.
#include <nlohmann/json.hpp>

#include "harness/core/catalogue.h"
#include "harness/core/results.h"

namespace cc::suites {

nlohmann::json error_code_coverage(const core::Catalogue& catalogue, const core::RunRecord& run);

// "error codes: 64 of 107 documented codes triggered, 0 undocumented"
std::string coverage_line(const nlohmann::json& coverage);

}  // namespace cc::suites
