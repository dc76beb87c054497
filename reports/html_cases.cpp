// #cases: one <details> per case, failures first, with everything needed to understand a verdict
// without leaving the page: why it failed (each failed assertion's level, message and passages),
// every assertion, expectation, provenance passages, observations, property data, replay line
// and the redacted request/response transcript, pretty-printed.
#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

#include "harness/core/encoding.h"
#include "reports/failure.h"
#include "reports/html_parts.h"
#include "reports/model.h"
#include "reports/text.h"

namespace cc::reports::html {
namespace {

using nlohmann::json;

// A transcript body longer than this is cut: the page must stay light enough to open.
constexpr size_t kMaxBody = 32 * 1024;

// JSON indented, a form one parameter per line (decoded), anything else as it came.
std::string pretty_body(const std::string& body) {
  if (body.empty()) return "";
  const nlohmann::ordered_json j =
      nlohmann::ordered_json::parse(body, nullptr, false);  // keeps field order
  if (!j.is_discarded() && (j.is_object() || j.is_array())) return j.dump(2);
  if (body.find('=') != std::string::npos && body.find_first_of(" \n{<\"") == std::string::npos) {
    std::string out;
    for (const std::string& pair : core::split(body, '&')) {
      const size_t eq = pair.find('=');
      const std::string k = pair.substr(0, eq),
                        v = eq == std::string::npos ? "" : pair.substr(eq + 1);
      out +=
          core::percent_decode(k).value_or(k) + " = " + core::percent_decode(v).value_or(v) + "\n";
    }
    return out;
  }
  return body;
}

std::string headers_text(const Message& m) {
  std::string out;
  for (const auto& [name, value] : m.headers) out += name + ": " + value + "\n";
  return out;
}

std::string exchange(const Exchange& x, size_t n) {
  const Message &req = x.request, &resp = x.response;
  std::ostringstream out;
  const std::string status = resp.status.is_null() ? "?" : json_text(resp.status);
  out << "<details class=\"exchange\"><summary>#" << n << " " << esc(req.method) << " "
      << esc(req.url) << " → " << esc(status);
  if (!resp.elapsed_ms.is_null())
    out << " <span class=\"muted\">(" << esc(json_text(resp.elapsed_ms)) << " ms)</span>";
  out << "</summary>\n<pre>"
      << esc(req.method + " " + req.url + "\n" + headers_text(req) + "\n" +
             truncate_utf8(pretty_body(req.body), kMaxBody))
      << "</pre>\n";
  std::string response = "HTTP " + status + "\n" + headers_text(resp) + "\n" +
                         truncate_utf8(pretty_body(resp.body), kMaxBody);
  if (!resp.transport_error.is_null())
    response = "transport error: " + json_text(resp.transport_error) + "\n" + response;
  out << "<pre>" << esc(response) << "</pre></details>\n";
  return out.str();
}

std::string provenance(const Case& c) {
  std::ostringstream out;
  for (const Passage& p : c.provenance) {
    out << "<li><span class=\"muted\">" << esc(p.source);
    if (p.file) out << " " << esc(*p.file);
    if (p.section) out << " § " << esc(*p.section);
    out << "</span>";
    if (p.passage) out << "<blockquote>" << esc(*p.passage) << "</blockquote>";
    if (p.note) out << "<div class=\"small\">" << esc(*p.note) << "</div>";
    out << "</li>\n";
  }
  const std::string items = out.str();
  return items.empty() ? "" : "<h4>What the documents say</h4>\n<ul>" + items + "</ul>\n";
}

// One passage: where it comes from, then its words quoted.
std::string passage_html(const Passage& p) {
  std::string out = "<div class=\"small muted\">" + esc(passage_source(p)) + "</div>";
  if (p.source == "inferred" || p.source == "silent") return out;
  if (p.passage) out += "<blockquote>" + esc(*p.passage) + "</blockquote>";
  if (!p.note.value_or("").empty()) out += "<div class=\"small\">" + esc(*p.note) + "</div>";
  return out;
}

std::string level_badge(Level level) {
  const std::string l = to_string(level);
  return "<span class=\"badge l-" + esc(l) + "\">" + esc(l) + "</span>";
}

// Why a case failed or deviated: each failed assertion with its level, what it checks, its
// message and the passages it rests on; a property's shrunk case; how to replay it.
std::string failure(const Case& c) {
  const bool deviation = c.outcome == CaseOutcome::Deviation;
  std::ostringstream out;
  out << "<div class=\"failure" << (deviation ? " deviation" : "") << "\">\n<h4>"
      << (deviation ? "Why it deviated (only SHOULD assertions failed)" : "Why it failed")
      << "</h4>\n";
  for (const Reason& r : failure_reasons(c)) {
    out << "<p>" << level_badge(r.level);
    if (!r.what.empty()) out << "<b>" << esc(r.what) << "</b>";
    out << "</p>\n";
    if (!r.message.empty()) out << "<pre class=\"message\">" << esc(r.message) << "</pre>\n";
    for (const Passage& p : r.rests_on) out << passage_html(p) << "\n";
  }
  const std::string property = property_line(c);
  if (!property.empty()) out << "<p class=\"small\"><b>Property:</b> " << esc(property) << "</p>\n";
  out << "</div>\n";
  return out.str();
}

int assertion_rank(const Assertion& a) {
  return (a.passed ? 3 : 0) + (a.level == Level::Must ? 0 : a.level == Level::Should ? 1 : 2);
}

// Every assertion of the case, failed ones first (MUST, SHOULD, then OBSERVED).
std::string assertions(const Case& c) {
  std::vector<const Assertion*> all;
  for (const Assertion& a : c.assertions) all.push_back(&a);
  if (all.empty()) return "";
  std::stable_sort(all.begin(), all.end(), [](const Assertion* a, const Assertion* b) {
    return assertion_rank(*a) < assertion_rank(*b);
  });
  int failed = 0;
  for (const Assertion* a : all) failed += !a->passed;
  std::ostringstream out;
  out << "<h4>Assertions (" << all.size() << ", " << failed << " failed)</h4>\n"
      << "<table class=\"assertions\"><tr><th>held</th><th>level</th><th>claim</th>"
         "<th>message</th><th>rests on</th></tr>\n";
  for (const Assertion* a : all) {
    out << "<tr class=\"" << (a->passed ? "passed" : "failed") << "\"><td class=\"held\">"
        << (a->passed ? "✓" : "✗") << "</td><td>" << level_badge(a->level)
        << "<div class=\"small muted\">" << esc(a->source) << "</div></td><td><code>"
        << esc(a->claim) << "</code><div>" << esc(a->what) << "</div></td><td>"
        << esc(readable_message(a->message)) << "</td><td>";
    for (const Passage& p : a->rests_on) out << passage_html(p);
    out << "</td></tr>\n";
  }
  out << "</table>\n";
  return out.str();
}

// The case's message, or why it failed; why it was inconclusive; a harness error; its
// expectation.
std::string verdict_of(const Case& c) {
  using O = CaseOutcome;
  std::ostringstream out;
  const bool failed =
      c.outcome == O::Fail || c.outcome == O::Deviation || c.outcome == O::ExpectedFail;
  const std::string message = readable_message(c.message);
  if (failed)
    out << failure(c);
  else if (!message.empty())
    out << "<pre class=\"message\">" << esc(message) << "</pre>\n";
  if (c.outcome == O::Inconclusive)
    out << "<p><b>Inconclusive:</b> "
        << esc(c.inconclusive.value_or(message.empty() ? std::string("no reason recorded")
                                                       : message))
        << "</p>\n";
  if (c.harness_error) out << "<p><b>harness error:</b> " << esc(*c.harness_error) << "</p>\n";
  if (c.expectation) {
    out << "<p><b>"
        << (c.outcome == O::UnexpectedPass ? "Listed as a known failure, but it passed:"
                                           : "Known failure:")
        << "</b> " << esc(c.expectation->reason);
    if (!c.expectation->link.empty())
      out << " <span class=\"muted\">(" << esc(c.expectation->link) << ")</span>";
    out << "</p>\n";
  }
  return out.str();
}

// Observations, property data, answers and the replay line(s).
std::string details_of(const Case& c) {
  std::ostringstream out;
  if (!c.observations.empty()) {
    out << "<h4>Observations</h4>\n<table><tr><th>what</th><th>value</th></tr>\n";
    for (const Observation& o : c.observations)
      out << "<tr><td>" << esc(o.what) << "</td><td><code>"
          << esc(truncate_utf8(json_text(o.value), 2000)) << "</code></td></tr>\n";
    out << "</table>\n";
  }
  if (c.rapidcheck)
    out << "<h4>Property test</h4>\n<pre>" << esc(c.rapidcheck->data.dump(2)) << "</pre>\n";
  if (!c.answers.empty()) {
    out << "<p class=\"small\"><b>Answers:</b> ";
    for (const Answer& a : c.answers)
      out << "<code>" << esc(a.ok ? "ok" : a.code.value_or("?")) << " "
          << esc(a.http_status.is_null() ? "" : json_text(a.http_status)) << "</code> ";
    out << "</p>\n";
  }
  for (const auto& line : replay_lines(c)) {
    const size_t colon = line.find(": ");
    std::string label = line.substr(0, colon);
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    out << "<p class=\"small\"><b>" << esc(label) << ":</b> <code>" << esc(line.substr(colon + 2))
        << "</code></p>\n";
  }
  return out.str();
}

// `differs`: how many differences from a recorded target the case has (run --compare-to), shown
// beside its outcome and never as one: the listing is #differential's.
std::string one_case(const Case& c, size_t differs) {
  const std::string outcome = to_string(c.outcome);
  std::ostringstream out;
  out << "<details class=\"case\" id=\"" << case_anchor(c.id) << "\" data-outcome=\""
      << esc(outcome) << "\"><summary>" << outcome_badge(c.outcome) << "<b>" << esc(c.id)
      << "</b> <span class=\"muted small\">" << esc(to_string(c.level)) << " · "
      << esc(to_string(c.family)) << " · " << esc(format_ms(c.duration_ms)) << "</span>";
  if (differs > 0)
    out << " <a class=\"small\" href=\"#differential\">differs from the recorded target ("
        << differs << ")</a>";
  out << "</summary>\n";
  out << verdict_of(c) << assertions(c) << provenance(c) << details_of(c);
  if (!c.transcript.empty()) {
    out << "<h4>Transcript (" << c.transcript.size() << " exchanges, secrets redacted)</h4>\n";
    for (size_t i = 0; i < c.transcript.size(); ++i) out << exchange(c.transcript[i], i + 1);
  }
  out << "</details>\n";
  return out.str();
}

// Failures first: they are what a reader opens the page for.
int rank(CaseOutcome o) {
  using O = CaseOutcome;
  static const std::vector<O> order = {O::Fail,         O::UnexpectedPass, O::Deviation,
                                       O::HarnessError, O::Inconclusive,   O::ExpectedFail,
                                       O::Observed,     O::NotSupported,   O::Pass};
  return static_cast<int>(std::find(order.begin(), order.end(), o) - order.begin());
}

}  // namespace

std::string cases(const Results& r) {
  std::vector<const Case*> sorted;
  for (const Case& c : r.cases) sorted.push_back(&c);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Case* a, const Case* b) {
    return std::make_pair(rank(a->outcome), a->id) < std::make_pair(rank(b->outcome), b->id);
  });
  std::ostringstream out;
  out << "<section id=\"cases\">\n<h2>Cases</h2>\n<div class=\"filters\"><button class=\"on\" "
         "data-filter=\"all\">all ("
      << sorted.size() << ")</button>";
  for (CaseOutcome o : outcomes_by_name())
    if (r.counts[o] > 0)
      out << "<button data-filter=\"" << esc(to_string(o)) << "\">" << esc(to_string(o)) << " ("
          << r.counts[o] << ")</button>";
  out << "</div>\n";
  std::map<std::string, size_t> differs;
  if (r.differential)
    for (const TargetDifference& d : r.differential->differences) ++differs[d.case_id];
  for (const Case* c : sorted) out << one_case(*c, differs.count(c->id) ? differs[c->id] : 0);
  out << "</section>\n";
  return out.str();
}

}  // namespace cc::reports::html
