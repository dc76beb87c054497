#pragma once
// Whether a history of concurrent Stop/Start calls is a serial history the documents allow.
// The input is a target's journal of operations in the order it applied them (the control
// plane's "operations", emulator/journal.h): per operation the API, its parameters, the answer,
// the target's transition time, and the state of every named instance before and after as the
// target saw it. The replay trusts none of the target's verdicts: it keeps its own state of
// every instance of the pool (with the timers of the transitions, landing at `at_ns +
// transition_ms`), asks the model which answers each call may have in those states, and
// compares what the target did. It finds:
//   - a lost, doubled or reordered transition: an operation saw a state the replay does not
//     predict;
//   - an accepted call the documents refuse in the replayed states, or one that did not move
//     its instances as the transition says;
//   - a refusal with a code the documents do not give, or one that changed anything;
//   - final states (Describe, once every transition has landed) other than the replay's.
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "harness/model/model.h"

namespace cc::model {

struct HistoryCheck {
  std::vector<std::string> problems;  // empty: consistent
  // What the history held, so a test can show it exercised something.
  int accepted = 0, refused = 0, throttled = 0, operations = 0;
  bool consistent() const { return problems.empty(); }
};

// `initial`: the canonical state of every instance of the pool when the history began, none in
// transit and none with attributes. `operations`: journal entries sorted by `op`, naming only
// pool instances. `final_states`: what Describe shows once every transition has landed.
// Only all-or-nothing calls are replayed: a SuccessFirst batch (per-instance answers) is
// reported as a problem, since the journal carries one answer per call.
HistoryCheck check_history(const Model& model, const std::map<std::string, std::string>& initial,
                           const nlohmann::json& operations,
                           const std::map<std::string, std::string>& final_states);

// What a client got back for one call.
struct ClientAnswer {
  std::string request_id;
  bool accepted = false;
  std::string code;  // empty when accepted
};

// Every call the clients made is in the journal exactly once, with the answer the client got,
// and the journal holds no call no client made: nothing lost, nothing doubled.
std::vector<std::string> check_accounted(const nlohmann::json& operations,
                                         const std::vector<ClientAnswer>& answers);

}  // namespace cc::model
