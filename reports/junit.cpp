#include "reports/junit.h"

#include <cstdio>
#include <map>
#include <sstream>

#include "reports/failure.h"
#include "reports/model.h"
#include "reports/prepare.h"
#include "reports/text.h"

namespace cc::reports {
namespace {

using nlohmann::json;

std::string seconds(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", ms / 1000);
  return buf;
}

std::string attr(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + xml_escape(value) + "\"";
}

std::string observations_text(const json& c) {
  std::string out;
  for (const auto& o : c.value("observations", json::array())) {
    const json& v = o.contains("value") ? o["value"] : json();
    out += o.value("what", "") + ": " + (v.is_string() ? v.get<std::string>() : v.dump()) + "\n";
  }
  return out;
}

// The failure text: the block a terminal shows (what was expected and what came back, the
// passages, the level, the replay), whole — a CI test tab has room for it.
std::string failure_text(const json& c) { return failure_block(c); }

void property(std::ostringstream& out, const std::string& name, const std::string& value) {
  out << "<property" << attr("name", name) << attr("value", value) << "/>";
}

// A deviation under the MUST gate is not a failure of the run, so the testcase passes — CI tabs
// (GitHub, GitLab, Jenkins) then show it green, with the deviation in its properties and in
// <system-out>, which they all display. Marking it <skipped> would say it did not run.
void write_case(std::ostringstream& out, const json& c, const std::string& gate) {
  const std::string outcome = c["outcome"];
  const bool gated_deviation = outcome == "deviation" && gate == "should";
  out << "    <testcase" << attr("classname", c["api"]) << attr("name", behaviour_of(c))
      << attr("time", seconds(c.value("duration_ms", 0.0))) << ">\n";
  out << "      <properties>";
  property(out, "family", c["family"]);
  property(out, "level", c.value("level", "MUST"));
  property(out, "outcome", outcome);
  if (outcome == "deviation") property(out, "deviation", failure_title(c, 200));
  out << "</properties>\n";
  const std::string title = failure_title(c, 200);
  if (outcome == "fail" || outcome == "unexpected_pass" || gated_deviation) {
    const std::string msg =
        outcome == "unexpected_pass" ? "unexpected pass: " + c["id"].get<std::string>() : title;
    out << "      <failure" << attr("message", msg) << attr("type", outcome) << ">"
        << xml_escape(failure_text(c)) << "</failure>\n";
  } else if (outcome == "harness_error") {
    out << "      <error" << attr("message", c.value("harness_error", title))
        << attr("type", "harness_error") << ">" << xml_escape(failure_text(c)) << "</error>\n";
  } else if (outcome == "not_supported") {
    out << "      <skipped" << attr("message", "not supported: " + headline(c.value("message", "")))
        << "/>\n";
  } else if (outcome == "inconclusive") {
    const std::string why = c.value("inconclusive", headline(c.value("message", "")));
    out << "      <skipped" << attr("message", "inconclusive: " + why) << "/>\n";
  } else if (outcome == "expected_fail") {
    const json e = c.value("expectation", json::object());
    out << "      <skipped"
        << attr("message",
                "expected failure: " + e.value("reason", "") +
                    (e.value("link", "").empty() ? "" : " (" + e.value("link", "") + ")"))
        << "/>\n";
  }
  std::string system_out = observations_text(c);
  if (outcome == "expected_fail") system_out = failure_text(c) + system_out;
  if (outcome == "deviation" && !gated_deviation)
    system_out = "deviation from SHOULD (reported, not failed under the MUST gate)\n" +
                 failure_text(c) + system_out;
  if (!system_out.empty())
    out << "      <system-out>" << xml_escape(system_out) << "</system-out>\n";
  out << "    </testcase>\n";
}

struct Counts {
  std::string gate;
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  double ms = 0;
  void add(const json& c) {
    const std::string o = c["outcome"];
    ++tests;
    failures += non_conformant(o, gate);
    errors += o == "harness_error";
    skipped += o == "not_supported" || o == "expected_fail" || o == "inconclusive";
    ms += c.value("duration_ms", 0.0);
  }
  std::string attrs() const {
    return attr("tests", std::to_string(tests)) + attr("failures", std::to_string(failures)) +
           attr("errors", std::to_string(errors)) + attr("skipped", std::to_string(skipped)) +
           attr("time", seconds(ms));
  }
};

}  // namespace

std::string render_junit(const json& prepared_or_not) {
  const json results = prepare_for_reports(prepared_or_not);
  std::map<std::string, std::vector<const json*>> by_api;
  const std::string gate = gate_of(results);
  Counts all{gate};
  for (const auto& c : results["cases"]) {
    by_api[c["api"]].push_back(&c);
    all.add(c);
  }
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites" << attr("name", "cloudconform") << all.attrs() << ">\n";
  for (const auto& [api, cases] : by_api) {
    Counts n{gate};
    for (const json* c : cases) n.add(*c);
    out << "  <testsuite" << attr("name", api) << n.attrs()
        << attr("timestamp", results.value("started_at", "")) << ">\n";
    out << "    <properties>"
        << "<property" << attr("name", "suite_version")
        << attr("value", results.value("/suite/version"_json_pointer, std::string())) << "/>"
        << "<property" << attr("name", "catalogue_hash")
        << attr("value", results.value("/suite/catalogue_hash"_json_pointer, std::string())) << "/>"
        << "<property" << attr("name", "target")
        << attr("value", results.value("/target/name"_json_pointer, std::string())) << "/>"
        << "<property" << attr("name", "gate") << attr("value", gate_line(results)) << "/>"
        << "</properties>\n";
    for (const json* c : cases) write_case(out, *c, gate);
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
  return out.str();
}

}  // namespace cc::reports
