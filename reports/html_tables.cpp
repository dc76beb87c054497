// #coverage (documented code x triggered? x status seen x cases, undocumented codes flagged) and
// #observations (where the documents are silent, what this target did).
#include <sstream>

#include "reports/coverage.h"
#include "reports/findings.h"
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

bool status_matches(const json& d) {
  if (!d.contains("http_status") || !d.contains("status_seen") || !d["status_seen"].is_array())
    return true;
  for (const auto& s : d["status_seen"])
    if (s != d["http_status"]) return false;
  return true;
}

std::string api_table(const std::string& api, const ApiCoverage& c) {
  std::ostringstream out;
  out << "<h3>" << esc(api) << "</h3>\n<p>" << c.triggered_count() << " of " << c.documented_count()
      << " documented codes triggered";
  if (c.not_triggerable_count()) out << ", " << c.not_triggerable_count() << " not triggerable";
  out << ", " << c.undocumented_count() << " undocumented codes seen.</p>\n"
      << "<table class=\"coverage\"><tr><th>code</th><th>documented status</th><th>triggered?</th>"
      << "<th>status seen</th><th>by cases</th><th>trigger</th></tr>\n";
  if (c.documented) {
    for (const auto& d : *c.documented) {
      const bool hit = triggered(d);
      std::string trig = hit ? "yes" : "no";
      if (!hit && d.contains("not_triggerable"))
        trig = "not triggerable: " + json_text(d["not_triggerable"]);
      out << "<tr class=\"" << (hit ? "hit" : "missed") << "\"><td><code>"
          << esc(d.value("code", "")) << "</code></td><td>"
          << esc(d.contains("http_status") ? json_text(d["http_status"]) : "")
          << "</td><td class=\"trig\">" << esc(trig) << "</td><td>"
          << esc(join_json(d.value("status_seen", json::array())))
          << (status_matches(d) ? "" : " <b class=\"o-fail\">≠ documented</b>") << "</td><td>"
          << case_links(d.value("triggered_by", json::array())) << "</td><td class=\"small\">"
          << esc(d.value("trigger", "")) << "</td></tr>\n";
    }
  }
  if (c.undocumented) {
    for (const auto& u : *c.undocumented)
      out << "<tr class=\"undocumented\"><td><code>" << esc(u.value("code", ""))
          << "</code></td><td>—</td>"
          << "<td>undocumented</td><td>"
          << esc(u.contains("http_status") ? json_text(u["http_status"]) : "") << "</td><td>"
          << case_links(u.value("seen_in", json::array())) << "</td><td></td></tr>\n";
  }
  out << "</table>\n";
  return out.str();
}

}  // namespace

std::string coverage(const json& r) {
  std::ostringstream out;
  out << "<section id=\"coverage\">\n<h2>Error-code coverage</h2>\n";
  const auto cov = read_coverage(r);
  for (const auto& [api, c] : cov) out << api_table(api, c);
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

std::string observations(const json& r) {
  std::ostringstream rows;
  int n = 0;
  for (const auto& c : r["cases"]) {
    for (const auto& o : c.value("observations", json::array())) {
      const std::string what = o.value("what", "");
      const json v = o.contains("value") ? o["value"] : json();
      std::string shown = json_text(v);
      // A burst is a chart, not a line of JSON.
      if (what == "burst" && v.is_object())
        shown = std::to_string(v.value("accepted", 0)) + " accepted, " +
                std::to_string(v.value("throttled", 0)) + " throttled of " +
                std::to_string(v.value("calls", 0)) + " calls";
      if (shown.size() > 600) shown = shown.substr(0, 600) + "…";
      rows << "<tr><td>" << case_link(c["id"]) << "</td><td>" << outcome_badge(c["outcome"])
           << "</td><td>" << esc(what) << "</td><td><code>" << esc(shown) << "</code>"
           << (what == "burst" ? " <a href=\"#rate-limits\">chart</a>" : "") << "</td></tr>\n";
      ++n;
    }
  }
  std::ostringstream out;
  out << "<section id=\"observations\">\n<h2>Observations</h2>\n<p class=\"muted small\">Where the "
         "documents are "
      << "silent the suite records what this target did instead of inventing a rule; other cases "
         "record what they "
      << "measured.</p>\n";
  if (const auto findings = findings_of(r); !findings.empty()) {
    out << "<h3>Documents and the real service disagree</h3>\n<p class=\"muted small\">Findings, "
           "not failures: "
           "both stand.</p>\n<ul>\n";
    for (const auto& f : findings)
      out << "<li><strong>" << esc(f.api) << "</strong>: " << esc(f.what) << "<br>"
          << esc(f.document) << "<br>" << esc(f.observed) << "</li>\n";
    out << "</ul>\n";
  }
  if (n == 0)
    out << "<p class=\"muted\">No observations in this results file.</p>\n";
  else
    out << "<table><tr><th>case</th><th>outcome</th><th>what</th><th>value</th></tr>\n"
        << rows.str() << "</table>\n";
  out << "</section>\n";
  return out.str();
}

}  // namespace cc::reports::html
