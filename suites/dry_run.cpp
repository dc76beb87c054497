// Dry run (Alibaba): a valid request answers the dry-run code and changes nothing; an invalid
// one answers its real validation error; SuccessFirst + DryRun always answers the dry-run
// code. The Tencent pages document no DryRun: what the parameter gets is recorded.
#include "suites/behaviours.h"
#include "suites/instance_ids.h"

namespace cc::suites {
namespace {

using nlohmann::json;

bool has_dry_run(const core::Api& api) { return api.dry_run.supported; }

// The dry run's answer: its code (the page's sentence) and that code's HTTP status (its own
// row, or — where the page gives none — the reference's inference, graded apart).
void expect_dry_run_answer(Case& c, const core::Outcome& o) {
  const core::Api& api = c.api();
  c.check("code", !o.ok && o.code == api.dry_run.success_code,
          "expected the dry-run code " + api.dry_run.success_code + "; got " + o.summary());
  if (api.dry_run.http_status && o.code == api.dry_run.success_code)
    c.check("status", o.http_status == *api.dry_run.http_status,
            "expected " + o.code + " with HTTP " + std::to_string(*api.dry_run.http_status) +
                "; it came with HTTP " + std::to_string(o.http_status));
}

std::vector<Claim> dry_run_answer_claims(const core::Api& api) {
  std::vector<core::Provenance> status = {api.dry_run.http_status_rests_on()};
  for (const auto& p : status_provenance(api.errors_for("dry_run.pass"))) status.push_back(p);
  return {{"code",
           "a dry run that passes answers " + api.dry_run.success_code,
           {api.dry_run.provenance}},
          {"status", "the dry-run code comes with its HTTP status", status}};
}

void dry_run_changes_nothing(Case& c) {
  const core::Api& api = c.api();
  const std::string id = c.arrange("RUNNING").at(0);
  const auto before = c.snapshot({id});
  json params = c.target().id_params(api, {id});
  params[api.dry_run.parameter] = true;
  core::Outcome o = c.call(params);
  expect_dry_run_answer(c, o);
  c.expect_unchanged(before, "the dry run");
}

std::vector<Claim> changes_nothing_claims(const core::Api& api) {
  auto out = dry_run_answer_claims(api);
  out.push_back({"unchanged", "a dry run changes no instance", {api.dry_run.provenance}});
  return out;
}

// Both pages say the dry run checks required parameters: a dry run without the id gets the real
// call's error, not the dry-run code. (Only 003 says it checks instance status; 004 does not.)
void dry_run_reports_the_real_validation_error(Case& c) {
  const core::Api& api = c.api();
  json params = json::object();
  params[api.dry_run.parameter] = true;
  core::Outcome o = c.call(params);
  c.observe("answer to a dry run without instance ids", answer_of(o));
  c.expect_refused(o, documented_errors(c.catalogue(), api, {"ids.missing", "param.missing"}, true),
                   "a dry run without the required instance id");
  c.check("real_error", o.code != api.dry_run.success_code,
          "expected the real call's error, not the dry-run code " + api.dry_run.success_code);
}

std::vector<Claim> validation_claims(const core::Catalogue& catalogue, const core::Api& api) {
  auto out = refusal_claims(
      "a dry run without the required instance id", {api.dry_run.provenance},
      documented_errors(catalogue, api, {"ids.missing", "param.missing"}, true), false);
  out.push_back({"real_error",
                 "a dry run of an invalid request answers an error, not the dry-run code",
                 {api.dry_run.provenance}});
  return out;
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
  expect_dry_run_answer(c, c.call(params));
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

std::vector<core::Provenance> dry_run_sources(const core::Api& api) {
  return {api.dry_run.provenance};
}

}  // namespace

std::vector<Behaviour> dry_run_behaviours(const core::Catalogue& catalogue) {
  return {
      {"DryRunChangesNothing", core::Family::DryRun, has_dry_run, dry_run_sources,
       dry_run_changes_nothing, changes_nothing_claims},
      {"DryRunReportsTheRealValidationError", core::Family::DryRun, has_dry_run, dry_run_sources,
       dry_run_reports_the_real_validation_error,
       [&catalogue](const core::Api& api) { return validation_claims(catalogue, api); }},
      {"DryRunAlwaysSucceedsWhereDocumented", core::Family::DryRun,
       dry_run_always_succeeds_sometimes, dry_run_sources, dry_run_always_succeeds_when_documented,
       dry_run_answer_claims},
      {"RecordsWhatADryRunParameterDoes", core::Family::DryRun,
       [](const core::Api& api) { return !api.dry_run.supported; },
       [](const core::Api& api) {
         return std::vector<core::Provenance>{
             silent(api.id + "'s document has no DryRun parameter")};
       },
       records_what_a_dry_run_parameter_does},
  };
}

}  // namespace cc::suites
