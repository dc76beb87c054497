#pragma once
// A conformance case as GoogleTest runs it: <Api>.<Behaviour>, with its record in the run's
// results (provenance, observations, transcript), and harness faults kept apart from verdicts.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness/core/catalogue.h"
#include "harness/core/results.h"
#include "harness/target/target.h"
#include "suites/claim.h"

namespace cc::suites {

// Thrown by a case that cannot arrange what it needs on this target: NotSupported, never a
// verdict.
class NotSupported : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SuiteContext {
  const core::Catalogue& catalogue;
  target::Target& target;
  core::RunRecord& run;
  std::string out_dir =
      "results";  // where the run writes; property cases put replay files under it
  // Bounds against a hostile target (README, "Hostile targets"). Past its deadline, a case's next
  // call ends it as a harness error. After `unresponsive_after` cases in a row each ended by a
  // timeout, the rest are not run (harness errors, "target unresponsive"): a run against a target
  // that stopped answering ends in seconds, not in hours of timeouts. 0 = never give up.
  std::chrono::milliseconds case_timeout{120000};
  std::size_t unresponsive_after = 3;
  // Why the target gave no HTTP answer when tried before the first case (suites/reachability.h);
  // then every case is a harness error saying so, without a request. Empty = it answered.
  std::string unreachable = {};
  std::size_t timed_out_in_a_row = 0;  // cases, counted as they end
  std::string last_timeout{};          // the harness error of the last of them
};

// Ends a case body early: a `require` that did not hold, or an inconclusive case. Never a
// harness fault; what ended it is already in the case's record.
struct CaseEnded {};

class Case {
 public:
  Case(SuiteContext& ctx, const core::Api& api, std::size_t index, const std::vector<Claim>& claims)
      : ctx_(ctx), api_(api), index_(index), claims_(claims) {}

  const core::Api& api() const { return api_; }
  target::Target& target() { return ctx_.target; }
  const core::Catalogue& catalogue() const { return ctx_.catalogue; }
  const std::string& out_dir() const { return ctx_.out_dir; }
  core::CaseRecord& record() { return ctx_.run.cases.at(index_); }

  // Where the documents are silent, what the target did is recorded, not judged.
  void observe(const std::string& what, const nlohmann::json& value);

  // Judges one declared claim and records the assertion — its level (the weakest source of the
  // claim), whether it held and, when not, what was expected and what came back, in the suite's
  // own words. Returns whether it held.
  bool check(const std::string& claim, bool held, const std::string& message);
  bool check(const std::string& claim, const Judgement& j) {
    return check(claim, j.held, j.message);
  }
  // As check, and ends the case when it does not hold: what would follow judges nothing.
  void require(const std::string& claim, bool held, const std::string& message);
  void require(const std::string& claim, const Judgement& j) { require(claim, j.held, j.message); }
  // A refusal judged on the claims of `refusal_claims`: refused at all ("refused"), with one of
  // the documented codes ("code"), with that code's documented HTTP status ("status").
  void expect_refused(const core::Outcome& o,
                      const std::vector<const core::ErrorEntry*>& documented,
                      const std::string& what);
  // The case could not exercise its subject (a burst too slow to reach the limit, two calls that
  // did not overlap): inconclusive, never a pass and never a failure.
  [[noreturn]] void inconclusive(const std::string& why);
  // A call whose answer the case reasons about: a transport failure ends the case as a
  // harness error (never a verdict). Every answer is recorded for the error-code coverage.
  core::Outcome call(const nlohmann::json& params, const core::CallStyle& style = {});
  core::Outcome call(const core::Api& api, const nlohmann::json& params,
                     const core::CallStyle& style = {});
  core::Outcome call_unpaced(const nlohmann::json& params);
  core::Outcome call_as(const nlohmann::json& params, const target::CallVariant& variant);
  // Two stops released together, each with when it was sent and answered.
  std::pair<target::Target::Timed, target::Target::Timed> call_together(const nlohmann::json& a,
                                                                        const nlohmann::json& b);
  // Unpaced calls all released together (a burst inside one rate window).
  std::vector<target::Target::Timed> call_concurrently(const std::vector<nlohmann::json>& params);
  // Instances in the state a case asks for, distinct within the case (Target::arrange: a control
  // plane, or allowlisted instances brought there through the public APIs); NotSupported
  // (skipped) when the target cannot provide them.
  std::vector<std::string> arrange(const std::string& state,
                                   const std::vector<std::string>& attributes = {}, int count = 1);

  // The side-effect oracle: around a call that must change nothing (refused, throttled, dry
  // run), the instances it names are read before and after; any change fails the case on its
  // own, whatever the response said.
  struct Snapshot {
    std::vector<target::ObservedInstance> instances;
  };
  Snapshot snapshot(const std::vector<std::string>& ids);
  void expect_unchanged(const Snapshot& before, const std::string& call);

 private:
  SuiteContext& ctx_;
  const core::Api& api_;
  std::size_t index_;
  const std::vector<Claim>& claims_;
  std::set<std::string> arranged_;  // handed out to this case already

  const Claim& claim(const std::string& key) const;
  void record_breaks(const core::Api& api, const core::Outcome& o);
  core::Outcome checked(const core::Api& api, core::Outcome o);
};

struct Behaviour {
  std::string name;  // CamelCase, read as a sentence after the API: StopsARunningInstance
  core::Family family;
  // Whether it applies to an API, and the provenance it rests on there.
  std::function<bool(const core::Api&)> applies;
  std::function<std::vector<core::Provenance>(const core::Api&)> provenance;
  std::function<void(Case&)> body;
  // The facts the case checks on an API, each graded by its own sources. Empty: one claim,
  // "behaviour", resting on `provenance` (its weakest source grades it).
  std::function<std::vector<Claim>(const core::Api&)> claims = {};
};

// Every claim a behaviour's case makes on an API: its own, then the two every answer is held to
// (the provider's error envelope, a RequestId on every answer).
std::vector<Claim> claims_of(const core::Catalogue& catalogue, const Behaviour& behaviour,
                             const core::Api& api);
// The claims of a refused call: refused at all (resting on the rule), with a documented code
// (the codes' sources), with its documented HTTP status (the statuses' sources), and — when the
// case reads the instances around the call — that it changed nothing (resting on the rule).
std::vector<Claim> refusal_claims(const std::string& what,
                                  const std::vector<core::Provenance>& rule,
                                  const std::vector<const core::ErrorEntry*>& documented,
                                  bool unchanged = true);
// The level a case is listed at: the strongest of its own claims (what it can fail at).
Level case_level(const std::vector<Claim>& claims);

// Registers one GoogleTest case per subject API and behaviour, with a record in ctx.run.
void register_behaviours(SuiteContext& ctx, const std::vector<Behaviour>& behaviours);

// Matchers that explain themselves: what was sent, what came back, what the document says.
Judgement is_one_of_documented(const core::Outcome& outcome,
                               const std::vector<const core::ErrorEntry*>& documented);
// The code alone (refused, with one of these codes), and the status alone (a documented code
// came with its documented HTTP status): graded apart, since they rest on different sources.
Judgement has_documented_code(const core::Outcome& outcome,
                              const std::vector<const core::ErrorEntry*>& documented);
Judgement has_documented_status(const core::Outcome& outcome,
                                const std::vector<const core::ErrorEntry*>& documented);
// Where the HTTP status of these errors comes from (each entry's status provenance, else its own).
std::vector<core::Provenance> status_provenance(
    const std::vector<const core::ErrorEntry*>& documented);

// Provenance of every documented error for these triggers (the API's own, then the provider's
// common ones when `common` is set); "silent" when there is none.
std::vector<core::Provenance> error_provenance(const core::Catalogue& catalogue,
                                               const core::Api& api,
                                               const std::vector<std::string>& triggers,
                                               bool common = false);
// The documented errors for these triggers, the API's own first.
std::vector<const core::ErrorEntry*> documented_errors(const core::Catalogue& catalogue,
                                                       const core::Api& api,
                                                       const std::vector<std::string>& triggers,
                                                       bool common = false);

// How an answer is recorded in an observation: "accepted", or its error code.
inline nlohmann::json answer_of(const core::Outcome& o) {
  return o.ok ? nlohmann::json("accepted") : nlohmann::json(o.code);
}

// "security_locked" -> "SecurityLocked", "ENTER_RESCUE_MODE" -> "EnterRescueMode".
std::string camel(const std::string& snake);

}  // namespace cc::suites
