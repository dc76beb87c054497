#include "reports/html.h"
#include "reports/coverage.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "reports/differential.h"
#include "reports/html_parts.h"
#include "reports/model.h"
#include "reports/text.h"

namespace cc::reports {
namespace {

using nlohmann::json;

// Inline on purpose: the page must open offline, from a CI artifact, with nothing to fetch.
const char* const kStyle = R"css(
main{max-width:1200px;margin:0 auto;padding:0 16px 48px}
header.verdict{padding:20px 24px;color:#fff}
header.verdict h1{margin:0 0 4px;font-size:20px}
header.verdict p{margin:0;font-size:16px}
header.verdict.status-0{background:var(--ok)}header.verdict.status-1{background:var(--bad)}
header.verdict.status-2{background:var(--warn)}
nav{margin-top:10px}nav a{color:#fff;margin-right:14px}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 20px;margin:16px 0}
h2{font-size:18px;margin:4px 0 12px}h3{font-size:15px;margin:16px 0 6px}
td.num{text-align:right;font-variant-numeric:tabular-nums}
table.matrix td.cell{text-align:center;min-width:82px;font-weight:600}
.o-not_supported,.o-inconclusive{background:var(--na-bg);color:var(--na)}
.o-inconclusive{outline:1px dashed var(--na)}
.l-MUST{background:var(--bad-bg);color:var(--bad)}.l-SHOULD{background:var(--warn-bg);color:var(--warn)}
.l-OBSERVED{background:var(--na-bg);color:var(--na)}
div.failure{border-left:4px solid var(--bad);padding:2px 10px;margin:6px 0}
div.failure.deviation{border-left-color:var(--warn)}
div.failure p{margin:4px 0}div.failure pre{margin:4px 0}
table.assertions td.held{text-align:center;font-weight:700}
tr.failed td.held{color:var(--bad)}tr.passed td.held{color:var(--ok)}
header.verdict p.gate{font-size:13px;margin-top:4px;opacity:.9}
.o-unexpected_pass{outline:2px solid var(--bad)}
details.case{border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:4px 10px}
details.case>summary{cursor:pointer;padding:2px 0}
details.case[open]>summary{border-bottom:1px solid var(--line);margin-bottom:8px}
.muted{color:var(--muted)}.small{font-size:12px}
pre{background:#f6f8fa;border:1px solid var(--line);border-radius:4px;padding:8px;overflow:auto;
max-height:420px;white-space:pre-wrap;word-break:break-all;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
blockquote{margin:4px 0 4px 0;padding:2px 10px;border-left:3px solid var(--line);color:#424a53}
.filters button{margin:0 4px 8px 0;border:1px solid var(--line);background:#fff;border-radius:4px;padding:2px 8px;cursor:pointer}
.filters button.on{background:var(--fg);color:#fff}
tr.undocumented td{background:var(--bad-bg)}
tr.missed td.trig{color:var(--bad)}
.chart{display:inline-block;margin:8px 16px 8px 0;vertical-align:top}
.chart figcaption{font-size:12px;color:var(--muted);max-width:560px}
.hidden{display:none}
table.differences{width:100%}table.differences pre{max-height:200px;margin:0}
table.differences td:nth-child(4),table.differences td:nth-child(5){width:28%}
table.differences code{word-break:break-all}
)css";

// Checks the page it is in: each section exists, each burst has its chart; problems go to the
// console (the headless-browser test fails on any console message) and to data-problems.
const char* const kScript = R"js(
(function () {
  var problems = [];
  var ids = (document.body.getAttribute("data-sections") || "").split(" ");
  ids.forEach(function (id) {
    if (id && !document.getElementById(id)) problems.push("missing section #" + id);
  });
  document.querySelectorAll("[data-burst]").forEach(function (fig) {
    if (!fig.querySelector("svg rect.bar")) problems.push("rate-limit chart without bars: " + fig.id);
  });
  var buttons = document.querySelectorAll(".filters button");
  buttons.forEach(function (b) {
    b.addEventListener("click", function () {
      var want = b.getAttribute("data-filter");
      buttons.forEach(function (x) { x.classList.toggle("on", x === b); });
      document.querySelectorAll("details.case").forEach(function (d) {
        var show = want === "all" || d.getAttribute("data-outcome") === want;
        d.classList.toggle("hidden", !show);
      });
    });
  });
  if (location.hash.indexOf("#case-") === 0) {
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  if (problems.length) {
    document.body.setAttribute("data-problems", problems.join("; "));
    problems.forEach(function (p) { console.error("report check: " + p); });
  }
  document.body.dataset.ready = "1";
})();
)js";

}  // namespace

const std::vector<std::string>& html_section_ids() {
  static const std::vector<std::string> ids = {"identity", "matrix",       "cases",
                                               "coverage", "observations", "rate-limits"};
  return ids;
}

std::string render_html(const Results& r) {
  const int status = gated_exit_status(r);
  std::string sections;
  for (const auto& id : html_section_ids()) sections += (sections.empty() ? "" : " ") + id;
  // Present only when the run was compared with a snapshot; the page then checks it too.
  if (r.differential) sections += " differential";
  const std::string differs = differential_line(r);
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
      << "<title>cloudconform — " << html::esc(gated_verdict(r)) << "</title>\n<style>"
      << html::kBaseStyle << kStyle << "</style>\n</head>\n"
      << "<body data-ready=\"0\" data-sections=\"" << sections << "\">\n"
      << "<header class=\"verdict status-" << status << "\" id=\"verdict\">\n"
      << "<h1>cloudconform compatibility report</h1>\n<p>" << html::esc(gated_verdict(r))
      << "</p>\n"
      << "<p class=\"gate\">" << html::esc(gate_line(r.gate)) << "</p>\n"
      << (differs.empty() ? "" : "<p class=\"gate\">" + html::esc(differs) + "</p>\n") << "<nav>"
      << "<a href=\"#identity\">target</a><a href=\"#matrix\">matrix</a>"
      << (r.differential ? "<a href=\"#differential\">differences</a>" : "")
      << "<a href=\"#cases\">cases</a>"
      << "<a href=\"#coverage\">error codes</a><a href=\"#observations\">observations</a>"
      << "<a href=\"#rate-limits\">rate limits</a></nav>\n</header>\n<main>\n"
      << html::identity(r) << html::matrix(r) << html::differential(r) << html::cases(r)
      << html::coverage(r) << html::observations(r) << html::rate_limits(r) << "</main>\n<script>"
      << kScript << "</script>\n</body>\n</html>\n";
  return out.str();
}

std::string render_html(const json& results) { return render_html(read_results(results)); }

namespace html {

const char* const kBaseStyle = R"css(
:root{--ok:#1a7f37;--ok-bg:#dafbe1;--warn:#9a6700;--warn-bg:#fff8c5;--bad:#cf222e;--bad-bg:#ffebe9;
--na:#57606a;--na-bg:#eaeef2;--line:#d0d7de;--fg:#1f2328;--muted:#57606a}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0;background:#f6f8fa}
table{border-collapse:collapse;margin:6px 0}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}
.p-full{background:var(--ok-bg);color:var(--ok)}.p-part{background:var(--warn-bg);color:var(--warn)}
.p-none{background:var(--bad-bg);color:var(--bad)}.p-na{background:var(--na-bg);color:var(--na)}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;margin-right:6px}
.o-pass,.o-observed,.o-unexpected_pass{background:var(--ok-bg);color:var(--ok)}
.o-fail{background:var(--bad-bg);color:var(--bad)}
.o-harness_error,.o-expected_fail,.o-deviation{background:var(--warn-bg);color:var(--warn)})css";

std::string esc(const std::string& s) { return xml_escape(s); }

std::string case_anchor(const std::string& id) {
  std::string out = "case-";
  for (char c : id)
    out +=
        (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '_';
  return out;
}

std::string case_link(const std::string& id) {
  return "<a href=\"#" + case_anchor(id) + "\">" + esc(id) + "</a>";
}

std::string outcome_badge(CaseOutcome outcome) {
  const std::string o = to_string(outcome);
  return "<span class=\"badge o-" + esc(o) + "\">" + esc(o) + "</span>";
}

std::vector<CaseOutcome> outcomes_by_name() {
  std::vector<CaseOutcome> out = core::all_case_outcomes();
  std::sort(out.begin(), out.end(),
            [](CaseOutcome a, CaseOutcome b) { return to_string(a) < to_string(b); });
  return out;
}

std::string json_text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

namespace {

// "40 (2 observed, 38 pass)": the counts, as the filter buttons list them.
std::string counts_text(const Counts& n) {
  std::string counts;
  for (CaseOutcome o : outcomes_by_name())
    if (n[o] > 0)
      counts += (counts.empty() ? "" : ", ") + std::to_string(n[o]) + " " + to_string(o);
  return std::to_string(n.total) + " (" + counts + ")";
}

std::string endpoints(const Results& r) {
  if (!r.endpoints) return "";
  std::ostringstream out;
  out << "<h3>Endpoints</h3>\n<table><tr><th>product</th><th>URL</th><th>Host</th></tr>\n";
  for (const Endpoint& ep : *r.endpoints)
    out << "<tr><td>" << esc(ep.product) << "</td><td>" << esc(ep.url) << "</td><td>"
        << esc(ep.host) << "</td></tr>\n";
  out << "</table>\n";
  return out.str();
}

// The slowest cases: where the run's time went.
std::string slowest(const Results& r) {
  std::vector<const Case*> by_time;
  for (const Case& c : r.cases) by_time.push_back(&c);
  std::sort(by_time.begin(), by_time.end(),
            [](const Case* a, const Case* b) { return a->duration_ms > b->duration_ms; });
  if (by_time.empty()) return "";
  std::ostringstream out;
  out << "<h3>Slowest cases</h3>\n<table><tr><th>case</th><th>duration</th></tr>\n";
  for (size_t i = 0; i < by_time.size() && i < 5; ++i)
    out << "<tr><td>" << case_link(by_time[i]->id) << "</td><td class=\"num\">"
        << esc(format_ms(by_time[i]->duration_ms)) << "</td></tr>\n";
  out << "</table>\n";
  return out.str();
}

}  // namespace

std::string identity(const Results& r) {
  std::ostringstream out;
  out << "<section id=\"identity\">\n<h2>Target and suite</h2>\n<table>\n";
  auto row = [&](const std::string& k, const std::string& v) {
    out << "<tr><th>" << esc(k) << "</th><td>" << esc(v) << "</td></tr>\n";
  };
  // The target's identity is free-form (each kind of target says what identifies it).
  for (const auto& [key, value] : r.target.items()) {
    if (key == "endpoints" && value.is_object()) continue;
    row("target " + key, json_text(value));
  }
  row("suite", r.suite_name.value_or("cloudconform") + " " + r.suite_version.value_or("?"));
  row("catalogue hash", r.catalogue_hash.value_or("?"));
  row("gate", gate_line(r.gate));
  if (r.differential_gate)
    row("differential gate", "a difference from the recorded target fails the run");
  row("started at", r.started_at.value_or("?"));
  row("duration", format_ms(r.duration_ms));
  row("cases", counts_text(r.counts));
  out << "</table>\n" << endpoints(r) << slowest(r) << "</section>\n";
  return out.str();
}

std::string matrix(const Results& r) {
  const Matrix m = compute_matrix(r);
  auto cell = [](const Cell& c) {
    if (c.judged == 0)
      return std::string("<td class=\"cell p-na\">") + (c.cases ? "n/a" : "") + "</td>";
    // A cell whose only unmet cases deviated from SHOULD is amber, however few met.
    const char* cls = c.met == c.judged                    ? "p-full"
                      : c.met == 0 && !c.only_deviations() ? "p-none"
                                                           : "p-part";
    std::string title = std::to_string(c.met) + " of " + std::to_string(c.judged) + " met";
    if (c.deviations > 0) title += ", " + count_of(c.deviations, "deviation") + " from SHOULD";
    return "<td class=\"cell " + std::string(cls) + "\" title=\"" + title + "\">" +
           std::to_string(c.met) + "/" + std::to_string(c.judged) + "</td>";
  };
  auto percent = [](const Cell& c) {
    if (c.judged == 0) return std::string("<td class=\"cell p-na\">n/a</td>");
    const char* cls = c.met == c.judged ? "p-full" : c.met == 0 ? "p-none" : "p-part";
    return "<td class=\"cell " + std::string(cls) + "\">" + format_percent(c.percent()) + "</td>";
  };
  std::ostringstream out;
  out << "<section id=\"matrix\">\n<h2>Compatibility matrix</h2>\n"
      << "<p class=\"muted small\">Cases that met the documents over cases judged, per API and "
         "check family "
      << "(pass, observed and unexpected pass meet them; a deviation from SHOULD is judged and not "
         "met, and a cell whose only misses are deviations is amber; not supported, inconclusive "
         "and harness errors are not judged).</p>\n"
      << "<table class=\"matrix\">\n<tr><th>API</th>";
  for (const auto& f : m.families) out << "<th>" << esc(f) << "</th>";
  out << "<th>overall</th></tr>\n";
  for (const auto& [api, row] : m.cells) {
    out << "<tr><th>" << esc(api) << "</th>";
    for (const auto& f : m.families) {
      auto it = row.find(f);
      out << (it == row.end() ? "<td class=\"cell\"></td>" : cell(it->second));
    }
    out << percent(m.per_api.at(api)) << "</tr>\n";
  }
  out << "<tr><th>overall</th>";
  for (size_t i = 0; i < m.families.size(); ++i) out << "<td></td>";
  out << percent(m.overall) << "</tr>\n</table>\n";
  if (const std::string note = matrix_not_run_note(r); !note.empty())
    out << "<p class=\"muted small\">" << esc(note) << "</p>\n";
  out << "</section>\n";
  return out.str();
}

}  // namespace html
}  // namespace cc::reports
