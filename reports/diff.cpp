#include "reports/diff.h"

#include <map>
#include <sstream>

#include "reports/failure.h"
#include "reports/model.h"
#include "reports/text.h"

namespace cc::reports {
namespace {

using nlohmann::json;

using O = CaseOutcome;

std::map<std::string, const Case*> by_id(const Results& results) {
  std::map<std::string, const Case*> out;
  for (const Case& c : results.cases) out[c.id] = &c;
  return out;
}

// The line a change is shown with: for a case that did not simply pass, what happened to it.
std::string headline_of(const Case* c) {
  if (!c) return "";
  if (c->outcome == O::Pass || c->outcome == O::Observed || c->outcome == O::NotSupported)
    return headline(c->message);
  return failure_title(*c);
}

// A case that fails the gate: fail, or a deviation under the SHOULD gate.
bool failing(O outcome, Gate gate) {
  return outcome == O::Fail || (gate == Gate::Should && outcome == O::Deviation);
}

// Where one case's change belongs (besides new cases, unexpected passes and harness errors).
std::vector<CaseChange>* section_of(ResultsDiff& d, std::optional<O> was, O now) {
  const bool failed_before = was == O::Fail || was == O::Deviation;
  if (failing(now, d.gate) && (was == now || (now == O::Deviation && was == O::Fail)))
    return &d.still_failing;
  if (failing(now, d.gate)) return &d.regressions;
  if (now == O::Deviation && !failed_before) return &d.new_deviations;
  if (now == O::Inconclusive && was != now) return &d.inconclusive;
  if ((failed_before || was == O::ExpectedFail) && met(now)) return &d.fixes;
  if (was && was != now) return &d.outcome_changes;
  return nullptr;
}

struct Section {
  const char* title;
  const std::vector<CaseChange>* items;
};

std::vector<Section> sections(const ResultsDiff& d) {
  return {
      {"Regressions", &d.regressions},
      {"Unexpected failures (failing in both)", &d.still_failing},
      {"Unexpected passes (update the expectations file)", &d.unexpected_passes},
      {"Harness errors", &d.harness_errors},
      {"New deviations from SHOULD (reported, not failed under the MUST gate)", &d.new_deviations},
      {"Now inconclusive (neither met nor broken: nothing judged them)", &d.inconclusive},
      {"Fixes", &d.fixes},
      {"New cases", &d.new_cases},
      {"Removed cases", &d.removed_cases},
      {"Other outcome changes", &d.outcome_changes}};
}

std::string arrow(const CaseChange& c) {
  return (c.before ? to_string(*c.before) : "(new)") + " → " +
         (c.after ? to_string(*c.after) : "(removed)");
}

std::string tally(const ResultsDiff& d) {
  return std::to_string(d.regressions.size()) + " regressions, " +
         std::to_string(d.still_failing.size()) + " still failing, " +
         std::to_string(d.unexpected_passes.size()) + " unexpected passes, " +
         std::to_string(d.harness_errors.size()) + " harness errors, " +
         std::to_string(d.new_deviations.size()) + " new deviations, " +
         std::to_string(d.inconclusive.size()) + " inconclusive, " +
         std::to_string(d.fixes.size()) + " fixes, " + std::to_string(d.new_cases.size()) +
         " new, " + std::to_string(d.removed_cases.size()) + " removed";
}

}  // namespace

int ResultsDiff::status() const {
  if (!harness_errors.empty()) return 2;
  if (!regressions.empty() || !still_failing.empty() || !unexpected_passes.empty()) return 1;
  return 0;
}

ResultsDiff diff_results(const Results& base, const Results& next) {
  ResultsDiff d;
  d.gate = next.gate;
  const auto before = by_id(base), after = by_id(next);
  for (const auto& [id, b] : before)
    if (!after.count(id)) d.removed_cases.push_back({id, b->outcome, std::nullopt, headline_of(b)});
  for (const auto& [id, n] : after) {
    auto it = before.find(id);
    const std::optional<O> was =
        it == before.end() ? std::nullopt : std::optional<O>(it->second->outcome);
    const O now = n->outcome;
    const CaseChange change{id, was, now, headline_of(n)};
    if (!was) d.new_cases.push_back(change);
    if (auto* section = section_of(d, was, now)) section->push_back(change);
    if (now == O::UnexpectedPass) d.unexpected_passes.push_back(change);
    if (now == O::HarnessError) d.harness_errors.push_back(change);
  }
  const std::pair<const char*, const std::optional<std::string> Results::*> notes[] = {
      {"catalogue_hash", &Results::catalogue_hash}, {"version", &Results::suite_version}};
  for (const auto& [key, field] : notes) {
    const std::string a = (base.*field).value_or(""), b = (next.*field).value_or("");
    if (a != b) d.notes.push_back(std::string("suite ") + key + " changed: " + a + " → " + b);
  }
  return d;
}

ResultsDiff diff_results(const json& base, const json& next) {
  return diff_results(read_results(base, "base"), read_results(next, "new"));
}

std::string render_diff_text(const ResultsDiff& d, const std::string& base_name,
                             const std::string& new_name) {
  std::ostringstream out;
  out << "cloudconform report diff " << base_name << " → " << new_name << "\n";
  for (const auto& n : d.notes) out << "note: " << n << "\n";
  for (const auto& [title, items] : sections(d)) {
    if (items->empty()) continue;
    out << "\n" << title << " (" << items->size() << "):\n";
    for (const auto& c : *items) {
      out << "  " << c.id << ": " << arrow(c) << "\n";
      if (!c.message.empty()) out << "      " << clean_text(c.message) << "\n";
    }
  }
  out << "\n" << tally(d) << "; exit " << d.status() << "\n";
  return out.str();
}

std::string render_diff_markdown(const ResultsDiff& d, const std::string& base_name,
                                 const std::string& new_name) {
  std::ostringstream out;
  const char* mark = d.status() == 0 ? "✅" : d.status() == 1 ? "❌" : "⚠️";
  out << "## " << mark << " cloudconform diff: " << markdown_inline(tally(d), 400) << "\n\n"
      << "Base " << markdown_inline(base_name) << " → new " << markdown_inline(new_name) << "\n";
  for (const auto& n : d.notes) out << "\n> " << markdown_inline(n, 400) << "\n";
  for (const auto& [title, items] : sections(d)) {
    if (items->empty()) continue;
    out << "\n### " << title << " (" << items->size()
        << ")\n\n| case | outcome | message |\n|---|---|---|\n";
    for (const auto& c : *items)
      out << "| " << markdown_inline(c.id) << " | " << markdown_inline(arrow(c)) << " | "
          << markdown_inline(c.message, 160) << " |\n";
  }
  return out.str();
}

}  // namespace cc::reports
