#include "suites/results_listener.h"

#include <cstdio>

#include "reports/failure.h"
#include "suites/verdict.h"

namespace cc::suites {

void ResultsListener::OnTestEnd(const ::testing::TestInfo& info) {
  const std::string id = std::string(info.test_suite_name()) + "." + info.name();
  for (core::CaseRecord& rec : run_.cases) {
    if (rec.id != id) continue;
    using core::CaseOutcome;
    const ::testing::TestResult& r = *info.result();
    const CaseOutcome outcome = r.Skipped() ? CaseOutcome::NotSupported : outcome_of(rec);
    rec.outcome = outcome;
    if (r.Skipped()) {
      for (int i = 0; i < r.total_part_count(); ++i)
        if (r.GetTestPartResult(i).skipped() && r.GetTestPartResult(i).message())
          rec.message = r.GetTestPartResult(i).message();
    } else if (outcome == CaseOutcome::HarnessError) {
      rec.message = "harness error: " + rec.harness_error;
    } else if (outcome == CaseOutcome::Inconclusive) {
      rec.message = "inconclusive: " + rec.inconclusive;
    } else {
      rec.message = failure_text(rec);
    }
    const bool failed = outcome == CaseOutcome::Fail || outcome == CaseOutcome::HarnessError;
    if (failed || outcome == CaseOutcome::Deviation || outcome == CaseOutcome::Inconclusive)
      rec.replay = replay_(rec.id);
    if (!quiet_) print(rec, outcome);
    progress(failed);
    return;
  }
}

// The block of README "How to read a failure": nothing for a pass or an observation.
void ResultsListener::print(const core::CaseRecord& rec, core::CaseOutcome outcome) const {
  using core::CaseOutcome;
  if (outcome == CaseOutcome::Pass || outcome == CaseOutcome::Observed ||
      outcome == CaseOutcome::NotSupported)
    return;
  // The same block every report shows (reports/failure.h); long bodies belong in the transcript.
  std::string block = reports::failure_block(rec.to_json(), {300, 200});
  if (!block.empty() && block.back() != '\n') block += '\n';
  std::fputs(block.c_str(), stdout);
}

void ResultsListener::progress(bool failed) {
  ++done_;
  failed_ += failed;
  if (quiet_) return;
  const auto* unit = ::testing::UnitTest::GetInstance();
  const std::size_t total = static_cast<std::size_t>(unit->test_to_run_count());
  if (!failed && done_ % 25 != 0 && done_ != total) return;
  std::printf("[progress] %zu/%zu cases, %zu failed, %.1f s\n", done_, total, failed_,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
  std::fflush(stdout);
}

}  // namespace cc::suites
