#include "reports/diff.h"

#include <map>
#include <sstream>

#include "reports/failure.h"
#include "reports/model.h"
#include "reports/text.h"

namespace cc::reports {
namespace {

using nlohmann::json;

std::map<std::string, const json*> by_id(const json& results) {
  std::map<std::string, const json*> out;
  for (const auto& c : results["cases"]) out[c["id"]] = &c;
  return out;
}

// The line a change is shown with: for a case that did not simply pass, what happened to it.
std::string headline_of(const json* c) {
  if (!c) return "";
  const std::string o = (*c)["outcome"];
  if (o == "pass" || o == "observed" || o == "not_supported")
    return headline(c->value("message", ""));
  return failure_title(*c);
}

// A case that fails the gate: fail, or a deviation under the SHOULD gate.
bool failing(const std::string& outcome, const std::string& gate) {
  return outcome == "fail" || (gate == "should" && outcome == "deviation");
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
  return (c.before.empty() ? "(new)" : c.before) + " → " +
         (c.after.empty() ? "(removed)" : c.after);
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

ResultsDiff diff_results(const json& base, const json& next) {
  ResultsDiff d;
  d.gate = gate_of(next);
  const auto before = by_id(base), after = by_id(next);
  for (const auto& [id, b] : before)
    if (!after.count(id)) d.removed_cases.push_back({id, (*b)["outcome"], "", headline_of(b)});
  for (const auto& [id, n] : after) {
    auto it = before.find(id);
    const std::string was = it == before.end() ? "" : (*it->second)["outcome"].get<std::string>();
    const std::string now = (*n)["outcome"];
    const CaseChange change{id, was, now, headline_of(n)};
    if (was.empty()) d.new_cases.push_back(change);
    const bool failed_before = was == "fail" || was == "deviation";
    if (failing(now, d.gate) && (was == now || (now == "deviation" && was == "fail")))
      d.still_failing.push_back(change);
    else if (failing(now, d.gate))
      d.regressions.push_back(change);
    else if (now == "deviation" && !failed_before)
      d.new_deviations.push_back(change);
    else if (now == "inconclusive" && was != now)
      d.inconclusive.push_back(change);
    else if ((failed_before || was == "expected_fail") && met(now))
      d.fixes.push_back(change);
    else if (!was.empty() && was != now)
      d.outcome_changes.push_back(change);
    if (now == "unexpected_pass") d.unexpected_passes.push_back(change);
    if (now == "harness_error") d.harness_errors.push_back(change);
  }
  for (const char* key : {"catalogue_hash", "version"}) {
    const json::json_pointer p("/suite/" + std::string(key));
    const std::string a = base.value(p, std::string()), b = next.value(p, std::string());
    if (a != b) d.notes.push_back(std::string("suite ") + key + " changed: " + a + " → " + b);
  }
  return d;
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
