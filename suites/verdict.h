#pragma once
// A case's outcome from its assertions — the worst failed one decides — and the failure text a
// person reads (README "How to read a failure"): what was expected and what came back, in the
// suite's own words, the level, the passage it rests on and the replay line.
#include <string>

#include "harness/core/results.h"

namespace cc::suites {

// HarnessError | Fail (a MUST assertion failed) | Deviation (only SHOULD ones) | Inconclusive |
// Pass (a MUST or SHOULD assertion held) | Observed (nothing but observations).
core::CaseOutcome outcome_of(const core::CaseRecord& record);

// One block per failed MUST/SHOULD assertion — its level and fact, the message, the passages —
// worded as every report words it (reports/failure.h).
std::string failure_text(const core::CaseRecord& record);

}  // namespace cc::suites
