#pragma once
// A case's outcome from its assertions — the worst failed one decides — and the failure text a
// person reads (README "How to read a failure"): what was expected and what came back, in the
// suite's own words, the level, the passage it rests on and the replay line.
#include <string>

#include "harness/core/results.h"

namespace cc::suites {

// harness_error | fail (a MUST assertion failed) | deviation (only SHOULD ones) | inconclusive |
// pass (a MUST or SHOULD assertion held) | observed (nothing but observations).
std::string outcome_of(const core::CaseRecord& record);

// One block per failed MUST/SHOULD assertion — its level and fact, the message, the passages —
// worded as every report words it (reports/failure.h).
std::string failure_text(const core::CaseRecord& record);

}  // namespace cc::suites
