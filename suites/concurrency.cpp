// Two simultaneous stops of one RUNNING instance: exactly one is accepted, the other gets a
// documented in-progress or state code, and the instance goes through one transition.
#include "suites/behaviours.h"

namespace cc::suites {
namespace {

using nlohmann::json;

std::vector<std::string> loser_triggers() {
  return {"operation.in_progress", "state.STOPPING", "state.STOPPED", "state.not_accepted", "request.conflict"};
}

void accepts_only_one_of_two_simultaneous_stops(Case& c) {
  const core::Api& api = c.api();
  const std::string id = c.arrange("RUNNING").at(0);
  const json params = c.target().id_params(api, {id});
  auto [a, b] = c.call_together(params, params);
  ASSERT_NE(a.ok, b.ok) << "exactly one of two simultaneous stops must be accepted; got " << a.summary() << " and "
                        << b.summary();
  const core::Outcome& winner = a.ok ? a : b;
  const core::Outcome& loser = a.ok ? b : a;
  EXPECT_TRUE(is_one_of_documented(loser, documented_errors(c.catalogue(), api, loser_triggers())))
      << "the stop that lost";
  target::ObservedInstance last =
      c.target().await(api, id, [](const target::ObservedInstance& i) { return i.state == "STOPPED"; });
  EXPECT_EQ(last.state, "STOPPED");
  // One transition: the latest operation is the accepted call's, where the API reports it.
  const core::Api* describe = c.catalogue().sibling(api, "describe");
  if (describe && describe->response.instance_fields.count("latest_operation_request_id")) {
    const std::string& f = describe->response.instance_fields.at("latest_operation_request_id");
    EXPECT_EQ(last.fields.value(f, json("")), json(winner.request_id))
        << "the latest operation is not the accepted call";
  }
}

}  // namespace

std::vector<Behaviour> concurrency_behaviours(const core::Catalogue& catalogue) {
  return {{"AcceptsOnlyOneOfTwoSimultaneousStops", "concurrency", [](const core::Api&) { return true; },
           [&catalogue](const core::Api& api) {
             auto p = error_provenance(catalogue, api, loser_triggers());
             p.insert(p.begin(), api.status_model.provenance);
             return p;
           },
           accepts_only_one_of_two_simultaneous_stops}};
}

}  // namespace cc::suites
