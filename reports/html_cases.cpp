// #cases: one <details> per case, failures first, with everything needed to understand a verdict
// without leaving the page: why it failed (each failed assertion's level, message and passages),
// every assertion, expectation, provenance passages, observations, property data, replay line
// and the redacted request/response transcript, pretty-printed.
#include <algorithm>
#include <cctype>
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

std::string headers_text(const json& m) {
  std::string out;
  for (const auto& h : m.value("headers", json::array()))
    if (h.is_array() && h.size() == 2) out += json_text(h[0]) + ": " + json_text(h[1]) + "\n";
  return out;
}

std::string exchange(const json& x, size_t n) {
  const json req = x.value("request", json::object()), resp = x.value("response", json::object());
  std::ostringstream out;
  const std::string status = resp.contains("status") ? json_text(resp["status"]) : "?";
  out << "<details class=\"exchange\"><summary>#" << n << " " << esc(req.value("method", "")) << " "
      << esc(req.value("url", "")) << " → " << esc(status);
  if (resp.contains("elapsed_ms"))
    out << " <span class=\"muted\">(" << esc(json_text(resp["elapsed_ms"])) << " ms)</span>";
  out << "</summary>\n<pre>"
      << esc(req.value("method", "") + " " + req.value("url", "") + "\n" + headers_text(req) +
             "\n" + truncate_utf8(pretty_body(req.value("body", "")), kMaxBody))
      << "</pre>\n";
  std::string response = "HTTP " + status + "\n" + headers_text(resp) + "\n" +
                         truncate_utf8(pretty_body(resp.value("body", "")), kMaxBody);
  if (resp.contains("transport_error"))
    response = "transport error: " + json_text(resp["transport_error"]) + "\n" + response;
  out << "<pre>" << esc(response) << "</pre></details>\n";
  return out.str();
}

std::string provenance(const json& c) {
  std::ostringstream out;
  for (const auto& p : c.value("provenance", json::array())) {
    out << "<li><span class=\"muted\">" << esc(p.value("source", ""));
    if (p.contains("file")) out << " " << esc(p.value("file", ""));
    if (p.contains("section")) out << " § " << esc(p.value("section", ""));
    out << "</span>";
    if (p.contains("passage"))
      out << "<blockquote>" << esc(p.value("passage", "")) << "</blockquote>";
    if (p.contains("note")) out << "<div class=\"small\">" << esc(p.value("note", "")) << "</div>";
    out << "</li>\n";
  }
  const std::string items = out.str();
  return items.empty() ? "" : "<h4>What the documents say</h4>\n<ul>" + items + "</ul>\n";
}

// One passage: where it comes from, then its words quoted.
std::string passage_html(const json& p) {
  std::string out = "<div class=\"small muted\">" + esc(passage_source(p)) + "</div>";
  const std::string source = p.value("source", "");
  if (source == "inferred" || source == "silent") return out;
  if (p.contains("passage")) out += "<blockquote>" + esc(p.value("passage", "")) + "</blockquote>";
  if (!p.value("note", "").empty())
    out += "<div class=\"small\">" + esc(p.value("note", "")) + "</div>";
  return out;
}

std::string level_badge(const std::string& level) {
  return "<span class=\"badge l-" + esc(level) + "\">" + esc(level) + "</span>";
}

// Why a case failed or deviated: each failed assertion with its level, what it checks, its
// message and the passages it rests on; a property's shrunk case; how to replay it.
std::string failure(const json& c) {
  const std::string outcome = c["outcome"];
  std::ostringstream out;
  out << "<div class=\"failure" << (outcome == "deviation" ? " deviation" : "") << "\">\n<h4>"
      << (outcome == "deviation" ? "Why it deviated (only SHOULD assertions failed)"
                                 : "Why it failed")
      << "</h4>\n";
  for (const Reason& r : failure_reasons(c)) {
    out << "<p>" << level_badge(r.level);
    if (!r.what.empty()) out << "<b>" << esc(r.what) << "</b>";
    out << "</p>\n";
    if (!r.message.empty()) out << "<pre class=\"message\">" << esc(r.message) << "</pre>\n";
    for (const auto& p : r.rests_on)
      if (p.is_object()) out << passage_html(p) << "\n";
  }
  const std::string property = property_line(c);
  if (!property.empty()) out << "<p class=\"small\"><b>Property:</b> " << esc(property) << "</p>\n";
  out << "</div>\n";
  return out.str();
}

int assertion_rank(const json& a) {
  const std::string level = a.value("level", "MUST");
  return (a.value("passed", true) ? 3 : 0) + (level == "MUST" ? 0 : level == "SHOULD" ? 1 : 2);
}

// Every assertion of the case, failed ones first (MUST, SHOULD, then OBSERVED).
std::string assertions(const json& c) {
  const json list = c.value("assertions", json::array());  // the pointers below point into it
  std::vector<const json*> all;
  for (const auto& a : list)
    if (a.is_object()) all.push_back(&a);
  if (all.empty()) return "";
  std::stable_sort(all.begin(), all.end(), [](const json* a, const json* b) {
    return assertion_rank(*a) < assertion_rank(*b);
  });
  int failed = 0;
  for (const json* a : all) failed += !a->value("passed", true);
  std::ostringstream out;
  out << "<h4>Assertions (" << all.size() << ", " << failed << " failed)</h4>\n"
      << "<table class=\"assertions\"><tr><th>held</th><th>level</th><th>claim</th>"
         "<th>message</th><th>rests on</th></tr>\n";
  for (const json* a : all) {
    const bool passed = a->value("passed", true);
    out << "<tr class=\"" << (passed ? "passed" : "failed") << "\"><td class=\"held\">"
        << (passed ? "✓" : "✗") << "</td><td>" << level_badge(a->value("level", "MUST"))
        << "<div class=\"small muted\">" << esc(a->value("source", "")) << "</div></td><td><code>"
        << esc(a->value("claim", "")) << "</code><div>" << esc(a->value("what", ""))
        << "</div></td><td>" << esc(readable_message(a->value("message", ""))) << "</td><td>";
    for (const auto& p : a->value("rests_on", json::array()))
      if (p.is_object()) out << passage_html(p);
    out << "</td></tr>\n";
  }
  out << "</table>\n";
  return out.str();
}

std::string one_case(const json& c) {
  const std::string id = c["id"], outcome = c["outcome"];
  std::ostringstream out;
  out << "<details class=\"case\" id=\"" << case_anchor(id) << "\" data-outcome=\"" << esc(outcome)
      << "\"><summary>" << outcome_badge(outcome) << "<b>" << esc(id)
      << "</b> <span class=\"muted small\">" << esc(c.value("level", "MUST")) << " · "
      << esc(c["family"].get<std::string>()) << " · " << esc(format_ms(c.value("duration_ms", 0.0)))
      << "</span></summary>\n";
  const bool failed = outcome == "fail" || outcome == "deviation" || outcome == "expected_fail";
  const std::string message = readable_message(c.value("message", ""));
  if (failed)
    out << failure(c);
  else if (!message.empty())
    out << "<pre class=\"message\">" << esc(message) << "</pre>\n";
  if (outcome == "inconclusive")
    out << "<p><b>Inconclusive:</b> "
        << esc(c.value("inconclusive",
                       message.empty() ? std::string("no reason recorded") : message))
        << "</p>\n";
  if (c.contains("harness_error"))
    out << "<p><b>harness error:</b> " << esc(json_text(c["harness_error"])) << "</p>\n";
  if (c.contains("expectation") && c["expectation"].is_object()) {
    const json& e = c["expectation"];
    out << "<p><b>"
        << (outcome == "unexpected_pass" ? "Listed as a known failure, but it passed:"
                                         : "Known failure:")
        << "</b> " << esc(e.value("reason", ""));
    if (!e.value("link", "").empty())
      out << " <span class=\"muted\">(" << esc(e.value("link", "")) << ")</span>";
    out << "</p>\n";
  }
  out << assertions(c) << provenance(c);
  const json obs = c.value("observations", json::array());
  if (!obs.empty()) {
    out << "<h4>Observations</h4>\n<table><tr><th>what</th><th>value</th></tr>\n";
    for (const auto& o : obs)
      out << "<tr><td>" << esc(o.value("what", "")) << "</td><td><code>"
          << esc(truncate_utf8(json_text(o.contains("value") ? o["value"] : json()), 2000))
          << "</code></td></tr>\n";
    out << "</table>\n";
  }
  if (c.contains("rapidcheck"))
    out << "<h4>Property test</h4>\n<pre>" << esc(c["rapidcheck"].dump(2)) << "</pre>\n";
  if (c.contains("answers") && c["answers"].is_array() && !c["answers"].empty()) {
    out << "<p class=\"small\"><b>Answers:</b> ";
    for (const auto& a : c["answers"])
      out << "<code>" << esc(a.value("ok", false) ? "ok" : a.value("code", "?")) << " "
          << esc(a.contains("http_status") ? json_text(a["http_status"]) : "") << "</code> ";
    out << "</p>\n";
  }
  for (const auto& line : replay_lines(c)) {
    const size_t colon = line.find(": ");
    std::string label = line.substr(0, colon);
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    out << "<p class=\"small\"><b>" << esc(label) << ":</b> <code>" << esc(line.substr(colon + 2))
        << "</code></p>\n";
  }
  const json transcript = c.value("transcript", json::array());
  if (!transcript.empty()) {
    out << "<h4>Transcript (" << transcript.size() << " exchanges, secrets redacted)</h4>\n";
    for (size_t i = 0; i < transcript.size(); ++i) out << exchange(transcript[i], i + 1);
  }
  out << "</details>\n";
  return out.str();
}

// Failures first: they are what a reader opens the page for.
int rank(const std::string& o) {
  static const std::vector<std::string> order = {
      "fail",          "unexpected_pass", "deviation",     "harness_error", "inconclusive",
      "expected_fail", "observed",        "not_supported", "pass"};
  return static_cast<int>(std::find(order.begin(), order.end(), o) - order.begin());
}

}  // namespace

std::string cases(const json& r) {
  std::vector<const json*> sorted;
  for (const auto& c : r["cases"]) sorted.push_back(&c);
  std::stable_sort(sorted.begin(), sorted.end(), [](const json* a, const json* b) {
    return std::make_pair(rank((*a)["outcome"]), (*a)["id"].get<std::string>()) <
           std::make_pair(rank((*b)["outcome"]), (*b)["id"].get<std::string>());
  });
  std::ostringstream out;
  out << "<section id=\"cases\">\n<h2>Cases</h2>\n<div class=\"filters\"><button class=\"on\" "
         "data-filter=\"all\">all ("
      << sorted.size() << ")</button>";
  for (const auto& [outcome, n] : r["summary"].items())
    if (outcome != "total" && n.get<int>() > 0)
      out << "<button data-filter=\"" << esc(outcome) << "\">" << esc(outcome) << " ("
          << n.get<int>() << ")</button>";
  out << "</div>\n";
  for (const json* c : sorted) out << one_case(*c);
  out << "</section>\n";
  return out.str();
}

}  // namespace cc::reports::html
