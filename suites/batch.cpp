// What the seeds promise about a request as a whole: the batch limit (and that the limit
// itself is accepted), missing and empty id lists, all-or-nothing batches, SuccessFirst's
// per-instance report, and — where the documents are silent — what a mixed batch does.
#include "suites/behaviours.h"
#include "suites/instance_ids.h"

namespace cc::suites {
namespace {

using nlohmann::json;

void rejects_more_ids_than_the_batch_limit(Case& c) {
  const core::Api& api = c.api();
  // Well-formed ids that name nothing: nothing can be stopped whatever the target does.
  core::Outcome o = c.call(c.target().id_params(api, nonexistent_ids(api, api.batch->max + 1)));
  EXPECT_TRUE(is_one_of_documented(o, api.errors_for("ids.too_many")))
      << "for " << api.batch->max + 1 << " ids in " << api.batch->parameter;
}

void accepts_the_batch_limit(Case& c) {
  const core::Api& api = c.api();
  const auto ids = c.arrange("RUNNING", {}, static_cast<int>(api.batch->max));
  core::Outcome o = c.call(c.target().id_params(api, ids));
  ASSERT_TRUE(o.ok) << api.batch->max << " RUNNING instances are within the documented limit; got " << o.summary();
  // The first and the last of the batch are both on their way (or arrived).
  for (const auto& id : {ids.front(), ids.back()}) {
    auto after = c.target().observe(api, id);
    ASSERT_TRUE(after.has_value());
    EXPECT_TRUE(after->state == "STOPPING" || after->state == "STOPPED")
        << id << " of the accepted batch is " << after->wire_state;
  }
}

// An id list that is absent, or present and empty, or (single API) no InstanceId at all.
std::vector<std::string> missing_triggers() { return {"ids.missing", "param.missing"}; }

void expect_refused_without_ids(Case& c, const json& params, const std::string& what, bool empty) {
  const core::Api& api = c.api();
  core::Outcome o = c.call(params);
  auto triggers = missing_triggers();
  if (empty) triggers.push_back("param.invalid_value");  // an empty value is also an invalid one
  EXPECT_TRUE(is_one_of_documented(o, documented_errors(c.catalogue(), api, triggers, true))) << "for " << what;
}

void rejects_a_missing_id_list(Case& c) {
  expect_refused_without_ids(c, json::object(), "a request without " + c.api().batch->parameter, false);
}

void rejects_an_empty_id_list(Case& c) {
  expect_refused_without_ids(c, json{{c.api().batch->parameter, json::array()}},
                             "an empty " + c.api().batch->parameter, true);
}

void rejects_a_missing_instance_id(Case& c) {
  expect_refused_without_ids(c, json::object(), "a request without InstanceId", false);
}

bool has_batch_optimization(const core::Api& api) { return api.batch && api.parameter("BatchOptimization"); }

bool all_or_nothing(const core::Api& api) {
  return has_batch_optimization(api) && api.parameter("BatchOptimization")->default_value == json("AllTogether");
}

void all_together_stops_nothing_when_one_fails(Case& c) {
  const core::Api& api = c.api();
  const std::string running = c.arrange("RUNNING").at(0);
  const std::string stopped = c.arrange("STOPPED").at(0);
  const auto before = c.snapshot({running, stopped});
  core::Outcome o = c.call(c.target().id_params(api, {running, stopped}));
  EXPECT_TRUE(is_one_of_documented(o, documented_errors(c.catalogue(), api, {"state.STOPPED", "state.not_accepted"})))
      << "a batch with a STOPPED instance fails as a whole";
  c.expect_unchanged(before, "the failed AllTogether batch (if one instance fails, none is stopped)");
}

// SuccessFirst: the good instances stop, and the answer reports every instance with its code
// and its previous and current status.
void success_first_reports_each_instance(Case& c) {
  const core::Api& api = c.api();
  const auto& per = *api.response.per_instance;
  const std::string running = c.arrange("RUNNING").at(0);
  const std::string stopped = c.arrange("STOPPED").at(0);
  const std::string missing = nonexistent_id(api);
  json params = c.target().id_params(api, {running, stopped, missing});
  params["BatchOptimization"] = "SuccessFirst";
  core::Outcome o = c.call(params);
  ASSERT_TRUE(o.ok) << "SuccessFirst answers success and reports failures per instance; got " << o.summary();
  const json::json_pointer list_ptr(per.list);
  ASSERT_TRUE(o.body.contains(list_ptr) && o.body[list_ptr].is_array())
      << "no per-instance list at " << per.list << " in " << o.body.dump();
  std::map<std::string, json> by_id;
  for (const auto& item : o.body[list_ptr])
    if (item.is_object() && item.contains(per.fields.at("id"))) by_id[item[per.fields.at("id")].get<std::string>()] = item;
  auto field = [&](const std::string& id, const char* key) {
    const json& item = by_id[id];
    const std::string& name = per.fields.at(key);
    return item.contains(name) && item[name].is_string() ? item[name].get<std::string>() : std::string();
  };
  for (const auto& id : {running, stopped, missing}) EXPECT_TRUE(by_id.count(id)) << id << " is not reported";
  EXPECT_EQ(field(running, "code"), "200") << "the RUNNING instance stopped";
  EXPECT_EQ(field(running, "previous"), api.status_model.wire("RUNNING"));
  auto refused = documented_errors(c.catalogue(), api, {"state.STOPPED", "state.not_accepted"});
  auto codes = [](const std::vector<const core::ErrorEntry*>& es) {
    std::set<std::string> s;
    for (const auto* e : es) s.insert(e->code);
    return s;
  };
  EXPECT_TRUE(codes(refused).count(field(stopped, "code"))) << "the STOPPED instance is reported with "
                                                            << field(stopped, "code");
  EXPECT_EQ(field(stopped, "previous"), api.status_model.wire("STOPPED"));
  EXPECT_EQ(field(stopped, "current"), api.status_model.wire("STOPPED"));
  EXPECT_TRUE(codes(api.errors_for("id.not_found")).count(field(missing, "code")))
      << "the nonexistent instance is reported with " << field(missing, "code");
  auto after = c.target().observe(api, running);
  ASSERT_TRUE(after.has_value());
  EXPECT_TRUE(after->state == "STOPPING" || after->state == "STOPPED") << "the RUNNING one is " << after->wire_state;
  auto still = c.target().observe(api, stopped);
  ASSERT_TRUE(still.has_value());
  EXPECT_EQ(still->state, "STOPPED");
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
      {"RejectsMoreIdsThanTheBatchLimit", "batch", batch,
       [&catalogue](const core::Api& api) { return batch_sources(catalogue, api, {"ids.too_many"}, false); },
       rejects_more_ids_than_the_batch_limit},
      {"AcceptsTheBatchLimit", "batch", batch,
       [](const core::Api& api) { return std::vector<core::Provenance>{api.batch->provenance}; },
       accepts_the_batch_limit},
      {"RejectsAMissingIdList", "batch", batch,
       [&catalogue](const core::Api& api) { return batch_sources(catalogue, api, missing_triggers(), true); },
       rejects_a_missing_id_list},
      {"RejectsAnEmptyIdList", "batch", batch,
       [&catalogue](const core::Api& api) { return batch_sources(catalogue, api, missing_triggers(), true); },
       rejects_an_empty_id_list},
      {"RejectsAMissingInstanceId", "batch", [](const core::Api& api) { return !api.batch.has_value(); },
       [&catalogue](const core::Api& api) { return batch_sources(catalogue, api, missing_triggers(), true); },
       rejects_a_missing_instance_id},
      {"AllTogetherStopsNothingWhenOneFails", "batch", all_or_nothing,
       [](const core::Api& api) { return std::vector<core::Provenance>{api.parameter("BatchOptimization")->provenance}; },
       all_together_stops_nothing_when_one_fails},
      {"SuccessFirstReportsEachInstance", "batch",
       [](const core::Api& api) { return has_batch_optimization(api) && api.response.per_instance.has_value(); },
       [](const core::Api& api) {
         return std::vector<core::Provenance>{api.parameter("BatchOptimization")->provenance, api.response.provenance};
       },
       success_first_reports_each_instance},
      {"RecordsWhatAMixedBatchDoes", "batch", [](const core::Api& api) { return api.batch && !has_batch_optimization(api); },
       [](const core::Api& api) {
         return std::vector<core::Provenance>{
             api.batch->provenance,
             {"silent", "", "", "", "the document does not say what a batch with one refused instance does"}};
       },
       records_what_a_mixed_batch_does},
  };
}

}  // namespace cc::suites
