#include "suites/results_listener.h"

#include <cstdio>
#include <cstring>

#include "reports/expectations.h"
#include "reports/failure.h"
#include "suites/interrupts.h"
#include "suites/verdict.h"

namespace cc::suites {

void ResultsListener::OnTestProgramStart(const ::testing::UnitTest&) {
  if (style_.live) live_ = std::make_unique<LiveLine>();
}

void ResultsListener::OnTestStart(const ::testing::TestInfo& info) {
  current_ = std::string(info.test_suite_name()) + "." + info.name();
  if (live_) live_->draw(progress_text());
}

void ResultsListener::OnTestProgramEnd(const ::testing::UnitTest&) {
  current_.clear();
  if (live_ && done_ > 0) live_->draw(progress_text());
  live_.reset();  // the last progress stays on its line; the closing follows below it
}

void ResultsListener::OnTestEnd(const ::testing::TestInfo& info) {
  const std::string id = std::string(info.test_suite_name()) + "." + info.name();
  for (core::CaseRecord& rec : run_.cases) {
    if (rec.id != id) continue;
    if (not_run(rec)) return;
    judge(rec, *info.result());
    const core::CaseOutcome outcome = *rec.outcome;
    using core::CaseOutcome;
    const bool failed = outcome == CaseOutcome::Fail || outcome == CaseOutcome::HarnessError;
    if (failed || outcome == CaseOutcome::Deviation || outcome == CaseOutcome::Inconclusive)
      rec.replay = replay_(rec.id);
    // A property's "again" line re-runs it with its seed, against the same target.
    if (rec.rapidcheck.is_object() && rec.rapidcheck.contains("reproduce") &&
        rec.rapidcheck.contains("seed"))
      rec.rapidcheck["reproduce"] =
          "RC_PARAMS=\"seed=" + rec.rapidcheck["seed"].get<std::string>() + "\" " + replay_(rec.id);
    // Its replay file's line, with the target flags too (null: `replay` cannot reach the target).
    if (options_.replay_file && rec.rapidcheck.is_object() &&
        rec.rapidcheck.value("replay_file", nlohmann::json()).is_string()) {
      const auto line = options_.replay_file(rec.id, rec.rapidcheck["replay_file"]);
      rec.rapidcheck["replay_command"] = line ? nlohmann::json(*line) : nlohmann::json();
    }
    if (!quiet_) print(rec, outcome);
    progress(failed);
    stop_if_failed(rec, outcome);
    return;
  }
}

void ResultsListener::judge(core::CaseRecord& rec, const ::testing::TestResult& r) const {
  using core::CaseOutcome;
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
}

// After a stop every call is refused with its reason; a case that met the refusal — or, after
// this listener's own --fail-fast stop, any case at all — judged nothing and is not run.
// A parallel run's worker (quiet) keeps such a case as the harness error the stop caused: its
// parent counts these as not run when it merges the records (parallel.h), as a serial run does.
bool ResultsListener::not_run(core::CaseRecord& rec) {
  if (stopped_.empty() && (quiet_ || !ended_by_stop(rec.harness_error))) return false;
  rec.outcome.reset();
  ++not_run_;
  run_.selection["not_run"] = not_run_;
  if (live_) live_->draw(progress_text());
  return true;
}

void ResultsListener::stop_if_failed(const core::CaseRecord& rec, core::CaseOutcome outcome) {
  using core::CaseOutcome;
  const bool fails_gate = outcome == CaseOutcome::Fail || outcome == CaseOutcome::HarnessError ||
                          (outcome == CaseOutcome::Deviation && options_.gate == "should");
  if (!options_.fail_fast || !fails_gate || !stopped_.empty() || !options_.stop) return;
  if (expected_to_fail(rec)) return;
  stopped_ = fail_fast_reason(rec.id);
  run_.selection["stopped"] = stopped_;
  run_.selection["not_run"] = not_run_;
  options_.stop(stopped_);
}

// Classified as the finished run will be (reports/expectations.h), one case at a time.
bool ResultsListener::expected_to_fail(const core::CaseRecord& rec) const {
  if (options_.expectations.is_null()) return false;
  nlohmann::json one = {{"cases", nlohmann::json::array({rec.to_json()})}};
  reports::apply_expectations(one, options_.expectations);
  return one["cases"][0].value("outcome", "") == "expected_fail";
}

// The block of README "How to read a failure": nothing for a pass or an observation.
void ResultsListener::print(const core::CaseRecord& rec, core::CaseOutcome outcome) {
  using core::CaseOutcome;
  if (outcome == CaseOutcome::Pass || outcome == CaseOutcome::Observed ||
      outcome == CaseOutcome::NotSupported)
    return;
  // The same block every report shows (reports/failure.h); long bodies belong in the transcript.
  std::string block = reports::failure_block(rec.to_json(), {300, 200});
  if (!block.empty() && block.back() != '\n') block += '\n';
  if (live_) live_->erase();
  std::fputs(paint_block(block, outcome, style_.colour).c_str(), stdout);
}

std::string ResultsListener::progress_text() const {
  const auto* unit = ::testing::UnitTest::GetInstance();
  const auto total = static_cast<std::size_t>(unit->test_to_run_count());
  char head[160], tail[96];
  std::snprintf(head, sizeof head, "[progress] %zu/%zu cases, ", done_ + not_run_, total);
  std::snprintf(tail, sizeof tail, ", %.1f s",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
  std::string rest = tail;
  if (not_run_) rest += ", " + std::to_string(not_run_) + " not run";
  const std::string failed = std::to_string(failed_) + " failed";
  std::string text = head + (failed_ && style_.colour ? paint(failed, Colour::Red, true) : failed);
  if (!live_ || current_.empty()) return text + rest;
  // The running case, cut to the terminal's width: a wrapped line cannot be rewritten in place.
  const size_t shown = std::strlen(head) + failed.size() + rest.size() + 2;
  const size_t room = style_.columns > 1 ? static_cast<size_t>(style_.columns) - 1 : 0;
  if (shown < room) rest += "  " + current_.substr(0, room - shown);
  return text + rest;
}

void ResultsListener::progress(bool failed) {
  ++done_;
  failed_ += failed;
  if (quiet_) return;
  if (live_) {
    live_->draw(progress_text());
    return;
  }
  const auto* unit = ::testing::UnitTest::GetInstance();
  const std::size_t total = static_cast<std::size_t>(unit->test_to_run_count());
  if (!failed && done_ % 25 != 0 && done_ != total) return;
  std::printf("%s\n", progress_text().c_str());
  std::fflush(stdout);
}

}  // namespace cc::suites
