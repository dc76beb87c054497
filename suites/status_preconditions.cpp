// Status preconditions (mission: "only RUNNING stops; RUNNING -> STOPPING -> STOPPED"): a
// RUNNING instance stops through STOPPING, and every other state the documents name is refused
// with its documented code — and refusing changes nothing.
#include "suites/behaviours.h"
#include "suites/per_instance.h"

namespace cc::suites {
namespace {

using nlohmann::json;

// Where the answer reports each instance (003's InstanceResponses, on any batch mode): the
// stopped one with Code 200, Running before and Stopping (or already Stopped) after.
void check_instance_report(Case& c, const core::Outcome& o, const std::string& id) {
  const core::Api& api = c.api();
  const nlohmann::json item = reported(api, o, id);
  if (!c.check("reported", item.is_object(),
               "expected " + id + " in " + api.response.per_instance->list + "; the answer is " +
                   o.body.dump()))
    return;
  auto text = [&](const char* key) { return reported_field(api, item, key); };
  c.check("reported", text("code") == "200",
          "expected Code 200 for the stopped instance; got \"" + text("code") + "\"");
  c.check("reported", text("previous") == api.status_model.wire("RUNNING"),
          "expected PreviousStatus " + api.status_model.wire("RUNNING") + "; got \"" +
              text("previous") + "\"");
  const std::string now = text("current");
  c.check("reported",
          now == api.status_model.wire("STOPPING") || now == api.status_model.wire("STOPPED"),
          "expected CurrentStatus " + api.status_model.wire("STOPPING") + "; got \"" + now + "\"");
}

void stops_a_running_instance(Case& c) {
  const core::Api& api = c.api();
  const std::string id = c.arrange("RUNNING").at(0);
  core::Outcome o = c.call(c.target().id_params(api, {id}));
  c.require("accepted", o.ok,
            "expected the stop of a RUNNING instance to be accepted; got " + o.summary());
  c.check("accepted", o.http_status == api.response.success_status,
          "expected HTTP " + std::to_string(api.response.success_status) +
              " on success; got HTTP " + std::to_string(o.http_status));

  if (api.response.per_instance) check_instance_report(c, o, id);

  auto first = c.target().observe(api, id);
  c.require("transit", first.has_value(),
            "expected Describe to list " + id + " after the stop; it does not");
  c.observe("state right after the call", first->wire_state);
  c.check("transit", first->state == "STOPPING" || first->state == "STOPPED",
          "expected " + api.status_model.wire("STOPPING") + " (or already " +
              api.status_model.wire("STOPPED") + ") after an accepted stop; got " +
              first->wire_state);

  target::ObservedInstance last = c.target().await(
      api, id, [](const target::ObservedInstance& i) { return i.state == "STOPPED"; });
  c.check("stopped", last.state == "STOPPED",
          "expected " + api.status_model.wire("STOPPED") + " within " +
              std::to_string(c.target().config().settle_timeout.count()) + " ms; last seen " +
              last.wire_state);
}

std::vector<Claim> stop_claims(const core::Api& api) {
  const auto& rule = api.status_model.provenance;
  return {
      {"accepted", "the stop of a RUNNING instance is accepted", {rule, api.response.provenance}},
      {"transit", "an accepted stop puts the instance in STOPPING (or STOPPED already)", {rule}},
      {"stopped", "the instance reaches STOPPED", {rule}},
      {"reported",
       "the answer reports the instance: Code 200, Running before, Stopping after",
       {api.response.provenance}}};
}

std::string field_of(const core::Api& describe, const target::ObservedInstance& i,
                     const char* key) {
  const auto& f = describe.response.instance_fields;
  auto it = f.find(key);
  if (it == f.end() || !i.fields.contains(it->second) || !i.fields[it->second].is_string())
    return std::string();
  return i.fields[it->second].get<std::string>();
}

// The async contract: Describe reports this call as the instance's latest operation, and its
// state reaches the documented success value once the instance is STOPPED. (The real CVM was
// seen answering SUCCESS while still STOPPING: the final state is what is judged.)
void reports_the_stop_as_its_latest_operation(Case& c) {
  const core::Api& api = c.api();
  const core::Api* describe = c.catalogue().sibling(api, "describe");
  if (!describe || !describe->response.instance_fields.count("latest_operation_state"))
    c.inconclusive(api.id + "'s Describe API has no latest operation state field to read");
  const auto& f = describe->response.instance_fields;
  const std::string id = c.arrange("RUNNING").at(0);
  core::Outcome o = c.call(c.target().id_params(api, {id}));
  c.require("succeeds", o.ok,
            "expected the stop of a RUNNING instance to be accepted; got " + o.summary());
  auto first = c.target().observe(api, id);
  c.require("succeeds", first.has_value(),
            "expected Describe to list " + id + " after the stop; it does not");
  c.observe("latest operation state right after the call",
            field_of(*describe, *first, "latest_operation_state"));
  if (f.count("latest_operation")) {
    const std::string op = field_of(*describe, *first, "latest_operation");
    c.check("operation", op == api.action,
            "expected LatestOperation " + api.action + "; got \"" + op + "\"");
  }
  if (f.count("latest_operation_request_id")) {
    const std::string rid = field_of(*describe, *first, "latest_operation_request_id");
    c.check("operation", core::same_request_id(rid, o.request_id),
            "expected LatestOperationRequestId " + o.request_id +
                " (the stop's RequestId); got \"" + rid + "\"");
  }
  const std::string success = api.async->success;
  target::ObservedInstance last = c.target().await(api, id, [&](const target::ObservedInstance& i) {
    return i.state == "STOPPED" && field_of(*describe, i, "latest_operation_state") == success;
  });
  c.check("succeeds", last.state == "STOPPED",
          "expected " + api.status_model.wire("STOPPED") + "; last seen " + last.wire_state);
  const std::string state = field_of(*describe, last, "latest_operation_state");
  c.check("succeeds", state == success,
          "expected LatestOperationState " + success +
              " once the instance is stopped; last seen \"" + state + "\"");
}

std::vector<Claim> latest_operation_claims(const core::Api& api) {
  return {
      {"succeeds",
       "LatestOperationState reaches " + api.async->success + " when the stop is done",
       {api.async->provenance}},
      {"operation",
       "Describe names the stop (LatestOperation, LatestOperationRequestId) as the latest "
       "operation",
       {inferred(
           "the document says the outcome is read from LatestOperationState; that the neighbouring "
           "LatestOperation fields name this call is what the real CVM was seen doing, not "
           "documented")}}};
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
  const std::string name =
      state == "STOPPED" ? "RejectsAStoppedInstance" : "RejectsAnInstanceInState" + camel(state);
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
  auto claims = [&catalogue, state](const core::Api& api) {
    // Which states are refused rests on what the page says is accepted (inferred on 003's page).
    return refusal_claims("stopping an instance in " + api.status_model.wire(state),
                          {api.status_model.accepts_rests_on()},
                          documented_errors(catalogue, api, refusal_triggers(state)));
  };
  auto body = [&catalogue, state](Case& c) {
    const core::Api& api = c.api();
    const std::string id = c.arrange(state).at(0);
    const auto before = c.snapshot({id});
    core::Outcome o = c.call(c.target().id_params(api, {id}));
    const auto documented = documented_errors(catalogue, api, refusal_triggers(state));
    c.observe("answer to stopping an instance in " + api.status_model.wire(state), answer_of(o));
    c.expect_refused(o, documented, "stopping an instance in " + api.status_model.wire(state));
    c.expect_unchanged(before, "the refused stop");
  };
  return {name, core::Family::Status, applies, provenance, body, claims};
}

}  // namespace

std::vector<Behaviour> status_behaviours(const core::Catalogue& catalogue) {
  auto always = [](const core::Api&) { return true; };
  std::vector<Behaviour> out = {
      {"StopsARunningInstance", core::Family::Status, always,
       [](const core::Api& api) {
         return std::vector<core::Provenance>{api.status_model.provenance};
       },
       stops_a_running_instance, stop_claims},
      {"ReportsTheStopAsItsLatestOperation", core::Family::Status,
       [](const core::Api& api) { return api.async.has_value(); },
       [](const core::Api& api) { return std::vector<core::Provenance>{api.async->provenance}; },
       reports_the_stop_as_its_latest_operation, latest_operation_claims},
  };
  // One case per state any subject API names and does not accept, in canonical order.
  for (const auto& state : core::canonical_states()) {
    if (state == "RUNNING") continue;
    bool named = false;
    for (const core::Api* api : catalogue.subjects())
      for (const auto& s : api->status_model.states)
        named = named || (s.canonical == state && !api->accepts(state));
    if (named) out.push_back(refuses_state(catalogue, state));
  }
  return out;
}

}  // namespace cc::suites
