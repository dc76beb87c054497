#pragma once
// Turns each finished case into its record's outcome (from its assertions: suites/verdict.h) and
// prints what a person needs: a block for every case that did not pass — in the suite's own
// words, never GoogleTest's — and a progress line. It replaces GoogleTest's own printer.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>

#include "harness/core/results.h"

namespace cc::suites {

struct ListenerOptions {
  // The one command line that re-runs a case against the same target.
  std::function<std::string(const std::string&)> replay;
  bool quiet = false;      // no per-case output (plan, a parallel run's workers)
  bool fail_fast = false;  // --fail-fast: after the first case that fails the gate, `stop`
  std::string gate = "must";
  // Winds the run down (the remaining cases end at once, as on Ctrl-C: Target::interrupt).
  std::function<void(const std::string&)> stop;
};

class ResultsListener : public ::testing::EmptyTestEventListener {
 public:
  ResultsListener(core::RunRecord& run, ListenerOptions options)
      : run_(run),
        replay_(std::move(options.replay)),
        quiet_(options.quiet),
        options_(std::move(options)) {}
  void OnTestEnd(const ::testing::TestInfo& info) override;

 private:
  void print(const core::CaseRecord& rec, core::CaseOutcome outcome) const;
  // A long run says where it is: every 25 cases, after each failure, and at the end.
  void progress(bool failed);

  core::RunRecord& run_;
  std::function<std::string(const std::string&)> replay_;
  bool quiet_;
  ListenerOptions options_;
  std::size_t done_ = 0, failed_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace cc::suites
