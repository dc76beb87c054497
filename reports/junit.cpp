#include "reports/junit.h"

#include <cstdio>
#include <map>
#include <sstream>
#include <string_view>

#include "reports/differential.h"
#include "reports/failure.h"
#include "reports/model.h"
#include "reports/text.h"

namespace cc::reports {
namespace {

using nlohmann::json;

std::string seconds(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", ms / 1000);
  return buf;
}

// One attribute, ` name="value"` escaped, written straight into the document: built as a string
// first, each attribute made four temporaries (ten attributes a case), most of junit's
// allocations. Written in the statement that makes it: the value may be a temporary.
struct Attr {
  std::string_view name, value;
};
Attr attr(std::string_view name, std::string_view value) { return {name, value}; }
std::ostream& operator<<(std::ostream& out, const Attr& a) {
  return out << ' ' << a.name << "=\"" << xml_escape(a.value) << '"';
}

std::string observations_text(const Case& c) {
  std::string out;
  for (const Observation& o : c.observations)
    out +=
        o.what + ": " + (o.value.is_string() ? o.value.get<std::string>() : o.value.dump()) + "\n";
  return out;
}

// The failure text: the block a terminal shows (what was expected and what came back, the
// passages, the level, the replay), whole — a CI test tab has room for it.
std::string failure_text(const Case& c) { return failure_block(c); }

void property(std::ostringstream& out, const std::string& name, const std::string& value) {
  out << "<property" << attr("name", name) << attr("value", value) << "/>";
}

// The element a case that did not simply pass carries: <failure>, <error> or <skipped>.
void write_verdict(std::ostringstream& out, const Case& c, bool gated_deviation) {
  using O = CaseOutcome;
  const std::string title = failure_title(c, 200);
  const std::string outcome = to_string(c.outcome);
  if (c.outcome == O::Fail || c.outcome == O::UnexpectedPass || gated_deviation) {
    const std::string msg = c.outcome == O::UnexpectedPass ? "unexpected pass: " + c.id : title;
    out << "      <failure" << attr("message", msg) << attr("type", outcome) << ">"
        << xml_escape(failure_text(c)) << "</failure>\n";
  } else if (c.outcome == O::HarnessError) {
    out << "      <error" << attr("message", c.harness_error.value_or(title))
        << attr("type", "harness_error") << ">" << xml_escape(failure_text(c)) << "</error>\n";
  } else if (c.outcome == O::NotSupported) {
    out << "      <skipped" << attr("message", "not supported: " + headline(c.message)) << "/>\n";
  } else if (c.outcome == O::Inconclusive) {
    const std::string why = c.inconclusive.value_or(headline(c.message));
    out << "      <skipped" << attr("message", "inconclusive: " + why) << "/>\n";
  } else if (c.outcome == O::ExpectedFail) {
    const Expectation e = c.expectation.value_or(Expectation{});
    out << "      <skipped"
        << attr("message",
                "expected failure: " + e.reason + (e.link.empty() ? "" : " (" + e.link + ")"))
        << "/>\n";
  }
}

// A deviation under the MUST gate is not a failure of the run, so the testcase passes — CI tabs
// (GitHub, GitLab, Jenkins) then show it green, with the deviation in its properties and in
// <system-out>, which they all display. Marking it <skipped> would say it did not run.
void write_case(std::ostringstream& out, const Case& c, Gate gate) {
  const bool deviation = c.outcome == CaseOutcome::Deviation;
  const bool gated_deviation = deviation && gate == Gate::Should;
  out << "    <testcase" << attr("classname", c.api) << attr("name", behaviour_of(c))
      << attr("time", seconds(c.duration_ms)) << ">\n";
  out << "      <properties>";
  property(out, "family", to_string(c.family));
  property(out, "level", to_string(c.level));
  property(out, "outcome", to_string(c.outcome));
  if (deviation) property(out, "deviation", failure_title(c, 200));
  out << "</properties>\n";
  write_verdict(out, c, gated_deviation);
  std::string system_out = observations_text(c);
  if (c.outcome == CaseOutcome::ExpectedFail) system_out = failure_text(c) + system_out;
  if (deviation && !gated_deviation)
    system_out = "deviation from SHOULD (reported, not failed under the MUST gate)\n" +
                 failure_text(c) + system_out;
  if (!system_out.empty())
    out << "      <system-out>" << xml_escape(system_out) << "</system-out>\n";
  out << "    </testcase>\n";
}

struct Tally {
  Gate gate;
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  double ms = 0;
  void add(const Case& c) {
    using O = CaseOutcome;
    ++tests;
    failures += non_conformant(c.outcome, gate);
    errors += c.outcome == O::HarnessError;
    skipped += c.outcome == O::NotSupported || c.outcome == O::ExpectedFail ||
               c.outcome == O::Inconclusive;
    ms += c.duration_ms;
  }
  std::string attrs() const {
    std::ostringstream out;
    out << attr("tests", std::to_string(tests)) << attr("failures", std::to_string(failures))
        << attr("errors", std::to_string(errors)) << attr("skipped", std::to_string(skipped))
        << attr("time", seconds(ms));
    return out.str();
  }
};

// The differences from a recorded target, by case, in the order the comparison found them.
std::map<std::string, std::vector<const TargetDifference*>> differences_by_case(const Results& r) {
  std::map<std::string, std::vector<const TargetDifference*>> out;
  if (r.differential)
    for (const TargetDifference& d : r.differential->differences) out[d.case_id].push_back(&d);
  return out;
}

std::string differences_text(const Differential& d,
                             const std::vector<const TargetDifference*>& differences) {
  std::string out = "differs from " + recorded_target(d) + " (snapshot " + d.snapshot_dir + ")\n";
  for (const TargetDifference* x : differences)
    out += "\n" + where_of(*x) + " " + (x->pointer.empty() ? "(the whole exchange)" : x->pointer) +
           "\n  recorded: " + value_text(x->recorded, 2000) +
           "\n  observed: " + value_text(x->observed, 2000) + "\n  rule: " + rule_text(d, x->rule) +
           "\n";
  return out;
}

// One testcase per case that differs from the recorded target, named Differential.<case id>: a
// finding class of its own, beside the verdicts, never folded into a case's testcase. Under
// --gate differential it is a <failure> (the run fails on it); otherwise the testcase passes and
// the differences are in its <system-out> — which GitHub, GitLab and Jenkins all display, where
// testcase properties are shown by few — like a deviation under the MUST gate.
void write_differential(std::ostringstream& out, const Results& r, const std::string& attrs) {
  const Differential& d = *r.differential;
  out << "  <testsuite" << attr("name", "Differential") << attrs
      << attr("timestamp", r.started_at.value_or("")) << ">\n    <properties>";
  property(out, "snapshot", d.snapshot_dir);
  property(out, "recorded_target", recorded_target(d));
  property(out, "compared", std::to_string(d.compared));
  property(out, "gate",
           r.differential_gate ? "differential: a difference fails the run"
                               : "reported, not failed (no --gate differential)");
  out << "</properties>\n";
  for (const auto& [id, differences] : differences_by_case(r)) {
    const std::string text = differences_text(d, differences);
    out << "    <testcase" << attr("classname", "Differential") << attr("name", id)
        << attr("time", "0") << ">\n";
    if (r.differential_gate)
      out << "      <failure"
          << attr("message", count_of(static_cast<long long>(differences.size()), "difference") +
                                 " from the recorded target: " + where_of(*differences.front()) +
                                 " " + differences.front()->pointer)
          << attr("type", "differential") << ">" << xml_escape(text) << "</failure>\n";
    else
      out << "      <system-out>" << xml_escape(text) << "</system-out>\n";
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n";
}

}  // namespace

std::string render_junit(const Results& results) {
  std::map<std::string, std::vector<const Case*>> by_api;
  Tally all{results.gate};
  for (const Case& c : results.cases) {
    by_api[c.api].push_back(&c);
    all.add(c);
  }
  // The differences' testcases count in the totals: a CI tab's numbers add up.
  Tally differential{results.gate};
  const size_t differing = differences_by_case(results).size();
  differential.tests = static_cast<int>(differing);
  differential.failures = results.differential_gate ? static_cast<int>(differing) : 0;
  all.tests += differential.tests;
  all.failures += differential.failures;
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites" << attr("name", "cloudconform") << all.attrs() << ">\n";
  for (const auto& [api, cases] : by_api) {
    Tally n{results.gate};
    for (const Case* c : cases) n.add(*c);
    out << "  <testsuite" << attr("name", api) << n.attrs()
        << attr("timestamp", results.started_at.value_or("")) << ">\n";
    out << "    <properties>";
    property(out, "suite_version", results.suite_version.value_or(""));
    property(out, "catalogue_hash", results.catalogue_hash.value_or(""));
    property(out, "target", results.target_name.value_or(""));
    property(out, "gate", gate_line(results.gate));
    out << "</properties>\n";
    for (const Case* c : cases) write_case(out, *c, results.gate);
    out << "  </testsuite>\n";
  }
  if (results.differential) write_differential(out, results, differential.attrs());
  out << "</testsuites>\n";
  return out.str();
}

std::string render_junit(const json& results) { return render_junit(read_results(results)); }

}  // namespace cc::reports
