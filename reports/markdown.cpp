#include "reports/markdown.h"

#include <algorithm>
#include <sstream>

#include "reports/coverage.h"
#include "reports/differential.h"
#include "reports/failure.h"
#include "reports/findings.h"
#include "reports/model.h"
#include "reports/text.h"

namespace cc::reports {
namespace {

using nlohmann::json;

// A PR comment stays readable: past this many failures the rest are counted, not listed.
constexpr size_t kMaxListed = 25;
// Past this many failed assertions of one case the rest are counted.
constexpr size_t kMaxReasons = 3;

// A code span cannot escape anything: backticks and line breaks are taken out instead.
std::string code_span(const std::string& s) {
  std::string out = "`";
  for (char c : clean_text(s)) out += (c == '`' || c == '\n' || c == '\r') ? ' ' : c;
  return out + "`";
}

// ✅ all met, ⚠️ only deviations from SHOULD among the rest, ❌ some failed.
std::string cell_text(const Cell& c) {
  if (c.judged == 0) return c.cases == 0 ? "" : "–";
  const char* mark = c.met == c.judged ? "✅ " : c.only_deviations() ? "⚠️ " : "❌ ";
  return mark + std::to_string(c.met) + "/" + std::to_string(c.judged);
}

void write_matrix(std::ostringstream& out, const Results& r) {
  const Matrix m = compute_matrix(r);
  out << "| API |";
  for (const auto& f : m.families) out << " " << markdown_inline(f) << " |";
  out << " overall |\n|---|";
  for (size_t i = 0; i < m.families.size(); ++i) out << "---|";
  out << "---|\n";
  for (const auto& [api, row] : m.cells) {
    out << "| " << markdown_inline(api) << " |";
    for (const auto& f : m.families) {
      auto it = row.find(f);
      out << " " << (it == row.end() ? "" : cell_text(it->second)) << " |";
    }
    const Cell& a = m.per_api.at(api);
    out << " " << (a.judged ? format_percent(a.percent()) : "–") << " |\n";
  }
  out << "| **overall** |";
  for (size_t i = 0; i < m.families.size(); ++i) out << " |";
  out << " **" << (m.overall.judged ? format_percent(m.overall.percent()) : "–") << "** ("
      << m.overall.met << "/" << m.overall.judged << ") |\n";
  if (const std::string note = matrix_not_run_note(r); !note.empty())
    out << "\n" << markdown_inline(note, 400) << "\n";
}

// Markdown of s at most max_chars long; notes when it had to be shortened.
std::string shortened(const std::string& s, size_t max_chars, bool& cut) {
  cut |= char_count(clean_text(s)) > max_chars;
  return markdown_inline(s, max_chars);
}

// A failed or deviating case: each failed assertion (at most kMaxReasons) with its level, message
// and first passage, then the replay line.
void write_reasons(std::ostringstream& out, const Case& c, bool& cut) {
  const auto reasons = failure_reasons(c);
  for (size_t i = 0; i < reasons.size() && i < kMaxReasons; ++i) {
    const Reason& r = reasons[i];
    out << "  - **" << to_string(r.level) << "** ";
    if (!r.what.empty()) out << shortened(r.what, 160, cut) << ": ";
    out << shortened(r.message.empty() ? "(no message recorded)" : r.message, 240, cut);
    const std::vector<Passage>& passages = r.rests_on;
    if (!passages.empty()) {
      bool passage_cut = false;
      out << " — " << markdown_inline(passage_text(passages.front(), 120, &passage_cut), 400);
      cut |= passage_cut;
      if (passages.size() > 1) out << " (+" << passages.size() - 1 << " more in report.html)";
    }
    out << "\n";
  }
  if (reasons.size() > kMaxReasons)
    out << "  - … and " << reasons.size() - kMaxReasons
        << " more failed assertions (see report.html)\n";
  const std::string property = property_line(c, 160);
  if (!property.empty()) out << "  - " << shortened(property, 240, cut) << "\n";
}

void write_list(std::ostringstream& out, const Results& r, const std::string& title,
                const std::string& note, CaseOutcome outcome) {
  std::vector<const Case*> cases;
  for (const Case& c : r.cases)
    if (c.outcome == outcome) cases.push_back(&c);
  if (cases.empty()) return;
  out << "\n### " << title << " (" << cases.size() << ")" << (note.empty() ? "" : " — " + note)
      << "\n\n";
  bool cut = false;
  for (size_t i = 0; i < cases.size() && i < kMaxListed; ++i) {
    const Case& c = *cases[i];
    out << "- **" << markdown_inline(c.id) << "** (" << to_string(shown_level(c)) << ")";
    if (c.outcome == CaseOutcome::Fail || c.outcome == CaseOutcome::Deviation) {
      out << "\n";
      write_reasons(out, c, cut);
    } else {
      out << " — " << shortened(failure_title(c), 240, cut) << "\n";
    }
    if (c.outcome == CaseOutcome::Inconclusive) continue;  // nothing failed: nothing to replay
    for (const auto& line : replay_lines(c)) {
      const size_t colon = line.find(": ");
      out << "  - " << line.substr(0, colon) << ": " << code_span(line.substr(colon + 2)) << "\n";
    }
  }
  if (cases.size() > kMaxListed)
    out << "- … and " << cases.size() - kMaxListed << " more (see report.html)\n";
  if (cut) out << "\n_" << markdown_inline(kFullTextNote, 200) << "_\n";
}

// Allowlisted instances the run changed on a real account or an emulator without a control
// plane, and whether each was put back: the part of the report an account owner reads first.
void write_restore(std::ostringstream& out, const Results& r) {
  if (r.restore.empty()) return;
  out << "\n### Instances put back\n\n";
  for (const Restoration& x : r.restore) {
    const bool ok = x.restored;
    out << "- " << (ok ? "✅ " : "❗ ") << "`" << markdown_inline(x.id) << "` ("
        << markdown_inline(x.api.value_or("?")) << "): found "
        << markdown_inline(x.was.value_or("?")) << ", " << (ok ? "left " : "now ")
        << markdown_inline(x.now.value_or("?"));
    if (!ok) out << " — " << markdown_inline(x.message.value_or("not restored"), 300);
    out << "\n";
  }
}

// "Differs from the recorded target (N)": each difference with its case, where, pointer, both
// values and the rule — a finding class of its own, listed apart from the verdicts.
void write_differences(std::ostringstream& out, const Results& r) {
  if (!r.differential) return;
  const Differential& d = *r.differential;
  out << "\n### Differs from the recorded target (" << d.differences.size() << ") — "
      << (r.differential_gate ? "they fail the run under `--gate differential`"
                              : "reported, not failed")
      << "\n\nSnapshot " << code_span(d.snapshot_dir) << " of "
      << markdown_inline(recorded_target(d), 300) << "; " << count_of(d.compared, "case")
      << " compared, " << d.not_in_snapshot.size() << " not in the snapshot, " << d.not_run.size()
      << " of the snapshot's not run.\n\n";
  for (size_t i = 0; i < d.differences.size() && i < kMaxListed; ++i) {
    const TargetDifference& x = d.differences[i];
    out << "- **" << markdown_inline(x.case_id) << "** " << markdown_inline(where_of(x)) << " "
        << code_span(x.pointer.empty() ? "(the whole exchange)" : x.pointer) << ": recorded "
        << code_span(value_text(x.recorded, 160)) << ", observed "
        << code_span(value_text(x.observed, 160)) << " — " << markdown_inline(x.rule) << "\n";
  }
  if (d.differences.size() > kMaxListed)
    out << "- … and " << d.differences.size() - kMaxListed << " more (see report.html)\n";
  if (d.rules.empty()) return;
  out << "\n<details><summary>Equivalence rules</summary>\n\n";
  for (const auto& rule : d.rules) out << "- " << markdown_inline(rule, 400) << "\n";
  out << "\n</details>\n";
}

// The heading: the verdict, the target, suite and catalogue, when and how long, the gate.
void write_heading(std::ostringstream& out, const Results& r) {
  const int status = gated_exit_status(r);
  const char* mark = r.interrupted ? "⏹️"
                     : status == 0 ? "✅"
                     : status == 1 ? "❌"
                     : status == 3 ? "❗"
                                   : "⚠️";
  out << "## " << mark << " cloudconform: " << markdown_inline(gated_verdict(r), 400) << "\n\n";
  out << "Target: " << markdown_inline(r.target_name.value_or("unnamed")) << " ("
      << markdown_inline(r.target_kind.value_or("?")) << ") · suite "
      << markdown_inline(r.suite_version.value_or("?")) << " · catalogue `"
      << r.catalogue_hash.value_or("?").substr(0, 12) << "` · "
      << markdown_inline(r.started_at.value_or("")) << " · " << format_ms(r.duration_ms) << "\n\n"
      << gate_line(r.gate) << "\n\n";
  if (const std::string differs = differential_line(r); !differs.empty())
    out << markdown_inline(differs, 400) << "\n\n";
}

// How many cases were only observed, expected to fail, deviated…, and the findings.
void write_tally(std::ostringstream& out, const Results& r) {
  using O = CaseOutcome;
  const Counts& s = r.counts;
  size_t observations = 0;
  for (const Case& c : r.cases) observations += c.observations.size();
  out << "\n"
      << count_of(s[O::Observed], "case") << " observed where the documents are silent; "
      << count_of(static_cast<long long>(observations), "observation") << " recorded in all. "
      << count_of(s[O::ExpectedFail], "expected failure") << ", "
      << count_of(s[O::Deviation], "deviation") << ", " << s[O::Inconclusive] << " inconclusive, "
      << s[O::NotSupported] << " not supported.\n";
  if (!r.findings.empty()) {
    out << "\n### Documents and the real service disagree\n\nFindings, not failures: both "
           "stand.\n\n";
    for (const auto& f : r.findings)
      out << "- " << markdown_inline(f.api) << ": " << markdown_inline(f.what, 400) << "<br>"
          << markdown_inline(f.document, 400) << "<br>" << markdown_inline(f.observed, 400) << "\n";
  }
}

}  // namespace

std::string render_markdown(const Results& r) {
  std::ostringstream out;
  write_heading(out, r);
  write_matrix(out, r);
  const bool should = r.gate == Gate::Should;
  write_list(out, r, "Failures", "", CaseOutcome::Fail);
  write_list(out, r, "Deviations from SHOULD",
             should ? "they fail the run under this gate" : "reported, not failed",
             CaseOutcome::Deviation);
  write_list(out, r, "Unexpected passes", "update the expectations file",
             CaseOutcome::UnexpectedPass);
  write_list(out, r, "Harness errors", "", CaseOutcome::HarnessError);
  write_list(out, r, "Inconclusive", "never a pass, never a failure", CaseOutcome::Inconclusive);
  write_differences(out, r);
  if (r.interrupted) out << "\n**Interrupted:** " << markdown_inline(*r.interrupted, 400) << "\n";
  write_restore(out, r);
  write_tally(out, r);
  out << "\n### Error-code coverage\n\n";
  const auto lines = coverage_lines(r);
  if (lines.empty()) out << "Not recorded in this results file.\n";
  for (const auto& [api, line] : lines)
    out << "- " << markdown_inline(api) << ": " << markdown_inline(line, 400) << "\n";
  return out.str();
}

std::string render_markdown(const json& results) { return render_markdown(read_results(results)); }

}  // namespace cc::reports
