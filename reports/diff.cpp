#include "reports/diff.h"

#include <map>
#include <sstream>

#include "reports/coverage.h"
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

// Removed cases come right after the failures when they fail the gate.
std::vector<Section> sections(const ResultsDiff& d) {
  const Section removed{"Removed cases", &d.removed_cases};
  std::vector<Section> out = {
      {"Regressions", &d.regressions},
      {"Unexpected failures (failing in both)", &d.still_failing},
      {"Unexpected passes (update the expectations file)", &d.unexpected_passes},
      {"Harness errors", &d.harness_errors}};
  if (!d.allow_removed) out.push_back(removed);
  out.insert(
      out.end(),
      {{"New deviations from SHOULD (reported, not failed under the MUST gate)", &d.new_deviations},
       {"Now inconclusive (neither met nor broken: nothing judged them)", &d.inconclusive},
       {"Fixes", &d.fixes},
       {"New cases", &d.new_cases}});
  if (d.allow_removed) out.push_back(removed);
  out.push_back({"Other outcome changes", &d.outcome_changes});
  return out;
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
         " new, " + std::to_string(d.removed_cases.size()) + " removed" +
         (d.allow_removed && !d.removed_cases.empty() ? " (allowed)" : "");
}

// A run that lost most of its cases lists a few of them, not a screenful: the count is the news.
constexpr size_t kRemovedShown = 5;

bool collapsed(const std::vector<CaseChange>& items, const ResultsDiff& d, bool verbose) {
  return &items == &d.removed_cases && !verbose && items.size() > kRemovedShown;
}

std::string more_line(const std::vector<CaseChange>& items, const std::string& flag) {
  return "and " + std::to_string(items.size() - kRemovedShown) + " more; " + flag + " lists them";
}

std::string removed_verdict(const ResultsDiff& d) {
  return d.allow_removed ? "allowed by --allow-removed"
                         : "cases of BASE missing from NEW fail the gate; --allow-removed "
                           "accepts them";
}

// The embedded emulator binds port 0: a loopback port is no part of the target's identity.
std::string without_loopback_port(const std::string& url) {
  for (const std::string host : {"://127.0.0.1:", "://localhost:", "://[::1]:"}) {
    const size_t at = url.find(host);
    if (at == std::string::npos) continue;
    const size_t port = at + host.size();
    const size_t path = url.find('/', port);
    return url.substr(0, port - 1) + (path == std::string::npos ? "" : url.substr(path));
  }
  return url;
}

std::string endpoints_text(const Results& r) {
  std::string out;
  if (!r.endpoints) return out;
  for (const Endpoint& e : *r.endpoints)
    out += (out.empty() ? "" : ", ") + e.product + "=" + without_loopback_port(e.url) +
           (e.host.empty() ? "" : " (" + e.host + ")");
  return out;
}

// "NEW judged 4 of 200 cases (--only 'TencentCvm*')"; empty for a whole run or an older file.
std::string selection_note(const std::string& which, const Results& r) {
  const std::string partial = partial_selection(r);
  return partial.empty() ? "" : which + " " + partial;
}

// What makes the two runs not like for like, most telling first.
std::vector<std::string> identity_notes(const Results& base, const Results& next) {
  std::vector<std::string> notes;
  for (const auto& n : {selection_note("BASE", base), selection_note("NEW", next)})
    if (!n.empty()) notes.push_back(n);
  const auto shown = [](const std::string& v) { return v.empty() ? std::string("(none)") : v; };
  const std::pair<std::string, std::pair<std::string, std::string>> fields[] = {
      {"target name", {base.target_name.value_or(""), next.target_name.value_or("")}},
      {"target kind", {base.target_kind.value_or(""), next.target_kind.value_or("")}},
      {"target endpoints", {endpoints_text(base), endpoints_text(next)}},
      {"suite version", {base.suite_version.value_or(""), next.suite_version.value_or("")}},
      {"suite catalogue_hash",
       {base.catalogue_hash.value_or(""), next.catalogue_hash.value_or("")}}};
  for (const auto& [what, values] : fields)
    if (values.first != values.second)
      notes.push_back(what + " changed: " + shown(values.first) + " → " + shown(values.second));
  return notes;
}

}  // namespace

int ResultsDiff::status() const {
  if (!harness_errors.empty()) return 2;
  if (!regressions.empty() || !still_failing.empty() || !unexpected_passes.empty()) return 1;
  if (!removed_cases.empty() && !allow_removed) return 1;
  return 0;
}

ResultsDiff diff_results(const Results& base, const Results& next, const DiffOptions& options) {
  ResultsDiff d;
  d.gate = next.gate;
  d.allow_removed = options.allow_removed;
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
  d.notes = identity_notes(base, next);
  return d;
}

ResultsDiff diff_results(const json& base, const json& next, const DiffOptions& options) {
  return diff_results(read_results(base, "base"), read_results(next, "new"), options);
}

std::string render_diff_text(const ResultsDiff& d, const std::string& base_name,
                             const std::string& new_name, bool verbose) {
  std::ostringstream out;
  out << "cloudconform report diff " << base_name << " → " << new_name << "\n";
  for (const auto& n : d.notes) out << "note: " << n << "\n";
  for (const auto& [title, items] : sections(d)) {
    if (items->empty()) continue;
    out << "\n" << title << " (" << items->size() << "):";
    if (collapsed(*items, d, verbose)) {
      for (size_t i = 0; i < kRemovedShown; ++i) out << " " << (*items)[i].id << ",";
      out << " " << more_line(*items, "--verbose") << "\n";
    } else {
      out << "\n";
      for (const auto& c : *items) {
        out << "  " << c.id << ": " << arrow(c) << "\n";
        if (!c.message.empty()) out << "      " << clean_text(c.message) << "\n";
      }
    }
    if (items == &d.removed_cases) out << "  (" << removed_verdict(d) << ")\n";
  }
  out << "\n" << tally(d) << "; exit " << d.status() << "\n";
  return out.str();
}

std::string render_diff_markdown(const ResultsDiff& d, const std::string& base_name,
                                 const std::string& new_name, bool verbose) {
  std::ostringstream out;
  const char* mark = d.status() == 0 ? "✅" : d.status() == 1 ? "❌" : "⚠️";
  out << "## " << mark << " cloudconform diff: " << markdown_inline(tally(d), 400) << "\n\n"
      << "Base " << markdown_inline(base_name) << " → new " << markdown_inline(new_name) << "\n";
  for (const auto& n : d.notes) out << "\n> " << markdown_inline(n, 400) << "\n";
  for (const auto& [title, items] : sections(d)) {
    if (items->empty()) continue;
    out << "\n### " << title << " (" << items->size()
        << ")\n\n| case | outcome | message |\n|---|---|---|\n";
    const bool collapse = collapsed(*items, d, verbose);
    for (size_t i = 0; i < (collapse ? kRemovedShown : items->size()); ++i) {
      const CaseChange& c = (*items)[i];
      out << "| " << markdown_inline(c.id) << " | " << markdown_inline(arrow(c)) << " | "
          << markdown_inline(c.message, 160) << " |\n";
    }
    if (collapse) out << "\n…" << more_line(*items, "`--verbose`") << ".\n";
    if (items == &d.removed_cases) out << "\n" << removed_verdict(d) << ".\n";
  }
  return out.str();
}

}  // namespace cc::reports
