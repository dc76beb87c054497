// compare.html: the comparison for people, one self-contained page (inline style and script,
// nothing to fetch) like report.html. Its script checks the page it is in — every section there,
// the disagreements before the agreements, as many as the model counted — and reports problems
// with console.error (the headless-browser test fails on any console message).
#include <sstream>

#include "reports/compare.h"
#include "reports/html_parts.h"

namespace cc::reports {
namespace {

using html::esc;

// Inline on purpose: the page must open offline, from a CI artifact. Colours as report.html's.
const char* const kStyle = R"css(
main{max-width:1400px;margin:0 auto;padding:0 16px 48px}
header.top{padding:20px 24px;color:#fff;background:#24292f}
header.top h1{margin:0 0 4px;font-size:20px}header.top p{margin:0;font-size:16px}
header.top.disagree{background:var(--bad)}header.top.agree{background:var(--ok)}
nav{margin-top:10px}nav a{color:#fff;margin-right:14px}
p.warning{background:var(--warn-bg);color:var(--warn);border:1px solid var(--warn);border-radius:6px;padding:8px 12px;font-weight:600}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 20px;margin:16px 0;overflow-x:auto}
table.targets td code{word-break:break-all}
h2{font-size:18px;margin:4px 0 12px}
tr.group th{background:#eaeef2;font-weight:600}
td.cell{text-align:center;min-width:90px;font-weight:600}
.o-not_supported,.o-inconclusive,.o-not_run{background:var(--na-bg);color:var(--na)}
.o-not_run{outline:1px dashed var(--na)}
.muted{color:var(--muted)}.small{font-size:12px}code{font:12px ui-monospace,Menlo,Consolas,monospace}
)css";

const char* const kScript = R"js(
(function () {
  var problems = [];
  var body = document.body;
  (body.getAttribute("data-sections") || "").split(" ").forEach(function (id) {
    if (id && !document.getElementById(id)) problems.push("missing section #" + id);
  });
  var rows = document.querySelectorAll("tr.row");
  var seenAgreement = false, disagreements = 0;
  rows.forEach(function (r) {
    var d = r.getAttribute("data-disagree") === "1";
    if (d) disagreements++;
    if (d && seenAgreement) problems.push("disagreement after an agreement: " + r.getAttribute("data-case"));
    if (!d) seenAgreement = true;
  });
  var expected = body.getAttribute("data-disagreements");
  if (String(disagreements) !== expected)
    problems.push(disagreements + " disagreement rows, expected " + expected);
  if (String(rows.length) !== body.getAttribute("data-cases"))
    problems.push(rows.length + " case rows, expected " + body.getAttribute("data-cases"));
  body.setAttribute("data-rendered-disagreements", String(disagreements));
  body.setAttribute("data-rendered-cases", String(rows.length));
  if (problems.length) {
    body.setAttribute("data-problems", problems.join("; "));
    problems.forEach(function (p) { console.error("compare check: " + p); });
  }
  body.dataset.ready = "1";
})();
)js";

const char* const kSections = "targets disagreements scores coverage agreements";

std::string verdict_badge(const Verdict& v) {
  const std::string token = outcome_token(v);
  return "<span class=\"badge o-" + esc(token) + "\">" + esc(v.run() ? token : "not run") +
         "</span>" +
         (v.level ? "<span class=\"small muted\">" + esc(to_string(*v.level)) + "</span>" : "");
}

// Numbered heads carry the label as a tooltip; the targets table keys them.
std::string label_heads(const Comparison& c) {
  std::string out;
  const std::vector<std::string> names = column_names(c);
  for (size_t i = 0; i < names.size(); ++i)
    out += "<th title=\"" + esc(c.sides[i].label) + "\">" + esc(names[i]) + "</th>";
  return out;
}

// One table of the rows of one kind, a group heading at each new API and family.
std::string rows_table(const Comparison& c, bool disagree) {
  std::ostringstream out;
  out << "<table class=\"cases\">\n<tr><th>case</th>" << label_heads(c) << "</tr>\n";
  std::string group;
  for (const CompareRow& row : c.rows) {
    if (row.disagree != disagree) continue;
    if (row.api + " · " + row.family != group) {
      group = row.api + " · " + row.family;
      out << "<tr class=\"group\"><th colspan=\"" << c.sides.size() + 1 << "\">" << esc(group)
          << "</th></tr>\n";
    }
    out << "<tr class=\"row\" data-case=\"" << esc(row.id) << "\" data-disagree=\""
        << (disagree ? 1 : 0) << "\"><td><code>" << esc(row.id) << "</code></td>";
    for (const Verdict& v : row.verdicts) out << "<td>" << verdict_badge(v) << "</td>";
    out << "</tr>\n";
  }
  out << "</table>\n";
  return out.str();
}

std::string targets_section(const Comparison& c) {
  std::ostringstream out;
  out << "<section id=\"targets\">\n<h2>Targets</h2>\n<table class=\"targets\">\n"
      << "<tr><th>#</th><th>label</th><th>kind</th>"
      << "<th>endpoints</th><th>suite</th><th>catalogue hash</th><th>started at</th>"
      << "<th>cases</th><th>file</th></tr>\n";
  for (size_t i = 0; i < c.sides.size(); ++i) {
    const Side& s = c.sides[i];
    const Results& r = s.results;
    std::string endpoints;
    for (const Endpoint& e : r.endpoints.value_or(std::vector<Endpoint>{}))
      endpoints += esc(e.product) + ": " + esc(e.url) +
                   (e.host.empty() ? "" : " (" + esc(e.host) + ")") + "<br />";
    out << "<tr><td>" << i + 1 << "</td><th>" << esc(s.label) << "</th><td>"
        << esc(r.target_kind.value_or("?")) << "</td><td class=\"small\">" << endpoints
        << "</td><td>"
        << esc(r.suite_name.value_or("cloudconform") + " " + r.suite_version.value_or("?"))
        << "</td><td><code>" << esc(r.catalogue_hash.value_or("?")) << "</code></td><td>"
        << esc(r.started_at.value_or("?")) << "</td><td>" << r.cases.size() << "</td><td><code>"
        << esc(s.file) << "</code></td></tr>\n";
  }
  out << "</table>\n</section>\n";
  return out.str();
}

std::string score_cell(const Cell& cell, const std::string& api, size_t side) {
  const char* cls = cell.judged == 0          ? "p-na"
                    : cell.met == cell.judged ? "p-full"
                    : cell.met == 0           ? "p-none"
                                              : "p-part";
  return "<td class=\"cell " + std::string(cls) + "\" data-api=\"" + esc(api) +
         "\" data-target=\"" + std::to_string(side) + "\" data-met=\"" + std::to_string(cell.met) +
         "\" data-judged=\"" + std::to_string(cell.judged) + "\">" + esc(score_text(cell)) +
         "</td>";
}

std::string scores_section(const Comparison& c) {
  std::ostringstream out;
  out << "<section id=\"scores\">\n<h2>Cases met per API</h2>\n<p class=\"muted small\">Cases "
      << "that met the documents over cases judged (pass, observed and unexpected pass meet "
      << "them; not supported, inconclusive and harness errors are not judged), as in each "
      << "target's own report.</p>\n<table>\n<tr><th>API</th>" << label_heads(c) << "</tr>\n";
  for (const auto& [api, cells] : c.scores) {
    out << "<tr><th>" << esc(api) << "</th>";
    for (size_t i = 0; i < cells.size(); ++i) out << score_cell(cells[i], api, i);
    out << "</tr>\n";
  }
  out << "<tr><th>overall</th>";
  for (size_t i = 0; i < c.overall.size(); ++i) out << score_cell(c.overall[i], "", i);
  out << "</tr>\n</table>\n</section>\n";
  return out.str();
}

std::string coverage_text(const std::optional<CoverageCounts>& k) {
  if (!k) return "<td class=\"cell p-na\">not run</td>";
  if (!k->recorded)
    return "<td class=\"p-na\">not recorded; " + esc(count_of(k->codes_seen, "code")) +
           " seen</td>";
  return "<td>" + std::to_string(k->triggered) + " of " + std::to_string(k->documented) +
         " documented codes triggered" +
         (k->not_exercised ? " (" + std::to_string(k->not_exercised) + " not exercised)" : "") +
         (k->not_triggerable ? " (" + std::to_string(k->not_triggerable) + " not triggerable)"
                             : "") +
         ", " + std::to_string(k->undocumented) + " undocumented seen</td>";
}

std::string coverage_section(const Comparison& c) {
  std::ostringstream out;
  out << "<section id=\"coverage\">\n<h2>Error-code coverage</h2>\n<table>\n<tr><th>API</th>"
      << label_heads(c) << "</tr>\n";
  for (const auto& [api, per_side] : c.coverage) {
    out << "<tr><th>" << esc(api) << "</th>";
    for (const auto& k : per_side) out << coverage_text(k);
    out << "</tr>\n";
  }
  out << "</table>\n";
  if (!c.code_differences.empty()) {
    out << "<h3>Documented codes some targets triggered and others did not</h3>\n<table>\n"
        << "<tr><th>API</th><th>code</th>" << label_heads(c) << "</tr>\n";
    for (const CodeDifference& d : c.code_differences) {
      out << "<tr><td>" << esc(d.api) << "</td><td><code>" << esc(d.code) << "</code></td>";
      for (const auto& t : d.triggered)
        out << (t ? (*t ? "<td class=\"cell p-full\">yes</td>"
                        : "<td class=\"cell p-none\">no</td>")
                  : "<td class=\"cell p-na\">–</td>");
      out << "</tr>\n";
    }
    out << "</table>\n";
  }
  out << "</section>\n";
  return out.str();
}

std::string header(const Comparison& c, const std::string& headline) {
  std::ostringstream out;
  out << "<header class=\"top " << (c.disagreements ? "disagree" : "agree") << "\">\n"
      << "<h1>cloudconform comparison</h1>\n<p>" << esc(headline) << "</p>\n<nav>"
      << "<a href=\"#targets\">targets</a><a href=\"#disagreements\">disagreements</a>"
      << "<a href=\"#scores\">scores</a><a href=\"#coverage\">error codes</a>"
      << "<a href=\"#agreements\">agreements</a></nav>\n</header>\n<main>\n";
  for (const std::string& w : c.warnings)
    out << "<p class=\"warning\">Warning: " << esc(w) << "</p>\n";
  return out.str();
}

}  // namespace

std::string render_compare_html(const Comparison& c) {
  const std::string headline = count_of(static_cast<long long>(c.sides.size()), "target") + ", " +
                               count_of(static_cast<long long>(c.rows.size()), "case") + ", " +
                               count_of(c.disagreements, "disagreement");
  const size_t agreements = c.rows.size() - static_cast<size_t>(c.disagreements);
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
      << "<title>cloudconform comparison — " << esc(headline) << "</title>\n<style>"
      << html::kBaseStyle << kStyle << "</style>\n</head>\n<body data-ready=\"0\" data-sections=\""
      << kSections << "\" data-cases=\"" << c.rows.size() << "\" data-disagreements=\""
      << c.disagreements << "\">\n"
      << header(c, headline) << targets_section(c) << "<section id=\"disagreements\">\n<h2>"
      << "Disagreements (" << c.disagreements << ")</h2>\n"
      << (c.disagreements ? rows_table(c, true)
                          : "<p>Every case has the same outcome on every target.</p>\n")
      << "</section>\n"
      << scores_section(c) << coverage_section(c) << "<section id=\"agreements\">\n<h2>"
      << "Agreements (" << agreements << ")</h2>\n"
      << (agreements ? rows_table(c, false) : "<p>No case has the same outcome everywhere.</p>\n")
      << "</section>\n</main>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace cc::reports
