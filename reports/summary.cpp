#include "reports/summary.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

#include "harness/core/json_reader.h"
#include "reports/failure.h"
#include "reports/findings.h"
#include "reports/model.h"

namespace cc::reports {

using nlohmann::json;

json load_results(const std::string& path) {
  json doc = core::read_json_file(path, "results");
  validate_results(doc, path);
  return doc;
}

namespace {

// A terminal shows each failure in full but keeps one line from running on for a screen: longer
// lines and passages are shortened at a word, and the block says where the whole text is.
constexpr BlockLimits kTerminal{300, 200};

void write_matrix(std::ostringstream& out, const json& results) {
  // Cells count cases that met the documents (pass, observed) over cases that were judged.
  const Matrix m = compute_matrix(results);
  out << std::left << std::setw(34) << "API";
  for (const auto& f : m.families) out << std::setw(12) << f;
  out << "overall\n";
  for (const auto& [api, row] : m.cells) {
    out << std::setw(34) << api;
    for (const auto& f : m.families) {
      auto it = row.find(f);
      std::string cell =
          it == row.end() || it->second.judged == 0
              ? "-"
              : std::to_string(it->second.met) + "/" + std::to_string(it->second.judged);
      out << std::setw(12) << cell;
    }
    const Cell& a = m.per_api.at(api);
    out << (a.judged ? format_percent(a.percent()) : "-") << "\n";
  }
}

void write_counts(std::ostringstream& out, const json& results) {
  const json s = count_outcomes(results["cases"]);
  auto n = [&](const char* k) { return s[k].get<int>(); };
  out << n("pass") << " passed, " << n("fail") << " failed, " << n("deviation") << " deviations, "
      << n("inconclusive") << " inconclusive, " << n("observed") << " observed, "
      << n("not_supported") << " not supported, " << n("harness_error") << " harness errors";
  if (n("expected_fail") > 0) out << ", " << n("expected_fail") << " expected failures";
  if (n("unexpected_pass") > 0) out << ", " << n("unexpected_pass") << " unexpected passes";
  out << "\n";
}

// One list of blocks: the cases with one of the outcomes, under a title with their number.
void write_blocks(std::ostringstream& out, const json& results, const std::string& title,
                  const std::string& note, const std::vector<std::string>& outcomes) {
  std::string blocks;
  int n = 0;
  for (const auto& c : results["cases"]) {
    if (std::find(outcomes.begin(), outcomes.end(), c["outcome"]) == outcomes.end()) continue;
    blocks += "\n" + failure_block(c, kTerminal);
    ++n;
  }
  if (n > 0)
    out << "\n"
        << title << " (" << n << ")" << (note.empty() ? "" : " — " + note) << ":\n"
        << blocks;
}

}  // namespace

std::string render_summary(const json& results) {
  std::ostringstream out;
  out << gate_line(results) << "\n\n";
  write_matrix(out, results);
  out << "\n";
  write_counts(out, results);
  out << verdict(results) << "\n";
  const bool should = gate_of(results) == "should";
  write_blocks(out, results, "Failures", "", {"fail"});
  write_blocks(out, results, "Deviations from SHOULD",
               should ? "they fail the run under this gate" : "reported, not failed",
               {"deviation"});
  write_blocks(out, results, "Unexpected passes", "update the expectations file",
               {"unexpected_pass"});
  write_blocks(out, results, "Harness errors", "the target did not answer usably",
               {"harness_error"});
  write_blocks(out, results, "Inconclusive", "never a pass, never a failure", {"inconclusive"});
  out << findings_text(results);
  return out.str();
}

std::string render_outcomes(const json& results) {
  std::string out;
  for (const auto& c : results["cases"])
    out += c["id"].get<std::string>() + " " + c.value("level", "MUST") + " " +
           c["outcome"].get<std::string>() + "\n";
  return out;
}

std::string case_outcome(const json& results, const std::string& case_id) {
  for (const auto& c : results["cases"])
    if (c["id"] == case_id) return c["outcome"];
  return "absent";
}

}  // namespace cc::reports
