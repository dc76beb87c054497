#include "suites/verdict.h"

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

std::string cited(const nlohmann::json& p) {
  const std::string source = p.value("source", "");
  if (source == "seed") return p.value("file", "");
  if (source == "protocols") return "protocols.md " + p.value("section", "");
  if (source == "observed")
    return p.value("file", "") + ", " + p.value("scenario", "") + " step " + std::to_string(p.value("step", -1));
  return source;
}

std::string failure_text(const core::CaseRecord& r) {
  std::string out;
  for (const auto& a : r.assertions) {
    const std::string level = a.value("level", "");
    if (a.value("passed", true) || level == "OBSERVED") continue;
    out += (out.empty() ? "" : "\n") + std::string("  ") + level + "  " + a.value("what", "") + "\n    " +
           a.value("message", "");
    for (const auto& p : a.value("rests_on", nlohmann::json::array())) {
      const std::string source = p.value("source", "");
      if (source == "silent" || source == "inferred") continue;
      const std::string words = p.value("passage", "");
      const char* says = source == "observed" ? "the real service was seen" : "the document says";
      out += "\n    " + std::string(says) + " (" + cited(p) + "): \"" + words + "\"";
    }
  }
  return out;
}

}  // namespace cc::suites
