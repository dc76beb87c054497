#pragma once
// The hand-made results file of a run compared with a snapshot (data/compared.json): four
// differences of three kinds (a field, a state sequence, a whole exchange one side lacks) in
// three cases, one of them under a secret's name, canaries where a careless renderer would copy
// a credential, cases of the run the snapshot lacks and of the snapshot the run did not run.
#include <nlohmann/json.hpp>

#include <string>

#include "harness/core/json_reader.h"

namespace cc::reports::testing {

inline std::string compared_path() {
  return std::string(CC_DIFFERENTIAL_TEST_DATA) + "/compared.json";
}

inline nlohmann::json load_compared() { return core::read_json_file(compared_path(), "test"); }

// The same run under --gate differential.
inline nlohmann::json compared_under_gate() {
  nlohmann::json r = load_compared();
  r["differential_gate"] = true;
  return r;
}

// The ids of the cases the file's differences name, and how many differences it holds.
inline const char* const kFieldCase = "TencentCvmStopInstances.RejectsANonexistentInstance";
inline const char* const kStatesCase = "TencentCvmStopInstances.StopsARunningInstance";
inline const char* const kSecretCase = "TencentCvmStopInstances.RejectsAStoppedInstance";
inline constexpr size_t kDifferences = 4;

}  // namespace cc::reports::testing
