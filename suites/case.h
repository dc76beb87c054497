#pragma once
// A conformance case as GoogleTest runs it: <Api>.<Behaviour>, with its record in the run's
// results (provenance, observations, transcript), and harness faults kept apart from verdicts.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "harness/core/catalogue.h"
#include "harness/core/results.h"
#include "harness/target/target.h"

namespace cc::suites {

struct SuiteContext {
  const core::Catalogue& catalogue;
  target::Target& target;
  core::RunRecord& run;
};

class Case {
 public:
  Case(SuiteContext& ctx, const core::Api& api, std::size_t index) : ctx_(ctx), api_(api), index_(index) {}

  const core::Api& api() const { return api_; }
  target::Target& target() { return ctx_.target; }
  const core::Catalogue& catalogue() const { return ctx_.catalogue; }
  core::CaseRecord& record() { return ctx_.run.cases.at(index_); }

  // Where the documents are silent, what the target did is recorded, not judged.
  void observe(const std::string& what, const nlohmann::json& value);
  // A call whose answer the case reasons about: a transport failure ends the case as a
  // harness error (never a verdict).
  core::Outcome call(const nlohmann::json& params, const core::CallStyle& style = {});
  core::Outcome call(const core::Api& api, const nlohmann::json& params, const core::CallStyle& style = {});

 private:
  SuiteContext& ctx_;
  const core::Api& api_;
  std::size_t index_;
};

struct Behaviour {
  std::string name;    // CamelCase, read as a sentence after the API: StopsARunningInstance
  std::string family;  // status | batch | duplicates | dry_run | rate_limit | errors
  // Whether it applies to an API, and the provenance it rests on there.
  std::function<bool(const core::Api&)> applies;
  std::function<std::vector<core::Provenance>(const core::Api&)> provenance;
  std::function<void(Case&)> body;
};

// Registers one GoogleTest case per subject API and behaviour, with a record in ctx.run.
void register_behaviours(SuiteContext& ctx, const std::vector<Behaviour>& behaviours);

// Matchers that explain themselves: what was sent, what came back, what the document says.
::testing::AssertionResult is_one_of_documented(const core::Outcome& outcome,
                                                const std::vector<const core::ErrorEntry*>& documented);

}  // namespace cc::suites
