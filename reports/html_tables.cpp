// #coverage (documented code x triggered? x status seen x cases, undocumented codes flagged) and
// #observations (where the documents are silent, what this target did).
#include <sstream>

#include "reports/coverage.h"
#include "reports/html_parts.h"

namespace cc::reports::html {
namespace {

using nlohmann::json;

std::string join_json(const json& arr) {
  std::string out;
  if (!arr.is_array()) return out;
  for (const auto& v : arr) out += (out.empty() ? "" : ", ") + json_text(v);
  return out;
}

std::string case_links(const json& ids) {
  std::string out;
  if (!ids.is_array()) return out;
  for (const auto& id : ids) out += (out.empty() ? "" : " ") + case_link(json_text(id));
  return out;
}

bool status_matches(const DocumentedCode& d) {
  if (d.http_status.is_null() || !d.status_seen.is_array()) return true;
  for (const auto& s : d.status_seen)
    if (s != d.http_status) return false;
  return true;
}

std::string api_table(const std::string& api, const ApiCoverage& c) {
  std::ostringstream out;
  const int undocumented = c.undocumented_count();
  out << "<h3>" << esc(api) << "</h3>\n<p>" << esc(coverage_counts(c)) << ", " << undocumented
      << (undocumented == 1 ? " undocumented code seen.</p>\n" : " undocumented codes seen.</p>\n")
      << "<table class=\"coverage\"><tr><th>code</th><th>documented status</th><th>triggered?</th>"
      << "<th>status seen</th><th>by cases</th><th>trigger</th></tr>\n";
  if (c.documented) {
    for (const DocumentedCode& d : *c.documented) {
      const bool hit = d.triggered();
      std::string trig = hit ? "yes" : "no";
      if (!hit && d.not_triggerable) trig = "not triggerable: " + *d.not_triggerable;
      if (!hit && d.not_exercised) trig = "not exercised: " + *d.not_exercised;
      // Not exercised is not a miss of the target's: left uncoloured.
      const char* row = hit ? "hit" : d.not_exercised ? "notrun" : "missed";
      out << "<tr class=\"" << row << "\"><td><code>" << esc(d.code) << "</code></td><td>"
          << esc(d.http_status.is_null() ? "" : json_text(d.http_status))
          << "</td><td class=\"trig\">" << esc(trig) << "</td><td>" << esc(join_json(d.status_seen))
          << (status_matches(d) ? "" : " <b class=\"o-fail\">≠ documented</b>") << "</td><td>"
          << case_links(d.triggered_by) << "</td><td class=\"small\">"
          << esc(d.trigger.value_or("")) << "</td></tr>\n";
    }
  }
  if (c.undocumented) {
    for (const UndocumentedCode& u : *c.undocumented)
      out << "<tr class=\"undocumented\"><td><code>" << esc(u.code) << "</code></td><td>—</td>"
          << "<td>undocumented</td><td>"
          << esc(u.http_status.is_null() ? "" : json_text(u.http_status)) << "</td><td>"
          << case_links(u.seen_in) << "</td><td></td></tr>\n";
  }
  out << "</table>\n";
  return out.str();
}

}  // namespace

std::string coverage(const Results& r) {
  std::ostringstream out;
  out << "<section id=\"coverage\">\n<h2>Error-code coverage</h2>\n";
  const auto& cov = r.coverage;
  for (const auto& [api, c] : cov) {
    // An older run listed every API of the catalogue: one no case judged was not run.
    if (api_was_run(r, api))
      out << api_table(api, c);
    else
      out << "<h3>" << esc(api) << "</h3>\n<p class=\"muted\">Not run: no case of this API was "
          << "in the selection.</p>\n";
  }
  if (cov.empty()) {
    const auto seen = codes_seen(r);
    if (seen.empty()) {
      out << "<p class=\"muted\">This results file records no error-code coverage.</p>\n";
    } else {
      out << "<p class=\"muted\">This results file records no coverage against the documented "
             "codes; these are "
          << "the codes the target "
             "answered.</p>\n<table><tr><th>API</th><th>code</th><th>status</th><th>cases</th></"
             "tr>\n";
      for (const auto& [api, codes] : seen)
        for (const auto& [code, s] : codes) {
          out << "<tr><td>" << esc(api) << "</td><td><code>" << esc(code) << "</code></td><td>";
          for (int st : s.statuses) out << st << " ";
          out << "</td><td>" << case_links(json(s.cases)) << "</td></tr>\n";
        }
      out << "</table>\n";
    }
  }
  out << "</section>\n";
  return out.str();
}

namespace {

// One row per observation of every case; a burst is summarised (its chart is under #rate-limits).
std::string observation_rows(const Results& r, int& n) {
  std::ostringstream rows;
  for (const Case& c : r.cases) {
    for (const Observation& o : c.observations) {
      std::string shown = json_text(o.value);
      // A burst is a chart, not a line of JSON.
      if (o.burst)
        shown = std::to_string(o.burst->accepted) + " accepted, " +
                std::to_string(o.burst->throttled) + " throttled of " +
                std::to_string(o.burst->calls) + " calls";
      if (shown.size() > 600) shown = shown.substr(0, 600) + "…";
      rows << "<tr><td>" << case_link(c.id) << "</td><td>" << outcome_badge(c.outcome)
           << "</td><td>" << esc(o.what) << "</td><td><code>" << esc(shown) << "</code>"
           << (o.what == "burst" ? " <a href=\"#rate-limits\">chart</a>" : "") << "</td></tr>\n";
      ++n;
    }
  }
  return rows.str();
}

}  // namespace

std::string observations(const Results& r) {
  int n = 0;
  const std::string rows = observation_rows(r, n);
  std::ostringstream out;
  out << "<section id=\"observations\">\n<h2>Observations</h2>\n<p class=\"muted small\">Where the "
         "documents are "
      << "silent the suite records what this target did instead of inventing a rule; other cases "
         "record what they "
      << "measured.</p>\n";
  if (!r.findings.empty()) {
    out << "<h3>Documents and the real service disagree</h3>\n<p class=\"muted small\">Findings, "
           "not failures: "
           "both stand.</p>\n<ul>\n";
    for (const auto& f : r.findings)
      out << "<li><strong>" << esc(f.api) << "</strong>: " << esc(f.what) << "<br>"
          << esc(f.document) << "<br>" << esc(f.observed) << "</li>\n";
    out << "</ul>\n";
  }
  if (n == 0)
    out << "<p class=\"muted\">No observations in this results file.</p>\n";
  else
    out << "<table><tr><th>case</th><th>outcome</th><th>what</th><th>value</th></tr>\n"
        << rows << "</table>\n";
  out << "</section>\n";
  return out.str();
}

}  // namespace cc::reports::html
