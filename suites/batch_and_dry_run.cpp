// Batch limits and all-or-nothing batches, and dry-run semantics (Alibaba): what the seeds
// promise about a request as a whole.
#include "suites/behaviours.h"

namespace cc::suites {
namespace {

using nlohmann::json;

std::vector<std::string> nonexistent_ids(const core::Api& api, long long n) {
  std::vector<std::string> out;
  const auto& f = api.instance_id;
  for (long long i = 0; i < n; ++i) {
    std::string suffix = std::to_string(i);
    out.push_back(f.prefix + std::string(f.example.size() - f.prefix.size() - suffix.size(), '0') + suffix);
  }
  return out;
}

void rejects_more_ids_than_the_batch_limit(Case& c) {
  const core::Api& api = c.api();
  // Well-formed ids that name nothing: nothing can be stopped whatever the target does.
  core::Outcome o = c.call(c.target().id_params(api, nonexistent_ids(api, api.batch->max + 1)));
  EXPECT_TRUE(is_one_of_documented(o, api.errors_for("ids.too_many")))
      << "for " << api.batch->max + 1 << " ids in " << api.batch->parameter;
}

bool has_dry_run(const core::Api& api) { return api.dry_run.supported; }

void dry_run_changes_nothing(Case& c) {
  const core::Api& api = c.api();
  if (!c.target().has_control_plane()) GTEST_SKIP() << "the target has no control plane to create a RUNNING instance";
  const std::string id = c.target().create_instances(api, "RUNNING").at(0);
  json params = c.target().id_params(api, {id});
  params[api.dry_run.parameter] = true;
  core::Outcome o = c.call(params);
  EXPECT_FALSE(o.ok) << "a passing dry run answers " << api.dry_run.success_code << ", not success";
  EXPECT_EQ(o.code, api.dry_run.success_code) << o.summary();
  if (api.dry_run.http_status) EXPECT_EQ(o.http_status, *api.dry_run.http_status);
  auto after = c.target().observe(api, id);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->state, "RUNNING") << "a dry run must not stop the instance; it is now " << after->wire_state;
}

bool dry_run_always_succeeds_sometimes(const core::Api& api) {
  return api.dry_run.supported && !api.dry_run.always_success_when.empty();
}

void dry_run_always_succeeds_when_documented(Case& c) {
  const core::Api& api = c.api();
  // An invalid request (an id that names nothing) that the document says still gets success.
  json params = c.target().id_params(api, nonexistent_ids(api, 1));
  params[api.dry_run.parameter] = true;
  for (const auto& [k, v] : api.dry_run.always_success_when) params[k] = v;
  core::Outcome o = c.call(params);
  EXPECT_EQ(o.code, api.dry_run.success_code) << o.summary();
  if (api.dry_run.http_status) EXPECT_EQ(o.http_status, *api.dry_run.http_status);
}

bool all_or_nothing(const core::Api& api) {
  const core::Parameter* p = api.parameter("BatchOptimization");
  return api.batch && p && p->default_value == json("AllTogether");
}

void all_together_stops_nothing_when_one_fails(Case& c) {
  const core::Api& api = c.api();
  if (!c.target().has_control_plane()) GTEST_SKIP() << "the target has no control plane to arrange instances";
  const std::string running = c.target().create_instances(api, "RUNNING").at(0);
  const std::string stopped = c.target().create_instances(api, "STOPPED").at(0);
  core::Outcome o = c.call(c.target().id_params(api, {running, stopped}));
  EXPECT_FALSE(o.ok) << "a batch with a STOPPED instance fails as a whole; got " << o.summary();
  auto after = c.target().observe(api, running);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->state, "RUNNING") << "AllTogether: if one instance fails, none is stopped; the RUNNING one is now "
                                     << after->wire_state;
}

}  // namespace

std::vector<Behaviour> batch_and_dry_run_behaviours() {
  return {
      {"RejectsMoreIdsThanTheBatchLimit", "batch", [](const core::Api& api) { return api.batch.has_value(); },
       [](const core::Api& api) {
         std::vector<core::Provenance> p = {api.batch->provenance};
         for (const auto* e : api.errors_for("ids.too_many")) p.push_back(e->provenance);
         return p;
       },
       rejects_more_ids_than_the_batch_limit},
      {"AllTogetherStopsNothingWhenOneFails", "batch", all_or_nothing,
       [](const core::Api& api) { return std::vector<core::Provenance>{api.parameter("BatchOptimization")->provenance}; },
       all_together_stops_nothing_when_one_fails},
      {"DryRunChangesNothing", "dry_run", has_dry_run,
       [](const core::Api& api) { return std::vector<core::Provenance>{api.dry_run.provenance}; }, dry_run_changes_nothing},
      {"DryRunAlwaysSucceedsWhereDocumented", "dry_run", dry_run_always_succeeds_sometimes,
       [](const core::Api& api) { return std::vector<core::Provenance>{api.dry_run.provenance}; },
       dry_run_always_succeeds_when_documented},
  };
}

}  // namespace cc::suites
