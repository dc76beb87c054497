#include "suites/verdict.h"

#include <optional>

#include "reports/failure.h"

namespace cc::suites {

namespace {

// An assertion's level as recorded; the suite writes only the three names (claim.h).
std::optional<core::Level> level_of(const nlohmann::json& assertion) {
  return core::parse_level(assertion.value("level", ""));
}

bool failed_at(const core::CaseRecord& r, core::Level level) {
  for (const auto& a : r.assertions)
    if (!a.value("passed", true) && level_of(a) == level) return true;
  return false;
}

bool held_at_least_should(const core::CaseRecord& r) {
  for (const auto& a : r.assertions) {
    const auto level = level_of(a);
    if (a.value("passed", false) && level && *level >= core::Level::Should) return true;
  }
  return false;
}

}  // namespace

core::CaseOutcome outcome_of(const core::CaseRecord& r) {
  using core::CaseOutcome;
  if (!r.harness_error.empty()) return CaseOutcome::HarnessError;
  if (failed_at(r, core::Level::Must)) return CaseOutcome::Fail;
  if (failed_at(r, core::Level::Should)) return CaseOutcome::Deviation;
  if (!r.inconclusive.empty()) return CaseOutcome::Inconclusive;
  if (held_at_least_should(r)) return CaseOutcome::Pass;
  return CaseOutcome::Observed;
}

std::string failure_text(const core::CaseRecord& r) {
  std::string out;
  for (const auto& why : reports::failure_reasons(reports::read_case(r.to_json()))) {
    out += (out.empty() ? "  " : "\n  ") + to_string(why.level) + "  " + why.what + "\n    " +
           why.message;
    for (const reports::Passage& p : why.rests_on)
      if (p.source != "silent" && p.source != "inferred")
        out += "\n    " + reports::passage_text(p);
  }
  return out;
}

}  // namespace cc::suites
