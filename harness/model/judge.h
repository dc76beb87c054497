#pragma once
// Whether what a target did is one of the outcomes the model allows: the answer (success,
// per-instance results, or an error code with its HTTP status) and the state every named
// instance shows right after.
#include <map>
#include <set>
#include <string>

#include "harness/core/outcome.h"
#include "harness/model/expectation.h"

namespace cc::model {

struct Judgement {
  bool agrees = true;
  std::string message;          // why not: what came back, what the documents allow
  std::string outcome_class;    // accepted | accepted per instance | refused: <trigger> | dry run
                                // passed | ...
  std::set<std::string> acted;  // instances the target acted on (now heading elsewhere)
};

// `after`: the canonical state of each existing named instance, observed right after the call.
Judgement judge(const Expectation& expected, const core::Outcome& outcome,
                const std::map<std::string, std::string>& after);

// The answer alone, for calls whose states cannot be read in between (two calls released
// together): every state check is skipped; `acted` says what the answer claims was acted on.
Judgement judge_answer(const Expectation& expected, const core::Outcome& outcome);

// The violations the model found, in words, for messages ("id.not_found lhins-00000001; ...").
std::string describe_violations(const Expectation& expected);

}  // namespace cc::model
