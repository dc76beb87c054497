#pragma once
// Turns each finished case into its record's outcome (from its assertions: suites/verdict.h) and
// prints what a person needs: a block for every case that did not pass — in the suite's own
// words, never GoogleTest's — and a progress line. It replaces GoogleTest's own printer.
// At a terminal the progress is one line rewritten in place and outcomes are coloured
// (suites/terminal.h); elsewhere the lines are plain.
//
// A run stopped early (--fail-fast, Ctrl-C) leaves the cases after the stop without an outcome:
// they were not run. Their number and what stopped the run go to the record's "selection"
// ({"not_run", "stopped"}), which finish() completes (suites/finish.h).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include "harness/core/results.h"
#include "suites/terminal.h"

namespace cc::suites {

struct ListenerOptions {
  // The one command line that re-runs a case against the same target.
  std::function<std::string(const std::string&)> replay;
  // The `cloudconform replay` line of a property's replay file (case id, file relative to --out);
  // nullopt when `replay` cannot reach the run's target (suites/finish.h replay_file_line).
  std::function<std::optional<std::string>(const std::string&, const std::string&)> replay_file;
  bool quiet = false;      // no per-case output (plan, a parallel run's workers)
  bool fail_fast = false;  // --fail-fast: after the first case that fails the gate, `stop`
  std::string gate = "must";
  // Winds the run down (the remaining cases end at once, as on Ctrl-C: Target::interrupt).
  std::function<void(const std::string&)> stop;
  // The run's expectations file (null = none): a failure it lists is known, and --fail-fast does
  // not stop for it.
  nlohmann::json expectations;
  // nullopt: decided from stdout (TerminalStyle::of_stdout).
  std::optional<TerminalStyle> terminal;
};

class ResultsListener : public ::testing::EmptyTestEventListener {
 public:
  ResultsListener(core::RunRecord& run, ListenerOptions options)
      : run_(run),
        replay_(std::move(options.replay)),
        quiet_(options.quiet),
        style_(options.terminal.value_or(quiet_ ? TerminalStyle{} : TerminalStyle::of_stdout())),
        options_(std::move(options)) {}
  void OnTestProgramStart(const ::testing::UnitTest& unit) override;
  void OnTestStart(const ::testing::TestInfo& info) override;
  void OnTestEnd(const ::testing::TestInfo& info) override;
  void OnTestProgramEnd(const ::testing::UnitTest& unit) override;

 private:
  // The case's outcome and message from its record and GoogleTest's result.
  void judge(core::CaseRecord& rec, const ::testing::TestResult& r) const;
  // A case the stop ended (or that came after it): no outcome, counted as not run.
  bool not_run(core::CaseRecord& rec);
  // --fail-fast: the first case that fails the gate stops the run.
  void stop_if_failed(const core::CaseRecord& rec, core::CaseOutcome outcome);
  bool expected_to_fail(const core::CaseRecord& rec) const;
  void print(const core::CaseRecord& rec, core::CaseOutcome outcome);
  // A long run says where it is: every 25 cases, after each failure, and at the end — or, at a
  // terminal, after every case on its one live line.
  void progress(bool failed);
  std::string progress_text() const;

  core::RunRecord& run_;
  std::function<std::string(const std::string&)> replay_;
  bool quiet_;
  TerminalStyle style_;
  ListenerOptions options_;
  std::unique_ptr<LiveLine> live_;  // at a terminal, from the first case to the last
  std::string current_;             // the case running, shown on the live line
  std::string stopped_;             // the --fail-fast stop this listener made; empty = none
  std::size_t done_ = 0, failed_ = 0, not_run_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace cc::suites
