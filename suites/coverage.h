#pragma once
// Error-code coverage of a run: for each subject API some case of the run judged, every
// documented code — which cases triggered it and with which HTTP status, or why none did: "not
// triggerable" when no black-box client can arrange it, "not exercised" when this run's cases
// (or its partial selection) did not — and every code the target answered that the documents do
// not list. APIs the run judged no case of are left out: they were not run, not covered.
#include <nlohmann/json.hpp>

#include "harness/core/catalogue.h"
#include "harness/core/results.h"

namespace cc::suites {

// run.selection, when recorded, tells a partial selection (reasons say "not run") from a whole run.
nlohmann::json error_code_coverage(const core::Catalogue& catalogue, const core::RunRecord& run);

// "error codes: 4 of 35 documented codes triggered (20 not exercised by this selection, 11 not
// triggerable), 0 undocumented"
std::string coverage_line(const nlohmann::json& coverage);

}  // namespace cc::suites
