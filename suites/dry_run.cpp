// Dry run (Alibaba): a valid request answers the dry-run code and changes nothing; an invalid
// one answers its real validation error; SuccessFirst + DryRun always answers the dry-run
// code. The Tencent pages document no DryRun: what the parameter gets is recorded.
#include "suites/behaviours.h"
#include "suites/instance_ids.h"

namespace cc::suites {
namespace {

using nlohmann::json;

bool has_dry_run(const core::Api& api) { return api.dry_run.supported; }

void dry_run_changes_nothing(Case& c) {
  const core::Api& api = c.api();
  const std::string id = c.arrange("RUNNING").at(0);
  const auto before = c.snapshot({id});
  json params = c.target().id_params(api, {id});
  params[api.dry_run.parameter] = true;
  core::Outcome o = c.call(params);
  EXPECT_FALSE(o.ok) << "a passing dry run answers " << api.dry_run.success_code << ", not success";
  EXPECT_EQ(o.code, api.dry_run.success_code) << o.summary();
  if (api.dry_run.http_status) {
    EXPECT_EQ(o.http_status, *api.dry_run.http_status);
  }
  c.expect_unchanged(before, "the dry run");
}

void dry_run_reports_the_real_validation_error(Case& c) {
  const core::Api& api = c.api();
  const std::string id = c.arrange("STOPPED").at(0);
  const auto before = c.snapshot({id});
  json params = c.target().id_params(api, {id});
  params[api.dry_run.parameter] = true;
  core::Outcome o = c.call(params);
  EXPECT_TRUE(is_one_of_documented(o, documented_errors(c.catalogue(), api, {"state.STOPPED", "state.not_accepted"})))
      << "a dry run of an invalid request answers the error the real call would get";
  c.expect_unchanged(before, "the dry run");
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
  if (api.dry_run.http_status) {
    EXPECT_EQ(o.http_status, *api.dry_run.http_status);
  }
}

void records_what_a_dry_run_parameter_does(Case& c) {
  const core::Api& api = c.api();
  const std::string id = c.arrange("RUNNING").at(0);
  json params = c.target().id_params(api, {id});
  params["DryRun"] = true;
  core::Outcome o = c.call(params);
  c.observe("answer to DryRun=true", answer_of(o));
  auto after = c.target().observe(api, id);
  if (after) c.observe("the instance afterwards", after->wire_state);
}

std::vector<core::Provenance> dry_run_sources(const core::Api& api) { return {api.dry_run.provenance}; }

}  // namespace

std::vector<Behaviour> dry_run_behaviours() {
  return {
      {"DryRunChangesNothing", "dry_run", has_dry_run, dry_run_sources, dry_run_changes_nothing},
      {"DryRunReportsTheRealValidationError", "dry_run", has_dry_run, dry_run_sources,
       dry_run_reports_the_real_validation_error},
      {"DryRunAlwaysSucceedsWhereDocumented", "dry_run", dry_run_always_succeeds_sometimes, dry_run_sources,
       dry_run_always_succeeds_when_documented},
      {"RecordsWhatADryRunParameterDoes", "dry_run", [](const core::Api& api) { return !api.dry_run.supported; },
       [](const core::Api& api) {
         return std::vector<core::Provenance>{
             {"silent", "", "", "", api.id + "'s document has no DryRun parameter"}};
       },
       records_what_a_dry_run_parameter_does},
  };
}

}  // namespace cc::suites
