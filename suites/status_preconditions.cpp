// Status preconditions (mission: "only RUNNING stops; RUNNING -> STOPPING -> STOPPED"): a
// RUNNING instance stops through STOPPING, and every other state the documents name is refused
// with its documented code — and refusing changes nothing.
#include "suites/behaviours.h"

namespace cc::suites {
namespace {

using nlohmann::json;

void stops_a_running_instance(Case& c) {
  const core::Api& api = c.api();
  const std::string id = c.arrange("RUNNING").at(0);
  core::Outcome o = c.call(c.target().id_params(api, {id}));
  ASSERT_TRUE(o.ok) << "stopping a RUNNING instance must be accepted; got " << o.summary();
  EXPECT_EQ(o.http_status, api.response.success_status);
  EXPECT_FALSE(o.request_id.empty()) << "every response carries a RequestId";

  auto first = c.target().observe(api, id);
  ASSERT_TRUE(first.has_value()) << "describe no longer lists " << id;
  c.observe("state right after the call", first->wire_state);
  EXPECT_TRUE(first->state == "STOPPING" || first->state == "STOPPED")
      << "after a successful call the instance is STOPPING (or already STOPPED), not " << first->wire_state;

  target::ObservedInstance last =
      c.target().await(api, id, [](const target::ObservedInstance& i) { return i.state == "STOPPED"; });
  EXPECT_EQ(last.state, "STOPPED") << "the instance did not reach STOPPED within "
                                   << c.target().config().settle_timeout.count() << " ms (last seen "
                                   << last.wire_state << ")";
}

// The async contract: Describe reports this call as the instance's latest operation, and its
// state reaches the documented success value once the instance is STOPPED.
void reports_the_stop_as_its_latest_operation(Case& c) {
  const core::Api& api = c.api();
  const core::Api* describe = c.catalogue().sibling(api, "describe");
  ASSERT_NE(describe, nullptr);
  const auto& f = describe->response.instance_fields;
  ASSERT_TRUE(f.count("latest_operation_state")) << describe->id << " has no latest operation state field";
  const std::string id = c.arrange("RUNNING").at(0);
  core::Outcome o = c.call(c.target().id_params(api, {id}));
  ASSERT_TRUE(o.ok) << o.summary();
  auto field = [&](const target::ObservedInstance& i, const char* key) {
    auto it = f.find(key);
    if (it == f.end() || !i.fields.contains(it->second) || !i.fields[it->second].is_string()) return std::string();
    return i.fields[it->second].get<std::string>();
  };
  auto first = c.target().observe(api, id);
  ASSERT_TRUE(first.has_value());
  c.observe("latest operation state right after the call", field(*first, "latest_operation_state"));
  if (f.count("latest_operation")) {
    EXPECT_EQ(field(*first, "latest_operation"), api.action);
  }
  if (f.count("latest_operation_request_id")) {
    EXPECT_EQ(field(*first, "latest_operation_request_id"), o.request_id);
  }
  const std::string success = api.async->success;
  target::ObservedInstance last = c.target().await(api, id, [&](const target::ObservedInstance& i) {
    return i.state == "STOPPED" && field(i, "latest_operation_state") == success;
  });
  EXPECT_EQ(last.state, "STOPPED");
  EXPECT_EQ(field(last, "latest_operation_state"), success)
      << "the document reads the outcome from LatestOperationState; it never reached " << success;
}

// A state the action does not accept: its specific code, the API's generic one, or — for a
// state on its way somewhere — the operation-in-progress codes.
std::vector<std::string> refusal_triggers(const std::string& state) {
  std::vector<std::string> t = {"state." + state, "state.not_accepted"};
  const bool in_transit = (state.size() > 3 && state.substr(state.size() - 3) == "ING") ||
                          state.rfind("ENTER_", 0) == 0 || state.rfind("EXIT_", 0) == 0;
  if (in_transit) t.push_back("operation.in_progress");
  return t;
}

Behaviour refuses_state(const core::Catalogue& catalogue, const std::string& state) {
  const std::string name = state == "STOPPED" ? "RejectsAStoppedInstance" : "RejectsAnInstanceInState" + camel(state);
  auto applies = [state](const core::Api& api) {
    if (api.accepts(state)) return false;
    for (const auto& s : api.status_model.states)
      if (s.canonical == state) return true;
    return false;
  };
  auto provenance = [&catalogue, state](const core::Api& api) {
    std::vector<core::Provenance> p = {api.status_model.provenance};
    for (const auto& e : error_provenance(catalogue, api, refusal_triggers(state))) p.push_back(e);
    return p;
  };
  auto body = [&catalogue, state](Case& c) {
    const core::Api& api = c.api();
    const std::string id = c.arrange(state).at(0);
    const auto before = c.snapshot({id});
    core::Outcome o = c.call(c.target().id_params(api, {id}));
    const auto documented = documented_errors(catalogue, api, refusal_triggers(state));
    if (documented.empty()) {
      c.observe("answer to stopping an instance in " + api.status_model.wire(state), answer_of(o));
      return;
    }
    EXPECT_TRUE(is_one_of_documented(o, documented)) << "for an instance in " << api.status_model.wire(state);
    c.expect_unchanged(before, "the refused stop");
  };
  return {name, "status", applies, provenance, body};
}

}  // namespace

std::vector<Behaviour> status_behaviours(const core::Catalogue& catalogue) {
  auto always = [](const core::Api&) { return true; };
  std::vector<Behaviour> out = {
      {"StopsARunningInstance", "status", always,
       [](const core::Api& api) { return std::vector<core::Provenance>{api.status_model.provenance}; },
       stops_a_running_instance},
      {"ReportsTheStopAsItsLatestOperation", "status", [](const core::Api& api) { return api.async.has_value(); },
       [](const core::Api& api) { return std::vector<core::Provenance>{api.async->provenance}; },
       reports_the_stop_as_its_latest_operation},
  };
  // One case per state any subject API names and does not accept, in canonical order.
  for (const auto& state : core::canonical_states()) {
    if (state == "RUNNING") continue;
    bool named = false;
    for (const core::Api* api : catalogue.subjects())
      for (const auto& s : api->status_model.states) named = named || (s.canonical == state && !api->accepts(state));
    if (named) out.push_back(refuses_state(catalogue, state));
  }
  return out;
}

}  // namespace cc::suites
