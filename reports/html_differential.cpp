// #differential: the run compared with a snapshot of another target (`run --compare-to`): who was
// recorded, under which equivalence rules, and every difference with both values — a section of
// its own, apart from the verdicts, present only when the run was compared.
#include <sstream>

#include "reports/differential.h"
#include "reports/html_parts.h"
#include "reports/model.h"
#include "reports/text.h"

namespace cc::reports::html {
namespace {

using nlohmann::json;

// A difference's value may be a whole exchange: shown pretty, but never a page long.
constexpr size_t kMaxValue = 4000;

std::string value_cell(const json& v) {
  const std::string text = v.is_structured() ? v.dump(2) : value_text(v);
  return "<td><pre>" + esc(shorten(text, kMaxValue)) + "</pre></td>";
}

std::string case_list(const std::string& title, const std::vector<std::string>& ids) {
  if (ids.empty()) return "";
  std::string out =
      "<details><summary>" + esc(title) + " (" + std::to_string(ids.size()) + ")</summary>\n<ul>";
  for (const auto& id : ids) out += "<li>" + esc(id) + "</li>";
  return out + "</ul></details>\n";
}

// The snapshot and its target's identity (free-form, public only), the counts and the gate.
std::string header(const Results& r) {
  const Differential& d = *r.differential;
  std::ostringstream out;
  out << "<table>\n";
  auto row = [&](const std::string& k, const std::string& v) {
    out << "<tr><th>" << esc(k) << "</th><td>" << esc(v) << "</td></tr>\n";
  };
  row("snapshot", d.snapshot_dir);
  for (const auto& [key, value] : d.snapshot_target.items())
    row("recorded target " + key, json_text(value));
  row("cases compared", std::to_string(d.compared));
  row("in this run, not in the snapshot", std::to_string(d.not_in_snapshot.size()));
  row("in the snapshot, not run", std::to_string(d.not_run.size()));
  row("gate", r.differential_gate ? "--gate differential: a difference fails the run"
                                  : "reported, not failed (no --gate differential)");
  out << "</table>\n";
  return out.str();
}

std::string rules(const Differential& d) {
  std::string out = "<details><summary>Equivalence rules (" + std::to_string(d.rules.size()) +
                    ")</summary>\n<ul>";
  for (const auto& rule : d.rules) out += "<li>" + esc(rule) + "</li>";
  return out + "</ul></details>\n";
}

std::string differences(const Differential& d) {
  if (d.differences.empty())
    return "<p>No difference: every compared case answered as the recorded target did, under "
           "the rules below.</p>\n";
  std::ostringstream out;
  out << "<table class=\"differences\">\n<tr><th>case</th><th>where</th><th>pointer</th>"
         "<th>recorded</th><th>observed</th><th>rule</th></tr>\n";
  for (const TargetDifference& x : d.differences)
    out << "<tr><td>" << case_link(x.case_id) << "</td><td>" << esc(where_of(x))
        << "</td><td><code>" << esc(x.pointer.empty() ? "(the whole exchange)" : x.pointer)
        << "</code></td>" << value_cell(x.recorded) << value_cell(x.observed) << "<td title=\""
        << esc(rule_text(d, x.rule)) << "\">" << esc(x.rule) << "</td></tr>\n";
  out << "</table>\n";
  return out.str();
}

}  // namespace

std::string differential(const Results& r) {
  if (!r.differential) return "";
  const Differential& d = *r.differential;
  std::ostringstream out;
  out << "<section id=\"differential\">\n<h2>Differs from the recorded target ("
      << d.differences.size() << ")</h2>\n"
      << "<p class=\"muted small\">This run's answers compared field by field with a snapshot of "
      << esc(recorded_target(d))
      << ", under the equivalence rules below. A difference is a finding of its own: it changes "
         "no verdict, and fails the run only under <code>--gate differential</code>.</p>\n"
      << header(r) << differences(d) << rules(d)
      << case_list("Cases of this run the snapshot does not have", d.not_in_snapshot)
      << case_list("Cases of the snapshot this run did not run", d.not_run) << "</section>\n";
  return out.str();
}

}  // namespace cc::reports::html
