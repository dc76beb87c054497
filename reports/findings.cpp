#include "reports/findings.h"

#include "reports/failure.h"

namespace cc::reports {

std::vector<Finding> findings_of(const nlohmann::json& results) {
  std::vector<Finding> out;
  if (!results.contains("findings") || !results["findings"].is_array()) return out;
  for (const auto& f : results["findings"]) {
    if (!f.is_object()) continue;
    out.push_back({f.value("api", ""), f.value("what", ""),
                   passage_text(f.value("document", nlohmann::json::object())),
                   passage_text(f.value("observed", nlohmann::json::object()))});
  }
  return out;
}

std::string findings_text(const nlohmann::json& results) {
  const auto all = findings_of(results);
  if (all.empty()) return "";
  std::string out = "\nDocuments and the real service disagree (" + std::to_string(all.size()) +
                    ") — findings, not failures:\n";
  for (const auto& f : all)
    out += "\n" + f.api + ": " + f.what + "\n  " + f.document + "\n  " + f.observed + "\n";
  return out;
}

}  // namespace cc::reports
