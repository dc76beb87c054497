// compare.md: the comparison as a pull-request comment. What a reviewer needs comes first (the
// targets and any warning, the disagreements, the scores); the rest is collapsed, and every long
// list stops at a byte budget with a count of what it left out, so the comment fits.
#include <sstream>

#include "reports/compare.h"
#include "reports/text.h"

namespace cc::reports {
namespace {

// Byte budgets of the lists: the disagreements get the most room, the agreements what is left.
constexpr size_t kDisagreementBudget = 30000;
constexpr size_t kCodeDifferenceBudget = 6000;

std::string code(const std::string& s) {
  std::string out = "`";
  for (char c : clean_text(s)) out += (c == '`' || c == '\n' || c == '\r') ? ' ' : c;
  return out + "`";
}

std::vector<std::string> column_heads(const Comparison& c) {
  std::vector<std::string> out;
  const std::vector<std::string> names = column_names(c);
  // A label is the user's text and is escaped; "#1" is ours, and "\#1" would show the backslash.
  for (size_t i = 0; i < names.size(); ++i)
    out.push_back(names[i] == c.sides[i].label ? markdown_inline(names[i]) : names[i]);
  return out;
}

// `first` may hold several leading columns ("case | family"): the rule gets one "---" for each.
std::string table_head(const std::string& first, const std::vector<std::string>& heads) {
  std::string out = "| " + first + " |", rule = "|---|";
  for (char ch : first)
    if (ch == '|') rule += "---|";
  for (const auto& h : heads) out += " " + h + " |", rule += "---|";
  return out + "\n" + rule + "\n";
}

// ✅ met, ⚠️ deviated from SHOULD, ❌ judged and not met, ➖ not judged, — not run.
std::string verdict_cell(const Verdict& v) {
  if (!v.outcome) return "— not run";
  const char* mark = met(*v.outcome)                        ? "✅ "
                     : *v.outcome == CaseOutcome::Deviation ? "⚠️ "
                     : judged(*v.outcome)                   ? "❌ "
                                                            : "➖ ";
  return mark + verdict_text(v);
}

std::string row_line(const CompareRow& row) {
  std::string line = "| " + code(row.id) + " | " + markdown_inline(row.family) + " |";
  for (const Verdict& v : row.verdicts) line += " " + verdict_cell(v) + " |";
  return line + "\n";
}

// The rows of one kind, as many as fit in `budget` bytes, then how many were left out.
std::string rows_table(const Comparison& c, bool disagree, size_t budget) {
  std::string out = table_head("case | family", column_heads(c));
  size_t listed = 0, total = 0;
  bool full = false;  // once a row does not fit, the rest are only counted (rows stay in order)
  for (const CompareRow& row : c.rows) {
    if (row.disagree != disagree) continue;
    ++total;
    const std::string line = full ? "" : row_line(row);
    if (full || out.size() + line.size() > budget) {
      full = true;
      continue;
    }
    out += line;
    ++listed;
  }
  if (listed < total)
    out += "\n… and " + count_of(static_cast<long long>(total - listed), "more case") +
           " (compare.html and compare.json list every case)\n";
  return out;
}

std::string targets_table(const Comparison& c) {
  std::string out =
      "| # | target | kind | suite | catalogue | started |\n|---|---|---|---|---|---|\n";
  for (size_t i = 0; i < c.sides.size(); ++i) {
    const Results& r = c.sides[i].results;
    out += "| " + std::to_string(i + 1) + " | " + markdown_inline(c.sides[i].label) + " | " +
           markdown_inline(r.target_kind.value_or("?")) + " | " +
           markdown_inline(r.suite_version.value_or("?")) + " | " +
           code(r.catalogue_hash.value_or("?").substr(0, 12)) + " | " +
           markdown_inline(r.started_at.value_or("?")) + " |\n";
  }
  return out;
}

std::string scores_table(const Comparison& c) {
  std::string out = table_head("API", column_heads(c));
  for (const auto& [api, cells] : c.scores) {
    out += "| " + markdown_inline(api) + " |";
    for (const Cell& cell : cells) out += " " + score_text(cell) + " |";
    out += "\n";
  }
  out += "| **overall** |";
  for (const Cell& cell : c.overall) out += " **" + score_text(cell) + "** |";
  return out + "\n";
}

std::string coverage_cell(const std::optional<CoverageCounts>& k) {
  if (!k) return "not run";
  if (!k->recorded) return "not recorded; " + count_of(k->codes_seen, "code") + " seen";
  return std::to_string(k->triggered) + "/" + std::to_string(k->documented) + " triggered" +
         (k->not_exercised ? " (" + std::to_string(k->not_exercised) + " not exercised)" : "") +
         ", " + std::to_string(k->undocumented) + " undocumented";
}

std::string coverage_section(const Comparison& c) {
  std::string out = "<details><summary>Error-code coverage per target</summary>\n\n" +
                    table_head("API", column_heads(c));
  for (const auto& [api, per_side] : c.coverage) {
    out += "| " + markdown_inline(api) + " |";
    for (const auto& k : per_side) out += " " + coverage_cell(k) + " |";
    out += "\n";
  }
  if (!c.code_differences.empty()) {
    out += "\nDocumented codes some targets triggered and others did not:\n\n" +
           table_head("API | code", column_heads(c));
    size_t listed = 0;
    for (const CodeDifference& d : c.code_differences) {
      std::string line = "| " + markdown_inline(d.api) + " | " + code(d.code) + " |";
      for (const auto& t : d.triggered) line += t ? (*t ? " yes |" : " no |") : " – |";
      if (out.size() + line.size() > kCodeDifferenceBudget) break;
      out += line + "\n";
      ++listed;
    }
    if (listed < c.code_differences.size())
      out += "\n… and " + std::to_string(c.code_differences.size() - listed) + " more\n";
  }
  return out + "\n</details>\n\n";
}

std::string endpoints_section(const Comparison& c) {
  std::string out =
      "<details><summary>Endpoints</summary>\n\n| # | product | URL | host |\n"
      "|---|---|---|---|\n";
  for (size_t i = 0; i < c.sides.size(); ++i)
    for (const Endpoint& e : c.sides[i].results.endpoints.value_or(std::vector<Endpoint>{}))
      out += "| " + std::to_string(i + 1) + " | " + markdown_inline(e.product) + " | " +
             markdown_inline(e.url) + " | " + markdown_inline(e.host) + " |\n";
  return out + "\n</details>\n\n";
}

}  // namespace

std::string render_compare_markdown(const Comparison& c) {
  std::ostringstream out;
  const size_t agreements = c.rows.size() - static_cast<size_t>(c.disagreements);
  out << "## cloudconform compare: " << count_of(static_cast<long long>(c.sides.size()), "target")
      << ", " << count_of(static_cast<long long>(c.rows.size()), "case") << ", "
      << count_of(c.disagreements, "disagreement") << "\n\n";
  for (const std::string& w : c.warnings)
    out << "> ⚠️ **Warning:** " << markdown_inline(w, 600) << "\n\n";
  out << targets_table(c) << "\n### Disagreements (" << c.disagreements << ")\n\n";
  if (c.disagreements == 0)
    out << "Every case has the same outcome on every target.\n\n";
  else
    out << rows_table(c, true, kDisagreementBudget) << "\n";
  out << "### Cases met per API (met/judged)\n\n"
      << scores_table(c) << "\n"
      << coverage_section(c) << endpoints_section(c);
  const std::string head = out.str();
  const size_t room =
      kCompareMarkdownBudget > head.size() + 2000 ? kCompareMarkdownBudget - head.size() - 2000 : 0;
  return head + "<details><summary>Agreements (" + std::to_string(agreements) +
         " cases)</summary>\n\n" + rows_table(c, false, room) + "\n</details>\n";
}

}  // namespace cc::reports
