#pragma once
// Turns GoogleTest's verdicts into the run's case records: pass, fail, observed (where the
// documents are silent), not_supported (skipped before the body could judge), harness_error.
#include <gtest/gtest.h>

#include <chrono>

#include "harness/core/results.h"

namespace cc::suites {

class ResultsListener : public ::testing::EmptyTestEventListener {
 public:
  explicit ResultsListener(core::RunRecord& run) : run_(run) {}
  void OnTestEnd(const ::testing::TestInfo& info) override;

 private:
  // A long run says where it is: every 25 cases, after each failure, and at the end.
  void progress(bool failed);

  core::RunRecord& run_;
  std::size_t done_ = 0, failed_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace cc::suites
