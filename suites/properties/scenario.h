#pragma once
// A scenario: instances arranged in given states, then steps — calls judged by the model,
// concurrent pairs, Describe observations, waits for eventual states, signed and deliberately
// corrupted requests. Properties generate scenarios; a failing one is written as a replay file
// (schema cloudconform.replay/1) that `cloudconform replay` runs again against any target.
#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "harness/model/judge.h"
#include "harness/model/model.h"
#include "harness/target/target.h"

namespace cc::suites::properties {

struct InstanceSpec {
  std::string label;  // requests name the instance as "<label>"
  std::string state;  // canonical
  std::vector<std::string> attributes;
};

// Steps, as JSON objects:
//   {"do": "call", "api": ID, "params": {...}}                      judged by the model
//   {"do": "together", "calls": [{"api", "params"}, {"api", "params"}]}  released at once
//   {"do": "observe", "instances": [labels]}                        Describe agrees with the model
//   {"do": "wait", "instances": [labels]}                           eventual states within the
//   bound
//   {"do": "signed", "api", "params", "style", "scheme"}            the signature is accepted
//   {"do": "corrupted", "api", "params", "style", "scheme", "part": "signature"|"id",
//    "marker": ID, "position": N}                                   one changed byte: the signature
//    error
struct Scenario {
  std::string api;  // the subject API; instances are created for its product
  std::vector<InstanceSpec> instances;
  nlohmann::json steps = nlohmann::json::array();

  nlohmann::json to_json() const;
  // Throws std::runtime_error naming what is wrong.
  static Scenario from_json(const nlohmann::json& j);
};

struct StepResult {
  bool agrees = true;
  std::string message;
  std::string outcome_class;
  nlohmann::json printout =
      nlohmann::json::object();  // what was sent, what came back, what the model said
};

struct RunnerOptions {
  bool unpaced = false;  // the target's rate limits are off: no client-side pacing
  std::chrono::milliseconds wait_bound{2000};
  std::chrono::milliseconds poll{50};                 // between Describe calls while waiting
  std::vector<nlohmann::json>* transcript = nullptr;  // signed and corrupted exchanges go here
  std::function<void(const core::Api&, const core::Outcome&)> on_answer;
};

class ScenarioRunner {
 public:
  ScenarioRunner(const core::Catalogue& catalogue, target::Target& target, RunnerOptions options);

  // Creates the instances through the control plane and binds their labels (HarnessError
  // without one).
  void arrange(const Scenario& scenario);
  StepResult step(const nlohmann::json& step);
  // arrange, then every step until one disagrees; returns that one (or the last).
  StepResult run(const Scenario& scenario,
                 const std::function<void(const nlohmann::json&, const StepResult&)>& each = {});

  // "<i0>" -> the id it was bound to, anywhere in a JSON value.
  nlohmann::json bind(const nlohmann::json& value) const;

 private:
  struct Belief {
    std::set<std::string> states;  // possible canonical states
    std::string heading;           // where a transition leads, "" when none is under way
    std::set<std::string> attributes;
    bool operation_pending = false;  // an operation of ours may not have finished
  };

  model::World world() const;
  nlohmann::json with_required(const core::Api& api, nlohmann::json params) const;
  core::Outcome send(const core::Api& api, const nlohmann::json& params);
  std::map<std::string, std::string> observe(const std::vector<std::string>& ids);
  void settle(Belief& b, const std::string& id, const std::string& observed) const;
  // Whether Describe shows the latest operation still running (false when it has no such field).
  bool operating(const std::string& id) const;
  const core::Api& api(const nlohmann::json& step) const;
  std::vector<std::string> ids_of(const nlohmann::json& labels) const;

  StepResult call_step(const nlohmann::json& step);
  StepResult together_step(const nlohmann::json& step);
  StepResult observe_step(const nlohmann::json& step);
  StepResult wait_step(const nlohmann::json& step);
  StepResult signed_step(const nlohmann::json& step);

  const core::Catalogue& catalogue_;
  target::Target& target_;
  RunnerOptions options_;
  model::Model model_;
  const core::Api* subject_ = nullptr;
  std::map<std::string, std::string> ids_;              // label -> id
  std::map<std::string, Belief> beliefs_;               // by id
  std::map<std::string, std::string> operation_state_;  // latest operation state last seen, by id
};

}  // namespace cc::suites::properties
