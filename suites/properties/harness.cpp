#include "suites/properties/harness.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace cc::suites::properties {

using nlohmann::json;

std::string size_class(std::size_t n) {
  if (n <= 1) return "size " + std::to_string(n);
  if (n < 100) return "size 2-99";
  if (n <= 101) return "size " + std::to_string(n);
  return "size >101";
}

// Counts what RapidCheck reports: generated cases (with their tags) and accepted shrinks.
class Listener : public rc::detail::TestListener {
 public:
  explicit Listener(PropertyHarness& h) : h_(h) {}
  void onTestCaseFinished(const rc::detail::CaseDescription& d) override {
    if (d.tags.empty()) return;  // skipped for the budget: nothing ran
    ++h_.cases_run_;
    for (std::string t : d.tags) {
      // RapidCheck shows strings quoted.
      if (t.size() >= 2 && t.front() == '"' && t.back() == '"') t = t.substr(1, t.size() - 2);
      ++h_.distribution_[t];
    }
  }
  void onShrinkTried(const rc::detail::CaseDescription&, bool accepted) override {
    h_.shrinks_ += accepted;
  }
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}

 private:
  PropertyHarness& h_;
};

PropertyHarness::PropertyHarness(Case& c, Budget budget) : case_(c), budget_(budget) {
  // The exchanges of every generated case would drown the report: each case keeps its own,
  // and the record gets those of the smallest failure.
  case_.target().set_transcript(&transcript_);
}

PropertyHarness::~PropertyHarness() { case_.target().set_transcript(&case_.record().transcript); }

bool PropertyHarness::skip_case() {
  if (harness_error_) return true;
  const auto now = std::chrono::steady_clock::now();
  const auto limit = std::chrono::duration<double>(budget_.seconds);
  if (!shrinking_ && now - started_ > limit) spent_ = true;
  if ((!shrinking_ && spent_) || (shrinking_ && now - shrink_started_ > limit)) {
    ++skipped_;
    return true;
  }
  transcript_.clear();
  return false;
}

void PropertyHarness::failed(const Scenario& scenario, const StepResult& result) {
  if (!shrinking_) shrink_started_ = std::chrono::steady_clock::now();
  shrinking_ = true;
  minimal_ = scenario;
  minimal_result_ = result;
  failure_transcript_ = transcript_;
}

void PropertyHarness::harness_error(const target::HarnessError& error) {
  if (!harness_error_) harness_error_ = error;
}

std::optional<StepResult> PropertyHarness::run(ScenarioRunner& runner, const Scenario& scenario) {
  try {
    return runner.run(scenario);
  } catch (const target::HarnessError& e) {
    harness_error(e);
    return std::nullopt;
  }
}

RunnerOptions PropertyHarness::runner_options(bool unpaced, std::chrono::milliseconds wait_bound) {
  RunnerOptions o;
  o.unpaced = unpaced;
  o.wait_bound = wait_bound;
  wait_bound_ms_ = wait_bound.count();
  // Against a target whose limits are off, waiting polls briskly; otherwise as configured.
  o.poll = unpaced ? std::min(case_.target().config().poll_interval, std::chrono::milliseconds(10))
                   : case_.target().config().poll_interval;
  o.transcript = &transcript_;
  core::CaseRecord* rec = &case_.record();
  o.on_answer = [rec](const core::Api& api, const core::Outcome& out) {
    rec->answers.push_back(
        {{"api", api.id}, {"ok", out.ok}, {"code", out.code}, {"http_status", out.http_status}});
  };
  return o;
}

// RapidCheck's parameters: RC_PARAMS wins, else the family's budget.
rc::detail::TestParams PropertyHarness::test_params() const {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  const char* env = std::getenv("RC_PARAMS");
  const bool count_given = env && std::string(env).find("max_success") != std::string::npos;
  if (!count_given) params.maxSuccess = budget_.max_success;
  if (budget_.max_size > 0 && !(env && std::string(env).find("max_size") != std::string::npos))
    params.maxSize = budget_.max_size;
  return params;
}

// The smallest failing case: a replay file, the record's rapidcheck block, and the failure
// GoogleTest reports with the two lines that reproduce it.
void PropertyHarness::record_minimal_failure(const rc::detail::FailureResult& failure, json& rc,
                                             const json& stage, std::uint64_t seed) {
  const std::string id = case_.record().id;
  const std::string rel = "replays/" + id + ".json";
  json file = minimal_->to_json();
  file["case"] = id;
  file["seed"] = std::to_string(seed);
  file["message"] = minimal_result_.message;
  file["stage"] = stage;
  file["wait_bound_ms"] = wait_bound_ms_;
  std::error_code ec;
  std::filesystem::create_directories(case_.out_dir() + "/replays", ec);
  std::ofstream out(case_.out_dir() + "/" + rel);
  out << file.dump(2) << "\n";
  rc["minimal_case"] = {{"scenario", minimal_->to_json()},
                        {"message", minimal_result_.message},
                        {"step", minimal_result_.printout},
                        {"counterexample", json::array()}};
  for (const auto& [name, value] : failure.counterExample)
    rc["minimal_case"]["counterexample"].push_back({{"type", name}, {"value", value}});
  rc["replay_file"] = out ? json(rel) : json(nullptr);
  case_.record().rapidcheck = rc;
  case_.record().transcript = failure_transcript_;
  ADD_FAILURE() << minimal_result_.message << "\n  smallest failing case after " << shrinks_
                << " shrinks (" << cases_run_ << " cases run, seed " << seed
                << "): " << minimal_->to_json().dump() << "\n  replay: cloudconform replay "
                << case_.out_dir() << "/" << rel
                << "\n  again: " << rc["reproduce"].get<std::string>();
}

void PropertyHarness::check_property(const rc::detail::Property& property, const json& stage) {
  const rc::detail::TestParams params = test_params();
  max_success_ = params.maxSuccess;
  const std::string id = case_.record().id;
  std::cout << "[ property ] " << id << ": seed=" << params.seed
            << " max_success=" << params.maxSuccess << " budget=" << budget_.seconds << "s"
            << std::endl;

  Listener listener(*this);
  rc::detail::TestMetadata metadata;
  metadata.id = id;
  metadata.description = id;
  started_ = std::chrono::steady_clock::now();
  const rc::detail::TestResult result = rc::detail::checkProperty(
      property, metadata, params, listener, rc::detail::configuration().reproduce);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();

  json rc = {{"seed", std::to_string(params.seed)},
             {"cases_run", cases_run_},
             {"max_success", max_success_},
             {"time_budget_s", budget_.seconds},
             {"budget_exhausted", spent_},
             {"duration_s", seconds},
             {"distribution", distribution_},
             {"shrinks", shrinks_},
             {"minimal_case", nullptr},
             {"replay_file", nullptr},
             {"stage", stage},
             {"reproduce", "RC_PARAMS=\"seed=" + std::to_string(params.seed) +
                               "\" cloudconform run --only '" + id + "'"}};
  if (harness_error_) {
    case_.record().rapidcheck = rc;
    throw *harness_error_;
  }
  // A property that generated nothing judged nothing (a slow target ate the time budget).
  if (cases_run_ == 0 && !result.template is<rc::detail::FailureResult>()) {
    case_.record().rapidcheck = rc;
    case_.inconclusive("no generated case ran within the time budget of " +
                       std::to_string(budget_.seconds) + " s");
  }
  if (result.template is<rc::detail::FailureResult>() && minimal_) {
    record_minimal_failure(result.template get<rc::detail::FailureResult>(), rc, stage,
                           params.seed);
    return;
  }
  case_.record().rapidcheck = rc;
  case_.record().transcript =
      failure_transcript_.empty() ? std::vector<json>{} : failure_transcript_;
  if (result.template is<rc::detail::FailureResult>()) {
    // A failure outside a scenario (an exception in the property itself).
    std::ostringstream ss;
    rc::detail::printResultMessage(result, ss);
    ADD_FAILURE() << ss.str();
  } else if (!result.template is<rc::detail::SuccessResult>()) {
    std::ostringstream ss;
    rc::detail::printResultMessage(result, ss);
    throw target::HarnessError("RapidCheck: " + ss.str());
  }
}

}  // namespace cc::suites::properties
