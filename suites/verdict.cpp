#include "suites/verdict.h"

#include "reports/failure.h"

namespace cc::suites {

namespace {

bool failed_at(const core::CaseRecord& r, const char* level) {
  for (const auto& a : r.assertions)
    if (!a.value("passed", true) && a.value("level", "") == level) return true;
  return false;
}

bool held_at_least_should(const core::CaseRecord& r) {
  for (const auto& a : r.assertions) {
    const std::string level = a.value("level", "");
    if (a.value("passed", false) && (level == "MUST" || level == "SHOULD")) return true;
  }
  return false;
}

}  // namespace

std::string outcome_of(const core::CaseRecord& r) {
  if (!r.harness_error.empty()) return "harness_error";
  if (failed_at(r, "MUST")) return "fail";
  if (failed_at(r, "SHOULD")) return "deviation";
  if (!r.inconclusive.empty()) return "inconclusive";
  if (held_at_least_should(r)) return "pass";
  return "observed";
}

std::string failure_text(const core::CaseRecord& r) {
  std::string out;
  for (const auto& why : reports::failure_reasons(r.to_json())) {
    out += (out.empty() ? "  " : "\n  ") + why.level + "  " + why.what + "\n    " + why.message;
    for (const auto& p : why.rests_on) {
      const std::string source = p.value("source", "");
      if (source != "silent" && source != "inferred") out += "\n    " + reports::passage_text(p);
    }
  }
  return out;
}

}  // namespace cc::suites
