// What the seeds promise about a request as a whole: the batch limit (and that the limit
// itself is accepted), missing and empty id lists, all-or-nothing batches, SuccessFirst's
// per-instance report, and — where the documents are silent — what a mixed batch does.
#include <optional>

#include "suites/behaviours.h"
#include "suites/instance_ids.h"
#include "suites/per_instance.h"

namespace cc::suites {
namespace {

using nlohmann::json;

void rejects_more_ids_than_the_batch_limit(Case& c) {
  const core::Api& api = c.api();
  // Well-formed ids that name nothing: nothing can be stopped whatever the target does.
  core::Outcome o = c.call(c.target().id_params(api, nonexistent_ids(api, api.batch->max + 1)));
  c.expect_refused(o, api.errors_for("ids.too_many"),
                   std::to_string(api.batch->max + 1) + " ids in " + api.batch->parameter);
}

void accepts_the_batch_limit(Case& c) {
  const core::Api& api = c.api();
  const auto ids = c.arrange("RUNNING", {}, static_cast<int>(api.batch->max));
  core::Outcome o = c.call(c.target().id_params(api, ids));
  c.require("accepted", o.ok,
            "expected " + std::to_string(api.batch->max) +
                " RUNNING instances (the documented limit) to be accepted; got " + o.summary());
  // The first and the last of the batch are both on their way (or arrived).
  for (const auto& id : {ids.front(), ids.back()}) {
    auto after = c.target().observe(api, id);
    c.require("accepted", after.has_value(), "expected Describe to list " + id + "; it does not");
    c.check("accepted", after->state == "STOPPING" || after->state == "STOPPED",
            "expected " + id + " of the accepted batch to be STOPPING or STOPPED; it is " +
                after->wire_state);
  }
}

// An id list that is absent, or present and empty, or (single API) no InstanceId at all.
std::vector<std::string> missing_triggers() { return {"ids.missing", "param.missing"}; }
std::vector<std::string> empty_triggers() {
  return {"ids.missing", "param.missing", "param.invalid_value"};
}

// The id list (or InstanceId) is a required parameter (the refusal); the code comes from the
// rows for a missing or invalid value, often the common tables'.
std::vector<Claim> missing_claims(const core::Catalogue& catalogue, const core::Api& api,
                                  bool empty) {
  const core::Parameter* p = api.parameter(api.id_parameter());
  std::vector<core::Provenance> rule = {p ? p->provenance : api.status_model.provenance};
  const std::string what = (empty ? "an empty " : "a request without ") + api.id_parameter();
  return refusal_claims(
      what, rule,
      documented_errors(catalogue, api, empty ? empty_triggers() : missing_triggers(), true),
      false);
}

void expect_refused_without_ids(Case& c, const json& params, const std::string& what, bool empty) {
  core::Outcome o = c.call(params);
  c.expect_refused(o,
                   documented_errors(c.catalogue(), c.api(),
                                     empty ? empty_triggers() : missing_triggers(), true),
                   what);
}

void rejects_a_missing_id_list(Case& c) {
  expect_refused_without_ids(c, json::object(), "a request without " + c.api().batch->parameter,
                             false);
}

void rejects_an_empty_id_list(Case& c) {
  expect_refused_without_ids(c, json{{c.api().batch->parameter, json::array()}},
                             "an empty " + c.api().batch->parameter, true);
}

void rejects_a_missing_instance_id(Case& c) {
  expect_refused_without_ids(c, json::object(), "a request without " + c.api().id_parameter(),
                             false);
}

// The batch modes, as the catalogue records them (batch.mode): what a batch with one refused
// instance does when the request names no mode, and whether a request can ask for per-item.
bool all_or_nothing_by_default(const core::Api& api) {
  return api.batch && api.batch->mode.default_mode == core::BatchMode::all_or_nothing;
}

std::optional<std::string> per_item_value(const core::Api& api) {
  if (!api.batch) return std::nullopt;
  return api.batch->mode.value_for(core::BatchMode::per_item);
}

bool silent_by_default(const core::Api& api) {
  return api.batch && api.batch->mode.default_mode == core::BatchMode::silent;
}

std::vector<std::string> stopped_triggers() { return {"state.STOPPED", "state.not_accepted"}; }

void all_together_stops_nothing_when_one_fails(Case& c) {
  const core::Api& api = c.api();
  const std::string running = c.arrange("RUNNING").at(0);
  const std::string stopped = c.arrange("STOPPED").at(0);
  const auto before = c.snapshot({running, stopped});
  core::Outcome o = c.call(c.target().id_params(api, {running, stopped}));
  c.expect_refused(o, documented_errors(c.catalogue(), api, stopped_triggers()),
                   "an AllTogether batch with a STOPPED instance");
  c.expect_unchanged(before,
                     "the failed AllTogether batch (if one instance fails, none is stopped)");
}

std::vector<Claim> all_together_claims(const core::Catalogue& catalogue, const core::Api& api) {
  return refusal_claims("an AllTogether batch with a STOPPED instance",
                        {api.batch->mode.provenance},
                        documented_errors(catalogue, api, stopped_triggers()));
}

// SuccessFirst: the good instance stops, and the answer reports every instance with its code
// and its previous and current status.
void success_first_reports_each_instance(Case& c) {
  const core::Api& api = c.api();
  const std::string running = c.arrange("RUNNING").at(0);
  const std::string stopped = c.arrange("STOPPED").at(0);
  json params = c.target().id_params(api, {running, stopped});
  params[api.batch->mode.parameter] = *per_item_value(api);
  core::Outcome o = c.call(params);
  c.require("answered", o.ok,
            "expected SuccessFirst to answer success and report failures per instance; got " +
                o.summary());
  const json good = reported(api, o, running), bad = reported(api, o, stopped);
  c.require("answered", !good.is_null() && !bad.is_null(),
            "expected both instances in " + api.response.per_instance->list + "; the answer is " +
                o.body.dump());
  c.check("good", reported_field(api, good, "code") == "200",
          "expected Code 200 for the RUNNING instance; got " + reported_field(api, good, "code"));
  c.check("good", reported_field(api, good, "previous") == api.status_model.wire("RUNNING"),
          "expected PreviousStatus " + api.status_model.wire("RUNNING") + "; got " +
              reported_field(api, good, "previous"));
  const std::string now = reported_field(api, good, "current");
  c.check("good",
          now == api.status_model.wire("STOPPING") || now == api.status_model.wire("STOPPED"),
          "expected CurrentStatus " + api.status_model.wire("STOPPING") +
              " for the stopped instance; got " + now);
  std::set<std::string> refusals;
  for (const auto* e : documented_errors(c.catalogue(), api, stopped_triggers()))
    refusals.insert(e->code);
  c.check("bad", refusals.count(reported_field(api, bad, "code")) > 0,
          "expected the STOPPED instance reported with a documented state code; got " +
              reported_field(api, bad, "code"));
  c.check("bad", reported_field(api, bad, "previous") == api.status_model.wire("STOPPED"),
          "expected PreviousStatus " + api.status_model.wire("STOPPED") + "; got " +
              reported_field(api, bad, "previous"));
  c.check("bad_current", reported_field(api, bad, "current") == api.status_model.wire("STOPPED"),
          "expected CurrentStatus " + api.status_model.wire("STOPPED") +
              " for the refused instance; got " + reported_field(api, bad, "current"));
  auto after = c.target().observe(api, running);
  c.require("good", after.has_value(), "expected Describe to list " + running);
  c.check("good", after->state == "STOPPING" || after->state == "STOPPED",
          "expected the RUNNING instance to be stopping; it is " + after->wire_state);
  auto still = c.target().observe(api, stopped);
  c.require("bad", still.has_value(), "expected Describe to list " + stopped);
  c.check("bad", still->state == "STOPPED",
          "expected the STOPPED instance to stay STOPPED; it is " + still->wire_state);
}

std::vector<Claim> success_first_claims(const core::Catalogue& catalogue, const core::Api& api) {
  const auto& rule = api.batch->mode.provenance;
  std::vector<core::Provenance> codes = {rule, api.response.provenance};
  for (const auto& p : error_provenance(catalogue, api, stopped_triggers())) codes.push_back(p);
  return {{"answered",
           "a SuccessFirst batch answers success and lists every instance",
           {rule, api.response.provenance}},
          {"good",
           "the RUNNING instance is reported with Code 200, Running before and Stopping after, and "
           "stops",
           {rule, api.response.provenance}},
          {"bad",
           "the STOPPED instance is reported with a documented state code, Stopped before, and "
           "stays stopped",
           codes},
          {"bad_current",
           "a refused instance's CurrentStatus is its unchanged state",
           {inferred("the sample shows CurrentStatus only for an accepted instance; a refused one "
                     "is taken to "
                     "report the state it stays in")}}};
}

// The Tencent pages say nothing about a batch with one bad instance: whether the good ones
// stop, and what the answer is, are recorded.
void records_what_a_mixed_batch_does(Case& c) {
  const core::Api& api = c.api();
  const std::string running = c.arrange("RUNNING").at(0);
  const std::string stopped = c.arrange("STOPPED").at(0);
  core::Outcome o = c.call(c.target().id_params(api, {running, stopped}));
  c.observe("answer to a batch of one RUNNING and one STOPPED instance", answer_of(o));
  auto after = c.target().observe(api, running);
  if (after) c.observe("the RUNNING instance afterwards", after->wire_state);
}

std::vector<core::Provenance> batch_sources(const core::Catalogue& catalogue, const core::Api& api,
                                            const std::vector<std::string>& triggers, bool common) {
  std::vector<core::Provenance> p;
  if (api.batch) p.push_back(api.batch->provenance);
  for (const auto& e : error_provenance(catalogue, api, triggers, common)) p.push_back(e);
  return p;
}

}  // namespace

std::vector<Behaviour> batch_behaviours(const core::Catalogue& catalogue) {
  auto batch = [](const core::Api& api) { return api.batch.has_value(); };
  return {
      {"RejectsMoreIdsThanTheBatchLimit", core::Family::Batch, batch,
       [&catalogue](const core::Api& api) {
         return batch_sources(catalogue, api, {"ids.too_many"}, false);
       },
       rejects_more_ids_than_the_batch_limit,
       [](const core::Api& api) {
         return refusal_claims(std::to_string(api.batch->max + 1) + " ids", {api.batch->provenance},
                               api.errors_for("ids.too_many"), false);
       }},
      {"AcceptsTheBatchLimit", core::Family::Batch, batch,
       [](const core::Api& api) { return std::vector<core::Provenance>{api.batch->provenance}; },
       accepts_the_batch_limit,
       [](const core::Api& api) {
         return std::vector<Claim>{{"accepted",
                                    "a batch of exactly the documented limit is accepted and stops",
                                    {api.batch->provenance, api.status_model.provenance}}};
       }},
      {"RejectsAMissingIdList", core::Family::Batch, batch,
       [&catalogue](const core::Api& api) {
         return batch_sources(catalogue, api, missing_triggers(), true);
       },
       rejects_a_missing_id_list,
       [&catalogue](const core::Api& api) { return missing_claims(catalogue, api, false); }},
      {"RejectsAnEmptyIdList", core::Family::Batch, batch,
       [&catalogue](const core::Api& api) {
         return batch_sources(catalogue, api, missing_triggers(), true);
       },
       rejects_an_empty_id_list,
       [&catalogue](const core::Api& api) { return missing_claims(catalogue, api, true); }},
      {"RejectsAMissingInstanceId", core::Family::Batch,
       [](const core::Api& api) { return !api.batch.has_value(); },
       [&catalogue](const core::Api& api) {
         return batch_sources(catalogue, api, missing_triggers(), true);
       },
       rejects_a_missing_instance_id,
       [&catalogue](const core::Api& api) { return missing_claims(catalogue, api, false); }},
      {"AllTogetherStopsNothingWhenOneFails", core::Family::Batch, all_or_nothing_by_default,
       [](const core::Api& api) {
         return std::vector<core::Provenance>{api.batch->mode.provenance};
       },
       all_together_stops_nothing_when_one_fails,
       [&catalogue](const core::Api& api) { return all_together_claims(catalogue, api); }},
      {"SuccessFirstReportsEachInstance", core::Family::Batch,
       [](const core::Api& api) { return per_item_value(api).has_value(); },
       [](const core::Api& api) {
         return std::vector<core::Provenance>{api.batch->mode.provenance, api.response.provenance};
       },
       success_first_reports_each_instance,
       [&catalogue](const core::Api& api) { return success_first_claims(catalogue, api); }},
      {"RecordsWhatAMixedBatchDoes", core::Family::Batch, silent_by_default,
       [](const core::Api& api) {
         return std::vector<core::Provenance>{api.batch->provenance, api.batch->mode.provenance};
       },
       records_what_a_mixed_batch_does},
  };
}

}  // namespace cc::suites
