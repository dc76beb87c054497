#include "suites/results_listener.h"

#include <cstdio>

namespace cc::suites {

void ResultsListener::OnTestEnd(const ::testing::TestInfo& info) {
  const std::string id = std::string(info.test_suite_name()) + "." + info.name();
  for (core::CaseRecord& rec : run_.cases) {
    if (rec.id != id) continue;
    const ::testing::TestResult& r = *info.result();
    std::string message;
    for (int i = 0; i < r.total_part_count(); ++i) {
      const auto& part = r.GetTestPartResult(i);
      if (part.message() && *part.message()) {
        if (!message.empty()) message += "\n";
        message += part.message();
      }
    }
    if (r.Skipped()) rec.outcome = "not_supported";
    else if (r.Failed()) rec.outcome = rec.harness_error.empty() ? "fail" : "harness_error";
    else rec.outcome = rec.level == "OBSERVED" ? "observed" : "pass";
    // A failure explains itself: what the documents say, next to what the target did.
    if (rec.outcome == "fail") {
      for (const auto& p : rec.provenance) {
        if (p.source == "silent") continue;
        message += "\n  the document says (" + (p.source == "seed" ? p.file : "protocols.md " + p.section) +
                   "): \"" + p.passage + "\"";
      }
    }
    rec.message = message;
    progress(rec.outcome == "fail" || rec.outcome == "harness_error");
    return;
  }
}

void ResultsListener::progress(bool failed) {
  ++done_;
  failed_ += failed;
  const auto* unit = ::testing::UnitTest::GetInstance();
  const std::size_t total = static_cast<std::size_t>(unit->test_to_run_count());
  if (!failed && done_ % 25 != 0 && done_ != total) return;
  std::printf("[progress] %zu/%zu cases, %zu failed, %.1f s\n", done_, total, failed_,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
  std::fflush(stdout);
}

}  // namespace cc::suites
