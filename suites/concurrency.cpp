// Two simultaneous stops of one RUNNING instance: exactly one is accepted, the other gets a
// documented in-progress or state code, and the instance goes through one transition.
#include <tuple>

#include "suites/behaviours.h"

namespace cc::suites {
namespace {

using nlohmann::json;

std::vector<std::string> loser_triggers() {
  return {"operation.in_progress", "state.STOPPING", "state.STOPPED", "state.not_accepted",
          "request.conflict"};
}

bool overlapped(const target::Target::Timed& a, const target::Target::Timed& b) {
  return a.sent < b.received && b.sent < a.received;
}

void accepts_only_one_of_two_simultaneous_stops(Case& c) {
  const core::Api& api = c.api();
  // Two calls that were not in flight together test nothing about concurrency; against a fast
  // target one may be answered before the other leaves, so a fresh pair is tried a few times.
  constexpr int kAttempts = 20;
  std::string id;
  target::Target::Timed a, b;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    id = c.arrange("RUNNING").at(0);
    const json params = c.target().id_params(api, {id});
    std::tie(a, b) = c.call_together(params, params);
    if (overlapped(a, b)) break;
    if (attempt + 1 == kAttempts)
      c.inconclusive("in " + std::to_string(kAttempts) +
                     " tries the two stops never overlapped on the wire (one was answered before "
                     "the other was sent)");
  }
  c.require("one", a.outcome.ok != b.outcome.ok,
            "expected exactly one of two simultaneous stops to be accepted; got " +
                a.outcome.summary() + " and " + b.outcome.summary());
  const core::Outcome& winner = a.outcome.ok ? a.outcome : b.outcome;
  const core::Outcome& loser = a.outcome.ok ? b.outcome : a.outcome;
  c.observe("answer to the stop that lost", answer_of(loser));
  c.check("loser",
          has_documented_code(loser, documented_errors(c.catalogue(), api, loser_triggers())));
  target::ObservedInstance last = c.target().await(
      api, id, [](const target::ObservedInstance& i) { return i.state == "STOPPED"; });
  c.check("one", last.state == "STOPPED",
          "expected the instance to reach STOPPED; last seen " + last.wire_state);
  // One transition: the latest operation is the accepted call's, where the API reports it.
  const core::Api* describe = c.catalogue().sibling(api, "describe");
  if (describe && describe->response.instance_fields.count("latest_operation_request_id")) {
    const std::string& f = describe->response.instance_fields.at("latest_operation_request_id");
    const std::string rid =
        last.fields.value(f, json("")).is_string() ? last.fields[f].get<std::string>() : "";
    c.check("one", core::same_request_id(rid, winner.request_id),
            "expected the latest operation to be the accepted call (" + winner.request_id +
                "); it is \"" + rid + "\"");
  }
}

// No document speaks of concurrent calls: "exactly one wins" follows from the state rule (the
// second call finds the instance STOPPING), an inference, so it is recorded, never failed.
std::vector<Claim> concurrency_claims(const core::Catalogue& catalogue, const core::Api& api) {
  const core::Provenance why = inferred(
      "only RUNNING stops (the document's state rule), so of two stops of one RUNNING instance "
      "released together "
      "the second finds it STOPPING; no document speaks of concurrent calls");
  auto codes = error_provenance(catalogue, api, loser_triggers());
  codes.push_back(why);
  return {{"one",
           "exactly one of two simultaneous stops is accepted, and the instance stops once",
           {api.status_model.provenance, why}},
          {"loser", "the stop that lost gets a documented in-progress or state code", codes}};
}

}  // namespace

std::vector<Behaviour> concurrency_behaviours(const core::Catalogue& catalogue) {
  return {{"AcceptsOnlyOneOfTwoSimultaneousStops", core::Family::Concurrency,
           [](const core::Api&) { return true; },
           [&catalogue](const core::Api& api) {
             auto p = error_provenance(catalogue, api, loser_triggers());
             p.insert(p.begin(), api.status_model.provenance);
             return p;
           },
           accepts_only_one_of_two_simultaneous_stops,
           [&catalogue](const core::Api& api) { return concurrency_claims(catalogue, api); }}};
}

}  // namespace cc::suites
