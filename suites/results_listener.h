#pragma once
// Turns GoogleTest's verdicts into the run's case records: pass, fail, observed (where the
// documents are silent), not_supported (skipped before the body could judge), harness_error.
#include <gtest/gtest.h>

#include "harness/core/results.h"

namespace cc::suites {

class ResultsListener : public ::testing::EmptyTestEventListener {
 public:
  explicit ResultsListener(core::RunRecord& run) : run_(run) {}
  void OnTestEnd(const ::testing::TestInfo& info) override;

 private:
  core::RunRecord& run_;
};

}  // namespace cc::suites
