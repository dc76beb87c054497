#pragma once
// What the documents allow as the answer to one request: the error codes that may come back
// (several where violations compete and no page gives a precedence), whether success may come
// back, and what may become of every instance the request names.
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "harness/core/catalogue.h"

namespace cc::model {

struct Code {
  std::string code;
  int http_status = 200;
  std::string trigger;  // the violation it answers, for reports
  auto operator<=>(const Code&) const = default;
};

// The codes acceptable for a violation. `any`: the documents name none, so any error code is
// acceptable (the suite records which one came, it does not judge it).
struct CodeSet {
  std::vector<Code> codes;
  bool any = false;

  void add(const Code& c);
  void add(const CodeSet& other);
  bool empty() const { return codes.empty() && !any; }
  // The entry matching a code and HTTP status; nullptr when none does. With `any`, an
  // unlisted code still matches nothing here: callers check `any` themselves.
  const Code* find(const std::string& code, int http_status) const;
  const Code* find_code(const std::string& code) const;
  std::string describe() const;  // "A (HTTP 200) or B (HTTP 200)" / "any error code"
};

struct Violation {
  std::string trigger;  // fixtures/apis/SCHEMA.md vocabulary
  std::string subject;  // the parameter or instance id it concerns
  CodeSet codes;
  // false: the documents allow the request to be refused for this, or not (a silent page, an
  // instance that may or may not have finished its transition).
  bool certain = true;
};

// What may become of one instance the request names.
struct InstanceExpectation {
  std::string id;
  bool exists = false;
  std::set<std::string> before;       // possible canonical states (several while in transit)
  std::vector<Violation> violations;  // instance-level
  std::set<std::string>
      accepted_states;  // right after an accepted call: the transition's via or to
  std::string heading;  // where an accepted call leads

  bool may_accept() const;
  bool may_refuse() const { return !violations.empty(); }
  CodeSet refusal_codes() const;
};

enum class Mode {
  AllOrNothing,  // one answer for the request; an error changes nothing
  PerInstance,   // Alibaba SuccessFirst: each instance on its own, results per instance
  DryRunAlways,  // the page promises the dry-run code whatever the request holds
};

struct Expectation {
  const core::Api* api = nullptr;
  Mode mode = Mode::AllOrNothing;
  bool dry_run = false;
  CodeSet dry_run_codes;
  std::vector<Violation> request;  // request-level violations
  // Each named id once, in order: the well-formed ones, and those breaking a pattern no page
  // documents (a target may look them up).
  std::vector<InstanceExpectation> instances;
  // The documents do not say what a batch with one refused instance does (a batch API without
  // a documented batch mode): the whole request may be refused, changing nothing, or the
  // instances that may be accepted may stop while the refused ones stay as they were.
  bool batch_mode_silent = false;

  // Success is allowed: for every instance (all-or-nothing), or for some (partial_allowed()).
  bool success_allowed() const;
  // Success is allowed only in the silent batch mode's reading that each instance is taken on
  // its own: some instance must be refused, another may be accepted. An accepted call then
  // moves the instances without violations, leaves the refused ones unchanged, and may do
  // either to one that may or may not be refused.
  bool partial_allowed() const;
  // The states an instance may show right after an accepted all-or-nothing (or silent) call.
  std::set<std::string> states_after_success(const InstanceExpectation& instance) const;
  bool error_allowed() const;
  CodeSet error_codes() const;
  const InstanceExpectation* instance(const std::string& id) const;
  nlohmann::json to_json() const;
};

}  // namespace cc::model
