#include "reports/summary.h"
#include "reports/coverage.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

#include "harness/core/json_reader.h"
#include "reports/differential.h"
#include "reports/failure.h"
#include "reports/findings.h"
#include "reports/model.h"
#include "reports/text.h"

namespace cc::reports {

using nlohmann::json;

Results load_results(const std::string& path) {
  return read_results(core::read_json_file(path, "results"), path);
}

namespace {

// A terminal shows each failure in full but keeps one line from running on for a screen: longer
// lines and passages are shortened at a word, and the block says where the whole text is.
constexpr BlockLimits kTerminal{300, 200};

void write_matrix(std::ostringstream& out, const Results& results) {
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
  // A blank cell of a partial run is "not run", not "nothing to judge": say so under the matrix.
  if (const std::string note = matrix_not_run_note(results); !note.empty()) out << note << "\n";
}

void write_counts(std::ostringstream& out, const Counts& n) {
  using O = CaseOutcome;
  out << n[O::Pass] << " passed, " << n[O::Fail] << " failed, " << n[O::Deviation]
      << " deviations, " << n[O::Inconclusive] << " inconclusive, " << n[O::Observed]
      << " observed, " << n[O::NotSupported] << " not supported, " << n[O::HarnessError]
      << " harness errors";
  if (n[O::ExpectedFail] > 0) out << ", " << count_of(n[O::ExpectedFail], "expected failure");
  if (n[O::UnexpectedPass] > 0)
    out << ", " << count_of(n[O::UnexpectedPass], "unexpected pass", "unexpected passes");
  out << "\n";
}

// One list of blocks: the cases with one of the outcomes, under a title with their number.
void write_blocks(std::ostringstream& out, const Results& results, const std::string& title,
                  const std::string& note, CaseOutcome outcome) {
  std::string blocks;
  int n = 0;
  for (const Case& c : results.cases) {
    if (c.outcome != outcome) continue;
    blocks += "\n" + failure_block(c, kTerminal);
    ++n;
  }
  if (n > 0)
    out << "\n"
        << title << " (" << n << ")" << (note.empty() ? "" : " — " + note) << ":\n"
        << blocks;
}

// A terminal lists this many differences from the recorded target; report.html has them all.
constexpr size_t kMaxDifferences = 20;

// "Differs from the recorded target (N)": each difference with its case, where, pointer, both
// values and the rule — apart from the verdicts above, which it never changes.
void write_differences(std::ostringstream& out, const Results& results) {
  if (!results.differential) return;
  const Differential& d = *results.differential;
  const auto& all = d.differences;
  out << "\nDiffers from the recorded target (" << all.size() << ") — "
      << (results.differential_gate ? "they fail the run under --gate differential"
                                    : "reported, not failed (no --gate differential)")
      << ":\n  snapshot " << d.snapshot_dir << ": " << recorded_target(d) << "; "
      << count_of(d.compared, "case") << " compared, " << d.not_in_snapshot.size()
      << " not in the snapshot, " << d.not_run.size() << " of the snapshot's not run\n";
  for (size_t i = 0; i < all.size() && i < kMaxDifferences; ++i) {
    const TargetDifference& x = all[i];
    out << "\n"
        << x.case_id << "  " << where_of(x) << "  "
        << (x.pointer.empty() ? "(the whole exchange)" : x.pointer) << "\n"
        << "    recorded: " << value_text(x.recorded, kTerminal.line_chars) << "\n"
        << "    observed: " << value_text(x.observed, kTerminal.line_chars) << "\n"
        << "    rule: " << shorten(rule_text(d, x.rule), kTerminal.line_chars) << "\n";
  }
  if (all.size() > kMaxDifferences)
    out << "\n… and " << all.size() - kMaxDifferences
        << " more (report.html and results.json list every one)\n";
}

}  // namespace

std::string render_summary(const Results& results) {
  std::ostringstream out;
  out << gate_line(results.gate) << "\n\n";
  write_matrix(out, results);
  out << "\n";
  write_counts(out, results.counts);
  out << gated_verdict(results) << "\n";
  if (const std::string differs = differential_line(results); !differs.empty())
    out << differs << "\n";
  const bool should = results.gate == Gate::Should;
  write_blocks(out, results, "Failures", "", CaseOutcome::Fail);
  write_blocks(out, results, "Deviations from SHOULD",
               should ? "they fail the run under this gate" : "reported, not failed",
               CaseOutcome::Deviation);
  write_blocks(out, results, "Unexpected passes", "update the expectations file",
               CaseOutcome::UnexpectedPass);
  // Cases an interrupt cut short are "not run", in series and side by side alike (finish.h).
  write_blocks(out, results, "Harness errors", "the target did not answer usably",
               CaseOutcome::HarnessError);
  write_blocks(out, results, "Inconclusive", "never a pass, never a failure",
               CaseOutcome::Inconclusive);
  write_differences(out, results);
  out << findings_text(results);
  return out.str();
}

std::string render_summary(const json& results) { return render_summary(read_results(results)); }

std::string render_outcomes(const Results& results) {
  std::string out;
  for (const Case& c : results.cases)
    out += c.id + " " + to_string(c.level) + " " + to_string(c.outcome) + "\n";
  return out;
}

std::string case_outcome(const Results& results, const std::string& case_id) {
  for (const Case& c : results.cases)
    if (c.id == case_id) return to_string(c.outcome);
  return "absent";
}

}  // namespace cc::reports
