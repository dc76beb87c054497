#pragma once
// A run compared with a snapshot under declared equivalence rules (rules() below; the same
// texts are written into every snapshot and printed with every comparison). Both sides are
// normalised alike (normalise.h), so the rules compare behaviour, not run-specific values.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "harness/core/catalogue.h"
#include "harness/snapshot/snapshot.h"

namespace cc::snapshot {

// One place where the run's answer is not equivalent to the recorded one.
struct Difference {
  std::string case_id, api;
  // Index of the exchange in the recorded case (in the run's, when only the run had it); -1
  // for a state sequence, which spans the case's Describe calls.
  int exchange = 0;
  std::string action, pointer;        // pointer into the normalised exchange ("" = the whole one)
  nlohmann::json recorded, observed;  // null on the side that lacks it
  std::string rule;                   // the rule broken: one of rule_names()
};

struct Comparison {
  nlohmann::json snapshot_identity;
  std::string snapshot_dir;
  std::vector<std::string> rules;
  int compared = 0;  // cases present in both
  std::vector<std::string> not_in_snapshot, not_run;
  std::vector<Difference> differences;
};

// "<name>: <text>" of each rule, in the order they are applied.
const std::vector<std::string>& rules();

// Every case of the snapshot that the run has too (with a transcript) is compared.
Comparison compare(const Snapshot& recorded, const nlohmann::json& results,
                   const core::Catalogue& catalogue);

// Two normalised cases ({"id", "api", "exchanges", "states"?}); `prefix`: the recorded state
// sequences need only be prefixes of the run's.
std::vector<Difference> compare_case(const nlohmann::json& recorded, const nlohmann::json& observed,
                                     bool prefix, const core::Catalogue& catalogue);

// The results.json "differential" section (schema: snapshot.h).
nlohmann::json to_json(const Comparison& comparison);
nlohmann::json to_json(const Difference& difference);

}  // namespace cc::snapshot
