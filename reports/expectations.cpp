#include "reports/expectations.h"

#include <optional>
#include <stdexcept>

#include "harness/core/json_reader.h"
#include "harness/core/linear_regex.h"
#include "reports/model.h"

namespace cc::reports {
namespace {

using nlohmann::json;

struct Entry {
  std::string pattern, reason, link;
  // What the listed case is known to do: fail (the default) or deviation.
  CaseOutcome outcome = CaseOutcome::Fail;
  // Matched in time linear in the id: std::regex backtracked for minutes on `f**…` (a fuzz
  // finding).
  core::LinearRegex re;
};

std::vector<Entry> read_entries(const json& doc, const std::string& file) {
  core::JsonReader r(doc, file, "expectations");
  r.expect_object();
  r.string("target");
  std::vector<Entry> out;
  for (core::JsonReader e : r.array("expected_failures")) {
    e.expect_object();
    Entry x;
    x.pattern = e.string("case");
    x.reason = e.string("reason");
    x.link = e.string("link");
    const auto outcome = e.optional("outcome");  // optional: older files list failures only
    const std::string name = outcome ? outcome->as_string() : "fail";
    if (name != "fail" && name != "deviation")
      e.fail("bad_value", "outcome must be \"fail\" or \"deviation\", not \"" + name + "\"",
             "outcome");
    x.outcome = *core::parse_case_outcome(name);
    if (x.pattern.empty()) e.fail("bad_value", "the case pattern is empty", "case");
    if (x.reason.empty()) e.fail("bad_value", "a known failure needs a reason", "reason");
    try {
      x.re = core::LinearRegex(x.pattern);
    } catch (const std::invalid_argument& err) {
      e.fail("bad_value", "not a valid regular expression: " + std::string(err.what()), "case");
    }
    e.done();
    out.push_back(std::move(x));
  }
  r.done();
  return out;
}

// An id matches its own text exactly, or the whole pattern as a regular expression.
bool matches(const Entry& e, const std::string& id) { return e.pattern == id || e.re.matches(id); }

// A listed case's outcome against what the entry knows of it. Strict both ways, so the file
// stays true: the known outcome is expected_fail; a pass — or, for a known MUST failure, a case
// that now only deviates — is unexpected_pass (the entry must change); a failure worse than the
// known deviation stays fail; anything else (observed, not supported, inconclusive, harness
// error) is unchanged.
CaseOutcome classify(CaseOutcome outcome, const Entry& e) {
  using O = CaseOutcome;
  if (outcome == e.outcome) return O::ExpectedFail;
  if (outcome == O::Pass || (outcome == O::Deviation && e.outcome == O::Fail))
    return O::UnexpectedPass;
  return outcome;
}

// The suite's own verdict of a case, before any expectations file classified it: a second file
// replaces the first. nullopt for a name no outcome has: the results reader names it.
std::optional<CaseOutcome> suite_outcome(const json& c) {
  const auto e = c.find("expectation");
  if (e != c.end() && e->is_object() && e->contains("was") && (*e)["was"].is_string())
    return core::parse_case_outcome((*e)["was"].get<std::string>());
  const auto it = c.find("outcome");
  const auto outcome =
      core::parse_case_outcome(it != c.end() && it->is_string() ? it->get<std::string>() : "");
  if (outcome == CaseOutcome::ExpectedFail) return CaseOutcome::Fail;
  if (outcome == CaseOutcome::UnexpectedPass) return CaseOutcome::Pass;
  return outcome;
}

}  // namespace

json load_expectations(const std::string& path) {
  json doc = core::read_json_file(path, "expectations");
  validate_expectations(doc, path);
  return doc;
}

void validate_expectations(const json& expectations, const std::string& file) {
  read_entries(expectations, file);
}

void apply_expectations(json& results, const json& expectations, const std::string& file) {
  const std::vector<Entry> entries = read_entries(expectations, file);
  std::vector<bool> used(entries.size(), false);
  if (!results.is_object() || !results.contains("cases") || !results["cases"].is_array())
    return;  // nothing to classify: the results reader says what is wrong
  for (auto& c : results["cases"]) {
    if (!c.is_object() || !c.contains("id") || !c["id"].is_string()) continue;
    const std::optional<CaseOutcome> was = suite_outcome(c);
    if (!was) continue;
    CaseOutcome outcome = *was;
    c.erase("expectation");
    const std::string id = c["id"];
    for (size_t i = 0; i < entries.size(); ++i) {
      if (!matches(entries[i], id)) continue;
      used[i] = true;
      c["expectation"] = {{"case", entries[i].pattern},
                          {"reason", entries[i].reason},
                          {"link", entries[i].link},
                          {"outcome", core::to_string(entries[i].outcome)},
                          {"was", core::to_string(outcome)}};
      outcome = classify(outcome, entries[i]);
      break;
    }
    c["outcome"] = core::to_string(outcome);
  }
  json unmatched = json::array();
  for (size_t i = 0; i < entries.size(); ++i)
    if (!used[i]) unmatched.push_back(entries[i].pattern);
  results["expectations"] = {
      {"file", file}, {"target", expectations["target"]}, {"unmatched", unmatched}};
  recompute_summary(results);
}

}  // namespace cc::reports
