#include "reports/findings.h"

namespace cc::reports {

std::string findings_text(const Results& results) {
  const auto& all = results.findings;
  if (all.empty()) return "";
  std::string out = "\nDocuments and the real service disagree (" + std::to_string(all.size()) +
                    ") — findings, not failures:\n";
  for (const auto& f : all)
    out += "\n" + f.api + ": " + f.what + "\n  " + f.document + "\n  " + f.observed + "\n";
  return out;
}

}  // namespace cc::reports
