#pragma once
// Runs a RapidCheck property inside a conformance case: case count and time budget (RC_PARAMS
// overrides the count and the seed), the distribution of tags, the minimal failing scenario
// with its replay file, and the seed — all into the case's record (CaseRecord::rapidcheck).
#include <rapidcheck.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/target/errors.h"
#include "suites/case.h"
#include "suites/properties/scenario.h"

namespace cc::suites::properties {

struct Budget {
  int max_success = 40;  // generated cases, unless RC_PARAMS sets max_success
  double seconds = 8;    // generation stops passing new cases to the target after this;
                         // shrinking gets as long again
  int max_size = 0;      // RapidCheck's size bound (0 = RC_PARAMS or its default)
};

class PropertyHarness {
 public:
  PropertyHarness(Case& c, Budget budget);
  ~PropertyHarness();
  PropertyHarness(const PropertyHarness&) = delete;
  PropertyHarness& operator=(const PropertyHarness&) = delete;

  // At the start of each generated case: true when the budget is spent or the target failed
  // (the case then passes without touching the target); else a fresh transcript is started.
  bool skip_case();
  // A generated case disagreed with the model: the scenario is the smallest failure so far
  // (shrinking only ever accepts smaller failing cases).
  void failed(const Scenario& scenario, const StepResult& result);
  // The target, not the behaviour, failed: the case ends as this harness error, its kind kept
  // (a target that timed out is reported as unresponsive, like any other case's).
  void harness_error(const target::HarnessError& error);
  // Runs one generated scenario; a target fault is recorded as the case's harness error and
  // gives nullopt (the generated case then ends without a verdict).
  std::optional<StepResult> run(ScenarioRunner& runner, const Scenario& scenario);
  // Options for the scenario runner: pacing, transcript, and answers recorded for coverage.
  RunnerOptions runner_options(bool unpaced, std::chrono::milliseconds wait_bound);

  // Runs the property, then fills the record and reports a failure through GoogleTest.
  void check_property(const rc::detail::Property& property, const nlohmann::json& stage);
  template <typename Testable>
  void check(Testable&& testable, const nlohmann::json& stage) {
    check_property(rc::detail::toProperty(std::forward<Testable>(testable)), stage);
  }

 private:
  friend class Listener;
  rc::detail::TestParams test_params() const;
  void record_minimal_failure(const rc::detail::FailureResult& failure, nlohmann::json& rc,
                              const nlohmann::json& stage, std::uint64_t seed);
  Case& case_;
  Budget budget_;
  int max_success_ = 0;
  std::chrono::steady_clock::time_point started_, shrink_started_;
  bool shrinking_ = false;
  bool spent_ = false;
  int skipped_ = 0;
  int cases_run_ = 0;
  int shrinks_ = 0;
  long long wait_bound_ms_ = 0;
  std::map<std::string, int> distribution_;
  std::optional<target::HarnessError> harness_error_;
  std::vector<nlohmann::json> transcript_;          // of the current generated case
  std::vector<nlohmann::json> failure_transcript_;  // of the smallest failure
  std::optional<Scenario> minimal_;
  StepResult minimal_result_;
};

// "size 0", "size 1", "size 2-99", "size 100", "size 101", "size >101": the batch size classes.
std::string size_class(std::size_t n);

}  // namespace cc::suites::properties
