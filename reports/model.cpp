#include "reports/model.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

#include "reports/failure.h"
#include "reports/text.h"

namespace cc::reports {

using nlohmann::json;

std::string gate_of(const json& results) {
  const auto it = results.find("gate");
  return it != results.end() && it->is_string() && *it == "should" ? "should" : "must";
}

std::string gate_line(Gate gate) {
  return gate == Gate::Should
             ? "Gate: MUST and SHOULD assertions (a deviation from SHOULD fails the run)"
             : "Gate: MUST assertions (deviations from SHOULD are reported, not failed)";
}

std::string gate_line(const json& results) { return gate_line(read_results(results).gate); }

void validate_results(const json& results, const std::string& file) { read_results(results, file); }

json count_outcomes(const json& cases) {
  json s = {{"total", cases.size()}};
  for (CaseOutcome o : core::all_case_outcomes()) s[core::to_string(o)] = 0;
  for (const auto& c : cases) {
    const std::string o = c.value("outcome", "");
    if (s.contains(o)) s[o] = s[o].get<int>() + 1;
  }
  return s;
}

void recompute_summary(json& results) { results["summary"] = count_outcomes(results["cases"]); }

bool met(CaseOutcome o) {
  return o == CaseOutcome::Pass || o == CaseOutcome::Observed || o == CaseOutcome::UnexpectedPass;
}
bool judged(CaseOutcome o) {
  return o != CaseOutcome::NotSupported && o != CaseOutcome::HarnessError &&
         o != CaseOutcome::Inconclusive;
}
bool non_conformant(CaseOutcome o, Gate gate) {
  return o == CaseOutcome::Fail || o == CaseOutcome::UnexpectedPass ||
         (gate == Gate::Should && o == CaseOutcome::Deviation);
}

Matrix compute_matrix(const Results& results) {
  Matrix m;
  std::set<std::string> families;
  for (const Case& c : results.cases) {
    families.insert(to_string(c.family));
    for (Cell* cell : {&m.cells[c.api][to_string(c.family)], &m.per_api[c.api], &m.overall}) {
      cell->cases++;
      if (!judged(c.outcome)) continue;
      cell->judged++;
      if (met(c.outcome)) cell->met++;
      if (c.outcome == CaseOutcome::Deviation) cell->deviations++;
    }
  }
  m.families.assign(families.begin(), families.end());
  return m;
}

Matrix compute_matrix(const json& results) { return compute_matrix(read_results(results)); }

std::vector<const Restoration*> unrestored(const Results& results) {
  std::vector<const Restoration*> out;
  for (const Restoration& r : results.restore)
    if (!r.restored) out.push_back(&r);
  return out;
}

int exit_status(const Results& results) {
  // Instances of the user's left changed outrank any verdict: someone has to act.
  if (!unrestored(results).empty()) return 3;
  if (results.counts[CaseOutcome::HarnessError] > 0) return 2;
  for (CaseOutcome o : core::all_case_outcomes())
    if (non_conformant(o, results.gate) && results.counts[o] > 0) return 1;
  return 0;
}

int exit_status(const json& results) { return exit_status(read_results(results)); }

std::string headline(const std::string& message) { return first_line(readable_message(message)); }

std::string count_of(long long n, const std::string& singular, const std::string& plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural.empty() ? singular + "s" : plural);
}

namespace {

// "(3 deviations from SHOULD, 1 expected failure, …)": what the verdict's number leaves out.
std::string verdict_extra(const Counts& n, Gate gate) {
  std::string extra;
  auto add = [&](CaseOutcome o, const std::string& what, const std::string& whats) {
    if (n[o] > 0) extra += (extra.empty() ? " (" : ", ") + count_of(n[o], what, whats);
  };
  if (gate != Gate::Should)
    add(CaseOutcome::Deviation, "deviation from SHOULD", "deviations from SHOULD");
  add(CaseOutcome::ExpectedFail, "expected failure", "");
  add(CaseOutcome::Inconclusive, "inconclusive", "inconclusive");
  add(CaseOutcome::Observed, "observation", "");
  add(CaseOutcome::NotSupported, "not supported", "not supported");
  return extra.empty() ? extra : extra + ")";
}

// "1 case expected to fail passed (remove it from EXPECTATIONS)".
std::string unexpected_pass_text(const Results& r, int n) {
  const std::string file = r.expectations ? r.expectations->file : "the expectations file";
  return count_of(n, "case") + " expected to fail passed (remove " + (n == 1 ? "it" : "them") +
         " from " + file + ")";
}

// "37 of 200 cases ran, 163 not run" — from the selection a stopped run records; else the cases.
std::string ran_text(const Results& r) {
  const int not_run = r.selection ? r.selection->not_run : 0;
  const int selected = r.selection ? r.selection->selected : static_cast<int>(r.cases.size());
  return std::to_string(selected - not_run) + " of " + count_of(selected, "case") + " ran" +
         (not_run > 0 ? ", " + std::to_string(not_run) + " not run" : "");
}

// Whether the instances the run changed were put back, for the interrupted headline.
std::string restore_text(const Results& r) {
  const std::vector<const Restoration*> left = unrestored(r);
  if (!left.empty()) {
    std::string ids;
    for (const Restoration* x : left) ids += (ids.empty() ? "" : ", ") + x->id;
    return "could not put back " + ids + " (see \"Instances put back\")";
  }
  if (r.restore.empty()) return "no instance needed putting back";
  return r.restore.size() == 1 ? "the instance the run changed was put back"
                               : "the " + std::to_string(r.restore.size()) +
                                     " instances the run changed were put back";
}

std::string interrupted_verdict(const Results& r) {
  // "interrupted by SIGINT" (older files add ": the remaining cases were not run").
  std::string why = r.interrupted->substr(0, r.interrupted->find(':'));
  if (!why.empty()) why[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(why[0])));
  return why + ": " + ran_text(r) + "; " + restore_text(r);
}

// A --fail-fast run that stopped at its first failure says where, after its verdict.
std::string stopped_early(const Results& r, std::string v) {
  if (!r.selection || !r.selection->stopped) return v;
  return v + "; stopped early (" + *r.selection->stopped + "): " + ran_text(r);
}

std::string plain_verdict(const Results& results) {
  const Counts& n = results.counts;
  using O = CaseOutcome;
  const bool should = results.gate == Gate::Should;
  const int judged_cases = n.total - n[O::NotSupported] - n[O::HarnessError] - n[O::Inconclusive];
  const std::string extra = verdict_extra(n, results.gate);
  switch (exit_status(results)) {
    case 3: {
      std::string ids;
      for (const Restoration* r : unrestored(results)) ids += (ids.empty() ? "" : ", ") + r->id;
      return "Instances left changed: the run could not put back " + ids +
             " (see \"Instances put back\")";
    }
    case 2:
      return "Harness error: " + std::to_string(n[O::HarnessError]) +
             " cases could not be judged (the target did not answer usably)";
    case 1: {
      // What failed the run, each said plainly: failed checks, deviations under --gate should,
      // and known failures that now pass (the expectations file is stale, not the target).
      std::string v = "Non-conformant: ";
      const bool only_stale = n[O::Fail] == 0 && !(should && n[O::Deviation] > 0);
      if (!only_stale) {
        v += std::to_string(n[O::Fail]) + " of " + std::to_string(judged_cases) + " checks failed";
        if (should && n[O::Deviation] > 0)
          v += ", " + std::to_string(n[O::Deviation]) + " deviated from SHOULD";
      }
      if (n[O::UnexpectedPass] > 0)
        v += (only_stale ? "" : "; ") + unexpected_pass_text(results, n[O::UnexpectedPass]);
      return v + extra;
    }
    default:
      return "Conformant: " + std::to_string(judged_cases - n[O::ExpectedFail] - n[O::Deviation]) +
             " of " + std::to_string(judged_cases) + " checks met the documents" + extra;
  }
}

}  // namespace

std::string verdict(const Results& results) {
  // A run cut short says so first: its counts are of the cases that ran before the signal.
  if (results.interrupted) return interrupted_verdict(results);
  return stopped_early(results, plain_verdict(results));
}

std::string verdict(const json& results) { return verdict(read_results(results)); }

std::string replay_line(const Case& c) {
  return c.replay ? *c.replay : "cloudconform run --only '" + c.id + "'";
}

std::string behaviour_of(const Case& c) {
  if (!c.behaviour.empty()) return c.behaviour;
  const size_t dot = c.id.find('.');
  return dot == std::string::npos ? c.id : c.id.substr(dot + 1);
}

std::string format_ms(double ms) {
  char buf[32];
  if (ms >= 1000)
    std::snprintf(buf, sizeof buf, "%.1f s", ms / 1000);
  else
    std::snprintf(buf, sizeof buf, "%.0f ms", ms);
  return buf;
}

std::string format_percent(double p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", p);
  return buf;
}

}  // namespace cc::reports
