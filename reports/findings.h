#pragma once
// The results file's `findings`: where a document and a recording of the real service disagree.
// Both stand; the report names the disagreement ("the document says … / the real service was
// seen …"), never as a failure of the target.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cc::reports {

struct Finding {
  std::string api, what;
  std::string document;  // passage_text of the documented fact
  std::string observed;  // passage_text of the recording
};

// Empty for a results file without findings.
std::vector<Finding> findings_of(const nlohmann::json& results);

// "Documents and the real service disagree (N):" and one block per finding; empty when none.
std::string findings_text(const nlohmann::json& results);

}  // namespace cc::reports
