#include "reports/markdown.h"

#include <algorithm>
#include <sstream>

#include "reports/coverage.h"
#include "reports/model.h"
#include "reports/prepare.h"
#include "reports/text.h"

namespace cc::reports {
namespace {

using nlohmann::json;

// A PR comment stays readable: past this many failures the rest are counted, not listed.
constexpr size_t kMaxListed = 25;

// A code span cannot escape anything: backticks and line breaks are taken out instead.
std::string code_span(const std::string& s) {
  std::string out = "`";
  for (char c : clean_text(s)) out += (c == '`' || c == '\n' || c == '\r') ? ' ' : c;
  return out + "`";
}

std::string cell_text(const Cell& c) {
  if (c.judged == 0) return c.cases == 0 ? "" : "–";
  return std::string(c.met == c.judged ? "✅ " : "❌ ") + std::to_string(c.met) + "/" +
         std::to_string(c.judged);
}

void write_matrix(std::ostringstream& out, const json& r) {
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
}

void write_list(std::ostringstream& out, const json& r, const std::string& title,
                const std::vector<std::string>& outcomes) {
  std::vector<const json*> cases;
  for (const auto& c : r["cases"])
    if (std::find(outcomes.begin(), outcomes.end(), c["outcome"]) != outcomes.end())
      cases.push_back(&c);
  if (cases.empty()) return;
  out << "\n### " << title << " (" << cases.size() << ")\n\n";
  for (size_t i = 0; i < cases.size() && i < kMaxListed; ++i) {
    const json& c = *cases[i];
    std::string line = headline(c.value("message", ""));
    if (c["outcome"] == "unexpected_pass")
      line = "passed, but listed as a known failure: " +
             c.value("/expectation/reason"_json_pointer, std::string());
    if (c["outcome"] == "harness_error") line = c.value("harness_error", line);
    out << "- **" << markdown_inline(c["id"].get<std::string>()) << "** ("
        << c.value("level", "MUST") << ") — " << markdown_inline(line, 240) << "\n  "
        << code_span(replay_line(c)) << "\n";
  }
  if (cases.size() > kMaxListed)
    out << "- … and " << cases.size() - kMaxListed << " more (see report.html)\n";
}

// Allowlisted instances the run changed on a real account or an emulator without a control
// plane, and whether each was put back: the part of the report an account owner reads first.
void write_restore(std::ostringstream& out, const json& r) {
  const json restore = r.value("restore", json::array());
  if (restore.empty()) return;
  out << "\n### Instances put back\n\n";
  for (const auto& x : restore) {
    const bool ok = x.value("restored", false);
    out << "- " << (ok ? "✅ " : "❗ ") << "`" << markdown_inline(x.value("id", std::string("?"))) << "` ("
        << markdown_inline(x.value("api", std::string("?"))) << "): found " << markdown_inline(x.value("was", std::string("?")))
        << ", " << (ok ? "left " : "now ") << markdown_inline(x.value("now", std::string("?")));
    if (!ok) out << " — " << markdown_inline(x.value("message", std::string("not restored")), 300);
    out << "\n";
  }
}

}  // namespace

std::string render_markdown(const json& results) {
  const json r = prepare_for_reports(results);
  const json& s = r["summary"];
  std::ostringstream out;
  const char* mark = exit_status(r) == 0 ? "✅" : exit_status(r) == 1 ? "❌" : exit_status(r) == 3 ? "❗" : "⚠️";
  out << "## " << mark << " cloudconform: " << markdown_inline(verdict(r), 400) << "\n\n";
  out << "Target: " << markdown_inline(r.value("/target/name"_json_pointer, std::string("unnamed")))
      << " (" << markdown_inline(r.value("/target/kind"_json_pointer, std::string("?")))
      << ") · suite " << markdown_inline(r.value("/suite/version"_json_pointer, std::string("?")))
      << " · catalogue `"
      << r.value("/suite/catalogue_hash"_json_pointer, std::string("?")).substr(0, 12) << "` · "
      << markdown_inline(r.value("started_at", "")) << " · "
      << format_ms(r.value("duration_ms", 0.0)) << "\n\n";
  write_matrix(out, r);
  write_list(out, r, "Failures", {"fail"});
  write_list(out, r, "Unexpected passes (update the expectations file)", {"unexpected_pass"});
  write_list(out, r, "Harness errors", {"harness_error"});
  if (r.contains("interrupted") && r["interrupted"].is_string())
    out << "\n**Interrupted:** " << markdown_inline(r["interrupted"].get<std::string>(), 400) << "\n";
  write_restore(out, r);
  int observations = 0;
  for (const auto& c : r["cases"])
    observations += static_cast<int>(c.value("observations", json::array()).size());
  out << "\n"
      << count_of(s["observed"].get<int>(), "case") << " observed where the documents are silent; "
      << count_of(observations, "observation") << " recorded in all. "
      << count_of(s["expected_fail"].get<int>(), "expected failure") << ", "
      << s["not_supported"].get<int>() << " not supported.\n";
  out << "\n### Error-code coverage\n\n";
  const auto lines = coverage_lines(r);
  if (lines.empty()) out << "Not recorded in this results file.\n";
  for (const auto& [api, line] : lines)
    out << "- " << markdown_inline(api) << ": " << markdown_inline(line, 400) << "\n";
  return out.str();
}

}  // namespace cc::reports
